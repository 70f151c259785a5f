//! Cutting findings out of a corpus, with a log of every cut that restores the original.
//!
//! [`plan`] decides, from an [`Analysis`], what goes: every paragraph of the chosen kinds
//! (boilerplate and aggregator footers whole; of an internal duplicate group every member but
//! the first), and every article that is a later copy of another (`syndicated_article`,
//! `duplicate_article`: the group's origin stays). [`cut_ranges`] turns a plan into byte ranges
//! of one article's text, [`apply`] removes them and [`restore`] puts them back; the round trip
//! is exact by construction and checked by [`verify`].
//!
//! **How a cut treats line breaks.** A paragraph is cut with the whitespace that separates it
//! from the next paragraph, from the start of its line to the start of the next paragraph's
//! line, so `A\n\nCUT\n\nB` becomes `A\n\nB`. A cut at the end of the text instead takes the
//! separator before it (from the end of the previous paragraph's line), so `A\n\nCUT\n`
//! becomes `A\n`. Whitespace outside paragraphs is otherwise kept, and so is a front-matter
//! block. Every range starts and ends at a character boundary: at a paragraph boundary or
//! next to a `\n`.
//!
//! The driver [`write_clean`] streams the corpus once more, in input order, and writes each
//! article as one JSONL record and its cuts as removal-log lines; nothing is held in memory but
//! a batch of records. A JSONL record keeps all its fields, in order and byte for byte, except
//! the text field (the cleaned text) and, when it had to change, the id; a `.txt` article
//! becomes `{"id", "title", "source", "date", "url", "text"}` with the fields it has. Nothing
//! here decides what is boilerplate: that comes from the analysis.

use crate::analysis::Analysis;
use crate::corpus::meta::{FieldNames, RawFields, raw_fields};
use crate::corpus::{Corpus, FileKind, RawRecord, RecordSink, parse_jsonl_record};
use crate::error::RecordError;
use crate::figures::grouped;
use crate::model::{ByteSpan, FindingKind, KindSet, Location};
use crate::progress::Progress;
use crate::store::{ArticleRecord, Para};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};

/// The kinds `clean` removes unless told otherwise.
pub const DEFAULT_DROP: [FindingKind; 3] = [
    FindingKind::Boilerplate,
    FindingKind::AggregatorFooter,
    FindingKind::InternalDuplicate,
];

/// Whether `kind` can be dropped. Reused wording cannot: every carrier of a reused paragraph
/// is a member, the origin included, so cutting the finding would cut the original as well
/// (drop the later whole copies with `syndicated_article` instead).
pub fn droppable(kind: FindingKind) -> bool {
    kind != FindingKind::ReusedWording
}

/// One paragraph (or part of one) to cut, before the article's text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PlannedCut {
    /// The paragraph's index in its article.
    pub paragraph: u32,
    /// The bytes the finding covers (the whole paragraph for paragraph-level kinds).
    pub span: ByteSpan,
    /// Why it goes.
    pub kind: FindingKind,
    /// The finding's id (its index in the findings, as in the JSON report).
    pub finding: u32,
}

/// What happens to one article.
#[derive(Clone, Debug, PartialEq)]
pub enum ArticlePlan {
    /// Paragraphs to cut, sorted by paragraph.
    Cut(Vec<PlannedCut>),
    /// The whole article goes: it is a later copy of another article.
    Drop {
        /// `syndicated_article` or `duplicate_article`.
        kind: FindingKind,
        /// The copy finding's id.
        finding: u32,
    },
}

/// What to cut from a corpus: the articles concerned, by article index, ascending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    /// `(article index, what happens to it)`; articles not listed are written unchanged.
    pub articles: Vec<(u32, ArticlePlan)>,
}

impl Plan {
    /// The plan for one article, if it has one.
    pub fn get(&self, article: u32) -> Option<&ArticlePlan> {
        self.articles
            .binary_search_by_key(&article, |(a, _)| *a)
            .ok()
            .map(|i| &self.articles[i].1)
    }

    /// Whether the article is dropped whole.
    pub fn drops(&self, article: u32) -> bool {
        matches!(self.get(article), Some(ArticlePlan::Drop { .. }))
    }
}

