//! The corpus: which files make it up, and reading their records (I/O lives here and in
//! [`read`]; turning a record into an article is the pure [`meta`] module).
//!
//! Inputs are folders (walked recursively in byte order of names, symlink loops detected),
//! `.txt` files (one article each), `.jsonl` / `.ndjson` files (one article a line), `.json`
//! files (JSON lines, or one top-level array of records when the first byte that is not a space
//! is `[`), each of those three maybe compressed (`.gz`, `.zst`), `.parquet` files (one article
//! a row) and `-` (JSONL, or one `.txt` article, on standard input, spooled to a temporary file
//! so it can be read twice). A file or record that cannot be read is reported as a
//! [`RecordError`] and the rest is still read.
//!
//! The corpus is streamed, never held in memory: the pipeline reads it once to fingerprint and
//! again, selectively, for the few articles whose text a report needs.

mod ahead;
mod array;
pub(crate) mod meta;
mod parquet;
pub(crate) mod read;

use crate::error::{Error, RecordError, Result, Unit};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

pub(crate) use meta::RawArticle;
pub use meta::{FieldNames, parse_jsonl_record, parse_txt};
pub use parquet::ParquetRow;
pub use read::{RawRecord, RecordSink};

/// Why a pipe, socket or device is not read: the corpus is read more than once.
const NOT_REGULAR: &str =
    "not a regular file (a pipe, socket or device); skipped (pipe JSONL into - instead)";

/// How a file's records are laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// One article: the file's text.
    Txt,
    /// One JSON record a line (`.jsonl`, `.ndjson`, a `.json` that is not an array).
    Jsonl(Compression),
    /// One top-level JSON array of records (a `.json` whose first byte that is not a space
    /// is `[`).
    JsonArray(Compression),
    /// One record a row, columns named like JSON fields.
    Parquet,
}

impl FileKind {
    /// Every kind, for naming and parsing them.
    const ALL: [FileKind; 8] = [
        FileKind::Txt,
        FileKind::Jsonl(Compression::None),
        FileKind::Jsonl(Compression::Gzip),
        FileKind::Jsonl(Compression::Zstd),
        FileKind::JsonArray(Compression::None),
        FileKind::JsonArray(Compression::Gzip),
        FileKind::JsonArray(Compression::Zstd),
        FileKind::Parquet,
    ];

    /// The kind's name where a file list is written down for another process (`txt`,
    /// `jsonl`, `jsonl.gz`, `json-array.zst`, `parquet`): a `.json` file's kind depends on its
    /// first byte, so it is carried, not derived again.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Txt => "txt",
            FileKind::Jsonl(Compression::None) => "jsonl",
            FileKind::Jsonl(Compression::Gzip) => "jsonl.gz",
            FileKind::Jsonl(Compression::Zstd) => "jsonl.zst",
            FileKind::JsonArray(Compression::None) => "json-array",
            FileKind::JsonArray(Compression::Gzip) => "json-array.gz",
            FileKind::JsonArray(Compression::Zstd) => "json-array.zst",
            FileKind::Parquet => "parquet",
        }
    }

    /// The kind named `name` (see [`FileKind::name`]).
    pub fn from_name(name: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// What the file's record numbers count.
    pub fn unit(self) -> Unit {
        match self {
            FileKind::Txt | FileKind::Jsonl(_) => Unit::Line,
            FileKind::JsonArray(_) => Unit::Record,
            FileKind::Parquet => Unit::Row,
        }
    }
}

/// How a JSON file is compressed, from its last extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// Plain text.
    None,
    /// `.gz` (several concatenated members are read as one stream, as `gunzip` does).
    Gzip,
    /// `.zst` (several concatenated frames are read as one stream, as `zstd -d` does).
    Zstd,
}

