//! Where the stages meet: read → segment → normalize → shingle → fingerprint → candidates →
//! verify → cluster → classify (→ spans, provenance).
//!
//! The corpus is read once, in batches: records are decoded, segmented and hashed in parallel,
//! then merged in input order (so numbering never depends on threads), and the fingerprints of
//! texts not seen before are computed in parallel. Only fingerprints are kept (see
//! [`crate::store`]). Every later stage works on that store.

use crate::candidates::{lsh_pairs_counted, masked_pairs_counted};
use crate::classify::cues::Lexicon;
use crate::classify::{Classification, ClusterScore, classify};
use crate::cluster::Clusters;
use crate::config::Config;
use crate::corpus::{
    Corpus, FieldNames, RawArticle, RawRecord, RecordSink, parse_jsonl_record, parse_txt,
};
use crate::error::{RecordError, Result};
use crate::fingerprint::{MinHasher, exact_key, masked_key, simhash};
use crate::model::{ArticleMeta, ByteSpan, FindingKind, Location};
use crate::progress::Progress;
use crate::provenance::origin::parse_date;
use crate::provenance::{Declaration, OutletLexicon, Token};
use crate::segment::segment;
use crate::shingle::word_hash;
use crate::store::{ArticleRecord, CorpusStore, Para, TextId};
use crate::verify::{VerifyStats, verify};
use rayon::prelude::*;
use std::collections::HashMap;

/// Paragraphs shorter than this many words (and of at least [`MASK_MIN_WORDS`]) are also
/// matched on their text with numbers masked.
pub const MASK_MAX_WORDS: u32 = 12;
/// See [`MASK_MAX_WORDS`].
pub const MASK_MIN_WORDS: u32 = 3;
/// Bytes of records decoded per parallel batch.
const BATCH_BYTES: usize = 8 << 20;

/// The configuration and compiled data files, resolved once.
#[derive(Clone, Debug)]
pub struct Engine {
    /// The configuration.
    pub config: Config,
    /// The cue lexicon.
    pub cues: Lexicon,
    /// The outlet list.
    pub outlets: OutletLexicon,
    /// The MinHash permutations.
    pub minhash: MinHasher,
    /// The site-junk rules.
    pub junk: crate::classify::junk::JunkDetector,
}

impl Engine {
    /// Compiles the data files the config names (or the built-in ones).
    pub fn new(config: Config) -> Result<Engine> {
        let cues = match &config.cues.path {
            Some(p) => Lexicon::from_file(p)?,
            None => Lexicon::builtin(),
        };
        let outlets = match &config.provenance.outlets {
            Some(p) => OutletLexicon::from_file(p)?,
            None => OutletLexicon::builtin(),
        };
        let f = &config.fingerprint;
        let minhash = MinHasher::new(f.bands, f.rows, f.shingle);
        Ok(Engine {
            config,
            cues,
            outlets,
            minhash,
            junk: crate::classify::junk::JunkDetector::default(),
        })
    }
}

/// A paragraph as decoded and hashed, before it is merged into the store.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedPara {
    /// Its bytes in the article's text.
    pub span: ByteSpan,
    /// Layout facts ([`Para::SIGNATURE`], [`Para::LINE_QUOTED`]).
    pub flags: u8,
    /// Site-junk signals ([`crate::classify::junk::sig`]).
    pub junk: u32,
    /// Exact key of its normalized text.
    pub key: u64,
    /// Masked key (0 when the paragraph is not matched that way).
    pub masked: u64,
    /// Its words (see [`crate::shingle::short_word`]).
    pub words: Vec<u32>,
    /// Per word, whether it sits between quotation marks (empty when none does).
    pub quoted: Vec<bool>,
}

/// An article as decoded and hashed, before it is merged into a store: what [`ingest`] makes
/// of each record, and what [`add_articles`] takes from elsewhere (an index's history).
#[derive(Clone, Debug)]
pub struct Prepared {
    /// Id, outlet, date, title, URL.
    pub meta: ArticleMeta,
    /// Where its text can be read again ([`EXTERNAL_FILE`] when it cannot).
    pub location: Location,
    /// Bytes of its text.
    pub text_len: u32,
    /// Whether paragraph 0 is the title line.
    pub title_first: bool,
    /// Its paragraphs, in order.
    pub paras: Vec<PreparedPara>,
    /// Provenance it declares.
    pub declared: Vec<Declaration>,
}

/// The file number of articles that did not come from the corpus (e.g. from an index): their
/// texts cannot be read again, so reports place them by whole paragraphs.
pub const EXTERNAL_FILE: u32 = u32::MAX;

/// Scratch buffers reused across articles on one thread.
#[derive(Default)]
struct Scratch {
    buf: String,
    tokens: Vec<Token>,
    hashes: Vec<u64>,
    numeric: Vec<bool>,
}

