//! The text report as a terminal shows it: finding kinds and headings in colour, and long lines
//! wrapped to the terminal's width with a hanging indent.
//!
//! The text writers produce the same bytes wherever they go (files, pipes and CI logs compare
//! equal); [`ForTerminal`] restyles that text line by line on its way to a terminal. Corpus
//! text in the lines is already escaped ([`crate::safe`]), so the only escape sequences in the
//! output are the ones added here.

use anstyle::{AnsiColor, Style};
use std::io::{self, Write};
use unicode_width::UnicodeWidthChar;

/// How a line is restyled: colours on or off, and the width to wrap to (none: no wrapping).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    /// Colour finding kinds and headings.
    pub color: bool,
    /// Wrap lines longer than this many columns.
    pub width: Option<usize>,
}

/// Narrowest width wrapped to: below it, wrapping would leave a word a line.
const MIN_WIDTH: usize = 30;

/// A writer that restyles whole lines for a terminal and passes them to `inner`.
pub struct ForTerminal<W: Write> {
    inner: W,
    look: Look,
    pending: Vec<u8>,
}

impl<W: Write> ForTerminal<W> {
    /// Wraps `inner`.
    pub fn new(inner: W, look: Look) -> Self {
        ForTerminal {
            inner,
            look,
            pending: Vec::new(),
        }
    }

    fn emit(&mut self, line: &[u8]) -> io::Result<()> {
        let text = String::from_utf8_lossy(line);
        for (i, piece) in wrap(&text, self.look.width).iter().enumerate() {
            let styled = if self.look.color {
                paint(piece, i > 0)
            } else {
                piece.clone()
            };
            self.inner.write_all(styled.as_bytes())?;
            self.inner.write_all(b"\n")?;
        }
        Ok(())
    }
}

impl<W: Write> Write for ForTerminal<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(nl) = memchr::memchr(b'\n', &self.pending) {
            let line: Vec<u8> = self.pending.drain(..=nl).collect();
            self.emit(&line[..line.len() - 1])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            let text = String::from_utf8_lossy(&line).into_owned();
            // The last line has no newline: written as it is, after its wrapped head.
            let pieces = wrap(&text, self.look.width);
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 {
                    self.inner.write_all(b"\n")?;
                }
                self.inner.write_all(piece.as_bytes())?;
            }
        }
        self.inner.flush()
    }
}

/// `line` cut at spaces into pieces of at most `width` columns; the pieces after the first are
/// indented two columns past the line's own indent. A word longer than the width is cut.
pub(crate) fn wrap(line: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width.map(|w| w.max(MIN_WIDTH)) else {
        return vec![line.to_string()];
    };
    if columns(line) <= width {
        return vec![line.to_string()];
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    let hang = " ".repeat((indent + 2).min(width / 2));
    let mut out = Vec::new();
    let mut cur = line[..indent].to_string();
    let mut cur_cols = indent;
    let mut fresh = true;
    for word in line[indent..].split(' ') {
        let w = columns(word);
        if !fresh && cur_cols + 1 + w > width {
            out.push(std::mem::replace(&mut cur, hang.clone()));
            cur_cols = hang.len();
            fresh = true;
        }
        if !fresh {
            cur.push(' ');
            cur_cols += 1;
        }
        // A word wider than a whole line is cut where the line ends.
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if cur_cols + cw > width && cur_cols > hang.len() {
                out.push(std::mem::replace(&mut cur, hang.clone()));
                cur_cols = hang.len();
            }
            cur.push(c);
            cur_cols += cw;
        }
        fresh = false;
    }
    out.push(cur);
    out
}

/// Display columns of `s`.
fn columns(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Colour for a finding kind's tag.
fn kind_color(kind: &str) -> Option<AnsiColor> {
    Some(match kind {
        "boilerplate" => AnsiColor::Yellow,
        "aggregator_footer" => AnsiColor::Magenta,
        "reused_wording" => AnsiColor::Cyan,
        "syndicated_article" => AnsiColor::Blue,
        "duplicate_article" => AnsiColor::Red,
        "internal_duplicate" => AnsiColor::Green,
        _ => return None,
    })
}

/// `piece` with its finding tag (`[kind]` opening the line) coloured and section headings (an
/// unindented line of a few words) in bold. Continuation pieces are left plain.
fn paint(piece: &str, continuation: bool) -> String {
    if continuation || piece.is_empty() || piece.starts_with(' ') {
        return piece.to_string();
    }
    if let Some(rest) = piece.strip_prefix('[')
        && let Some((kind, after)) = rest.split_once(']')
        && let Some(color) = kind_color(kind)
    {
        let style = Style::new().fg_color(Some(color.into())).bold();
        return format!("{style}[{kind}]{style:#}{after}");
    }
    let heading = !piece.contains(':') && piece.split(' ').count() <= 3;
    if heading {
        let style = Style::new().bold();
        return format!("{style}{piece}{style:#}");
    }
    piece.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_wrap_with_a_hanging_indent() {
        let line =
            "    004 ¶26  \"Do you have a tip on a world news story that news week should cover?\"";
        let pieces = wrap(line, Some(40));
        assert!(pieces.len() > 1, "{pieces:?}");
        for p in &pieces {
            assert!(columns(p) <= 40, "{p:?}");
        }
        assert!(pieces[1].starts_with("      D") || pieces[1].starts_with("      "));
        assert_eq!(
            pieces.join(" ").split_whitespace().collect::<Vec<_>>(),
            line.split_whitespace().collect::<Vec<_>>()
        );
    }

    #[test]
    fn short_lines_and_no_width_stay_as_they_are() {
        assert_eq!(wrap("Findings", Some(80)), ["Findings"]);
        let long = "x ".repeat(100);
        assert_eq!(wrap(&long, None), vec![long]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let url = format!("  https://example.com/{}", "a".repeat(100));
        for p in wrap(&url, Some(40)) {
            assert!(columns(&p) <= 40, "{p:?}");
        }
    }

    #[test]
    fn kinds_and_headings_are_coloured_and_the_rest_is_plain() {
        let mut out = Vec::new();
        {
            let mut t = ForTerminal::new(
                &mut out,
                Look {
                    color: true,
                    width: Some(80),
                },
            );
            t.write_all(
                b"Findings\n[boilerplate] cue comment_prompt, tail\n    a \xc2\xb618  \"x\"\n",
            )
            .unwrap();
            t.flush().unwrap();
        }
        let s = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = s.lines().collect();
        assert!(lines[0].starts_with("\u{1b}[1m") && lines[0].contains("Findings"));
        assert!(lines[1].starts_with("\u{1b}[") && lines[1].contains("[boilerplate]\u{1b}[0m cue"));
        assert_eq!(lines[2], "    a ¶18  \"x\"");
    }

    #[test]
    fn without_colour_or_width_the_bytes_pass_unchanged() {
        let text = "Findings\n[boilerplate] cue\n    a line\nlast";
        let mut out = Vec::new();
        {
            let mut t = ForTerminal::new(&mut out, Look::default());
            t.write_all(text.as_bytes()).unwrap();
            t.flush().unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), text);
    }
}
