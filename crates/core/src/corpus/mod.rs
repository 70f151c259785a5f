//! The corpus: which files make it up, and reading their records (I/O lives here and in
//! [`read`]; turning a record into an article is the pure [`meta`] module).
//!
//! Inputs are folders (walked recursively in byte order of names, symlink loops detected),
//! `.txt` files (one article each), `.jsonl` / `.jsonl.gz` files (one article a line) and `-`
//! (JSONL on standard input, spooled to a temporary file so it can be read twice). A file or
//! record that cannot be read is reported as a [`RecordError`] and the rest is still read.
//!
//! The corpus is streamed, never held in memory: the pipeline reads it once to fingerprint and
//! again, selectively, for the few articles whose text a report needs.

pub mod meta;
pub mod read;

use crate::error::{Error, RecordError, Result};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub use meta::{FieldNames, RawArticle, parse_jsonl_record, parse_txt};
pub use read::{RawRecord, RecordSink};

/// Why a pipe, socket or device is not read: the corpus is read more than once.
const NOT_REGULAR: &str =
    "not a regular file (a pipe, socket or device); skipped (pipe JSONL into - instead)";

/// How a file's records are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One article: the file's text.
    Txt,
    /// One article a line.
    Jsonl,
    /// Gzip-compressed JSONL.
    JsonlGz,
}

/// One input file.
#[derive(Debug)]
pub struct InputFile {
    /// Where to read it.
    pub path: PathBuf,
    /// How messages name it (the path as given, or `<stdin>`).
    pub display: String,
    /// Its layout.
    pub kind: FileKind,
    /// The outlet implied by the folder layout (`corpus/<outlet>/<article>.txt`).
    pub folder_outlet: Option<String>,
    /// For a `.txt` found in a folder walk, its path from the walked folder without the
    /// extension (`nypost/story`): the article's id, so that `nypost/story.txt` and
    /// `smallsite/story.txt` do not collide.
    pub rel_id: Option<String>,
}

/// The files of a corpus, in a stable order.
#[derive(Debug, Default)]
pub struct Corpus {
    /// The files, in the order their articles are numbered.
    pub files: Vec<InputFile>,
    /// Files found in folders that are of no format reprint reads (not hidden ones): never
    /// skipped silently, a run names them.
    pub unread: Vec<PathBuf>,
    /// Keeps standard input's spool file alive as long as the corpus.
    _spool: Option<tempfile::NamedTempFile>,
}

/// What a run says of a file it found in a folder but does not read.
pub const UNREAD: &str = "not read: not a .txt, .jsonl, .ndjson, .jsonl.gz or .ndjson.gz file";

impl Corpus {
    /// Finds the files under `paths`. Unreadable folders and symlink loops are reported in
    /// `errors`; a path that does not exist at all is reported there too.
    pub fn discover(paths: &[PathBuf], errors: &mut Vec<RecordError>) -> Result<Corpus> {
        if paths.is_empty() {
            return Err(Error::Input(
                "no input given: pass folders, .txt, .jsonl files or -".into(),
            ));
        }
        let mut corpus = Corpus::default();
        for p in paths {
            if p.as_os_str() == "-" {
                corpus.add_stdin()?;
                continue;
            }
            let display = p.display().to_string();
            match std::fs::metadata(p) {
                Err(e) => errors.push(RecordError::file(&display, e.to_string())),
                Ok(m) if m.is_dir() => {
                    let mut seen = HashSet::new();
                    walk(p, p, &mut seen, &mut corpus, errors);
                }
                Ok(m) if !m.is_file() => errors.push(RecordError::file(&display, NOT_REGULAR)),
                Ok(_) => match kind_of(p) {
                    Some(kind) => corpus.files.push(InputFile {
                        path: p.clone(),
                        display,
                        kind,
                        folder_outlet: None,
                        rel_id: None,
                    }),
                    None => errors.push(RecordError::file(
                        &display,
                        "not a .txt, .jsonl or .jsonl.gz file (pass it inside a folder to skip it silently)",
                    )),
                },
            }
        }
        Ok(corpus)
    }

