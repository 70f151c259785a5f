//! Reused wording: the same or nearly the same paragraph in different articles.
//!
//! **What it flags**: the members of a cluster that are not furniture (boilerplate or footers)
//! and have at least three words, when they span two or more articles. Paragraphs of
//! whole-article copies are included: they are reused wording too, and the article-level
//! finding says more. (Shared word runs shorter than a paragraph are found later, by
//! [`crate::spans`].)
//!
//! **Evidence**: the cluster's weakest verified link (`NearDuplicate`: shingle Jaccard, word
//! edit similarity); the finding's origin is the earliest dated article among its members, and
//! it says whether they span more than one outlet.
//!
//! **Example**: a wire paragraph carried by three outlets with a word changed.
//!
//! **Known misses**: paraphrases that change most of the wording; "Thanks," and other lines
//! under three words, which are not counted.

use super::facts::{is_furniture, member};
use super::{ClusterScore, Group, origin_of};
use crate::cluster::Clusters;
use crate::model::{Finding, FindingKind, KindSet};
use crate::store::CorpusStore;

/// Fewest words a paragraph needs to count as reused wording ("Thanks," in many posts is not).
pub(crate) const MIN_REUSE_WORDS: u32 = 3;

/// Finds the reused clusters, marks their counted members and returns them.
pub(crate) fn mark(
    store: &CorpusStore,
    clusters: &Clusters,
    para_kinds: &mut [KindSet],
) -> Vec<Group> {
    let mut reuse_groups: Vec<Group> = Vec::new();
    for (c, m) in clusters.members.iter().enumerate() {
        let kept: Vec<u32> = m
            .iter()
            .copied()
            .filter(|&p| {
                !is_furniture(para_kinds[p as usize])
                    && store.paras[p as usize].words >= MIN_REUSE_WORDS
            })
            .collect();
        let mut articles: Vec<usize> = kept.iter().map(|&p| store.article_of(p as usize)).collect();
        articles.dedup();
        if articles.len() >= 2 {
            for &p in &kept {
                para_kinds[p as usize].insert(FindingKind::ReusedWording);
            }
            reuse_groups.push((c as u32, kept));
        }
    }
    reuse_groups
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
            let arts: Vec<u32> = ps
                .iter()
                .map(|&p| store.article_of(p as usize) as u32)
                .collect();
            let mut outlets: Vec<u32> = arts
                .iter()
                .map(|&a| store.articles[a as usize].outlet)
                .collect();
            outlets.sort_unstable();
            outlets.dedup();
            Finding {
                kind: FindingKind::ReusedWording,
                members: ps.iter().map(|&p| member(store, p as usize)).collect(),
                score: s.score(),
                evidence: s.evidence(*c),
                origin: origin_of(store, arts.iter().copied()),
                cross_outlet: Some(outlets.len() >= 2),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn a_paragraph_in_two_articles_is_reused_unless_it_is_furniture() {
        let wire: &[u32] = &[2, 4, 6, 8];
        let store = fixture::store(&[
            (0, &[wire, &[10, 12, 14]]),
            (1, &[&[20, 22, 24], wire]),
            (1, &[wire]),
        ]);
        let clusters = fixture::clusters(&store);
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        // The third article's copy is boilerplate there: it is left out.
        kinds[4].insert(FindingKind::Boilerplate);
        let groups = mark(&store, &clusters, &mut kinds);
        assert_eq!(groups, [(0, vec![0, 3])]);
        assert!(kinds[0].contains(FindingKind::ReusedWording));
        assert!(!kinds[4].contains(FindingKind::ReusedWording));
        let found = findings(&store, &[ClusterScore::default()], &groups);
        assert_eq!(found[0].cross_outlet, Some(true));
        assert_eq!(found[0].origin.as_ref().map(|o| o.article.0), Some(0));
    }

    #[test]
    fn short_lines_and_one_article_are_no_reuse() {
        let store = fixture::store(&[(0, &[&[2, 4], &[6, 8, 10]]), (1, &[&[2, 4]])]);
        let clusters = fixture::clusters(&store);
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        assert!(mark(&store, &clusters, &mut kinds).is_empty());
    }
}
