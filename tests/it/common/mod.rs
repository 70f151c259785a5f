//! Helpers shared by the integration tests: a temporary corpus folder, ways to run the built
//! binary and read its output, and deterministic generated text.

#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project root (where `seeds/` and `tests/fixtures/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `reprint` command, isolated from any config file of the developer's machine.
pub fn reprint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reprint"));
    c.env_remove("NO_COLOR").env_remove("GITHUB_STEP_SUMMARY");
    c
}

/// Runs `reprint` with `args` and returns its output.
pub fn run(args: &[&str]) -> Output {
    reprint()
        .args(args)
        .arg("--isolated")
        .output()
        .expect("the reprint binary runs")
}

/// Runs `reprint audit PATH --format json` and parses the report.
pub fn audit_json(path: &Path, extra: &[&str]) -> (Value, Output) {
    let mut args = vec![
        "audit",
        path.to_str().expect("utf-8 path"),
        "--format",
        "json",
        "--no-progress",
    ];
    args.extend_from_slice(extra);
    let out = run(&args);
    let v = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON on stdout ({e}); stderr: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (v, out)
}

/// [`audit_json`] of a corpus that must audit cleanly (exit 0): the report, or a panic with
/// what the run printed on stderr.
pub fn audit_ok(path: &Path) -> Value {
    let (v, out) = audit_json(path, &[]);
    assert!(
        out.status.success(),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    v
}

/// A temporary folder that holds a small corpus.
pub struct TempCorpus {
    pub dir: tempfile::TempDir,
}

impl TempCorpus {
    pub fn new() -> TempCorpus {
        TempCorpus {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("create folders");
        }
        std::fs::write(&p, contents).expect("write a corpus file");
        p
    }

    /// `rel` inside the folder.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Copies the seed article whose name starts with `prefix` to `rel`.
    pub fn seed(&self, prefix: &str, rel: &str) -> PathBuf {
        let src = std::fs::read_dir(seeds())
            .expect("seeds")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(prefix))
            })
            .expect("seed exists");
        self.write(rel, std::fs::read(src).expect("read seed"))
    }

    /// Copies the seed articles into the folder `rel` and returns it.
    pub fn with_seeds(&self, rel: &str) -> PathBuf {
        let to = self.join(rel);
        std::fs::create_dir_all(&to).expect("create folders");
        for e in std::fs::read_dir(seeds()).expect("seeds/") {
            let p = e.expect("a seed").path();
            std::fs::copy(&p, to.join(p.file_name().expect("a name"))).expect("copy a seed");
        }
        to
    }
}

/// The seed articles shipped with the project.
pub fn seeds() -> PathBuf {
    root().join("seeds")
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// One seed article.
pub fn seed(name: &str) -> PathBuf {
    seeds().join(name)
}

/// What a run printed, as text, and how it ended.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs a `reprint()` command built by the caller (with `--isolated`) to completion.
pub fn run_cmd(cmd: &mut Command) -> Run {
    let out = cmd
        .arg("--isolated")
        .output()
        .expect("the reprint binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Standard output parsed as one JSON document.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", self.stderr))
    }

    /// Fails the test if the run panicked.
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && self.code != Some(101),
            "panicked: {}",
            self.stderr
        );
    }
}

/// A `reprint` command with progress bars off and config files ignored.
pub fn reprint_cmd() -> Command {
    let mut c = reprint();
    c.args(["--no-progress", "--isolated"]);
    c
}

/// Runs `reprint` with `args` (progress off, config files ignored) and waits for it.
pub fn reprint_run<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    reprint_cmd()
        .args(args)
        .output()
        .expect("the reprint binary runs")
        .into()
}

/// A deterministic pseudo-random generator (xorshift), so generated corpora are the same on
/// every run without a dependency.
pub struct Rng(u64);

impl Rng {
    /// Seeded.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A made-up word of 2 to 9 letters.
    pub fn word(&mut self) -> String {
        let len = 2 + self.below(8);
        (0..len)
            .map(|_| (b'a' + self.below(26) as u8) as char)
            .collect()
    }

