//! Aligned passages as `reused_wording` findings: which text pairs are aligned, and how their
//! passages become byte ranges in the articles carrying them.
//!
//! Candidate pairs are texts (distinct paragraph texts) sharing at least `align.min_seeds`
//! winnowed [`SEED_WORDS`]-word fingerprints that no more than `spans.max_articles` articles
//! carry, appearing in different outlets and not already near-duplicates of each other (those
//! are reused as whole paragraphs; of a cluster's texts only its representative, the longest,
//! is aligned, for all). Fingerprints are grouped one partition of the hash space at a time,
//! computed again for each, so their memory is a fraction of the corpus's words.

use crate::align::{
    ALIGN_SEED, AlignStats, Passage, PassageRule, SEED_WINDOW, SEED_WORDS, passages,
};
use crate::analysis::Analysis;
use crate::cluster::Clusters;
use crate::corpus::{Corpus, FieldNames};
use crate::engine::Engine;
use crate::model::{ByteSpan, Evidence, Finding, FindingKind, Member};
use crate::spans::{content_words, function_word_hashes, gram_keys, span_of_words, winnow_keys};
use crate::store::{CorpusStore, TextId};
use rayon::prelude::*;
use std::collections::HashMap;

/// Words of eligible text hashed per pass over the fingerprints. Each pass hashes every text
/// again and keeps one part of the hash space: about 3 bytes of fingerprints per word are held
/// (a winnowed seed, 8 bytes, every 2.5 words), so a pass over this many words holds about
/// 40 MB. A 100 MB corpus takes one pass; the 1 GB corpus takes [`MAX_PARTS`], which keeps its
/// peak at 1,463,488–1,524,792 KB over four runs (`/usr/bin/time`; the peak varies from run to
/// run; with two passes, before passages were aligned inside long paragraphs, it was
/// 1,636,236 KB). The pairs found are the same for any number of passes.
const PART_WORDS: usize = 12_000_000;
/// The most passes: beyond four, the hashing costs more time than the memory saved is worth.
const MAX_PARTS: usize = 4;
/// Rare seeds two articles share, over all their paragraphs, from which a pair of their
/// paragraphs sharing one seed is aligned too: a text paraphrased sentence by sentence keeps
/// a phrase here and there, one per paragraph of its source.
const ARTICLE_SEEDS: usize = 3;
/// Seeds of one pair counted at most (the low bits of its count).
const SEEDS_COUNTED: u8 = 0x7f;
/// The bit of a pair's count set when its articles share [`ARTICLE_SEEDS`].
const ARTICLES_SHARE: u8 = 0x80;
/// Texts fingerprinted together by one task.
const CHUNK: usize = 4096;

/// What the seed stage reads of each text besides its words, indexed by text.
#[derive(Clone, Copy)]
pub(crate) struct Carried<'a> {
    /// Whether the text takes part (of a near-duplicate cluster, only its representative
    /// does).
    pub eligible: &'a [bool],
    /// How many paragraphs carry the text.
    pub articles: &'a [u32],
    /// The article its seeds are counted for, among those carrying it.
    pub article: &'a [u32],
}

/// When texts sharing seeds are a candidate pair.
#[derive(Clone, Copy)]
pub(crate) struct SeedRule {
    /// Seeds two texts share, at least (`align.min_seeds`).
    pub min_seeds: usize,
    /// Words of a long text, from which one seed is enough when the articles share more
    /// (`align.long_paragraph_words`).
    pub long_words: usize,
    /// Paragraphs carrying a seed, at most: more make it a common phrase
    /// (`spans.max_articles`).
    pub max_articles: usize,
}

