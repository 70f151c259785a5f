//! Internal duplicates: a paragraph repeated inside one article.
//!
//! **What it flags**: two or more members of one cluster in the same article, of at least two
//! words. Short lines (under the masked-key length) must also carry the same numbers: "… for
//! $649.99" and "… for $169.99" met on their masked keys, but they are two lines, while a word
//! edited in a caption still leaves the same line.
//!
//! **Evidence**: the cluster's weakest verified link (`NearDuplicate`: shingle Jaccard, word
//! edit similarity).
//!
//! **Example**: `Putin and Xi meet for year-end talks` twice in one article.
//!
//! **Known misses**: repeats shorter than a paragraph; a one-word line printed twice.

use super::facts::{member, numbers_key};
use super::{ClusterScore, Group};
use crate::cluster::Clusters;
use crate::model::{Finding, FindingKind, KindSet};
use crate::store::CorpusStore;

/// Fewest words a paragraph needs to count as an internal duplicate.
const MIN_INTERNAL_WORDS: u32 = 2;

/// Splits the members of one cluster in one article into groups of two or more that carry
/// the same `key` (run order kept inside each group; groups ordered by key).
fn by_key(run: &[u32], key: impl Fn(u32) -> u64) -> Vec<Vec<u32>> {
    let mut by_text = run.to_vec();
    by_text.sort_by_key(|&p| (key(p), p));
    by_text
        .chunk_by(|&x, &y| key(x) == key(y))
        .filter(|g| g.len() >= 2)
        .map(<[u32]>::to_vec)
        .collect()
}

/// Finds the internal duplicates, marks their paragraphs and returns their groups.
pub(crate) fn mark(
    store: &CorpusStore,
    clusters: &Clusters,
    para_kinds: &mut [KindSet],
) -> Vec<Group> {
    let mut internal_groups: Vec<Group> = Vec::new();
    let same_article =
        |x: &u32, y: &u32| store.article_of(*x as usize) == store.article_of(*y as usize);
    for (c, m) in clusters.members.iter().enumerate() {
        for run in m.chunk_by(same_article) {
            let words = store.paras[run[0] as usize].words;
            if run.len() < 2 || words < MIN_INTERNAL_WORDS {
                continue;
            }
            let groups = if words < crate::fingerprint::MASK_MAX_WORDS {
                by_key(run, |p| numbers_key(store, p as usize))
            } else {
                vec![run.to_vec()]
            };
            for g in groups {
                for &p in &g {
                    para_kinds[p as usize].insert(FindingKind::InternalDuplicate);
                }
                internal_groups.push((c as u32, g));
            }
        }
    }
    internal_groups
}

/// One finding per group.
pub(crate) fn findings(
    store: &CorpusStore,
    scores: &[ClusterScore],
    groups: &[Group],
) -> Vec<Finding> {
    groups
        .iter()
        .map(|(c, ps)| {
            let s = scores[*c as usize];
            Finding {
                kind: FindingKind::InternalDuplicate,
                members: ps.iter().map(|&p| member(store, p as usize)).collect(),
                score: s.score(),
                evidence: s.evidence(*c),
                origin: None,
                cross_outlet: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn short_lines_group_by_their_numbers() {
        let key = |p: u32| [7, 9, 7, 7, 9, 3][p as usize];
        assert_eq!(
            by_key(&[0, 1, 2, 3, 4, 5], key),
            [vec![0, 2, 3], vec![1, 4]]
        );
        assert!(by_key(&[0, 1], key).is_empty());
    }

    #[test]
    fn a_caption_printed_twice_is_an_internal_duplicate() {
        // Article 0 prints the caption (2, 4, 6) twice; article 1 once.
        let caption: &[u32] = &[2, 4, 6];
        let store = fixture::store(&[
            (0, &[caption, &[10, 12, 14], caption]),
            (1, &[caption, &[20, 22]]),
        ]);
        let clusters = fixture::clusters(&store);
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        let groups = mark(&store, &clusters, &mut kinds);
        assert_eq!(groups, [(0, vec![0, 2])]);
        let marked: Vec<bool> = kinds
            .iter()
            .map(|k| k.contains(FindingKind::InternalDuplicate))
            .collect();
        assert_eq!(marked, [true, false, true, false, false]);
        let found = findings(&store, &[ClusterScore::default()], &groups);
        assert_eq!(found[0].members[1].paragraph, Some(2));
    }

    #[test]
    fn short_lines_with_other_numbers_are_two_lines() {
        // Two price lines whose texts a masked key linked: 3 and 5 are numbers.
        let store = fixture::store(&[(0, &[&[2, 4, 3], &[10, 12, 14], &[2, 4, 5]])]);
        let clusters = fixture::clusters_linking(&store, &[(0, 2)]);
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        assert!(mark(&store, &clusters, &mut kinds).is_empty());
    }
}