/// Segments and hashes one article.
fn prepare(raw: RawArticle, engine: &Engine, s: &mut Scratch) -> Prepared {
    let text = raw.text.as_str();
    let spans = segment(text, raw.body_start);
    s.tokens.clear();
    let mut paras = Vec::with_capacity(spans.len());
    for span in &spans {
        s.hashes.clear();
        s.numeric.clear();
        let base = span.start as usize;
        let (buf, tokens, hashes, numeric) =
            (&mut s.buf, &mut s.tokens, &mut s.hashes, &mut s.numeric);
        crate::normalize::for_each_word(&text[span.range()], |st, w| {
            let h = word_hash(w, buf);
            hashes.push(h);
            numeric.push(crate::normalize::is_number(w));
            tokens.push(Token {
                start: (base + st) as u32,
                end: (base + st + w.len()) as u32,
                hash: h,
            });
        });
        let n = s.hashes.len() as u32;
        let para_text = &text[span.range()];
        let quotes = if para_text.contains(['“', '«', '"', '>']) {
            crate::spans::quotation_ranges(para_text)
        } else {
            Vec::new()
        };
        let quoted: Vec<bool> = if quotes.is_empty() {
            Vec::new()
        } else {
            let first_token = s.tokens.len() - s.hashes.len();
            let starts: Vec<usize> = s.tokens[first_token..]
                .iter()
                .map(|t| t.start as usize - base)
                .collect();
            // Tokens and quotations are both in order: one walk, not tokens × quotations.
            crate::spans::positions_quoted(&quotes, &starts)
        };
        let maskable =
            (MASK_MIN_WORDS..MASK_MAX_WORDS).contains(&n) && s.numeric.iter().any(|x| !x);
        let mut flags = 0;
        if para_text
            .lines()
            .next()
            .is_some_and(crate::segment::is_signature_delimiter)
        {
            flags |= Para::SIGNATURE;
        }
        let (mut lines, mut quoted_lines) = (0usize, 0usize);
        for l in para_text.lines() {
            lines += 1;
            quoted_lines += usize::from(crate::spans::is_quoted_line(l));
        }
        if quoted_lines > 0 && quoted_lines * 2 >= lines {
            flags |= Para::LINE_QUOTED;
        }
        paras.push(PreparedPara {
            span: *span,
            flags,
            junk: 0,
            key: exact_key(&s.hashes),
            masked: if maskable {
                masked_key(&s.hashes, &s.numeric)
            } else {
                0
            },
            quoted,
            words: s
                .hashes
                .iter()
                .zip(&s.numeric)
                .map(|(&h, &n)| crate::shingle::short_word(h, n))
                .collect(),
        });
    }
    let first_body = usize::from(raw.title_is_first_paragraph);
    let declared = engine.outlets.declared(text, &spans, &s.tokens, first_body);
    let own = raw.meta.source.as_deref().or(raw.meta.url.as_deref());
    for (p, j) in paras
        .iter_mut()
        .zip(engine.junk.detect(text, &spans, first_body, own))
    {
        p.junk = j;
    }
    Prepared {
        meta: raw.meta,
        location: raw.location,
        text_len: raw.text.len() as u32,
        title_first: raw.title_is_first_paragraph,
        paras,
        declared,
    }
}

/// Wall time per stage, in seconds, in the order the stages first ran, with the process's
/// peak resident memory when the stage last ended. While reading, each batch's `merge` and
/// `minhash` run during the next batch's `decode+hash`, whose time includes them.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// `(stage, seconds, peak resident MiB)`.
    pub stages: Vec<(&'static str, f64, u64)>,
}

impl Timings {
    /// Adds time to a stage.
    pub fn add(&mut self, stage: &'static str, since: std::time::Instant) {
        let secs = since.elapsed().as_secs_f64();
        let rss = resident_mib();
        match self.stages.iter_mut().find(|s| s.0 == stage) {
            Some(s) => {
                s.1 += secs;
                s.2 = rss;
            }
            None => self.stages.push((stage, secs, rss)),
        }
    }
}

/// Peak resident memory of this process so far in MiB (Linux; 0 elsewhere), for `--timings`:
/// the stage during which it grows is the one that needs the memory.
fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kib| kib >> 10)
}

/// Counts and diagnostics of a run.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// Where the time went.
    pub timings: Timings,
    /// Distinct paragraph texts.
    pub distinct_texts: u64,
    /// Candidate pairs from LSH.
    pub lsh_candidates: u64,
    /// Pairs of short texts equal up to numbers.
    pub masked_pairs: u64,
    /// What verification did.
    pub verify: VerifyStats,
    /// Approximate bytes held by the fingerprint store.
    pub store_bytes: u64,
    /// Candidate buckets larger than `verify.max_bucket_pairs`, linked as a chain and a star
    /// instead of all their pairs.
    pub big_buckets: u64,
    /// Text pairs whose shared-run search was capped on a much repeated shingle
    /// ([`crate::spans::MAX_SEEDS`]).
    pub span_pairs_capped: u64,
}