    fn add_stdin(&mut self) -> Result<()> {
        if self._spool.is_some() {
            return Err(Error::Input("`-` (standard input) given twice".into()));
        }
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            return Err(Error::Input(
                "`-` reads JSONL from standard input, but it is a terminal".into(),
            ));
        }
        let mut spool =
            tempfile::NamedTempFile::new().map_err(|e| Error::io("<stdin spool>", e))?;
        std::io::copy(&mut stdin.lock(), spool.as_file_mut())
            .map_err(|e| Error::io("<stdin>", e))?;
        self.files.push(InputFile {
            path: spool.path().to_path_buf(),
            display: "<stdin>".into(),
            kind: FileKind::Jsonl,
            folder_outlet: None,
            rel_id: None,
        });
        self._spool = Some(spool);
        Ok(())
    }

    /// Number of input files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no input file was found.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Total size of the input files in bytes (compressed size for `.gz`), for progress.
    pub fn total_bytes(&self) -> u64 {
        self.files
            .iter()
            .filter_map(|f| std::fs::metadata(&f.path).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// Reads again the texts of some articles, given by `(article index, location)`.
pub fn load_texts(
    corpus: &Corpus,
    names: &FieldNames,
    wanted: &[(usize, crate::model::Location)],
) -> std::collections::HashMap<usize, String> {
    let mut out = std::collections::HashMap::new();
    for_each_text(corpus, names, wanted, &mut |i, text| {
        out.insert(i, text);
    });
    out
}

/// Reads again the texts of some articles, given by `(article index, location)`, and hands
/// each to `f(article index, text)` in input order, one at a time (for renderers that stream
/// a whole corpus). Records that can no longer be read are skipped.
pub fn for_each_text(
    corpus: &Corpus,
    names: &FieldNames,
    wanted: &[(usize, crate::model::Location)],
    f: &mut dyn FnMut(usize, String),
) {
    use std::collections::HashMap;
    let by_loc: HashMap<(u32, u32), usize> =
        wanted.iter().map(|(i, l)| ((l.file, l.line), *i)).collect();
    struct Sink<'a> {
        corpus: &'a Corpus,
        names: &'a FieldNames,
        by_loc: &'a HashMap<(u32, u32), usize>,
        f: &'a mut dyn FnMut(usize, String),
    }
    impl RecordSink for Sink<'_> {
        fn record(&mut self, r: RawRecord) {
            let Some(&idx) = self.by_loc.get(&(r.file, r.line)) else {
                return;
            };
            let f = &self.corpus.files[r.file as usize];
            let parsed = match f.kind {
                FileKind::Txt => {
                    meta::parse_txt(r.bytes, &f.display, "", None, r.file, self.names.lossy)
                }
                _ => {
                    meta::parse_jsonl_record(r.bytes, &f.display, r.line, r.file, self.names, false)
                }
            };
            if let Some(a) = parsed.article {
                (self.f)(idx, a.text);
            }
        }
        fn error(&mut self, _: RecordError) {}
    }
    let mut sink = Sink {
        corpus,
        names,
        by_loc: &by_loc,
        f,
    };
    corpus.stream(&|f, l| by_loc.contains_key(&(f, l)), &mut sink);
}

/// The layout of a file, from its name.
pub fn kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".jsonl.gz") || name.ends_with(".ndjson.gz") {
        Some(FileKind::JsonlGz)
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        Some(FileKind::Jsonl)
    } else if name.ends_with(".txt") {
        Some(FileKind::Txt)
    } else {
        None
    }
}

