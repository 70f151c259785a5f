//! `reprint check` on the fixture history (`tests/fixtures/check`): exit codes, the four
//! formats as whole-output snapshots, the GitHub step summary, `--add`, and bad index files.
//!
//! The fixture's history holds nine articles of three outlets; the Harbour Herald and the
//! Valley Voice end every article with their own footer. The drops: two fresh articles
//! (`drop_clean.jsonl`), a Copycat Daily copy of a Valley Voice article (`drop_copy.jsonl`),
//! one new Harbour Herald article with the outlet's footer (`drop_footer.jsonl`), and a `.txt`
//! article reusing a Metro Wire paragraph (`drop_txt/`).

use crate::common::{Run, Scratch, assert_snapshot, stable};

/// A scratch folder holding the fixtures and an index of the history in `idx.db`.
fn indexed() -> Scratch {
    let s = Scratch::new();
    s.copy_fixture("check");
    let r = s.run(&["index", "add", "--index", "idx.db", "history.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    s
}

fn check(s: &Scratch, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--index", "idx.db"];
    args.extend_from_slice(extra);
    s.run(&args)
}

#[test]
fn exit_codes_follow_the_policy() {
    let s = indexed();
    assert_eq!(check(&s, &["drop_clean.jsonl"]).code, Some(0));
    let copy = check(&s, &["drop_copy.jsonl"]);
    assert_eq!(copy.code, Some(1), "{copy:?}");
    assert_eq!(check(&s, &["drop_copy.jsonl", "--exit-zero"]).code, Some(0));
    // The footer drop carries boilerplate only: within the default policy, not under this one.
    assert_eq!(check(&s, &["drop_footer.jsonl"]).code, Some(0));
    assert_eq!(
        check(&s, &["drop_footer.jsonl", "--fail-on", "boilerplate"]).code,
        Some(1)
    );
    // The .txt drop reuses one of its four paragraphs (43% of its words).
    assert_eq!(check(&s, &["drop_txt", "--max-reuse", "0.5"]).code, Some(0));
    assert_eq!(check(&s, &["drop_txt", "--max-reuse", "0.4"]).code, Some(1));
    s.write(
        "reprint.toml",
        "[policy]\nfail_on = [\"internal_duplicate\"]\n",
    );
    assert_eq!(
        check(&s, &["drop_copy.jsonl"]).code,
        Some(0),
        "policy from reprint.toml"
    );
}

#[test]
fn errors_exit_2() {
    let s = indexed();
    let bad = check(&s, &["drop_copy.jsonl", "--fail-on", "copies"]);
    assert_eq!(bad.code, Some(2));
    assert!(
        bad.stderr.contains("unknown finding kind"),
        "{}",
        bad.stderr
    );
    let missing = s.run(&["check", "--index", "nope.db", "drop_copy.jsonl"]);
    assert_eq!(missing.code, Some(2));
    assert!(
        missing.stderr.contains("nope.db: no such index"),
        "{}",
        missing.stderr
    );
    // A record that cannot be read: reported, the rest checked, exit 2.
    s.write("drop_bad.jsonl", "{\"id\": \"x\", \"text\": 5}\n");
    let r = check(&s, &["drop_bad.jsonl", "drop_clean.jsonl"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("drop_bad.jsonl:1"), "{}", r.stderr);
}

#[test]
fn a_one_article_drop_gets_its_outlets_footer_flagged_from_history() {
    let s = indexed();
    let r = check(&s, &["drop_footer.jsonl", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let kinds: Vec<&str> = doc["articles"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["kinds"].as_array().unwrap().len())
        .map(|n| if n > 0 { "flagged" } else { "-" })
        .collect();
    assert_eq!(kinds, ["-", "-", "flagged"]);
    assert_eq!(doc["findings"][0]["kind"], "boilerplate");
    assert_eq!(doc["findings"][0]["evidence"]["rule"], "recurrence");
}

#[test]
fn text_output() {
    let s = indexed();
    let mut out = String::new();
    for drop in [
        "drop_copy.jsonl",
        "drop_footer.jsonl",
        "drop_txt",
        "drop_clean.jsonl",
    ] {
        out.push_str(&format!("$ reprint check --index idx.db {drop}\n"));
        out.push_str(&check(&s, &[drop]).stdout);
    }
    assert_snapshot("check_text.txt", &out);
}

#[test]
fn json_output() {
    let s = indexed();
    let r = check(&s, &["drop_copy.jsonl", "drop_txt", "--format", "json"]);
    assert_eq!(r.code, Some(1));
    assert_snapshot("check_json.json", &stable(&r.stdout));
}

#[test]
fn github_output_and_step_summary() {
    let s = indexed();
    let summary = s.join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let out = s
        .command(&[
            "check",
            "--index",
            "idx.db",
            "drop_copy.jsonl",
            "drop_footer.jsonl",
            "drop_txt",
            "--format",
            "github",
        ])
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_snapshot("check_github.txt", &stdout);
    let md = std::fs::read_to_string(&summary).unwrap();
    assert!(md.starts_with("earlier step\n"), "appended, not replaced");
    assert_snapshot("check_step_summary.md", &md);
}

#[test]
fn github_annotations_stop_at_ten_per_level() {
    let s = indexed();
    // Twelve copies of the Valley Voice article by twelve outlets: twelve errors.
    let article = std::fs::read_to_string(s.join("drop_copy.jsonl")).unwrap();
    let many: String = (0..12)
        .map(|i| {
            article
                .replace("cd-100", &format!("cd-{i}"))
                .replace("Copycat Daily", &format!("Copycat {i}"))
        })
        .collect();
    s.write("drop_many.jsonl", many);
    let r = check(&s, &["drop_many.jsonl", "--format", "github"]);
    let errors = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .count();
    assert_eq!(errors, 10, "{}", r.stdout);
    // One log entry per copy, each led by its copy relation.
    let logged = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("drop_many.jsonl:") && l.contains(": error: cd-"))
        .count();
    assert_eq!(logged, 12, "every copy is in the log: {}", r.stdout);
    assert!(
        r.stdout
            .contains("    syndicated article: 100% of its words")
    );
}

/// Two articles of two outlets, the second a later copy of the first, as JSON lines.
fn origin_and_copy() -> String {
    let text = "The harbour board voted on Monday to close the old ferry pier for a year of repairs after divers found the piles rotten below the waterline.\n\n\
                Ferries will dock at the container quay meanwhile, and the board says timetables will not change, though passengers face a longer walk to the town centre.\n\n\
                Local traders fear the closure will cost them the summer trade, and the chamber of commerce has asked for a shuttle bus between the quay and the market square.\n\n\
                The repairs are expected to cost four million pounds, shared between the board and the county council, which approved its part last week.";
    [("op-1", "Origin Post", "2024-04-01T08:00:00Z"), ("cp-1", "Copy Daily", "2024-04-02T08:00:00Z")]
        .iter()
        .map(|(id, outlet, date)| {
            serde_json::json!({"id": id, "source": outlet, "date": date, "title": "Ferry pier to close", "text": text})
                .to_string()
                + "\n"
        })
        .collect()
}

#[test]
fn a_drop_holding_an_origin_and_its_copy_fails_the_copy_only() {
    let s = indexed();
    s.write("drop_pair.jsonl", origin_and_copy());
    let r = check(&s, &["drop_pair.jsonl", "--format", "json"]);
    assert_eq!(r.code, Some(1), "{r:?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let findings = doc["findings"].as_array().unwrap();
    // One copy relation, not one finding per paragraph: the pair, then the shared paragraphs.
    assert_eq!(findings.len(), 1, "{findings:#?}");
    let f = &findings[0];
    assert_eq!(f["kind"], "syndicated_article");
    assert_eq!(f["level"], "error");
    let members: Vec<(&str, Option<u64>)> = f["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["article"].as_str().unwrap(), m["paragraph"].as_u64()))
        .collect();
    assert_eq!(&members[..2], &[("cp-1", None), ("op-1", None)]);
    assert_eq!(members.len(), 2 + 2 * 4, "{members:?}");
    assert_eq!(doc["verdict"]["findings"], 1);
    // The origin's words do not count against the drop: half of it is flagged.
    assert_eq!(doc["verdict"]["share"], 0.5);
    // In text, the copy fails and the origin is told who copied it.
    let t = check(&s, &["drop_pair.jsonl"]);
    let lines: Vec<&str> = t.stdout.lines().collect();
    let at = |head: &str| lines.iter().position(|l| l.starts_with(head)).unwrap();
    let copy = at("error   drop_pair.jsonl:2 cp-1 (Copy Daily");
    assert!(
        lines[copy + 1]
            .contains("syndicated article: 100% of its words are in 4 paragraphs shared with op-1"),
        "{}",
        t.stdout
    );
    let origin = at("note    drop_pair.jsonl:1 op-1 (Origin Post");
    assert!(
        lines[origin + 1].contains("copied by cp-1 (Copy Daily"),
        "{}",
        t.stdout
    );
    assert!(!t.stdout.contains("first seen: op-1"), "{}", t.stdout);
    // In GitHub output, the origin is a notice, never an error.
    let g = check(&s, &["drop_pair.jsonl", "--format", "github"]);
    let commands: Vec<&str> = g.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(commands.len(), 2, "{}", g.stdout);
    assert!(commands[0].starts_with("::error file=drop_pair.jsonl,line=2,"));
    assert!(commands[1].starts_with("::notice file=drop_pair.jsonl,line=1,"));
}

#[test]
fn check_json_gives_each_drop_article_its_provenance_as_the_audit_does() {
    let s = indexed();
    s.write("drop_pair.jsonl", origin_and_copy());
    let json = |args: &[&str]| -> serde_json::Value {
        let r = s.run(args);
        serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}: {r:?}"))
    };
    let article = |doc: &serde_json::Value, id: &str| {
        (doc["articles"].as_array().unwrap().iter())
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("no article {id}"))
            .clone()
    };
    let check = json(&[
        "check",
        "--index",
        "idx.db",
        "drop_pair.jsonl",
        "drop_copy.jsonl",
        "--format",
        "json",
    ]);
    // The origin in the drop names its copier; the copies name what they took from whom,
    // in the drop or in the index.
    let origin = article(&check, "op-1")["provenance"].clone();
    assert_eq!(origin["copied_by"][0]["article"], "cp-1", "{origin:#}");
    assert_eq!(origin["copied_by"][0]["source"], "Copy Daily");
    assert_eq!(origin["copied_from"], serde_json::json!([]));
    let copy = article(&check, "cp-1")["provenance"].clone();
    assert_eq!(copy["copied_from"][0]["article"], "op-1", "{copy:#}");
    assert_eq!(copy["copied_by"], serde_json::json!([]));
    let from_history = article(&check, "cd-100")["provenance"].clone();
    assert_eq!(from_history["copied_from"][0]["article"], "vv-001");
    // The same lists as the audit of the same articles writes.
    let audit = json(&["audit", "drop_pair.jsonl", "--format", "json"]);
    for id in ["op-1", "cp-1"] {
        let (c, a) = (article(&check, id), article(&audit, id));
        for field in ["copied_by", "copied_from", "declared", "mentioned"] {
            assert_eq!(
                c["provenance"][field], a["provenance"][field],
                "{id} {field}"
            );
        }
    }
}

#[test]
fn sarif_output() {
    let s = indexed();
    let r = check(
        &s,
        &[
            "drop_copy.jsonl",
            "drop_footer.jsonl",
            "drop_txt",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(r.code, Some(1));
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    for result in doc["runs"][0]["results"].as_array().unwrap() {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(result["partialFingerprints"]["reprint/v1"].is_string());
    }
    assert_snapshot("check_sarif.json", &stable(&r.stdout));
    // The same text gives the same fingerprints in another run.
    let again = check(
        &s,
        &[
            "drop_copy.jsonl",
            "drop_footer.jsonl",
            "drop_txt",
            "--format",
            "sarif",
        ],
    );
    assert_eq!(again.stdout, r.stdout);
}

#[test]
fn add_after_checking_then_the_drop_is_history() {
    let s = indexed();
    let r = check(&s, &["drop_footer.jsonl", "--add"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stderr.contains("added 1 articles"), "{}", r.stderr);
    let again = check(&s, &["drop_footer.jsonl"]);
    assert!(
        again
            .stdout
            .contains("1 drop article is already in the index"),
        "{}",
        again.stdout
    );
    // Compared with the rest of the index, not with itself: still only the footer.
    assert!(again.stdout.contains("boilerplate"), "{}", again.stdout);
    assert!(
        !again.stdout.contains("duplicate_article"),
        "{}",
        again.stdout
    );
}

#[test]
fn check_without_add_leaves_the_index_untouched() {
    let s = indexed();
    let before = std::fs::read(s.join("idx.db")).unwrap();
    assert_eq!(check(&s, &["drop_copy.jsonl"]).code, Some(1));
    assert_eq!(std::fs::read(s.join("idx.db")).unwrap(), before);
    // Also from a read-only file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = s.join("idx.db");
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert_eq!(check(&s, &["drop_copy.jsonl"]).code, Some(1));
    }
}

#[test]
fn files_that_are_not_an_index_are_refused_clearly() {
    let s = indexed();
    s.write(
        "notes.db",
        "just some notes, not a database at all\n".repeat(200),
    );
    let r = s.run(&["check", "--index", "notes.db", "drop_copy.jsonl"]);
    assert_eq!(r.code, Some(2));
    assert!(
        r.stderr.contains("notes.db: not a reprint index"),
        "{}",
        r.stderr
    );
    // A damaged index: the first pages only.
    let bytes = std::fs::read(s.join("idx.db")).unwrap();
    s.write("cut.db", &bytes[..bytes.len() / 2]);
    let r = s.run(&["check", "--index", "cut.db", "drop_copy.jsonl"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(r.stderr.contains("cut.db: "), "{}", r.stderr);
    assert!(
        r.stderr.contains("damaged") || r.stderr.contains("malformed"),
        "{}",
        r.stderr
    );
}

#[test]
fn output_and_index_do_not_depend_on_the_thread_count() {
    let s = indexed();
    let run = |jobs: &str| {
        s.run(&[
            "--jobs",
            jobs,
            "check",
            "--index",
            "idx.db",
            "drop_copy.jsonl",
            "drop_footer.jsonl",
            "drop_txt",
            "drop_clean.jsonl",
            "--format",
            "json",
        ])
        .stdout
    };
    assert_eq!(run("1"), run("4"));
    let build = |jobs: &str, name: &str| {
        let r = s.run(&[
            "--jobs",
            jobs,
            "index",
            "add",
            "--index",
            name,
            "history.jsonl",
        ]);
        assert_eq!(r.code, Some(0), "{r:?}");
        std::fs::read(s.join(name)).unwrap()
    };
    assert!(
        build("1", "one.db") == build("4", "four.db"),
        "index files differ"
    );
}

#[test]
fn an_audit_tells_each_origin_who_copied_it_and_who_copies_whom() {
    let s = indexed();
    let r = s.run(&[
        "audit",
        "history.jsonl",
        "drop_copy.jsonl",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let article = |id: &str| {
        doc["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        article("vv-001")["provenance"]["copied_by"][0]["article"],
        "cd-100"
    );
    assert_eq!(
        article("cd-100")["provenance"]["copied_from"][0]["article"],
        "vv-001"
    );
    let flows = doc["summary"]["copy_flows"].as_array().unwrap();
    assert_eq!(flows.len(), 1);
    assert_eq!(
        (&flows[0]["from"], &flows[0]["to"], &flows[0]["words"]),
        (&"Valley Voice".into(), &"Copycat Daily".into(), &108.into())
    );
    assert_eq!(flows[0]["pairs"][0]["original"], "vv-001");
    let outlet = |name: &str| {
        doc["summary"]["outlet_text"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["outlet"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(outlet("Valley Voice")["reused_by_others"], 108);
    assert_eq!(outlet("Valley Voice")["taken_from_others"], 0);
    assert_eq!(outlet("Copycat Daily")["taken_share"], 1.0);
    // The copy's four shared paragraphs are its copy relation, not four reuse findings.
    let kinds: Vec<&str> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["members"]
                .as_array()
                .unwrap()
                .iter()
                .any(|m| m["article"] == "cd-100")
        })
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["syndicated_article"]);
    let text = s.run(&["audit", "history.jsonl", "drop_copy.jsonl"]).stdout;
    assert!(
        text.contains(
            "Valley Voice → Copycat Daily: 108 words in 1 article pair (vv-001 → cd-100)"
        ),
        "{text}"
    );
    assert!(
        text.contains("  vv-001: copied by cd-100 (Copycat Daily, 100%)"),
        "{text}"
    );
    // The HTML page shows the origin who copied it, and the matrix.
    let r = s.run(&[
        "report",
        "history.jsonl",
        "drop_copy.jsonl",
        "--html",
        "r.html",
    ]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let html = std::fs::read_to_string(s.join("r.html")).unwrap();
    assert!(html.contains("<section id=\"copying\">"));
    assert!(html.contains("Copycat Daily took 108 words from Valley Voice in 1 article pairs"));
    assert!(html.contains("this article is their original"));
    assert!(html.contains("class=\"f-source\"") && html.contains("class=\"f-taken\""));
}
