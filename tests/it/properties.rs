//! Properties over generated corpora (proptest): every byte range the audit reports lies
//! inside its article on character boundaries, and `clean` never splits a character and
//! always restores: cleaned text + removal log == original.

use crate::common::TempCorpus;
use proptest::prelude::*;
use reprint_core::Engine;
use reprint_core::NoProgress;
use reprint_core::analyze;
use reprint_core::config::Config;
use reprint_core::model::{ByteSpan, FindingKind};
use reprint_core::{Corpus, FieldNames, load_texts};
use reprint_core::{CutKind, DEFAULT_DROP, DropSet, plan_clean, verify_clean, write_clean};

/// Lines that trigger the rules: cues, a credit, a dateline, a disclosure with its link.
const SPECIAL: &[&str] = &[
    "Leave a Comment",
    "Related Articles",
    "Back to top button",
    "Please enter your comment!",
    "Kenzaburo Fukuhara/Pool/Getty Images",
    "MOSCOW (CNN) — Officials met on Tuesday to talk about the ferry timetable again.",
    "https://www.example.com/story-1 Officials meet",
    "Example Daily is an automatic aggregator of the all world’s media. All trademarks belong to their owners.",
];

#[derive(Debug, Clone)]
struct Article {
    paragraphs: Vec<usize>,
    crlf: bool,
    blank_lines: bool,
    jsonl: bool,
    outlet: u8,
}

fn pool() -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[A-Za-zéü€𝄞’“”—,. ]{1,90}", 4..10).prop_map(|mut v| {
        v.extend(SPECIAL.iter().map(|s| s.to_string()));
        v
    })
}

fn article(pool_len: usize) -> impl Strategy<Value = Article> {
    (
        proptest::collection::vec(0..pool_len, 1..14),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u8..3,
    )
        .prop_map(|(paragraphs, crlf, blank_lines, jsonl, outlet)| Article {
            paragraphs,
            crlf,
            blank_lines,
            jsonl,
            outlet,
        })
}

fn corpus() -> impl Strategy<Value = (Vec<String>, Vec<Article>)> {
    pool().prop_flat_map(|p| {
        let n = p.len();
        (Just(p), proptest::collection::vec(article(n), 1..7))
    })
}

fn text_of(pool: &[String], a: &Article) -> String {
    let nl = if a.crlf { "\r\n" } else { "\n" };
    let sep = if a.blank_lines {
        format!("{nl}{nl}")
    } else {
        nl.to_string()
    };
    let body: Vec<&str> = a.paragraphs.iter().map(|&i| pool[i].as_str()).collect();
    format!("Title {}{sep}{}{nl}", a.outlet, body.join(&sep))
}

fn in_article(span: ByteSpan, text: &str) -> bool {
    span.start <= span.end && span.slice(text).is_some()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn reported_ranges_and_cuts_respect_characters((pool, articles) in corpus()) {
        let t = TempCorpus::new();
        let mut jsonl = String::new();
        for (i, a) in articles.iter().enumerate() {
            let text = text_of(&pool, a);
            if a.jsonl {
                let rec = serde_json::json!({"id": format!("j{i}"), "source": format!("o{}", a.outlet), "text": text});
                jsonl.push_str(&format!("{rec}\n"));
            } else {
                t.write(&format!("c/o{}/t{i}.txt", a.outlet), &text);
            }
        }
        if !jsonl.is_empty() {
            t.write("c/j.jsonl", &jsonl);
        }
        let corpus = Corpus::discover(&[t.join("c")], &mut Vec::new()).unwrap();
        let engine = Engine::new(Config::default()).unwrap();
        let a = analyze(&corpus, &engine, &NoProgress);
        prop_assert!(a.errors.is_empty(), "{:?}", a.errors);
        let names = FieldNames::from(&engine.config.input);
        let all: Vec<_> = a.store.articles.iter().enumerate().map(|(i, r)| (i, r.location.clone())).collect();
        let texts = load_texts(&corpus, &names, &all);
        prop_assert_eq!(texts.len(), articles.len());

        for (i, art) in a.store.articles.iter().enumerate() {
            let text = &texts[&i];
            prop_assert_eq!(art.text_len as usize, text.len());
            for p in &a.store.paras[art.paras()] {
                prop_assert!(in_article(p.span, text), "paragraph {:?} of {}", p.span, art.meta.id);
            }
            for d in &art.declared {
                prop_assert!(in_article(d.span, text), "declared {:?} of {}", d, art.meta.id);
            }
        }
        let members = a.classification.findings.iter().flat_map(|f| f.members.iter())
            .chain(a.classification.clusters.iter().flat_map(|c| c.members.iter()));
        for m in members {
            let art = &a.store.articles[m.article.get()];
            let text = &texts[&m.article.get()];
            prop_assert!(in_article(m.span, text), "member {:?} of {}", m, art.meta.id);
            if let Some(p) = m.paragraph {
                let para = a.store.paras[art.first_para as usize + p as usize].span;
                prop_assert!(para.start <= m.span.start && m.span.end <= para.end);
            }
        }

        // Clean with every droppable kind, then check the log and the round trip.
        let every: Vec<CutKind> = DEFAULT_DROP.into_iter()
            .chain([FindingKind::SyndicatedArticle, FindingKind::DuplicateArticle].map(CutKind::Finding))
            .collect();
        let p = plan_clean(&a, DropSet::of(&every));
        let (mut out, mut log) = (Vec::new(), Vec::new());
        let (_, problems) = write_clean(&corpus, &a, &p, &names, &mut out, &mut log, &NoProgress).unwrap();
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let by_id: std::collections::HashMap<&str, &String> = a.store.articles.iter().enumerate()
            .map(|(i, r)| (r.meta.id.as_str(), &texts[&i])).collect();
        for line in std::str::from_utf8(&log).unwrap().lines() {
            let r: serde_json::Value = serde_json::from_str(line).unwrap();
            let original = by_id[r["article"].as_str().unwrap()];
            let (s, e) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
            prop_assert!(original.is_char_boundary(s) && original.is_char_boundary(e));
            prop_assert_eq!(&original[s..e], r["text"].as_str().unwrap());
        }
        let report = verify_clean(&corpus, &a, &p, &names, &mut &out[..], &mut &log[..]);
        prop_assert!(report.problems.is_empty(), "{:?}", report.problems);
        prop_assert_eq!(report.articles + report.dropped, articles.len() as u64);
    }
}
