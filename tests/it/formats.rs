//! Every input format a folder walk reads: JSON lines (`.json`, `.jsonl`, `.ndjson`) plain,
//! gzip- or zstd-compressed, one JSON array in a `.json`, parquet (columns and struct columns
//! named like JSON fields), and a text article on standard input. Fixtures are written here.

use crate::common::{Run, TempCorpus, reprint_cmd, reprint_run};
use arrow_array::{ArrayRef, RecordBatch, StringArray, StructArray, TimestampSecondArray};
use arrow_schema::{DataType, Field, TimeUnit};
use serde_json::{Value, json};
use std::io::Write;
use std::sync::Arc;

/// A paragraph of its own words, so that no two articles share text.
fn body(tag: &str) -> String {
    format!(
        "The council of {tag} met on Tuesday to discuss the new bridge over the river.\n\n\
         Residents of {tag} said the plan would change how they travel to work each day."
    )
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn lines(records: &[Value]) -> String {
    records.iter().map(|r| format!("{r}\n")).collect()
}

/// A parquet file of `rows` (id, text, source; `None` text is a null), with a struct column
/// `metadata` of `url` and a timestamp `date`.
fn parquet(rows: &[(&str, Option<String>, &str)]) -> Vec<u8> {
    let ids: ArrayRef = Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.0)));
    let texts: ArrayRef = Arc::new(StringArray::from_iter(rows.iter().map(|r| r.1.clone())));
    let sources: ArrayRef = Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.2)));
    let urls: ArrayRef = Arc::new(StringArray::from_iter_values(
        rows.iter()
            .map(|r| format!("https://www.{}.example/{}", r.2, r.0)),
    ));
    // 2024-03-01T12:00:00Z
    let dates: ArrayRef =
        Arc::new(TimestampSecondArray::from(vec![1_709_294_400; rows.len()]).with_timezone("UTC"));
    let metadata = StructArray::from(vec![
        (Arc::new(Field::new("url", DataType::Utf8, false)), urls),
        (
            Arc::new(Field::new(
                "date",
                DataType::Timestamp(TimeUnit::Second, Some("UTC".into())),
                false,
            )),
            dates,
        ),
    ]);
    let batch = RecordBatch::try_from_iter([
        ("id", ids),
        ("text", texts),
        ("source", sources),
        ("metadata", Arc::new(metadata) as ArrayRef),
    ])
    .unwrap();
    let mut out = Vec::new();
    let mut w = parquet::arrow::ArrowWriter::try_new(&mut out, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    out
}

/// Writes one folder with every format, two articles each, and an unknown file.
fn every_format(t: &TempCorpus) {
    let dolma = [
        json!({"id": "d1", "text": body("Ashford"), "source": "cc-news",
               "metadata": {"url": "https://www.ashford.example/d1", "date": "2024-01-02"}}),
        json!({"id": "d2", "text": body("Bexley"), "source": "cc-news",
               "metadata": {"url": "https://www.bexley.example/d2", "date": "2024-01-03"}}),
    ];
    t.write("c/part-0000.json.gz", gz(lines(&dolma).as_bytes()));
    let zst = [
        json!({"id": "x1", "text": body("Carlow"), "source": "carlow-post"}),
        json!({"id": "x2", "text": body("Dunmore"), "source": "dunmore-news"}),
    ];
    let packed = zstd::stream::encode_all(lines(&zst).as_bytes(), 3).unwrap();
    t.write("c/x.jsonl.zst", packed);
    t.write(
        "c/y.parquet",
        parquet(&[
            ("y1", Some(body("Elmstead")), "elmstead"),
            ("y2", Some(body("Fairview")), "fairview"),
        ]),
    );
    let array = json!([
        {"id": "z1", "text": body("Glenwood"), "source": "glenwood"},
        {"id": "z2", "text": body("Hollis"), "source": "hollis"},
    ]);
    t.write(
        "c/z.json",
        serde_json::to_string_pretty(&array).unwrap() + "\n",
    );
    t.write("c/notes.csv", "id,text\n1,not read\n");
}

fn articles(r: &Run) -> Vec<Value> {
    r.json()["articles"].as_array().unwrap().clone()
}

