//! Helpers shared by the integration tests: a temporary corpus folder, running the `reprint`
//! binary, and deterministic generated text.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The project's `seeds/` folder.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A temporary folder to build a corpus (and write outputs) in; removed when dropped.
pub struct TempCorpus {
    dir: tempfile::TempDir,
}

impl TempCorpus {
    /// An empty folder.
    pub fn new() -> TempCorpus {
        TempCorpus {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `rel` under it.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("create folder");
        }
        std::fs::write(&p, bytes).expect("write file");
        p
    }

    /// Copies a seed article (by the start of its name) to `rel`.
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
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Standard output parsed as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}); stderr: {}", self.stderr))
    }

    /// Fails the test if the run panicked.
    pub fn assert_no_panic(&self) {
        assert!(
            !self.stderr.contains("panicked") && self.code != 101,
            "panicked: {}",
            self.stderr
        );
    }
}

/// The `reprint` binary as a command (progress bars off).
pub fn reprint_cmd() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reprint"));
    c.arg("--no-progress").env_remove("NO_COLOR");
    c
}

/// Runs `reprint` with `args` and waits for it.
pub fn reprint<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Run {
    reprint_cmd()
        .args(args)
        .output()
        .expect("run reprint")
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
