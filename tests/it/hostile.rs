//! Hostile input, second round: what the corpus, the file system or the command line can do to
//! the terminal, a CI log or the user's files. Every test builds its hostile input here.

use crate::common::{Rng, Run, Scratch};
use serde_json::{Value, json};
use std::path::Path;

/// An article text of a title and five long paragraphs, the same for the same seed.
fn story(seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut t = rng.paragraph(8);
    for _ in 0..5 {
        t.push_str("\n\n");
        t.push_str(&rng.paragraph(45));
    }
    t
}

fn record(id: &str, source: &str, date: &str, text: &str) -> String {
    let mut s = json!({"id": id, "source": source, "date": date, "text": text}).to_string();
    s.push('\n');
    s
}

/// An ESC-laden id that also tries a workflow command, an outlet that tries to stop them, and
/// a title that sets the window title, clears the screen and writes the clipboard.
const EVIL_ID: &str = "d1\n::error file=README.md,line=1::X\x1b]0;pwned\x07\r\x08";
const EVIL_OUTLET: &str = "evil.example\n::stop-commands::tok\x1b[2J\u{9b}31m";
const EVIL_TITLE: &str = "\x1b]52;c;cHduZWQ=\x07Title\r::warning::Y";

/// A scratch folder with `history.jsonl` (one wire story, indexed in `idx.db`) and
/// `drop.jsonl` (a copy of it under the hostile id and outlet, with a hostile title).
fn hostile_drop() -> Scratch {
    let s = Scratch::new();
    let text = story(7);
    s.write(
        "history.jsonl",
        record("h1", "wire.example", "2024-01-01", &text),
    );
    let evil = format!("{EVIL_TITLE}\n\n{text}");
    s.write(
        "drop.jsonl",
        record(EVIL_ID, EVIL_OUTLET, "2024-01-02", &evil),
    );
    let r = s.run(&["index", "add", "--index", "idx.db", "history.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    s
}

/// Fails when `out` holds a control character (tab and line feed aside) or a bidirectional
/// override, raw.
fn assert_inert(what: &str, out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c))
        .collect();
    assert!(bad.is_empty(), "{what}: raw controls {bad:?} in:\n{out}");
}

/// Fails when a line of `out` would be run as a workflow command and is not one of reprint's
/// own annotations (`::error file=…` / `::warning file=…`, titled `reprint: …`).
fn assert_no_foreign_commands(what: &str, out: &str) {
    for line in out.lines() {
        let t = line.trim_start();
        if t.starts_with("::") {
            let ours = (t.starts_with("::error file=") || t.starts_with("::warning file="))
                && t.contains(",title=reprint%3A ");
            assert!(
                ours,
                "{what}: a workflow command reprint did not write: {line}"
            );
        }
        assert!(!line.contains("##["), "{what}: {line}");
    }
}

