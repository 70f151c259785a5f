//! Fixture corpora under `tests/fixtures/<case>/`, each stating its own expected findings in
//! `expected.json`: kinds expected on paragraphs (by article and a piece of their text),
//! paragraphs that must stay unflagged, origins, and exact finding counts per kind and per
//! evidence rule.

use crate::common::{audit_ok, kinds_of, root, texts_of};
use serde_json::Value;

fn check_fixture(name: &str) {
    let dir = root().join("tests/fixtures").join(name);
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let corpus = dir.join("corpus.jsonl");
    let r = audit_ok(&corpus);
    let t = texts_of(&corpus);
    for e in expected["expect"].as_array().unwrap() {
        let (a, text, kind) = (
            e["article"].as_str().unwrap(),
            e["text"].as_str().unwrap(),
            e["kind"].as_str().unwrap(),
        );
        let k = kinds_of(&r, &t, a, text, 0);
        assert!(
            k.iter().any(|x| x == kind),
            "{name}: {a} {text:?} has {k:?}, want {kind}"
        );
    }
    for e in expected["unflagged"].as_array().unwrap() {
        let (a, text) = (e["article"].as_str().unwrap(), e["text"].as_str().unwrap());
        let k = kinds_of(&r, &t, a, text, 0);
        assert!(k.is_empty(), "{name}: {a} {text:?} flagged {k:?}");
    }
    for o in expected["origins"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        let (kind, a, origin) = (
            o["kind"].as_str().unwrap(),
            o["article"].as_str().unwrap(),
            o["origin"].as_str().unwrap(),
        );
        let f = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| {
                f["kind"] == kind
                    && f["members"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|m| m["article"] == a)
            })
            .unwrap_or_else(|| panic!("{name}: no {kind} finding with {a}"));
        assert_eq!(f["origin"]["article"], origin, "{name}: {f}");
    }
    // Findings by the rule of their evidence (`aligned_passage`, `shared_span`, ...).
    for (rule, n) in expected["rules"]
        .as_object()
        .map(|m| m.iter().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let got = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["evidence"]["rule"] == rule.as_str())
            .count();
        assert_eq!(got as u64, n.as_u64().unwrap(), "{name}: {rule} findings");
    }
    for (kind, n) in expected["findings"]
        .as_object()
        .map(|m| m.iter().collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let got = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == kind.as_str())
            .count();
        assert_eq!(got as u64, n.as_u64().unwrap(), "{name}: {kind} findings");
    }
}

#[test]
fn an_outlets_repeated_footer_is_boilerplate() {
    check_fixture("outlet_footer");
}

#[test]
fn a_lightly_edited_copy_is_syndicated() {
    check_fixture("syndicated_light_edits");
}

#[test]
fn a_shared_paragraph_in_different_articles_is_reuse() {
    check_fixture("shared_paragraph");
}

#[test]
fn a_line_quoted_reply_reuses_the_post_it_quotes() {
    check_fixture("reply_quote");
}

#[test]
fn a_reply_dated_before_the_post_it_quotes_still_quotes_it() {
    check_fixture("reply_quote_skewed");
}

#[test]
fn a_lightly_revised_passage_is_aligned_to_its_source() {
    check_fixture("revised_light");
}

#[test]
fn a_paraphrase_in_one_long_paragraph_is_aligned_sentence_by_sentence() {
    check_fixture("revised_paraphrase");
}

#[test]
fn a_heavily_revised_passage_keeps_only_what_survives() {
    check_fixture("revised_heavy");
}

#[test]
fn site_junk_is_found_in_several_languages_and_body_stays_body() {
    check_fixture("site_junk");
}

#[test]
fn whole_pages_keep_their_story_and_lose_the_page_around_it() {
    check_fixture("whole_pages");
}

#[test]
fn what_each_kind_of_extractor_leaves_is_junk_and_the_story_stays() {
    check_fixture("extractor_leftovers");
}

