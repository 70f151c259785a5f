//! `reprint eval` on the project's labelled fixture: the figures it prints are checked against
//! the same figures counted here, independently, from `reprint audit --format json` and the
//! label file, so the test holds whatever the detector finds.

use crate::common::{reprint, root};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::{Command, Output};

/// A folder under `tests/fixtures/`.
fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// Runs a command and returns its output, whatever the exit code.
fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("the reprint binary runs")
}

/// Standard output parsed as JSON, with stderr in the panic message when it is not JSON.
fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The labels, read as plain JSON.
fn labels() -> Vec<Value> {
    std::fs::read_to_string(fixture("eval").join("labels.jsonl"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn audit() -> Value {
    let out = run(reprint()
        .args(["audit", "--format", "json", "--isolated"])
        .arg(fixture("eval").join("corpus.jsonl")));
    assert!(out.status.success());
    json_of(&out)
}

fn eval(extra: &[&str]) -> Value {
    let out = run(reprint()
        .args(["eval", "--format", "json", "--isolated"])
        .args(extra)
        .arg(fixture("eval")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json_of(&out)
}

fn pairs(n: u64) -> u64 {
    n * n.saturating_sub(1) / 2
}

fn counts(v: &Value) -> (u64, u64, u64) {
    (
        v["tp"].as_u64().unwrap(),
        v["predicted"].as_u64().unwrap(),
        v["truth"].as_u64().unwrap(),
    )
}

type Para = (String, u64);

fn para_of(m: &Value) -> Para {
    (
        m["article"].as_str().unwrap().to_string(),
        m["paragraph"].as_u64().unwrap(),
    )
}

#[test]
fn eval_figures_match_counts_from_the_audit() {
    let audit = audit();
    let report = eval(&[]);
    let labels = labels();
    assert_eq!(report["schema"], "reprint.eval/1");
    assert_eq!(
        report["articles"], 6,
        "labels.jsonl is not read as articles"
    );
    assert_eq!(report["unresolved"]["count"], 0);

    // Paragraph pairs: labelled clusters against the audit's clusters[].
    let mut truth: HashMap<Para, usize> = HashMap::new();
    let mut truth_pairs = 0;
    for (i, l) in labels.iter().filter(|l| l["kind"] == "cluster").enumerate() {
        let members = l["members"].as_array().unwrap();
        truth_pairs += pairs(members.len() as u64);
        for m in members {
            truth.insert(para_of(m), i);
        }
    }
    let (mut tp, mut predicted) = (0, 0);
    for c in audit["clusters"].as_array().unwrap() {
        let members: Vec<Para> = c["members"]
            .as_array()
            .unwrap()
            .iter()
            .map(para_of)
            .collect();
        predicted += pairs(members.len() as u64);
        let mut by_label: HashMap<usize, u64> = HashMap::new();
        for m in &members {
            if let Some(&t) = truth.get(m) {
                *by_label.entry(t).or_default() += 1;
            }
        }
        tp += by_label.values().map(|&n| pairs(n)).sum::<u64>();
    }
    let p = &report["paragraph_clusters"]["pairs"];
    assert_eq!(counts(p), (tp, predicted, truth_pairs));
    assert!(truth_pairs > tp, "the decoy cluster is a miss");

    // Boilerplate paragraphs: the audit's paragraph kinds against the labels.
    let labelled: HashSet<Para> = labels
        .iter()
        .filter(|l| l["kind"] == "boilerplate")
        .map(para_of)
        .collect();
    let mut flagged: HashSet<Para> = HashSet::new();
    for a in audit["articles"].as_array().unwrap() {
        for p in a["paragraphs"].as_array().unwrap() {
            if p["kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k == "boilerplate")
            {
                flagged.insert((
                    a["id"].as_str().unwrap().into(),
                    p["index"].as_u64().unwrap(),
                ));
            }
        }
    }
    let bp = report["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "boilerplate")
        .unwrap();
    assert_eq!(bp["level"], "paragraphs");
    let both = flagged.intersection(&labelled).count() as u64;
    assert_eq!(
        counts(bp),
        (both, flagged.len() as u64, labelled.len() as u64)
    );

    // Quote spans: bytes of shared_span findings against the labelled quote, placed by the
    // paragraph offsets the audit reports.
    let starts: HashMap<Para, u64> = audit["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| {
            let id = a["id"].as_str().unwrap().to_string();
            a["paragraphs"].as_array().unwrap().iter().map(move |p| {
                (
                    (id.clone(), p["index"].as_u64().unwrap()),
                    p["start"].as_u64().unwrap(),
                )
            })
        })
        .collect();
    let mut quote: Vec<(String, u64, u64)> = Vec::new();
    for l in labels.iter().filter(|l| l["kind"] == "reused_wording") {
        for m in l["members"].as_array().unwrap() {
            let base = starts[&para_of(m)];
            let (s, e) = (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap());
            quote.push((m["article"].as_str().unwrap().into(), base + s, base + e));
        }
    }
    let mut spans: Vec<(String, u64, u64)> = Vec::new();
    for f in audit["findings"].as_array().unwrap() {
        if f["evidence"]["rule"] == "shared_span" {
            for m in f["members"].as_array().unwrap() {
                spans.push((
                    m["article"].as_str().unwrap().into(),
                    m["start"].as_u64().unwrap(),
                    m["end"].as_u64().unwrap(),
                ));
            }
        }
    }
    // In this fixture neither side overlaps itself, so bytes add up without merging.
    let overlap: u64 = quote
        .iter()
        .flat_map(|q| spans.iter().map(move |s| (q, s)))
        .filter(|(q, s)| q.0 == s.0)
        .map(|(q, s)| q.2.min(s.2).saturating_sub(q.1.max(s.1)))
        .sum();
    let size = |v: &[(String, u64, u64)]| v.iter().map(|x| x.2 - x.1).sum::<u64>();
    let qs = &report["reuse"]["quote_spans"];
    assert_eq!(counts(qs), (overlap, size(&spans), size(&quote)));

    // Syndicated copies: the first member of each syndicated_article finding.
    let copies: HashSet<&str> = audit["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "syndicated_article")
        .map(|f| f["members"][0]["article"].as_str().unwrap())
        .collect();
    let syn = report["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["kind"] == "syndicated_article")
        .unwrap();
    let right = u64::from(copies.contains("a2"));
    assert_eq!(counts(syn), (right, copies.len() as u64, 1));
}

#[test]
fn examples_quote_the_text_they_point_at() {
    let report = eval(&["--examples", "2"]);
    let examples = report["examples"].as_array().unwrap();
    let decoy = examples
        .iter()
        .find(|e| e["score"] == "paragraph pairs" && e["what"] == "missed")
        .expect("the decoy cluster shows as a miss");
    let item = &decoy["items"][0];
    assert!(item["note"].as_str().unwrap().contains("decoy"));
    assert!(item["excerpt"].as_str().is_some_and(|x| !x.is_empty()));
}

#[test]
fn labels_convert_to_the_own_format_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("labels.jsonl");
    let first = eval(&["--export-labels", exported.to_str().unwrap()]);
    std::fs::copy(
        fixture("eval").join("corpus.jsonl"),
        dir.path().join("corpus.jsonl"),
    )
    .unwrap();
    let out = run(reprint()
        .args(["eval", "--format", "json", "--isolated"])
        .arg(dir.path()));
    assert!(out.status.success());
    let again = json_of(&out);
    for key in [
        "paragraph_clusters",
        "kinds",
        "reuse",
        "origins",
        "article_pairs",
        "reuse_pairs",
    ] {
        assert_eq!(first[key], again[key], "{key}");
    }
}

#[test]
fn a_bad_label_line_is_named() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("eval").join("corpus.jsonl"),
        dir.path().join("corpus.jsonl"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("labels.jsonl"),
        "{\"kind\": \"boilerplate\", \"article\": \"a1\", \"paragraph\": 4}\n{\"kind\": \"cluster\"}\n",
    )
    .unwrap();
    let out = run(reprint().args(["eval", "--isolated"]).arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("labels.jsonl:2:"), "{err}");
    // Labels naming articles the corpus does not hold are reported, and the run exits 2.
    std::fs::write(
        dir.path().join("labels.jsonl"),
        "{\"kind\": \"boilerplate\", \"article\": \"nope\", \"paragraph\": 0}\n",
    )
    .unwrap();
    let out = run(reprint().args(["eval", "--isolated"]).arg(dir.path()));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

#[test]
fn a_corpus_without_labels_is_refused() {
    let out = run(reprint()
        .args(["eval", "--isolated"])
        .arg(fixture("eval").join("corpus.jsonl")));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no labels"));
}
