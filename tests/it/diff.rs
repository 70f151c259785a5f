//! `reprint diff`: alignment, edits, shared spans, kinds, the original, colour and the HTML
//! page, run through the binary on the seeds, on a one-word edit (`tests/fixtures/word_diff`)
//! and on small JSONL corpora.

use crate::common::{TempCorpus, reprint, root, run_cmd, seed};

const A: &str = "000_f2344ac8b70918d0.txt";
const B: &str = "004_faff4caeb2184804.txt";

#[test]
fn seeds_show_the_shared_photo_credit() {
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "never", "--width", "120"])
            .arg(seed(A))
            .arg(seed(B)),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = &r.stdout;
    // The credit lines align, the same words: plain, as B writes them.
    assert!(
        out.contains(
            "A ¶2 ↔ B ¶16 · similarity 1.00 · 5 shared words, 0 removed, 0 added\nA ¶2 [reused_wording] · B ¶16 [reused_wording]\nKenzaburo Fukuhara/Pool/Getty Images\n"
        ),
        "{out}"
    );
    assert!(!out.contains("[[Kenzaburo"), "{out}");
    // The credit inside A's long caption is marked (found by the audit, not aligned).
    assert!(
        out.contains("[[(Photo by Kenzaburo") && out.contains("Fukuhara-Pool/Getty Images)]]"),
        "{out}"
    );
    assert!(out.contains("\noriginal: unknown (no dates)\n"), "{out}");
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
        r.stdout.contains("\x1b[30m\x1b[43m(Photo by Kenzaburo"),
        "--color always wins over NO_COLOR"
    );
    let mut auto = reprint();
    args(&mut auto);
    let r = run_cmd(&mut auto);
    assert!(!r.stdout.contains('\x1b'), "a pipe gets no colour");
    assert!(r.stdout.contains("[[(Photo by Kenzaburo"));
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
    assert!(html.contains("<mark>(Photo by Kenzaburo Fukuhara-Pool/Getty Images)</mark>"));
    assert!(html.contains("</span>Kenzaburo Fukuhara/Pool/Getty Images</div>"));
    assert!(
        !html.contains("<mark>Kenzaburo"),
        "an aligned pair's shared words are plain"
    );
    assert!(html.contains("<p id=\"original\">Original: <strong>unknown</strong> (no dates)</p>"));
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
    assert!(
        r.stdout
            .contains("\noriginal: A (earlier date 2024-03-01)\n"),
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
    assert!(r.stdout.contains("[[(Photo by Kenzaburo"));
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

#[test]
fn an_index_names_its_files_so_that_they_resolve_from_any_folder() {
    let t = TempCorpus::new();
    jsonl_corpus(&t);
    std::fs::create_dir_all(t.join("ci/cache")).unwrap();
    std::fs::create_dir_all(t.join("elsewhere")).unwrap();
    // Built from the corpus's folder with a relative path, the index kept in another one.
    let r = run_cmd(reprint().current_dir(t.path()).args([
        "index",
        "add",
        "--index",
        "ci/cache/h.db",
        "c/news.jsonl",
    ]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for (folder, db) in [
        (t.join("elsewhere"), "../ci/cache/h.db"),
        (t.join("ci"), "cache/h.db"),
        (t.path().to_path_buf(), "ci/cache/h.db"),
    ] {
        let r = run_cmd(
            reprint()
                .current_dir(&folder)
                .args(["diff", "--color", "never", "x1", "x2", "--index", db]),
        );
        assert_eq!(r.code, Some(0), "from {}: {}", folder.display(), r.stderr);
        assert!(r.stdout.contains("A ¶1 ↔ B ¶2"), "{}", r.stdout);
    }
    // Below the current folder the file is named from it, as check's annotations need.
    let r = run_cmd(reprint().current_dir(t.path()).args([
        "diff",
        "--color",
        "never",
        "x1",
        "x2",
        "--index",
        "ci/cache/h.db",
    ]));
    assert!(r.stdout.contains(" c/news.jsonl"), "{}", r.stdout);
}

/// The two articles of `tests/fixtures/word_diff`: a wire story and its later copy, which
/// changes "dictator" to "leader".
fn word_diff(file: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/word_diff").join(file)
}

#[test]
fn a_one_word_edit_reads_as_git_word_diff_under_the_original() {
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "never", "--width", "200"])
            .arg(word_diff("wire.jsonl"))
            .arg(word_diff("daily.jsonl")),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = &r.stdout;
    assert!(
        out.contains("\noriginal: A (earlier date 2024-01-02)\n"),
        "{out}"
    );
    assert!(
        out.contains("\nA ¶0 ↔ B ¶0 · similarity 0.97 · 29 shared words, 1 removed, 1 added\n"),
        "{out}"
    );
    assert!(
        out.contains(" to meet the Chinese [-dictator-]{+leader+} Xi Jinping on the day the Winter Olympics open.\n"),
        "{out}"
    );
    // Identical paragraphs are plain text, marked nowhere.
    assert_eq!(
        out.matches("[-dictator-]{+leader+}").count(),
        2,
        "the passage and the pair: {out}"
    );
    assert_eq!(out.matches("[-").count(), 4, "and the two keys: {out}");
    assert_eq!(out.matches("[[").count(), 1, "only the key: {out}");
    assert!(out.contains(
        "\nSeveral Western governments have said they will send no officials to the opening ceremony.\n"
    ));

    // The other way round: B is the original, and the edit is reversed.
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "never", "--width", "200"])
            .arg(word_diff("daily.jsonl"))
            .arg(word_diff("wire.jsonl")),
    );
    assert!(
        r.stdout
            .contains("\noriginal: B (earlier date 2024-01-02)\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("Chinese [-leader-]{+dictator+} Xi Jinping"),
        "{}",
        r.stdout
    );
}