impl Compression {
    /// The compression a file name's last extension says (in any case), and the name
    /// without that extension: `x.jsonl.gz` is `(x.jsonl, Gzip)`.
    pub fn split_name(name: &str) -> (&str, Compression) {
        let cut = |ext: &str| {
            let at = name.len().checked_sub(ext.len())?;
            let tail = name.get(at..)?;
            tail.eq_ignore_ascii_case(ext).then(|| &name[..at])
        };
        if let Some(rest) = cut(".gz") {
            (rest, Compression::Gzip)
        } else if let Some(rest) = cut(".zst") {
            (rest, Compression::Zstd)
        } else {
            (name, Compression::None)
        }
    }

    /// The compression of a path, from its file name.
    pub fn of_path(path: &Path) -> Compression {
        let name = path.file_name().map(|n| n.to_string_lossy());
        name.map_or(Compression::None, |n| Compression::split_name(&n).1)
    }

    /// The extension that names it (`""` for none).
    pub fn suffix(self) -> &'static str {
        match self {
            Compression::None => "",
            Compression::Gzip => ".gz",
            Compression::Zstd => ".zst",
        }
    }

    /// `file` as a stream of its decompressed bytes.
    pub fn reader(self, file: std::fs::File) -> std::io::Result<Box<dyn std::io::Read + Send>> {
        let buffered = std::io::BufReader::with_capacity(1 << 16, file);
        Ok(match self {
            Compression::None => Box::new(buffered.into_inner()),
            Compression::Gzip => Box::new(flate2::read::MultiGzDecoder::new(buffered)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(buffered)?),
        })
    }
}

/// The extensions read, for messages that name them.
pub(crate) const READ_EXTENSIONS: &str =
    ".txt, .json, .jsonl, .ndjson (each also as .gz or .zst) or .parquet";

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
    /// Only these bytes of an uncompressed JSONL file are read (a piece of a large file that
    /// another process reads the rest of); `None`: the whole file.
    pub range: Option<LineRange>,
}

/// Whole lines of an uncompressed JSONL file: bytes `start..end` (each a line's start, or the
/// file's end), the first of them line `first_line` of the file, so records and problems are
/// numbered as a reading of the whole file numbers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineRange {
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
    /// The 1-based number of the line at `start`.
    pub first_line: u32,
}

/// `path` made absolute, for paths that may not exist yet (an output about to be written):
/// links resolved when it exists, else its folder's, when that exists; else `path` as given.
pub fn absolute(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        return p;
    }
    let folder = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    match (std::fs::canonicalize(&folder), path.file_name()) {
        (Ok(d), Some(name)) => d.join(name),
        _ => path.to_path_buf(),
    }
}

/// Splits the uncompressed JSONL file at `path` into ranges of whole lines of at least
/// `piece_bytes` each (the last may be shorter), in order: the pieces a distributed run reads
/// in parallel. One range, the whole file, when it is not larger than `piece_bytes`.
pub fn split_lines(path: &Path, piece_bytes: u64) -> std::io::Result<Vec<LineRange>> {
    let piece_bytes = piece_bytes.max(1);
    let mut file = std::fs::File::open(path)?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut ranges, mut start, mut first_line) = (Vec::new(), 0u64, 1u32);
    let (mut lines, mut pos) = (0u32, 0u64);
    loop {
        let n = std::io::Read::read(&mut file, &mut buf)?;
        if n == 0 {
            break;
        }
        if pos == 0 && read::head_problem(&buf[..n], Compression::None).is_some() {
            // Not read past its head: the whole file, as one piece, reports why.
            let end = std::fs::metadata(path)?.len();
            return Ok(vec![LineRange {
                start: 0,
                end,
                first_line: 1,
            }]);
        }
        for nl in memchr::memchr_iter(b'\n', &buf[..n]) {
            lines = lines.saturating_add(1);
            let end = pos + nl as u64 + 1;
            if end - start >= piece_bytes {
                ranges.push(LineRange {
                    start,
                    end,
                    first_line,
                });
                (start, first_line) = (end, lines.saturating_add(1));
            }
        }
        pos += n as u64;
    }
    if pos > start || ranges.is_empty() {
        ranges.push(LineRange {
            start,
            end: pos,
            first_line,
        });
    }
    Ok(ranges)
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
pub const UNREAD: &str =
    "not read: not a .txt, .json, .jsonl, .ndjson (each also as .gz or .zst) or .parquet file";

