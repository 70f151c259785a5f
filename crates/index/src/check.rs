//! A drop of new articles against the index and against itself: the library side of
//! `reprint check`.
//!
//! 1. The drop is read and fingerprinted as `audit` reads a corpus.
//! 2. Every stored text is read once ([`scan_history`]) and compared with the drop's texts
//!    (see [`super::lookup`]): equal exact or masked keys; near-duplicates, found through band
//!    keys and verified with the audit's own comparison; and shared runs of words (a drop
//!    text's span fingerprint), noted with how often the index carries each fingerprint, so
//!    that a phrase common in history stays a common phrase.
//! 3. The index's articles that carry those texts are chosen ([`pick_carriers`]): for each
//!    text its earliest carrier (the origin), its [`RECENT`] most recent ones, and for texts
//!    the drop shares exactly, the most recent ones of the drop article's own outlet, so that
//!    an outlet's footer recurs in the analysis even when the drop holds one article of it.
//!    Texts that only share a run of words, and paragraphs printing one of the drop's photo
//!    credits, come in with their article's other paragraphs left out: a span or a credit
//!    needs nothing else, and a whole article per common phrase would cost too much.
//! 4. Those articles are added to the drop's store as history (after the drop's articles) and
//!    the audit's stages run unchanged. Findings that involve a drop article are the result.
//!
//! What is not compared: the history's other declarations (datelines, source links), and
//! reuse between two history articles (not the drop's business).

use super::codec::{ParaEntry, decode_paras, decode_quoted, decode_words, for_each_para};
use super::lookup::{DropLookup, IdMap, Match, Scratch, Stored, TextHits, examine};
use super::{ArticleRow, Credit, Index, IndexStore, Names, TextRow, decode_credits};
use rayon::prelude::*;
use reprint_core::Corpus;
use reprint_core::Engine;
use reprint_core::Progress;
use reprint_core::config::KeyBits;
use reprint_core::credit_key;
use reprint_core::error::{Error, Result};
use reprint_core::model::dates::order_key;
use reprint_core::model::{ArticleMeta, ByteSpan, Location};
use reprint_core::model::{DeclKind, Declaration};
use reprint_core::{CheckRun, HistoryFigures, HistoryPlace};
use reprint_core::{CorpusStore, FingerprintKey, TextId, TextParas};
use reprint_core::{EXTERNAL_FILE, Prepared, PreparedPara, add_articles, ingest};
use reprint_core::{analyze_store, attach_spans};
use std::collections::{HashMap, HashSet};

/// Most recent carriers taken per matched text, besides the earliest.
pub(crate) const RECENT: usize = 2;
/// Stored texts read per parallel batch.
const BATCH: usize = 8192;

/// A stored text as read for the scan, its blobs still encoded in its [`Batch`]'s bytes.
struct Row {
    id: u32,
    key: u64,
    masked: u64,
    n: u32,
    line_quoted: bool,
    words: std::ops::Range<usize>,
    quoted: Option<std::ops::Range<usize>>,
}

/// Stored texts as read for the scan, their blobs back to back.
#[derive(Default)]
struct Batch {
    rows: Vec<Row>,
    bytes: Vec<u8>,
}

impl Batch {
    fn push(&mut self, t: super::TextRef<'_>) {
        let mut blob = |b: &[u8]| {
            let start = self.bytes.len();
            self.bytes.extend_from_slice(b);
            start..self.bytes.len()
        };
        let words = blob(t.words);
        let quoted = t.quoted.map(&mut blob);
        self.rows.push(Row {
            id: t.id,
            key: t.key,
            masked: t.masked,
            n: t.n,
            line_quoted: t.line_quoted,
            words,
            quoted,
        });
    }
}

