//! Where labels come from: telling which label files a folder holds, and opening them. This is
//! the only part of this crate that touches files; the readers it calls take any
//! `BufRead`.
//!
//! | format | files | read by |
//! | --- | --- | --- |
//! | `reprint` | `labels.jsonl` (reprint's own format) | [`super::labels::read_jsonl`] |
//! | `gen` | `truth_paragraphs.tsv` and/or `truth.jsonl` of the synthetic corpus generator | [`super::generated`] |
//! | `clusters` | `clusters.jsonl` (article clusters) | [`super::sets::read_article_clusters`] |
//! | `pairs` | `pairs.tsv` (tiered article pairs, or 1/0 sentence pairs) | [`super::sets::read_pairs`] |
//! | `spans` | `spans.jsonl` (Usenet signatures and quotes; `replies.tsv` and `articles.jsonl` beside it are read for origins) | [`super::sets::read_usenet_spans`] |
//! | `set` | a development-set folder: whichever of `clusters.jsonl`, `pairs.tsv`, `spans.jsonl` it holds | all of the above |

use super::labels::{Labels, read_jsonl};
use super::{generated, sets};
use reprint_core::error::{Error, Result};
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

/// A label format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelFormat {
    /// reprint's own JSONL.
    Reprint,
    /// The synthetic corpus generator's truth files.
    Gen,
    /// Article clusters.
    Clusters,
    /// Article or sentence pairs.
    Pairs,
    /// Usenet spans.
    Spans,
    /// A development-set folder.
    Set,
}

impl LabelFormat {
    /// Every format, as named on the command line.
    pub const ALL: [LabelFormat; 6] = [
        LabelFormat::Reprint,
        LabelFormat::Gen,
        LabelFormat::Clusters,
        LabelFormat::Pairs,
        LabelFormat::Spans,
        LabelFormat::Set,
    ];

    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            LabelFormat::Reprint => "reprint",
            LabelFormat::Gen => "gen",
            LabelFormat::Clusters => "clusters",
            LabelFormat::Pairs => "pairs",
            LabelFormat::Spans => "spans",
            LabelFormat::Set => "set",
        }
    }
}

/// Label files to read: a format and a path (file or folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelSpec {
    /// The format.
    pub format: LabelFormat,
    /// The file or folder.
    pub path: PathBuf,
}

impl std::str::FromStr for LabelSpec {
    type Err = String;

    /// Parses `FORMAT:PATH`.
    fn from_str(s: &str) -> std::result::Result<LabelSpec, String> {
        let names: Vec<&str> = LabelFormat::ALL.iter().map(|f| f.name()).collect();
        let (name, path) = s
            .split_once(':')
            .ok_or_else(|| format!("expected FORMAT:PATH, FORMAT one of {}", names.join(", ")))?;
        let format = LabelFormat::ALL
            .into_iter()
            .find(|f| f.name() == name)
            .ok_or_else(|| {
                format!(
                    "unknown label format {name:?}; expected one of {}",
                    names.join(", ")
                )
            })?;
        if path.is_empty() {
            return Err("the path after FORMAT: is empty".into());
        }
        Ok(LabelSpec {
            format,
            path: PathBuf::from(path),
        })
    }
}

/// reprint's own label file name, looked for in a corpus folder.
pub(crate) const LABELS_FILE: &str = "labels.jsonl";
const CLUSTERS: &str = "clusters.jsonl";
const PAIRS: &str = "pairs.tsv";
const SPANS: &str = "spans.jsonl";
const REPLIES: &str = "replies.tsv";
const ARTICLES: &str = "articles.jsonl";
/// Notes a labelled folder may hold beside its labels (the generator's `manifest.json`).
const NOTES: [&str; 1] = ["manifest.json"];

/// The labels a folder holds, if any: reprint's own `labels.jsonl` first, then the
/// generator's truth files, then a development set's label files.
pub fn detect(dir: &Path) -> Option<LabelSpec> {
    let has = |name: &str| dir.join(name).is_file();
    let format = if has(LABELS_FILE) {
        LabelFormat::Reprint
    } else if has(generated::TRUTH_PARAGRAPHS) || has(generated::TRUTH_JSONL) {
        LabelFormat::Gen
    } else if has(CLUSTERS) || has(PAIRS) || has(SPANS) {
        LabelFormat::Set
    } else {
        return None;
    };
    let path = if format == LabelFormat::Reprint {
        dir.join(LABELS_FILE)
    } else {
        dir.to_path_buf()
    };
    Some(LabelSpec { format, path })
}