/// How `-` (standard input) is read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StdinFormat {
    /// One JSON record a line.
    #[default]
    Jsonl,
    /// One article: the whole input, as a `.txt` file.
    Txt,
}

impl Corpus {
    /// Finds the files under `paths`. Unreadable folders and symlink loops are reported in
    /// `errors`; a path that does not exist at all is reported there too. `-` is JSONL.
    pub fn discover(paths: &[PathBuf], errors: &mut Vec<RecordError>) -> Result<Corpus> {
        Corpus::discover_as(paths, StdinFormat::Jsonl, errors)
    }

    /// [`Corpus::discover`], reading `-` as `stdin`.
    pub fn discover_as(
        paths: &[PathBuf],
        stdin: StdinFormat,
        errors: &mut Vec<RecordError>,
    ) -> Result<Corpus> {
        if paths.is_empty() {
            return Err(Error::Input(format!(
                "no input given: pass folders, {READ_EXTENSIONS} files or -"
            )));
        }
        let mut corpus = Corpus::default();
        for p in paths {
            if p.as_os_str() == "-" {
                corpus.add_stdin(stdin)?;
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
                        range: None,
                    }),
                    None => errors.push(RecordError::file(
                        &display,
                        format!(
                            "not a {READ_EXTENSIONS} file (pass it inside a folder to skip it silently)"
                        ),
                    )),
                },
            }
        }
        Ok(corpus)
    }

    fn add_stdin(&mut self, format: StdinFormat) -> Result<()> {
        if self._spool.is_some() {
            return Err(Error::Input("`-` (standard input) given twice".into()));
        }
        let stdin = std::io::stdin();
        if stdin.is_terminal() {
            let what = match format {
                StdinFormat::Jsonl => "JSONL",
                StdinFormat::Txt => "an article",
            };
            return Err(Error::Input(format!(
                "`-` reads {what} from standard input, but it is a terminal"
            )));
        }
        let mut spool =
            tempfile::NamedTempFile::new().map_err(|e| Error::io("<stdin spool>", e))?;
        std::io::copy(&mut stdin.lock(), spool.as_file_mut())
            .map_err(|e| Error::io("<stdin>", e))?;
        self.files.push(InputFile {
            path: spool.path().to_path_buf(),
            display: "<stdin>".into(),
            kind: match format {
                StdinFormat::Jsonl => FileKind::Jsonl(Compression::None),
                StdinFormat::Txt => FileKind::Txt,
            },
            folder_outlet: None,
            // The spool file's name is random: a text article from stdin is "stdin".
            rel_id: Some("stdin".into()),
            range: None,
        });
        self._spool = Some(spool);
        Ok(())
    }

    /// A corpus of files found earlier (by [`Corpus::discover`] in another process), in the
    /// order their articles are numbered.
    pub fn of_files(files: Vec<InputFile>) -> Corpus {
        Corpus {
            files,
            ..Corpus::default()
        }
    }

    /// Names the files found under `root` (a folder or file given to
    /// [`Corpus::discover`], and so named by it) as under `shown` instead: `root/a/b.txt` is
    /// shown as `shown/a/b.txt`. A corpus fetched from an object store into a local folder is
    /// read there, but its messages and reports name the files where they were fetched from.
    /// A file already shown under another name is left as it is.
    pub fn show_as(&mut self, root: &Path, shown: &str) {
        let root = root.display().to_string();
        let rename = |display: &str| -> Option<String> {
            let rest = display.strip_prefix(root.as_str())?;
            if rest.is_empty() {
                return Some(shown.to_string());
            }
            let rest = if root.ends_with(std::path::MAIN_SEPARATOR) {
                rest
            } else {
                rest.strip_prefix(std::path::MAIN_SEPARATOR)?
            };
            let rest = rest.replace(std::path::MAIN_SEPARATOR, "/");
            Some(format!("{}/{rest}", shown.trim_end_matches('/')))
        };
        for f in &mut self.files {
            if let Some(d) = rename(&f.display) {
                f.display = d;
            }
        }
        for p in &mut self.unread {
            if let Some(d) = rename(&p.display().to_string()) {
                *p = PathBuf::from(d);
            }
        }
    }

    /// Number of input files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no input file was found.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// How messages name record `line` of file `file` (`a.jsonl:12`, `z.json record 3`,
    /// `y.parquet row 7`, or the file alone for line 0).
    pub fn place(&self, file: u32, line: u32) -> String {
        match self.files.get(file as usize) {
            Some(f) if line > 0 => f.kind.unit().place(&f.display, line),
            Some(f) => f.display.clone(),
            None => "<input>".into(),
        }
    }

    /// Decodes one record as the analysis does: `.txt` files by their name and folder, JSON
    /// and parquet records by field name.
    pub fn decode(&self, names: &FieldNames, r: RawRecord) -> meta::Parsed {
        self.decode_keeping(names, r, false)
    }

    /// [`Corpus::decode`], keeping a JSON record's fields in the article when `keep_fields`
    /// (to write the record back, or to read a field as the record holds it).
    pub fn decode_keeping(
        &self,
        names: &FieldNames,
        r: RawRecord,
        keep_fields: bool,
    ) -> meta::Parsed {
        let f = &self.files[r.file as usize];
        let at = meta::At {
            display: &f.display,
            unit: f.kind.unit(),
            line: r.line,
            file: r.file,
        };
        match (f.kind, r.row) {
            (FileKind::Txt, _) => {
                let name = f.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                let stem = f.rel_id.as_deref().unwrap_or_else(|| {
                    name.strip_suffix(".txt")
                        .or_else(|| name.strip_suffix(".TXT"))
                        .unwrap_or(name)
                });
                parse_txt(
                    r.bytes,
                    &f.display,
                    stem,
                    f.folder_outlet.as_deref(),
                    r.file,
                    names.lossy,
                )
            }
            (_, Some(row)) => meta::parse_object(row.fields(), at, names, keep_fields),
            (_, None) => meta::parse_record(r.bytes, at, names, keep_fields),
        }
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
    reread(corpus, names, wanted, false, &mut |i, a| f(i, a.text));
}