#[test]
fn with_colour_the_edit_is_red_then_green() {
    let r = run_cmd(
        reprint()
            .args(["diff", "--color", "always"])
            .arg(word_diff("wire.jsonl"))
            .arg(word_diff("daily.jsonl")),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // Red struck through, then green underlined; no brackets.
    assert!(
        r.stdout.contains(
            "Chinese \x1b[9m\x1b[31mdictator\x1b[0m\x1b[4m\x1b[32mleader\x1b[0m Xi Jinping"
        ),
        "{:?}",
        r.stdout
    );
    assert!(!r.stdout.contains("[-dictator"), "{:?}", r.stdout);
}

#[test]
fn the_html_page_marks_the_edit_in_each_column() {
    let t = TempCorpus::new();
    let page = t.join("edits.html");
    let r = run_cmd(
        reprint()
            .arg("diff")
            .arg(word_diff("wire.jsonl"))
            .arg(word_diff("daily.jsonl"))
            .arg("--html")
            .arg(&page),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&page).unwrap();
    let cell = |side: &str| {
        let start = html
            .find(&format!("<div class=\"cell {side}\">"))
            .expect("a pair cell");
        html[start..]
            .split("</div></div></div>")
            .next()
            .unwrap_or("")
            .to_string()
    };
    let (a, b) = (cell("a"), cell("b"));
    assert!(
        a.contains("the Chinese <del>dictator</del> Xi Jinping"),
        "{a}"
    );
    assert!(!a.contains("<ins>"), "{a}");
    assert!(
        b.contains("the Chinese <ins>leader</ins> Xi Jinping"),
        "{b}"
    );
    assert!(!b.contains("<del>"), "{b}");
    assert!(html.contains(
        "<p id=\"original\">Original: <strong>A · wire-1</strong> (earlier date 2024-01-02)</p>"
    ));
    assert_eq!(html.matches("<mark>").count(), 1, "only the key's example");
}
