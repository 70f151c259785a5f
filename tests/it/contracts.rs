//! Snapshots of every output contract: the audit in each format on the seeds, the diff text
//! (of two seeds, and of a one-word edit),
//! the clean summary and each subcommand's `--help` (check's formats are in `check.rs`, index
//! stats in `index.rs`). A snapshot file that no test names fails `no_orphaned_snapshots`.

use crate::common::{assert_snapshot, root, run, stable};

/// Runs `reprint ARGS` from the project root and returns its stdout, asserting the exit code.
fn stdout_of(args: &[&str], code: i32) -> String {
    let out = run(args);
    assert_eq!(
        out.status.code(),
        Some(code),
        "reprint {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn audit_text_on_seeds() {
    let out = stdout_of(&["audit", "seeds", "--no-progress", "--color", "never"], 0);
    assert_snapshot("audit_seeds.txt", &out);
}

#[test]
fn audit_json_on_seeds() {
    let out = stdout_of(&["audit", "seeds", "--no-progress", "--format", "json"], 0);
    assert_snapshot("audit_seeds.json", &stable(&out));
}

#[test]
fn audit_jsonl_on_seeds() {
    let out = stdout_of(&["audit", "seeds", "--no-progress", "--format", "jsonl"], 0);
    assert_snapshot("audit_seeds.jsonl", &stable(&out));
}

#[test]
fn audit_attributes_on_seeds() {
    let out = stdout_of(
        &["audit", "seeds", "--no-progress", "--format", "attributes"],
        0,
    );
    assert_snapshot("audit_seeds.attributes.jsonl", &out);
}

#[test]
fn diff_text_of_two_seeds() {
    let out = stdout_of(
        &[
            "diff",
            "seeds/000_f2344ac8b70918d0.txt",
            "seeds/004_faff4caeb2184804.txt",
            "--color",
            "never",
        ],
        0,
    );
    assert_snapshot("diff_seeds.txt", &out);
}

#[test]
fn diff_text_of_a_one_word_edit() {
    let out = stdout_of(
        &[
            "diff",
            "tests/fixtures/word_diff/wire.jsonl",
            "tests/fixtures/word_diff/daily.jsonl",
            "--color",
            "never",
        ],
        0,
    );
    assert_snapshot("diff_word_edit.txt", &out);
}

#[test]
fn clean_summary_on_seeds() {
    let d = tempfile::tempdir().expect("a temp dir");
    let target = d.path().join("clean.jsonl");
    let out = run(&[
        "clean",
        "seeds",
        "--out",
        target.to_str().expect("utf-8 path"),
        "--no-progress",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let summary = String::from_utf8(out.stderr)
        .expect("utf-8 output")
        .replace(d.path().to_str().expect("utf-8 path"), "[DIR]");
    assert_snapshot("clean_seeds_summary.txt", &summary);
}

/// Every subcommand, as typed, with the name of its help snapshot.
const HELP: &[(&[&str], &str)] = &[
    (&[], "help.txt"),
    (&["audit"], "help_audit.txt"),
    (&["clean"], "help_clean.txt"),
    (&["check"], "help_check.txt"),
    (&["index"], "help_index.txt"),
    (&["index", "add"], "help_index_add.txt"),
    (&["index", "stats"], "help_index_stats.txt"),
    (&["eval"], "help_eval.txt"),
    (&["diff"], "help_diff.txt"),
    (&["report"], "help_report.txt"),
    (&["completions"], "help_completions.txt"),
    (&["man"], "help_man.txt"),
];

#[test]
fn help_of_every_subcommand() {
    for (cmd, snapshot) in HELP {
        let mut args = cmd.to_vec();
        args.push("--help");
        assert_snapshot(snapshot, &stdout_of(&args, 0));
    }
}

#[test]
fn no_orphaned_snapshots() {
    let tests = root().join("tests/it");
    let mut sources = String::new();
    for e in std::fs::read_dir(&tests).expect("tests/it") {
        let p = e.expect("an entry").path();
        if p.extension().is_some_and(|x| x == "rs") {
            sources.push_str(&std::fs::read_to_string(&p).expect("a test source"));
        }
    }
    let mut orphans = Vec::new();
    for e in std::fs::read_dir(tests.join("snapshots")).expect("snapshots") {
        let name = e
            .expect("an entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !sources.contains(&format!("\"{name}\"")) {
            orphans.push(name);
        }
    }
    assert!(orphans.is_empty(), "snapshots no test names: {orphans:?}");
}

#[test]
fn jsonl_members_quote_their_own_bytes() {
    let texts = crate::common::texts_of(&root().join("seeds"));
    let lines = stdout_of(&["audit", "seeds", "--format", "jsonl"], 0);
    let mut quoted = 0;
    for line in lines.lines() {
        let f: serde_json::Value = serde_json::from_str(line).unwrap();
        for m in f["members"].as_array().unwrap() {
            let text = &texts[m["article"].as_str().unwrap()];
            let (s, e) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let own = text[s..e].replace('\n', " ⏎ ");
            let excerpt = m["excerpt"].as_str().unwrap();
            match excerpt.strip_suffix('…') {
                Some(cut) => assert!(own.starts_with(cut), "{excerpt:?}"),
                None => assert_eq!(excerpt, own),
            }
            quoted += 1;
        }
    }
    assert!(quoted > 10, "{quoted}");
}