/// Decides what to cut: the findings of the `drop` kinds, keeping the first member of each
/// internal duplicate group that is not cut for another reason (a duplicate of a junk line,
/// such as a player's description repeating a sentence of the story, keeps the story's copy)
/// and the source of each copy.
pub fn plan(a: &Analysis, drop: KindSet) -> Plan {
    let links = &a.classification.links;
    // Paragraph spans cut whatever their duplicates do: members of the other paragraph kinds.
    let mut cut_anyway: Vec<(u32, u32, ByteSpan)> = a
        .classification
        .findings
        .iter()
        .filter(|f| {
            drop.contains(f.kind)
                && droppable(f.kind)
                && !matches!(
                    f.kind,
                    FindingKind::InternalDuplicate
                        | FindingKind::SyndicatedArticle
                        | FindingKind::DuplicateArticle
                )
        })
        .flat_map(|f| {
            f.members
                .iter()
                .filter_map(|m| m.paragraph.map(|p| (m.article.0, p, m.span)))
        })
        .collect();
    cut_anyway.sort_unstable();
    cut_anyway.dedup();
    let mut cuts: Vec<(u32, PlannedCut)> = Vec::new();
    let mut drops: Vec<(u32, FindingKind, u32)> = Vec::new();
    for (id, f) in a.classification.findings.iter().enumerate() {
        if !drop.contains(f.kind) || !droppable(f.kind) {
            continue;
        }
        let id = id as u32;
        match f.kind {
            FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle => {
                // The member that is the copy: the one whose copy link points at the other.
                let copy = f.members.iter().find(|m| {
                    links
                        .copies
                        .binary_search_by_key(&m.article.0, |c| c.copy)
                        .is_ok_and(|i| {
                            f.members
                                .iter()
                                .any(|o| o.article.0 == links.copies[i].source)
                        })
                });
                if let Some(m) = copy {
                    drops.push((m.article.0, f.kind, id));
                }
            }
            kind => {
                let mut members: Vec<_> = f
                    .members
                    .iter()
                    .filter_map(|m| m.paragraph.map(|p| (m.article.0, p, m.span)))
                    .collect();
                members.sort_unstable();
                // An internal duplicate keeps its first occurrence that stays.
                let keep = (kind == FindingKind::InternalDuplicate).then(|| {
                    members
                        .iter()
                        .position(|m| cut_anyway.binary_search(m).is_err())
                        .unwrap_or(0)
                });
                for (i, (art, paragraph, span)) in members.into_iter().enumerate() {
                    if keep == Some(i) {
                        continue;
                    }
                    cuts.push((
                        art,
                        PlannedCut {
                            paragraph,
                            span,
                            kind,
                            finding: id,
                        },
                    ));
                }
            }
        }
    }
    drops.sort_unstable_by_key(|d| (d.0, d.1, d.2));
    drops.dedup_by_key(|d| d.0);
    // One cut per span: the first kind in report order wins (findings are sorted by kind).
    cuts.sort_by_key(|(art, c)| (*art, c.paragraph, c.span, c.kind, c.finding));
    cuts.dedup_by_key(|(art, c)| (*art, c.paragraph, c.span));
    let mut articles: Vec<(u32, ArticlePlan)> = Vec::new();
    let (mut di, mut ci) = (0, 0);
    while di < drops.len() || ci < cuts.len() {
        let next_drop = drops.get(di).map_or(u32::MAX, |d| d.0);
        let next_cut = cuts.get(ci).map_or(u32::MAX, |c| c.0);
        let art = next_drop.min(next_cut);
        let mut mine = Vec::new();
        while ci < cuts.len() && cuts[ci].0 == art {
            mine.push(cuts[ci].1);
            ci += 1;
        }
        if next_drop == art {
            let (_, kind, finding) = drops[di];
            di += 1;
            articles.push((art, ArticlePlan::Drop { kind, finding }));
        } else {
            articles.push((art, ArticlePlan::Cut(mine)));
        }
    }
    Plan { articles }
}

/// One removed range of an article's original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cut {
    /// The bytes removed.
    pub span: ByteSpan,
    /// Why.
    pub kind: FindingKind,
    /// The finding's id.
    pub finding: u32,
}

/// Start of the line holding byte `at`, but not before `floor`.
fn line_start(text: &str, at: usize, floor: usize) -> usize {
    match text.as_bytes()[floor..at].iter().rposition(|&b| b == b'\n') {
        Some(i) => floor + i + 1,
        None => floor,
    }
}

/// Position of the line break ending the line that holds byte `at` (or `ceil`).
fn line_end(text: &str, at: usize, ceil: usize) -> usize {
    match text.as_bytes()[at..ceil].iter().position(|&b| b == b'\n') {
        Some(i) => at + i,
        None => ceil,
    }
}

