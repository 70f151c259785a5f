//! Streams the raw records of a corpus's files, in order: a `.txt` file is one record, a JSONL
//! line, an element of a JSON array and a parquet row (as a JSON object) are one record each.
//! Records stay bytes here; decoding them is [`super::meta`]'s job, so the pipeline can decode
//! in parallel while this reads sequentially. Every JSON layout, compressed or not, goes
//! through one decompressing byte stream, so all are read the same way.

use super::parquet::ParquetRow;
use super::{Compression, Corpus, FileKind};
use crate::error::{RecordError, Unit};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

/// One record's bytes and where they came from.
#[derive(Debug)]
pub struct RawRecord {
    /// Index of the file in [`Corpus::files`].
    pub file: u32,
    /// 1-based line for JSONL, record for a JSON array, row for parquet; 0 for a `.txt` file.
    pub line: u32,
    /// The record: the whole file for `.txt`, the line without its line break for JSONL, the
    /// element's JSON text for a JSON array, a JSON object of the row's columns for parquet
    /// (empty when `row` holds the row instead).
    pub bytes: Vec<u8>,
    /// A parquet row, whose JSON values are built when it is decoded, for a sink that
    /// [takes rows](RecordSink::takes_rows); `None` for every other record.
    pub row: Option<ParquetRow>,
}

impl RawRecord {
    /// The record's size in bytes (of its strings, for a row given as values): what batches
    /// of records are measured in.
    pub fn size(&self) -> usize {
        self.row.as_ref().map_or(self.bytes.len(), |r| r.size)
    }
}

/// Receives what [`Corpus::stream`] reads.
pub trait RecordSink {
    /// A record to decode.
    fn record(&mut self, record: RawRecord);
    /// A file or line that could not be read.
    fn error(&mut self, error: RecordError);
    /// Reading file `file` of the corpus begins: its errors until the next call are its own.
    fn start_file(&mut self, _file: u32) {}
    /// Bytes of input consumed so far grew by `n` (for progress).
    fn progress(&mut self, _n: u64) {}
    /// Whether parquet rows may come as JSON values ([`RawRecord::row`]) instead of JSON text.
    /// Building the values straight from the arrow columns spares writing each row's text and
    /// parsing it back; a sink that only decodes its records through [`Corpus::decode`] takes
    /// them. A sink that reads [`RawRecord::bytes`] itself (`clean`, which writes records back)
    /// keeps the default.
    fn takes_rows(&self) -> bool {
        false
    }
}

impl Corpus {
    /// Reads every file in order. `want(file, line)` may skip records without handing them
    /// over (the bytes are still read past); `.txt` files have line 0.
    pub fn stream(&self, want: &dyn Fn(u32, u32) -> bool, sink: &mut dyn RecordSink) {
        for (i, f) in self.files.iter().enumerate() {
            let i = i as u32;
            sink.start_file(i);
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
                                row: None,
                            });
                        }
                        Err(e) => sink.error(RecordError::file(&f.display, e.to_string())),
                    }
                }
                FileKind::Jsonl(Compression::None) if f.range.is_some() => {
                    let range = f.range.expect("checked");
                    stream_range(i, f, range, want, sink);
                }
                FileKind::Jsonl(c) | FileKind::JsonArray(c) => {
                    let file = match File::open(&f.path) {
                        Ok(file) => file,
                        Err(e) => {
                            sink.error(RecordError::file(&f.display, e.to_string()));
                            continue;
                        }
                    };
                    let reader = match c.reader(file) {
                        Ok(r) if c == Compression::None => r,
                        Ok(r) => super::ahead::read_ahead(r),
                        Err(e) => {
                            sink.error(read_error(&f.display, c, Unit::Line, 1, e));
                            continue;
                        }
                    };
                    let mut reader = BufReader::with_capacity(1 << 20, reader);
                    if !head_ok(&mut reader, &f.display, c, sink) {
                        continue;
                    }
                    if matches!(f.kind, FileKind::JsonArray(_)) {
                        super::array::stream_array(i, &f.display, c, &mut reader, want, sink);
                    } else {
                        stream_lines(i, &f.display, c, &mut reader, 0, want, sink);
                    }
                }
                FileKind::Parquet => super::parquet::stream_parquet(i, f, want, sink),
            }
        }
    }
}

