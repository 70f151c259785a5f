//! Reading: records are decoded, segmented and hashed in parallel batches, then merged into the
//! store in input order (so numbering never depends on threads), and the fingerprints of texts
//! not seen before are computed in parallel. Only fingerprints are kept (see [`crate::store`]).
//! An id seen twice is kept with a `~N` suffix and reported.

use crate::analysis::{Timings, resident_mib};
use crate::config::KeyBits;
use crate::corpus::{Corpus, FieldNames, RawArticle, RawRecord, RecordSink};
use crate::engine::Engine;
use crate::error::RecordError;
use crate::fingerprint::{MASK_MAX_WORDS, MASK_MIN_WORDS, exact_key, masked_key, simhash};
use crate::keys::FingerprintKey;
use crate::model::dates::parse_date;
use crate::model::{ArticleMeta, ByteSpan, DeclKind, Declaration, Location};
use crate::progress::Progress;
use crate::provenance::Token;
use crate::segment::segment;
use crate::shingle::word_hash;
use crate::store::{ArticleRecord, CorpusStore, Para, TextId};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// Bytes of records decoded per parallel batch.
const BATCH_BYTES: usize = 8 << 20;
/// Records decoded per parallel batch at most.
const BATCH_RECORDS: usize = 8192;

/// A paragraph as decoded and hashed, before it is merged into the store.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedPara {
    /// Its bytes in the article's text.
    pub span: ByteSpan,
    /// Layout facts ([`Para::SIGNATURE`], [`Para::LINE_QUOTED`]).
    pub flags: u8,
    /// Site-junk signals (names: [`crate::junk_signal_names`]).
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

/// One record decoded and prepared: what merging takes from it, in input order.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The article, when the record held one.
    pub article: Option<Prepared>,
    /// What is wrong with the record (it may still have given an article).
    pub problems: Vec<RecordError>,
    /// Which configured field names the record held (one bit per name, in the order of
    /// [`FieldNames::configured`]).
    pub found: u8,
}