/// Reads every stored text once and returns those with something in common with the drop,
/// in id order, and how many texts were read. The calling thread reads batches from the store
/// while the previous batch is compared in parallel.
pub(crate) fn scan_history<S: IndexStore, K: FingerprintKey>(
    index: &Index<S>,
    lookup: &DropLookup<'_, K>,
    engine: &Engine,
    vocab: &[u32],
) -> Result<(Vec<TextHits>, u64)> {
    let place = index.store().place().to_string();
    let compare_batch = |batch: &Batch| -> std::result::Result<Vec<TextHits>, u32> {
        let bytes = &batch.bytes;
        batch
            .rows
            .par_iter()
            .with_min_len(256)
            .map_init(
                || (Scratch::default(), Vec::new(), Vec::new()),
                |(s, words, quoted), row| {
                    if decode_words(&bytes[row.words.clone()], vocab, words).is_none() {
                        return Some(Err(row.id));
                    }
                    quoted.clear();
                    if let Some(q) = &row.quoted
                        && decode_quoted(&bytes[q.clone()], words.len(), quoted).is_none()
                    {
                        return Some(Err(row.id));
                    }
                    let t = Stored {
                        id: row.id,
                        key: row.key,
                        masked: row.masked,
                        n: row.n,
                        words,
                        quoted,
                        line_quoted: row.line_quoted,
                    };
                    examine(lookup, engine, t, s).map(Ok)
                },
            )
            .flatten()
            .collect()
    };
    let (tx, rx) = std::sync::mpsc::sync_channel::<Batch>(2);
    let mut read = 0u64;
    let (scanned, compared) = std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            let mut found = Vec::new();
            for batch in rx {
                found.extend(compare_batch(&batch)?);
            }
            Ok::<_, u32>(found)
        });
        let mut batch = Batch::default();
        let scanned = index.store().scan_texts(&mut |t| {
            read += 1;
            batch.push(t);
            if batch.rows.len() >= BATCH {
                // A closed channel means the worker stopped on a damaged text; it says which.
                let _ = tx.send(std::mem::take(&mut batch));
            }
            Ok(())
        });
        let _ = tx.send(batch);
        drop(tx);
        let compared = worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (scanned, compared)
    });
    scanned?;
    let found = compared.map_err(|id| Error::Index {
        place,
        message: format!("the index is damaged: paragraph text {id} does not decode"),
    })?;
    Ok((found, read))
}

/// Recency of a carrier: dated before undated, then later dates, then later additions.
type Recency = (bool, i64, u32);

fn recency(date: Option<i64>, id: u32) -> Recency {
    (date.is_some(), date.unwrap_or(i64::MIN), id)
}

/// A carrier: its recency, the article, and the text it was chosen for.
type Entry = (Recency, u32, u32);

/// The carriers chosen for one matched text or credit.
#[derive(Clone, Debug, Default)]
struct Pick {
    /// The earliest dated carrier (the origin), by the provenance order.
    earliest: Option<((bool, i64, String), u32, u32)>,
    /// The latest carriers.
    recent: Vec<Entry>,
    /// Outlets whose latest carriers are wanted too.
    outlets: Vec<u32>,
    /// Those carriers.
    own: Vec<Entry>,
}

impl Pick {
    fn offer(&mut self, a: &super::ArticleRef<'_>, text: u32, recent: usize, per_outlet: usize) {
        if a.date_key.is_some() {
            let (d, t, id) = order_key(a.date_key, a.ext_id);
            let better = match &self.earliest {
                None => true,
                Some((k, _, _)) => (d, t, id) < (k.0, k.1, k.2.as_str()),
            };
            if better {
                self.earliest = Some(((d, t, id.to_string()), a.id, text));
            }
        }
        let e = (recency(a.date_key, a.id), a.id, text);
        keep_top(&mut self.recent, e, recent);
        if let Some(o) = a.outlet
            && self.outlets.contains(&o)
        {
            keep_top(&mut self.own, e, per_outlet);
        }
    }

    fn chosen(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.earliest
            .iter()
            .map(|e| (e.1, e.2))
            .chain(self.recent.iter().chain(&self.own).map(|e| (e.1, e.2)))
    }
}

fn keep_top(v: &mut Vec<Entry>, item: Entry, k: usize) {
    if k == 0 || v.iter().any(|x| x.1 == item.1) {
        return;
    }
    if v.len() < k {
        v.push(item);
    } else if let Some(min) = v.iter_mut().min()
        && *min < item
    {
        *min = item;
    }
}

/// What [`pick_carriers`] is asked for each stored text with something in common with the
/// drop.
#[derive(Clone, Debug)]
pub(crate) struct Wanted {
    /// The stored text.
    pub text: u32,
    /// Whether it equals or nearly equals a drop text (its carriers come in whole); when not,
    /// it only shares a run of words, and its carriers come in with that paragraph alone.
    pub whole: bool,
    /// Index ids of the outlets whose latest carriers are wanted too.
    pub outlets: Vec<u32>,
}

