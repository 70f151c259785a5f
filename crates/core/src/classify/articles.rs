//! Article-level copies: which article is mostly another's, and the "stories" they form.
//!
//! For every pair of articles sharing near-duplicate paragraphs, the share of each one's words
//! in those paragraphs is summed (clusters spread over very many articles, wire text and
//! boilerplate, do not count, and neither do cue-marked paragraphs). The later article of a pair
//! (by date, then id; undated after dated) whose share reaches the threshold is a copy of the
//! earlier one. Articles linked by copies form a story: boilerplate must recur across several
//! stories, not across several copies of one.
//!
//! A cluster spread over more than `max_cluster_articles` articles (wire copy carried by
//! hundreds of outlets, or furniture) is not compared pair by pair, which would be quadratic
//! and says nothing about who copied whom. Each of its articles is instead compared with the
//! cluster's earliest article only (a star to the origin), on the article's words outside
//! cue-marked paragraphs. Such an article is a copy of that origin when the words they share
//! through these clusters reach the threshold of both articles' words: a story copied word for
//! word is found at any count, in work linear in its copies, while a footer that recurs in
//! many articles is only a small share of either. Known miss: an abridged copy (under the
//! threshold of the origin's words) is found only while its clusters stay under the limit.

use crate::cluster::{Clusters, UnionFind};
use crate::config::SyndicationConfig;
use crate::store::CorpusStore;
use rayon::prelude::*;

/// Words two articles share through near-duplicate paragraphs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairShare {
    /// The lower article index.
    pub a: u32,
    /// The higher article index.
    pub b: u32,
    /// Words of `a` in paragraphs shared with `b`.
    pub words_a: u32,
    /// Words of `b` in paragraphs shared with `a`.
    pub words_b: u32,
    /// Paragraphs of `a` shared with `b`.
    pub paras_a: u32,
    /// Paragraphs of `b` shared with `a`.
    pub paras_b: u32,
}

/// An article that is mostly an earlier article.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopyLink {
    /// The later article.
    pub copy: u32,
    /// The earlier article it copies: its original.
    pub original: u32,
    /// Share of the copy's words in paragraphs shared with the original.
    pub share: f32,
    /// Paragraphs of the copy shared with the original.
    pub paragraphs: u32,
}

/// The result of the article-level stage.
#[derive(Debug, Default)]
pub struct ArticleLinks {
    /// Shares of every article pair with shared paragraphs, sorted by `(a, b)`.
    pub pairs: Vec<PairShare>,
    /// At most one link per copy (its best original), sorted by copy.
    pub copies: Vec<CopyLink>,
    /// Story id (smallest article of the group) per article.
    pub story: Vec<u32>,
}

/// Words per shingle when comparing whole articles.
const ARTICLE_SHINGLE: usize = 5;
/// Least shingle containment for the whole-article comparison to count: a re-paragraphed
/// copy keeps nearly all its five-word runs, while two reports of one story keep about half.
const MIN_CONTAINMENT: f32 = 0.8;

/// The word-shingle set of an article's counted paragraphs, joined as one text (so that a
/// paragraph split differently in a copy still matches).
fn article_shingles(store: &CorpusStore, a: u32, excluded: &[bool]) -> Vec<u64> {
    let art = &store.articles[a as usize];
    let mut words: Vec<u32> = Vec::new();
    for p in art.paras() {
        if !excluded[p] {
            words.extend_from_slice(store.texts.words(store.paras[p].text));
        }
    }
    crate::shingle::shingle_set(&words, ARTICLE_SHINGLE)
}

/// Shares of each article's shingles found in the other's.
fn shingle_containment(store: &CorpusStore, a: u32, b: u32, excluded: &[bool]) -> (f32, f32) {
    let (sa, sb) = (
        article_shingles(store, a, excluded),
        article_shingles(store, b, excluded),
    );
    let inter = crate::shingle::common_count(&sa, &sb);
    (
        inter as f32 / sa.len().max(1) as f32,
        inter as f32 / sb.len().max(1) as f32,
    )
}

