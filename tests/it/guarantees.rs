//! The documented minimums are guarantees: two articles of different outlets sharing a run of
//! exactly `spans.min_unquoted_words` words anywhere, or of `spans.min_words` words quoted in
//! both, at any offsets, are reported as reused wording covering the run in both.

use crate::common::TempCorpus;
use proptest::prelude::*;
use reprint_core::Corpus;
use reprint_core::Engine;
use reprint_core::NoProgress;
use reprint_core::analyze;
use reprint_core::config::Config;
use reprint_core::model::FindingKind;

/// `n` words made of letters, distinct from each other and from any function word (each
/// starts with a letter pattern no English function word has).
fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = Vec<String>> {
    proptest::collection::vec("[b-df-hj-np-tv-z]{2}[aeiou][b-df-hj-np-tv-z]{1,3}q", n)
}

/// The articles' texts and the run's bytes in each.
fn pair(
    before_a: &[String],
    after_a: &[String],
    before_b: &[String],
    after_b: &[String],
    run: &[String],
    quoted: bool,
) -> [(String, std::ops::Range<usize>); 2] {
    // The words around the run differ between the two, so the shared run is exactly `run`.
    let one = |before: &[String], after: &[String], glue: [&str; 2]| {
        let mut t = String::from("Title line\n\n");
        t.push_str(&before.join(" "));
        t.push_str(glue[0]);
        let start = t.len();
        t.push_str(&run.join(" "));
        let end = t.len();
        t.push_str(glue[1]);
        t.push_str(&after.join(" "));
        t.push('\n');
        (t, start..end)
    };
    let (ga, gb) = if quoted {
        ([" said “", "” to the "], [" wrote “", "” in a "])
    } else {
        ([" and ", " to the "], [" but ", " in a "])
    };
    [one(before_a, after_a, ga), one(before_b, after_b, gb)]
}

fn found(texts: &[(String, std::ops::Range<usize>); 2]) -> Result<(), TestCaseError> {
    let t = TempCorpus::new();
    t.write("c/first-outlet/a.txt", &texts[0].0);
    t.write("c/second-outlet/b.txt", &texts[1].0);
    let corpus = Corpus::discover(&[t.join("c")], &mut Vec::new()).unwrap();
    let engine = Engine::new(Config::default()).unwrap();
    let a = analyze(&corpus, &engine, &NoProgress);
    let covers = |f: &reprint_core::model::Finding, art: usize| {
        let id = &a.store.articles[art].meta.id;
        let want = &texts[if id == "first-outlet/a" { 0 } else { 1 }].1;
        f.members.iter().any(|m| {
            m.article.get() == art
                && (m.span.start as usize) <= want.start
                && want.end <= m.span.end as usize
        })
    };
    let hit = a
        .classification
        .findings
        .iter()
        .any(|f| f.kind == FindingKind::ReusedWording && covers(f, 0) && covers(f, 1));
    prop_assert!(
        hit,
        "not found: {:?}\n{:?}",
        texts,
        a.classification.findings
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn an_unquoted_run_of_the_minimum_is_found(
        run in words(20..21),
        before_a in words(0..40), after_a in words(5..40),
        before_b in words(0..40), after_b in words(5..40),
    ) {
        assert_eq!(Config::default().spans.min_unquoted_words, run.len());
        found(&pair(&before_a, &after_a, &before_b, &after_b, &run, false))?;
    }

    #[test]
    fn a_quoted_run_of_the_minimum_is_found(
        run in words(8..9),
        before_a in words(3..40), after_a in words(5..40),
        before_b in words(3..40), after_b in words(5..40),
    ) {
        assert_eq!(Config::default().spans.min_words, run.len());
        found(&pair(&before_a, &after_a, &before_b, &after_b, &run, true))?;
    }
}
