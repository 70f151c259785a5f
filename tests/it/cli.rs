//! The command line itself: help, completions, man page, config files, exit codes, outputs.

use crate::common::{TempCorpus, reprint, root, run};

#[test]
fn help_lists_the_commands() {
    let out = reprint().arg("help").output().unwrap();
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("audit") && s.contains("completions") && s.contains("man"),
        "{s}"
    );
}

#[test]
fn completions_and_man_page_come_from_the_same_definition() {
    let out = run(&["completions", "bash"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("reprint"));
    let out = run(&["man"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH reprint"));
}

#[test]
fn every_page_the_man_page_names_can_be_printed() {
    let main = String::from_utf8_lossy(&run(&["man"]).stdout).to_string();
    let named: Vec<&str> = main
        .lines()
        .filter_map(|l| l.strip_prefix("reprint\\-")?.strip_suffix("(1)"))
        .collect();
    assert!(
        named.contains(&"audit") && named.contains(&"check"),
        "{named:?}"
    );
    for name in named {
        let out = run(&["man", name]);
        assert!(out.status.success(), "reprint man {name}");
        let page = String::from_utf8_lossy(&out.stdout);
        assert!(
            page.contains(&format!(".TH reprint-{name} 1")),
            "{name}: {page}"
        );
        assert!(page.contains(&format!("reprint {name}")), "{name}");
    }
    let out = run(&["man", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one of: audit"));
}

#[test]
fn the_text_report_is_coloured_only_when_asked_or_on_a_terminal() {
    let seeds = root().join("seeds");
    let seeds = seeds.to_str().unwrap();
    let plain = run(&["audit", seeds, "--no-progress"]);
    let never = run(&["audit", seeds, "--no-progress", "--color", "never"]);
    let always = run(&["audit", seeds, "--no-progress", "--color", "always"]);
    assert!(plain.status.success() && always.status.success());
    // A pipe gets the plain bytes, as files and CI logs do.
    assert_eq!(plain.stdout, never.stdout);
    assert!(!plain.stdout.contains(&0x1b));
    let coloured = String::from_utf8_lossy(&always.stdout);
    assert!(coloured.contains("[boilerplate]\u{1b}[0m"), "{coloured}");
    // Only styles are added: without them the text is the same.
    let stripped = coloured
        .split('\u{1b}')
        .enumerate()
        .map(|(i, part)| {
            if i == 0 {
                part
            } else {
                part.split_once('m').map_or(part, |x| x.1)
            }
        })
        .collect::<String>();
    assert_eq!(stripped, String::from_utf8_lossy(&plain.stdout));
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["audit"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["audit", "seeds", "--format", "yaml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_missing_path_is_reported_and_exits_2() {
    let out = run(&["audit", "/nonexistent/corpus", "--no-progress"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/corpus"));
}

#[test]
fn config_files_are_found_and_unknown_keys_refused() {
    let c = TempCorpus::new();
    std::fs::create_dir_all(c.path().join("sub")).unwrap();
    c.write(
        "reprint.toml",
        "[verify]\nedit_similarity = 0.9\nbogus_key = 1\n",
    );
    let out = reprint()
        .current_dir(c.path().join("sub"))
        .args([
            "audit",
            root().join("seeds").to_str().unwrap(),
            "--no-progress",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("reprint.toml:3") && err.contains("bogus_key"),
        "{err}"
    );
    // --isolated ignores it.
    let out = reprint()
        .current_dir(c.path().join("sub"))
        .args([
            "audit",
            root().join("seeds").to_str().unwrap(),
            "--no-progress",
            "--isolated",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn a_config_file_changes_thresholds() {
    let c = TempCorpus::new();
    let cfg = c.write("strict.toml", "[spans]\nmin_words = 40\n");
    let seeds = root().join("seeds");
    let out = reprint()
        .args([
            "audit",
            seeds.to_str().unwrap(),
            "--format",
            "json",
            "--no-progress",
            "--config",
        ])
        .arg(&cfg)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn out_writes_the_report_to_a_file() {
    let c = TempCorpus::new();
    let target = c.path().join("report.json");
    let out = run(&[
        "audit",
        root().join("seeds").to_str().unwrap(),
        "--format",
        "json",
        "--no-progress",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["summary"]["articles"], 5);
    // No temporary file is left behind.
    assert_eq!(std::fs::read_dir(c.path()).unwrap().count(), 1);
}

#[test]
fn stdin_and_txt_front_matter_are_read() {
    use std::io::Write;
    let mut child = reprint()
        .args([
            "audit",
            "-",
            "--format",
            "json",
            "--no-progress",
            "--isolated",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\": \"s1\", \"maintext\": \"One line of text that is long enough.\", \"source_domain\": \"example.com\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"][0]["id"], "s1");
    assert_eq!(v["articles"][0]["source"], "example.com");

    let c = TempCorpus::new();
    let txt = "---\ndate: 2024-01-02\nurl: https://news.example/a\n---\nTitle\nBody text here.\n";
    c.write("daily/a.txt", txt);
    let out = run(&[
        "audit",
        c.path().to_str().unwrap(),
        "--format",
        "json",
        "--no-progress",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a = &v["articles"][0];
    assert_eq!(a["date"], "2024-01-02");
    assert_eq!(a["source"], "news.example");
    assert_eq!(a["title"], "Title");
    assert_eq!(a["paragraphs"][0]["start"], txt.find("Title").unwrap());
}