/// An article read again as its input holds it: for a renderer that must name it by the id
/// its record carries, whatever id reprint gave it.
#[derive(Clone, Debug, PartialEq)]
pub struct InputArticle {
    /// Its text (what byte offsets point into).
    pub text: String,
    /// The value of the record's id field (the configured one, else `id`) when it is a string
    /// or a number, exactly as the record holds it: `7` stays a number, and an id repeated in
    /// the input is not renamed. `None` for a `.txt` article and a record without such an id.
    pub id: Option<serde_json::Value>,
}

/// [`for_each_text`], handing over each article's [`InputArticle`].
pub fn for_each_input_article(
    corpus: &Corpus,
    names: &FieldNames,
    wanted: &[(usize, crate::model::Location)],
    f: &mut dyn FnMut(usize, InputArticle),
) {
    reread(corpus, names, wanted, true, &mut |i, a| {
        let id = a.fields.as_ref().and_then(|m| meta::input_id(m, names));
        f(i, InputArticle { text: a.text, id });
    });
}

/// Reads again the records of some articles, given by `(article index, location)`, and hands
/// each decoded article to `f` in input order; `keep_fields` keeps a JSON record's fields.
fn reread(
    corpus: &Corpus,
    names: &FieldNames,
    wanted: &[(usize, crate::model::Location)],
    keep_fields: bool,
    f: &mut dyn FnMut(usize, RawArticle),
) {
    use std::collections::HashMap;
    let by_loc: HashMap<(u32, u32), usize> =
        wanted.iter().map(|(i, l)| ((l.file, l.line), *i)).collect();
    struct Sink<'a> {
        corpus: &'a Corpus,
        names: &'a FieldNames,
        by_loc: &'a HashMap<(u32, u32), usize>,
        keep_fields: bool,
        f: &'a mut dyn FnMut(usize, RawArticle),
    }
    impl RecordSink for Sink<'_> {
        fn record(&mut self, r: RawRecord) {
            let Some(&idx) = self.by_loc.get(&(r.file, r.line)) else {
                return;
            };
            let parsed = self.corpus.decode_keeping(self.names, r, self.keep_fields);
            if let Some(a) = parsed.article {
                (self.f)(idx, a);
            }
        }
        fn error(&mut self, _: RecordError) {}
        fn takes_rows(&self) -> bool {
            true
        }
    }
    let mut sink = Sink {
        corpus,
        names,
        by_loc: &by_loc,
        keep_fields,
        f,
    };
    corpus.stream(&|f, l| by_loc.contains_key(&(f, l)), &mut sink);
}