/// Whether the `.json` file `path` holds one top-level array: its first byte that is not a
/// space (after a UTF-8 byte-order mark) is `[`. A file that cannot be read is taken as JSON
/// lines; reading it then reports why.
pub(super) fn starts_array(path: &Path, c: Compression) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let Ok(reader) = c.reader(file) else {
        return false;
    };
    let mut reader = BufReader::with_capacity(1 << 12, reader);
    let mut at_start = true;
    loop {
        let Ok(buf) = reader.fill_buf() else {
            return false;
        };
        if buf.is_empty() {
            return false;
        }
        let mut skip = 0;
        if at_start && buf.starts_with("\u{feff}".as_bytes()) {
            skip = 3;
        }
        at_start = false;
        match buf[skip..].iter().position(|b| !b.is_ascii_whitespace()) {
            Some(at) => return buf[skip + at] == b'[',
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    }
}

/// The message of a read error at record `n` of a file compressed with `c`.
pub(super) fn read_error(
    display: &str,
    c: Compression,
    unit: Unit,
    n: u32,
    e: std::io::Error,
) -> RecordError {
    let what = match c {
        Compression::None => "read error",
        Compression::Gzip => "truncated or corrupt gzip stream",
        Compression::Zstd => "truncated or corrupt zstd stream",
    };
    RecordError::at(
        display,
        unit,
        n,
        format!("{what}: {e}; rest of the file skipped"),
    )
}

/// Checks the first bytes of a JSON file before its records are read: a binary file given a
/// `.jsonl` name would otherwise yield one garbage record per stray newline. False (and the
/// problem reported) when the file is not to be read.
fn head_ok(
    reader: &mut BufReader<Box<dyn Read>>,
    display: &str,
    c: Compression,
    sink: &mut dyn RecordSink,
) -> bool {
    match reader.fill_buf() {
        Ok([]) => {
            sink.error(RecordError::file(display, "empty file: no records in it"));
            false
        }
        Ok(head) => match head_problem(head, c) {
            Some(message) => {
                sink.error(RecordError::file(display, message));
                false
            }
            None => true,
        },
        Err(e) => {
            sink.error(read_error(display, c, Unit::Line, 1, e));
            false
        }
    }
}

/// Why a JSON file whose first (decompressed) bytes are `head` cannot be read as JSON, if it
/// cannot: a byte-order mark of another encoding, compressed data under the wrong name, or
/// binary data.
pub(super) fn head_problem(head: &[u8], c: Compression) -> Option<String> {
    let compressed = match c {
        Compression::None => None,
        Compression::Gzip => Some("gzip"),
        Compression::Zstd => Some("zstd"),
    };
    let binary = super::meta::looks_binary(head);
    match (super::meta::foreign_bom(head), compressed) {
        (Some(enc), _) => Some(format!(
            "{enc} text (byte-order mark); reprint reads UTF-8: convert it first \
             (e.g. iconv -f {enc} -t UTF-8); skipped"
        )),
        (None, Some(name)) if binary => Some(format!(
            "corrupt {name} stream: it decompresses to binary data, not JSON; skipped"
        )),
        _ if head.starts_with(&[0x1f, 0x8b]) => Some(
            "gzip-compressed data: name the file .jsonl.gz, or decompress it first \
             (gunzip -c FILE | reprint ... -); skipped"
                .into(),
        ),
        _ if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) => Some(
            "zstd-compressed data: name the file .jsonl.zst, or decompress it first \
             (zstd -dc FILE | reprint ... -); skipped"
                .into(),
        ),
        _ if binary => Some("binary file (NUL or control bytes), not JSON; skipped".into()),
        _ => None,
    }
}

/// Streams the lines of a piece of an uncompressed JSONL file ([`super::LineRange`]),
/// numbered as in the whole file. Only the piece at the file's start checks the file's head:
/// a file is split only once its head passed that check.
fn stream_range(
    i: u32,
    f: &super::InputFile,
    range: super::LineRange,
    want: &dyn Fn(u32, u32) -> bool,
    sink: &mut dyn RecordSink,
) {
    use std::io::{Seek, SeekFrom};
    let opened = File::open(&f.path).and_then(|mut file| {
        file.seek(SeekFrom::Start(range.start))?;
        Ok(file)
    });
    let file = match opened {
        Ok(file) => file,
        Err(e) => {
            sink.error(RecordError::file(&f.display, e.to_string()));
            return;
        }
    };
    let piece: Box<dyn Read> = Box::new(file.take(range.end.saturating_sub(range.start)));
    let mut reader = BufReader::with_capacity(1 << 20, piece);
    if range.start == 0 && !head_ok(&mut reader, &f.display, Compression::None, sink) {
        return;
    }
    let before = range.first_line.saturating_sub(1);
    stream_lines(
        i,
        &f.display,
        Compression::None,
        &mut reader,
        before,
        want,
        sink,
    );
}

