//! Reading arbitrary bytes as a `.jsonl` or `.jsonl.gz` file through the corpus reader: never
//! panics; records come in line order and every error names the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::{Corpus, RawRecord, RecordSink};
use reprint_core::error::RecordError;
use std::sync::OnceLock;

struct Collect {
    lines: Vec<u32>,
    errors: Vec<RecordError>,
}

impl RecordSink for Collect {
    fn record(&mut self, r: RawRecord) {
        assert!(!r.bytes.ends_with(b"\n"));
        self.lines.push(r.line);
    }
    fn error(&mut self, e: RecordError) {
        self.errors.push(e);
    }
}

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, bytes)) = data.split_first() else {
        return;
    };
    let name = if mode & 1 == 1 { "c.jsonl.gz" } else { "c.jsonl" };
    let path = dir().path().join(name);
    std::fs::write(&path, bytes).expect("write");
    let mut errors = Vec::new();
    let corpus = Corpus::discover(&[path.clone()], &mut errors).expect("discover");
    assert!(errors.is_empty());
    let mut sink = Collect {
        lines: Vec::new(),
        errors: Vec::new(),
    };
    corpus.stream(&|_, _| true, &mut sink);
    assert!(sink.lines.windows(2).all(|w| w[0] < w[1]));
    for e in &sink.errors {
        assert!(e.place.contains(name), "{e}");
    }
    std::fs::remove_file(&path).expect("remove");
});
