//! Recurrence: how many stories and outlets carry each paragraph cluster, and how much of it
//! sits at articles' edges.
//!
//! A recurring cluster is boilerplate when most of its occurrences sit in head or tail runs
//! (see [`super::edges`]): a wire paragraph reused in article bodies is not. Stories, not
//! articles, are counted, so that copies of one story do not make its paragraphs furniture.

use crate::cluster::Clusters;
use crate::store::CorpusStore;
use rayon::prelude::*;

/// What recurrence says of each cluster.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Recurrence {
    /// Distinct stories carrying it, in the outlet that carries it in the most stories.
    pub stories: u32,
    /// Distinct outlets carrying it.
    pub outlets: u32,
    /// Share of its recurring members in head or tail runs (filled in once runs are known).
    pub edge_share: f32,
}

/// Recurrence per cluster, and which paragraphs recur: a member recurs when its outlet carries
/// the text in at least `min_articles` stories (site furniture is an outlet's own), or when the
/// text is a short line (at most `generic_words` words) carried in twice that many stories
/// across outlets (generic furniture such as "Listen to this article").
pub(crate) fn recurrence(
    store: &CorpusStore,
    clusters: &Clusters,
    story: &[u32],
    min_articles: usize,
    generic_words: u32,
) -> (Vec<Recurrence>, Vec<bool>) {
    let per: Vec<(Recurrence, Vec<u32>)> = clusters
        .members
        .par_iter()
        .map(|m| {
            // (variant, outlet, story, paragraph) for every member. Short lines recur only with
            // the same numbers: headlines that differ in a number met on their masked keys,
            // but are different lines; each set of numbers is a variant of its own.
            let short_lines = m.first().is_some_and(|&p| {
                store.paras[p as usize].words < crate::fingerprint::MASK_MAX_WORDS
            });
            let mut ms: Vec<(u64, u32, u32, u32)> = m
                .iter()
                .map(|&p| {
                    let a = store.article_of(p as usize);
                    let variant = if short_lines {
                        super::facts::numbers_key(store, p as usize)
                    } else {
                        0
                    };
                    (variant, store.articles[a].outlet, story[a], p)
                })
                .collect();
            ms.sort_unstable();
            let short = m
                .first()
                .is_some_and(|&p| store.paras[p as usize].words <= generic_words);
            let (mut stories, mut recurring) = (0u32, Vec::new());
            for variant in ms.chunk_by(|x, y| x.0 == y.0) {
                let mut all_stories: Vec<u32> = variant.iter().map(|x| x.2).collect();
                all_stories.sort_unstable();
                all_stories.dedup();
                let generic = short && all_stories.len() >= 2 * min_articles;
                let mut best = 0u32;
                for run in variant.chunk_by(|x, y| x.1 == y.1) {
                    let mut s: Vec<u32> = run.iter().map(|x| x.2).collect();
                    s.dedup();
                    best = best.max(s.len() as u32);
                    if generic || s.len() >= min_articles {
                        recurring.extend(run.iter().map(|x| x.3));
                    }
                }
                stories = stories.max(if generic {
                    all_stories.len() as u32
                } else {
                    best
                });
            }
            let mut all_outlets: Vec<u32> = ms.iter().map(|x| x.1).collect();
            all_outlets.sort_unstable();
            all_outlets.dedup();
            let outlets = all_outlets.len() as u32;
            recurring.sort_unstable();
            (
                Recurrence {
                    stories,
                    outlets,
                    edge_share: 0.0,
                },
                recurring,
            )
        })
        .collect();
    let mut flags = vec![false; store.paras.len()];
    let mut rec = Vec::with_capacity(per.len());
    for (r, recurring) in per {
        for p in recurring {
            flags[p as usize] = true;
        }
        rec.push(r);
    }
    (rec, flags)
}

/// Fills in each cluster's edge share: the share of its recurring members in a run.
pub(crate) fn edge_shares(
    clusters: &Clusters,
    in_run: &[bool],
    recurring: &[bool],
    rec: &mut [Recurrence],
) {
    rec.par_iter_mut()
        .zip(clusters.members.par_iter())
        .for_each(|(r, m)| {
            let members = m.iter().filter(|&&p| recurring[p as usize]);
            let (n, at_edge) = members.fold((0usize, 0usize), |(n, e), &p| {
                (n + 1, e + usize::from(in_run[p as usize]))
            });
            r.edge_share = if n == 0 {
                0.0
            } else {
                at_edge as f32 / n as f32
            };
        });
}
