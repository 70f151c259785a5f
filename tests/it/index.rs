//! `reprint index add` and `index stats`: idempotent re-adds, parameter mismatches, a second
//! writer, and adds killed with SIGKILL halfway through.

use crate::common::{Scratch, assert_snapshot};
use rusqlite::Connection;
use std::time::{Duration, Instant};

fn indexed() -> Scratch {
    let s = Scratch::new();
    s.copy_fixture("check");
    let r = s.run(&["index", "add", "--index", "idx.db", "history.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    s
}

/// Rows per table, and the sum of the frequencies: what an add changes.
fn counts(s: &Scratch) -> Vec<i64> {
    let c = Connection::open(s.join("idx.db")).unwrap();
    [
        "SELECT count(*) FROM articles",
        "SELECT count(*) FROM texts",
        "SELECT count(*) FROM vocab",
        "SELECT count(*) FROM outlets",
        "SELECT coalesce(sum(n), 0) FROM freq",
    ]
    .iter()
    .map(|q| c.query_row(q, [], |r| r.get(0)).unwrap())
    .collect()
}

fn integrity(s: &Scratch) -> String {
    let c = Connection::open(s.join("idx.db")).unwrap();
    c.query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn re_adding_articles_is_reported_and_changes_nothing() {
    let s = indexed();
    let before = counts(&s);
    assert_eq!(before[0], 9);
    let r = s.run(&["index", "add", "--index", "idx.db", "history.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(
        r.stderr
            .contains("skipped 9 articles the index already holds: hh-001, hh-002"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("added 0 articles"), "{}", r.stderr);
    assert_eq!(counts(&s), before);
    // A drop with one known and one new article adds the new one only.
    let r = s.run(&[
        "index",
        "add",
        "--index",
        "idx.db",
        "drop_footer.jsonl",
        "history.jsonl",
    ]);
    assert!(r.stderr.contains("added 1 articles"), "{}", r.stderr);
    assert_eq!(counts(&s)[0], 10);
}

#[test]
fn stats_show_counts_outlets_parameters_and_frequent_edge_texts() {
    let s = indexed();
    let r = s.run(&["index", "stats", "--index", "idx.db"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    let (first, rest) = r.stdout.split_once('\n').unwrap();
    assert!(
        first.starts_with("index: idx.db (") && first.ends_with(" MB on disk)"),
        "{first}"
    );
    assert_snapshot("index_stats.txt", rest);
}

#[test]
fn an_index_built_with_other_parameters_is_refused() {
    let s = indexed();
    s.write(
        "other.toml",
        "[fingerprint]\nshingle = 4\nbands = 20\nrows = 5\n",
    );
    for args in [
        vec![
            "--config",
            "other.toml",
            "check",
            "--index",
            "idx.db",
            "drop_copy.jsonl",
        ],
        vec![
            "--config",
            "other.toml",
            "index",
            "add",
            "--index",
            "idx.db",
            "drop_copy.jsonl",
        ],
        vec![
            "--config",
            "other.toml",
            "index",
            "stats",
            "--index",
            "idx.db",
        ],
    ] {
        let r = s.run(&args);
        assert_eq!(r.code, Some(2), "{args:?}: {r:?}");
        for line in [
            "idx.db: the index was built with other fingerprint parameters",
            "shingle: index has 3, this run 4",
            "bands: index has 25, this run 20",
            "rows: index has 4, this run 5",
        ] {
            assert!(r.stderr.contains(line), "{args:?}: {}", r.stderr);
        }
    }
    // Thresholds that do not change fingerprints are free to differ.
    s.write("loose.toml", "[verify]\nedit_similarity = 0.9\n");
    let r = s.run(&[
        "--config",
        "loose.toml",
        "check",
        "--index",
        "idx.db",
        "drop_copy.jsonl",
    ]);
    assert_eq!(r.code, Some(1), "{r:?}");
}

#[test]
fn an_index_of_other_key_bits_is_refused_and_one_without_them_has_32() {
    let s = indexed();
    s.write("wide.toml", "[fingerprint]\nkey_bits = 64\n");
    let refused = |s: &Scratch, index: &str, config: &str, line: &str| {
        for args in [
            vec!["check", "--index", index, "drop_copy.jsonl"],
            vec!["index", "add", "--index", index, "drop_copy.jsonl"],
            vec!["index", "stats", "--index", index],
        ] {
            let mut args = args;
            args.splice(0..0, ["--config", config]);
            let r = s.run(&args);
            assert_eq!(r.code, Some(2), "{args:?}: {r:?}");
            let head = format!("{index}: the index was built with other fingerprint parameters");
            for want in [head.as_str(), line] {
                assert!(r.stderr.contains(want), "{args:?}: {}", r.stderr);
            }
        }
    };
    refused(
        &s,
        "idx.db",
        "wide.toml",
        "key_bits: index has 32, this run 64",
    );
    // An index made before the width was recorded holds 32-bit keys.
    let c = Connection::open(s.join("idx.db")).unwrap();
    let gone = c
        .execute("DELETE FROM meta WHERE key = 'param.key_bits'", [])
        .unwrap();
    assert_eq!(gone, 1);
    drop(c);
    let narrow = s.run(&[
        "check",
        "--index",
        "idx.db",
        "drop_copy.jsonl",
        "--format",
        "json",
    ]);
    assert_eq!(narrow.code, Some(1), "{narrow:?}");
    refused(
        &s,
        "idx.db",
        "wide.toml",
        "key_bits: index has 32, this run 64",
    );
    // A 64-bit index records its width, refuses 32-bit runs, and finds what 32 bits find.
    let r = s.run(&[
        "--config",
        "wide.toml",
        "index",
        "add",
        "--index",
        "wide.db",
        "history.jsonl",
    ]);
    assert_eq!(r.code, Some(0), "{r:?}");
    s.write("narrow.toml", "[fingerprint]\nkey_bits = 32\n");
    refused(
        &s,
        "wide.db",
        "narrow.toml",
        "key_bits: index has 64, this run 32",
    );
    let wide = s.run(&[
        "--config",
        "wide.toml",
        "check",
        "--index",
        "wide.db",
        "drop_copy.jsonl",
        "--format",
        "json",
    ]);
    assert_eq!(wide.code, Some(1), "{wide:?}");
    assert_eq!(
        wide.stdout.replace("wide.db", "idx.db"),
        narrow.stdout,
        "the same findings at both widths"
    );
}

#[test]
fn a_second_writer_waits_then_is_told_the_index_is_locked() {
    let s = indexed();
    let holder = Connection::open(s.join("idx.db")).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let r = s.run(&["index", "add", "--index", "idx.db", "drop_footer.jsonl"]);
    let waited = started.elapsed();
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        r.stderr
            .contains("idx.db: index is locked by another process"),
        "{}",
        r.stderr
    );
    assert!(waited >= Duration::from_secs(2), "gave up after {waited:?}");
    // Readers are not blocked by the writer.
    let r = s.run(&["check", "--index", "idx.db", "drop_copy.jsonl"]);
    assert_eq!(r.code, Some(1), "{r:?}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    let r = s.run(&["index", "add", "--index", "idx.db", "drop_footer.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
}

/// A corpus of `n` articles of unique word-salad paragraphs (deterministic for a seed).
fn salad(n: usize, seed: u64) -> String {
    let mut x = seed;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let words: Vec<String> = (0..4000)
        .map(|_| {
            let len = 3 + next() % 8;
            (0..len)
                .map(|_| char::from(b'a' + (next() % 26) as u8))
                .collect()
        })
        .collect();
    let mut out = String::new();
    for a in 0..n {
        let paras: Vec<String> = (0..8)
            .map(|_| {
                (0..40)
                    .map(|_| words[(next() % 4000) as usize].as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let article = serde_json::json!({
            "id": format!("salad-{seed}-{a}"),
            "source": format!("Outlet {}", a % 7),
            "date": "2024-05-01",
            "text": paras.join("\n\n"),
        });
        out.push_str(&article.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn an_add_killed_halfway_leaves_the_index_as_it_was() {
    // How long the whole add takes, on a copy.
    let big = salad(6000, 7);
    let timing = indexed();
    timing.write("big.jsonl", &big);
    let started = Instant::now();
    let r = timing.run(&["index", "add", "--index", "idx.db", "big.jsonl"]);
    let full = started.elapsed();
    assert_eq!(r.code, Some(0), "{r:?}");
    let after = counts(&timing);

    let s = indexed();
    s.write("big.jsonl", &big);
    let before = counts(&s);
    let mut child = s
        .command(&["index", "add", "--index", "idx.db", "big.jsonl"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(full / 2);
    assert!(child.try_wait().unwrap().is_none(), "the add ended early");
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    assert_eq!(integrity(&s), "ok");
    assert_eq!(counts(&s), before);
    let r = s.run(&["index", "stats", "--index", "idx.db"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stdout.contains("articles: 9 "), "{}", r.stdout);
    let r = s.run(&["check", "--index", "idx.db", "drop_copy.jsonl"]);
    assert_eq!(r.code, Some(1), "{r:?}");
    // The same add then completes, as it did on the copy.
    let r = s.run(&["index", "add", "--index", "idx.db", "big.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert_eq!(counts(&s), after);
    assert_eq!(integrity(&s), "ok");
}

#[test]
fn a_first_add_killed_leaves_an_empty_index_that_the_next_add_fills() {
    let s = Scratch::new();
    s.copy_fixture("check");
    s.write("big.jsonl", salad(3000, 3));
    let mut child = s
        .command(&["index", "add", "--index", "new.db", "big.jsonl"])
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !s.join("new.db").exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let r = s.run(&["check", "--index", "new.db", "drop_copy.jsonl"]);
    assert_eq!(r.code, Some(2), "{r:?}");
    assert!(
        r.stderr.contains("new.db: the index is empty")
            || r.stderr.contains("new.db: no such index"),
        "{}",
        r.stderr
    );
    let r = s.run(&["index", "add", "--index", "new.db", "history.jsonl"]);
    assert_eq!(r.code, Some(0), "{r:?}");
    assert!(r.stderr.contains("added 9 articles"), "{}", r.stderr);
}