/// The files of a labelled folder that are labels, not articles (so that a corpus read from
/// the folder leaves them out).
pub(crate) fn label_files(dir: &Path) -> Vec<PathBuf> {
    [LABELS_FILE, generated::TRUTH_JSONL, CLUSTERS, SPANS]
        .iter()
        .map(|n| dir.join(n))
        .filter(|p| p.is_file())
        .collect()
}

/// The article file of a labelled folder, when it names one: a development set's
/// `articles.jsonl`, else the generator's `corpus.jsonl`.
pub(crate) fn articles_file(dir: &Path) -> Option<PathBuf> {
    [ARTICLES, generated::CORPUS_JSONL]
        .iter()
        .map(|n| dir.join(n))
        .find(|p| p.is_file())
}

/// What [`keep_articles`] did with a labelled folder, for the run to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeptArticles {
    /// The labelled folder.
    pub dir: PathBuf,
    /// Its article file, when it has one (else every file but the labels and notes is read).
    pub articles: Option<PathBuf>,
    /// The files of the folder not read as articles (labels and notes), in corpus order.
    pub left: Vec<PathBuf>,
}

/// Leaves out of `corpus` the files of the labelled folder `dir` that are not articles, and
/// says which. When the folder holds an article file (a development set's `articles.jsonl`,
/// else the generator's `corpus.jsonl`), that is the only file of it read: every other file there is a label or a note (`truth.jsonl`, `manifest.json`,
/// `declared.jsonl`, …), and reading a label file as articles would both fail on every record
/// and, for a `.json` note, add articles that are none. Otherwise its label files and notes
/// are left out. A folder without labels is left as it is (`None`). `audit`, `eval` and the
/// other commands call this one rule, so a folder is read the same way by all.
pub fn keep_articles(dir: &Path, corpus: &mut reprint_core::Corpus) -> Option<KeptArticles> {
    detect(dir)?;
    let mut left: Vec<PathBuf> = Vec::new();
    let articles = articles_file(dir);
    let skip: Vec<PathBuf> = label_files(dir)
        .into_iter()
        .chain(NOTES.iter().map(|n| dir.join(n)))
        .collect();
    corpus.files.retain(|f| {
        let read = match &articles {
            Some(a) => !f.path.starts_with(dir) || f.path == *a,
            None => !skip.contains(&f.path),
        };
        if !read {
            left.push(f.path.clone());
        }
        read
    });
    // The folder's other files are its labels and notes, not unread articles.
    corpus.unread.retain(|p| {
        let inside = p.starts_with(dir);
        if inside {
            left.push(p.clone());
        }
        !inside
    });
    left.sort();
    Some(KeptArticles {
        dir: dir.to_path_buf(),
        articles,
        left,
    })
}

/// [`keep_articles`] for every folder among `paths`, as the commands that read a corpus call
/// it.
pub fn keep_articles_of(paths: &[PathBuf], corpus: &mut reprint_core::Corpus) -> Vec<KeptArticles> {
    paths
        .iter()
        .filter(|p| p.is_dir())
        .filter_map(|dir| keep_articles(dir, corpus))
        .collect()
}

fn open(path: &Path) -> Result<(BufReader<File>, String)> {
    let f = File::open(path).map_err(|e| Error::io(path, e))?;
    Ok((
        BufReader::with_capacity(1 << 16, f),
        path.display().to_string(),
    ))
}

fn read_with<T>(path: &Path, f: impl FnOnce(&mut dyn BufRead, &str) -> Result<T>) -> Result<T> {
    let (mut r, name) = open(path)?;
    f(&mut r, &name)
}

/// The file itself, or `dir/name` when `path` is a folder.
fn file_in(path: &Path, name: &str) -> PathBuf {
    if path.is_dir() {
        path.join(name)
    } else {
        path.to_path_buf()
    }
}

/// Reads the labels `spec` names.
pub fn load(spec: &LabelSpec) -> Result<Labels> {
    let path = spec.path.as_path();
    if !path.exists() {
        return Err(Error::Input(format!(
            "{}: no such file or folder",
            path.display()
        )));
    }
    match spec.format {
        LabelFormat::Reprint => read_with(&file_in(path, LABELS_FILE), |r, n| read_jsonl(r, n)),
        LabelFormat::Gen => load_gen(path),
        LabelFormat::Clusters => read_with(&file_in(path, CLUSTERS), |r, n| {
            sets::read_article_clusters(r, n)
        }),
        LabelFormat::Pairs => read_with(&file_in(path, PAIRS), |r, n| sets::read_pairs(r, n)),
        LabelFormat::Spans => load_spans(&file_in(path, SPANS)),
        LabelFormat::Set => load_set(path),
    }
}

