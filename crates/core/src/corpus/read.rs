//! Streams the raw records of a corpus's files, in order: a `.txt` file is one record, a JSONL
//! line is one record. Records stay bytes here; decoding them is [`super::meta`]'s job, so the
//! pipeline can decode in parallel while this reads sequentially.

use super::{Corpus, FileKind};
use crate::error::RecordError;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

/// One record's bytes and where they came from.
#[derive(Debug)]
pub struct RawRecord {
    /// Index of the file in [`Corpus::files`].
    pub file: u32,
    /// 1-based line for JSONL; 0 for a `.txt` file.
    pub line: u32,
    /// The record: the whole file for `.txt`, the line without its line break for JSONL.
    pub bytes: Vec<u8>,
}

/// Receives what [`Corpus::stream`] reads.
pub trait RecordSink {
    /// A record to decode.
    fn record(&mut self, record: RawRecord);
    /// A file or line that could not be read.
    fn error(&mut self, error: RecordError);
    /// Bytes of input consumed so far grew by `n` (for progress).
    fn progress(&mut self, _n: u64) {}
}

impl Corpus {
    /// Reads every file in order. `want(file, line)` may skip records without handing them
    /// over (the bytes are still read past); `.txt` files have line 0.
    pub fn stream(&self, want: &dyn Fn(u32, u32) -> bool, sink: &mut dyn RecordSink) {
        for (i, f) in self.files.iter().enumerate() {
            let i = i as u32;
            match f.kind {
                FileKind::Txt => {
                    if !want(i, 0) {
                        continue;
                    }
                    match std::fs::read(&f.path) {
                        Ok(bytes) => {
                            sink.progress(bytes.len() as u64);
                            sink.record(RawRecord {
                                file: i,
                                line: 0,
                                bytes,
                            });
                        }
                        Err(e) => sink.error(RecordError::file(&f.display, e.to_string())),
                    }
                }
                FileKind::Jsonl | FileKind::JsonlGz => {
                    let file = match File::open(&f.path) {
                        Ok(file) => file,
                        Err(e) => {
                            sink.error(RecordError::file(&f.display, e.to_string()));
                            continue;
                        }
                    };
                    let reader: Box<dyn Read> = if f.kind == FileKind::JsonlGz {
                        Box::new(flate2::read::MultiGzDecoder::new(BufReader::with_capacity(
                            1 << 16,
                            file,
                        )))
                    } else {
                        Box::new(file)
                    };
                    stream_lines(
                        i,
                        &f.display,
                        f.kind == FileKind::JsonlGz,
                        reader,
                        want,
                        sink,
                    );
                }
            }
        }
    }
}

/// Why a JSONL file whose first bytes are `head` cannot be read as JSONL, if it cannot: a
/// byte-order mark of another encoding, gzip data under the wrong name, or binary data.
fn head_problem(head: &[u8], gz: bool) -> Option<String> {
    match super::meta::foreign_bom(head) {
        Some(enc) => Some(format!(
            "{enc} text (byte-order mark); reprint reads UTF-8: convert it first \
             (e.g. iconv -f {enc} -t UTF-8); skipped"
        )),
        None if gz && super::meta::looks_binary(head) => {
            Some("corrupt gzip stream: it decompresses to binary data, not JSONL; skipped".into())
        }
        None if head.starts_with(&[0x1f, 0x8b]) => Some(
            "gzip-compressed data: name the file .jsonl.gz, or decompress it first \
             (gunzip -c FILE | reprint ... -); skipped"
                .into(),
        ),
        None if super::meta::looks_binary(head) => {
            Some("binary file (NUL or control bytes), not JSONL; skipped".into())
        }
        None => None,
    }
}

fn stream_lines(
    file: u32,
    display: &str,
    gz: bool,
    reader: Box<dyn Read>,
    want: &dyn Fn(u32, u32) -> bool,
    sink: &mut dyn RecordSink,
) {
    let mut reader = BufReader::with_capacity(1 << 20, reader);
    let read_error = |line: u32, e: std::io::Error| {
        let what = if gz {
            "truncated or corrupt gzip stream"
        } else {
            "read error"
        };
        RecordError::line(
            display,
            line,
            format!("{what}: {e}; rest of the file skipped"),
        )
    };
    // A binary file given a .jsonl name would yield one garbage record per stray newline.
    match reader.fill_buf() {
        Ok([]) => {
            sink.error(RecordError::file(display, "empty file: no records in it"));
            return;
        }
        Ok(head) => {
            if let Some(message) = head_problem(head, gz) {
                sink.error(RecordError::file(display, message));
                return;
            }
        }
        Err(e) => {
            sink.error(read_error(1, e));
            return;
        }
    }
    let mut line_no = 0u32;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => break,
            Ok(n) => {
                line_no = line_no.saturating_add(1);
                sink.progress(n as u64);
                if !want(file, line_no) {
                    continue;
                }
                while matches!(buf.last(), Some(b'\n' | b'\r')) {
                    buf.pop();
                }
                sink.record(RawRecord {
                    file,
                    line: line_no,
                    bytes: std::mem::take(&mut buf),
                });
            }
            Err(e) => {
                sink.error(read_error(line_no.saturating_add(1), e));
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;

    #[derive(Default)]
    struct Collect {
        records: Vec<(u32, u32, String)>,
        errors: Vec<String>,
    }

    impl RecordSink for Collect {
        fn record(&mut self, r: RawRecord) {
            self.records.push((
                r.file,
                r.line,
                String::from_utf8_lossy(&r.bytes).into_owned(),
            ));
        }
        fn error(&mut self, e: RecordError) {
            self.errors.push(e.to_string());
        }
    }

    #[test]
    fn lines_are_numbered_and_gzip_truncation_is_reported() {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("a.jsonl"), "{\"a\":1}\r\n\n{\"b\":2}").unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        for i in 0..2000 {
            writeln!(gz, "{{\"id\": \"{i}\", \"text\": \"some text here {i}\"}}").unwrap();
        }
        let bytes = gz.finish().unwrap();
        std::fs::write(d.path().join("b.jsonl.gz"), &bytes[..bytes.len() / 2]).unwrap();
        let mut errors = Vec::new();
        let c = Corpus::discover(&[PathBuf::from(d.path())], &mut errors).unwrap();
        let mut sink = Collect::default();
        c.stream(&|_, _| true, &mut sink);
        assert_eq!(sink.records[0], (0, 1, "{\"a\":1}".to_string()));
        assert_eq!(sink.records[1], (0, 2, String::new()));
        assert_eq!(sink.records[2], (0, 3, "{\"b\":2}".to_string()));
        assert!(sink.records.len() > 3 && sink.records.len() < 2003);
        assert_eq!(sink.errors.len(), 1);
        assert!(
            sink.errors[0].contains("b.jsonl.gz:") && sink.errors[0].contains("gzip"),
            "{:?}",
            sink.errors
        );
    }
}
