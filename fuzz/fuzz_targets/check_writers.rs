//! `check`'s output writers (text, GitHub, SARIF) on a drop whose ids, outlets, titles, dates
//! and file name are arbitrary: never a panic, never a raw control character in the output,
//! never a line the GitHub runner would read as a workflow command unless reprint wrote it
//! (its own annotations), and SARIF that parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reprint_core::Policy;
use reprint_core::config::Config;
use reprint_core::{Corpus, FieldNames, load_texts};
use reprint_core::model::FindingKind;
use reprint_core::Engine;
use reprint_core::NoProgress;
use reprint_index::Index;
use reprint_index::check;
use reprint_report::Texts;
use reprint_report::check::{self as ci, CiReport, IndexInfo};
use std::sync::OnceLock;

/// A temporary folder with an empty index in it, made once.
fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = tempfile::tempdir().expect("temp dir");
        let mut index =
            Index::create_or_lock(&d.path().join("idx.db"), &Config::default()).expect("index");
        index.commit().expect("commit");
        d
    })
}

/// Text long enough to be compared, the same in both articles so that they are copies.
const TEXT: &str = "Officials said on Tuesday that the river bridge would close for repairs through the winter, with traffic sent over the old rail crossing to the north.\n\nThe council approved the plan after a long debate about the cost of the work and the effect on shops along the river road during the busiest months of the year.\n\nResidents who spoke at the meeting asked for a shuttle service and for the work to be done at night where it could be.";

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    let mut parts = s.split('\u{1f}').map(str::to_string);
    let mut next = || parts.next().unwrap_or_default();
    let (id, outlet, title, date, name) = (next(), next(), next(), next(), next());
    // A file name: anything but `/` and NUL, not empty, not `.` or `..`.
    let name: String = name.chars().filter(|&c| c != '/' && c != '\0').take(100).collect();
    let name = match name.as_str() {
        "" | "." | ".." => "drop".to_string(),
        n => n.to_string(),
    };
    let root = dir().path();
    let drop = root.join(format!("{name}.jsonl"));
    let record = |i: &str, o: &str| {
        let text = format!("{title}\n\n{TEXT}");
        serde_json::json!({"id": i, "source": o, "date": date, "title": title, "text": text})
            .to_string()
    };
    let body = format!("{}\n{}\n", record(&id, &outlet), record(&format!("{id}2"), "wire"));
    if std::fs::write(&drop, body).is_err() {
        return;
    }
    let engine = Engine::new(Config::default()).expect("engine");
    let index = Index::open(&root.join("idx.db"), &engine.config).expect("open");
    let mut errors = Vec::new();
    let Ok(corpus) = Corpus::discover(&[drop.clone()], &mut errors) else {
        return;
    };
    let run = check(&index, &corpus, &engine, &NoProgress).expect("check");
    let names = FieldNames::from(&engine.config.input);
    let locs: Vec<_> = (0..run.drop_articles)
        .map(|i| (i, run.analysis.store.articles[i].location.clone()))
        .collect();
    let texts = Texts::new(load_texts(&corpus, &names, &locs));
    let paths: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
    let policy = Policy {
        fail_on: vec![FindingKind::SyndicatedArticle, FindingKind::ReusedWording],
        max_reuse: None,
    };
    let info = IndexInfo {
        path: name.clone(),
        articles: 0,
    };
    let report = CiReport::new(&run, &policy, info, paths, &texts);
    let mut text = Vec::new();
    ci::write_text(&mut text, &report).expect("text");
    let mut github = Vec::new();
    ci::write_github(&mut github, &report).expect("github");
    let mut sarif = Vec::new();
    ci::write_sarif(&mut sarif, &report).expect("sarif");
    for (what, out) in [("text", &text), ("github", &github), ("sarif", &sarif)] {
        let out = std::str::from_utf8(out).expect("UTF-8 output");
        for c in out.chars() {
            assert!(
                !c.is_control() || c == '\n',
                "{what}: raw control {c:?} in {out}"
            );
        }
        for line in out.lines() {
            let t = line.trim_start();
            if t.starts_with("::") {
                let ours = what == "github"
                    && (t.starts_with("::error file=") || t.starts_with("::warning file="))
                    && t.contains(",title=reprint%3A ");
                assert!(ours, "{what}: a workflow command reprint did not write: {line}");
            }
            assert!(what == "sarif" || !line.contains("##["), "{what}: {line}");
        }
    }
    let _: serde_json::Value = serde_json::from_slice(&sarif).expect("SARIF is JSON");
    let _ = std::fs::remove_file(&drop);
});
