//! From shared runs to findings: finds the runs of words that texts share (see the parent
//! module), places each in bytes by reading the texts of the articles involved again, trims a
//! run that is a quotation to the quotation, and keeps the runs that count as reused wording:
//! long enough to be a lifted sentence, or a quotation shared by two or more outlets.
//!
//! Texts are read again through the caller's [`ReadAgain`], one article at a time in input
//! order, so they are never all in memory and this module touches no file.

use super::{
    SpanMember, TextFacts, find_runs, group_members, is_quoted_in, quotation_part_in,
    quotation_ranges, span_of_words, word_bounds,
};
use crate::classify::origin_of;
use crate::config::SpanConfig;
use crate::model::{ByteSpan, Evidence, Finding, FindingKind, KindSet, Location, Member};
use crate::store::{CorpusStore, Para, TextId, TextParas};
use std::collections::HashMap;

/// Reads again the texts of the articles listed (index in the store, where it was read), calling
/// back with each one it can read; an article it cannot read is not called back, and its runs
/// are placed by whole paragraphs.
pub(crate) type ReadAgain<'a> =
    &'a mut dyn FnMut(&[(usize, Location)], &mut dyn FnMut(usize, String));

/// The reused-wording findings of shared runs.
#[derive(Debug, Default)]
pub(crate) struct RunFindings {
    /// The findings, one per group of paragraphs sharing a run.
    pub findings: Vec<Finding>,
    /// The paragraphs the findings cover (to carry the kind).
    pub paras: Vec<usize>,
    /// Text pairs whose search was capped (see [`super::MAX_SEEDS`]).
    pub capped_pairs: u64,
    /// Text pairs the search compared ([`super::FoundRuns::candidate_pairs`]).
    pub candidate_pairs: u64,
}

/// Finds the runs of words shared across outlets and turns them into findings. `kinds` are
/// the paragraph kinds so far (site furniture is not searched); `text_paras` and
/// `text_cluster` map each distinct text to its paragraphs and its near-duplicate cluster.
pub(crate) fn run_findings(
    store: &CorpusStore,
    kinds: &[KindSet],
    text_paras: &TextParas,
    text_cluster: &[u32],
    config: &SpanConfig,
    read: ReadAgain<'_>,
) -> RunFindings {
    let n_texts = store.texts.len();
    let furniture = |p: u32| {
        let k = kinds[p as usize];
        k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
    };
    let skip: Vec<bool> = (0..n_texts as TextId)
        .map(|t| text_paras.of(t).iter().all(|&p| furniture(p)))
        .collect();
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
                .any(|&p| store.paras[p as usize].has(Para::LINE_QUOTED))
        })
        .collect();
    let facts = TextFacts {
        skip: &skip,
        cluster: text_cluster,
        articles: &text_articles,
        outlets: &outlets_of,
        line_quoted: &line_quoted,
        outside: &store.outside_phrases,
    };
    let found = find_runs(store, &facts, config);
    let (span_pairs_capped, candidate_pairs) = (found.capped_pairs, found.candidate_pairs);
    let members = group_members(store, &found.groups, text_paras, kinds);

    let placed = place_runs(store, &members, read);
    let mut findings: Vec<Finding> = Vec::new();
    let mut paras: Vec<usize> = Vec::new();
    for (ms, words) in members {
        let Some((finding, covered)) = span_finding(store, &ms, words, &placed, config) else {
            continue;
        };
        findings.push(finding);
        paras.extend(covered);
    }
    RunFindings {
        findings,
        paras,
        capped_pairs: span_pairs_capped,
        candidate_pairs,
    }
}

/// Where each run `(paragraph, first word, end word)` is in bytes, and whether it is a
/// quotation there.
type Placed = HashMap<(u32, u32, u32), (ByteSpan, bool)>;

/// Places every member run in bytes, splitting each paragraph into words and finding its
/// quotations once however many runs it carries (a long paragraph can carry tens of
/// thousands: once per run is quadratic). Articles are read again one at a time, in input
/// order, so their texts are never all in memory.
fn place_runs(
    store: &CorpusStore,
    members: &[(Vec<SpanMember>, u32)],
    read: ReadAgain<'_>,
) -> Placed {
    let mut runs: Vec<(u32, u32, u32)> = members
        .iter()
        .flat_map(|(ms, _)| ms.iter().map(|m| (m.para, m.start_word, m.end_word)))
        .collect();
    runs.sort_unstable();
    runs.dedup();
    let mut placed: Placed = HashMap::with_capacity(runs.len());
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
    let mut read_again = vec![false; article_runs.len()];
    read(&locs, &mut |art, text| {
        if let Ok(k) = article_runs.binary_search_by_key(&art, |a| a.0) {
            read_again[k] = true;
            place_in_text(store, &text, &runs[article_runs[k].1.clone()], &mut placed);
        }
    });
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
    placed
}

/// Places in bytes the runs `runs` (of one article, sorted) in the article's `text`.
fn place_in_text(store: &CorpusStore, text: &str, runs: &[(u32, u32, u32)], placed: &mut Placed) {
    for same_para in runs.chunk_by(|x, y| x.0 == y.0) {
        let p = same_para[0].0 as usize;
        let para = store.paras[p];
        let Some(text) = para.span.slice(text) else {
            continue;
        };
        let bounds = word_bounds(text);
        let quotes = quotation_ranges(text);
        for &(_, s, e) in same_para {
            if let Some(span) = span_of_words(&bounds, para.span.start, s, e) {
                let local =
                    (span.start - para.span.start) as usize..(span.end - para.span.start) as usize;
                let quoted = is_quoted_in(&quotes, local.clone());
                // A shared quotation is reported as the quotation: the run often goes on
                // into an attribution ("…,” she said) that is not part of what was quoted.
                let span = match quoted
                    .then(|| quotation_part_in(text, &quotes, local))
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
}

/// The finding of one group's run of `words` words, with the paragraphs it covers; `None`
/// unless what counts of it spans two outlets or more.
fn span_finding(
    store: &CorpusStore,
    ms: &[SpanMember],
    words: u32,
    placed: &Placed,
    config: &SpanConfig,
) -> Option<(Finding, Vec<usize>)> {
    // (member, paragraph, whether the run is a quotation there)
    let mut resolved: Vec<(Member, usize, bool)> = Vec::new();
    for m in ms {
        if let Some(&(span, quoted)) = placed.get(&(m.para, m.start_word, m.end_word)) {
            resolved.push((store.member(m.para as usize, span), m.para as usize, quoted));
        }
    }
    // Wording long enough to be a lifted sentence is reuse wherever it appears; a shorter
    // run counts where it is a quotation, shared by two or more outlets' articles.
    // A reply quoting a post line by line keeps the post it quotes (unquoted there).
    let reply = resolved
        .iter()
        .any(|r| r.2 && store.paras[r.1].has(Para::LINE_QUOTED));
    if words < config.min_unquoted_words as u32 && !reply {
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
        return None;
    }
    let mut out: Vec<Member> = resolved.iter().map(|r| r.0).collect();
    out.sort();
    let origin = origin_of(store, out.iter().map(|m| m.article.0));
    let finding = Finding {
        kind: FindingKind::ReusedWording,
        members: out,
        score: 1.0,
        evidence: Evidence::SharedSpan { words, quoted },
        origin,
        cross_outlet: Some(true),
    };
    Some((finding, resolved.iter().map(|r| r.1).collect()))
}
