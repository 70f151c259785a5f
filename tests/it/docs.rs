//! The README and the pages of `docs/` against the binary and the code.
//!
//! Quoted output is marked by an HTML comment on the line before its fenced block, naming what
//! it quotes and the commands that print it:
//!
//! ```text
//! <!-- output: reprint audit seeds/ -->            the block is the whole of stdout
//! <!-- output excerpt: reprint audit seeds/ -->    lines of stdout; a line `...` skips lines
//! <!-- stderr: reprint clean seeds/ --out c.jsonl -->           the same, of stderr
//! <!-- json-line of c.removed.jsonl: reprint clean ... -->      one JSON line of a file
//! <!-- json /summary: reprint audit seeds/ --format json -->    the value at a JSON pointer
//! ```
//!
//! In an excerpt, a block that does not open with `...` starts at the first line of the output,
//! and one that does not end with `...` ends at its last; the lines between two `...` follow
//! each other in the output. Lines are compared without trailing spaces. `json-line` and `json`
//! compare parsed JSON, so the block may be laid out for reading; `of FILE` reads a file the
//! commands wrote instead of stdout. Commands are joined with ` && ` and run in order in a
//! fresh folder holding copies of `seeds/` and `tests/fixtures/`, with config files ignored,
//! `NO_COLOR` set and a 120-column width; the quote is of the last one.
//!
//! The configuration page is checked against `Config`: its table names every key, each with
//! the default the code has, and its TOML block parses to the defaults.