impl RunStats {
    /// One sentence per cap that was hit during the run, for the user to see: a cap keeps
    /// time bounded on pathological input, and the results may be less complete because of it.
    pub fn cap_warnings(&self, config: &Config) -> Vec<String> {
        let mut out = Vec::new();
        if self.verify.edit_capped > 0 {
            out.push(format!(
                "{} candidate pairs longer than {} words were judged on shingle Jaccard alone, \
                 without the word edit similarity (verify.max_edit_words)",
                self.verify.edit_capped, config.verify.max_edit_words
            ));
        }
        if self.big_buckets > 0 {
            out.push(format!(
                "{} candidate buckets held more than {} distinct texts and were linked as a \
                 chain instead of all their pairs; some near-duplicate pairs inside them may \
                 be missed (verify.max_bucket_pairs)",
                self.big_buckets, config.verify.max_bucket_pairs
            ));
        }
        if self.span_pairs_capped > 0 {
            out.push(format!(
                "{} paragraph pairs with a word sequence repeated more than {} times were \
                 searched for shared runs from its first and last occurrences only",
                self.span_pairs_capped,
                crate::spans::MAX_SEEDS
            ));
        }
        out
    }
}

/// The outcome of an audit.
#[derive(Debug)]
pub struct Analysis {
    /// Articles, paragraphs and fingerprints.
    pub store: CorpusStore,
    /// Paragraph clusters.
    pub clusters: Clusters,
    /// Kinds, findings, article links.
    pub classification: Classification,
    /// Copied-from lists, aggregator outlets, contradictions.
    pub provenance: crate::provenance::derive::CorpusProvenance,
    /// Files and records that could not be read.
    pub errors: Vec<RecordError>,
    /// Diagnostics.
    pub stats: RunStats,
}

impl Analysis {
    /// Words per kind, over paragraphs carrying it.
    pub fn words_by_kind(&self) -> [u64; 6] {
        let mut out = [0u64; 6];
        for (p, k) in self.classification.para_kinds.iter().enumerate() {
            for kind in k.iter() {
                out[kind as usize] += self.store.paras[p].words as u64;
            }
        }
        out
    }

    /// Paragraphs per kind.
    pub fn paragraphs_by_kind(&self) -> [u64; 6] {
        let mut out = [0u64; 6];
        for k in &self.classification.para_kinds {
            for kind in k.iter() {
                out[kind as usize] += 1;
            }
        }
        out
    }

    /// Findings per kind.
    pub fn findings_by_kind(&self) -> [u64; 6] {
        let mut out = [0u64; 6];
        for f in &self.classification.findings {
            out[f.kind as usize] += 1;
        }
        out
    }

    /// Words in paragraphs carrying any kind.
    pub fn flagged_words(&self) -> u64 {
        self.classification
            .para_kinds
            .iter()
            .zip(&self.store.paras)
            .filter(|(k, _)| !k.is_empty())
            .map(|(_, p)| p.words as u64)
            .sum()
    }

    /// Total words.
    pub fn total_words(&self) -> u64 {
        self.store.paras.iter().map(|p| p.words as u64).sum()
    }

    /// The outlet name of an article (`None` when unknown).
    pub fn outlet_name(&self, article: usize) -> Option<&str> {
        self.store.outlets.names[self.store.articles[article].outlet as usize].as_deref()
    }

    /// Whether any paragraph carries `kind`.
    pub fn has(&self, kind: FindingKind) -> bool {
        self.classification.findings.iter().any(|f| f.kind == kind)
    }
}

/// Collects records into batches and runs them through the parallel stages. Batch `n + 1` is
/// decoded and hashed while batch `n` is merged into the store (merging is sequential, to keep
/// input order, and would otherwise leave a core idle).
struct Ingest<'a> {
    corpus: &'a Corpus,
    engine: &'a Engine,
    names: FieldNames,
    batch: Vec<RawRecord>,
    batch_bytes: usize,
    /// The last batch decoded, waiting to be merged.
    pending: Vec<(Option<Prepared>, Vec<RecordError>)>,
    merger: Merger<'a>,
}

/// What merging writes: the store and everything reported along the way.
struct Merger<'a> {
    corpus: &'a Corpus,
    engine: &'a Engine,
    progress: &'a dyn Progress,
    store: CorpusStore,
    errors: Vec<RecordError>,
    /// Ids seen so far, with where each was first read and how many times.
    seen_ids: HashMap<String, (Location, u32)>,
    timings: Timings,
}

impl RecordSink for Ingest<'_> {
    fn record(&mut self, record: RawRecord) {
        self.batch_bytes += record.bytes.len();
        self.batch.push(record);
        if self.batch_bytes >= BATCH_BYTES || self.batch.len() >= 8192 {
            self.flush();
        }
    }

    fn error(&mut self, error: RecordError) {
        self.merger.errors.push(error);
    }

    fn progress(&mut self, n: u64) {
        self.merger.progress.advance(n, 0);
    }
}