/// Adds up contributions of one pair into one [`PairShare`] per pair, sorted by `(a, b)`.
fn sum_pairs(mut contrib: Vec<PairShare>) -> Vec<PairShare> {
    contrib.par_sort_unstable_by_key(|c| (c.a, c.b));
    let mut pairs: Vec<PairShare> = Vec::new();
    for c in contrib {
        match pairs.last_mut() {
            Some(l) if l.a == c.a && l.b == c.b => {
                l.words_a += c.words_a;
                l.words_b += c.words_b;
                l.paras_a += c.paras_a;
                l.paras_b += c.paras_b;
            }
            _ => pairs.push(c),
        }
    }
    pairs
}

/// The star contributions of a cluster spread over more than `max_cluster_articles` articles
/// (see the module's documentation): each article's words in it, paired with its earliest
/// article's. `cued[p]` marks the paragraphs that never count.
fn star_pairs(
    store: &CorpusStore,
    members: &[u32],
    cued: &[bool],
    max_cluster_articles: usize,
) -> Vec<PairShare> {
    let mut per_article: Vec<(u32, u32, u32)> = Vec::new(); // (article, words, paras)
    let mut spread = 0usize;
    let mut last = None;
    for &p in members {
        let a = store.article_of(p as usize) as u32;
        if last != Some(a) {
            spread += 1;
            last = Some(a);
        }
        if cued[p as usize] {
            continue;
        }
        let w = store.paras[p as usize].words;
        match per_article.last_mut() {
            Some(l) if l.0 == a => {
                l.1 += w;
                l.2 += 1;
            }
            _ => per_article.push((a, w, 1)),
        }
    }
    if spread <= max_cluster_articles || per_article.len() < 2 {
        return Vec::new();
    }
    let Some(&origin) = per_article
        .iter()
        .reduce(|x, y| if store.earlier(y.0, x.0) { y } else { x })
    else {
        return Vec::new();
    };
    per_article
        .iter()
        .filter(|x| x.0 != origin.0)
        .map(|&x| {
            let (lo, hi) = if origin.0 < x.0 {
                (origin, x)
            } else {
                (x, origin)
            };
            PairShare {
                a: lo.0,
                b: hi.0,
                words_a: lo.1,
                words_b: hi.1,
                paras_a: lo.2,
                paras_b: hi.2,
            }
        })
        .collect()
}

/// The shares of every article pair that shares clusters of at most `max_cluster_articles`
/// articles, counting the paragraphs `excluded` leaves, sorted by `(a, b)`.
fn cluster_pairs(
    store: &CorpusStore,
    clusters: &Clusters,
    excluded: &[bool],
    max_cluster_articles: usize,
) -> Vec<PairShare> {
    // (a, b, words_a, words_b, paras_a, paras_b) contributions, one per cluster and pair.
    let contrib: Vec<PairShare> = clusters
        .members
        .par_iter()
        .flat_map_iter(|members| {
            let mut per_article: Vec<(u32, u32, u32)> = Vec::new(); // (article, words, paras)
            for &p in members {
                if excluded[p as usize] {
                    continue;
                }
                let a = store.article_of(p as usize) as u32;
                let w = store.paras[p as usize].words;
                match per_article.last_mut() {
                    Some(last) if last.0 == a => {
                        last.1 += w;
                        last.2 += 1;
                    }
                    _ => per_article.push((a, w, 1)),
                }
            }
            let mut out = Vec::new();
            if per_article.len() >= 2 && per_article.len() <= max_cluster_articles {
                for i in 0..per_article.len() {
                    for j in i + 1..per_article.len() {
                        let (x, y) = (per_article[i], per_article[j]);
                        out.push(PairShare {
                            a: x.0,
                            b: y.0,
                            words_a: x.1,
                            words_b: y.1,
                            paras_a: x.2,
                            paras_b: y.2,
                        });
                    }
                }
            }
            out
        })
        .collect();
    sum_pairs(contrib)
}

/// The share `words` are of `total` words (0 for an empty article; at most 1).
fn share_of(words: u32, total: u32) -> f32 {
    if total == 0 {
        0.0
    } else {
        (words as f32 / total as f32).min(1.0)
    }
}

