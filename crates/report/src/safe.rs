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

/// A JSON formatter that writes DEL and the C1 controls (U+0080–U+009F) as `\u` escapes too.
/// JSON allows them raw inside strings and serde_json leaves them so; a terminal or a log that
/// shows the document would obey a C1 control as an escape sequence. The strings read back the
/// same. `F` decides the layout (compact or pretty).
pub(crate) struct ControlEscaping<F>(pub(crate) F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for ControlEscaping<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let bytes = fragment.as_bytes();
        let mut from = 0;
        // DEL is 0x7f; a C1 control is 0xc2 followed by 0x80..=0x9f in UTF-8.
        for at in memchr::memchr2_iter(0x7f, 0xc2, bytes) {
            let c1 =
                bytes[at] == 0xc2 && bytes.get(at + 1).is_some_and(|b| (0x80..0xa0).contains(b));
            if bytes[at] == 0x7f || c1 {
                w.write_all(&bytes[from..at])?;
                let code = if c1 { bytes[at + 1] } else { 0x7f };
                write!(w, "\\u{code:04x}")?;
                from = at + if c1 { 2 } else { 1 };
            }
        }
        w.write_all(&bytes[from..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `v` as JSON in `F`'s layout, DEL and the C1 controls escaped ([`ControlEscaping`]).
pub(crate) fn write_json_with<F: serde_json::ser::Formatter>(
    out: &mut dyn io::Write,
    v: &impl serde::Serialize,
    layout: F,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(out, ControlEscaping(layout));
    v.serialize(&mut ser).map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_del_and_c1_and_reads_back_the_same() {
        let text = "a\u{7f}b\u{85}c\u{9f}d\u{a0}é\u{1b}";
        for pretty in [false, true] {
            let mut out = Vec::new();
            if pretty {
                write_json_with(&mut out, &[text], serde_json::ser::PrettyFormatter::new())
            } else {
                write_json_with(&mut out, &[text], serde_json::ser::CompactFormatter)
            }
            .unwrap();
            let json = String::from_utf8(out).unwrap();
            // U+00A0 is not a control: it stays as itself.
            let want = concat!(r"a\u007fb\u0085c\u009fd", "\u{a0}", r"é\u001b");
            assert!(json.contains(want), "{json}");
            assert!(
                !json
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != ' ')
            );
            let back: Vec<String> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, [text]);
        }
    }

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
