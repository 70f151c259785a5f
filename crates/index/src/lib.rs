//! The persistent index: everything `reprint check` needs to compare a new drop of articles
//! with all the articles seen before, in one SQLite file (see `store`).
//!
//! # What it keeps
//!
//! * `meta`: the format, the schema version and every parameter that changes stored
//!   fingerprints ([`Config::fingerprint_params`] plus the masked-key word range). An index
//!   built with other parameters is refused, naming each parameter that differs. A parameter
//!   added after indexes were first built is read, in an index that does not record it, as
//!   the value such indexes were built with ([`IMPLIED_PARAMS`]: `key_bits` is 32).
//! * `texts`: each distinct normalized paragraph text once: its exact key, its masked key
//!   (short texts only), how many paragraphs of the index carry it, its words, as ids into
//!   `vocab` (the 32-bit words the pipeline works on; ids are handed out by frequency, so a
//!   common word takes one byte), which of them sit between quotation marks, and whether it
//!   quotes another message line by line: what span finding needs.
//! * `articles`: id, outlet, date, URL, the input file and line it was read from, its
//!   paragraph list (text id, byte span and layout flags per paragraph, see `codec`), and its
//!   photo credits (the only declarations kept: a credit shared with history is reuse).
//! * `freq`: per outlet and paragraph text, how many of the outlet's articles carry it and
//!   how many of those carry it near an edge (within [`EDGE_PARAS`] paragraphs of the start
//!   or the end): boilerplate, learned from history. `index stats` ranks it. Articles of
//!   unknown outlet are not counted.
//! * `excerpts`: the first words of texts that recur in an outlet, for `index stats` (the
//!   index keeps no other text).
//!
//! # Storage choices, measured
//!
//! On the 100 MB synthetic corpus (30,000 articles, 88 MB of article text, 320,000
//! paragraphs, 202,000 distinct texts of 58 words on average, 18,100 distinct words) the
//! index takes 32.8 MB, 37.1% of the text; on the 1 GB one, 327 MB, 37.0%. The texts'
//! words are two thirds of it: vocabulary ids average 1.5 bytes a word (16-bit word hashes
//! would take 2 and lose information; the 32-bit hashes 4).
//!
//! MinHash band keys are not stored. Kept as a blob column, the 25 keys of a text would add
//! 100 bytes to each of its rows (+20 MB, the index then 59% of the text); as a postings table
//! (one row per text and band) several times more. Instead `check` reads every stored text
//! once and sketches it on the fly with a cheap one-permutation MinHash (see `lookup`); pairs
//! sharing a band key are verified as the audit verifies them. The same pass finds shared
//! runs of words, which band keys cannot. It costs a scan of the `texts` table per check
//! (measured in `benches/README.md`): it grows with the index, where postings would not, but
//! postings would not fit the size budget.
//!
//! # Safety
//!
//! An add runs in one transaction that holds the write lock from start to end: killed at any
//! moment, the index stays as it was; a second writer waits briefly and fails.

#![deny(missing_docs)]
#![warn(unreachable_pub)]

mod add;
mod check;
mod codec;
mod lookup;
mod paths;
mod store;

/// Comparing a drop of new articles with the index: what `reprint check` runs.
pub use check::check;

use reprint_core::config::Config;
use reprint_core::error::{Error, Result};
use reprint_core::model::Location;
use reprint_core::model::{DeclKind, Declaration};
use reprint_core::{MASK_MAX_WORDS, MASK_MIN_WORDS};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;
pub use store::SqliteStore;

/// Version of the tables' layout; an index of another version is refused.
pub const SCHEMA_VERSION: u32 = 1;
/// The `format` entry of `meta`.
pub const FORMAT: &str = "reprint-index";
/// A paragraph this close to either end of its article (after a title line) counts as being
/// at the edge in `freq`.
pub const EDGE_PARAS: usize = 3;
/// A text gets an excerpt once one outlet carries it this often.
pub const EXCERPT_MIN: u32 = 3;
/// Characters of an excerpt.
const EXCERPT_CHARS: usize = 72;