/// The byte ranges to remove from `text`, whose paragraphs are `paras` (the segmenter's
/// ranges, in order, none before `body_start`), under the line-break rule of the module docs.
/// Cuts that cover a whole paragraph take their separator with them; a cut covering only part
/// of a paragraph removes exactly its bytes. The ranges come out sorted and disjoint.
///
/// Returns `None` when a planned cut does not fit the text (the text changed since the plan
/// was made), so the caller can keep the article whole rather than cut the wrong bytes.
// Stays long: sorting the planned cuts, widening whole-paragraph cuts by the line-break rule
// and merging partial cuts share the paragraph indices of one pass.
pub fn cut_ranges(
    text: &str,
    body_start: usize,
    paras: &[ByteSpan],
    planned: &[PlannedCut],
) -> Option<Vec<Cut>> {
    let n = paras.len();
    if body_start > text.len() || paras.iter().any(|p| p.slice(text).is_none()) {
        return None;
    }
    let mut whole: Vec<Option<(FindingKind, u32)>> = vec![None; n];
    let mut partial: Vec<Cut> = Vec::new();
    for c in planned {
        let p = *paras.get(c.paragraph as usize)?;
        c.span.slice(text)?;
        if c.span == p {
            whole[c.paragraph as usize].get_or_insert((c.kind, c.finding));
        } else if p.start <= c.span.start && c.span.end <= p.end && !c.span.is_empty() {
            partial.push(Cut {
                span: c.span,
                kind: c.kind,
                finding: c.finding,
            });
        } else {
            return None;
        }
    }
    let ls = |k: usize| {
        let floor = if k == 0 {
            body_start
        } else {
            paras[k - 1].end as usize
        };
        line_start(text, paras[k].start as usize, floor)
    };
    let le = |k: usize| {
        let ceil = if k + 1 < n {
            paras[k + 1].start as usize
        } else {
            text.len()
        };
        line_end(text, paras[k].end as usize, ceil)
    };
    let mut out: Vec<Cut> = Vec::new();
    let mut i = 0;
    while i < n {
        if whole[i].is_none() {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < n && whole[j + 1].is_some() {
            j += 1;
        }
        for (k, w) in whole.iter().enumerate().take(j + 1).skip(i) {
            let (kind, finding) = (*w)?;
            let (s, e) = if j + 1 < n {
                (ls(k), ls(k + 1)) // a kept paragraph follows: take the separator after
            } else if i > 0 {
                (le(k - 1), le(k)) // at the end: take the separator before
            } else if k < j {
                (ls(k), ls(k + 1)) // everything goes
            } else {
                (ls(k), le(k))
            };
            out.push(Cut {
                span: ByteSpan::new(s, e),
                kind,
                finding,
            });
        }
        i = j + 1;
    }
    // `out` holds the whole-paragraph cuts, in order: a partial cut inside one of them goes.
    let wholes = out.len();
    for c in partial {
        let before = out[..wholes].partition_point(|w| w.span.start <= c.span.start);
        let covered = before > 0 && c.span.end <= out[before - 1].span.end;
        if !covered {
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    // Partial cuts of one paragraph may overlap: merge them into the first.
    let mut merged: Vec<Cut> = Vec::with_capacity(out.len());
    for c in out {
        match merged.last_mut() {
            Some(l) if c.span.start < l.span.end => l.span.end = l.span.end.max(c.span.end),
            _ => merged.push(c),
        }
    }
    Some(merged)
}

/// The text with the cuts (sorted, disjoint, on character boundaries) removed.
pub fn apply(text: &str, cuts: &[Cut]) -> String {
    let removed: usize = cuts.iter().map(|c| c.span.len()).sum();
    let mut out = String::with_capacity(text.len().saturating_sub(removed));
    let mut pos = 0;
    for c in cuts {
        out.push_str(&text[pos..c.span.start as usize]);
        pos = c.span.end as usize;
    }
    out.push_str(&text[pos..]);
    out
}

/// Puts removed pieces back: `pieces` are `(start, end, text)` with offsets into the original,
/// sorted by start. Fails, saying why, when the pieces do not fit the cleaned text.
pub fn restore(cleaned: &str, pieces: &[(u32, u32, &str)]) -> Result<String, String> {
    let extra: usize = pieces.iter().map(|p| p.2.len()).sum();
    let mut out = String::with_capacity(cleaned.len() + extra);
    let mut pos = 0usize; // in `cleaned`
    for &(start, end, piece) in pieces {
        let (start, end) = (start as usize, end as usize);
        if end < start || end - start != piece.len() {
            return Err(format!(
                "removal {start}..{end} holds {} bytes of text, not {}",
                piece.len(),
                end.saturating_sub(start)
            ));
        }
        if start < out.len() {
            return Err(format!(
                "removal {start}..{end} overlaps the one before (which ends at {})",
                out.len()
            ));
        }
        let keep = start - out.len();
        let Some(kept) = cleaned.get(pos..pos + keep) else {
            return Err(format!(
                "removal {start}..{end} lies past the end of the cleaned text"
            ));
        };
        out.push_str(kept);
        out.push_str(piece);
        pos += keep;
    }
    match cleaned.get(pos..) {
        Some(rest) => out.push_str(rest),
        None => return Err("the cleaned text does not match the removals".into()),
    }
    Ok(out)
}

/// One line of the removal log, as written.
#[derive(Debug, Serialize)]
pub struct RemovalOut<'a> {
    /// The article's id (as in the cleaned output).
    pub article: &'a str,
    /// First byte removed, in the original text.
    pub start: u32,
    /// One past the last byte removed.
    pub end: u32,
    /// The finding kind that caused the cut.
    pub kind: FindingKind,
    /// The finding's id (as in `reprint audit --format json`).
    pub finding: u32,
    /// The bytes removed, exactly.
    pub text: &'a str,
}

/// One line of the removal log, as read back.
#[derive(Debug, Deserialize, PartialEq)]
pub struct Removal {
    /// The article's id.
    pub article: String,
    /// First byte removed, in the original text.
    pub start: u32,
    /// One past the last byte removed.
    pub end: u32,
    /// The finding kind's name.
    pub kind: String,
    /// The finding's id.
    pub finding: u32,
    /// The bytes removed.
    pub text: String,
}

/// Figures of a clean run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CleanSummary {
    /// Articles read again.
    pub articles: u64,
    /// Articles written.
    pub written: u64,
    /// Articles dropped whole.
    pub dropped: u64,
    /// Words in the corpus.
    pub words: u64,
    /// Per kind (index = `kind as usize`): removal-log lines.
    pub pieces: [u64; 6],
    /// Per kind: words removed.
    pub words_removed: [u64; 6],
    /// Articles written unchanged because their text no longer matched the analysis.
    pub unchanged: u64,
}

impl CleanSummary {
    fn add(&mut self, o: &CleanSummary) {
        self.articles += o.articles;
        self.written += o.written;
        self.dropped += o.dropped;
        self.unchanged += o.unchanged;
        for i in 0..6 {
            self.pieces[i] += o.pieces[i];
            self.words_removed[i] += o.words_removed[i];
        }
    }

    /// All words removed.
    pub fn total_removed(&self) -> u64 {
        self.words_removed.iter().sum()
    }
}

/// Writes the summary of a clean run: articles written and dropped, and per dropped kind the
/// pieces and words removed.
pub fn write_summary(w: &mut dyn Write, s: &CleanSummary, drop: KindSet) -> io::Result<()> {
    writeln!(
        w,
        "reprint clean: {} articles, {} written, {} dropped whole",
        grouped(s.articles),
        grouped(s.written),
        grouped(s.dropped)
    )?;
    let share = if s.words == 0 {
        0.0
    } else {
        100.0 * s.total_removed() as f64 / s.words as f64
    };
    writeln!(
        w,
        "removed {} pieces, {} of {} words ({share:.1}%)",
        grouped(s.pieces.iter().sum()),
        grouped(s.total_removed()),
        grouped(s.words)
    )?;
    writeln!(w, "  {:<20} {:>9} {:>10}", "kind", "pieces", "words")?;
    for k in drop.iter() {
        let i = k as usize;
        writeln!(
            w,
            "  {:<20} {:>9} {:>10}",
            k.name(),
            grouped(s.pieces[i]),
            grouped(s.words_removed[i])
        )?;
    }
    if s.unchanged > 0 {
        writeln!(
            w,
            "{} articles written unchanged: their text changed since it was analysed",
            grouped(s.unchanged)
        )?;
    }
    Ok(())
}

/// What one record became.
#[derive(Default)]
struct Done {
    record: Vec<u8>,
    log: Vec<u8>,
    summary: CleanSummary,
    problems: Vec<RecordError>,
}

/// How messages name an article's record.
fn place_of(corpus: &Corpus, loc: &Location) -> String {
    corpus.place(loc.file, loc.line)
}

/// The record locations of the analysed articles, in input order (which is sorted).
fn locations(a: &Analysis) -> Vec<(u32, u32)> {
    a.store
        .articles
        .iter()
        .map(|r| (r.location.file, r.location.line))
        .collect()
}

/// Decodes an article's record again, as the analysis did: its text and where its body starts.
fn decode_again(corpus: &Corpus, names: &FieldNames, r: RawRecord) -> Option<(String, usize)> {
    let parsed = corpus.decode(names, r);
    parsed.article.map(|a| (a.text, a.body_start))
}

/// Streams the corpus and writes the cleaned records to `out` and the removal log to `log`.
/// Articles the analysis did not read (bad records) are not written; they were reported then.
/// An article whose text no longer matches the analysis (its file changed) is written
/// unchanged and reported among the returned problems.
pub fn write_clean(
    corpus: &Corpus,
    a: &Analysis,
    plan: &Plan,
    names: &FieldNames,
    out: &mut dyn Write,
    log: &mut dyn Write,
    progress: &dyn Progress,
) -> io::Result<(CleanSummary, Vec<RecordError>)> {
    let locs = locations(a);
    let mut sink = CleanSink {
        corpus,
        a,
        plan,
        names,
        locs: &locs,
        out,
        log,
        batch: Vec::new(),
        batch_bytes: 0,
        summary: CleanSummary {
            words: a.total_words(),
            ..CleanSummary::default()
        },
        problems: Vec::new(),
        failed: None,
        seen: 0,
        progress,
    };
    progress.stage("clean", Some(corpus.total_bytes()));
    corpus.stream(&|f, l| locs.binary_search(&(f, l)).is_ok(), &mut sink);
    sink.flush();
    if let Some(e) = sink.failed {
        return Err(e);
    }
    let seen = sink.seen;
    sink.missing(seen..a.store.articles.len());
    Ok((sink.summary, sink.problems))
}

struct CleanSink<'a> {
    corpus: &'a Corpus,
    a: &'a Analysis,
    plan: &'a Plan,
    names: &'a FieldNames,
    locs: &'a [(u32, u32)],
    out: &'a mut dyn Write,
    log: &'a mut dyn Write,
    batch: Vec<(usize, RawRecord)>,
    batch_bytes: usize,
    summary: CleanSummary,
    problems: Vec<RecordError>,
    failed: Option<io::Error>,
    /// Articles handed over so far (they come in order).
    seen: usize,
    progress: &'a dyn Progress,
}

