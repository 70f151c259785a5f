//! Streams the elements of one top-level JSON array (`[{...}, {...}]`) as records, without
//! holding the file: a dump of a million articles as one array must not need its size in
//! memory. Elements are found by their brackets and strings alone; decoding each is left to
//! [`super::meta`], so an element that is not valid JSON is reported with its number while the
//! others are still read, as a bad line of a JSONL file is.

use super::Compression;
use super::read::{RawRecord, RecordSink, read_error};
use crate::error::{RecordError, Unit};
use std::io::{BufRead, BufReader, Read};

/// Where the scanner is, between buffer refills.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the opening `[` (spaces and a byte-order mark may come first).
    Start,
    /// Between elements, outside any string, at bracket depth `depth` (0: between elements).
    Outside { depth: u32 },
    /// Inside a string at bracket depth `depth`; `escaped` when the byte before was `\`.
    InString { depth: u32, escaped: bool },
    /// After the closing `]`: only spaces may follow.
    Done,
}

/// Streams the elements of the JSON array `reader` holds as records numbered from 1.
pub(super) fn stream_array(
    file: u32,
    display: &str,
    c: Compression,
    reader: &mut BufReader<Box<dyn Read>>,
    want: &dyn Fn(u32, u32) -> bool,
    sink: &mut dyn RecordSink,
) {
    let mut scan = Scanner {
        file,
        display,
        want,
        state: State::Start,
        n: 0,
        cur: Vec::new(),
        trailing: false,
    };
    loop {
        let buf = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => {
                let at = scan.n.saturating_add(1);
                sink.error(read_error(display, c, Unit::Record, at, e));
                return;
            }
        };
        if buf.is_empty() {
            break;
        }
        let len = buf.len();
        let stop = scan.feed(buf, sink);
        sink.progress(len as u64);
        reader.consume(len);
        if stop {
            return;
        }
    }
    scan.finish(sink);
}

/// The array scanner: where it is and the element read so far.
struct Scanner<'a> {
    file: u32,
    display: &'a str,
    want: &'a dyn Fn(u32, u32) -> bool,
    state: State,
    /// Elements begun so far (the number of the one being read).
    n: u32,
    /// The bytes of the element being read.
    cur: Vec<u8>,
    /// Whether text after the closing `]` was already reported.
    trailing: bool,
}

