//! `audit --format attributes`: dolma attribute lines, one per article in input order, whose
//! spans are the flagged paragraphs of `--format json`, in characters.

use crate::common::{TempCorpus, reprint_run, root};
use serde_json::{Value, json};
use std::io::Write;

/// The lines of `--format attributes` on `path`, parsed, and the `--format json` report.
fn attributes_and_report(path: &str) -> (Vec<Value>, Value) {
    let r = reprint_run(&["audit", path, "--format", "attributes"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let json = reprint_run(&["audit", path, "--format", "json"]);
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    (lines, json.json())
}

/// The byte offset of each character offset of `text` (and of its end).
fn byte_of_char(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain([text.len()])
        .collect()
}

#[test]
fn seeds_spans_are_the_flagged_paragraphs_bytes_in_characters() {
    let (lines, report) = attributes_and_report("seeds");
    let articles = report["articles"].as_array().expect("articles");
    assert_eq!(lines.len(), articles.len());
    let kinds: Vec<&str> = report["summary"]["kinds"]
        .as_object()
        .expect("kinds")
        .keys()
        .map(String::as_str)
        .collect();
    let mut flagged = 0;
    for (line, art) in lines.iter().zip(articles) {
        assert_eq!(line["id"], art["id"], "input order");
        let attrs = line["attributes"].as_object().expect("attributes");
        let names: Vec<String> = kinds.iter().map(|k| format!("reprint__{k}")).collect();
        assert_eq!(attrs.keys().cloned().collect::<Vec<_>>(), names);
        let path = root().join(art["path"].as_str().expect("a path"));
        let text = std::fs::read_to_string(&path).expect("the seed's text");
        let bytes = byte_of_char(&text);
        for kind in &kinds {
            let want: Vec<(u64, u64)> = art["paragraphs"]
                .as_array()
                .expect("paragraphs")
                .iter()
                .filter(|p| {
                    p["kinds"]
                        .as_array()
                        .is_some_and(|k| k.contains(&json!(kind)))
                })
                .map(|p| (p["start"].as_u64().unwrap(), p["end"].as_u64().unwrap()))
                .collect();
            let got: Vec<(u64, u64)> = attrs[&format!("reprint__{kind}")]
                .as_array()
                .expect("spans")
                .iter()
                .map(|s| {
                    let score = s[2].as_f64().expect("a score");
                    assert!((0.0..=1.0).contains(&score), "{s}");
                    let (start, end) = (s[0].as_u64().unwrap(), s[1].as_u64().unwrap());
                    (bytes[start as usize] as u64, bytes[end as usize] as u64)
                })
                .collect();
            assert_eq!(got, want, "{} {kind}", art["id"]);
            flagged += got.len();
        }
    }
    assert!(flagged > 10, "the seeds have flagged paragraphs: {flagged}");
}

#[test]
fn a_dolma_shard_gets_one_row_per_document_with_its_own_id() {
    let t = TempCorpus::new();
    let body = "Le conseil a voté mardi la prolongation de l’horaire du traversier pendant deux semaines après les plaintes des usagers.";
    let docs = [
        json!({"id": 101, "text": format!("Café\n\n{body}\n\nLeave a Comment"), "source": "cc-news"}),
        json!({"id": "b", "text": format!("Über\n\n{body}\n\nLeave a Comment"), "source": "cc-news"}),
        json!({"id": "b", "text": "A short note that no other document shares.", "source": "cc-news"}),
    ];
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for d in &docs {
        writeln!(gz, "{d}").unwrap();
    }
    let shard = t.write("documents/part-0000.json.gz", gz.finish().unwrap());
    let r = reprint_run(&["audit", shard.to_str().unwrap(), "--format", "attributes"]);
    // The repeated id is reported (exit 2); its row still carries the id the document has.
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("duplicate article id \"b\""),
        "{}",
        r.stderr
    );
    let lines: Vec<Value> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let ids: Vec<&Value> = lines.iter().map(|l| &l["id"]).collect();
    assert_eq!(ids, [&json!(101), &json!("b"), &json!("b")]);
    for (line, doc) in lines.iter().zip(&docs).take(2) {
        let text = doc["text"].as_str().unwrap();
        let span = &line["attributes"]["reprint__boilerplate"][0];
        let (s, e) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
        // What Python's text[s:e] gives, as dolma's mixer cuts it.
        let cut: String = text
            .chars()
            .skip(s as usize)
            .take((e - s) as usize)
            .collect();
        assert_eq!(cut, "Leave a Comment", "{line}");
    }
    let empty = lines[2]["attributes"].as_object().unwrap();
    assert!(empty.values().all(|v| v == &json!([])), "{}", lines[2]);
}