/// What reading a corpus meets, in input order. Records are merged in batches (of about 8 MiB)
/// while a file's problems are reported as they are met, so replaying the
/// same events, with the same sizes, gives the same store and the same list of problems
/// wherever they were prepared.
#[derive(Clone, Debug)]
pub enum ReadEvent {
    /// A record: its size as batching counts it ([`RawRecord::size`]) and what it gave.
    Record {
        /// Bytes of the record.
        size: u64,
        /// The record decoded and prepared.
        decoded: Decoded,
    },
    /// A file or line that could not be read.
    Error(RecordError),
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
/// The layout facts of a paragraph's text ([`Para::SIGNATURE`], [`Para::LINE_QUOTED`]).
fn layout_flags(para_text: &str) -> u8 {
    let mut flags = 0;
    if para_text
        .lines()
        .next()
        .is_some_and(crate::segment::is_signature_delimiter)
    {
        flags |= Para::SIGNATURE;
    }
    let (mut lines, mut quoted_lines, mut quoting) = (0usize, 0usize, false);
    for l in para_text.lines() {
        lines += 1;
        quoted_lines += usize::from(crate::segment::is_quoted_line(l));
        quoting |= crate::segment::quotes_text(l);
    }
    if quoting && quoted_lines * 2 >= lines {
        flags |= Para::LINE_QUOTED;
    }
    if para_text.lines().next().is_some_and(is_attribution) {
        flags |= Para::ATTRIBUTION;
    }
    flags
}

/// Reads one article into what the store keeps: its paragraphs hashed, keyed and flagged,
/// what it declares about its provenance, and its site-junk signals.
fn prepare(raw: RawArticle, engine: &Engine, s: &mut Scratch) -> Prepared {
    let text = raw.text.as_str();
    let spans = segment(text, raw.body_start);
    s.tokens.clear();
    let mut paras: Vec<PreparedPara> = spans
        .iter()
        .map(|span| prepare_para(text, *span, s))
        .collect();
    // A page that kept its links: a Markdown page's blockquotes are no mail quotes, and what
    // it declares is read with its marks blanked out.
    let markup = crate::segment::Markup::of(text);
    if markup == crate::segment::Markup::Markdown {
        for p in &mut paras {
            p.flags &= !Para::LINE_QUOTED;
        }
    }
    let blanked = markup.blanked(text);
    let read = blanked.as_deref().unwrap_or(text);
    let read_spans: Cow<[ByteSpan]> = match &blanked {
        Some(b) => spans.iter().map(|s| trimmed(b, *s)).collect(),
        None => Cow::Borrowed(&spans),
    };
    let first_body = usize::from(raw.title_is_first_paragraph);
    let own = raw.meta.outlet.as_deref().or(raw.meta.url.as_deref());
    let mail = crate::store::mail_shaped(paras.iter().map(|p| p.flags));
    let mut junk = if mail {
        vec![0; spans.len()]
    } else {
        engine.junk.detect(
            text,
            &spans,
            first_body,
            own,
            raw.meta.title.as_deref(),
            markup,
        )
    };
    let declared = engine
        .outlets
        .declared(read, &read_spans, &s.tokens, first_body, &junk, own);
    if !mail {
        let whole = whole_declarations(read, &read_spans, first_body, &declared);
        engine
            .junk
            .mark_declared(read, &read_spans, &whole, own, &mut junk);
    }
    for (p, j) in paras.iter_mut().zip(junk) {
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

/// `span` of `text` without the white space at its edges (an empty span where it was all
/// white space).
fn trimmed(text: &str, span: ByteSpan) -> ByteSpan {
    let para = &text[span.range()];
    let start = span.start as usize + (para.len() - para.trim_start().len());
    let end = (start + para.trim().len()).max(start);
    ByteSpan::new(start, end)
}

/// The paragraphs (from `first_body` on) that a declaration takes whole, with its kind: a
/// wire's sign-off or a stamp naming it, or a picture's credit, on a line of its own.
fn whole_declarations(
    text: &str,
    spans: &[ByteSpan],
    first_body: usize,
    declared: &[Declaration],
) -> Vec<(usize, DeclKind)> {
    declared
        .iter()
        .filter(|d| matches!(d.kind, DeclKind::Attribution | DeclKind::PhotoCredit))
        .filter_map(|d| {
            let i = spans.partition_point(|s| s.end <= d.span.start);
            let span = spans.get(i)?;
            let para = text.get(span.range())?;
            // Spaces, and the marker of an agency's file picture ("FILE - (AP Photo/…)").
            let trimmed = para.trim_start();
            let lead = (para.len() - trimmed.len()
                + crate::provenance::declared::file_marker(trimmed)) as u32;
            let tail = (para.len() - para.trim_end().len()) as u32;
            let whole = d.span.start <= span.start + lead && d.span.end + tail >= span.end;
            (i >= first_body && whole).then_some((i, d.kind))
        })
        .collect()
}

/// One paragraph: its words hashed (appended to the article's tokens in `s`), its exact and
/// number-masked keys, which words are quoted, and its layout flags.
fn prepare_para(text: &str, span: ByteSpan, s: &mut Scratch) -> PreparedPara {
    s.hashes.clear();
    s.numeric.clear();
    let base = span.start as usize;
    let para_text = &text[span.range()];
    let (buf, tokens, hashes, numeric) = (&mut s.buf, &mut s.tokens, &mut s.hashes, &mut s.numeric);
    crate::normalize::for_each_word(para_text, |st, w| {
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
    let quoted = quoted_words(
        para_text,
        base,
        &s.tokens[s.tokens.len() - s.hashes.len()..],
    );
    let maskable = (MASK_MIN_WORDS..MASK_MAX_WORDS).contains(&n) && s.numeric.iter().any(|x| !x);
    PreparedPara {
        span,
        flags: layout_flags(para_text),
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
    }
}

/// Which of a paragraph's words (`tokens`, placed in the article's text; the paragraph starts
/// at `base`) sit inside a quotation; empty when the paragraph quotes nothing.
fn quoted_words(para_text: &str, base: usize, tokens: &[Token]) -> Vec<bool> {
    if !para_text.contains(['“', '«', '"', '>']) {
        return Vec::new();
    }
    let quotes = crate::spans::quotation_ranges(para_text);
    if quotes.is_empty() {
        return Vec::new();
    }
    let starts: Vec<usize> = tokens.iter().map(|t| t.start as usize - base).collect();
    // Tokens and quotations are both in order: one walk, not tokens × quotations.
    crate::spans::positions_quoted(&quotes, &starts)
}

/// Verbs that end a reply's attribution line, in several languages.
const ATTRIBUTION_VERBS: [&str; 11] = [
    "writes:",
    "wrote:",
    "schrieb:",
    "a écrit :",
    "a écrit:",
    "escribió:",
    "escreveu:",
    "ha scritto:",
    "написал:",
    "napisał:",
    "schreef:",
];

/// A reply's attribution line: it names a mail address or message id and ends in "writes:"
/// or "wrote:" ("In article <1993Apr5.1@example.org>, bob@example.org (Bob) writes:"). A
/// story's "the minister wrote:" names no address, and a social handle (`@name`) is not one.
fn is_attribution(line: &str) -> bool {
    let t = line.trim_end();
    let verb = ATTRIBUTION_VERBS.iter().any(|v| {
        let at = t.len().saturating_sub(v.len());
        t.len() > v.len() && t.is_char_boundary(at) && t[at..].eq_ignore_ascii_case(v)
    });
    let address = |w: &str| {
        let w = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '@'));
        w.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.ends_with('.')
        })
    };
    t.len() <= 300 && verb && t.split_whitespace().any(address)
}

/// Collects records into batches and runs them through the parallel stages. Batch `n + 1` is
/// decoded and hashed while batch `n` is merged into the store (merging is sequential, to keep
/// input order, and would otherwise leave a core idle).
struct Ingest<'a> {
    corpus: &'a Corpus,
    engine: &'a Engine,
    names: FieldNames,
    batch: Vec<Queued>,
    batch_bytes: usize,
    /// The last batch decoded, waiting to be merged.
    pending: Vec<Decoded>,
    merger: Merger<'a>,
}