/// Decodes one record of `corpus`.
fn decode(corpus: &Corpus, names: &FieldNames, r: RawRecord) -> crate::corpus::meta::Parsed {
    let f = &corpus.files[r.file as usize];
    match f.kind {
        crate::corpus::FileKind::Txt => {
            let name = f.path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let stem = name
                .strip_suffix(".txt")
                .or_else(|| name.strip_suffix(".TXT"))
                .unwrap_or(name);
            parse_txt(
                r.bytes,
                &f.display,
                stem,
                f.folder_outlet.as_deref(),
                r.file,
                names.lossy,
            )
        }
        _ => parse_jsonl_record(r.bytes, &f.display, r.line, r.file, names, false),
    }
}

impl Ingest<'_> {
    /// Decodes and hashes the collected batch (in parallel) while merging the one before.
    fn flush(&mut self) {
        if self.batch.is_empty() && self.pending.is_empty() {
            return;
        }
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        let pending = std::mem::take(&mut self.pending);
        let (corpus, engine, names) = (self.corpus, self.engine, &self.names);
        let merger = &mut self.merger;
        let t0 = std::time::Instant::now();
        let (prepared, ()) = rayon::join(
            || -> Vec<(Option<Prepared>, Vec<RecordError>)> {
                batch
                    .into_par_iter()
                    .map_init(Scratch::default, |s, r| {
                        let parsed = decode(corpus, names, r);
                        (
                            parsed.article.map(|a| prepare(a, engine, s)),
                            parsed.problems,
                        )
                    })
                    .collect()
            },
            || merger.merge_batch(pending),
        );
        self.merger.timings.add("decode+hash", t0);
        self.pending = prepared;
    }

    /// Merges what is still pending.
    fn finish(&mut self) {
        self.flush();
        self.flush();
    }
}

impl Merger<'_> {
    /// Merges a decoded batch into the store, in input order, and fingerprints its new texts.
    fn merge_batch(&mut self, prepared: Vec<(Option<Prepared>, Vec<RecordError>)>) {
        if prepared.is_empty() {
            return;
        }
        let t0 = std::time::Instant::now();
        let mut new_texts: Vec<TextId> = Vec::new();
        let n_articles = prepared.iter().filter(|p| p.0.is_some()).count() as u64;
        for (article, problems) in prepared {
            self.errors.extend(problems);
            if let Some(a) = article {
                self.merge(a, &mut new_texts);
            }
        }
        self.timings.add("merge", t0);
        let t0 = std::time::Instant::now();
        fingerprint_texts(&mut self.store, self.engine, &new_texts);
        self.timings.add("minhash", t0);
        self.progress.advance(0, n_articles);
    }

    /// Appends one article to the store, in input order.
    fn merge(&mut self, mut a: Prepared, new_texts: &mut Vec<TextId>) {
        // Places are formatted only for the message about a repeated id.
        let place = |loc: &Location| {
            let f = &self.corpus.files[loc.file as usize];
            if loc.line > 0 {
                format!("{}:{}", f.display, loc.line)
            } else {
                f.display.clone()
            }
        };
        if let Some((first, n)) = self.seen_ids.get_mut(&a.meta.id) {
            *n += 1;
            let renamed = format!("{}~{}", a.meta.id, n);
            let (here, first) = (place(&a.location), place(first));
            self.errors.push(RecordError {
                place: here,
                message: format!(
                    "duplicate article id \"{}\" (first at {first}); kept as \"{renamed}\"",
                    a.meta.id
                ),
            });
            a.meta.id = renamed;
        }
        self.seen_ids
            .insert(a.meta.id.clone(), (a.location.clone(), 1));
        push_article(&mut self.store, a, new_texts);
    }
}

/// Appends one article to the store, storing the texts it has not seen (listed in `new_texts`).
fn push_article(store: &mut CorpusStore, a: Prepared, new_texts: &mut Vec<TextId>) {
    let first_para = store.paras.len() as u32;
    let mut words = 0u32;
    for p in &a.paras {
        let text = match store.texts.find(p.key) {
            Some(t) => t,
            None => {
                let t = store
                    .texts
                    .push_with_quotes(p.key, p.masked, &p.words, &p.quoted);
                new_texts.push(t);
                t
            }
        };
        words = words.saturating_add(p.words.len() as u32);
        store.paras.push(Para {
            flags: p.flags,
            junk: p.junk,
            span: p.span,
            text,
            words: p.words.len() as u32,
        });
    }
    let outlet = store.outlets.intern(a.meta.source.as_deref());
    let date_key = a.meta.date.as_deref().and_then(parse_date);
    store.articles.push(ArticleRecord {
        meta: a.meta,
        location: a.location,
        outlet,
        date_key,
        text_len: a.text_len,
        first_para,
        n_paras: a.paras.len() as u32,
        words,
        title_first: a.title_first,
        declared: a.declared,
    });
    store.index_last_article();
}