#[test]
fn a_folder_of_every_format_is_read_whole_and_the_unknown_file_named() {
    let t = TempCorpus::new();
    every_format(&t);
    let r = reprint_run(&["audit", t.join("c").to_str().unwrap(), "--format", "json"]);
    r.assert_no_panic();
    // A file of another format in a folder is a warning: the run still exits 0.
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("notes.csv: not read: not a .txt, .json"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let arts = articles(&r);
    let ids: Vec<&str> = arts.iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["d1", "d2", "x1", "x2", "y1", "y2", "z1", "z2"]);
    let by_id = |id: &str| arts.iter().find(|a| a["id"] == id).unwrap().clone();
    // dolma: url and date under metadata.
    let d1 = by_id("d1");
    assert_eq!(d1["url"], "https://www.ashford.example/d1");
    assert_eq!(d1["date"], "2024-01-02");
    assert_eq!(d1["line"], 1);
    // parquet: a struct column read by its dotted path, a timestamp read as a date.
    let y2 = by_id("y2");
    assert_eq!(y2["url"], "https://www.fairview.example/y2");
    assert_eq!(y2["date"], "2024-03-01T12:00:00Z");
    assert_eq!(y2["source"], "fairview");
    assert_eq!(y2["line"], 2, "the row number");
    assert_eq!(by_id("z2")["line"], 2, "the record number");
}