/// A record waiting in a batch: read here and still to decode, or prepared elsewhere.
enum Queued {
    Raw(RawRecord),
    Ready(Decoded),
}

/// Decodes and prepares one record.
fn decode_record(
    corpus: &Corpus,
    names: &FieldNames,
    engine: &Engine,
    r: RawRecord,
    s: &mut Scratch,
) -> Decoded {
    let parsed = corpus.decode(names, r);
    Decoded {
        article: parsed.article.map(|a| prepare(a, engine, s)),
        problems: parsed.problems,
        found: parsed.found,
    }
}

/// What merging writes: the store and everything reported along the way.
struct Merger<'a> {
    corpus: &'a Corpus,
    engine: &'a Engine,
    progress: &'a dyn Progress,
    store: CorpusStore,
    errors: Vec<RecordError>,
    /// Configured field names some JSON record held ([`crate::corpus::meta::Parsed::found`]).
    found_fields: u8,
    /// Ids seen so far, with where each was first read and how many times.
    seen_ids: HashMap<String, (Location, u32)>,
    /// Whether new texts are fingerprinted (simhash and band keys): not when the matching
    /// stages ran elsewhere.
    bands: bool,
    timings: Timings,
}

impl RecordSink for Ingest<'_> {
    fn record(&mut self, record: RawRecord) {
        let size = record.size();
        self.queue(Queued::Raw(record), size);
    }

    fn error(&mut self, error: RecordError) {
        self.merger.errors.push(error);
    }

    fn progress(&mut self, n: u64) {
        self.merger.progress.advance(n, 0);
    }

    fn takes_rows(&self) -> bool {
        true
    }
}