/// A stored article to bring in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Pull {
    /// Its id in the index.
    pub id: u32,
    /// `None` for the whole article; else the texts of the only paragraphs wanted.
    pub only: Option<Vec<u32>>,
}

/// Carriers taken for a text or credit that is only shared as a run of words, besides the
/// earliest.
pub(crate) const SPAN_RECENT: usize = 1;

/// The articles to read from the picks, by id: whole for wanted whole texts, else with the
/// picked paragraphs alone.
fn pulls_of(
    wanted: &[Wanted],
    picks: &[Pick],
    credit_picks: &HashMap<Vec<u64>, Pick>,
) -> Vec<Pull> {
    let mut whole: HashSet<u32> = HashSet::new();
    let mut only: HashMap<u32, Vec<u32>> = HashMap::new();
    for (w, pick) in wanted.iter().zip(picks) {
        for (article, text) in pick.chosen() {
            if w.whole {
                whole.insert(article);
            } else {
                only.entry(article).or_default().push(text);
            }
        }
    }
    for pick in credit_picks.values() {
        for (article, text) in pick.chosen() {
            only.entry(article).or_default().push(text);
        }
    }
    let mut pulls: Vec<Pull> = whole.iter().map(|&id| Pull { id, only: None }).collect();
    for (id, mut texts) in only {
        if !whole.contains(&id) {
            texts.sort_unstable();
            texts.dedup();
            pulls.push(Pull {
                id,
                only: Some(texts),
            });
        }
    }
    pulls.sort_unstable_by_key(|p| p.id);
    pulls
}

/// Chooses the index's articles to compare the drop with. For each wanted text: its earliest
/// carrier, its [`RECENT`] latest, and the `per_outlet` latest of each of its outlets (for
/// texts that only share a run of words: the earliest and [`SPAN_RECENT`] latest, with that
/// paragraph alone). For each photo credit key of the drop: the earliest and latest articles
/// printing the same credit, with that paragraph alone. Articles whose id is in `exclude`
/// (the drop's own, when re-checked) are never chosen. Returns articles by id.
pub(crate) fn pick_carriers<S: IndexStore>(
    index: &Index<S>,
    wanted: &[Wanted],
    credit_keys: &HashSet<Vec<u64>>,
    per_outlet: usize,
    exclude: &HashSet<&str>,
) -> Result<Vec<Pull>> {
    if wanted.is_empty() && credit_keys.is_empty() {
        return Ok(Vec::new());
    }
    let slot: IdMap<u32, usize> = wanted
        .iter()
        .enumerate()
        .map(|(i, w)| (w.text, i))
        .collect();
    let mut picks: Vec<Pick> = wanted
        .iter()
        .map(|w| Pick {
            outlets: w.outlets.clone(),
            ..Pick::default()
        })
        .collect();
    let mut credit_picks: HashMap<Vec<u64>, Pick> = HashMap::new();
    let place = index.store().place().to_string();
    let damaged = |what: &str, id: &str| Error::Index {
        place: place.clone(),
        message: format!("the index is damaged: the {what} of article {id} do not decode"),
    };
    let mut entries = Vec::new();
    let mut buf = String::new();
    index.store().scan_articles(&mut |a| {
        if exclude.contains(a.ext_id) {
            return Ok(());
        }
        entries.clear();
        for_each_para(a.paras, |p| entries.push(p))
            .ok_or_else(|| damaged("paragraphs", a.ext_id))?;
        for p in &entries {
            if let Some(&i) = slot.get(&p.text) {
                let (recent, own) = if wanted[i].whole {
                    (RECENT, per_outlet)
                } else {
                    (SPAN_RECENT, 0)
                };
                picks[i].offer(&a, p.text, recent, own);
            }
        }
        if let Some(c) = a.credits
            && !credit_keys.is_empty()
        {
            for credit in decode_credits(c).ok_or_else(|| damaged("credits", a.ext_id))? {
                let Some(key) = credit_key(&credit.text, &mut buf) else {
                    continue;
                };
                if !credit_keys.contains(&key) {
                    continue;
                }
                let para = entries
                    .iter()
                    .find(|p| p.span.start <= credit.start && credit.end <= p.span.end);
                if let Some(p) = para {
                    credit_picks
                        .entry(key)
                        .or_default()
                        .offer(&a, p.text, SPAN_RECENT, 0);
                }
            }
        }
        Ok(())
    })?;
    Ok(pulls_of(wanted, &picks, &credit_picks))
}

