//! Helpers shared by the integration tests: a temporary corpus folder and the built binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary folder to write corpus files and outputs into; removed when dropped.
pub struct TempCorpus {
    dir: tempfile::TempDir,
}

impl TempCorpus {
    /// An empty folder.
    pub fn new() -> TempCorpus {
        TempCorpus {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `rel` inside the folder.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes `rel` (creating its folders) and returns its path.
    pub fn write(&self, rel: &str, content: &str) -> PathBuf {
        let p = self.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).expect("folders");
        }
        std::fs::write(&p, content).expect("a corpus file");
        p
    }

    /// Copies the seed articles into `rel` and returns that folder.
    pub fn with_seeds(&self, rel: &str) -> PathBuf {
        let to = self.join(rel);
        std::fs::create_dir_all(&to).expect("folders");
        for e in std::fs::read_dir(seeds()).expect("seeds/") {
            let p = e.expect("a seed").path();
            std::fs::copy(&p, to.join(p.file_name().expect("a name"))).expect("copying a seed");
        }
        to
    }
}

/// The seed articles shipped with the project.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

/// One seed article.
pub fn seed(name: &str) -> PathBuf {
    seeds().join(name)
}

/// The built `reprint` binary, run from the project root with colour settings cleared.
pub fn reprint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_reprint"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    c
}

/// What a run printed and how it ended.
pub struct Run {
    /// Exit code (`None` when killed by a signal).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs a command to completion.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("the binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}
