//! JSON as reprint writes it for people's terminals and logs: serde_json's output with DEL and
//! the C1 controls escaped too, so that corpus text in a document cannot act on a terminal.

use std::io;

/// A JSON formatter that writes DEL and the C1 controls (U+0080–U+009F) as `\u` escapes too.
/// JSON allows them raw inside strings and serde_json leaves them so; a terminal or a log that
/// shows the document would obey a C1 control as an escape sequence. The strings read back the
/// same. `F` decides the layout (compact or pretty).
struct ControlEscaping<F>(F);

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

/// Writes `v` as JSON in `F`'s layout, DEL and the C1 controls written as `\u` escapes.
pub fn write_json_with<F: serde_json::ser::Formatter>(
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
}