/// Checks the drop in `corpus` against `index`: reads and fingerprints it, finds what it
/// shares with the history, brings those history articles in and runs the audit's stages.
pub fn check<S: IndexStore>(
    index: &Index<S>,
    corpus: &Corpus,
    engine: &Engine,
    progress: &dyn Progress,
) -> Result<CheckRun> {
    let (mut store, errors) = ingest(corpus, engine, progress);
    let drop_articles = store.articles.len();
    progress.stage("history", None);
    let mut already_indexed = Vec::new();
    for (i, a) in store.articles.iter().enumerate() {
        if index.store().has_article(&a.meta.id)? {
            already_indexed.push(i);
        }
    }
    let vocab = index.store().vocab()?;
    let (hits, texts_read) = match store.texts.key_bits() {
        KeyBits::B32 => scan_keyed::<S, u32>(index, &store, engine, &vocab)?,
        KeyBits::B64 => scan_keyed::<S, u64>(index, &store, engine, &vocab)?,
    };
    let mut figures = HistoryFigures {
        texts_read,
        ..HistoryFigures::default()
    };
    for h in &hits {
        match h.matches.iter().map(|m| m.1).min() {
            Some(Match::Exact) => figures.exact += 1,
            Some(Match::Masked) => figures.masked += 1,
            Some(Match::Near) => figures.near += 1,
            None if !h.prints.is_empty() => figures.spans += 1,
            None => {}
        }
    }
    let (outside, span_texts) = span_commonness(&hits, engine.config.spans.max_articles);
    let index_outlets = index.store().names(Names::Outlets)?;
    let wanted = wanted_texts(&store, &hits, &span_texts, &index_outlets);
    let exclude: HashSet<&str> = already_indexed
        .iter()
        .map(|&i| store.articles[i].meta.id.as_str())
        .collect();
    let mut buf = String::new();
    let credit_keys: HashSet<Vec<u64>> = store
        .articles
        .iter()
        .flat_map(|a| a.declared.iter())
        .filter(|d| d.kind == DeclKind::PhotoCredit)
        .filter_map(|d| credit_key(&d.text, &mut buf))
        .collect();
    let per_outlet = engine.config.boilerplate.min_articles + 1;
    let pulls = pick_carriers(index, &wanted, &credit_keys, per_outlet, &exclude)?;
    figures.articles = pulls.iter().filter(|p| p.only.is_none()).count() as u64;
    figures.partial = pulls.len() as u64 - figures.articles;
    let (history, places) = load_history(index, &pulls, &vocab)?;
    figures.credits = count_shared_credits(&history, &credit_keys);
    store.outside_phrases = outside;
    add_articles(&mut store, engine, history);
    let mut analysis = analyze_store(store, errors, engine, progress);
    progress.stage("spans", None);
    attach_spans(&mut analysis, corpus, engine);
    Ok(CheckRun {
        analysis,
        drop_articles,
        history: places,
        already_indexed,
        figures,
    })
}

/// [`scan_history`] with the drop keyed at width `K` (the store's).
fn scan_keyed<S: IndexStore, K: FingerprintKey>(
    index: &Index<S>,
    store: &CorpusStore,
    engine: &Engine,
    vocab: &[u32],
) -> Result<(Vec<TextHits>, u64)> {
    let lookup = DropLookup::<K>::new(store, engine);
    scan_history(index, &lookup, engine, vocab)
}

/// How many paragraphs of the index carry each span fingerprint the scan met, and the stored
/// texts worth bringing in for it: those of fingerprints no more common than `max_articles`
/// (a common phrase is not reuse).
fn span_commonness(hits: &[TextHits], max_articles: usize) -> (HashMap<u64, u32>, HashSet<u32>) {
    let mut by_print: IdMap<u64, (u64, Vec<u32>)> = IdMap::default();
    for h in hits {
        for &p in &h.prints {
            let e = by_print.entry(p).or_default();
            e.0 += u64::from(h.n.max(1));
            e.1.push(h.text);
        }
    }
    let mut outside = HashMap::new();
    let mut texts = HashSet::new();
    for (&p, (df, carriers)) in &by_print {
        outside.insert(p, (*df).min(u64::from(u32::MAX)) as u32);
        if *df as usize <= max_articles {
            texts.extend(carriers.iter().copied());
        }
    }
    (outside, texts)
}