/// Computes the simhash and band keys of the texts `ids`, in parallel.
fn fingerprint_texts(store: &mut CorpusStore, engine: &Engine, ids: &[TextId]) {
    let f = &engine.config.fingerprint;
    let texts = &store.texts;
    let mh = &engine.minhash;
    let results: Vec<(u64, Option<Vec<u32>>)> = ids
        .par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(sig, keys), &t| {
                let w = texts.words(t);
                let bands = (w.len() >= f.min_words).then(|| {
                    mh.band_keys(w, sig, keys);
                    keys.clone()
                });
                (simhash(w, f.shingle), bands)
            },
        )
        .collect();
    for (&t, (sh, bands)) in ids.iter().zip(results) {
        store.texts.set_fingerprints(t, sh, bands.as_deref());
    }
}

/// Appends articles decoded and hashed elsewhere (e.g. the history an index holds) to a store
/// that [`ingest`] filled, fingerprinting the texts the store has not seen. They are numbered
/// after the store's own articles, in the order given; give them a location in
/// [`EXTERNAL_FILE`] when their text cannot be read again.
pub fn add_articles(store: &mut CorpusStore, engine: &Engine, articles: Vec<Prepared>) {
    store.texts.unseal();
    let mut new_texts = Vec::new();
    for a in articles {
        push_article(store, a, &mut new_texts);
    }
    fingerprint_texts(store, engine, &new_texts);
    store.texts.seal();
}

/// Reads and fingerprints the corpus.
pub fn ingest(
    corpus: &Corpus,
    engine: &Engine,
    progress: &dyn Progress,
) -> (CorpusStore, Vec<RecordError>) {
    let (store, errors, _) = ingest_timed(corpus, engine, progress);
    (store, errors)
}

/// [`ingest`], also returning where the time went.
pub fn ingest_timed(
    corpus: &Corpus,
    engine: &Engine,
    progress: &dyn Progress,
) -> (CorpusStore, Vec<RecordError>, Timings) {
    progress.stage("fingerprint", Some(corpus.total_bytes()));
    let mut ingest = Ingest {
        corpus,
        engine,
        names: FieldNames::from(&engine.config.input),
        batch: Vec::new(),
        batch_bytes: 0,
        pending: Vec::new(),
        merger: Merger {
            corpus,
            engine,
            progress,
            store: CorpusStore::new(engine.config.fingerprint.bands),
            errors: Vec::new(),
            seen_ids: HashMap::new(),
            timings: Timings::default(),
        },
    };
    let t0 = std::time::Instant::now();
    corpus.stream(&|_, _| true, &mut ingest);
    ingest.finish();
    let Merger {
        mut store,
        errors,
        mut timings,
        ..
    } = ingest.merger;
    store.seal();
    // Merging and MinHash run inside the decode step of the next batch: only that step's
    // time is taken from reading's.
    let busy: f64 = timings
        .stages
        .iter()
        .filter(|s| s.0 == "decode+hash")
        .map(|s| s.1)
        .sum();
    timings.stages.insert(
        0,
        (
            "read",
            (t0.elapsed().as_secs_f64() - busy).max(0.0),
            resident_mib(),
        ),
    );
    (store, errors, timings)
}

/// Most outlets a text may be carried by for its outlets' names to say whose template it is.
const TEMPLATE_MAX_OUTLETS: usize = 4;