/// Walks `dir` depth-first with entries in byte order of their names, following symlinks but
/// never entering a folder twice (which is how a symlink loop shows).
// Stays long: each file-system error is reported where it happens, with its own message.
fn walk(
    root: &Path,
    dir: &Path,
    seen: &mut HashSet<PathBuf>,
    out: &mut Corpus,
    errors: &mut Vec<RecordError>,
) {
    let display = dir.display().to_string();
    match std::fs::canonicalize(dir) {
        Ok(c) => {
            if !seen.insert(c) {
                errors.push(RecordError::file(
                    &display,
                    "symlink loop: this folder was already read; skipped",
                ));
                return;
            }
        }
        Err(e) => {
            errors.push(RecordError::file(&display, e.to_string()));
            return;
        }
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(RecordError::file(&display, e.to_string()));
            return;
        }
    };
    let mut names: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => names.push(e.path()),
            Err(e) => errors.push(RecordError::file(&display, e.to_string())),
        }
    }
    names.sort_by(|a, b| {
        a.as_os_str()
            .as_encoded_bytes()
            .cmp(b.as_os_str().as_encoded_bytes())
    });
    for p in names {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        match std::fs::metadata(&p) {
            Err(e) => {
                let what = if std::fs::symlink_metadata(&p).is_ok() {
                    "broken link"
                } else {
                    "cannot read"
                };
                errors.push(RecordError::file(
                    &p.display().to_string(),
                    format!("{what}: {e}"),
                ));
            }
            Ok(m) if m.is_dir() => walk(root, &p, seen, out, errors),
            Ok(m) if !m.is_file() => {
                if kind_of(&p).is_some() {
                    errors.push(RecordError::file(&p.display().to_string(), NOT_REGULAR));
                }
            }
            Ok(_) => {
                if let Some(kind) = kind_of(&p) {
                    out.files.push(InputFile {
                        display: p.display().to_string(),
                        folder_outlet: folder_outlet(root, &p),
                        rel_id: (kind == FileKind::Txt)
                            .then(|| relative_id(root, &p))
                            .flatten(),
                        path: p,
                        kind,
                    });
                } else {
                    out.unread.push(p);
                }
            }
        }
    }
}

/// The path of `file` under `root` without its `.txt` extension, folders joined by `/`.
fn relative_id(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let parts: Vec<&str> = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    let joined = parts.join("/");
    let id = joined
        .strip_suffix(".txt")
        .or_else(|| joined.strip_suffix(".TXT"))
        .unwrap_or(&joined);
    Some(id.to_string())
}

/// The outlet implied by `root/<outlet>/.../file`: the first folder under the root, unless it
/// is a number (a year or month folder says nothing about the outlet).
fn folder_outlet(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let mut comps = rel.components();
    let first = comps.next()?;
    comps.next()?; // the file itself must be below the first folder
    let name = first.as_os_str().to_str()?.trim();
    if name.is_empty() || name.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_come_from_names() {
        assert_eq!(kind_of(Path::new("a/b.TXT")), Some(FileKind::Txt));
        assert_eq!(kind_of(Path::new("x.jsonl.gz")), Some(FileKind::JsonlGz));
        assert_eq!(kind_of(Path::new("x.jsonl")), Some(FileKind::Jsonl));
        assert_eq!(kind_of(Path::new("x.json")), None);
    }

    #[test]
    fn folder_layout_names_outlets() {
        let root = Path::new("/c");
        assert_eq!(
            folder_outlet(root, Path::new("/c/cnn/a.txt")).as_deref(),
            Some("cnn")
        );
        assert_eq!(folder_outlet(root, Path::new("/c/a.txt")), None);
        assert_eq!(folder_outlet(root, Path::new("/c/2021/a.txt")), None);
    }

    #[test]
    fn walking_is_sorted_and_survives_loops() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("b")).unwrap();
        std::fs::write(d.path().join("b/2.txt"), "x").unwrap();
        std::fs::write(d.path().join("a.txt"), "x").unwrap();
        std::fs::write(d.path().join("c.jsonl"), "{}").unwrap();
        std::fs::write(d.path().join("skip.md"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.path(), d.path().join("b/loop")).unwrap();
        let mut errors = Vec::new();
        let c = Corpus::discover(&[d.path().to_path_buf()], &mut errors).unwrap();
        let names: Vec<_> = c
            .files
            .iter()
            .map(|f| f.path.file_name().unwrap().to_str().unwrap().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "2.txt", "c.jsonl"]);
        assert_eq!(c.files[1].folder_outlet.as_deref(), Some("b"));
        #[cfg(unix)]
        assert!(
            errors.iter().any(|e| e.message.contains("symlink loop")),
            "{errors:?}"
        );
    }
}