/// The candidate text pairs, sorted, and the number of passes it took: texts sharing at least
/// `min_seeds` rare seed fingerprints, or one when both have `long_words` words or more and
/// the articles their seeds are counted for share [`ARTICLE_SEEDS`] over all such pairs. The
/// pairs are counted in place, so the stage holds little more than the pairs themselves (5
/// bytes each).
pub(crate) fn candidate_pairs(
    store: &CorpusStore,
    carried: &Carried<'_>,
    rule: &SeedRule,
) -> (Vec<(TextId, TextId)>, u32) {
    let texts = &store.texts;
    let n = texts.len();
    let Carried {
        eligible,
        articles,
        article,
    } = *carried;
    let SeedRule {
        min_seeds,
        long_words,
        max_articles,
    } = *rule;
    let words: usize = (0..n as TextId)
        .filter(|&t| eligible[t as usize])
        .map(|t| texts.words(t).len())
        .sum();
    let parts = words.div_ceil(PART_WORDS).clamp(1, MAX_PARTS) as u32;
    let mut pairs: Vec<(TextId, TextId)> = Vec::new();
    for part in 0..parts {
        let mut prints: Vec<u64> = (0..n.div_ceil(CHUNK))
            .into_par_iter()
            .map_init(
                || (Vec::new(), Vec::new()),
                |(hashes, winnowed): &mut (Vec<u32>, Vec<(u32, u32)>), c| {
                    let mut v: Vec<u64> = Vec::new();
                    for t in (c * CHUNK) as TextId..((c + 1) * CHUNK).min(n) as TextId {
                        if !eligible[t as usize] {
                            continue;
                        }
                        gram_keys(texts.words(t), SEED_WORDS, ALIGN_SEED, hashes);
                        winnow_keys(hashes, SEED_WINDOW, winnowed);
                        let from = v.len();
                        v.extend(
                            winnowed
                                .iter()
                                .filter(|(h, _)| h % parts == part)
                                .map(|&(h, _)| (h as u64) << 32 | t as u64),
                        );
                        v[from..].sort_unstable();
                        let mut keep = from;
                        for i in from..v.len() {
                            if i == from || v[i] != v[keep - 1] {
                                v[keep] = v[i];
                                keep += 1;
                            }
                        }
                        v.truncate(keep);
                    }
                    v
                },
            )
            .flatten_iter()
            .collect();
        prints.par_sort_unstable();
        let mut texts_in: Vec<TextId> = Vec::new();
        for same in prints.chunk_by(|x, y| x >> 32 == y >> 32) {
            if same.len() < 2 {
                continue;
            }
            texts_in.clear();
            texts_in.extend(same.iter().map(|&x| x as u32));
            let carriers: usize = texts_in
                .iter()
                .map(|&t| articles[t as usize] as usize)
                .sum();
            if carriers > max_articles {
                continue; // a common phrase
            }
            for i in 0..texts_in.len() {
                for j in i + 1..texts_in.len() {
                    pairs.push((texts_in[i], texts_in[j]));
                }
            }
        }
    }
    pairs.par_sort_unstable();
    // One entry per shared fingerprint: made distinct in place, with the seeds each pair shares
    // (saturating; the top bit is set below when their articles share enough).
    let mut seeds: Vec<u8> = Vec::new();
    let mut distinct = 0;
    for i in 0..pairs.len() {
        if distinct > 0 && pairs[i] == pairs[distinct - 1] {
            seeds[distinct - 1] = seeds[distinct - 1].saturating_add(1).min(SEEDS_COUNTED);
        } else {
            pairs[distinct] = pairs[i];
            seeds.push(1);
            distinct += 1;
        }
    }
    pairs.truncate(distinct);
    // The pairs grouped by the articles carrying them: the seeds of a group are summed.
    let article_pair = |i: u32| -> u64 {
        let (x, y) = pairs[i as usize];
        let (a, b) = (article[x as usize], article[y as usize]);
        (a.min(b) as u64) << 32 | a.max(b) as u64
    };
    // Only pairs of long texts: a passage of one seed is short, and stands alone only there.
    let long = |t: TextId| texts.words(t).len() >= long_words;
    let mut order: Vec<u32> = (0..distinct as u32)
        .filter(|&i| long(pairs[i as usize].0) && long(pairs[i as usize].1))
        .collect();
    order.par_sort_unstable_by_key(|&i| (article_pair(i), i));
    for same in order.chunk_by(|&i, &j| article_pair(i) == article_pair(j)) {
        let total: usize = same.iter().map(|&i| seeds[i as usize] as usize).sum();
        if total >= ARTICLE_SEEDS {
            for &i in same {
                seeds[i as usize] |= ARTICLES_SHARE;
            }
        }
    }
    drop(order);
    let out = pairs
        .iter()
        .zip(&seeds)
        .filter(|&(_, &n)| {
            (n & SEEDS_COUNTED) as usize >= min_seeds.min(SEEDS_COUNTED as usize)
                || n & ARTICLES_SHARE != 0
        })
        .map(|x| *x.0)
        .collect();
    (out, parts)
}