#[test]
fn check_fails_a_drop_with_an_unknown_file_and_reads_the_rest() {
    let t = TempCorpus::new();
    every_format(&t);
    let idx = t.join("idx.db");
    let (idx, c) = (idx.to_str().unwrap(), t.join("c"));
    let history = t.join("c/y.parquet");
    let r = reprint_run(&["index", "add", "--index", idx, history.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let r = reprint_run(&["check", "--index", idx, c.to_str().unwrap()]);
    r.assert_no_panic();
    // In `check` a file left unread is an error: the drop was not read whole.
    assert_eq!(r.code, Some(2), "{}\n{}", r.stdout, r.stderr);
    assert!(r.stderr.contains("notes.csv: not read"), "{}", r.stderr);
    assert!(
        r.stdout.contains("FAIL: the drop was not read whole"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("8 articles"), "{}", r.stdout);
}

#[test]
fn bad_records_are_named_by_line_record_or_row_and_the_rest_read() {
    let t = TempCorpus::new();
    t.write(
        "c/a.ndjson.zst",
        zstd::stream::encode_all(
            format!(
                "{}\n{{\"id\": \"a2\", \"text\": 7}}\n",
                json!({"id": "a1", "text": body("Ivybridge")})
            )
            .as_bytes(),
            3,
        )
        .unwrap(),
    );
    t.write(
        "c/b.json",
        format!(
            "[{}, {{\"id\": \"b2\" \"text\": \"x\"}}]",
            json!({"id": "b1", "text": body("Jarrow")})
        ),
    );
    t.write(
        "c/c.parquet",
        parquet(&[
            ("c1", Some(body("Kenton")), "kenton"),
            ("c2", None, "kenton"),
        ]),
    );
    let r = reprint_run(&["audit", t.join("c").to_str().unwrap(), "--format", "json"]);
    r.assert_no_panic();
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    for place in [
        "a.ndjson.zst:2: field \"text\" is a number",
        "b.json record 2: malformed JSON",
        "c.parquet row 2: field \"text\" is null",
    ] {
        assert!(r.stderr.contains(place), "{place}\n{}", r.stderr);
    }
    let ids: Vec<String> = articles(&r)
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["a1", "b1", "c1"]);
}

#[test]
fn stdin_reads_one_text_article_with_stdin_format_txt() {
    let mut child = reprint_cmd()
        .args(["audit", "-", "--stdin-format", "txt", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let text = format!("A headline\n\n{}\n", body("Langley"));
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let r = Run::from(child.wait_with_output().unwrap());
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let arts = articles(&r);
    assert_eq!(arts.len(), 1);
    assert_eq!(arts[0]["id"], "stdin");
    assert_eq!(arts[0]["title"], "A headline");
}

#[test]
fn a_labelled_folder_is_read_for_its_article_file_only() {
    let t = TempCorpus::new();
    let recs = [
        json!({"id": "a0000000", "text": body("Marston"), "source": "marston"}),
        json!({"id": "a0000001", "text": body("Newport"), "source": "newport"}),
    ];
    t.write("g/corpus.jsonl", lines(&recs));
    t.write(
        "g/truth.jsonl",
        "{\"relation\": \"paragraph_cluster\", \"cluster\": \"c\", \"class\": \"wire\", \"size\": 1, \"members\": [[\"a0000000\", 0, \"exact\", 1.0]]}\n",
    );
    t.write(
        "g/truth_paragraphs.tsv",
        "article_id\tpara_index\tcluster_id\tclass\tedit\tjaccard5\n",
    );
    t.write("g/manifest.json", "{\"generator\": \"gen_corpus.py\"}\n");
    let r = reprint_run(&["audit", t.join("g").to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(articles(&r).len(), 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "holds labels: its articles are read from corpus.jsonl only; left as labels and notes: manifest.json, truth.jsonl, truth_paragraphs.tsv"
        ),
        "{}",
        r.stderr
    );
}

/// The seeds as records `(id, text, source, date)`, with a Unicode text among them.
fn seed_records() -> Vec<(String, String, String, String)> {
    let mut paths: Vec<_> = std::fs::read_dir(crate::common::seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(p).unwrap(),
                format!("outlet-{}", i % 3),
                format!("2024-02-0{}", i + 1),
            )
        })
        .collect()
}

#[test]
fn the_same_articles_in_every_format_give_the_same_report() {
    let recs = seed_records();
    let rows: Vec<Value> = recs
        .iter()
        .map(|(id, text, source, date)| json!({"id": id, "text": text, "source": source, "date": date}))
        .collect();
    let jsonl = lines(&rows);
    let t = TempCorpus::new();
    let col = |f: fn(&(String, String, String, String)) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(recs.iter().map(f)))
    };
    let batch = RecordBatch::try_from_iter([
        ("id", col(|r| &r.0)),
        ("text", col(|r| &r.1)),
        ("source", col(|r| &r.2)),
        ("date", col(|r| &r.3)),
    ])
    .unwrap();
    let mut pq = Vec::new();
    let mut w = parquet::arrow::ArrowWriter::try_new(&mut pq, batch.schema(), None).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
    let files = [
        ("c.jsonl", jsonl.clone().into_bytes()),
        ("c.jsonl.gz", gz(jsonl.as_bytes())),
        ("c.json.gz", gz(jsonl.as_bytes())),
        (
            "c.jsonl.zst",
            zstd::stream::encode_all(jsonl.as_bytes(), 3).unwrap(),
        ),
        (
            "c.json",
            serde_json::to_string_pretty(&Value::Array(rows.clone()))
                .unwrap()
                .into_bytes(),
        ),
        ("c.parquet", pq),
    ];
    let mut reports = Vec::new();
    for (name, bytes) in files {
        let p = t.write(name, bytes);
        let r = reprint_run(&["audit", p.to_str().unwrap(), "--format", "json"]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        let attrs = reprint_run(&["audit", p.to_str().unwrap(), "--format", "attributes"]);
        assert_eq!(attrs.code, Some(0), "{name}: {}", attrs.stderr);
        // The one thing a format changes is the path each article names.
        let path = serde_json::to_string(p.to_str().unwrap()).unwrap();
        let report = r.stdout.replace(&path, "\"FILE\"");
        reports.push((name, report, attrs.stdout));
    }
    // `clean` reads parquet rows as JSON text (it writes their other columns back): the
    // records it writes are those of the JSON lines.
    let cleaned = |name: &str| -> Vec<Value> {
        let out = t.join(&format!("{name}.clean.jsonl"));
        let r = reprint_run(&[
            "clean",
            t.join(name).to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
        let text = std::fs::read_to_string(out).unwrap();
        text.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    assert_eq!(cleaned("c.parquet"), cleaned("c.jsonl"));
    let (first, report, attrs) = &reports[0];
    assert!(report.contains("\"kind\":\"boilerplate\""), "{report}");
    for (name, other, other_attrs) in &reports[1..] {
        assert!(
            other == report,
            "{name} and {first} differ:\n{other}\n{report}"
        );
        assert!(other_attrs == attrs, "{name} and {first} differ");
    }
}
