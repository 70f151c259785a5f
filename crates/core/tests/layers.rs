//! The layering of reprint: modules of the core crate only reach down, and no library crate
//! depends on the command line, HTML, SQLite, terminal or progress crates it must not know.
//!
//! Each core module has a rank in [`LAYERS`] (model at the bottom, the pipeline at the top); a
//! `crate::X` path in a module's code (outside its tests) must name a module of lower rank. Strict
//! ranks also rule out import cycles. A new module fails this test until it is given a place.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Core modules, lowest first.
const LAYERS: &[&str] = &[
    "error",
    "figures",
    "json_out",
    "model",
    "progress",
    "normalize",
    "shingle",
    "segment",
    "keys",
    "fingerprint",
    "config",
    "store",
    "corpus",
    "candidates",
    "verify",
    "site_template",
    "cluster",
    "classify",
    "provenance",
    "spans",
    "align",
    "engine",
    "analysis",
    "ingest",
    "wire",
    "matching",
    "quoted_lines",
    "passages",
    "diff",
    "clean",
    "check",
    "pipeline",
];

/// Crates each library crate must not depend on.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "core",
        &[
            "clap",
            "maud",
            "rusqlite",
            "indicatif",
            "anyhow",
            "reprint-index",
            "reprint-report",
            "reprint-eval",
        ],
    ),
    (
        "index",
        &[
            "clap",
            "maud",
            "indicatif",
            "anyhow",
            "reprint-report",
            "reprint-eval",
        ],
    ),
    (
        "report",
        &[
            "clap",
            "rusqlite",
            "indicatif",
            "anyhow",
            "reprint-index",
            "reprint-eval",
        ],
    ),
    (
        "eval",
        &[
            "clap",
            "maud",
            "rusqlite",
            "indicatif",
            "anyhow",
            "reprint-index",
            "reprint-report",
        ],
    ),
];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The module's `.rs` files: `src/NAME.rs` and everything under `src/NAME/` (its submodules,
/// or the whole module when it has no `NAME.rs`).
fn module_files(name: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let file = src.join(format!("{name}.rs"));
    let mut out = Vec::new();
    if file.is_file() {
        out.push(file);
    }
    let mut stack = vec![src.join(name)];
    stack.retain(|d| d.is_dir());
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The code of a file without comments and without its test module (tests may use anything).
fn code(text: &str) -> String {
    let body = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    body.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The core modules a file reaches through `crate::X`.
fn reached(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        let preceded_by_word = rest[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if !preceded_by_word && !name.is_empty() {
            out.push(name);
        }
        rest = after;
    }
    out
}

#[test]
fn every_module_has_a_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines() {
        if let Some(m) = line
            .trim()
            .strip_prefix("pub mod")
            .or(line.trim().strip_prefix("mod"))
        {
            let m = m.trim().trim_end_matches(';');
            assert!(LAYERS.contains(&m), "module {m} has no place in LAYERS");
        }
    }
}

#[test]
fn modules_only_reach_down() {
    let rank: BTreeMap<&str, usize> = LAYERS.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut wrong = Vec::new();
    for (i, m) in LAYERS.iter().enumerate() {
        for f in module_files(m) {
            let text = std::fs::read_to_string(&f).unwrap();
            for target in reached(&code(&text)) {
                if target == *m {
                    continue;
                }
                match rank.get(target.as_str()) {
                    Some(&r) if r < i => {}
                    Some(_) => wrong.push(format!("{} reaches up to {target}", f.display())),
                    None => wrong.push(format!("{} reaches unknown module {target}", f.display())),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "layering broken:\n{}", wrong.join("\n"));
}

#[test]
fn library_crates_keep_to_their_dependencies() {
    for (krate, forbidden) in FORBIDDEN {
        let manifest =
            std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
        let deps = manifest
            .split("[dependencies]")
            .nth(1)
            .unwrap_or("")
            .split("\n[")
            .next()
            .unwrap_or("");
        for line in deps.lines() {
            let name = line.split(['=', '.']).next().unwrap_or("").trim();
            assert!(
                !forbidden.contains(&name),
                "crate {krate} depends on {name}, which belongs to a layer above it"
            );
        }
    }
}

#[test]
fn the_checker_sees_paths() {
    let found =
        reached("use crate::model::X;\nlet y = crate::spans::f(); // crate::pipeline\nnotcrate::x");
    assert_eq!(found, ["model", "spans", "pipeline"]);
    assert_eq!(
        reached(&code("use crate::model::X;\n// crate::pipeline\n")),
        ["model"]
    );
}