/// The layout of a file, from its name; for a `.json` file, also from its first byte that is
/// not a space (`[` is an array of records, anything else JSON lines), so that its records
/// are numbered the right way before any is read.
pub(crate) fn kind_of(path: &Path) -> Option<FileKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    if name.ends_with(".txt") {
        return Some(FileKind::Txt);
    }
    if name.ends_with(".parquet") {
        return Some(FileKind::Parquet);
    }
    let (rest, compression) = Compression::split_name(&name);
    if rest.ends_with(".jsonl") || rest.ends_with(".ndjson") {
        Some(FileKind::Jsonl(compression))
    } else if rest.ends_with(".json") {
        if read::starts_array(path, compression) {
            Some(FileKind::JsonArray(compression))
        } else {
            Some(FileKind::Jsonl(compression))
        }
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
                        range: None,
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
        let gz = Compression::Gzip;
        assert_eq!(kind_of(Path::new("x.jsonl.gz")), Some(FileKind::Jsonl(gz)));
        assert_eq!(
            kind_of(Path::new("x.ndjson.zst")),
            Some(FileKind::Jsonl(Compression::Zstd))
        );
        assert_eq!(
            kind_of(Path::new("x.jsonl")),
            Some(FileKind::Jsonl(Compression::None))
        );
        assert_eq!(kind_of(Path::new("x.Parquet")), Some(FileKind::Parquet));
        assert_eq!(kind_of(Path::new("x.json.gz.bak")), None);
        assert_eq!(kind_of(Path::new("x.gz")), None);
        let d = tempfile::tempdir().unwrap();
        let (a, l) = (d.path().join("a.json"), d.path().join("l.json"));
        std::fs::write(&a, "\u{feff} \n [{\"text\": \"x\"}]").unwrap();
        std::fs::write(&l, "{\"text\": \"x\"}\n").unwrap();
        assert_eq!(kind_of(&a), Some(FileKind::JsonArray(Compression::None)));
        assert_eq!(kind_of(&l), Some(FileKind::Jsonl(Compression::None)));
    }

    #[test]
    fn files_fetched_into_a_folder_are_named_where_they_came_from() {
        let d = tempfile::tempdir().unwrap();
        let (walked, one) = (d.path().join("0"), d.path().join("1/a.txt"));
        std::fs::create_dir_all(walked.join("cnn")).unwrap();
        std::fs::create_dir(d.path().join("1")).unwrap();
        for f in [&walked.join("cnn/a.txt"), &walked.join("notes.md"), &one] {
            std::fs::write(f, "x").unwrap();
        }
        let mut errors = Vec::new();
        let mut c = Corpus::discover(&[walked.clone(), one.clone()], &mut errors).unwrap();
        c.show_as(&walked, "s3a://news/2024/");
        c.show_as(&one, "s3a://news/x/a.txt");
        let shown: Vec<&str> = c.files.iter().map(|f| f.display.as_str()).collect();
        assert_eq!(shown, ["s3a://news/2024/cnn/a.txt", "s3a://news/x/a.txt"]);
        assert_eq!(c.unread, [PathBuf::from("s3a://news/2024/notes.md")]);
        // What is read, and the ids and outlets, are the walk's.
        assert_eq!(c.files[1].path, one);
        assert_eq!(c.files[0].rel_id.as_deref(), Some("cnn/a"));
        assert_eq!(c.files[0].folder_outlet.as_deref(), Some("cnn"));
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