/// A stored distinct paragraph text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextRow {
    /// Its id.
    pub id: u32,
    /// Exact key.
    pub key: u64,
    /// Masked key (0 for none).
    pub masked: u64,
    /// Paragraphs of the index carrying it.
    pub n: u32,
    /// Whether it was first added as a paragraph quoting another message line by line.
    pub line_quoted: bool,
    /// Words as varint vocabulary ids.
    pub words: Vec<u8>,
    /// Which words are quoted (see `codec::encode_quoted`), when any is.
    pub quoted: Option<Vec<u8>>,
}

/// A stored text, borrowed while scanning.
#[derive(Clone, Copy, Debug)]
pub struct TextRef<'a> {
    /// Its id.
    pub id: u32,
    /// Exact key.
    pub key: u64,
    /// Masked key (0 for none).
    pub masked: u64,
    /// Paragraphs of the index carrying it.
    pub n: u32,
    /// Whether it was first added as a paragraph quoting another message line by line.
    pub line_quoted: bool,
    /// Words as varint vocabulary ids.
    pub words: &'a [u8],
    /// Which words are quoted, when any is.
    pub quoted: Option<&'a [u8]>,
}

impl TextRow {
    /// The borrowed form.
    pub fn as_ref(&self) -> TextRef<'_> {
        TextRef {
            id: self.id,
            key: self.key,
            masked: self.masked,
            n: self.n,
            line_quoted: self.line_quoted,
            words: &self.words,
            quoted: self.quoted.as_deref(),
        }
    }
}

/// A stored article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleRow {
    /// Its id in the index (dense, in order of addition).
    pub id: u32,
    /// Its own id (file stem or JSON id).
    pub ext_id: String,
    /// Its outlet (`None` when unknown).
    pub outlet: Option<u32>,
    /// Its date as written.
    pub date: Option<String>,
    /// Seconds since 1970 of its date, when it parses.
    pub date_key: Option<i64>,
    /// Its URL.
    pub url: Option<String>,
    /// The input file it was read from.
    pub file: Option<u32>,
    /// Its line in a JSONL file (0 for a `.txt` file).
    pub line: u32,
    /// Bytes of its text.
    pub text_len: u32,
    /// Whether paragraph 0 is the title line.
    pub title_first: bool,
    /// Its paragraphs.
    pub n_paras: u32,
    /// Its paragraph list (see `codec::encode_paras`).
    pub paras: Vec<u8>,
    /// Its photo credits (see [`encode_credits`]), when it has any.
    pub credits: Option<String>,
}

/// What a scan of the articles sees of each.
#[derive(Clone, Copy, Debug)]
pub struct ArticleRef<'a> {
    /// Its id in the index.
    pub id: u32,
    /// Its own id.
    pub ext_id: &'a str,
    /// Its outlet.
    pub outlet: Option<u32>,
    /// Seconds since 1970 of its date.
    pub date_key: Option<i64>,
    /// Its paragraph list.
    pub paras: &'a [u8],
    /// Its photo credits.
    pub credits: Option<&'a str>,
}

/// How often one outlet carries one text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FreqRow {
    /// The text.
    pub text: u32,
    /// The outlet.
    pub outlet: u32,
    /// Articles of the outlet carrying it.
    pub n: u32,
    /// Of which carrying it near an edge.
    pub edge: u32,
}

/// The two tables of names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Names {
    /// Outlet names.
    Outlets,
    /// Input file paths.
    Files,
}

/// Articles per outlet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutletCount {
    /// The outlet (`None`: unknown).
    pub outlet: Option<u32>,
    /// Its articles.
    pub articles: u64,
}

/// Counts over the whole index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    /// Articles.
    pub articles: u64,
    /// Paragraphs.
    pub paragraphs: u64,
    /// Distinct paragraph texts.
    pub texts: u64,
    /// Distinct words.
    pub vocab: u64,
    /// Articles without a date that parses.
    pub undated: u64,
    /// Earliest date, as written.
    pub first_date: Option<String>,
    /// Latest date, as written.
    pub last_date: Option<String>,
    /// Articles per outlet.
    pub outlets: Vec<OutletCount>,
    /// Bytes on disk (the file and its write-ahead log).
    pub bytes: u64,
}