/// Articles re-paragraphed between copies share fewer whole paragraphs than words: for pairs
/// that share some paragraphs but fall short of the threshold, measures the shared share on
/// the articles' word shingles instead.
fn refine_by_shingles(
    store: &CorpusStore,
    pairs: &mut [PairShare],
    excluded: &[bool],
    counted_words: &[u32],
    config: &SyndicationConfig,
) {
    let floor = (config.share * 0.4) as f32;
    let threshold = config.share as f32;
    let counted_share = |a: u32, w: u32| share_of(w, counted_words[a as usize]);
    pairs.par_iter_mut().for_each(|p| {
        let (sa, sb) = (counted_share(p.a, p.words_a), counted_share(p.b, p.words_b));
        let best = sa.max(sb);
        if best >= floor && best < threshold {
            let (mut ca, mut cb) = shingle_containment(store, p.a, p.b, excluded);
            if ca < MIN_CONTAINMENT {
                ca = 0.0;
            }
            if cb < MIN_CONTAINMENT {
                cb = 0.0;
            }
            p.words_a = p
                .words_a
                .max((ca * counted_words[p.a as usize] as f32) as u32);
            p.words_b = p
                .words_b
                .max((cb * counted_words[p.b as usize] as f32) as u32);
        }
    });
}

/// Computes pair shares, copy links and stories. `excluded[p]` marks paragraphs that must not
/// count towards pairs (cue-marked boilerplate and footers, and paragraphs of clusters spread
/// over too many articles); `counted_words[a]` is each article's word total over the
/// paragraphs that count. `cued[p]` marks the cue-marked paragraphs alone: what a star to the
/// origin leaves out (see the module's documentation).
pub(crate) fn link_articles(
    store: &CorpusStore,
    clusters: &Clusters,
    excluded: &[bool],
    cued: &[bool],
    counted_words: &[u32],
    config: &SyndicationConfig,
) -> ArticleLinks {
    let stars = sum_pairs(
        clusters
            .members
            .par_iter()
            .flat_map_iter(|m| star_pairs(store, m, cued, config.max_cluster_articles))
            .collect(),
    );
    let mut pairs = cluster_pairs(store, clusters, excluded, config.max_cluster_articles);
    refine_by_shingles(store, &mut pairs, excluded, counted_words, config);
    let (copies, story) = copies_and_stories(store, &pairs, &stars, cued, counted_words, config);
    ArticleLinks {
        pairs,
        copies,
        story,
    }
}

/// Each copy's best source, sorted by copy, and the story of each article: pairs link when
/// either share reaches the threshold; a star pair counts when both its shares, of the words
/// outside cue-marked paragraphs, do.
fn copies_and_stories(
    store: &CorpusStore,
    pairs: &[PairShare],
    stars: &[PairShare],
    cued: &[bool],
    counted_words: &[u32],
    config: &SyndicationConfig,
) -> (Vec<CopyLink>, Vec<u32>) {
    let threshold = config.share as f32;
    let n = store.articles.len();
    let share = |a: u32, w: u32| share_of(w, counted_words[a as usize]);
    let uncued = store.article_words(|p| !cued[p]);
    let star_share = |a: u32, w: u32| share_of(w, uncued[a as usize]);
    let mut best: Vec<Option<CopyLink>> = vec![None; n];
    let mut uf = UnionFind::new(n);
    let shares = pairs
        .iter()
        .map(|p| (p, share(p.a, p.words_a), share(p.b, p.words_b)))
        .chain(stars.iter().filter_map(|p| {
            let (sa, sb) = (star_share(p.a, p.words_a), star_share(p.b, p.words_b));
            (sa >= threshold && sb >= threshold).then_some((p, sa, sb))
        }));
    for (p, sa, sb) in shares {
        if sa >= threshold || sb >= threshold {
            uf.union(p.a, p.b);
        }
        // The later article is the copy, if it is mostly the earlier one.
        let (copy, original, s, paras) = if store.earlier(p.a, p.b) {
            (p.b, p.a, sb, p.paras_b)
        } else {
            (p.a, p.b, sa, p.paras_a)
        };
        if s >= threshold {
            let better = match best[copy as usize] {
                None => true,
                Some(cur) => {
                    s > cur.share || (s == cur.share && store.earlier(original, cur.original))
                }
            };
            if better {
                best[copy as usize] = Some(CopyLink {
                    copy,
                    original,
                    share: s,
                    paragraphs: paras,
                });
            }
        }
    }
    let story = (0..n as u32).map(|a| uf.find(a)).collect();
    (best.into_iter().flatten().collect(), story)
}
