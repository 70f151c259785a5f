//! `reprint diff`: alignment, shared spans, kinds, colour and the HTML page, run through the
//! binary on the seeds and on small JSONL corpora.

use crate::common::{TempCorpus, reprint, run_cmd, seed};

const A: &str = "000_f2344ac8b70918d0.txt";
const B: &str = "004_faff4caeb2184804.txt";

#[test]
fn seeds_show_the_shared_photo_credit_marked_in_both_columns() {
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "never", "--width", "120"])
            .arg(seed(A))
            .arg(seed(B)),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = &r.stdout;
    assert!(out.contains("A ¶2 ↔ B ¶16 · similarity 1.00"), "{out}");
    assert!(
        out.contains("[[Kenzaburo Fukuhara-Pool/Getty Images]]"),
        "{out}"
    );
    assert!(
        out.contains("[[Kenzaburo Fukuhara/Pool/Getty Images]]"),
        "{out}"
    );
    // The credit inside A's long caption is marked too (found by the audit, not aligned).
    assert!(out.contains("[[(Photo by"), "{out}");
    // Kinds from the pipeline: B's comment prompt and aggregator footer.
    assert!(out.contains("B ¶26 [boilerplate]"), "{out}");
    assert!(out.contains("B ¶29 [aggregator_footer]"), "{out}");
    assert!(out.contains("A ¶18 [boilerplate]"), "{out}");
    assert!(!out.contains('\x1b'), "no colour codes with --color never");
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let args = |c: &mut std::process::Command| {
        c.arg("diff").arg(seed(A)).arg(seed(B));
    };
    let mut always = reprint();
    args(&mut always);
    let r = run_cmd(always.args(["--color", "always"]).env("NO_COLOR", "1"));
    assert!(
        r.stdout
            .contains("\x1b[30m\x1b[43mKenzaburo Fukuhara/Pool/Getty Images"),
        "--color always wins over NO_COLOR"
    );
    let mut auto = reprint();
    args(&mut auto);
    let r = run_cmd(&mut auto);
    assert!(!r.stdout.contains('\x1b'), "a pipe gets no colour");
    assert!(
        r.stdout
            .contains("[[Kenzaburo Fukuhara/Pool/Getty Images]]")
    );
}

#[test]
fn the_html_page_marks_the_credit_and_the_kinds() {
    let t = TempCorpus::new();
    let page = t.join("diff.html");
    let r = run_cmd(
        reprint()
            .arg("diff")
            .arg(seed(A))
            .arg(seed(B))
            .arg("--html")
            .arg(&page),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.is_empty(), "the page replaces the terminal view");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<mark>Kenzaburo Fukuhara-Pool/Getty Images</mark>"));
    assert!(html.contains("<mark>Kenzaburo Fukuhara/Pool/Getty Images</mark>"));
    assert!(html.contains(r#"<div class="para k-boilerplate" id="b-26">"#));
    assert!(html.contains(r#"<div class="para k-aggregator_footer" id="b-29">"#));
    assert!(html.contains(r#"<div class="row pair" id="#));
    assert!(
        !html.contains("src=\"http"),
        "nothing is loaded from the network"
    );
}

fn jsonl_corpus(t: &TempCorpus) -> std::path::PathBuf {
    let shared = "The port authority said on Monday that container traffic fell by a fifth in the third quarter as shipping lines diverted vessels.";
    let lines = [
        serde_json::json!({"id": "x1", "source": "Harbour Post", "date": "2024-03-01", "text": format!("Port traffic falls\n\n{shared}\n\nSubscribe to our newsletter\n")}),
        serde_json::json!({"id": "x2", "source": "Coast Daily", "date": "2024-03-02", "text": format!("Shipping slump\n\nAnalysts were not surprised.\n\n{shared}\n")}),
        serde_json::json!({"id": "x3", "source": "Coast Daily", "date": "2024-03-03", "text": "Weather\n\nRain is expected across the north on Thursday.\n"}),
    ];
    let body: String = lines.iter().map(|l| format!("{l}\n")).collect();
    t.write("c/news.jsonl", &body)
}

#[test]
fn articles_are_named_by_file_and_id() {
    let t = TempCorpus::new();
    let f = jsonl_corpus(&t);
    let fs = f.to_str().unwrap();
    let r = run_cmd(reprint().args([
        "diff",
        "--color",
        "never",
        &format!("{fs}#x1"),
        &format!("{fs}#x2"),
    ]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("A ¶1 ↔ B ¶2 · similarity 1.00"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Harbour Post, 2024-03-01"),
        "{}",
        r.stdout
    );

    let r = run_cmd(reprint().args(["diff", fs, &format!("{fs}#x2")]));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("holds 3 articles; name one as") && r.stderr.contains("x1"),
        "{}",
        r.stderr
    );
    let r = run_cmd(reprint().args(["diff", &format!("{fs}#nope"), &format!("{fs}#x2")]));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("no article with id \"nope\""),
        "{}",
        r.stderr
    );
}

#[test]
fn ids_are_looked_up_in_a_corpus() {
    let t = TempCorpus::new();
    jsonl_corpus(&t);
    let corpus = t.join("c");
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "never", "x2", "x1", "--corpus"])
            .arg(&corpus),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("A ¶2 ↔ B ¶1"), "{}", r.stdout);
    let r = run_cmd(reprint().args(["diff", "x", "x1", "--corpus"]).arg(&corpus));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("similar ids: x1, x2, x3"), "{}", r.stderr);
    let r = run_cmd(reprint().args(["diff", "x1", "x2"]));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("--corpus"), "{}", r.stderr);
}

#[test]
fn seeds_by_id_in_the_seed_corpus_give_the_same_pairs() {
    let r = run_cmd(
        reprint()
            .args([
                "diff",
                "--color",
                "never",
                "000_f2344ac8b70918d0",
                "004_faff4caeb2184804",
                "--corpus",
            ])
            .arg(crate::common::seeds()),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout.contains("A ¶2 ↔ B ¶16 · similarity 1.00"));
    assert!(
        r.stdout
            .contains("[[Kenzaburo Fukuhara/Pool/Getty Images]]")
    );
}

#[test]
fn ids_are_looked_up_in_an_index() {
    let t = TempCorpus::new();
    let f = jsonl_corpus(&t);
    let db = t.join("history.db");
    let r = run_cmd(reprint().args(["index", "add", "--index"]).arg(&db).arg(&f));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // Ids are found in the index and read again from the file they were added from.
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "never", "x1", "x2", "--index"])
            .arg(&db),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stdout.contains("A ¶1 ↔ B ¶2 · similarity 1.00"),
        "{}",
        r.stdout
    );
    let r = run_cmd(reprint().args(["diff", "x1", "nope", "--index"]).arg(&db));
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr
            .contains("no article with id \"nope\" in the index"),
        "{}",
        r.stderr
    );
    // A file that has gone since is named.
    std::fs::rename(&f, t.join("c/moved.jsonl")).unwrap();
    let r = run_cmd(reprint().args(["diff", "x1", "x2", "--index"]).arg(&db));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("can no longer be read"), "{}", r.stderr);
}