impl RecordSink for CleanSink<'_> {
    fn record(&mut self, record: RawRecord) {
        let Ok(idx) = self.locs.binary_search(&(record.file, record.line)) else {
            return;
        };
        self.missing(self.seen..idx);
        self.seen = idx + 1;
        self.batch_bytes += record.bytes.len();
        self.batch.push((idx, record));
        if self.batch_bytes >= 8 << 20 || self.batch.len() >= 4096 {
            self.flush();
        }
    }

    fn error(&mut self, _: RecordError) {
        // Read errors were reported by the analysis, which read the same files.
    }

    fn progress(&mut self, n: u64) {
        self.progress.advance(n, 0);
    }
}

impl CleanSink<'_> {
    /// Reports articles the second reading did not find (their file vanished or shrank).
    fn missing(&mut self, range: std::ops::Range<usize>) {
        for r in &self.a.store.articles[range] {
            self.problems.push(RecordError {
                place: place_of(self.corpus, &r.location),
                message: format!(
                    "article \"{}\" could not be read again; not written",
                    r.meta.id
                ),
            });
        }
    }

    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.batch_bytes = 0;
        if batch.is_empty() || self.failed.is_some() {
            return;
        }
        let (corpus, a, plan, names) = (self.corpus, self.a, self.plan, self.names);
        let done: Vec<Done> = batch
            .into_par_iter()
            .map(|(idx, r)| clean_record(corpus, a, plan, names, idx, r))
            .collect();
        let n = done.len() as u64;
        for d in done {
            self.summary.add(&d.summary);
            self.problems.extend(d.problems);
            let w = self
                .out
                .write_all(&d.record)
                .and_then(|_| self.log.write_all(&d.log));
            if let Err(e) = w {
                self.failed = Some(e);
                return;
            }
        }
        self.progress.advance(0, n);
    }
}

