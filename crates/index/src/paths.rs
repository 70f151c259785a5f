//! Where an index's articles came from, kept so that it resolves from anywhere: an index
//! stores each input file's path relative to the index file's own folder (the index and its
//! corpus can move together, and `reprint diff --index` works from any folder), and shows it
//! relative to the current folder when the file lies below it (so `check`'s annotations name
//! repository paths, as GitHub wants), else in full.
//!
//! Indexes made before this was kept stored the paths as they were named to `index add`,
//! relative to the folder it ran in; they say so by lacking the [`PATHS_KEY`] entry, and
//! keep that convention.

use std::path::{Component, Path, PathBuf};

/// The `meta` entry saying how file paths are stored.
pub(crate) const PATHS_KEY: &str = "paths";
/// Its value for paths relative to the index file's folder.
pub(crate) const FROM_INDEX: &str = "relative-to-index";

/// How an index stores the paths of its input files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum FilePaths {
    /// As named to the add, relative to the folder it ran in (indexes made before).
    AsGiven,
    /// Relative to `folder`, the index file's, made absolute; shown relative to `cwd`, the
    /// current folder when the index was opened, when below it.
    FromIndex {
        folder: PathBuf,
        cwd: Option<PathBuf>,
    },
}

impl FilePaths {
    /// The convention of an index file at `index` whose `meta` says `paths`.
    pub(crate) fn of(index: &Path, paths: Option<&str>) -> FilePaths {
        if paths != Some(FROM_INDEX) {
            return FilePaths::AsGiven;
        }
        let file = reprint_core::absolute(index);
        let folder = file
            .parent()
            .map_or_else(|| PathBuf::from("/"), Path::to_path_buf);
        // Resolved once: every article of a report is shown through it.
        let cwd = std::env::current_dir()
            .ok()
            .and_then(|d| std::fs::canonicalize(d).ok());
        FilePaths::FromIndex { folder, cwd }
    }

    /// What to store for an input file named `given` (`<stdin>` and other names that are
    /// no file are kept as they are).
    pub(crate) fn stored(&self, given: &str) -> String {
        match self {
            FilePaths::AsGiven => given.to_string(),
            FilePaths::FromIndex { folder, .. } => match std::fs::canonicalize(given) {
                Ok(file) => relative_to(folder, &file).to_string_lossy().into_owned(),
                Err(_) => given.to_string(),
            },
        }
    }

    /// How to read and show a stored path: relative to the current folder when the file
    /// lies below it, else absolute.
    pub(crate) fn shown(&self, stored: &str) -> String {
        match self {
            FilePaths::AsGiven => stored.to_string(),
            FilePaths::FromIndex { folder, cwd } => {
                let file = lexical(&folder.join(stored));
                match cwd.as_deref().and_then(|d| file.strip_prefix(d).ok()) {
                    Some(rel) if !rel.as_os_str().is_empty() => rel.to_string_lossy().into_owned(),
                    _ => file.to_string_lossy().into_owned(),
                }
            }
        }
    }
}

/// The path from folder `from` to `to`, both absolute: `..` up to their common ancestor,
/// then down.
fn relative_to(from: &Path, to: &Path) -> PathBuf {
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut out = PathBuf::new();
    for _ in common..a.len() {
        out.push("..");
    }
    for c in &b[common..] {
        out.push(c.as_os_str());
    }
    out
}

/// `path` with `.` and `..` folded away by name (the stored paths lead through no links:
/// they were made from resolved ones).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_go_up_to_the_common_folder_and_down() {
        let r = |a: &str, b: &str| relative_to(Path::new(a), Path::new(b));
        assert_eq!(r("/a/b", "/a/b/c/d.txt"), PathBuf::from("c/d.txt"));
        assert_eq!(r("/a/b/i", "/a/c/d.txt"), PathBuf::from("../../c/d.txt"));
        assert_eq!(r("/", "/x.txt"), PathBuf::from("x.txt"));
        assert_eq!(
            lexical(Path::new("/a/b/../../c/./d.txt")),
            PathBuf::from("/c/d.txt")
        );
    }

    #[test]
    fn a_stored_path_comes_back_to_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("idx")).unwrap();
        std::fs::create_dir_all(root.join("corpus/x")).unwrap();
        let file = root.join("corpus/x/a.txt");
        std::fs::write(&file, "text").unwrap();
        let paths = FilePaths::of(&root.join("idx/h.db"), Some(FROM_INDEX));
        let stored = paths.stored(file.to_str().unwrap());
        assert_eq!(stored, "../corpus/x/a.txt");
        assert_eq!(
            PathBuf::from(paths.shown(&stored)).canonicalize().unwrap(),
            file
        );
        assert_eq!(paths.stored("<stdin>"), "<stdin>");
        let old = FilePaths::of(&root.join("idx/h.db"), None);
        assert_eq!(old.stored("corpus/x/a.txt"), "corpus/x/a.txt");
        assert_eq!(old.shown("corpus/x/a.txt"), "corpus/x/a.txt");
    }
}
