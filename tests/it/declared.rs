//! Declared provenance on the `declared` fixture (datelines, credits, sign-offs, source lines
//! and aggregator notes in nine languages, each article stating what it declares), and its
//! scoring by `reprint eval` with `declared` and `body` labels, and a labelled folder read for
//! its articles only.

use crate::common::{Scratch, audit_json, audit_ok, reprint, root, texts_of};
use serde_json::Value;

fn fixture() -> std::path::PathBuf {
    root().join("tests/fixtures/declared")
}

/// Whether the declared range `d` overlaps the first occurrence of `piece` in `text`.
fn overlaps(d: &Value, text: &str, piece: &str) -> bool {
    let Some(s) = text.find(piece) else {
        return false;
    };
    let e = s + piece.len();
    let (ds, de) = (
        d["start"].as_u64().unwrap() as usize,
        d["end"].as_u64().unwrap() as usize,
    );
    ds < e && s < de
}

#[test]
fn every_declared_form_is_found_with_its_outlet_and_nothing_else() {
    let dir = fixture();
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let corpus = dir.join("corpus.jsonl");
    let r = audit_ok(&corpus);
    let texts = texts_of(&corpus);
    let articles = r["articles"].as_array().unwrap();
    let by_id = |id: &str| -> &Value {
        articles
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("no article {id}"))
    };
    for a in expected["articles"].as_array().unwrap() {
        let id = a["article"].as_str().unwrap();
        let text = &texts[id];
        let got = by_id(id)["provenance"]["declared"].as_array().unwrap();
        // Offsets are exact byte offsets on character boundaries, and the text is what they hold.
        for d in got {
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            let slice = text
                .get(s..e)
                .unwrap_or_else(|| panic!("{id}: {d} splits a character"));
            assert!(slice.starts_with(d["text"].as_str().unwrap()), "{id}: {d}");
        }
        let want = a["declared"].as_array().unwrap();
        for w in want {
            let (kind, piece) = (w["kind"].as_str().unwrap(), w["text"].as_str().unwrap());
            let hit = got
                .iter()
                .find(|d| d["kind"] == kind && overlaps(d, text, piece))
                .unwrap_or_else(|| panic!("{id}: no {kind} over {piece:?}; got {got:?}"));
            assert_eq!(hit["outlet"], w["outlet"], "{id}: outlet of {piece:?}");
        }
        for d in got {
            let expected_here = want
                .iter()
                .any(|w| d["kind"] == w["kind"] && overlaps(d, text, w["text"].as_str().unwrap()));
            assert!(expected_here, "{id}: unexpected declaration {d}");
        }
    }
    for m in expected["mentioned"].as_array().unwrap() {
        let a = by_id(m["article"].as_str().unwrap());
        let mentioned = a["provenance"]["mentioned"].as_array().unwrap();
        assert!(
            mentioned.iter().any(|x| x["outlet"] == m["outlet"]),
            "{a}: {m} not mentioned"
        );
    }
}

