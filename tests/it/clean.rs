//! `reprint clean`: what it cuts, what it keeps, and that the removal log restores the original.

use crate::common::{Rng, TempCorpus, reprint_run, seeds};
use reprint_core::Engine;
use reprint_core::NoProgress;
use reprint_core::analyze;
use reprint_core::config::Config;
use reprint_core::{Corpus, FieldNames};
use reprint_core::{DEFAULT_DROP, DropSet, plan_clean, verify_clean, write_clean};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn read_jsonl(p: &Path) -> Vec<Value> {
    std::fs::read_to_string(p)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The original texts rebuilt from the cleaned records and the log, by article id.
fn rebuild(clean: &[Value], log: &[Value]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for rec in clean {
        let id = rec["id"].as_str().unwrap().to_string();
        let mut text = rec["text"].as_str().unwrap().to_string();
        // Put the pieces back in order of their start.
        let mut pieces: Vec<(u64, &str)> = log
            .iter()
            .filter(|l| l["article"] == rec["id"])
            .map(|l| (l["start"].as_u64().unwrap(), l["text"].as_str().unwrap()))
            .collect();
        pieces.sort_unstable();
        for (start, piece) in pieces {
            text.insert_str(start as usize, piece);
        }
        out.insert(id, text);
    }
    out
}

/// The cleaned record whose id starts with `prefix`.
fn record<'a>(clean: &'a [Value], prefix: &str) -> &'a Value {
    clean
        .iter()
        .find(|c| c["id"].as_str().unwrap().starts_with(prefix))
        .unwrap()
}

/// Runs `reprint clean seeds/ --out T/clean.jsonl` with `extra` arguments; returns the run
/// and the output's path.
fn clean_seeds(t: &TempCorpus, extra: &[&str]) -> (crate::common::Run, std::path::PathBuf) {
    let out = t.join("clean.jsonl");
    let seeds = seeds();
    let mut args = vec![
        "clean".as_ref(),
        seeds.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(|a| std::ffi::OsStr::new(*a)));
    (reprint_run(&args), out)
}

#[test]
fn seeds_lose_the_prompts_footer_captions_and_one_repeat_and_nothing_else() {
    let t = TempCorpus::new();
    let (r, out) = clean_seeds(&t, &["--verify"]);
    r.assert_no_panic();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("verified: for all 5 articles"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("boilerplate"),
        "summary per kind: {}",
        r.stderr
    );
    let clean = read_jsonl(&out);
    let log = read_jsonl(&t.join("clean.removed.jsonl"));

    // What was cut, per article, trimmed.
    let mut cut: Vec<(String, String, String)> = log
        .iter()
        .map(|l| {
            (
                l["article"].as_str().unwrap()[..3].to_string(),
                l["kind"].as_str().unwrap().to_string(),
                l["text"].as_str().unwrap().trim().to_string(),
            )
        })
        .collect();
    cut.sort();
    let short = |s: &str| s.chars().take(40).collect::<String>();
    let got: Vec<(String, String, String)> = cut
        .iter()
        .map(|(a, k, t)| (a.clone(), k.clone(), short(t)))
        .collect();
    let want: Vec<(String, String, String)> = [
        (
            "000",
            "boilerplate",
            "Please let us know if you're having issu",
        ),
        ("000", "caption", "BEIJING, CHINA - MAY 15: Russian Preside"),
        ("000", "caption", "Kenzaburo Fukuhara-Pool/Getty Images"),
        (
            "000",
            "headline",
            "Vladimir Putin to Hold Summit with China",
        ),
        ("001", "boilerplate", "Please enter your comment!"),
        ("001", "boilerplate", "Please enter your name here"),
        ("001", "caption", "Ukrainian soldiers patrol in a former ne"),
        (
            "001",
            "headline",
            "Putin and Xi’s United Front Rising Tensi",
        ),
        (
            "002",
            "headline",
            "date 2022-02-03 Putin: The United States",
        ),
        ("003", "boilerplate", "Leave a Comment"),
        (
            "003",
            "boilerplate",
            "Your email address will not be published",
        ),
        (
            "003",
            "headline",
            "China’s Xi Jinping meets with Putin amid",
        ),
        ("004", "aggregator_footer", "Rick Schindler"),
        (
            "004",
            "aggregator_footer",
            "World Time Todays is an automatic aggreg",
        ),
        (
            "004",
            "aggregator_footer",
            "https://www.newsweek.com/vladimir-putin-",
        ),
        ("004", "boilerplate", "Back to top button"),
        (
            "004",
            "boilerplate",
            "Do you have a tip on a world news story ",
        ),
        ("004", "boilerplate", "Related Articles"),
        ("004", "caption", "Kenzaburo Fukuhara/Pool/Getty Images"),
        (
            "004",
            "headline",
            "Putin and Xi discuss how 2022 has panned",
        ),
        (
            "004",
            "internal_duplicate",
            "Putin and Xi meet for year-end talks",
        ),
    ]
    .iter()
    .map(|(a, k, t)| (a.to_string(), k.to_string(), t.to_string()))
    .collect();
    assert_eq!(got, want);
    // A caption or a headline is no finding: its log line names none.
    for l in &log {
        let own = l["kind"] == "caption" || l["kind"] == "headline";
        assert_eq!(own, l["finding"].is_null(), "{l}");
    }

    // The repeated caption stays once; every original is the cleaned text plus the log.
    let c004 = record(&clean, "004");
    assert_eq!(
        c004["text"]
            .as_str()
            .unwrap()
            .matches("Putin and Xi meet for year-end talks")
            .count(),
        1
    );
    let rebuilt = rebuild(&clean, &log);
    assert_eq!(rebuilt.len(), 5);
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let p = entry.unwrap().path();
        let id = p.file_stem().unwrap().to_str().unwrap().to_string();
        assert_eq!(rebuilt[&id], std::fs::read_to_string(&p).unwrap(), "{id}");
        let rec = clean.iter().find(|c| c["id"] == id.as_str()).unwrap();
        assert!(rec["title"].is_string(), "a .txt article keeps its title");
    }
    // A cut takes its separator with it: no longer run of line breaks is left than was there.
    let longest_break = |t: &str| t.split(|c| c != '\n').map(str::len).max().unwrap_or(0);
    for c in &clean {
        let id = c["id"].as_str().unwrap();
        let original = &rebuilt[id];
        assert!(
            longest_break(c["text"].as_str().unwrap()) <= longest_break(original),
            "{id}"
        );
    }
}