#[test]
fn pages_written_apart_from_the_rules_keep_their_junk_scores() {
    // Sets of pages labelled line by line in reprint's format, scored by `reprint eval` as
    // docs/accuracy.md quotes them: floors a little under today's figures, so that a rule
    // that stops carrying to another set of pages shows here. furniture_c's precision is not
    // held: its menus are one label a block and one paragraph a line (see docs/accuracy.md).
    for (set, min_precision, min_recall) in [
        ("extractor_leftovers", 0.95, 0.95),
        ("furniture_b", 0.98, 0.92),
        ("furniture_c", 0.0, 0.88),
        ("furniture_d", 0.98, 0.87),
        ("furniture_e", 0.98, 0.92),
        ("furniture_f", 0.98, 0.85),
        ("furniture_g", 0.98, 0.90),
        ("furniture_h", 0.97, 0.85),
        ("furniture_i", 0.98, 0.86),
        ("furniture_j", 0.97, 0.90),
        ("furniture_k", 0.98, 0.92),
        ("furniture_l", 0.98, 0.86),
        ("furniture_m", 0.98, 0.91),
        ("furniture_n", 0.97, 0.90),
        ("furniture_o", 0.98, 0.90),
        ("furniture_p", 0.96, 0.74),
        ("furniture_q", 0.98, 0.85),
        ("furniture_r", 0.96, 0.96),
        ("furniture_s", 0.94, 0.86),
        ("furniture_t", 0.98, 0.84),
        ("furniture_u", 0.98, 0.95),
        ("furniture_v", 0.98, 0.95),
        ("furniture_w", 0.98, 0.95),
        ("furniture_x", 0.98, 0.95),
        ("furniture_y", 0.98, 0.95),
        ("furniture_z", 0.98, 0.95),
        ("furniture_aa", 0.98, 0.91),
        ("furniture_ab", 0.97, 0.92),
        ("furniture_ac", 0.96, 0.90),
        ("furniture_ad", 0.97, 0.94),
        ("furniture_ae", 0.98, 0.84),
        ("furniture_af", 0.98, 0.86),
        ("furniture_ag", 0.98, 0.89),
        ("furniture_ah", 0.98, 0.81),
        ("furniture_ai", 0.98, 0.88),
        ("furniture_aj", 0.98, 0.94),
        ("furniture_ak", 0.98, 0.97),
        ("furniture_al", 0.97, 0.82),
        ("furniture_am", 0.96, 0.88),
    ] {
        let dir = root().join("tests/fixtures").join(set);
        let out = crate::common::run(&[
            "eval",
            "--format",
            "json",
            "--no-progress",
            dir.to_str().unwrap(),
        ]);
        assert!(
            out.status.success(),
            "{set}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let r: Value = serde_json::from_slice(&out.stdout).expect("eval prints JSON");
        let junk = &r["junk"]["paragraphs"];
        let (p, rc) = (
            junk["precision"]["value"].as_f64().unwrap(),
            junk["recall"]["value"].as_f64().unwrap(),
        );
        assert!(
            p >= min_precision && rc >= min_recall,
            "{set}: junk P {p} R {rc}"
        );
        // Sets E on also carry their story lines that look like junk and their declared
        // provenance: no more of those lines cut than today, and declared recall kept.
        if let Some((max_cut, min_declared)) = story_and_declared_floor(set) {
            // A set with no story lines labelled has none to cut.
            let cut = r["body_controls"]["hits"].as_u64().unwrap_or(0);
            let declared = r["declared"]["all"]["recall"]["value"].as_f64().unwrap();
            assert!(
                cut <= max_cut && declared >= min_declared,
                "{set}: {cut} story lines cut, declared recall {declared}"
            );
        }
    }
}

/// Most story lines cut and least declared recall held for the sets labelled with both, a
/// little under today's figures (docs/accuracy.md).
fn story_and_declared_floor(set: &str) -> Option<(u64, f64)> {
    Some(match set {
        "furniture_e" => (0, 0.71),
        "furniture_f" => (0, 0.55),
        "furniture_g" => (0, 0.80),
        "furniture_h" => (2, 0.72),
        "furniture_i" => (0, 0.86),
        "furniture_j" => (2, 0.70),
        "furniture_k" => (0, 0.83),
        "furniture_l" => (1, 0.86),
        "furniture_m" => (0, 0.79),
        "furniture_n" => (0, 0.80),
        "furniture_o" => (0, 0.80),
        "furniture_p" => (0, 0.55),
        "furniture_q" => (0, 0.75),
        "furniture_r" => (1, 0.88),
        "furniture_s" => (1, 0.82),
        "furniture_t" => (0, 0.74),
        "furniture_u" => (0, 0.95),
        "furniture_v" => (0, 0.95),
        "furniture_x" => (0, 0.95),
        "furniture_y" => (0, 0.95),
        "furniture_z" => (0, 0.95),
        "furniture_aa" => (2, 0.90),
        "furniture_ab" => (7, 0.82),
        "furniture_ac" => (6, 0.72),
        "furniture_ad" => (3, 0.74),
        "furniture_ae" => (0, 0.73),
        "furniture_af" => (0, 0.70),
        "furniture_ag" => (2, 0.66),
        "furniture_ah" => (4, 0.66),
        "furniture_ai" => (4, 0.74),
        "furniture_aj" => (3, 0.80),
        "furniture_ak" => (1, 0.80),
        "furniture_al" => (5, 0.74),
        "furniture_am" => (7, 0.70),
        _ => return None,
    })
}

/// The reused-wording findings of an audit, each as its evidence rule and members, sorted.
fn reuse_findings(r: &Value) -> Vec<String> {
    let mut out: Vec<String> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "reused_wording")
        .map(|f| {
            let mut members: Vec<String> = f["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::to_string)
                .collect();
            members.sort();
            format!(
                "{} {members:?} origin {}",
                f["evidence"]["rule"], f["origin"]
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn aligned_passages_do_not_depend_on_the_input_order() {
    // A survey report, an excerpt that copied two of its paragraphs word for word (first in
    // the input), and notes that lift one sentence of each of three paragraphs with a few
    // words changed, so that each paragraph pair shares a single seed and only the three
    // together make the pair worth aligning. The seeds of a copied paragraph count toward the
    // report (the earliest), not toward the excerpt that comes first: read as given, with the
    // report first, and reversed, the same three passages are found, with the same members
    // and origin.
    let corpus = root().join("tests/fixtures/reordered_sources/corpus.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&corpus)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    let want = reuse_findings(&audit_ok(&corpus));
    let from_report = want
        .iter()
        .filter(|f| {
            f.starts_with("\"aligned_passage\"")
                && f.contains("notes-2")
                && f.contains("origin {\"article\":\"reference-2\"")
        })
        .count();
    assert_eq!(from_report, 3, "{want:#?}");
    let dir = tempfile::tempdir().expect("a temp dir");
    let report_first = [2, 0, 1, 3].map(|i| lines[i].as_str()).join("\n");
    let reversed: Vec<&str> = lines.iter().rev().map(String::as_str).collect();
    for (name, text) in [
        ("report_first", report_first),
        ("reversed", reversed.join("\n")),
    ] {
        let path = dir.path().join(format!("{name}.jsonl"));
        std::fs::write(&path, text + "\n").unwrap();
        assert_eq!(reuse_findings(&audit_ok(&path)), want, "{name}");
    }
}