#[test]
fn eval_scores_declared_provenance_and_body_controls() {
    let s = Scratch::new();
    let corpus = fixture().join("corpus.jsonl");
    let texts = texts_of(&corpus);
    // Two right declarations, one wrong kind, one not declared at all; two body controls.
    let t = &texts["en-reuters"];
    let at = |id: &str, piece: &str| {
        let s = texts[id].find(piece).unwrap();
        (s, s + piece.len())
    };
    let (a, b) = at("en-reuters", "LONDON, March 3 (Reuters) -");
    let (c, d) = at("en-reuters", "REUTERS/Anna Lee");
    let (e, f) = at("en-reuters", "© Reuters");
    let (g, h) = at("en-reuters", "The company said demand");
    let body = t.find("The company said").unwrap();
    let lines = [
        format!(
            r#"{{"kind":"declared","article":"en-reuters","start":{a},"end":{b},"declared":"dateline","outlet":"Reuters"}}"#
        ),
        format!(
            r#"{{"kind":"declared","article":"en-reuters","start":{c},"end":{d},"declared":"photo_credit"}}"#
        ),
        format!(
            r#"{{"kind":"declared","article":"en-reuters","start":{e},"end":{f},"declared":"photo_credit"}}"#
        ),
        format!(
            r#"{{"kind":"declared","article":"en-reuters","start":{g},"end":{h},"declared":"attribution"}}"#
        ),
        format!(
            r#"{{"kind":"body","article":"en-reuters","start":{body},"end":{}}}"#,
            body + 5
        ),
        r#"{"kind":"body","article":"en-mentions","paragraph":0}"#.to_string(),
    ];
    s.write("labels.jsonl", lines.join("\n") + "\n");
    let labels = format!("reprint:{}", s.join("labels.jsonl").display());
    let out = reprint()
        .args([
            "eval",
            corpus.to_str().unwrap(),
            "--labels",
            &labels,
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    let decl = &r["declared"];
    // Recall: the dateline and the credit are found; "© Reuters" is declared as attribution
    // (not photo_credit) and "The company said" not at all.
    assert_eq!(decl["all"]["recall"]["hits"], 2, "{decl}");
    assert_eq!(decl["all"]["recall"]["of"], 4);
    assert_eq!(decl["by_kind"]["dateline"]["recall"]["hits"], 1);
    assert_eq!(decl["by_kind"]["photo_credit"]["recall"]["of"], 2);
    // Precision over every declaration in the corpus: only those two meet a label.
    assert_eq!(decl["all"]["precision"]["hits"], 2);
    assert!(decl["all"]["precision"]["of"].as_u64().unwrap() > 20);
    assert_eq!(r["body_controls"]["of"], 2);
    assert_eq!(r["body_controls"]["hits"], 0);
    // The table prints the same figures.
    let out = reprint()
        .args(["eval", corpus.to_str().unwrap(), "--labels", &labels])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("declared provenance"), "{text}");
    assert!(text.contains("found 2 / labelled 4"), "{text}");
    assert!(text.contains("0 of 2 flagged"), "{text}");
}

#[test]
fn a_labelled_folder_reads_only_its_articles_file() {
    let s = Scratch::new();
    let corpus = std::fs::read_to_string(fixture().join("corpus.jsonl")).unwrap();
    s.write("set/articles.jsonl", &corpus);
    s.write(
        "set/labels.jsonl",
        "{\"kind\":\"body\",\"article\":\"en-ap\",\"paragraph\":2}\n",
    );
    // Note files beside the articles, in the shape of articles: never read as articles.
    s.write(
        "set/declared.jsonl",
        "{\"id\":\"n1\",\"text\":\"WASHINGTON (AP) —\"}\n",
    );
    s.write(
        "set/body_hard.jsonl",
        "{\"id\":\"n2\",\"text\":\"A subhead\"}\n",
    );
    let n = corpus.lines().filter(|l| !l.trim().is_empty()).count() as u64;
    let dir = s.join("set");
    let out = reprint()
        .args(["eval", dir.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    assert_eq!(r["articles"], n);
    let (a, _) = audit_json(&dir, &[]);
    assert_eq!(a["articles"].as_array().unwrap().len() as u64, n);
}

#[test]
fn a_line_declared_whole_as_a_sign_off_or_a_credit_is_junk() {
    let body = "The council met on Tuesday and approved the budget for the new bridge across the river after a long debate.";
    // Outlets the cue file does not list, which the outlet list does.
    let lines = [
        ("Moldpres", "aggregator_footer", "source_footer"),
        ("Trend News Agency", "aggregator_footer", "source_footer"),
        ("Sportsfile", "boilerplate", "photo_credit"),
    ];
    let corpus: String = lines
        .iter()
        .enumerate()
        .map(|(i, (l, _, _))| {
            let text = format!(
                "A title\n\n{body}\n\n{body} Then it rose.\n\n{l}\n\nThe mayor spoke last of all."
            );
            format!(
                "{}\n",
                serde_json::json!({"id": format!("s{i}"), "source": "example.org", "text": text})
            )
        })
        .collect();
    let s = Scratch::new();
    s.write("corpus.jsonl", &corpus);
    let r = audit_ok(&s.join("corpus.jsonl"));
    for (a, (line, kind, rule)) in r["articles"].as_array().unwrap().iter().zip(lines) {
        let p = &a["paragraphs"][3];
        assert_eq!(p["kinds"], serde_json::json!([kind]), "{line}: {p}");
        assert_eq!(p["junk"][0], rule, "{line}: {p}");
        assert!(
            !a["provenance"]["declared"].as_array().unwrap().is_empty(),
            "{line}"
        );
    }
}