fn load_gen(path: &Path) -> Result<Labels> {
    let files: Vec<PathBuf> = if path.is_dir() {
        [generated::TRUTH_PARAGRAPHS, generated::TRUTH_JSONL]
            .iter()
            .map(|n| path.join(n))
            .filter(|p| p.is_file())
            .collect()
    } else {
        vec![path.to_path_buf()]
    };
    if files.is_empty() {
        return Err(Error::Input(format!(
            "{}: holds neither {} nor {}",
            path.display(),
            generated::TRUTH_PARAGRAPHS,
            generated::TRUTH_JSONL
        )));
    }
    let mut labels = Labels::default();
    for f in files {
        let is_tsv = f.extension().is_some_and(|e| e == "tsv");
        let part = read_with(&f, |r, n| {
            if is_tsv {
                generated::read_truth_paragraphs(r, n)
            } else {
                generated::read_truth_jsonl(r, n)
            }
        })?;
        labels.merge(part);
    }
    generated::finish(&mut labels);
    Ok(labels)
}

fn load_spans(spans: &Path) -> Result<Labels> {
    let dir = spans.parent().unwrap_or(Path::new("."));
    let replies = match dir.join(REPLIES) {
        p if p.is_file() => read_with(&p, |r, n| sets::read_replies(r, n))?,
        _ => Vec::new(),
    };
    let ids = match dir.join(ARTICLES) {
        p if p.is_file() => read_with(&p, |r, n| sets::read_message_ids(r, n))?,
        _ => Default::default(),
    };
    let mut labels = read_with(spans, |r, n| sets::read_usenet_spans(r, n, &ids, &replies))?;
    let replies_file = dir.join(REPLIES);
    if replies_file.is_file() {
        labels.label_files.push(replies_file.display().to_string());
    }
    Ok(labels)
}

fn load_set(dir: &Path) -> Result<Labels> {
    let mut labels = Labels::default();
    let mut any = false;
    for (name, format) in [
        (CLUSTERS, LabelFormat::Clusters),
        (PAIRS, LabelFormat::Pairs),
        (SPANS, LabelFormat::Spans),
    ] {
        let p = dir.join(name);
        if p.is_file() {
            any = true;
            labels.merge(load(&LabelSpec { format, path: p })?);
        }
    }
    if !any {
        return Err(Error::Input(format!(
            "{}: holds none of {CLUSTERS}, {PAIRS}, {SPANS}",
            dir.display()
        )));
    }
    labels.name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .or(labels.name);
    Ok(labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_parse_and_name_their_problems() {
        let s: LabelSpec = "gen:/tmp/c".parse().unwrap();
        assert_eq!(s.format, LabelFormat::Gen);
        assert_eq!(s.path, PathBuf::from("/tmp/c"));
        assert!(
            "nope:/x"
                .parse::<LabelSpec>()
                .unwrap_err()
                .contains("unknown")
        );
        assert!(
            "gen"
                .parse::<LabelSpec>()
                .unwrap_err()
                .contains("FORMAT:PATH")
        );
        assert!("gen:".parse::<LabelSpec>().is_err());
    }

    #[test]
    fn folders_are_told_apart_by_their_files() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(detect(d.path()), None);
        std::fs::write(d.path().join("pairs.tsv"), "a\tb\tlabel\nx\ty\t1\n").unwrap();
        std::fs::write(d.path().join("articles.jsonl"), "").unwrap();
        let s = detect(d.path()).unwrap();
        assert_eq!(s.format, LabelFormat::Set);
        let l = load(&s).unwrap();
        assert_eq!(l.reuse_pairs.len(), 1);
        assert_eq!(
            l.name.as_deref(),
            d.path().file_name().and_then(|n| n.to_str())
        );
        std::fs::write(d.path().join("truth.jsonl"), "").unwrap();
        assert_eq!(detect(d.path()).unwrap().format, LabelFormat::Gen);
        std::fs::write(d.path().join("labels.jsonl"), "").unwrap();
        let s = detect(d.path()).unwrap();
        assert_eq!(s.format, LabelFormat::Reprint);
        assert_eq!(s.path, d.path().join("labels.jsonl"));
        let files = label_files(d.path());
        assert_eq!(
            files.len(),
            2,
            "labels.jsonl and truth.jsonl, not articles.jsonl"
        );
    }
}
