//! README's first example: `reprint audit seeds/` finds the seeds' furniture and reuse and
//! flags no article body.

use crate::common::{audit_json, kinds_of, root, texts_of};

const A000: &str = "000_f2344ac8b70918d0";
const A001: &str = "001_4a99380d496eb791";
const A002: &str = "002_aebab53ae4fec50e";
const A003: &str = "003_ef13e5279add177e";
const A004: &str = "004_faff4caeb2184804";

#[test]
fn seeds_findings_by_article_and_paragraph() {
    let seeds = root().join("seeds");
    let (r, out) = audit_json(&seeds, &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(r["schema"], "reprint.audit/1");
    let t = texts_of(&seeds);
    let has = |a: &str, needle: &str, nth: usize, kind: &str| {
        let k = kinds_of(&r, &t, a, needle, nth);
        assert!(
            k.iter().any(|x| x == kind),
            "{a} {needle:?}: {k:?}, want {kind}"
        );
    };
    has(A000, "Please let us know if you", 0, "boilerplate");
    has(A001, "Please enter your comment!", 0, "boilerplate");
    has(A001, "Please enter your name here", 0, "boilerplate");
    has(A003, "Leave a Comment", 0, "boilerplate");
    has(
        A003,
        "Your email address will not be published.",
        0,
        "boilerplate",
    );
    has(A004, "Related Articles", 0, "boilerplate");
    has(A004, "Back to top button", 0, "boilerplate");
    has(
        A004,
        "World Time Todays is an automatic aggregator",
        0,
        "aggregator_footer",
    );
    has(
        A004,
        "Putin and Xi meet for year-end talks",
        0,
        "internal_duplicate",
    );
    has(
        A004,
        "Putin and Xi meet for year-end talks",
        1,
        "internal_duplicate",
    );
    has(
        A000,
        "Kenzaburo Fukuhara-Pool/Getty Images",
        0,
        "reused_wording",
    );
    has(
        A004,
        "Kenzaburo Fukuhara/Pool/Getty Images",
        0,
        "reused_wording",
    );
}

#[test]
fn no_body_paragraph_of_the_seeds_is_flagged() {
    let seeds = root().join("seeds");
    let (r, _) = audit_json(&seeds, &[]);
    let t = texts_of(&seeds);
    // Not article body: the photo caption that carries the shared credit, the tip line and the
    // aggregator's source link and disclosure.
    let not_body = [
        "BEIJING, CHINA - MAY 15",
        "Do you have a tip",
        "https://www.newsweek",
        "World Time Todays",
    ];
    for a in r["articles"].as_array().unwrap() {
        let text = &t[a["id"].as_str().unwrap()];
        for p in a["paragraphs"].as_array().unwrap() {
            let (s, e) = (
                p["start"].as_u64().unwrap() as usize,
                p["end"].as_u64().unwrap() as usize,
            );
            let para = &text[s..e];
            if para.split_whitespace().count() < 12 || not_body.iter().any(|n| para.contains(n)) {
                continue;
            }
            assert!(
                p["kinds"].as_array().unwrap().is_empty(),
                "{} flagged {}: {para:.80}",
                a["id"],
                p["kinds"]
            );
        }
    }
}

#[test]
fn seeds_declare_their_sources() {
    let (r, _) = audit_json(&root().join("seeds"), &[]);
    let decl = |id: &str| -> Vec<(String, String)> {
        let a = r["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap();
        a["provenance"]["declared"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["kind"].as_str().unwrap().to_string(),
                    d["outlet"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect()
    };
    let has = |id: &str, kind: &str, outlet: &str| {
        let d = decl(id);
        assert!(
            d.iter().any(|(k, o)| k == kind && o == outlet),
            "{id}: {d:?}, want {kind} {outlet}"
        );
    };
    has(A002, "dateline", "CNN");
    has(A001, "photo_credit", "The New York Times");
    has(A000, "photo_credit", "Getty Images");
    has(A004, "source_link", "Newsweek");
    has(A004, "aggregator", "World Time Todays");
    assert!(decl(A003).is_empty(), "{:?}", decl(A003));
    // Every declaration's range points at its text.
    let t = texts_of(&root().join("seeds"));
    for a in r["articles"].as_array().unwrap() {
        for d in a["provenance"]["declared"].as_array().unwrap() {
            let text = &t[a["id"].as_str().unwrap()];
            let (s, e) = (
                d["start"].as_u64().unwrap() as usize,
                d["end"].as_u64().unwrap() as usize,
            );
            assert!(text[s..e].starts_with(d["text"].as_str().unwrap()));
        }
    }
}

#[test]
fn the_text_report_quotes_what_it_found() {
    let out = crate::common::run(&[
        "audit",
        root().join("seeds").to_str().unwrap(),
        "--no-progress",
    ]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("reprint audit: 5 articles"), "{s}");
    assert!(s.contains("[aggregator_footer]"), "{s}");
    assert!(s.contains("\"Leave a Comment\""), "{s}");
    assert!(s.contains("first seen: unknown"), "{s}");
    assert!(s.contains("Declared sources"), "{s}");
}