/// Decodes one record again and renders its cleaned form and log lines into memory.
// Stays long: each way a record can fail to be cleaned is reported where it is found.
fn clean_record(
    corpus: &Corpus,
    a: &Analysis,
    plan: &Plan,
    names: &FieldNames,
    idx: usize,
    r: RawRecord,
) -> Done {
    let mut done = Done::default();
    let art = &a.store.articles[idx];
    let place = place_of(corpus, &art.location);
    let raw = match corpus.files[r.file as usize].kind {
        FileKind::Txt => None,
        _ => match raw_fields(&String::from_utf8_lossy(&r.bytes)) {
            Ok(raw) => Some(raw),
            Err(e) => {
                // Not expected once the record decoded; say so rather than drop fields quietly.
                done.problems.push(RecordError {
                    place: place.clone(),
                    message: format!(
                        "its fields could not be kept ({e}); written with id and text only"
                    ),
                });
                None
            }
        },
    };
    let Some((text, body_start)) = decode_again(corpus, names, r) else {
        done.problems.push(RecordError {
            place,
            message: format!(
                "article \"{}\" could not be decoded again; not written",
                art.meta.id
            ),
        });
        return done;
    };
    done.summary.articles = 1;
    let paras: Vec<ByteSpan> = a.store.paras[art.paras()].iter().map(|p| p.span).collect();
    let mut cuts: Vec<Cut> = Vec::new();
    if text.len() != art.text_len as usize {
        done.summary.unchanged = 1;
        done.problems.push(RecordError {
            place,
            message: format!(
                "the text changed since it was read ({} bytes, now {}); written unchanged",
                art.text_len,
                text.len()
            ),
        });
    } else {
        match plan.get(idx as u32) {
            None => {}
            Some(ArticlePlan::Drop { kind, finding }) => {
                done.summary.dropped = 1;
                done.summary.pieces[*kind as usize] += 1;
                done.summary.words_removed[*kind as usize] += art.words as u64;
                let all = ByteSpan::new(0, text.len());
                write_removal(&mut done.log, &art.meta.id, all, *kind, *finding, &text);
                return done;
            }
            Some(ArticlePlan::Cut(planned)) => {
                match cut_ranges(&text, body_start, &paras, planned) {
                    Some(c) => cuts = c,
                    None => {
                        done.summary.unchanged = 1;
                        done.problems.push(RecordError {
                            place,
                            message: "the text no longer matches the analysis; written unchanged"
                                .into(),
                        });
                    }
                }
            }
        }
    }
    log_cuts(&mut done, art, &text, &a.store.paras[art.paras()], &cuts);
    done.summary.written = 1;
    write_record(
        &mut done.record,
        art,
        raw.as_ref(),
        names,
        &apply(&text, &cuts),
    );
    done
}

/// Counts the pieces and words each cut of article `art` removes from `text` and writes them to
/// the removal log; `para_words` are the article's paragraphs.
fn log_cuts(done: &mut Done, art: &ArticleRecord, text: &str, para_words: &[Para], cuts: &[Cut]) {
    // Cuts and paragraphs are both in order: one walk finds the paragraphs each cut covers.
    let mut k = 0;
    for c in cuts {
        let removed = &text[c.span.range()];
        while k < para_words.len() && para_words[k].span.start < c.span.start {
            k += 1;
        }
        let mut whole = 0u64;
        let mut j = k;
        while j < para_words.len() && para_words[j].span.end <= c.span.end {
            whole += para_words[j].words as u64;
            j += 1;
        }
        // Words of the paragraphs the cut covers whole, else of the bytes it removes.
        let words = if whole > 0 {
            whole
        } else {
            crate::normalize::word_count(removed) as u64
        };
        done.summary.pieces[c.kind as usize] += 1;
        done.summary.words_removed[c.kind as usize] += words;
        write_removal(
            &mut done.log,
            &art.meta.id,
            c.span,
            c.kind,
            c.finding,
            removed,
        );
    }
}

fn write_removal(
    log: &mut Vec<u8>,
    article: &str,
    span: ByteSpan,
    kind: FindingKind,
    finding: u32,
    text: &str,
) {
    let line = RemovalOut {
        article,
        start: span.start,
        end: span.end,
        kind,
        finding,
        text,
    };
    // Serializing strings and numbers into memory does not fail.
    if serde_json::to_writer(&mut *log, &line).is_ok() {
        log.push(b'\n');
    }
}