impl Ingest<'_> {
    /// Adds a record to the batch, and runs the batch when it is full.
    fn queue(&mut self, record: Queued, size: usize) {
        self.batch_bytes += size;
        self.batch.push(record);
        if self.batch_bytes >= BATCH_BYTES || self.batch.len() >= BATCH_RECORDS {
            self.flush();
        }
    }

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
            || -> Vec<Decoded> {
                batch
                    .into_par_iter()
                    .map_init(Scratch::default, |s, q| match q {
                        Queued::Raw(r) => decode_record(corpus, names, engine, r, s),
                        Queued::Ready(d) => d,
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
    fn merge_batch(&mut self, prepared: Vec<Decoded>) {
        if prepared.is_empty() {
            return;
        }
        let t0 = std::time::Instant::now();
        let mut new_texts: Vec<TextId> = Vec::new();
        let n_articles = prepared.iter().filter(|p| p.article.is_some()).count() as u64;
        for d in prepared {
            self.found_fields |= d.found;
            self.errors.extend(d.problems);
            if let Some(a) = d.article {
                self.merge(a, &mut new_texts);
            }
        }
        self.timings.add("merge", t0);
        let t0 = std::time::Instant::now();
        if self.bands {
            fingerprint_texts(&mut self.store, self.engine, &new_texts);
        }
        self.timings.add("minhash", t0);
        self.progress.advance(0, n_articles);
    }

    /// Appends one article to the store, in input order.
    fn merge(&mut self, mut a: Prepared, new_texts: &mut Vec<TextId>) {
        // Places are formatted only for the message about a repeated id.
        let place = |loc: &Location| self.corpus.place(loc.file, loc.line);
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
    let outlet = store.outlets.intern(a.meta.outlet.as_deref());
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

/// Computes the simhash and band keys of the texts `ids`, in parallel, at the store's width.
fn fingerprint_texts(store: &mut CorpusStore, engine: &Engine, ids: &[TextId]) {
    match store.texts.key_bits() {
        KeyBits::B32 => fingerprint_texts_keyed::<u32>(store, engine, ids),
        KeyBits::B64 => fingerprint_texts_keyed::<u64>(store, engine, ids),
    }
}

/// [`fingerprint_texts`] with band keys of type `K`.
fn fingerprint_texts_keyed<K: FingerprintKey>(
    store: &mut CorpusStore,
    engine: &Engine,
    ids: &[TextId],
) {
    let f = &engine.config.fingerprint;
    let texts = &store.texts;
    let results: Vec<(u64, Option<Vec<K>>)> = ids
        .par_iter()
        .map_init(
            || (Vec::new(), Vec::new()),
            |(sig, keys), &t| {
                let w = texts.words(t);
                let bands = text_band_keys(engine, w, sig, keys).then(|| keys.clone());
                (simhash(w, f.shingle), bands)
            },
        )
        .collect();
    for (&t, (sh, bands)) in ids.iter().zip(results) {
        store.texts.set_fingerprints(t, sh, bands.as_deref());
    }
}

/// Writes into `keys` the band keys of a text of `words` (`sig` is scratch space), or returns
/// `false` when the text is too short to have any (`fingerprint.min_words`).
pub(crate) fn text_band_keys<K: FingerprintKey>(
    engine: &Engine,
    words: &[u32],
    sig: &mut Vec<u32>,
    keys: &mut Vec<K>,
) -> bool {
    if words.len() < engine.config.fingerprint.min_words {
        return false;
    }
    engine.minhash.band_keys(words, sig, keys);
    true
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

/// A field name the configuration gives that no JSON record of the corpus holds: a typo or a
/// layout the user did not expect, which would otherwise quietly make every article its own
/// outlet (or undated, or skipped).
fn missing_fields(corpus: &Corpus, names: &FieldNames, found: u8) -> Vec<RecordError> {
    let json = corpus
        .files
        .iter()
        .any(|f| f.kind != crate::corpus::FileKind::Txt);
    if !json {
        return Vec::new();
    }
    names
        .configured()
        .into_iter()
        .enumerate()
        .filter(|&(bit, (name, _))| name.is_some() && found & (1 << bit) == 0)
        .map(|(_, (name, key))| {
            RecordError::file(
                key,
                format!(
                    "no record has the field {:?}; check the name (a dotted path such as metadata.source reaches into nested objects)",
                    name.unwrap_or_default()
                ),
            )
        })
        .collect()
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
pub(crate) fn ingest_timed(
    corpus: &Corpus,
    engine: &Engine,
    progress: &dyn Progress,
) -> (CorpusStore, Vec<RecordError>, Timings) {
    progress.stage("fingerprint", Some(corpus.total_bytes()));
    fill_store(corpus, engine, true, progress, |ingest| {
        corpus.stream(&|_, _| true, ingest);
    })
}

/// Builds the store from events read and prepared elsewhere (by [`prepare_events`], in other
/// processes), given in input order: the same store, problems and numbering as [`ingest`]
/// gives on the corpus they were read from. Without `bands` the texts get no band keys (the
/// candidates were found elsewhere).
pub(crate) fn ingest_events(
    corpus: &Corpus,
    engine: &Engine,
    events: impl IntoIterator<Item = ReadEvent>,
    bands: bool,
    progress: &dyn Progress,
) -> (CorpusStore, Vec<RecordError>, Timings) {
    progress.stage("merge", None);
    fill_store(corpus, engine, bands, progress, |ingest| {
        for e in events {
            match e {
                ReadEvent::Record { size, decoded } => {
                    ingest.queue(Queued::Ready(decoded), size as usize)
                }
                ReadEvent::Error(e) => ingest.merger.errors.push(e),
            }
        }
    })
}

/// Runs `feed` on a fresh reader, then seals the store it filled (its texts with band keys
/// when `bands`).
fn fill_store(
    corpus: &Corpus,
    engine: &Engine,
    bands: bool,
    progress: &dyn Progress,
    feed: impl FnOnce(&mut Ingest<'_>),
) -> (CorpusStore, Vec<RecordError>, Timings) {
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
            store: CorpusStore::with_key_bits(
                engine.config.fingerprint.bands,
                engine.config.fingerprint.key_bits,
            ),
            errors: Vec::new(),
            found_fields: 0,
            seen_ids: HashMap::new(),
            bands,
            timings: Timings::default(),
        },
    };
    let t0 = std::time::Instant::now();
    feed(&mut ingest);
    ingest.finish();
    let Merger {
        mut store,
        mut errors,
        mut timings,
        found_fields,
        ..
    } = ingest.merger;
    errors.extend(missing_fields(corpus, &ingest.names, found_fields));
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

/// Reads every record of `corpus`, decodes and prepares it (in parallel batches), and hands
/// each event to `emit` with the number of its file in `corpus`, in input order: the half of
/// [`ingest`] that needs no other part of the corpus, so parts of a corpus can be prepared
/// in separate processes and merged by [`crate::analyze_events`].
pub fn prepare_events(corpus: &Corpus, engine: &Engine, emit: &mut dyn FnMut(u32, ReadEvent)) {
    let mut p = Preparer {
        corpus,
        engine,
        names: FieldNames::from(&engine.config.input),
        file: 0,
        queue: Vec::new(),
        bytes: 0,
        emit,
    };
    corpus.stream(&|_, _| true, &mut p);
    p.flush();
}

/// The sink of [`prepare_events`]: queues what the reader meets, and decodes the queue's
/// records in parallel when it is full.
struct Preparer<'a> {
    corpus: &'a Corpus,
    engine: &'a Engine,
    names: FieldNames,
    /// The file being read.
    file: u32,
    /// Events in input order with their files, records still undecoded.
    queue: Vec<(u32, Result<RawRecord, RecordError>)>,
    bytes: usize,
    emit: &'a mut dyn FnMut(u32, ReadEvent),
}

impl Preparer<'_> {
    fn flush(&mut self) {
        let (corpus, engine, names) = (self.corpus, self.engine, &self.names);
        let events: Vec<(u32, ReadEvent)> = std::mem::take(&mut self.queue)
            .into_par_iter()
            .map_init(Scratch::default, |s, (file, q)| {
                let e = match q {
                    Ok(r) => ReadEvent::Record {
                        size: r.size() as u64,
                        decoded: decode_record(corpus, names, engine, r, s),
                    },
                    Err(e) => ReadEvent::Error(e),
                };
                (file, e)
            })
            .collect();
        self.bytes = 0;
        for (file, e) in events {
            (self.emit)(file, e);
        }
    }
}

impl RecordSink for Preparer<'_> {
    fn start_file(&mut self, file: u32) {
        self.file = file;
    }

    fn record(&mut self, record: RawRecord) {
        self.bytes += record.size();
        self.queue.push((record.file, Ok(record)));
        if self.bytes >= BATCH_BYTES || self.queue.len() >= BATCH_RECORDS {
            self.flush();
        }
    }

    fn error(&mut self, error: RecordError) {
        self.queue.push((self.file, Err(error)));
    }

    fn takes_rows(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{is_attribution, layout_flags};
    use crate::store::Para;

    #[test]
    fn a_bare_quote_mark_is_a_breadcrumb_not_a_reply() {
        assert_eq!(layout_flags(">"), 0);
        assert_eq!(layout_flags(" > "), 0);
        assert_eq!(
            layout_flags("> You wrote that the bridge was late."),
            Para::LINE_QUOTED
        );
        assert_eq!(
            layout_flags(">\n> Quoted text under an empty quoted line."),
            Para::LINE_QUOTED
        );
    }

    #[test]
    fn attribution_lines_name_a_mail_address() {
        for t in [
            "In article <1993Apr5.120934@news.example.org>, bob@example.org (Bob Roe) writes:",
            "ann@example.edu (Ann Doe) wrote:",
            "Am 3. März schrieb Max Muster <max@example.de> schrieb:",
        ] {
            assert!(is_attribution(t), "{t}");
        }
        for t in [
            "In a letter to staff, the chief executive wrote:",
            "The senator (@SenExample) wrote:",
            "Write to jane@example.com for details.",
        ] {
            assert!(!is_attribution(t), "{t}");
        }
    }
}