    /// A sentence-like paragraph of `n` made-up words.
    pub fn paragraph(&mut self, n: usize) -> String {
        let mut s: String = (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ");
        if let Some(f) = s.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        s.push('.');
        s
    }

    /// `n` bytes of noise.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// The article texts of a corpus as the report numbers them: `.txt` files' bytes by stem, and
/// JSONL records' `text` by id.
pub fn texts_of(path: &Path) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let mut files = Vec::new();
    if path.is_dir() {
        for e in std::fs::read_dir(path).expect("read dir") {
            files.push(e.expect("entry").path());
        }
    } else {
        files.push(path.to_path_buf());
    }
    for f in files {
        let name = f.file_name().unwrap().to_str().unwrap().to_string();
        if let Some(stem) = name.strip_suffix(".txt") {
            out.insert(
                stem.to_string(),
                std::fs::read_to_string(&f).expect("utf-8 txt"),
            );
        } else if name.ends_with(".jsonl") {
            for line in std::fs::read_to_string(&f).expect("utf-8 jsonl").lines() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: Value = serde_json::from_str(line).expect("json");
                out.insert(
                    v["id"].as_str().unwrap().to_string(),
                    v["text"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    out
}

/// The kinds of the paragraph of `article` whose text contains `needle` (the `nth` such one).
pub fn kinds_of(
    report: &Value,
    texts: &std::collections::HashMap<String, String>,
    article: &str,
    needle: &str,
    nth: usize,
) -> Vec<String> {
    let text = texts
        .get(article)
        .unwrap_or_else(|| panic!("no article {article}"));
    let art = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == article)
        .unwrap_or_else(|| panic!("article {article} not in the report"));
    let hits: Vec<&Value> = art["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            let (s, e) = (
                p["start"].as_u64().unwrap() as usize,
                p["end"].as_u64().unwrap() as usize,
            );
            text[s..e].contains(needle)
        })
        .collect();
    let p = hits
        .get(nth)
        .unwrap_or_else(|| panic!("{article}: no paragraph #{nth} containing {needle:?}"));
    p["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect()
}

/// A temporary working folder the binary runs in, so that outputs name files relatively.
pub struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    /// An empty folder.
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("a temp dir"),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside it.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let p = self.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("create folders");
        }
        std::fs::write(p, contents).expect("write a file");
    }

    /// Copies a folder of `tests/fixtures` in.
    pub fn copy_fixture(&self, name: &str) {
        copy_tree(&root().join("tests/fixtures").join(name), self.path());
    }

    /// The binary, run in this folder, without environment that changes its behaviour. Config
    /// files are not ignored: tests of `reprint.toml` and `--config` write them here.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_reprint"));
        c.current_dir(self.path())
            .args(args)
            .env_remove("GITHUB_STEP_SUMMARY")
            .env_remove("REPRINT_INDEX")
            .env("NO_COLOR", "1");
        c
    }

    /// Runs the binary to completion.
    pub fn run(&self, args: &[&str]) -> Run {
        let out = self
            .command(args)
            .output()
            .expect("the reprint binary runs");
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("a fixture folder") {
        let entry = entry.expect("a fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            std::fs::create_dir_all(&target).expect("create folders");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a fixture");
        }
    }
}

/// Compares `actual` with `tests/it/snapshots/<name>` as a whole, showing a line diff when
/// they differ. `REPRINT_UPDATE_SNAPSHOTS=1` rewrites the snapshot instead (review the diff).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = root().join("tests/it/snapshots").join(name);
    if std::env::var_os("REPRINT_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write a snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no snapshot {}; run with REPRINT_UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(&expected, actual);
        let shown = diff.unified_diff().header("snapshot", "actual").to_string();
        panic!("{name} differs from its snapshot:\n{shown}");
    }
}

/// Replaces the parts of an output that change between releases.
pub fn stable(output: &str) -> String {
    output.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}