use crate::common::root;
use reprint_core::config::Config;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The pages checked: the README and every Markdown page of `docs/`.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .expect("docs/")
        .map(|e| e.expect("a docs entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

fn name_of(page: &Path) -> String {
    page.strip_prefix(root())
        .unwrap_or(page)
        .display()
        .to_string()
}

/// What a marker asks for.
#[derive(Debug)]
struct Quote {
    /// Where the marker is (`README.md:12`).
    place: String,
    /// `output`, `stderr`, `json-line` or `json`.
    what: String,
    /// Lines with `...` gaps rather than the whole.
    excerpt: bool,
    /// The JSON pointer of a `json` quote.
    pointer: String,
    /// A file the commands write, read instead of stdout.
    file: Option<String>,
    /// The commands, each split into words (the first is `reprint`).
    commands: Vec<Vec<String>>,
    /// The fenced block's lines.
    block: Vec<String>,
}

/// The marked blocks of a page.
fn quotes(page: &Path) -> Vec<Quote> {
    let text = std::fs::read_to_string(page).expect("read a page");
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(inner) = line
            .trim()
            .strip_prefix("<!--")
            .and_then(|l| l.strip_suffix("-->"))
        else {
            continue;
        };
        let place = format!("{}:{}", name_of(page), i + 1);
        let Some((head, cmds)) = inner.trim().split_once(": ") else {
            continue;
        };
        let words: Vec<&str> = head.split_whitespace().collect();
        let Some(&what) = words.first() else { continue };
        if !["output", "stderr", "json-line", "json"].contains(&what) {
            continue;
        }
        let mut q = Quote {
            place: place.clone(),
            what: what.to_string(),
            excerpt: false,
            pointer: String::new(),
            file: None,
            commands: Vec::new(),
            block: Vec::new(),
        };
        let mut rest = words[1..].iter();
        while let Some(w) = rest.next() {
            match *w {
                "excerpt" => q.excerpt = true,
                "of" => q.file = Some(rest.next().expect("a file after `of`").to_string()),
                p if p.starts_with('/') && what == "json" => q.pointer = p.to_string(),
                other => panic!("{place}: unknown word `{other}` in the marker"),
            }
        }
        for c in cmds.split(" && ") {
            let argv: Vec<String> = c.split_whitespace().map(String::from).collect();
            assert_eq!(
                argv.first().map(String::as_str),
                Some("reprint"),
                "{place}: a command must start with `reprint`: {c}"
            );
            q.commands.push(argv);
        }
        // The fenced block follows, after blank lines at most.
        let mut j = i + 1;
        while j < lines.len() && lines[j].trim().is_empty() {
            j += 1;
        }
        assert!(
            j < lines.len() && lines[j].starts_with("```"),
            "{place}: no fenced block after the marker"
        );
        j += 1;
        while j < lines.len() && !lines[j].starts_with("```") {
            q.block.push(lines[j].to_string());
            j += 1;
        }
        assert!(j < lines.len(), "{place}: the block is not closed");
        out.push(q);
    }
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folders");
    for entry in std::fs::read_dir(from).expect("a folder to copy") {
        let entry = entry.expect("an entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// Runs the quote's commands in a fresh folder and returns what it quotes.
fn produce(q: &Quote) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    copy_tree(&root().join("seeds"), &dir.path().join("seeds"));
    copy_tree(
        &root().join("tests/fixtures"),
        &dir.path().join("tests/fixtures"),
    );
    let mut last = None;
    for argv in &q.commands {
        let out = Command::new(env!("CARGO_BIN_EXE_reprint"))
            .current_dir(dir.path())
            .args(&argv[1..])
            .arg("--isolated")
            .env("NO_COLOR", "1")
            .env("COLUMNS", "120")
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("REPRINT_INDEX")
            .output()
            .expect("the reprint binary runs");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{}: `{}` ended with {:?}: {}",
            q.place,
            argv.join(" "),
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        last = Some(out);
    }
    let out = last.expect("at least one command");
    let bytes = match &q.file {
        Some(f) => std::fs::read(dir.path().join(f))
            .unwrap_or_else(|e| panic!("{}: the commands wrote no {f}: {e}", q.place)),
        None if q.what == "stderr" => out.stderr,
        None => out.stdout,
    };
    String::from_utf8(bytes).expect("utf-8 output")
}

/// Where the chunk `want` sits in `have` at or after `from`.
fn find_chunk(have: &[&str], want: &[&str], from: usize) -> Option<usize> {
    (from..=have.len().checked_sub(want.len())?).find(|&at| have[at..at + want.len()] == *want)
}

/// Checks an excerpt (or a whole text) against the output; the error says what is missing.
fn check_lines(block: &[String], output: &str, excerpt: bool) -> Result<(), String> {
    let have: Vec<&str> = output.lines().map(str::trim_end).collect();
    let want: Vec<&str> = block.iter().map(|l| l.trim_end()).collect();
    if !excerpt {
        return if have == want {
            Ok(())
        } else {
            Err(format!("the output is:\n{output}"))
        };
    }
    let open_start = want.first() == Some(&"...");
    let open_end = want.last() == Some(&"...");
    let chunks: Vec<&[&str]> = want
        .split(|l| *l == "...")
        .filter(|c| !c.is_empty())
        .collect();
    let mut at = 0;
    for (n, chunk) in chunks.iter().enumerate() {
        let last = n + 1 == chunks.len();
        let found = if n == 0 && !open_start {
            let fits = if last && !open_end {
                have.len() == chunk.len()
            } else {
                have.len() >= chunk.len()
            };
            (fits && have[..chunk.len()] == **chunk).then_some(0)
        } else if last && !open_end {
            let start = have.len().checked_sub(chunk.len());
            start.filter(|&s| s >= at && have[s..] == **chunk)
        } else {
            find_chunk(&have, chunk, at)
        };
        match found {
            Some(i) => at = i + chunk.len(),
            None => {
                return Err(format!(
                    "these lines are not in the output where the excerpt puts them:\n{}\n\nthe output is:\n{output}",
                    chunk.join("\n")
                ));
            }
        }
    }
    Ok(())
}

fn parse_block(q: &Quote) -> Value {
    serde_json::from_str(&q.block.join("\n"))
        .unwrap_or_else(|e| panic!("{}: the block is not JSON: {e}", q.place))
}

fn check_quote(q: &Quote) -> Result<(), String> {
    let output = produce(q);
    match q.what.as_str() {
        "json-line" => {
            let want = parse_block(q);
            let found = output
                .lines()
                .filter_map(|l| serde_json::from_str::<Value>(l).ok())
                .any(|v| v == want);
            if found {
                Ok(())
            } else {
                Err(format!(
                    "no line of the output is this JSON; the output is:\n{output}"
                ))
            }
        }
        "json" => {
            let want = parse_block(q);
            let doc: Value = serde_json::from_str(&output)
                .map_err(|e| format!("the output is not JSON ({e}):\n{output}"))?;
            match doc.pointer(&q.pointer) {
                Some(v) if *v == want => Ok(()),
                Some(v) => Err(format!(
                    "{} is:\n{}",
                    if q.pointer.is_empty() {
                        "the document"
                    } else {
                        &q.pointer
                    },
                    serde_json::to_string_pretty(v).expect("JSON")
                )),
                None => Err(format!("the output has nothing at {}", q.pointer)),
            }
        }
        _ => check_lines(&q.block, &output, q.excerpt),
    }
}

#[test]
fn quoted_output_is_what_the_binary_prints() {
    let mut checked = 0;
    let mut readme = 0;
    let mut failures = Vec::new();
    for page in pages() {
        for q in quotes(&page) {
            if q.place.starts_with("README.md:") {
                readme += 1;
            }
            checked += 1;
            if let Err(e) = check_quote(&q) {
                let cmds: Vec<String> = q.commands.iter().map(|c| c.join(" ")).collect();
                failures.push(format!("{} ({}): {e}", q.place, cmds.join(" && ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} quotes differ from the binary:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        readme >= 6,
        "the README quotes {readme} outputs; its tour shows six commands"
    );
}

/// The excerpt rules themselves, on a made-up output.
#[test]
fn excerpts_match_in_order_and_anchor_at_their_ends() {
    let b = |s: &str| s.lines().map(String::from).collect::<Vec<_>>();
    let out = "a\nb\nc\nd\ne\n";
    assert!(check_lines(&b("a\nb\nc\nd\ne"), out, false).is_ok());
    assert!(check_lines(&b("a\nb\n..."), out, true).is_ok());
    assert!(check_lines(&b("...\nd\ne"), out, true).is_ok());
    assert!(check_lines(&b("a\n...\nc\n...\ne"), out, true).is_ok());
    assert!(check_lines(&b("...\nc  \n..."), out, true).is_ok());
    assert!(
        check_lines(&b("b\n..."), out, true).is_err(),
        "not the first line"
    );
    assert!(
        check_lines(&b("...\nd"), out, true).is_err(),
        "not the last line"
    );
    assert!(
        check_lines(&b("...\nc\nb\n..."), out, true).is_err(),
        "out of order"
    );
    assert!(
        check_lines(&b("...\nd\n...\nc\n..."), out, true).is_err(),
        "out of order"
    );
    assert!(
        check_lines(&b("a\nb"), out, false).is_err(),
        "not the whole"
    );
}

#[test]
fn relative_links_resolve() {
    let mut broken = Vec::new();
    for page in pages() {
        let text = std::fs::read_to_string(&page).expect("read a page");
        let dir = page.parent().expect("a folder");
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("](") {
                rest = &rest[i + 2..];
                let Some(end) = rest.find(')') else { break };
                let target = &rest[..end];
                rest = &rest[end..];
                if target.contains("://")
                    || target.starts_with('#')
                    || target.starts_with("mailto:")
                {
                    continue;
                }
                let path = target.split('#').next().unwrap_or(target);
                if !dir.join(path).exists() {
                    broken.push(format!("{}:{}: {target}", name_of(&page), n + 1));
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "links to nothing:\n{}",
        broken.join("\n")
    );
}

/// Every `section.key` of the configuration, from the defaults' debug form.
fn config_keys() -> BTreeSet<String> {
    let debug = format!("{:#?}", Config::default());
    let mut keys = BTreeSet::new();
    let mut section = String::new();
    for line in debug.lines() {
        let indent = line.len() - line.trim_start().len();
        let Some((name, _)) = line.trim().split_once(": ") else {
            continue;
        };
        match indent {
            4 => section = name.to_string(),
            8 => {
                keys.insert(format!("{section}.{name}"));
            }
            _ => {}
        }
    }
    keys
}

/// The rows of the configuration page's key table: `section.key` and its default cell.
fn documented_keys() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(root().join("docs/config.md")).expect("docs/config.md");
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 || !cells[0].is_empty() {
            continue;
        }
        let Some(key) = cells[1].strip_prefix('`').and_then(|k| k.strip_suffix('`')) else {
            continue;
        };
        if key.contains('.') && !key.contains(' ') {
            rows.push((key.to_string(), cells[2].to_string()));
        }
    }
    rows
}

#[test]
fn config_page_names_every_key_with_its_default() {
    let rows = documented_keys();
    let documented: BTreeSet<String> = rows.iter().map(|(k, _)| k.clone()).collect();
    let code = config_keys();
    let undocumented: Vec<&String> = code.difference(&documented).collect();
    let unknown: Vec<&String> = documented.difference(&code).collect();
    assert!(
        undocumented.is_empty() && unknown.is_empty(),
        "docs/config.md's table: keys missing {undocumented:?}, keys the code lacks {unknown:?}"
    );
    for (key, default) in &rows {
        let (section, name) = key.split_once('.').expect("section.key");
        // A default written as a TOML value must parse to the code's default; "none" keys
        // only have to exist.
        let value = match default.strip_prefix('`').and_then(|d| d.strip_suffix('`')) {
            Some(v) => v.to_string(),
            None => {
                assert!(default.starts_with("none"), "{key}: default {default:?}");
                let probe = if name == "max_reuse" { "0.5" } else { "\"x\"" };
                let toml = format!("[{section}]\n{name} = {probe}\n");
                Config::from_toml(&toml, key).unwrap_or_else(|e| panic!("{key}: {e}"));
                continue;
            }
        };
        let toml = format!("[{section}]\n{name} = {value}\n");
        let parsed = Config::from_toml(&toml, key).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert!(
            parsed == Config::default(),
            "{key}: the page's default {value} is not the code's"
        );
    }
    // The sample file on the page is the defaults.
    let text = std::fs::read_to_string(root().join("docs/config.md")).expect("docs/config.md");
    let block = text
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a toml block on the page");
    assert_eq!(
        Config::from_toml(block, "docs/config.md").expect("the sample parses"),
        Config::default()
    );
}