/// JSON text of a string.
fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// Writes one output record: the input's fields with the cleaned text (JSONL input), or the
/// article's metadata and cleaned text (`.txt` input).
fn write_record(
    out: &mut Vec<u8>,
    art: &ArticleRecord,
    raw: Option<&RawFields>,
    names: &FieldNames,
    cleaned: &str,
) {
    let mut first = true;
    let mut field = |out: &mut Vec<u8>, key: &str, value: &str| {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(json_str(key).as_bytes());
        out.push(b':');
        out.extend_from_slice(value.as_bytes());
    };
    let id_key = names.id_field().unwrap_or("id");
    out.push(b'{');
    match raw {
        Some(raw) => {
            let text_at = raw.text_index(names);
            let id_at = raw.id_index(names);
            let id_kept = id_at.is_some_and(|i| raw.scalar(i).as_deref() == Some(&art.meta.id));
            if id_at.is_none() {
                field(out, id_key, &json_str(&art.meta.id));
            }
            // The cleaned text is always under `text`: when the record held it under another
            // name (`maintext`, `--text-field body`), that field keeps the cleaned text too and
            // `text` follows it, unless the record already has a `text` field of its own.
            let has_text_key = raw.fields.iter().any(|(k, _)| k == "text");
            for (i, (k, v)) in raw.fields.iter().enumerate() {
                if Some(i) == text_at {
                    field(out, k, &json_str(cleaned));
                    if k != "text" && !has_text_key {
                        field(out, "text", &json_str(cleaned));
                    }
                } else if Some(i) == id_at && !id_kept {
                    field(out, k, &json_str(&art.meta.id));
                } else {
                    field(out, k, v.get());
                }
            }
        }
        None => {
            let m = &art.meta;
            field(out, id_key, &json_str(&m.id));
            for (k, v) in [
                ("title", &m.title),
                ("source", &m.source),
                ("date", &m.date),
                ("url", &m.url),
            ] {
                if let Some(v) = v {
                    field(out, k, &json_str(v));
                }
            }
            field(
                out,
                names.text_field().unwrap_or("text"),
                &json_str(cleaned),
            );
        }
    }
    out.extend_from_slice(b"}\n");
}

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct VerifyReport {
    /// Articles whose original was rebuilt from the cleaned text and the log, and matched.
    pub articles: u64,
    /// Articles dropped whole whose log line holds their whole text.
    pub dropped: u64,
    /// Problems, each naming an article or a line of the files read.
    pub problems: Vec<String>,
}

/// Checks, for every article of the analysis, that its original text (read again from the
/// corpus) equals its cleaned text (from `cleaned`, the JSONL written by [`write_clean`]) with
/// the removal log's pieces (from `log`) put back, and that a dropped article's log line holds
/// its whole text. `plan` says which articles were dropped.
pub fn verify(
    corpus: &Corpus,
    a: &Analysis,
    plan: &Plan,
    names: &FieldNames,
    cleaned: &mut dyn BufRead,
    log: &mut dyn BufRead,
) -> VerifyReport {
    let locs = locations(a);
    let mut v = Verifier {
        corpus,
        a,
        plan,
        names,
        locs: &locs,
        cleaned: LineReader::new(cleaned),
        log: LineReader::new(log),
        pending_log: None,
        seen: 0,
        report: VerifyReport::default(),
    };
    corpus.stream(&|f, l| locs.binary_search(&(f, l)).is_ok(), &mut v);
    let mut report = v.report;
    for r in &a.store.articles[v.seen..] {
        report.problems.push(format!(
            "{}: article \"{}\" could not be read again",
            place_of(corpus, &r.location),
            r.meta.id
        ));
    }
    if let Some((n, _)) = v.cleaned.next_line() {
        report.problems.push(format!(
            "cleaned output line {n}: a record for no article of the corpus, or out of order"
        ));
    }
    let extra_log = v
        .pending_log
        .map(|p| p.0)
        .or_else(|| v.log.next_line().map(|l| l.0));
    if let Some(n) = extra_log {
        report.problems.push(format!(
            "removal log line {n}: a removal for no article of the corpus, or out of order"
        ));
    }
    report
}

/// Reads a file line by line, counting lines; stops at the first read error.
struct LineReader<'a> {
    inner: &'a mut dyn BufRead,
    line: u32,
}

impl<'a> LineReader<'a> {
    fn new(inner: &'a mut dyn BufRead) -> Self {
        LineReader { inner, line: 0 }
    }

    /// The next non-empty line and its number.
    fn next_line(&mut self) -> Option<(u32, Vec<u8>)> {
        loop {
            let mut buf = Vec::new();
            match self.inner.read_until(b'\n', &mut buf) {
                Ok(0) | Err(_) => return None,
                Ok(_) => {
                    self.line += 1;
                    while matches!(buf.last(), Some(b'\n' | b'\r')) {
                        buf.pop();
                    }
                    if !buf.is_empty() {
                        return Some((self.line, buf));
                    }
                }
            }
        }
    }
}

