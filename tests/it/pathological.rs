//! Pathological inputs stay bounded: one enormous article, a corpus of identical articles, a
//! paragraph repeated 100k times, degenerate repetition and crowded candidate buckets. Each
//! must finish in seconds and, where a cap cut the work short, say so.

use crate::common::{Rng, Run, TempCorpus, reprint_run};
use std::time::{Duration, Instant};

/// Runs `reprint`, failing the test if it takes longer than `limit` (generous: a quadratic
/// step would take minutes to hours on these inputs).
fn timed(args: &[&str], limit: Duration) -> Run {
    let t = Instant::now();
    let r = reprint_run(args);
    let took = t.elapsed();
    r.assert_no_panic();
    assert!(took < limit, "took {took:?}: {args:?}");
    r
}

/// `reprint audit DIR/c --format json` within `limit`, which must succeed.
fn audit_folder(t: &TempCorpus, limit: Duration) -> Run {
    let r = timed(
        &["audit", t.join("c").to_str().unwrap(), "--format", "json"],
        limit,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    r
}

#[test]
fn an_enormous_article_is_one_paragraph_read_in_linear_time() {
    let mut rng = Rng::new(21);
    let words: Vec<String> = (0..2000).map(|_| rng.word()).collect();
    let mut text = String::new();
    // Quotation marks every few words: tens of thousands of quotations in one paragraph, which
    // every shared run is checked against.
    let mut n = 0;
    while text.len() < 8 << 20 {
        if n % 9 == 0 {
            text.push('"');
        }
        text.push_str(&words[rng.below(words.len())]);
        text.push(' ');
        n += 1;
    }
    let t = TempCorpus::new();
    // Another outlet carries an edited copy (every 12th word changed): shingle Jaccard near
    // 0.6 calls for the word edit similarity, which is quadratic and so capped on a paragraph
    // of a million words; the cap is reported and the pair is judged on Jaccard alone.
    let copy: Vec<&str> = text
        .split(' ')
        .enumerate()
        .map(|(i, w)| if i % 12 == 5 { "edited" } else { w })
        .collect();
    let copy = copy.join(" ");
    t.write(
        "c/a.jsonl",
        serde_json::json!({"id": "a", "source": "A", "text": text}).to_string(),
    );
    t.write(
        "c/b.jsonl",
        serde_json::json!({"id": "b", "source": "B", "text": copy}).to_string(),
    );
    let r = audit_folder(&t, Duration::from_secs(60));
    assert!(
        r.stderr.contains(
            "warning: 1 candidate pairs longer than 2000 words were judged on shingle Jaccard alone"
        ),
        "the edit-similarity cap is reported: {}",
        r.stderr
    );
    let json = r.json();
    let huge = &json["articles"][0]["paragraphs"];
    assert_eq!(huge.as_array().unwrap().len(), 1);
    assert_eq!(
        huge[0]["end"].as_u64().unwrap() as usize,
        text.trim_end().len()
    );
}

#[test]
fn a_corpus_of_identical_articles_is_linear() {
    let mut rng = Rng::new(22);
    let body: Vec<String> = (0..8).map(|_| rng.paragraph(30)).collect();
    let text = body.join("\n\n");
    let mut out = String::new();
    for i in 0..3000 {
        let rec = serde_json::json!({"id": format!("a{i}"), "source": format!("o{}", i % 40), "text": text});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    let t = TempCorpus::new();
    t.write("c/all.jsonl", out);
    let r = audit_folder(&t, Duration::from_secs(60));
    let json = r.json();
    assert_eq!(json["articles"].as_array().unwrap().len(), 3000);
    // Eight clusters, one per paragraph, each in every article.
    let clusters = json["clusters"].as_array().unwrap();
    assert_eq!(clusters.len(), 8);
    assert!(
        clusters
            .iter()
            .all(|c| c["members"].as_array().unwrap().len() == 3000)
    );
}

/// An article of a title and `n` copies of one paragraph.
fn repeated(n: usize, line: &str) -> String {
    let mut text = String::from("A title\n\n");
    for _ in 0..n {
        text.push_str(line);
        text.push_str("\n\n");
    }
    text
}

/// The best of two wall times of `reprint args`.
fn best_of_two(args: &[&str]) -> Duration {
    (0..2)
        .map(|_| {
            let t = Instant::now();
            let r = reprint_run(args);
            assert_eq!(r.code, Some(0), "{}", r.stderr);
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

#[test]
fn a_paragraph_repeated_100k_times_keeps_one_copy_in_linear_time() {
    let line = "The same short line, repeated down the page.";
    let t = TempCorpus::new();
    t.write("c/rep.txt", repeated(100_000, line));
    let (input, out) = (t.join("c"), t.join("clean.jsonl"));
    let args = [
        "clean",
        input.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--verify",
    ];
    let r = timed(&args, Duration::from_secs(60));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("verified: for all 1 articles"),
        "{}",
        r.stderr
    );
    let rec: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    // The title line goes as the headline (the record keeps it as `title`), and every copy
    // of the line but one.
    assert_eq!(rec["text"], format!("{line}\n\n"));
    assert_eq!(rec["title"], "A title");
    let log = std::fs::read_to_string(t.join("clean.removed.jsonl")).unwrap();
    assert_eq!(log.lines().count(), 100_000);

    // A quarter of the copies must take about a quarter of the time (a step quadratic in the
    // number of cuts made this 7 times slower than linear at 100k, and 30 at 200k).
    let small = TempCorpus::new();
    small.write("c/rep.txt", repeated(25_000, line));
    let (small_in, small_out) = (small.join("c"), small.join("clean.jsonl"));
    let small_args = [
        "clean",
        small_in.to_str().unwrap(),
        "--out",
        small_out.to_str().unwrap(),
        "--verify",
    ];
    let (t_small, t_big) = (best_of_two(&small_args), best_of_two(&args));
    assert!(
        t_big < t_small * 10,
        "25k copies: {t_small:?}, 100k copies: {t_big:?}: not linear"
    );
}

#[test]
fn degenerate_repetition_is_capped_and_the_cap_reported() {
    let mut rng = Rng::new(23);
    let t = TempCorpus::new();
    let mut out = String::new();
    for (i, src) in ["A", "B"].iter().enumerate() {
        let text = format!(
            "{} {} {}",
            rng.paragraph(3000),
            "ha ".repeat(50_000),
            rng.paragraph(3000 + i)
        );
        out.push_str(
            &serde_json::json!({"id": format!("h{i}"), "source": src, "text": text}).to_string(),
        );
        out.push('\n');
    }
    t.write("c/ha.jsonl", out);
    let r = audit_folder(&t, Duration::from_secs(30));
    assert!(
        r.stderr
            .contains("warning: 1 paragraph pairs with a word sequence repeated"),
        "{}",
        r.stderr
    );
    // The shared repetition is still found as reused wording.
    let json = r.json();
    assert!(
        json["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["kind"] == "reused_wording")
    );
}

#[test]
fn crowded_candidate_buckets_are_linked_linearly_and_reported() {
    // 400 variants of one paragraph, each with one word changed: one crowded bucket per band.
    let mut rng = Rng::new(24);
    let base: Vec<String> = (0..30).map(|_| rng.word()).collect();
    let mut out = String::new();
    for i in 0..400 {
        let mut words = base.clone();
        words[i % 30] = format!("v{i}");
        let text = format!("{}\n\n{}", rng.paragraph(40), words.join(" "));
        out.push_str(
            &serde_json::json!({"id": format!("b{i}"), "source": format!("s{i}"), "text": text})
                .to_string(),
        );
        out.push('\n');
    }
    let t = TempCorpus::new();
    t.write("c/b.jsonl", out);
    let r = audit_folder(&t, Duration::from_secs(30));
    assert!(
        r.stderr
            .contains("candidate buckets held more than 24 distinct texts"),
        "{}",
        r.stderr
    );
    // The variants still form one cluster.
    let json = r.json();
    let biggest = json["clusters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["members"].as_array().unwrap().len())
        .max();
    assert_eq!(biggest, Some(400));
}

/// `n` articles of different outlets: the first 200 the same eight paragraphs revised at
/// random (a word in eight replaced, and every paragraph joined to words of its own so that no
/// two are near-duplicates), the others the same in stories of ten articles each.
fn revised_corpus(n: usize) -> String {
    let mut rng = Rng::new(23);
    let mut out = String::new();
    let mut body: Vec<Vec<String>> = Vec::new();
    for i in 0..n {
        if i == 0 || (i >= 200 && i % 10 == 0) {
            body = (0..8)
                .map(|_| (0..40).map(|_| rng.word()).collect())
                .collect();
        }
        let paras: Vec<String> = body
            .iter()
            .map(|p| {
                let mut words: Vec<String> = p
                    .iter()
                    .map(|w| {
                        if rng.below(8) == 0 {
                            rng.word()
                        } else {
                            w.clone()
                        }
                    })
                    .collect();
                words.extend((0..30).map(|_| rng.word()));
                words.join(" ")
            })
            .collect();
        let rec = serde_json::json!({"id": format!("a{i}"), "source": format!("o{i}"), "text": paras.join("\n\n")});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn a_corpus_of_revised_copies_aligns_in_bounded_time() {
    // 200 articles share passages, all pairs of them; the common-phrase limit keeps the pairs
    // aligned linear in the corpus (a seed carried by more than `spans.max_articles` articles
    // opens no pair), so quadrupling the corpus about quadruples the time.
    let small = TempCorpus::new();
    small.write("c/all.jsonl", revised_corpus(500));
    let big = TempCorpus::new();
    big.write("c/all.jsonl", revised_corpus(2000));
    let args = |t: &TempCorpus| {
        vec![
            "audit".to_string(),
            t.join("c").to_str().unwrap().to_string(),
            "--format".into(),
            "json".into(),
            "--no-progress".into(),
        ]
    };
    let (sa, ba) = (args(&small), args(&big));
    let ts = best_of_two(&sa.iter().map(String::as_str).collect::<Vec<_>>());
    let tb = best_of_two(&ba.iter().map(String::as_str).collect::<Vec<_>>());
    // Quadratic would be 16×; allow noise on a shared machine.
    assert!(
        tb < ts * 8 + Duration::from_secs(2),
        "500 articles {ts:?}, 2000 articles {tb:?}"
    );
    let r = audit_folder(&small, Duration::from_secs(60));
    let json = r.json();
    let aligned = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["evidence"]["rule"] == "aligned_passage")
        .count();
    assert!(aligned > 0, "no aligned passages among revised copies");
}