/// Removes links between texts that differ only in naming their own outlets (see
/// [`crate::verify::differs_only_by_own_names`]).
fn drop_site_templates(store: &CorpusStore, edges: &mut Vec<crate::verify::Edge>) {
    use crate::store::TextParas;
    if edges.is_empty() {
        return;
    }
    // The words naming each outlet: its name and the hosts of its articles' URLs.
    let mut own_words: Vec<Vec<u32>> = vec![Vec::new(); store.outlets.len()];
    let mut buf = String::new();
    let mut add = |o: usize, s: &str, own_words: &mut Vec<Vec<u32>>| {
        crate::normalize::for_each_word(s, |_, w| {
            let numeric = crate::normalize::is_number(w);
            own_words[o].push(crate::shingle::short_word(word_hash(w, &mut buf), numeric))
        });
    };
    for (o, name) in store.outlets.names.iter().enumerate() {
        if let Some(n) = name {
            add(o, n, &mut own_words);
        }
    }
    for art in &store.articles {
        let o = art.outlet as usize;
        if let Some(host) = art
            .meta
            .url
            .as_deref()
            .and_then(crate::corpus::meta::url_host)
            && own_words[o].len() < 64
        {
            add(o, &host, &mut own_words);
            if let Some((stem, _)) = host.rsplit_once('.') {
                add(o, stem, &mut own_words);
            }
        }
    }
    for w in &mut own_words {
        w.sort_unstable();
        w.dedup();
    }
    let text_paras = TextParas::build(&store.paras, store.texts.len());
    let own_of = |t: TextId| -> Vec<u32> {
        let mut outlets: Vec<u32> = text_paras
            .of(t)
            .iter()
            .map(|&p| store.articles[store.article_of(p as usize)].outlet)
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        if outlets.len() > TEMPLATE_MAX_OUTLETS {
            return Vec::new();
        }
        let mut v: Vec<u32> = outlets
            .iter()
            .flat_map(|&o| own_words[o as usize].iter().copied())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let keep: Vec<bool> = edges
        .par_iter()
        .map(|e| {
            let (own_a, own_b) = (own_of(e.a), own_of(e.b));
            !crate::verify::differs_only_by_own_names(
                store.texts.words(e.a),
                store.texts.words(e.b),
                &own_a,
                &own_b,
            )
        })
        .collect();
    let mut i = 0;
    edges.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// Runs the stages after reading on a filled store.
pub fn analyze_store(
    mut store: CorpusStore,
    errors: Vec<RecordError>,
    engine: &Engine,
    progress: &dyn Progress,
) -> Analysis {
    let config = &engine.config;
    progress.stage("match", None);
    let mut stats = RunStats {
        distinct_texts: store.texts.len() as u64,
        store_bytes: store.texts.heap_bytes() as u64,
        ..RunStats::default()
    };
    let t0 = std::time::Instant::now();
    let (lsh, big_buckets) = lsh_pairs_counted(&store.texts, config.verify.max_bucket_pairs);
    let (masked, big_groups) = masked_pairs_counted(&store.texts, config.verify.max_bucket_pairs);
    store.texts.drop_bands();
    stats.big_buckets = big_buckets + big_groups;
    stats.timings.add("candidates", t0);
    let t0 = std::time::Instant::now();
    stats.lsh_candidates = lsh.len() as u64;
    stats.masked_pairs = masked.len() as u64;
    let (mut edges, vstats) = verify(
        &store.texts,
        &lsh,
        config.fingerprint.shingle,
        &config.verify,
    );
    stats.verify = vstats;
    drop_site_templates(&store, &mut edges);
    stats.timings.add("verify", t0);
    let t0 = std::time::Instant::now();
    drop(lsh);
    let links = edges
        .iter()
        .map(|e| (e.a, e.b))
        .chain(masked.iter().copied());
    let clusters = Clusters::build(&store.paras, store.texts.len(), links);
    // The weakest link of each cluster, for evidence.
    let mut text_cluster = vec![u32::MAX; store.texts.len()];
    for (p, para) in store.paras.iter().enumerate() {
        if let Some(c) = clusters.of(p) {
            text_cluster[para.text as usize] = c;
        }
    }
    let mut scores = vec![ClusterScore::default(); clusters.len()];
    for e in &edges {
        let c = text_cluster[e.a as usize];
        if c != u32::MAX {
            let s = &mut scores[c as usize];
            s.jaccard = s.jaccard.min(e.jaccard);
            s.edit = match (s.edit, e.edit) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            };
        }
    }
    stats.timings.add("cluster", t0);
    let t0 = std::time::Instant::now();
    progress.stage("classify", None);
    let classification = classify(&store, &clusters, &scores, config, &engine.cues);
    let provenance = crate::provenance::derive::derive(&store, &classification.links);
    stats.timings.add("classify", t0);
    Analysis {
        store,
        clusters,
        classification,
        provenance,
        errors,
        stats,
    }
}

/// The whole audit: read, fingerprint, match, cluster, classify.
pub fn analyze(corpus: &Corpus, engine: &Engine, progress: &dyn Progress) -> Analysis {
    let (store, errors, read_timings) = ingest_timed(corpus, engine, progress);
    let mut a = analyze_store(store, errors, engine, progress);
    let t0 = std::time::Instant::now();
    progress.stage("spans", None);
    attach_spans(&mut a, corpus, engine);
    a.stats.timings.add("spans", t0);
    let mut all = read_timings;
    all.stages
        .extend(std::mem::take(&mut a.stats.timings.stages));
    a.stats.timings = all;
    a
}

/// Words of a photo credit that say nothing about which photo it is.
const CREDIT_STOPWORDS: &[&str] = &[
    "photo",
    "photos",
    "by",
    "credit",
    "photograph",
    "image",
    "images",
    "via",
];

/// What identifies a photo credit: the hashes of its words that say which photo it is (not
/// "photo", "by", "credit", ...); `None` when fewer than three such words remain, too few to
/// tell two credits apart. `buf` is scratch space.
pub fn credit_key(text: &str, buf: &mut String) -> Option<Vec<u64>> {
    let mut key = Vec::new();
    crate::normalize::for_each_word(text, |_, w| {
        crate::normalize::normalize_word(w, buf);
        if !CREDIT_STOPWORDS.contains(&buf.as_str()) {
            key.push(crate::shingle::hash_normalized(buf));
        }
    });
    (key.len() >= 3).then_some(key)
}

/// Finds shared word runs and shared photo credits, reads the texts of the articles involved to
/// turn word positions into byte ranges, and adds them as `reused_wording` findings.
pub fn attach_spans(a: &mut Analysis, corpus: &Corpus, engine: &Engine) {
    use crate::model::{ArticleIdx, Evidence, Finding, Member};
    use crate::spans::{find_runs, group_members, span_of_words, word_bounds};
    use crate::store::TextParas;
    let store = &a.store;
    let kinds = &a.classification.para_kinds;
    let n_texts = store.texts.len();
    let text_paras = TextParas::build(&store.paras, n_texts);
    let furniture = |p: u32| {
        let k = kinds[p as usize];
        k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
    };
    let skip: Vec<bool> = (0..n_texts as TextId)
        .map(|t| text_paras.of(t).iter().all(|&p| furniture(p)))
        .collect();
    let mut text_cluster = vec![u32::MAX; n_texts];
    for (p, para) in store.paras.iter().enumerate() {
        if let Some(c) = a.clusters.of(p) {
            text_cluster[para.text as usize] = c;
        }
    }
    let text_articles: Vec<u32> = (0..n_texts as TextId)
        .map(|t| text_paras.of(t).len() as u32)
        .collect();
    let outlets_of = |t: TextId| -> Vec<u32> {
        let mut v: Vec<u32> = text_paras
            .of(t)
            .iter()
            .map(|&p| store.articles[store.article_of(p as usize)].outlet)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let line_quoted: Vec<bool> = (0..n_texts as TextId)
        .map(|t| {
            text_paras
                .of(t)
                .iter()
                .any(|&p| store.paras[p as usize].has(crate::store::Para::LINE_QUOTED))
        })
        .collect();
    let facts = crate::spans::TextFacts {
        skip: &skip,
        cluster: &text_cluster,
        articles: &text_articles,
        outlets: &outlets_of,
        line_quoted: &line_quoted,
        outside: &store.outside_phrases,
    };
    let found = find_runs(store, &facts, &engine.config.spans);
    let span_pairs_capped = found.capped_pairs;
    let members = group_members(store, &found.groups, &text_paras, kinds);

    // Shared photo credits, grouped by their distinctive words.
    let mut credits: HashMap<Vec<u64>, Vec<(u32, ByteSpan, String)>> = HashMap::new();
    let mut buf = String::new();
    for (i, art) in store.articles.iter().enumerate() {
        for d in art
            .declared
            .iter()
            .filter(|d| d.kind == crate::provenance::DeclKind::PhotoCredit)
        {
            if let Some(key) = credit_key(&d.text, &mut buf) {
                credits
                    .entry(key)
                    .or_default()
                    .push((i as u32, d.span, d.outlet.clone()));
            }
        }
    }
    let mut credit_groups: Vec<Vec<(u32, ByteSpan, String)>> = credits
        .into_values()
        .filter(|g| {
            let mut o: Vec<u32> = g
                .iter()
                .map(|m| store.articles[m.0 as usize].outlet)
                .collect();
            o.sort_unstable();
            o.dedup();
            o.len() >= 2
        })
        .collect();
    credit_groups
        .iter_mut()
        .for_each(|g| g.sort_by_key(|m| (m.0, m.1)));
    credit_groups.sort_by_key(|g| (g[0].0, g[0].1));

    let mut new_findings: Vec<Finding> = Vec::new();
    let mut new_kinds: Vec<usize> = Vec::new();
    let para_member = |p: usize, span: ByteSpan| {
        let art = store.article_of(p);
        Member {
            article: ArticleIdx(art as u32),
            paragraph: Some(p as u32 - store.articles[art].first_para),
            span,
        }
    };
    // Place every run in bytes, splitting each paragraph into words and finding its
    // quotations once however many runs it carries (a long paragraph can carry tens of
    // thousands: once per run is quadratic). Articles are read again one at a time, in input
    // order, so their texts are never all in memory.
    let mut runs: Vec<(u32, u32, u32)> = members
        .iter()
        .flat_map(|(ms, _)| ms.iter().map(|m| (m.para, m.start_word, m.end_word)))
        .collect();
    runs.sort_unstable();
    runs.dedup();
    let mut placed: HashMap<(u32, u32, u32), (ByteSpan, bool)> = HashMap::with_capacity(runs.len());
    // The articles carrying runs, in order, each with its runs as a range of `runs`.
    let mut article_runs: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut at = 0;
    for same_article in
        runs.chunk_by(|x, y| store.article_of(x.0 as usize) == store.article_of(y.0 as usize))
    {
        let art = store.article_of(same_article[0].0 as usize);
        article_runs.push((art, at..at + same_article.len()));
        at += same_article.len();
    }
    let locs: Vec<_> = article_runs
        .iter()
        .map(|&(i, _)| (i, store.articles[i].location.clone()))
        .collect();
    let place = |text: &str,
                 runs: &[(u32, u32, u32)],
                 placed: &mut HashMap<(u32, u32, u32), (ByteSpan, bool)>| {
        for same_para in runs.chunk_by(|x, y| x.0 == y.0) {
            let p = same_para[0].0 as usize;
            let para = store.paras[p];
            let Some(text) = para.span.slice(text) else {
                continue;
            };
            let bounds = word_bounds(text);
            let quotes = crate::spans::quotation_ranges(text);
            for &(_, s, e) in same_para {
                if let Some(span) = span_of_words(&bounds, para.span.start, s, e) {
                    let local = (span.start - para.span.start) as usize
                        ..(span.end - para.span.start) as usize;
                    let quoted = crate::spans::is_quoted_in(&quotes, local.clone());
                    // A shared quotation is reported as the quotation: the run often goes on
                    // into an attribution ("…,” she said) that is not part of what was quoted.
                    let span = match quoted
                        .then(|| crate::spans::quotation_part_in(text, &quotes, local))
                        .flatten()
                    {
                        Some(q) => ByteSpan::new(
                            para.span.start as usize + q.start,
                            para.span.start as usize + q.end,
                        ),
                        None => span,
                    };
                    placed.insert((p as u32, s, e), (span, quoted));
                }
            }
        }
    };
    let mut read_again = vec![false; article_runs.len()];
    crate::corpus::for_each_text(
        corpus,
        &FieldNames::from(&engine.config.input),
        &locs,
        &mut |art, text| {
            if let Ok(k) = article_runs.binary_search_by_key(&art, |a| a.0) {
                read_again[k] = true;
                place(&text, &runs[article_runs[k].1.clone()], &mut placed);
            }
        },
    );
    // An article whose text cannot be read again (from an index): the whole paragraph, a
    // quotation when most of the run's words are quoted.
    for ((_, r), _) in article_runs
        .iter()
        .zip(&read_again)
        .filter(|(_, read)| !**read)
    {
        for &(p, s, e) in &runs[r.clone()] {
            let para = store.paras[p as usize];
            let quoted_words = (s..e)
                .filter(|&i| store.texts.is_quoted(para.text, i as usize))
                .count();
            let quoted = quoted_words * 2 >= (e - s) as usize;
            placed.insert((p, s, e), (para.span, quoted));
        }
    }
    drop(runs);
    let min_unquoted = engine.config.spans.min_unquoted_words as u32;
    for (ms, words) in members {
        // (member, paragraph, whether the run is a quotation there)
        let mut resolved: Vec<(Member, usize, bool)> = Vec::new();
        for m in &ms {
            if let Some(&(span, quoted)) = placed.get(&(m.para, m.start_word, m.end_word)) {
                resolved.push((para_member(m.para as usize, span), m.para as usize, quoted));
            }
        }
        // Wording long enough to be a lifted sentence is reuse wherever it appears; a shorter
        // run counts where it is a quotation, shared by two or more outlets' articles.
        // A reply quoting a post line by line keeps the post it quotes (unquoted there).
        let reply = resolved
            .iter()
            .any(|r| r.2 && store.paras[r.1].has(crate::store::Para::LINE_QUOTED));
        if words < min_unquoted && !reply {
            resolved.retain(|r| r.2);
        }
        let quoted = resolved.iter().filter(|r| r.2).count() >= 2;
        let mut outlets: Vec<u32> = resolved
            .iter()
            .map(|r| store.articles[r.0.article.get()].outlet)
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        if outlets.len() < 2 {
            continue;
        }
        let mut out: Vec<Member> = resolved.iter().map(|r| r.0).collect();
        new_kinds.extend(resolved.iter().map(|r| r.1));
        out.sort();
        let origin = crate::classify::origin_of(store, out.iter().map(|m| m.article.0));
        new_findings.push(Finding {
            kind: FindingKind::ReusedWording,
            members: out,
            score: 1.0,
            evidence: Evidence::SharedSpan { words, quoted },
            origin,
            cross_outlet: Some(true),
        });
    }
    for g in credit_groups {
        let mut out = Vec::new();
        for (art, span, _) in &g {
            let r = store.articles[*art as usize].paras();
            if let Some(p) = r.clone().find(|&p| {
                let s = store.paras[p].span;
                s.start <= span.start && span.end <= s.end
            }) {
                out.push(para_member(p, *span));
                new_kinds.push(p);
            }
        }
        if out.len() < 2 {
            continue;
        }
        let origin = crate::classify::origin_of(store, out.iter().map(|m| m.article.0));
        new_findings.push(Finding {
            kind: FindingKind::ReusedWording,
            members: out,
            score: 1.0,
            evidence: Evidence::SharedCredit {
                outlet: g[0].2.clone(),
            },
            origin,
            cross_outlet: Some(true),
        });
    }
    for p in new_kinds {
        a.classification.para_kinds[p].insert(FindingKind::ReusedWording);
    }
    a.classification.findings.extend(new_findings);
    crate::classify::sort_findings(&mut a.classification.findings);
    a.stats.span_pairs_capped = span_pairs_capped;
}
