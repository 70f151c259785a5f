//! Closed pipes: a reader that stops early (`reprint audit c/ | head -1`, `reprint completions
//! zsh | head -1`) or a closed stderr (`reprint audit c/ 2>&1 >/dev/null | head -2`) ends the run
//! quietly. No subcommand panics, whatever it was writing.

use crate::common::{TempCorpus, reprint, root};
use std::io::Read;
use std::process::{Command, Stdio};

/// Which of the child's outputs the test closes.
#[derive(Clone, Copy, Debug)]
enum Closed {
    Stdout,
    Stderr,
}

/// Runs `args` with `closed` read for at most a few bytes and then closed, and returns the
/// other stream's text and the exit code.
fn with_closed(args: &[String], closed: Closed) -> (String, Option<i32>) {
    let mut cmd: Command = reprint();
    cmd.args(args).arg("--isolated").stdin(Stdio::null());
    match closed {
        Closed::Stdout => cmd.stdout(Stdio::piped()).stderr(Stdio::piped()),
        Closed::Stderr => cmd.stdout(Stdio::null()).stderr(Stdio::piped()),
    };
    let mut child = cmd.spawn().expect("reprint starts");
    let mut other = String::new();
    match closed {
        Closed::Stdout => {
            // The reader takes one byte and leaves, as `head -c1` does.
            let mut out = child.stdout.take().expect("stdout");
            let mut one = [0u8; 1];
            let _ = out.read(&mut one);
            drop(out);
            let _ = child
                .stderr
                .take()
                .expect("stderr")
                .read_to_string(&mut other);
        }
        Closed::Stderr => drop(child.stderr.take()),
    }
    let status = child.wait().expect("reprint ends");
    (other, status.code())
}

/// A corpus with enough output to overflow a pipe, and bad records so that stderr has lines.
fn corpus() -> TempCorpus {
    let t = TempCorpus::new();
    let mut lines = String::new();
    for i in 0..400 {
        lines.push_str(&format!(
            "{{\"id\": \"a{i}\", \"source\": \"outlet{}\", \"text\": \"Story number {i} opens here with a line of its own.\\n\\nFollow us on Twitter for more stories like this one.\\n\\nThe council met on Tuesday and approved the budget for the new bridge after a long debate.\"}}\n",
            i % 7
        ));
        if i % 20 == 0 {
            lines.push_str("{not json\n");
        }
    }
    t.write("c/corpus.jsonl", lines);
    t
}

#[test]
fn no_subcommand_panics_on_a_closed_pipe() {
    let t = corpus();
    let c = t.join("c").to_str().unwrap().to_string();
    let seeds = root().join("seeds");
    let a = seeds.join("000_f2344ac8b70918d0.txt");
    let b = seeds.join("004_faff4caeb2184804.txt");
    let index = t.join("history.db").to_str().unwrap().to_string();
    let built = reprint()
        .args(["index", "add", "--index", &index, seeds.to_str().unwrap()])
        .args(["--isolated", "--no-progress"])
        .output()
        .expect("index add runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let html = t.join("report").to_str().unwrap().to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let commands: Vec<Vec<String>> = vec![
        s(&["audit", &c]),
        s(&["audit", &c, "--format", "json"]),
        s(&["audit", &c, "--format", "jsonl"]),
        s(&["clean", &c, "--out", "-"]),
        s(&["check", "--index", &index, &c]),
        s(&["check", "--index", &index, &c, "--format", "sarif"]),
        s(&["index", "stats", "--index", &index]),
        s(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]),
        s(&["report", &c, "--html", &html]),
        s(&["completions", "zsh"]),
        s(&["man"]),
        s(&["man", "audit"]),
        s(&["--help"]),
        s(&["audit", "--help"]),
        s(&["--version"]),
    ];
    for args in &commands {
        for closed in [Closed::Stdout, Closed::Stderr] {
            let (other, code) = with_closed(args, closed);
            assert!(
                !other.contains("panicked"),
                "reprint {} with {closed:?} closed: {other}",
                args.join(" ")
            );
            assert_ne!(
                code,
                Some(101),
                "reprint {} with {closed:?} closed",
                args.join(" ")
            );
        }
    }
}
