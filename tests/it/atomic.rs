//! Nothing half-written: a run killed while it writes leaves the old output file (or none),
//! never a partial one. Outputs are written to a temporary file that is renamed at the end.

use crate::common::{Rng, TempCorpus, reprint_cmd};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// A JSONL corpus of `n` articles of many short paragraphs: cheap to analyse, long to write.
fn corpus(t: &TempCorpus, n: usize) {
    let mut rng = Rng::new(11);
    let mut out = String::new();
    for i in 0..n {
        let paras: Vec<String> = (0..10)
            .map(|_| format!("{} {}", rng.word(), rng.word()))
            .collect();
        let rec = serde_json::json!({"id": format!("a{i}"), "text": paras.join("\n")});
        out.push_str(&rec.to_string());
        out.push('\n');
    }
    t.write("in/c.jsonl", out);
}

/// Whether a temporary output file with data in it sits in `dir`.
fn writing(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with(".reprint-") && e.metadata().is_ok_and(|m| m.len() > 0)
        })
}

/// Runs `reprint args` and kills it (SIGKILL) as soon as it has written into a temporary
/// output in `dir`. Returns false when the run finished before that could be seen.
fn kill_while_writing(args: &[&str], dir: &Path) -> bool {
    let mut child = reprint_cmd()
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        if writing(dir) {
            child.kill().unwrap();
            child.wait().unwrap();
            return true;
        }
        assert!(Instant::now() < deadline, "the run took too long");
        std::thread::sleep(Duration::from_micros(500));
    }
}

/// Kills `reprint <command> ... --out out` mid-write, first with no old output, then with one,
/// growing the corpus until a run is caught writing.
fn check_killed_runs_leave_old_or_nothing(command: &[&str], extra_outputs: &[&str]) {
    for n in [20_000, 60_000, 180_000] {
        let t = TempCorpus::new();
        corpus(&t, n);
        std::fs::create_dir(t.join("out")).unwrap();
        let out = t.join("out/result.jsonl");
        let input = t.join("in");
        let mut args: Vec<&str> = command.to_vec();
        args.extend([input.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        // 1. No old file: after the kill there is none.
        if !kill_while_writing(&args, &t.join("out")) {
            continue;
        }
        assert!(
            !out.exists(),
            "a partial output was left at {}",
            out.display()
        );
        for extra in extra_outputs {
            assert!(!t.join("out").join(extra).exists());
        }
        // 2. An old file: after the kill it is still the old one.
        std::fs::write(&out, "old contents\n").unwrap();
        for tmp in std::fs::read_dir(t.join("out")).unwrap() {
            let p = tmp.unwrap().path();
            if p != out {
                std::fs::remove_file(p).unwrap();
            }
        }
        if !kill_while_writing(&args, &t.join("out")) {
            continue;
        }
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old contents\n");
        // 3. Left alone, the run replaces it.
        let done = reprint_cmd().args(&args).output().unwrap();
        assert!(done.status.success() || done.status.code() == Some(2));
        assert_ne!(std::fs::read_to_string(&out).unwrap(), "old contents\n");
        return;
    }
    panic!("no run was caught while writing, even on the largest corpus");
}

#[test]
fn a_killed_audit_leaves_the_old_report_or_none() {
    check_killed_runs_leave_old_or_nothing(&["audit", "--format", "json"], &[]);
}

#[test]
fn a_killed_clean_leaves_the_old_output_or_none() {
    check_killed_runs_leave_old_or_nothing(&["clean"], &["result.removed.jsonl"]);
}