struct Verifier<'a> {
    corpus: &'a Corpus,
    a: &'a Analysis,
    plan: &'a Plan,
    names: &'a FieldNames,
    locs: &'a [(u32, u32)],
    cleaned: LineReader<'a>,
    log: LineReader<'a>,
    pending_log: Option<(u32, Removal)>,
    seen: usize,
    report: VerifyReport,
}

impl Verifier<'_> {
    /// The log's lines for `article` (they come in article order).
    fn removals_of(&mut self, article: &str) -> Result<Vec<Removal>, String> {
        let mut out = Vec::new();
        loop {
            let next = match self.pending_log.take() {
                Some(p) => p,
                None => match self.log.next_line() {
                    None => return Ok(out),
                    Some((n, bytes)) => match serde_json::from_slice::<Removal>(&bytes) {
                        Ok(r) => (n, r),
                        Err(e) => return Err(format!("removal log line {n}: {e}")),
                    },
                },
            };
            if next.1.article == article {
                out.push(next.1);
            } else {
                self.pending_log = Some(next);
                return Ok(out);
            }
        }
    }

    fn check(&mut self, idx: usize, r: RawRecord) -> Result<(), String> {
        let (original, _) = decode_again(self.corpus, self.names, r)
            .ok_or_else(|| "cannot be read again".to_string())?;
        let id = self.a.store.articles[idx].meta.id.clone();
        let removals = self.removals_of(&id)?;
        if self.plan.drops(idx as u32) {
            return match removals.as_slice() {
                [r] if r.start == 0 && r.text == original => {
                    self.report.dropped += 1;
                    Ok(())
                }
                _ => Err("dropped, but the log does not hold its whole text".into()),
            };
        }
        let Some((n, bytes)) = self.cleaned.next_line() else {
            return Err("missing from the cleaned output".into());
        };
        let rec = parse_jsonl_record(bytes, "cleaned output", n, 0, self.names, false);
        let Some(rec) = rec.article else {
            return Err(format!("cleaned output line {n} cannot be read"));
        };
        if rec.meta.id != id {
            return Err(format!(
                "cleaned output line {n} is article \"{}\", expected this one",
                rec.meta.id
            ));
        }
        let pieces: Vec<(u32, u32, &str)> = removals
            .iter()
            .map(|r| (r.start, r.end, r.text.as_str()))
            .collect();
        let rebuilt = restore(&rec.text, &pieces)?;
        if rebuilt != original {
            let at = rebuilt
                .bytes()
                .zip(original.bytes())
                .position(|(x, y)| x != y)
                .unwrap_or(rebuilt.len().min(original.len()));
            return Err(format!(
                "cleaned text plus the removal log differs from the original at byte {at}"
            ));
        }
        self.report.articles += 1;
        Ok(())
    }
}