/// What to ask [`pick_carriers`] for: every stored text equal or near to a drop text (with
/// the index ids of the outlets of the drop articles carrying an equal text, whose own history
/// shows whether it is their boilerplate), and the span texts worth bringing in.
fn wanted_texts(
    store: &CorpusStore,
    hits: &[TextHits],
    span_texts: &HashSet<u32>,
    index_outlets: &[String],
) -> Vec<Wanted> {
    let by_name: HashMap<String, u32> = index_outlets
        .iter()
        .enumerate()
        .map(|(i, n)| (n.trim().to_lowercase(), i as u32))
        .collect();
    let drop_paras = TextParas::build(&store.paras, store.texts.len());
    let outlets_of = |d: TextId| {
        drop_paras.of(d).iter().filter_map(|&p| {
            let a = &store.articles[store.article_of(p as usize)];
            let name = store.outlets.names[a.outlet as usize].as_deref()?;
            by_name.get(&name.trim().to_lowercase()).copied()
        })
    };
    hits.iter()
        .filter(|h| !h.matches.is_empty() || span_texts.contains(&h.text))
        .map(|h| {
            let mut outlets: Vec<u32> = h
                .matches
                .iter()
                .filter(|m| matches!(m.1, Match::Exact | Match::Masked))
                .flat_map(|m| outlets_of(m.0))
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            Wanted {
                text: h.text,
                whole: !h.matches.is_empty(),
                outlets,
            }
        })
        .collect()
}

/// How many of the drop's credit keys the history articles brought in print.
fn count_shared_credits(history: &[Prepared], keys: &HashSet<Vec<u64>>) -> u64 {
    let mut buf = String::new();
    let found: HashSet<Vec<u64>> = history
        .iter()
        .flat_map(|a| a.declared.iter())
        .filter_map(|d| credit_key(&d.text, &mut buf))
        .filter(|k| keys.contains(k))
        .collect();
    found.len() as u64
}

/// The error of an index whose content does not decode.
fn damaged<S: IndexStore>(store: &S, what: String) -> Error {
    Error::Index {
        place: store.place().to_string(),
        message: format!("the index is damaged: {what}"),
    }
}

/// A stored text's words and whether each is quoted.
type Decoded = (Vec<u32>, Vec<bool>);

/// The words and quotation marks of stored texts, by text id.
fn decode_texts<S: IndexStore>(
    store: &S,
    texts: &HashMap<u32, TextRow>,
    vocab: &[u32],
) -> Result<HashMap<u32, Decoded>> {
    let mut decoded: HashMap<u32, Decoded> = HashMap::with_capacity(texts.len());
    for (id, t) in texts {
        let (mut w, mut q) = (Vec::new(), Vec::new());
        let quoted_ok = |w: &Vec<u32>, q: &mut Vec<bool>| match &t.quoted {
            Some(b) => decode_quoted(b, w.len(), q),
            None => Some(()),
        };
        decode_words(&t.words, vocab, &mut w)
            .and_then(|()| quoted_ok(&w, &mut q))
            .ok_or_else(|| damaged(store, format!("paragraph text {id} does not decode")))?;
        decoded.insert(*id, (w, q));
    }
    Ok(decoded)
}

/// The stored photo credits that lie in the paragraphs kept of an article, as declarations.
fn kept_credits(credits: Vec<Credit>, list: &[(u32, ParaEntry)]) -> Vec<Declaration> {
    credits
        .into_iter()
        .filter(|c| {
            list.iter()
                .any(|(_, p)| p.span.start <= c.start && c.end <= p.span.end)
        })
        .map(|c| Declaration {
            kind: DeclKind::PhotoCredit,
            outlet: c.outlet,
            span: ByteSpan {
                start: c.start,
                end: c.end,
            },
            text: c.text,
            detail: None,
        })
        .collect()
}

