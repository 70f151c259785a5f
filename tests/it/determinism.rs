//! Same input, same bytes, whatever the thread count.

use crate::common::{TempCorpus, run};

/// A small deterministic corpus with reuse, copies and boilerplate, large enough to be split
/// into several parallel batches.
fn corpus() -> TempCorpus {
    let c = TempCorpus::new();
    let words: Vec<&str> = "the council harbour ferry vote island library flood repair crew rescue trawler shop street \
        drain engineer market price rent tenant energy tariff port crane union dock ship estuary grass bridge bus \
        school teacher hospital nurse budget tax road rail station weather storm river farm crop harvest"
        .split(' ')
        .collect();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut paragraph = |n: usize| -> String {
        (0..n)
            .map(|_| words[(next() % words.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(" ")
            + "."
    };
    let mut lines = Vec::new();
    let mut originals: Vec<String> = Vec::new();
    for i in 0..1500 {
        let outlet = format!("Outlet {}", i % 7);
        let text = if i % 5 == 4 && !originals.is_empty() {
            originals[i % originals.len()].clone()
        } else {
            let body: Vec<String> = (0..6).map(|_| paragraph(30)).collect();
            let t = body.join("\n\n");
            originals.push(t.clone());
            t
        };
        let text = format!("{text}\n\nRead more from {outlet} every morning in our newsletter.");
        lines.push(serde_json::json!({"id": format!("d{i}"), "source": outlet, "date": format!("2024-01-{:02}", 1 + i % 28), "text": text}).to_string());
    }
    c.write("corpus.jsonl", lines.join("\n") + "\n");
    c
}

#[test]
fn jobs_1_and_jobs_2_give_identical_json() {
    let c = corpus();
    let p = c.path().join("corpus.jsonl");
    let p = p.to_str().unwrap();
    let one = run(&[
        "--jobs",
        "1",
        "audit",
        p,
        "--format",
        "json",
        "--no-progress",
    ]);
    let two = run(&[
        "--jobs",
        "2",
        "audit",
        p,
        "--format",
        "json",
        "--no-progress",
    ]);
    assert!(one.status.success() && two.status.success());
    assert!(
        one.stdout.len() > 100_000,
        "the corpus should give a sizeable report"
    );
    assert!(one.stdout == two.stdout, "--jobs 1 and --jobs 2 differ");
    let four = run(&[
        "audit",
        p,
        "--format",
        "jsonl",
        "--no-progress",
        "--jobs",
        "4",
    ]);
    let one_l = run(&[
        "audit",
        p,
        "--format",
        "jsonl",
        "--no-progress",
        "--jobs",
        "1",
    ]);
    assert!(
        four.stdout == one_l.stdout,
        "JSONL differs between thread counts"
    );
}
