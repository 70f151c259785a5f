//! Text from the corpus made safe for where reprint prints it: a terminal, a CI log, stderr.
//!
//! Article ids, outlet names, dates, titles, quoted text and file names come from whoever wrote
//! the corpus. Printed raw, an ESC or BEL starts a terminal escape sequence (a window title, a
//! cleared screen, an OSC 52 clipboard write), a CR or backspace overwrites what was printed
//! before, and a line feed followed by `::error …::` or `::stop-commands::` becomes a GitHub
//! workflow command in any workflow that runs reprint. [`fn@line`] shows every such character as a
//! visible escape instead, so a printed string is always one inert line.
//!
//! This is for text and log output only. JSON and SARIF carry the exact strings, escaped as
//! JSON and with DEL and the C1 controls as `\u` escapes too (`ControlEscaping`); the HTML
//! pages escape for HTML.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

/// Whether `c` must not reach a terminal or a log as itself: the C0 controls (tab, line feed
/// and carriage return included), DEL, the C1 controls (U+0080–U+009F, which some terminals
/// obey as escape sequences) and the bidirectional overrides and isolates, which reorder what
/// the reader sees.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `s`, placed at the start of a line, would be read by the GitHub runner as a
/// workflow command: `::name …` after leading whitespace (the runner trims it), or the older
/// `##[name]` anywhere in the line.
fn looks_like_command(s: &str) -> bool {
    s.trim_start().starts_with("::") || s.contains("##[")
}

/// `s` as one inert line: each character of [`is_unsafe`] written as an escape (`\n`, `\r`,
/// `\t`, `\x1b`, `\u{85}`, `\u{202e}`), a leading `::` written `\::`, and `##[` written
/// `#\#[`. Borrowed when nothing needed escaping, which is nearly always.
pub fn line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) && !looks_like_command(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let lead = s.len() - s.trim_start().len();
    let body = &s[lead..];
    for c in s[..lead].chars() {
        push(&mut out, c);
    }
    if body.starts_with("::") {
        out.push('\\');
    }
    for c in body.chars() {
        push(&mut out, c);
    }
    if out.contains("##[") {
        out = out.replace("##[", "#\\#[");
    }
    Cow::Owned(out)
}

/// `s` with each of its lines made safe by [`fn@line`]: for reprint's own messages of several
/// lines, where a line feed of the corpus's can at worst start a line that is itself inert.
pub fn lines(s: &str) -> String {
    s.split('\n').map(line).collect::<Vec<_>>().join("\n")
}

/// Writes `args` as one line made safe by [`fn@line`], then a line feed.
pub fn write_line(out: &mut dyn io::Write, args: std::fmt::Arguments<'_>) -> io::Result<()> {
    let text = match args.as_str() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(args.to_string()),
    };
    out.write_all(line(&text).as_bytes())?;
    out.write_all(b"\n")
}

fn push(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x80 && is_unsafe(c) => {
            let _ = write!(out, "\\x{:02x}", c as u32);
        }
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// JSON writing with DEL and the C1 controls escaped, shared with every JSON output.
pub(crate) use reprint_core::write_json_with;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(line("Reuters, 2024-05-01"), Cow::Borrowed(_)));
        assert!(matches!(line("a ¶3 – “quoted”"), Cow::Borrowed(_)));
    }

    #[test]
    fn controls_become_visible_escapes() {
        assert_eq!(line("a\x1b]0;title\x07b"), "a\\x1b]0;title\\x07b");
        assert_eq!(line("x\r\ny\tz\x08\x7f"), "x\\r\\ny\\tz\\x08\\x7f");
        assert_eq!(line("c1\u{9b}31m"), "c1\\u{9b}31m");
        assert_eq!(line("ltr\u{202e}rtl"), "ltr\\u{202e}rtl");
    }

    #[test]
    fn workflow_commands_are_defused() {
        assert_eq!(line("::error file=a::x"), "\\::error file=a::x");
        assert_eq!(line("  ::stop-commands::t"), "  \\::stop-commands::t");
        assert_eq!(line("id\n::error::x"), "id\\n::error::x");
        assert_eq!(line("a ##[error]b"), "a #\\#[error]b");
        // Not at the start: not a command, left as it is.
        assert_eq!(line("urn:a::b"), "urn:a::b");
    }

    #[test]
    fn the_result_is_always_one_safe_line() {
        for s in ["\n\n::x", "\u{85}::x", "\t::warning::y", "##[##[", "::"] {
            let l = line(s);
            assert!(!l.chars().any(is_unsafe), "{l:?}");
            assert!(!l.trim_start().starts_with("::"), "{l:?}");
            assert!(!l.contains("##["), "{l:?}");
        }
    }
}