/// Reads history articles (whole or in part) and their texts from the index as articles
/// ready for a store, with where each came from.
pub(crate) fn load_history<S: IndexStore>(
    index: &Index<S>,
    pulls: &[Pull],
    vocab: &[u32],
) -> Result<(Vec<Prepared>, Vec<HistoryPlace>)> {
    let store = index.store();
    let ids: Vec<u32> = pulls.iter().map(|p| p.id).collect();
    let rows = store.articles(&ids)?;
    let outlets = store.names(Names::Outlets)?;
    let files = store.names(Names::Files)?;
    let lists = kept_paras(store, &rows, pulls)?;
    let mut text_ids: Vec<u32> = lists.iter().flatten().map(|p| p.1.text).collect();
    text_ids.sort_unstable();
    text_ids.dedup();
    let texts: HashMap<u32, TextRow> = store
        .texts(&text_ids)?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let decoded = decode_texts(store, &texts, vocab)?;
    let mut prepared = Vec::with_capacity(rows.len());
    let mut places = Vec::with_capacity(rows.len());
    for ((r, list), pull) in rows.into_iter().zip(lists).zip(pulls) {
        let declared = kept_credits(stored_credits(store, &r)?, &list);
        places.push(HistoryPlace {
            index_id: r.id,
            path: r
                .file
                .and_then(|f| files.get(f as usize).map(|p| index.paths.shown(p))),
            line: r.line,
            paragraphs: pull
                .only
                .as_ref()
                .map(|_| list.iter().map(|(i, _)| *i).collect()),
        });
        prepared.push(Prepared {
            meta: ArticleMeta {
                id: r.ext_id,
                outlet: r.outlet.and_then(|o| outlets.get(o as usize).cloned()),
                date: r.date,
                title: None,
                url: r.url,
            },
            location: Location {
                file: EXTERNAL_FILE,
                line: 0,
            },
            text_len: r.text_len,
            title_first: r.title_first && pull.only.is_none(),
            paras: prepared_paras(&list, &texts, &decoded),
            declared,
        });
    }
    Ok((prepared, places))
}

/// The paragraphs kept of each pulled article, with their numbers in it: all of them, or
/// those carrying the texts the pull names. The numbers go along so that findings on a partial
/// article name its paragraphs as the stored article numbers them.
fn kept_paras<S: IndexStore>(
    store: &S,
    rows: &[ArticleRow],
    pulls: &[Pull],
) -> Result<Vec<Vec<(u32, ParaEntry)>>> {
    rows.iter()
        .zip(pulls)
        .map(|(r, pull)| {
            Ok(decode_paras(&r.paras)
                .ok_or_else(|| damaged(store, format!("article {} does not decode", r.ext_id)))?
                .into_iter()
                .enumerate()
                .map(|(i, p)| (i as u32, p))
                .filter(|(_, p)| pull.only.as_ref().is_none_or(|o| o.contains(&p.text)))
                .collect())
        })
        .collect()
}

/// The photo credits stored with an article (none when it has none).
fn stored_credits<S: IndexStore>(store: &S, r: &ArticleRow) -> Result<Vec<Credit>> {
    match &r.credits {
        Some(c) => decode_credits(c).ok_or_else(|| {
            damaged(
                store,
                format!("the credits of article {} do not decode", r.ext_id),
            )
        }),
        None => Ok(Vec::new()),
    }
}

/// The kept paragraphs as the pipeline takes them, their words and keys from the decoded
/// texts (a text shared by several paragraphs is decoded once).
fn prepared_paras(
    list: &[(u32, ParaEntry)],
    texts: &HashMap<u32, TextRow>,
    decoded: &HashMap<u32, Decoded>,
) -> Vec<PreparedPara> {
    list.iter()
        .map(|(_, p)| PreparedPara {
            span: p.span,
            flags: p.flags,
            junk: 0,
            key: texts[&p.text].key,
            masked: texts[&p.text].masked,
            words: decoded[&p.text].0.clone(),
            quoted: decoded[&p.text].1.clone(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_k_keeps_the_latest_once() {
        let mut v = Vec::new();
        for (d, id) in [
            (Some(5), 1),
            (Some(9), 2),
            (None, 3),
            (Some(7), 4),
            (Some(9), 2),
        ] {
            keep_top(&mut v, (recency(d, id), id, 0), 2);
        }
        v.sort();
        assert_eq!(v.iter().map(|x| x.1).collect::<Vec<_>>(), vec![4, 2]);
    }
}