#[test]
fn out_through_a_symlink_writes_the_target_and_keeps_the_link() {
    let s = hostile_drop();
    std::fs::write(s.join("real.json"), "old").unwrap();
    std::os::unix::fs::symlink("real.json", s.join("link.json")).unwrap();
    let r = s.run(&[
        "audit",
        "history.jsonl",
        "--format",
        "json",
        "--out",
        "link.json",
    ]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let link = std::fs::symlink_metadata(s.join("link.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link was replaced");
    let written: Value =
        serde_json::from_slice(&std::fs::read(s.join("real.json")).unwrap()).unwrap();
    assert_eq!(written["schema"], "reprint.audit/1");
    // A link into a folder elsewhere, to a file that does not exist yet: created there.
    std::fs::create_dir(s.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink("elsewhere/new.sarif", s.join("new.sarif")).unwrap();
    let r = s.run(&[
        "check",
        "--index",
        "idx.db",
        "drop.jsonl",
        "--format",
        "sarif",
        "--out",
        "new.sarif",
    ]);
    assert_eq!(r.code, Some(1), "{r:?}");
    assert!(
        std::fs::symlink_metadata(s.join("new.sarif"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(s.join("elsewhere/new.sarif"))
            .unwrap()
            .contains("\"2.1.0\"")
    );
    // Nothing left beside either.
    let names: Vec<String> = std::fs::read_dir(s.path())
        .unwrap()
        .chain(std::fs::read_dir(s.join("elsewhere")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".reprint-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn ids_and_outlets_cannot_write_workflow_commands() {
    let s = hostile_drop();
    for format in ["github", "text"] {
        let r = s.run(&[
            "check",
            "--index",
            "idx.db",
            "drop.jsonl",
            "--format",
            format,
        ]);
        assert_eq!(r.code, Some(1), "{r:?}");
        assert!(r.stdout.contains("syndicated_article"), "{}", r.stdout);
        assert_no_foreign_commands(format, &r.stdout);
        assert_no_foreign_commands(format, &r.stderr);
    }
    let r = s.run(&["audit", "history.jsonl", "drop.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("syndicated_article"), "{}", r.stdout);
    assert_no_foreign_commands("audit", &r.stdout);
}

#[test]
fn terminal_controls_never_reach_the_terminal() {
    let s = hostile_drop();
    // A file whose name and records carry controls, for stderr warnings.
    s.write(
        "bad\x1b]0;t\x07.jsonl",
        "{\"id\": \"x\x1b[2J\", \"text\": 3}\nnot json \x1b[31m\n",
    );
    let runs: Vec<(&str, Run)> = vec![
        (
            "check text",
            s.run(&["check", "--index", "idx.db", "drop.jsonl"]),
        ),
        (
            "check github",
            s.run(&["check", "--index", "idx.db", "drop.jsonl", "-f", "github"]),
        ),
        ("audit", s.run(&["audit", "."])),
        (
            "index add",
            s.run(&["index", "add", "--index", "idx.db", "drop.jsonl"]),
        ),
        (
            "index stats",
            s.run(&["index", "stats", "--index", "idx.db"]),
        ),
    ];
    for (what, r) in &runs {
        assert!(r.code.is_some_and(|c| c != 101), "{what}: {r:?}");
        assert_inert(what, &r.stdout);
        assert_inert(what, &r.stderr);
    }
    // The warnings are still there, escaped.
    let audit = &runs[2].1;
    assert!(
        audit.stderr.contains("bad\\x1b]0;t\\x07.jsonl:2"),
        "{}",
        audit.stderr
    );
    assert!(
        runs[0].1.stdout.contains("d1\\n::error"),
        "{}",
        runs[0].1.stdout
    );
}

#[test]
fn report_html_never_replaces_what_it_did_not_write() {
    let s = hostile_drop();
    s.write("notes", "my notes");
    let r = s.run(&["report", "history.jsonl", "--html", "notes"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("not replacing it"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(s.join("notes")).unwrap(),
        "my notes"
    );
    // A link to a folder of the user's is not followed into nor replaced.
    std::fs::create_dir(s.join("mine")).unwrap();
    std::os::unix::fs::symlink("mine", s.join("pages")).unwrap();
    let r = s.run(&["report", "history.jsonl", "--html", "pages"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        std::fs::symlink_metadata(s.join("pages"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_dir(s.join("mine")).unwrap().count(), 0);
    // Its own folder it still replaces.
    let r = s.run(&["report", "history.jsonl", "--html", "out"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let r = s.run(&["report", "drop.jsonl", "--html", "out"]);
    assert_eq!(r.code, Some(0), "{r:?}");
}

/// `n` articles of one wire story, one per outlet, dated a day apart from 2024-01-01.
fn wire_copies(s: &Scratch, n: usize) {
    let text = story(11);
    let mut all = String::new();
    for i in 0..n {
        let date = format!("2024-{:02}-{:02}", 1 + i / 28 % 12, 1 + i % 28);
        all.push_str(&record(
            &format!("a{i:05}"),
            &format!("outlet{i}.example"),
            &date,
            &text,
        ));
    }
    s.write("wire.jsonl", all);
}

#[test]
fn copies_are_found_at_any_count() {
    let s = Scratch::new();
    for n in [16usize, 17, 120] {
        wire_copies(&s, n);
        let r = s.run(&["audit", "wire.jsonl", "--format", "json", "--isolated"]);
        assert_eq!(r.code, Some(0), "{r:?}");
        let v = r.json();
        let findings = v["findings"].as_array().unwrap();
        let copies: Vec<&Value> = findings
            .iter()
            .filter(|f| f["kind"] == "syndicated_article")
            .collect();
        assert_eq!(copies.len(), n - 1, "{n} copies");
        // Every copy points at the earliest article.
        for f in &copies {
            assert_eq!(f["origin"]["article"], "a00000", "{f}");
        }
        assert!(
            findings.iter().all(|f| f["kind"] != "boilerplate"),
            "{n} copies: wire text became boilerplate"
        );
    }
    // clean drops every copy but the first.
    let r = s.run(&[
        "clean",
        "wire.jsonl",
        "--drop",
        "syndicated_article",
        "--out",
        "clean.jsonl",
        "--log",
        "log.jsonl",
        "--isolated",
    ]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let kept = std::fs::read_to_string(s.join("clean.jsonl")).unwrap();
    assert_eq!(kept.lines().count(), 1, "{kept}");
    assert!(kept.contains("\"a00000\""));
}

#[test]
fn sarif_uris_are_encoded_and_unreadable_records_are_notifications() {
    let s = hostile_drop();
    let copy = std::fs::read_to_string(s.join("drop.jsonl")).unwrap();
    s.write(
        "sp ace/drop 50%#1.jsonl",
        format!("{copy}{{\"id\": \"broken\"\n"),
    );
    let r = s.run(&[
        "check",
        "--index",
        "idx.db",
        "sp ace/drop 50%#1.jsonl",
        "--format",
        "sarif",
    ]);
    assert_eq!(r.code, Some(2), "{r:?}");
    let v = r.json();
    let run = &v["runs"][0];
    let mut uris = Vec::new();
    collect_uris(run, &mut uris);
    assert!(!uris.is_empty());
    for u in &uris {
        let ok = u.bytes().all(|b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/' | b'%')
        });
        assert!(ok, "not percent-encoded: {u}");
    }
    assert!(
        uris.contains(&"sp%20ace/drop%2050%25%231.jsonl".to_string()),
        "{uris:?}"
    );
    let inv = &run["invocations"][0];
    assert_eq!(inv["executionSuccessful"], false);
    let notes = inv["toolExecutionNotifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert_eq!(notes[0]["level"], "error");
    let loc = &notes[0]["locations"][0]["physicalLocation"];
    assert_eq!(
        loc["artifactLocation"]["uri"],
        "sp%20ace/drop%2050%25%231.jsonl"
    );
    assert_eq!(loc["region"]["startLine"], 2);
}

fn collect_uris(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("uri", Value::String(u)) => out.push(u.clone()),
                    _ => collect_uris(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| collect_uris(x, out)),
        _ => {}
    }
}

#[test]
fn lone_carriage_returns_end_lines() {
    let s = Scratch::new();
    let text = story(23);
    s.write("c/orig.txt", &text);
    s.write("c/mac.txt", text.replace('\n', "\r"));
    let r = s.run(&["audit", "c", "--format", "json", "--isolated"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let v = r.json();
    let mac = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "mac")
        .cloned()
        .unwrap();
    assert_eq!(mac["paragraphs"].as_array().unwrap().len(), 6, "{mac}");
    assert!(mac["title"].as_str().unwrap().len() < 100, "{mac}");
    let copy = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["kind"] == "syndicated_article" || f["kind"] == "duplicate_article");
    assert!(copy, "the exact copy is found: {}", r.stdout);
}

#[test]
fn help_version_and_completions_to_a_full_disk_fail_without_a_panic() {
    if !Path::new("/dev/full").exists() {
        return; // no full device here to write to
    }
    let s = Scratch::new();
    for args in [
        &["--help"][..],
        &["--version"],
        &["completions", "bash"],
        &["man"],
        &["audit", "--help"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = s.command(args).stdout(full).output().unwrap();
        let r = Run::from(out);
        r.assert_no_panic();
        assert_eq!(r.code, Some(2), "{args:?}: {r:?}");
        assert!(r.stderr.contains("No space left"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn jobs_are_capped_at_a_multiple_of_the_cores() {
    let s = hostile_drop();
    let t0 = std::time::Instant::now();
    let r = s.run(&["--jobs", "4096", "audit", "history.jsonl", "drop.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(
        r.stderr.contains("--jobs 4096 is more than 8 per core"),
        "{}",
        r.stderr
    );
    assert!(t0.elapsed().as_secs() < 30, "{:?}", t0.elapsed());
}

#[test]
fn weaker_points_are_named_not_silent() {
    let s = hostile_drop();
    // --out over an input is refused and the input kept.
    let before = std::fs::read(s.join("history.jsonl")).unwrap();
    let r = s.run(&["audit", "history.jsonl", "--out", "history.jsonl"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("is an input file"), "{}", r.stderr);
    assert_eq!(std::fs::read(s.join("history.jsonl")).unwrap(), before);
    // A whitespace text, gzip data under a .jsonl name, and a date that is no date.
    s.write(
        "ws.jsonl",
        record("w1", "a.example", "2024-01-01", " \n\t "),
    );
    s.write("gz.jsonl", [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    s.write(
        "dated.jsonl",
        record("t1", "b.example", "1970-01-01T00:00:00+99:99", &story(3)),
    );
    let r = s.run(&["audit", "ws.jsonl", "gz.jsonl", "dated.jsonl"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        r.stderr
            .contains("ws.jsonl:1: field \"text\" is only whitespace"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("gz.jsonl: gzip-compressed data"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("dated.jsonl:1: date \"1970-01-01T00:00:00+99:99\" is not a date"),
        "{}",
        r.stderr
    );
}

#[test]
fn output_errors_name_the_output_once() {
    let s = hostile_drop();
    for args in [
        &["audit", "history.jsonl", "--out", "missing/out.json"][..],
        &["clean", "history.jsonl", "--out", "missing/cleaned"][..],
        &["report", "history.jsonl", "--html", "missing/page.html"][..],
    ] {
        let r = s.run(args);
        assert_eq!(r.code, Some(2), "{args:?}: {r:?}");
        let out = args[args.len() - 1];
        assert!(r.stderr.contains(out), "{args:?}: {}", r.stderr);
        // The reason once, and never the hidden temporary's name.
        let reason = "No such file or directory";
        assert_eq!(
            r.stderr.matches(reason).count(),
            1,
            "{args:?}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains(".reprint-"), "{args:?}: {}", r.stderr);
    }
}

#[test]
fn check_warns_of_dates_that_are_not_dates() {
    let s = hostile_drop();
    s.write(
        "dated.jsonl",
        record("t1", "b.example", "2022-13-45", &story(3)),
    );
    let r = s.run(&["check", "--index", "idx.db", "dated.jsonl"]);
    assert!(
        r.stderr
            .contains("dated.jsonl:1: date \"2022-13-45\" is not a date"),
        "{}",
        r.stderr
    );
}

#[test]
fn the_step_summary_holds_no_raw_html_from_the_corpus() {
    let s = hostile_drop();
    let text = story(7);
    let id = "<img src=x onerror=alert(1)><details open><summary>x</summary>";
    let outlet = "<script>alert(2)</script>|`code`";
    s.write(
        "html.jsonl",
        record(id, outlet, "2024-01-02", &format!("<b>Title</b>\n\n{text}")),
    );
    let summary = s.join("summary.md");
    let out = s
        .command(&[
            "check",
            "--index",
            "idx.db",
            "html.jsonl",
            "--format",
            "github",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.contains("&lt;img src=x"), "{md}");
    for raw in ["<img", "<details", "<summary", "<script", "<b>"] {
        assert!(!md.contains(raw), "raw {raw} in:\n{md}");
    }
    // A table cell stays one cell: `|` and backticks are escaped.
    assert!(!md.contains("</script>|"), "{md}");
}

#[test]
fn a_drop_not_read_whole_never_passes() {
    let s = hostile_drop();
    // A drop folder of shards in a format reprint does not read: no articles, and a file left.
    s.write("shards/part-0000.avro", [0x4f, 0x62, 0x6a, 1]);
    let r = s.run(&["check", "--index", "idx.db", "shards"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        r.stdout.contains("FAIL: the drop was not read whole"),
        "{}",
        r.stdout
    );
    assert!(
        r.stderr.contains("part-0000.avro: not read"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("no articles found in the drop"),
        "{}",
        r.stderr
    );
}

#[test]
fn an_index_path_that_is_a_folder_is_named_as_one() {
    let s = hostile_drop();
    std::fs::create_dir(s.join("folder.db")).unwrap();
    for args in [
        &["index", "stats", "--index", "folder.db"][..],
        &["index", "add", "--index", "folder.db", "history.jsonl"][..],
        &["check", "--index", "folder.db", "drop.jsonl"][..],
    ] {
        let r = s.run(args);
        assert_eq!(r.code, Some(2), "{args:?}: {r:?}");
        assert!(
            r.stderr
                .contains("folder.db: is a folder, not an index file"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_dash_as_output_is_standard_output_not_a_file() {
    let s = hostile_drop();
    let r = s.run(&["audit", "history.jsonl", "--format", "json", "--out", "-"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(
        r.stdout.starts_with("{\"schema\":\"reprint.audit/1\""),
        "{}",
        r.stdout
    );
    let r = s.run(&["report", "history.jsonl", "--html", "-"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(
        r.stdout.starts_with("<!DOCTYPE html>"),
        "{}",
        &r.stdout[..100.min(r.stdout.len())]
    );
    assert!(
        r.stderr.contains("wrote to standard output (1 page)"),
        "{}",
        r.stderr
    );
    assert!(!s.join("-").exists(), "a file named - was written");
}