impl Scanner<'_> {
    /// Scans one buffer. True when the rest of the file is to be skipped (it is no array).
    // Stays long: one byte loop over the scanner's states (before, in an element, in a
    // string, after); split, each piece would need the loop's position and state back.
    fn feed(&mut self, buf: &[u8], sink: &mut dyn RecordSink) -> bool {
        // `from` is where the unsaved part of the current element starts in `buf`.
        let mut from = 0;
        let mut i = 0;
        while i < buf.len() {
            match self.state {
                State::Start => {
                    let b = buf[i];
                    if b == b'[' {
                        self.state = State::Outside { depth: 0 };
                    } else if !(b.is_ascii_whitespace() || (self.n == 0 && is_bom_byte(b))) {
                        sink.error(RecordError::file(
                            self.display,
                            "not a JSON array: the first byte that is not a space is not `[`; skipped",
                        ));
                        return true;
                    }
                    i += 1;
                    from = i;
                }
                State::Done => {
                    if !self.trailing && !buf[i..].iter().all(u8::is_ascii_whitespace) {
                        self.trailing = true;
                        sink.error(RecordError::at(
                            self.display,
                            Unit::Record,
                            self.n,
                            "text after the array's closing `]`; ignored",
                        ));
                    }
                    return false;
                }
                State::InString { depth, escaped } => {
                    if escaped {
                        self.state = State::InString {
                            depth,
                            escaped: false,
                        };
                        i += 1;
                        continue;
                    }
                    match memchr::memchr2(b'"', b'\\', &buf[i..]) {
                        None => i = buf.len(),
                        Some(at) => {
                            let escaped = buf[i + at] == b'\\';
                            self.state = if escaped {
                                State::InString {
                                    depth,
                                    escaped: true,
                                }
                            } else {
                                State::Outside { depth }
                            };
                            i += at + 1;
                        }
                    }
                }
                State::Outside { depth } => {
                    let b = buf[i];
                    match b {
                        b'"' => {
                            self.state = State::InString {
                                depth,
                                escaped: false,
                            }
                        }
                        b'{' | b'[' => self.state = State::Outside { depth: depth + 1 },
                        b'}' | b']' if depth > 0 => {
                            self.state = State::Outside { depth: depth - 1 }
                        }
                        b',' | b']' if depth == 0 => {
                            self.cur.extend_from_slice(&buf[from..i]);
                            self.end_element(b == b']', sink);
                            i += 1;
                            from = i;
                            continue;
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
        }
        if matches!(self.state, State::Outside { .. } | State::InString { .. }) {
            self.cur.extend_from_slice(&buf[from..]);
        }
        false
    }

    /// Hands over the element just ended by `,` or (when `last`) by `]`.
    fn end_element(&mut self, last: bool, sink: &mut dyn RecordSink) {
        let blank = self.cur.iter().all(u8::is_ascii_whitespace);
        if last {
            self.state = State::Done;
            // `[]` and the space before `]` hold no element.
            if blank && (self.n == 0) {
                self.cur.clear();
                return;
            }
        }
        self.n = self.n.saturating_add(1);
        let bytes = std::mem::take(&mut self.cur);
        if blank {
            let why = if last {
                "empty element: a comma before the closing `]`"
            } else {
                "empty element: two commas with nothing between"
            };
            sink.error(RecordError::at(self.display, Unit::Record, self.n, why));
        } else if (self.want)(self.file, self.n) {
            sink.record(RawRecord {
                file: self.file,
                line: self.n,
                bytes,
                row: None,
            });
        }
    }

    /// Reports an array the input ended inside of.
    fn finish(&mut self, sink: &mut dyn RecordSink) {
        match self.state {
            State::Done => {}
            State::Start => sink.error(RecordError::file(
                self.display,
                "empty file: no records in it",
            )),
            State::Outside { .. } | State::InString { .. } => {
                let n = self.n.saturating_add(1);
                sink.error(RecordError::at(
                    self.display,
                    Unit::Record,
                    n,
                    "the file ends inside the array (no closing `]`): truncated? This element is skipped",
                ));
            }
        }
    }
}

/// A byte of the UTF-8 byte-order mark (EF BB BF), which may come before the `[`.
fn is_bom_byte(b: u8) -> bool {
    matches!(b, 0xEF | 0xBB | 0xBF)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::read::RawRecord;

    #[derive(Default)]
    struct Collect {
        records: Vec<(u32, String)>,
        errors: Vec<String>,
    }

    impl RecordSink for Collect {
        fn record(&mut self, r: RawRecord) {
            self.records
                .push((r.line, String::from_utf8_lossy(&r.bytes).trim().to_string()));
        }
        fn error(&mut self, e: RecordError) {
            self.errors.push(e.to_string());
        }
    }

    /// Streams `text` in buffers of `chunk` bytes.
    fn run(text: &str, chunk: usize) -> Collect {
        let reader: Box<dyn Read> = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let mut reader = BufReader::with_capacity(chunk, reader);
        let mut sink = Collect::default();
        stream_array(
            0,
            "z.json",
            Compression::None,
            &mut reader,
            &|_, _| true,
            &mut sink,
        );
        sink
    }

    #[test]
    fn elements_are_split_by_brackets_and_strings() {
        let text = "\u{feff} [ {\"text\": \"a, ] } [ \\\" \\\\\", \"n\": [1, {\"x\": 2}]},\n  {\"text\": \"b\"} ,5 ]\n";
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let s = run(text, chunk);
            assert_eq!(
                s.records,
                [
                    (
                        1,
                        "{\"text\": \"a, ] } [ \\\" \\\\\", \"n\": [1, {\"x\": 2}]}".to_string()
                    ),
                    (2, "{\"text\": \"b\"}".to_string()),
                    (3, "5".to_string()),
                ],
                "chunk {chunk}"
            );
            assert!(s.errors.is_empty(), "{:?}", s.errors);
        }
        assert!(run("[]", 4).records.is_empty() && run(" [ ] ", 4).errors.is_empty());
    }

    #[test]
    fn bad_arrays_name_the_record() {
        let s = run("[{\"text\": \"a\"},,{\"text\": \"b\"},]", 5);
        assert_eq!(s.records.len(), 2);
        assert_eq!(
            s.errors,
            [
                "z.json record 2: empty element: two commas with nothing between",
                "z.json record 4: empty element: a comma before the closing `]`"
            ]
        );
        let s = run("[{\"text\": \"a\"}, {\"text\": \"b", 5);
        assert_eq!(s.records.len(), 1);
        assert!(s.errors[0].starts_with("z.json record 2: the file ends inside the array"));
        let s = run("[{\"text\": \"a\"}] x", 5);
        assert_eq!(s.records.len(), 1);
        assert!(
            s.errors[0].starts_with("z.json record 1: text after"),
            "{:?}",
            s.errors
        );
        let s = run("{\"text\": \"a\"}", 5);
        assert!(s.records.is_empty() && s.errors[0].contains("not a JSON array"));
    }
}