/// Streams the lines of `reader`, the first of them numbered `before + 1`.
fn stream_lines(
    file: u32,
    display: &str,
    c: Compression,
    reader: &mut BufReader<Box<dyn Read>>,
    before: u32,
    want: &dyn Fn(u32, u32) -> bool,
    sink: &mut dyn RecordSink,
) {
    let mut line_no = before;
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
                    row: None,
                });
            }
            Err(e) => {
                let line = line_no.saturating_add(1);
                sink.error(read_error(display, c, Unit::Line, line, e));
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

    /// Streams and decodes every record of `dir`: the articles' texts and every problem.
    fn read_all(dir: &std::path::Path) -> (Vec<String>, Vec<String>) {
        let mut errors = Vec::new();
        let c = Corpus::discover(&[dir.to_path_buf()], &mut errors).unwrap();
        assert!(errors.is_empty(), "{errors:?}");
        let mut sink = Collect::default();
        let mut raw = Vec::new();
        struct Keep<'a>(&'a mut Vec<RawRecord>, &'a mut Collect);
        impl RecordSink for Keep<'_> {
            fn record(&mut self, r: RawRecord) {
                self.0.push(r);
            }
            fn error(&mut self, e: RecordError) {
                self.1.error(e);
            }
        }
        c.stream(&|_, _| true, &mut Keep(&mut raw, &mut sink));
        let names = crate::corpus::FieldNames::default();
        let mut texts = Vec::new();
        for r in raw {
            let p = c.decode(&names, r);
            sink.errors.extend(p.problems.iter().map(|e| e.to_string()));
            texts.extend(p.article.map(|a| a.text));
        }
        (texts, sink.errors)
    }

    #[test]
    fn a_bad_record_in_each_format_is_named_and_the_rest_read() {
        use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
        use std::sync::Arc;
        let d = tempfile::tempdir().unwrap();
        let lines = "{\"text\": \"one\"}\n{\"text\": 5}\n{\"text\": \"three\"}\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(lines.as_bytes()).unwrap();
        std::fs::write(d.path().join("a.json.gz"), gz.finish().unwrap()).unwrap();
        let zst = zstd::stream::encode_all(lines.as_bytes(), 3).unwrap();
        std::fs::write(d.path().join("b.ndjson.zst"), zst).unwrap();
        std::fs::write(
            d.path().join("c.json"),
            "[\n {\"text\": \"one\"},\n {\"text\": \"two\" \"x\"}, {\"text\": \"three\"}\n]\n",
        )
        .unwrap();
        let text: ArrayRef = Arc::new(StringArray::from(vec![Some("one"), None, Some("three")]));
        let id: ArrayRef = Arc::new(Int64Array::from(vec![1, 2, 3]));
        let batch = RecordBatch::try_from_iter([("id", id), ("text", text)]).unwrap();
        let file = std::fs::File::create(d.path().join("d.parquet")).unwrap();
        let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
        w.write(&batch).unwrap();
        w.close().unwrap();
        let (texts, errors) = read_all(d.path());
        assert_eq!(texts, ["one", "three"].repeat(4));
        let names: Vec<String> = errors
            .iter()
            .map(|e| {
                e.split(": ")
                    .next()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            names,
            [
                "a.json.gz:2",
                "b.ndjson.zst:2",
                "c.json record 2",
                "d.parquet row 2"
            ],
            "{errors:?}"
        );
        assert!(errors[2].contains("malformed JSON"), "{errors:?}");
        assert!(errors[3].contains("\"text\" is null"), "{errors:?}");
    }

    #[test]
    fn truncated_zstd_and_broken_parquet_are_reported() {
        let d = tempfile::tempdir().unwrap();
        let mut lines = String::new();
        for i in 0..5000 {
            lines.push_str(&format!(
                "{{\"id\": \"{i}\", \"text\": \"text number {i}\"}}\n"
            ));
        }
        let zst = zstd::stream::encode_all(lines.as_bytes(), 3).unwrap();
        std::fs::write(d.path().join("t.jsonl.zst"), &zst[..zst.len() / 2]).unwrap();
        std::fs::write(d.path().join("u.parquet"), b"PAR1 not really").unwrap();
        let (texts, errors) = read_all(d.path());
        assert!(texts.len() < 5000, "{}", texts.len());
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].contains("t.jsonl.zst:") && errors[0].contains("zstd"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("u.parquet: not a readable parquet file"),
            "{errors:?}"
        );
    }
}