/// Aligns the candidate pairs and adds their passages as `reused_wording` findings with
/// [`Evidence::AlignedPassage`], reading the articles involved again to place them in bytes.
// Stays long: the sequence of stages (seeds, alignment, placement, findings) over the
// analysis' tables; each stage is a function of its own.
pub fn attach_passages(a: &mut Analysis, corpus: &Corpus, engine: &Engine) -> AlignStats {
    let config = &engine.config;
    let al = &config.align;
    let mut stats = AlignStats::default();
    if !al.enabled {
        return stats;
    }
    let t0 = std::time::Instant::now();
    let (pairs, passes) = passage_candidates(a, config);
    stats.seed_secs = t0.elapsed().as_secs_f64();
    stats.seed_passes = passes;
    let store = &a.store;
    let kinds = &a.classification.para_kinds;
    let text_paras = &a.tables.paras;
    let furniture = |p: u32| {
        let k = kinds[p as usize];
        k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
    };
    let text_cluster = &a.tables.cluster;
    let outlets_of = |t: TextId| -> Vec<u32> {
        let mut v: Vec<u32> = text_paras
            .of(t)
            .iter()
            .filter(|&&p| !furniture(p))
            .map(|&p| store.articles[store.article_of(p as usize)].outlet)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let rule = PassageRule::from(al);
    let linked = linked_pairs(store, &a.classification.findings);
    let function = function_word_hashes();
    let aligned: Vec<(TextId, TextId, Vec<Passage>, bool)> = pairs
        .par_iter()
        .filter(|&&(x, y)| {
            if linked.binary_search(&(x.min(y), x.max(y))).is_ok() {
                return false;
            }
            let (cx, cy) = (text_cluster[x as usize], text_cluster[y as usize]);
            if cx != u32::MAX && cx == cy {
                return false; // near-duplicates: reused as whole paragraphs
            }
            let (ox, oy) = (outlets_of(x), outlets_of(y));
            ox.iter().any(|i| oy.iter().any(|j| i != j))
        })
        .map(|&(x, y)| {
            let (found, capped) = align_pair(store, (x, y), &rule, config, &function);
            (x, y, found, capped)
        })
        .collect();
    stats.pairs = aligned.len() as u64;
    stats.capped_pairs = aligned.iter().filter(|x| x.3).count() as u64;
    // Each passage's ends: the two texts aligned, then where the near-duplicates of each
    // (aligned for it) carry it.
    let ends: Vec<Vec<PassageEnds>> = aligned
        .par_iter()
        .map(|(x, y, found, _)| {
            let mut ends: Vec<PassageEnds> = found
                .iter()
                .map(|p| vec![(*x, p.a_start, p.a_end), (*y, p.b_start, p.b_end)])
                .collect();
            if !found.is_empty() {
                for (side, other) in [(*x, *y), (*y, *x)] {
                    let on_other = |p: &Passage| {
                        if side == *x {
                            (p.b_start, p.b_end)
                        } else {
                            (p.a_start, p.a_end)
                        }
                    };
                    for mate in cluster_texts(store, &a.clusters, text_cluster[side as usize])
                        .into_iter()
                        .filter(|&m| m != side)
                        .take(MAX_MATES)
                    {
                        let (theirs, _) =
                            align_pair(store, (mate, other), &rule, config, &function);
                        for (p, e) in found.iter().zip(&mut ends) {
                            if let Some(q) = best_overlap(&theirs, on_other(p)) {
                                e.push((mate, q.a_start, q.a_end));
                            }
                        }
                    }
                }
            }
            ends
        })
        .collect();

    // Every (paragraph, word range) to place in bytes.
    let mut wanted: Vec<(u32, u32, u32)> = Vec::new();
    for e in ends.iter().flatten().flatten() {
        let &(t, s, e) = e;
        wanted.extend(text_paras.of(t).iter().map(|&para| (para, s, e)));
    }
    let placed = place(store, corpus, engine, wanted);

    let mut findings = Vec::new();
    let mut marked = Vec::new();
    for ((_, _, found, _), ends) in aligned.into_iter().zip(ends) {
        for (p, ends) in found.into_iter().zip(ends) {
            let Some(members) = passage_members(store, text_paras, &furniture, &placed, &ends)
            else {
                continue;
            };
            marked.extend(members.iter().map(|m| m.1));
            let out: Vec<Member> = members.into_iter().map(|m| m.0).collect();
            stats.passages += 1;
            findings.push(passage_finding(store, &p, out));
        }
    }
    for p in marked {
        a.classification.para_kinds[p as usize].insert(FindingKind::ReusedWording);
    }
    a.classification.findings.extend(findings);
    crate::classify::sort_findings(&mut a.classification.findings);
    stats
}

/// The candidate pairs of the analysis: of each near-duplicate cluster's texts only its
/// representative ([`representative`]; they are all but the same), texts long enough and
/// carried outside site furniture.
fn passage_candidates(
    a: &Analysis,
    config: &crate::config::Config,
) -> (Vec<(TextId, TextId)>, u32) {
    let al = &config.align;
    let store = &a.store;
    let kinds = &a.classification.para_kinds;
    let n_texts = store.texts.len();
    let text_paras = &a.tables.paras;
    let furniture = |p: u32| {
        let k = kinds[p as usize];
        k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
    };
    let text_cluster = &a.tables.cluster;
    let articles: Vec<u32> = (0..n_texts as TextId)
        .map(|t| text_paras.of(t).len() as u32)
        .collect();
    // The article a text's seeds are counted for: its origin among those carrying it (the
    // earliest dated), else the longest (an excerpt is shorter than what it was cut from), so
    // that the choice does not depend on the input's order.
    let article: Vec<u32> = (0..n_texts as TextId)
        .map(|t| {
            let carriers = text_paras
                .of(t)
                .iter()
                .map(|&p| store.article_of(p as usize) as u32);
            crate::classify::origin_of(store, carriers.clone())
                .map(|o| o.article.0)
                .or_else(|| {
                    carriers
                        .min_by_key(|&i| (std::cmp::Reverse(store.articles[i as usize].words), i))
                })
                .unwrap_or(u32::MAX)
        })
        .collect();
    let representatives: Vec<TextId> = (0..a.clusters.members.len() as u32)
        .map(|c| representative(store, &a.clusters, c))
        .collect();
    let stands_alone = |t: TextId| {
        let c = text_cluster[t as usize];
        c == u32::MAX || representatives[c as usize] == t
    };
    let eligible: Vec<bool> = (0..n_texts as TextId)
        .map(|t| {
            store.texts.words(t).len() >= al.min_words
                && stands_alone(t)
                && text_paras.of(t).iter().any(|&p| !furniture(p))
        })
        .collect();
    let carried = Carried {
        eligible: &eligible,
        articles: &articles,
        article: &article,
    };
    let rule = SeedRule {
        min_seeds: al.min_seeds,
        long_words: al.long_paragraph_words,
        max_articles: config.spans.max_articles,
    };
    candidate_pairs(store, &carried, &rule)
}

/// The text standing for near-duplicate cluster `c` in the seed stage: its longest (the
/// lesser words on a tie), so that the choice does not depend on the input's order.
fn representative(store: &CorpusStore, clusters: &Clusters, c: u32) -> TextId {
    cluster_texts(store, clusters, c)
        .into_iter()
        .min_by_key(|&t| {
            let words = store.texts.words(t);
            (std::cmp::Reverse(words.len()), words)
        })
        .unwrap_or(u32::MAX)
}

/// The passages of text pair `(x, y)` that count (an exact run long enough to be a shared span
/// is reported as one; a passage needs enough content words), and whether the alignment was
/// capped.
fn align_pair(
    store: &CorpusStore,
    (x, y): (TextId, TextId),
    rule: &PassageRule,
    config: &crate::config::Config,
    function: &[u32],
) -> (Vec<Passage>, bool) {
    let (wx, wy) = (store.texts.words(x), store.texts.words(y));
    let (found, capped) = passages(wx, wy, rule, config.align.max_cells);
    let mut found: Vec<Passage> = found.into_iter().map(|x| x.0).collect();
    found.retain(|p| {
        // An exact run that long is a shared span, reported as one.
        if p.edits() == 0 && p.words_a() as usize >= config.spans.min_unquoted_words {
            return false;
        }
        let run = &wx[p.a_start as usize..p.a_end as usize];
        content_words(run, function) >= config.spans.min_content_words
    });
    (found, capped)
}

/// One end of a passage per text carrying it: `(text, first word, end word)`.
type PassageEnds = Vec<(TextId, u32, u32)>;

/// Near-duplicates of an aligned text that are aligned too, for the ends of its passages: a
/// cluster's texts are aligned through its representative, but the passage is in each of
/// them, and its origin may be any.
const MAX_MATES: usize = 64;

/// The texts of near-duplicate cluster `c` (none for `u32::MAX`), in text order.
fn cluster_texts(store: &CorpusStore, clusters: &Clusters, c: u32) -> Vec<TextId> {
    let Some(members) = clusters.members.get(c as usize) else {
        return Vec::new();
    };
    let mut texts: Vec<TextId> = members
        .iter()
        .map(|&p| store.paras[p as usize].text)
        .collect();
    texts.sort_unstable();
    texts.dedup();
    texts
}

/// Of the passages `theirs` (a near-duplicate aligned with the same other text), the one
/// overlapping words `range` of the other text most; ties go to the first.
fn best_overlap(theirs: &[Passage], (start, end): (u32, u32)) -> Option<Passage> {
    let mut best: Option<(u32, Passage)> = None;
    for q in theirs {
        let overlap = end.min(q.b_end).saturating_sub(start.max(q.b_start));
        if overlap > 0 && best.is_none_or(|(o, _)| overlap > o) {
            best = Some((overlap, *q));
        }
    }
    best.map(|b| b.1)
}

/// The finding of passage `p` with its (sorted) members.
fn passage_finding(store: &CorpusStore, p: &Passage, members: Vec<Member>) -> Finding {
    let origin = crate::classify::origin_of(store, members.iter().map(|m| m.article.0));
    Finding {
        kind: FindingKind::ReusedWording,
        members,
        score: p.similarity(),
        evidence: Evidence::AlignedPassage {
            similarity: p.similarity(),
            matched: p.matched,
            substituted: p.substituted,
            inserted: p.inserted,
            deleted: p.deleted,
        },
        origin,
        cross_outlet: Some(true),
    }
}

/// Text pairs already linked by a shared run: the run is reported, and what is left of the two
/// paragraphs is rarely an edited passage. Sorted, each pair lower text first.
fn linked_pairs(store: &CorpusStore, findings: &[Finding]) -> Vec<(TextId, TextId)> {
    let mut linked: Vec<(TextId, TextId)> = Vec::new();
    for f in findings.iter().filter(|f| {
        f.kind == FindingKind::ReusedWording && matches!(f.evidence, Evidence::SharedSpan { .. })
    }) {
        let texts: Vec<TextId> = f
            .members
            .iter()
            .filter_map(|m| {
                let art = &store.articles[m.article.get()];
                m.paragraph.map(|p| store.paras[art.para(p).get()].text)
            })
            .collect();
        if texts.len() > 64 {
            continue; // a large group: its pairs are aligned rather than listed
        }
        for (i, &x) in texts.iter().enumerate() {
            for &y in &texts[i + 1..] {
                linked.push((x.min(y), x.max(y)));
            }
        }
    }
    linked.sort_unstable();
    linked.dedup();
    linked
}

/// The members of a passage whose ends are `(text, first word, end word)`: every placed,
/// non-furniture paragraph carrying one of the texts, sorted, each with its corpus-wide
/// paragraph; `None` unless they span two outlets or more.
fn passage_members(
    store: &CorpusStore,
    text_paras: &crate::store::TextParas,
    furniture: &impl Fn(u32) -> bool,
    placed: &HashMap<(u32, u32, u32), ByteSpan>,
    ends: &[(TextId, u32, u32)],
) -> Option<Vec<(Member, u32)>> {
    let mut members: Vec<(Member, u32)> = Vec::new();
    for &(t, s, e) in ends {
        for &para in text_paras.of(t) {
            if furniture(para) {
                continue;
            }
            let Some(&span) = placed.get(&(para, s, e)) else {
                continue;
            };
            members.push((store.member(para as usize, span), para));
        }
    }
    let mut outlets: Vec<u32> = members
        .iter()
        .map(|m| store.articles[m.0.article.get()].outlet)
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    if outlets.len() < 2 {
        return None;
    }
    members.sort_by_key(|m| m.0);
    Some(members)
}

/// Byte ranges of word ranges `(paragraph, first word, end word)`, from the articles read
/// again one at a time in input order; a paragraph whose article cannot be read again (from
/// an index) is placed whole.
fn place(
    store: &CorpusStore,
    corpus: &Corpus,
    engine: &Engine,
    mut wanted: Vec<(u32, u32, u32)>,
) -> HashMap<(u32, u32, u32), ByteSpan> {
    wanted.sort_unstable();
    wanted.dedup();
    let mut placed = HashMap::with_capacity(wanted.len());
    let mut by_article: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    let mut at = 0;
    for same in
        wanted.chunk_by(|x, y| store.article_of(x.0 as usize) == store.article_of(y.0 as usize))
    {
        by_article.push((store.article_of(same[0].0 as usize), at..at + same.len()));
        at += same.len();
    }
    let locs: Vec<_> = by_article
        .iter()
        .map(|&(i, _)| (i, store.articles[i].location.clone()))
        .collect();
    crate::corpus::for_each_text(
        corpus,
        &FieldNames::from(&engine.config.input),
        &locs,
        &mut |art, text| {
            let Ok(k) = by_article.binary_search_by_key(&art, |x| x.0) else {
                return;
            };
            for same_para in wanted[by_article[k].1.clone()].chunk_by(|x, y| x.0 == y.0) {
                let para = store.paras[same_para[0].0 as usize];
                let Some(ptext) = para.span.slice(&text) else {
                    continue;
                };
                let bounds = crate::spans::word_bounds(ptext);
                for &(p, s, e) in same_para {
                    if let Some(span) = span_of_words(&bounds, para.span.start, s, e) {
                        placed.insert((p, s, e), span);
                    }
                }
            }
        },
    );
    for &(p, s, e) in &wanted {
        placed
            .entry((p, s, e))
            .or_insert(store.paras[p as usize].span);
    }
    placed
}