/// Where an index lives. The one implementation is [`SqliteStore`]; the trait keeps the
/// index's logic (what is stored, how a drop is compared) apart from the database.
///
/// Rows are appended in ascending id order within one write transaction; ids are dense.
pub trait IndexStore {
    /// How messages name the index.
    fn place(&self) -> &str;
    /// The index's file (its folder anchors the stored paths of input files).
    fn file(&self) -> &Path;
    /// Whether the tables exist (false for a new, empty file).
    fn has_schema(&self) -> Result<bool>;
    /// Creates the tables (inside the write transaction).
    fn create_schema(&mut self) -> Result<()>;
    /// Takes the write lock and starts the transaction an add runs in.
    fn begin_write(&mut self) -> Result<()>;
    /// Commits the write transaction.
    fn commit(&mut self) -> Result<()>;
    /// The `meta` entries, by key.
    fn meta(&self) -> Result<Vec<(String, String)>>;
    /// Sets a `meta` entry.
    fn set_meta(&mut self, key: &str, value: &str) -> Result<()>;
    /// All names of a table, by id.
    fn names(&self, kind: Names) -> Result<Vec<String>>;
    /// Appends a name.
    fn add_name(&mut self, kind: Names, id: u32, name: &str) -> Result<()>;
    /// The vocabulary: the word hash of each id.
    fn vocab(&self) -> Result<Vec<u32>>;
    /// Appends a word.
    fn add_vocab(&mut self, id: u32, word: u32) -> Result<()>;
    /// Whether an article with this id is stored.
    fn has_article(&self, ext_id: &str) -> Result<bool>;
    /// Where the article with this id was added from: its file's id (see [`Names::Files`]) and
    /// its line (0 for a `.txt` article).
    fn article_place(&self, ext_id: &str) -> Result<Option<(Option<u32>, u32)>>;
    /// Appends an article.
    fn add_article(&mut self, row: &ArticleRow) -> Result<()>;
    /// Some articles, in the order asked.
    fn articles(&self, ids: &[u32]) -> Result<Vec<ArticleRow>>;
    /// Calls `f` for every article, by id.
    fn scan_articles(&self, f: &mut dyn FnMut(ArticleRef<'_>) -> Result<()>) -> Result<()>;
    /// Appends a text.
    fn add_text(&mut self, row: TextRef<'_>) -> Result<()>;
    /// Counts `n` more paragraphs carrying a stored text.
    fn count_text(&mut self, id: u32, n: u32) -> Result<()>;
    /// Some texts, in the order asked.
    fn texts(&self, ids: &[u32]) -> Result<Vec<TextRow>>;
    /// Calls `f` for every text, by id.
    fn scan_texts(&self, f: &mut dyn FnMut(TextRef<'_>) -> Result<()>) -> Result<()>;
    /// Adds counts to a `freq` row (creating it).
    fn add_freq(&mut self, row: &FreqRow) -> Result<()>;
    /// The `freq` rows of some texts.
    fn freq(&self, texts: &[u32]) -> Result<Vec<FreqRow>>;
    /// The most frequent `freq` rows with at least `min_n` articles and the given edge share.
    fn top_freq(&self, min_n: u32, edge_share: f64, limit: usize) -> Result<Vec<FreqRow>>;
    /// The excerpts of those texts that have one.
    fn excerpts(&self, texts: &[u32]) -> Result<Vec<(u32, String)>>;
    /// Stores an excerpt.
    fn set_excerpt(&mut self, text: u32, excerpt: &str) -> Result<()>;
    /// Articles and texts stored (both are dense ids, so these are the next ids).
    fn counts(&self) -> Result<(u64, u64)>;
    /// Counts over the whole index.
    fn totals(&self) -> Result<Totals>;
}

/// The parameters an index records: those that change fingerprints, plus the range of word
/// counts that get a masked key and the form of the stored words.
pub fn index_params(config: &Config) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = config
        .fingerprint_params()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    v.push((
        "masked_words".into(),
        format!("{MASK_MIN_WORDS}..{MASK_MAX_WORDS}"),
    ));
    // The stored words are the pipeline's 32-bit words, whose low bit marks numbers.
    v.push(("short_word".into(), "hash >> 32, low bit numeric/1".into()));
    v
}

const PARAM_PREFIX: &str = "param.";

/// Parameters added after the first indexes were built, with the value every index built
/// before them has: an index without the entry is read as having it, so that it stays usable
/// (and is still refused by a run that asks for another value).
pub const IMPLIED_PARAMS: &[(&str, &str)] = &[("key_bits", "32")];

/// The parameters that differ between an index's `meta` and this run, one line each.
pub fn param_mismatches(meta: &[(String, String)], wanted: &[(String, String)]) -> Vec<String> {
    let stored: HashMap<&str, &str> = meta
        .iter()
        .filter_map(|(k, v)| Some((k.strip_prefix(PARAM_PREFIX)?, v.as_str())))
        .collect();
    let implied = |k: &str| IMPLIED_PARAMS.iter().find(|p| p.0 == k).map(|p| p.1);
    let mut out = Vec::new();
    for (k, v) in wanted {
        match stored.get(k.as_str()).copied().or_else(|| implied(k)) {
            Some(s) if s == v => {}
            Some(s) => out.push(format!("{k}: index has {s}, this run {v}")),
            None => out.push(format!("{k}: index has none, this run {v}")),
        }
    }
    let known: HashSet<&str> = wanted.iter().map(|(k, _)| k.as_str()).collect();
    let mut extra: Vec<_> = stored.iter().filter(|(k, _)| !known.contains(*k)).collect();
    extra.sort();
    for (k, s) in extra {
        out.push(format!("{k}: index has {s}, this run none"));
    }
    out
}

/// Reads the texts of some articles again, given as `(article, location)`: how an add gets
/// the excerpts of frequent paragraphs (the store keeps no text).
pub type ReadTexts<'a> = dyn FnMut(&[(usize, Location)]) -> HashMap<usize, String> + 'a;

/// What an add did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Articles added.
    pub added: u64,
    /// Ids of articles not added because the index already holds them.
    pub skipped: Vec<String>,
    /// Paragraphs of the added articles.
    pub paragraphs: u64,
    /// Paragraph texts the index had not seen.
    pub new_texts: u64,
    /// Words the vocabulary had not seen.
    pub new_words: u64,
}

/// A text an outlet carries often, for `index stats`.
#[derive(Clone, Debug, PartialEq)]
pub struct Frequent {
    /// The outlet.
    pub outlet: String,
    /// Its articles carrying the text.
    pub articles: u32,
    /// Of which near an edge.
    pub at_edge: u32,
    /// The text's first words, when stored.
    pub excerpt: Option<String>,
}

/// What `index stats` shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Stats {
    /// Counts.
    pub totals: Totals,
    /// Outlet names by id.
    pub outlet_names: Vec<String>,
    /// The `meta` entries.
    pub meta: Vec<(String, String)>,
    /// The most frequent texts at outlets' edges.
    pub frequent: Vec<Frequent>,
}

/// An open index.
pub struct Index<S: IndexStore = SqliteStore> {
    store: S,
    writing: bool,
    /// How the paths of input files are stored.
    paths: paths::FilePaths,
}

impl Index<SqliteStore> {
    /// Opens an existing index for reading and checks its parameters against `config`.
    pub fn open(path: &Path, config: &Config) -> Result<Index> {
        Index::attach(SqliteStore::open_read_only(path)?, config)
    }

    /// Opens an existing index for reading and, later, writing (`check --add`).
    pub fn open_writable(path: &Path, config: &Config) -> Result<Index> {
        if !path.exists() {
            return Err(Error::Index {
                place: path.display().to_string(),
                message: "no such index; create it with `reprint index add --index FILE PATH...`"
                    .into(),
            });
        }
        Index::attach(SqliteStore::open_read_write(path)?, config)
    }

    /// Opens an index for an add, creating it when it does not exist, and takes the write
    /// lock at once, so that a second writer is turned away before it reads anything.
    pub fn create_or_lock(path: &Path, config: &Config) -> Result<Index> {
        let mut store = SqliteStore::open_read_write(path)?;
        store.begin_write()?;
        if !store.has_schema()? {
            store.create_schema()?;
            store.set_meta("format", FORMAT)?;
            store.set_meta("schema", &SCHEMA_VERSION.to_string())?;
            store.set_meta(paths::PATHS_KEY, paths::FROM_INDEX)?;
            for (k, v) in index_params(config) {
                store.set_meta(&format!("{PARAM_PREFIX}{k}"), &v)?;
            }
        }
        let mut index = Index::attach(store, config)?;
        index.writing = true;
        Ok(index)
    }
}

impl<S: IndexStore> Index<S> {
    /// Wraps a store after checking that it holds an index made with `config`'s parameters.
    pub fn attach(store: S, config: &Config) -> Result<Index<S>> {
        let fail = |message: String| Error::Index {
            place: store.place().to_string(),
            message,
        };
        if !store.has_schema()? {
            return Err(fail(
                "the index is empty: no add has completed yet".to_string(),
            ));
        }
        let meta = store.meta()?;
        let get = |k: &str| meta.iter().find(|(m, _)| m == k).map(|(_, v)| v.as_str());
        if get("format") != Some(FORMAT) {
            return Err(fail("not a reprint index (no format entry)".into()));
        }
        let schema = get("schema").unwrap_or("none");
        if schema != SCHEMA_VERSION.to_string() {
            return Err(fail(format!(
                "the index has schema version {schema}, this reprint reads version {SCHEMA_VERSION}; rebuild it"
            )));
        }
        let diff = param_mismatches(&meta, &index_params(config));
        if !diff.is_empty() {
            return Err(fail(format!(
                "the index was built with other fingerprint parameters; rebuild it or use its parameters:\n  {}",
                diff.join("\n  ")
            )));
        }
        let paths = paths::FilePaths::of(store.file(), get(paths::PATHS_KEY));
        Ok(Index {
            store,
            writing: false,
            paths,
        })
    }

    /// Where the article with this id was added from: its file, as a path that resolves from
    /// here (`None` when it did not come from a file), and its line (0 for a `.txt` article).
    pub fn article_place(&self, ext_id: &str) -> Result<Option<(Option<String>, u32)>> {
        let Some((file, line)) = self.store.article_place(ext_id)? else {
            return Ok(None);
        };
        let files = match file {
            Some(_) => self.store.names(Names::Files)?,
            None => Vec::new(),
        };
        Ok(Some((
            file.and_then(|f| files.get(f as usize).map(|p| self.paths.shown(p))),
            line,
        )))
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// Takes the write lock for an add (waiting briefly for another writer).
    pub fn begin_write(&mut self) -> Result<()> {
        if !self.writing {
            self.store.begin_write()?;
            self.writing = true;
        }
        Ok(())
    }

    /// Commits an add.
    pub fn commit(&mut self) -> Result<()> {
        self.store.commit()?;
        self.writing = false;
        Ok(())
    }

    /// Counts, parameters and the most frequent edge texts (at most `top`), ranked by how
    /// many of one outlet's articles carry them.
    pub fn stats(&self, config: &Config, top: usize) -> Result<Stats> {
        let totals = self.store.totals()?;
        let outlet_names = self.store.names(Names::Outlets)?;
        let rows = self.store.top_freq(
            config.boilerplate.min_articles as u32,
            config.boilerplate.edge_share,
            top,
        )?;
        let texts: Vec<u32> = rows.iter().map(|r| r.text).collect();
        let excerpts: HashMap<u32, String> = self.store.excerpts(&texts)?.into_iter().collect();
        let frequent = rows
            .iter()
            .map(|r| Frequent {
                outlet: outlet_names
                    .get(r.outlet as usize)
                    .cloned()
                    .unwrap_or_default(),
                articles: r.n,
                at_edge: r.edge,
                excerpt: excerpts.get(&r.text).cloned(),
            })
            .collect();
        Ok(Stats {
            totals,
            outlet_names,
            meta: self.store.meta()?,
            frequent,
        })
    }
}

/// A stored photo credit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// Where it is in the article's text.
    pub start: u32,
    /// End of it.
    pub end: u32,
    /// The agency or outlet credited.
    pub outlet: String,
    /// The credit as written.
    pub text: String,
}

/// An article's photo credits as stored: a JSON array of [`Credit`]s, `None` when it has
/// none. They are the only declarations kept: a credit shared with history is reuse.
pub fn encode_credits(declared: &[Declaration]) -> Option<String> {
    let credits: Vec<Credit> = declared
        .iter()
        .filter(|d| d.kind == DeclKind::PhotoCredit)
        .map(|d| Credit {
            start: d.span.start,
            end: d.span.end,
            outlet: d.outlet.clone(),
            text: d.text.clone(),
        })
        .collect();
    (!credits.is_empty()).then(|| serde_json::to_string(&credits).unwrap_or_default())
}

/// Decodes stored credits; `None` when damaged.
pub fn decode_credits(s: &str) -> Option<Vec<Credit>> {
    serde_json::from_str(s).ok()
}

/// The first words of a paragraph on one line.
pub fn excerpt(text: &str) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= EXCERPT_CHARS {
        return one;
    }
    let mut s: String = one.chars().take(EXCERPT_CHARS).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mismatches_name_each_parameter() {
        let meta = vec![
            ("format".to_string(), FORMAT.to_string()),
            ("param.shingle".to_string(), "3".to_string()),
            ("param.bands".to_string(), "25".to_string()),
            ("param.old".to_string(), "x".to_string()),
        ];
        let wanted = vec![
            ("shingle".to_string(), "4".to_string()),
            ("bands".to_string(), "25".to_string()),
            ("rows".to_string(), "4".to_string()),
        ];
        assert_eq!(
            param_mismatches(&meta, &wanted),
            vec![
                "shingle: index has 3, this run 4",
                "rows: index has none, this run 4",
                "old: index has x, this run none"
            ]
        );
        assert!(param_mismatches(&meta[2..3], &wanted[1..2]).is_empty());
    }

    #[test]
    fn an_index_without_key_bits_has_32_bit_keys() {
        let old = vec![("param.shingle".to_string(), "3".to_string())];
        let wanted = |bits: &str| {
            vec![
                ("shingle".to_string(), "3".to_string()),
                ("key_bits".to_string(), bits.to_string()),
            ]
        };
        assert!(param_mismatches(&old, &wanted("32")).is_empty());
        assert_eq!(
            param_mismatches(&old, &wanted("64")),
            vec!["key_bits: index has 32, this run 64"]
        );
        let new = vec![("param.key_bits".to_string(), "64".to_string())];
        assert_eq!(
            param_mismatches(&new, &wanted("32")[1..]),
            vec!["key_bits: index has 64, this run 32"]
        );
    }

    #[test]
    fn credits_round_trip_and_other_declarations_are_dropped() {
        let d = |kind, text: &str| Declaration {
            kind,
            outlet: "Getty Images".into(),
            span: reprint_core::model::ByteSpan { start: 5, end: 40 },
            text: text.into(),
            detail: None,
        };
        assert_eq!(encode_credits(&[d(DeclKind::Dateline, "x")]), None);
        let s = encode_credits(&[d(DeclKind::PhotoCredit, "Photo: Ann Lee/Getty Images")]).unwrap();
        let c = decode_credits(&s).unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].start, c[0].end, c[0].text.as_str()),
            (5, 40, "Photo: Ann Lee/Getty Images")
        );
        assert_eq!(decode_credits("[1"), None);
    }

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("a\n b  c"), "a b c");
        let long = "word ".repeat(40);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() == EXCERPT_CHARS + 1);
    }
}
