//! `reprint report --html`: the single page on the seeds, escaping of hostile text, the folder
//! layout, atomic and deterministic writes.

use crate::common::{TempCorpus, reprint, run_cmd, seeds};

/// The text of the acceptance check's hostile article: a title with a script, a paragraph that
/// tries to close an attribute and open an image, and one that closes the style element.
const HOSTILE: &str = "Hostile <script>alert(1)</script> title\n\nA paragraph with \"><img src=x onerror=alert(2)> and </style> inside it, long enough to count as text.\n";

#[test]
fn seeds_report_marks_boilerplate_footers_and_reuse() {
    let t = TempCorpus::new();
    let out = t.join("report.html");
    let r = run_cmd(reprint().arg("report").arg(seeds()).arg("--html").arg(&out));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert_eq!(html.matches("<article class=\"art\"").count(), 5);
    // 004: the tip line, "Related Articles" and "Back to top button" are boilerplate; the
    // source link, byline and disclosure are its aggregator footer.
    for p in [26, 30, 31] {
        assert!(
            html.contains(&format!(r#"<div class="para k-boilerplate" id="p4-{p}">"#)),
            "p4-{p}"
        );
    }
    for p in [27, 28, 29] {
        assert!(
            html.contains(&format!(
                r#"<div class="para k-aggregator_footer" id="p4-{p}">"#
            )),
            "p4-{p}"
        );
    }
    // The comment prompts at the tails of 000, 001 and 003.
    for id in ["p0-18", "p1-19", "p1-20", "p3-34", "p3-35"] {
        assert!(
            html.contains(&format!(r#"<div class="para k-boilerplate" id="{id}">"#)),
            "{id}"
        );
    }
    // The shared credit: marked, and linked both ways.
    assert!(html.contains("<mark>Kenzaburo Fukuhara-Pool/Getty Images</mark>"));
    assert!(html.contains(r##"<a href="#p4-16">004_faff4caeb2184804 ¶16</a>"##));
    assert!(html.contains(r##"<a href="#p0-2">000_f2344ac8b70918d0 ¶2</a>"##));
    // The caption printed twice in 004 links to its repeat.
    assert!(html.contains(r##"repeated at <a href="#p4-14">¶14</a>"##));
    // Declared sources and the chart.
    assert!(html.contains("World Time Todays"));
    assert!(html.contains("<svg class=\"chart\""));
    assert!(r.stderr.contains("wrote"), "{}", r.stderr);
}

#[test]
fn a_junk_paragraph_shows_the_signals_that_flagged_it() {
    let t = TempCorpus::new();
    let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
    let text = format!("{body}\n\nAdvertisement\n\n{body} The work starts in spring.\n");
    let rec =
        serde_json::json!({"id": "a", "source": "Ledger", "date": "2024-01-01", "text": text});
    t.write("c/a.jsonl", format!("{rec}\n"));
    let out = t.join("report.html");
    let r = run_cmd(
        reprint()
            .arg("report")
            .arg(t.join("c"))
            .arg("--html")
            .arg(&out),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    let open = r#"<div class="para k-boilerplate" id="p0-1">"#;
    let at = html.find(open).expect("the ad label is boilerplate");
    let end = html[at + open.len()..]
        .find(r#"<div class="para"#)
        .map_or(html.len(), |e| at + open.len() + e);
    let para = &html[at..end];
    assert!(para.contains(r#"class="why""#), "{para}");
    for name in ["ad_slot", "cue_line", "short"] {
        assert!(para.contains(name), "{name} in {para}");
    }
    // Body paragraphs carry no such line.
    assert_eq!(html.matches(r#"class="why""#).count(), 1);
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let t = TempCorpus::new();
    let corpus = t.with_seeds("c");
    std::fs::write(corpus.join("hostile.txt"), HOSTILE).unwrap();
    let out = t.join("report.html");
    let r = run_cmd(reprint().arg("report").arg(&corpus).arg("--html").arg(&out));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(!html.contains("\"><img"));
    assert!(html.contains("Hostile &lt;script&gt;alert(1)&lt;/script&gt; title"));
    assert!(
        html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt; and &lt;/style&gt; inside")
    );
    assert_eq!(
        html.matches("<script>").count(),
        1,
        "only the page's own script"
    );
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "only the page's own style sheet"
    );
    assert_eq!(html.matches("<style>").count(), 1);
    // Nothing is fetched: no external resource of any kind.
    for bad in ["src=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(bad), "{bad}");
    }
    // The folder layout escapes the same way.
    let dir = t.join("pages");
    let r = run_cmd(
        reprint()
            .arg("report")
            .arg(&corpus)
            .arg("--html")
            .arg(&dir)
            .args(["--page-size", "2"]),
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(&p).unwrap();
            assert!(!html.contains("<script>alert"), "{}", p.display());
            assert!(!html.contains("<img"), "{}", p.display());
        }
    }
}

#[test]
fn large_corpora_become_a_folder_that_replaces_only_its_own_kind() {
    let t = TempCorpus::new();
    let out = t.join("report.html");
    let report = |out: &std::path::Path| {
        run_cmd(
            reprint()
                .arg("report")
                .arg(seeds())
                .arg("--html")
                .arg(out)
                .args(["--split-above", "2", "--page-size", "2"]),
        )
    };
    let r = report(&out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".reprint-report",
            "articles-0001.html",
            "articles-0002.html",
            "articles-0003.html",
            "index.html",
            "outlet-0001.html"
        ]
    );
    let index = std::fs::read_to_string(out.join("index.html")).unwrap();
    assert!(index.contains(r#"<a href="articles-0003.html">page 3</a>"#));
    assert!(
        index.contains(r##"href="articles-0001.html#p0-2""##),
        "clusters link into pages"
    );
    let page3 = std::fs::read_to_string(out.join("articles-0003.html")).unwrap();
    assert!(page3.contains(r#"<div class="para k-aggregator_footer" id="p4-29">"#));
    assert!(page3.contains(r##"href="articles-0001.html#p0-2""##));
    // Written again: replaced whole.
    let r = report(&out);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(
        std::fs::read_dir(t.path()).unwrap().count(),
        1,
        "no leftovers"
    );
    // A folder of the user's is never replaced.
    let mine = t.join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    let r = report(&mine);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("not replacing it"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(&mine).unwrap().count(), 1);
}

#[test]
fn the_report_is_the_same_bytes_whatever_the_threads() {
    let t = TempCorpus::new();
    let (one, two) = (t.join("one.html"), t.join("two.html"));
    for (jobs, out) in [("1", &one), ("2", &two)] {
        let r = run_cmd(
            reprint()
                .args(["--jobs", jobs, "report"])
                .arg(seeds())
                .arg("--html")
                .arg(out),
        );
        assert_eq!(r.code, Some(0), "{}", r.stderr);
    }
    assert_eq!(std::fs::read(&one).unwrap(), std::fs::read(&two).unwrap());
}

#[test]
fn a_failed_write_leaves_nothing() {
    let t = TempCorpus::new();
    let out = t.join("missing-folder/report.html");
    let r = run_cmd(reprint().arg("report").arg(seeds()).arg("--html").arg(&out));
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("missing-folder"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), 0);
}
