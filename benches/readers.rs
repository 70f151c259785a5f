//! Criterion bench of the input readers: the same articles as JSONL, gzip-compressed JSON
//! lines (`.json.gz`, dolma's layout), zstd-compressed JSONL, one JSON array, and parquet
//! (snappy pages, pyarrow's default), each read and decoded into articles on one thread.
//! Throughput is in bytes of article text, so the figures compare directly: each format's
//! cost over JSONL is what its decompression or conversion adds. See `benches/README.md`.

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use reprint_core::error::RecordError;
use reprint_core::{Corpus, FieldNames, RawRecord, RecordSink};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Articles in the bench corpus: about 34 MB of text.
const ARTICLES: usize = 3000;

/// Sentences of the seeds, the words every article is built from.
fn sentences() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<String> = std::fs::read_dir(dir)
        .expect("seeds/")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("utf-8"))
        .collect();
    texts.sort();
    texts
        .iter()
        .flat_map(|t| t.split(". ").map(str::to_string).collect::<Vec<_>>())
        .filter(|s| s.split_whitespace().count() > 6)
        .collect()
}

/// `(id, source, date, text)` of each article: eight paragraphs of three seed sentences drawn
/// by a fixed generator, with quotation marks and line breaks for the encoders to escape.
fn articles() -> Vec<(String, String, String, String)> {
    let sentences = sentences();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..ARTICLES)
        .map(|i| {
            let paras: Vec<String> = (0..8)
                .map(|_| {
                    (0..3)
                        .map(|_| sentences[(next() % sentences.len() as u64) as usize].as_str())
                        .collect::<Vec<_>>()
                        .join(". ")
                })
                .collect();
            (
                format!("b{i}"),
                format!("Outlet {}", next() % 12),
                format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                paras.join("\n\n"),
            )
        })
        .collect()
}

/// Writes the articles in every format; returns `(name, path)` pairs and the text's bytes.
fn write_formats(dir: &Path) -> (Vec<(&'static str, PathBuf)>, u64) {
    let arts = articles();
    let text_bytes: u64 = arts.iter().map(|a| a.3.len() as u64).sum();
    let records: Vec<String> = arts
        .iter()
        .map(|(id, source, date, text)| {
            serde_json::json!({"id": id, "source": source, "date": date, "text": text}).to_string()
        })
        .collect();
    let jsonl = records.join("\n") + "\n";
    let mut out = Vec::new();
    let mut put = |name: &'static str, file: &str, bytes: Vec<u8>| {
        let p = dir.join(file);
        std::fs::write(&p, bytes).expect("write a bench file");
        out.push((name, p));
    };
    put("jsonl", "c.jsonl", jsonl.clone().into_bytes());
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(jsonl.as_bytes()).expect("gzip");
    put("json.gz", "c.json.gz", gz.finish().expect("gzip"));
    put(
        "jsonl.zst",
        "c.jsonl.zst",
        zstd::stream::encode_all(jsonl.as_bytes(), 3).expect("zstd"),
    );
    put(
        "json array",
        "c.json",
        format!("[\n{}\n]\n", records.join(",\n")).into_bytes(),
    );
    let col = |f: fn(&(String, String, String, String)) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(arts.iter().map(f)))
    };
    let batch = RecordBatch::try_from_iter([
        ("id", col(|a| &a.0)),
        ("source", col(|a| &a.1)),
        ("date", col(|a| &a.2)),
        ("text", col(|a| &a.3)),
    ])
    .expect("a batch");
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut pq = Vec::new();
    let mut w = parquet::arrow::ArrowWriter::try_new(&mut pq, batch.schema(), Some(props))
        .expect("a parquet writer");
    w.write(&batch).expect("parquet rows");
    w.close().expect("parquet footer");
    put("parquet", "c.parquet", pq);
    (out, text_bytes)
}

/// Counts the articles and text bytes a stream decodes.
struct Decode<'a> {
    corpus: &'a Corpus,
    names: &'a FieldNames,
    articles: usize,
    bytes: usize,
}

impl RecordSink for Decode<'_> {
    fn record(&mut self, r: RawRecord) {
        if let Some(a) = self.corpus.decode(self.names, r).article {
            self.articles += 1;
            self.bytes += a.text.len();
        }
    }
    fn error(&mut self, e: RecordError) {
        panic!("bench input is clean: {e}");
    }
    fn takes_rows(&self) -> bool {
        true
    }
}

/// Reads and decodes every article of `path`; returns how many.
fn read(path: &Path, names: &FieldNames) -> usize {
    let corpus = Corpus::discover(&[path.to_path_buf()], &mut Vec::new()).expect("bench file");
    let mut sink = Decode {
        corpus: &corpus,
        names,
        articles: 0,
        bytes: 0,
    };
    corpus.stream(&|_, _| true, &mut sink);
    std::hint::black_box(sink.bytes);
    sink.articles
}

fn readers(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temp dir");
    let (files, text_bytes) = write_formats(dir.path());
    let names = FieldNames::default();
    let mut g = c.benchmark_group("readers");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text_bytes));
    for (name, path) in &files {
        assert_eq!(read(path, &names), ARTICLES, "{name} reads every article");
        g.bench_with_input(BenchmarkId::new("read+decode", name), path, |b, p| {
            b.iter(|| read(p, &names))
        });
    }
    g.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