/// An article body: paragraphs of made-up words.
fn body(rng: &mut Rng, paragraphs: usize) -> Vec<String> {
    (0..paragraphs).map(|_| rng.paragraph(40)).collect()
}

#[test]
fn jsonl_records_keep_every_other_field_byte_for_byte_and_gain_text() {
    let mut rng = Rng::new(7);
    let t = TempCorpus::new();
    let text = format!(
        "{}\n\n{}\n\nLeave a Comment",
        rng.paragraph(40),
        rng.paragraph(30)
    );
    let cleaned = text
        .rsplit_once("\n\nLeave a Comment")
        .unwrap()
        .0
        .to_string();
    let enc = |s: &str| serde_json::to_string(s).unwrap();
    let line = format!(
        r#"{{"url":"https://example.org/a","maintext":{},"meta":{{"tags":["x",1.50]}},"id":"j1","score":1.50,"note":"caf\u00e9"}}"#,
        enc(&text)
    );
    t.write("in/a.jsonl", format!("{line}\n"));
    let out = t.join("out/clean.jsonl");
    std::fs::create_dir(t.join("out")).unwrap();
    let r = reprint_run(&[
        "clean".as_ref(),
        t.join("in").as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
        "--verify".as_ref(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let written = std::fs::read_to_string(&out).unwrap();
    // The cleaned text stays under `maintext` and is also under `text`, right after it.
    assert_eq!(
        written,
        format!(
            "{}\n",
            line.replace(
                &format!("\"maintext\":{}", enc(&text)),
                &format!("\"maintext\":{},\"text\":{}", enc(&cleaned), enc(&cleaned))
            )
        )
    );
    let log = read_jsonl(&t.join("out/clean.removed.jsonl"));
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["kind"], "boilerplate");
    assert_eq!(log[0]["text"], "\n\nLeave a Comment");
    assert_eq!(log[0]["start"].as_u64().unwrap() as usize, cleaned.len());
    assert_eq!(log[0]["end"].as_u64().unwrap() as usize, text.len());
}

#[test]
fn missing_and_repeated_ids_are_made_distinct_in_output_and_log() {
    let mut rng = Rng::new(8);
    let t = TempCorpus::new();
    let rec = |id: Option<&str>, rng: &mut Rng| {
        let text = format!("{}\n\nLeave a Comment", rng.paragraph(30));
        match id {
            Some(id) => serde_json::json!({"id": id, "text": text}).to_string(),
            None => serde_json::json!({"text": text, "source": "x"}).to_string(),
        }
    };
    t.write("in/a.jsonl", rec(Some("same"), &mut rng) + "\n");
    t.write("in/b.jsonl", rec(Some("same"), &mut rng) + "\n");
    t.write("in/noid.jsonl", rec(None, &mut rng) + "\n");
    let out = t.join("clean.jsonl");
    let log = t.join("removed.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        t.join("in").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--log".as_ref(),
        log.as_os_str(),
        "--verify".as_ref(),
    ]);
    assert_eq!(r.code, Some(2), "a duplicate id is reported: {}", r.stderr);
    assert!(
        r.stderr
            .contains("b.jsonl:1: duplicate article id \"same\""),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("verified"), "{}", r.stderr);
    let clean = read_jsonl(&out);
    let ids: Vec<&str> = clean.iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["same", "same~2", "noid:1"]);
    let first_key = std::fs::read_to_string(&out)
        .unwrap()
        .lines()
        .nth(2)
        .unwrap()[..6]
        .to_string();
    assert_eq!(first_key, r#"{"id":"#);
    let logged: Vec<String> = read_jsonl(&log)
        .iter()
        .map(|l| l["article"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(logged, ["same", "same~2", "noid:1"]);
}

/// An origin article and two later copies in other outlets, and one unrelated article.
fn syndicated_corpus(t: &TempCorpus) {
    let mut rng = Rng::new(9);
    let story = body(&mut rng, 6);
    let lines = [
        serde_json::json!({"id": "origin", "source": "Daily", "date": "2024-01-01", "text": story.join("\n\n")}),
        serde_json::json!({"id": "copy1", "source": "Aggregator", "date": "2024-01-02",
            "text": format!("{}\n\n{}", rng.paragraph(12), story.join("\n\n"))}),
        serde_json::json!({"id": "copy2", "source": "Other", "date": "2024-01-03", "text": story[..5].join("\n\n")}),
        serde_json::json!({"id": "unrelated", "source": "Daily", "date": "2024-01-01", "text": body(&mut rng, 4).join("\n\n")}),
    ];
    let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
    t.write("in/c.jsonl", text);
}

#[test]
fn dropping_syndicated_articles_keeps_the_origin_and_logs_the_copies() {
    let t = TempCorpus::new();
    syndicated_corpus(&t);
    let out = t.join("clean.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        t.join("in").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--drop".as_ref(),
        "syndicated_article,boilerplate".as_ref(),
        "--verify".as_ref(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stderr.contains("2 dropped whole"), "{}", r.stderr);
    let ids: Vec<String> = read_jsonl(&out)
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["origin", "unrelated"]);
    let log = read_jsonl(&t.join("clean.removed.jsonl"));
    let dropped: Vec<(&str, &str, u64)> = log
        .iter()
        .map(|l| {
            (
                l["article"].as_str().unwrap(),
                l["kind"].as_str().unwrap(),
                l["start"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        dropped,
        [
            ("copy1", "syndicated_article", 0),
            ("copy2", "syndicated_article", 0)
        ]
    );
    let original = std::fs::read_to_string(t.join("in/c.jsonl")).unwrap();
    let copy2: Value = serde_json::from_str(original.lines().nth(2).unwrap()).unwrap();
    assert_eq!(log[1]["text"], copy2["text"]);
}

#[test]
fn the_verifier_notices_a_log_that_does_not_restore_the_original() {
    let t = TempCorpus::new();
    t.seed("004", "c/004.txt");
    t.seed("003", "c/003.txt");
    let corpus = Corpus::discover(&[t.join("c")], &mut Vec::new()).unwrap();
    let engine = Engine::new(Config::default()).unwrap();
    let a = analyze(&corpus, &engine, &NoProgress);
    let p = plan_clean(&a, DropSet::of(&DEFAULT_DROP));
    let names = FieldNames::from(&engine.config.input);
    let (mut out, mut log) = (Vec::new(), Vec::new());
    let (summary, problems) =
        write_clean(&corpus, &a, &p, &names, &mut out, &mut log, &NoProgress).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!((summary.articles, summary.written), (2, 2));
    let ok = verify_clean(&corpus, &a, &p, &names, &mut &out[..], &mut &log[..]);
    assert!(ok.problems.is_empty(), "{:?}", ok.problems);
    assert_eq!(ok.articles, 2);

    // One changed byte in a removed piece, a lost line, a lost record: each is caught.
    let log_text = String::from_utf8(log.clone()).unwrap();
    let tampered = log_text.replacen("Leave a Comment", "Leave a Commant", 1);
    let bad = verify_clean(
        &corpus,
        &a,
        &p,
        &names,
        &mut &out[..],
        &mut tampered.as_bytes(),
    );
    assert_eq!(bad.problems.len(), 1, "{:?}", bad.problems);
    assert!(
        bad.problems[0].contains("differs from the original"),
        "{:?}",
        bad.problems
    );
    let first_line_gone = log_text.split_once('\n').unwrap().1;
    let bad = verify_clean(
        &corpus,
        &a,
        &p,
        &names,
        &mut &out[..],
        &mut first_line_gone.as_bytes(),
    );
    assert!(!bad.problems.is_empty());
    let out_text = String::from_utf8(out).unwrap();
    let one_record = out_text.split_once('\n').unwrap().0;
    let bad = verify_clean(
        &corpus,
        &a,
        &p,
        &names,
        &mut one_record.as_bytes(),
        &mut &log[..],
    );
    assert!(
        bad.problems
            .iter()
            .any(|p| p.contains("missing from the cleaned output")),
        "{:?}",
        bad.problems
    );
}

#[test]
fn outputs_that_would_clobber_or_join_the_input_are_refused() {
    let t = TempCorpus::new();
    t.seed("003", "c/003.txt");
    let c = t.join("c");
    let inside = t.join("c/clean.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        c.as_os_str(),
        "--out".as_ref(),
        inside.as_os_str(),
    ]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("inside the input folder"), "{}", r.stderr);
    assert!(!inside.exists());
    let input = t.join("c/003.txt");
    let r = reprint_run(&[
        "clean".as_ref(),
        input.as_os_str(),
        "--out".as_ref(),
        input.as_os_str(),
    ]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("is an input file"), "{}", r.stderr);
    let out = t.join("o.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        c.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--log".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("the same file"), "{}", r.stderr);
    let r = reprint_run(&[
        "clean".as_ref(),
        c.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--drop".as_ref(),
        "reused_wording".as_ref(),
    ]);
    assert_eq!(r.code, Some(2));
    assert!(r.stderr.contains("cannot be cut"), "{}", r.stderr);
    assert!(!out.exists());
    // Standard output holds one stream: not the corpus and the log both, and nothing to
    // read back for --verify.
    for extra in [&["--log", "-"][..], &["--verify"][..]] {
        let mut args = vec!["clean", c.to_str().unwrap(), "--out", "-"];
        args.extend_from_slice(extra);
        let r = reprint_run(&args);
        assert_eq!(r.code, Some(2), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
        assert!(r.stderr.contains("standard output"), "{}", r.stderr);
    }
}

/// Gunzips or unzstds `bytes`, as the file name says.
fn unpack(name: &str, bytes: &[u8]) -> String {
    use std::io::Read;
    let mut out = String::new();
    if name.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(bytes)
            .read_to_string(&mut out)
            .unwrap();
    } else {
        assert!(name.ends_with(".zst"), "{name}");
        out = String::from_utf8(zstd::decode_all(bytes).unwrap()).unwrap();
    }
    out
}

#[test]
fn the_cleaned_corpus_streams_to_stdout_and_compresses_by_name() {
    let t = TempCorpus::new();
    let plain = t.join("clean.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        seeds().as_os_str(),
        "--out".as_ref(),
        plain.as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let corpus = std::fs::read_to_string(&plain).unwrap();
    let log = std::fs::read_to_string(t.join("clean.removed.jsonl")).unwrap();
    assert!(!log.is_empty());

    // `--out -`: the same lines on stdout, no log unless asked for, and stderr says so.
    let before: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
    let r = reprint_run(&[
        "clean".as_ref(),
        seeds().as_os_str(),
        "--out".as_ref(),
        "-".as_ref(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, corpus);
    assert!(r.stderr.contains("no removal log"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(t.path()).unwrap().count(), before.len());
    let given = t.join("given.log.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        seeds().as_os_str(),
        "--out".as_ref(),
        "-".as_ref(),
        "--log".as_ref(),
        given.as_os_str(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout, corpus);
    assert_eq!(std::fs::read_to_string(&given).unwrap(), log);

    // A `.gz` or `.zst` name is written compressed, its default log too, and --verify reads
    // them back.
    for ext in ["gz", "zst"] {
        let out = t.join(&format!("clean.jsonl.{ext}"));
        let r = reprint_run(&[
            "clean".as_ref(),
            seeds().as_os_str(),
            "--out".as_ref(),
            out.as_os_str(),
            "--verify".as_ref(),
        ]);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert!(
            r.stderr.contains("verified: for all 5 articles"),
            "{}",
            r.stderr
        );
        let name = out.to_str().unwrap();
        assert_eq!(unpack(name, &std::fs::read(&out).unwrap()), corpus);
        let log_name = format!("clean.removed.jsonl.{ext}");
        let packed_log = std::fs::read(t.join(&log_name)).unwrap();
        assert_eq!(unpack(&log_name, &packed_log), log);
    }
}

#[test]
fn reports_compress_by_name_too() {
    let t = TempCorpus::new();
    // The seeds' JSON audit, with `--out FILE` when given.
    let audit = |out: Option<&Path>| {
        let mut args: Vec<std::ffi::OsString> = vec![
            "audit".into(),
            seeds().into_os_string(),
            "--format".into(),
            "json".into(),
        ];
        if let Some(out) = out {
            args.extend(["--out".into(), out.as_os_str().to_owned()]);
        }
        let r = reprint_run(&args);
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        r
    };
    let plain = audit(None);
    for name in ["audit.json.gz", "audit.json.zst"] {
        let out = t.join(name);
        audit(Some(&out));
        let bytes = std::fs::read(&out).unwrap();
        assert_eq!(unpack(name, &bytes), plain.stdout);
        // The same input gives the same compressed bytes (no time in the gzip header).
        audit(Some(&out));
        assert_eq!(std::fs::read(&out).unwrap(), bytes);
    }
}

#[test]
fn a_duplicate_of_a_junk_line_keeps_the_copy_in_the_story() {
    let t = TempCorpus::new();
    let body = [
        "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.",
        "Officials said the work would start in the spring and take about two years, with the road closed at night.",
    ];
    let headline = "Council Approves Waterfront Park Plan After Long Debate";
    // The headline is first listed after a related-links cue (junk), then is the story's own
    // subhead (body).
    let text = [
        body[0], "Related", headline, body[1], headline,
        "Residents will be able to comment on the plan at a public meeting next month, the council said.",
    ]
    .join("\n\n");
    let rec =
        serde_json::json!({"id": "a", "source": "Ledger", "date": "2024-01-01", "text": text});
    t.write("in/c.jsonl", format!("{rec}\n"));
    let out = t.join("clean.jsonl");
    let r = reprint_run(&[
        "clean".as_ref(),
        t.join("in").as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--verify".as_ref(),
    ]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let cleaned = read_jsonl(&out)[0]["text"].as_str().unwrap().to_string();
    assert!(!cleaned.contains("Related"), "{cleaned}");
    assert_eq!(cleaned.matches(headline).count(), 1, "{cleaned}");
    assert!(cleaned.find(headline) > cleaned.find(body[1]), "{cleaned}");
}

#[test]
fn captions_and_headlines_stay_when_not_named_in_drop() {
    let t = TempCorpus::new();
    let (r, out) = clean_seeds(&t, &["--drop", "boilerplate,aggregator_footer"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let log = read_jsonl(&t.join("clean.removed.jsonl"));
    assert!(!log.is_empty());
    assert!(
        log.iter()
            .all(|l| l["kind"] != "caption" && l["kind"] != "headline"),
        "{log:?}"
    );
    assert!(!r.stderr.contains("caption"), "{}", r.stderr);
    assert!(!r.stderr.contains("headline"), "{}", r.stderr);
    let clean = read_jsonl(&out);
    let c001 = record(&clean, "001");
    assert!(
        c001["text"]
            .as_str()
            .unwrap()
            .contains("(Brendan Hoffman/The New York Times)")
    );
}