impl RecordSink for Verifier<'_> {
    fn record(&mut self, r: RawRecord) {
        let Ok(idx) = self.locs.binary_search(&(r.file, r.line)) else {
            return;
        };
        for skipped in &self.a.store.articles[self.seen..idx] {
            self.report.problems.push(format!(
                "{}: article \"{}\" could not be read again",
                place_of(self.corpus, &skipped.location),
                skipped.meta.id
            ));
        }
        self.seen = idx + 1;
        let art = &self.a.store.articles[idx];
        let (place, id) = (place_of(self.corpus, &art.location), art.meta.id.clone());
        if let Err(e) = self.check(idx, r) {
            self.report
                .problems
                .push(format!("{place}: article \"{id}\": {e}"));
        }
    }

    fn error(&mut self, _: RecordError) {
        // Unreadable files were reported by the analysis; their articles are not expected.
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Layout, segment, segment_with};
    use proptest::prelude::*;

    fn whole(paras: &[ByteSpan], which: &[u32]) -> Vec<PlannedCut> {
        which
            .iter()
            .map(|&p| PlannedCut {
                paragraph: p,
                span: paras[p as usize],
                kind: FindingKind::Boilerplate,
                finding: p,
            })
            .collect()
    }

    /// Cuts paragraphs `which` of `text` read one paragraph a line.
    fn clean(text: &str, which: &[u32]) -> String {
        let paras = segment_with(text, 0, Layout::Lines);
        let cuts = cut_ranges(text, 0, &paras, &whole(&paras, which)).unwrap();
        apply(text, &cuts)
    }

    #[test]
    fn a_cut_takes_the_separator_after_it() {
        assert_eq!(clean("A\n\nCUT\n\nB\n", &[1]), "A\n\nB\n");
        assert_eq!(clean("A\nCUT\nB", &[1]), "A\nB");
        assert_eq!(clean("A\n\n  CUT\n\n  B\n", &[1]), "A\n\n  B\n");
        assert_eq!(clean("CUT\n\nA\n", &[0]), "A\n");
    }

    #[test]
    fn a_cut_at_the_end_takes_the_separator_before_it() {
        assert_eq!(clean("A\n\nCUT\n", &[1]), "A\n");
        assert_eq!(clean("A\n\nB\n\nC1\n\nC2", &[2, 3]), "A\n\nB");
        assert_eq!(clean("A\r\n\r\nCUT\r\n", &[1]), "A\r\n");
    }

    #[test]
    fn cutting_everything_leaves_the_surrounding_whitespace() {
        assert_eq!(clean("\nX\n\nY\n", &[0, 1]), "\n\n");
    }

    #[test]
    fn hard_wrapped_blocks_go_with_their_blank_line() {
        let t = "One line\nand two\n\nCut this\nblock too\n\nLast block\nof text\n";
        let paras = segment_with(t, 0, Layout::Blocks);
        let cuts = cut_ranges(t, 0, &paras, &whole(&paras, &[1])).unwrap();
        assert_eq!(
            apply(t, &cuts),
            "One line\nand two\n\nLast block\nof text\n"
        );
    }

    #[test]
    fn front_matter_stays() {
        let t = "---\nsource: x\n---\nCUT\nBody\n";
        let paras = segment_with(t, 17, Layout::Lines);
        let cuts = cut_ranges(t, 17, &paras, &whole(&paras, &[0])).unwrap();
        assert_eq!(apply(t, &cuts), "---\nsource: x\n---\nBody\n");
    }

    #[test]
    fn partial_cuts_remove_exact_bytes() {
        let t = "Alpha beta gamma\nNext";
        let paras = segment_with(t, 0, Layout::Lines);
        let planned = [PlannedCut {
            paragraph: 0,
            span: ByteSpan::new(6, 11),
            kind: FindingKind::Boilerplate,
            finding: 0,
        }];
        let cuts = cut_ranges(t, 0, &paras, &planned).unwrap();
        assert_eq!(apply(t, &cuts), "Alpha gamma\nNext");
    }

    #[test]
    fn plans_that_do_not_fit_the_text_are_refused() {
        let t = "One\nTwo";
        let paras = segment(t, 0);
        let planned = [PlannedCut {
            paragraph: 5,
            span: ByteSpan::new(0, 3),
            kind: FindingKind::Boilerplate,
            finding: 0,
        }];
        assert!(cut_ranges(t, 0, &paras, &planned).is_none());
        assert!(cut_ranges("On", 0, &paras, &[]).is_none());
    }

    #[test]
    fn restore_rejects_pieces_that_do_not_fit() {
        assert_eq!(restore("AB", &[(1, 2, "x")]).unwrap(), "AxB");
        assert!(restore("AB", &[(1, 3, "x")]).is_err());
        assert!(restore("AB", &[(5, 6, "x")]).is_err());
        assert!(restore("AB", &[(1, 2, "x"), (1, 2, "y")]).is_err());
    }

    proptest! {
        #[test]
        fn cleaned_plus_log_is_the_original(
            text in "[a-zé€𝄞 \t\n\r\u{a0}\u{2028}]{0,120}",
            mask in proptest::collection::vec(any::<bool>(), 0..40),
            partial in proptest::collection::vec((any::<u16>(), any::<u16>()), 0..3),
            blocks in any::<bool>(),
        ) {
            let paras = segment_with(&text, 0, if blocks { Layout::Blocks } else { Layout::Lines });
            let mut planned: Vec<PlannedCut> = paras
                .iter()
                .enumerate()
                .filter(|(i, _)| mask.get(*i).copied().unwrap_or(false))
                .map(|(i, &span)| PlannedCut {
                    paragraph: i as u32, span, kind: FindingKind::Boilerplate, finding: 0,
                })
                .collect();
            // Partial cuts inside paragraphs, on character boundaries.
            for (i, (x, y)) in partial.iter().enumerate() {
                if paras.is_empty() {
                    break;
                }
                let p = i % paras.len();
                let s = &text[paras[p].range()];
                let bounds: Vec<usize> = s.char_indices().map(|(b, _)| b).chain([s.len()]).collect();
                let (mut a, mut b) = (bounds[*x as usize % bounds.len()], bounds[*y as usize % bounds.len()]);
                if a > b {
                    std::mem::swap(&mut a, &mut b);
                }
                if a == b {
                    continue;
                }
                let base = paras[p].start as usize;
                planned.push(PlannedCut {
                    paragraph: p as u32,
                    span: ByteSpan::new(base + a, base + b),
                    kind: FindingKind::InternalDuplicate,
                    finding: 1,
                });
            }
            let cuts = cut_ranges(&text, 0, &paras, &planned).unwrap();
            let mut last = 0;
            for c in &cuts {
                prop_assert!(c.span.start as usize >= last && c.span.start < c.span.end);
                prop_assert!(text.is_char_boundary(c.span.start as usize));
                prop_assert!(text.is_char_boundary(c.span.end as usize));
                last = c.span.end as usize;
            }
            let cleaned = apply(&text, &cuts);
            let pieces: Vec<(u32, u32, &str)> =
                cuts.iter().map(|c| (c.span.start, c.span.end, &text[c.span.range()])).collect();
            prop_assert_eq!(restore(&cleaned, &pieces).unwrap(), text.clone());
            // Paragraphs planned whole are covered; paragraphs with no plan are untouched.
            for (i, p) in paras.iter().enumerate() {
                let mine: Vec<_> = planned.iter().filter(|c| c.paragraph as usize == i).collect();
                if mine.iter().any(|c| c.span == *p) {
                    prop_assert!(cuts.iter().any(|c| c.span.start <= p.start && p.end <= c.span.end));
                } else if mine.is_empty() {
                    prop_assert!(cuts.iter().all(|c| c.span.end <= p.start || p.end <= c.span.start));
                }
            }
        }
    }
}
