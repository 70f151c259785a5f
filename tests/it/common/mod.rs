//! What the integration tests share: running the `reprint` binary in a temporary folder, the
//! project's fixtures, and whole-output snapshots.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A temporary working folder, removed when dropped.
pub struct Scratch {
    dir: tempfile::TempDir,
}

/// How a run of the binary ended.
#[derive(Debug)]
pub struct Run {
    /// Exit code (`-1` when killed by a signal).
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

impl Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Scratch {
    /// An empty folder.
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temporary folder"),
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
            std::fs::create_dir_all(d).expect("create folder");
        }
        std::fs::write(p, contents).expect("write file");
    }

    /// Copies a fixture folder's contents in.
    pub fn copy_fixture(&self, name: &str) {
        copy_tree(&fixture(name), self.path());
    }

    /// The binary, run in this folder, without environment that changes its behaviour.
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
        Run::from(self.command(args).output().expect("run reprint"))
    }
}

/// A fixture folder of `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            std::fs::create_dir_all(&target).expect("create folder");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture");
        }
    }
}

/// Compares `actual` with `tests/it/snapshots/<name>` as a whole, showing a line diff when
/// they differ. `REPRINT_UPDATE_SNAPSHOTS=1` rewrites the snapshot instead (review the diff).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/snapshots")
        .join(name);
    if std::env::var_os("REPRINT_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).expect("write snapshot");
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
