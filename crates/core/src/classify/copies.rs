//! Syndicated and duplicate articles: an article that is mostly another article.
//!
//! **What it flags**: the later article of a pair whose share of words in paragraphs shared
//! with the earlier one reaches the threshold (see [`super::articles`] for the pairs, the
//! shingle fallback and the star to the origin of widespread clusters), and its paragraphs
//! shared with that original. Another outlet's original makes a syndicated article, the same
//! outlet's a duplicate article. Cue-marked paragraphs and site junk count neither way.
//!
//! **Evidence**: the share and the shared paragraphs (`ArticleShare`); the finding's origin is
//! the earliest dated article of its chain of copies (the original, its own original, …).
//!
//! **Example**: an aggregator's copy of a newspaper story (syndicated); the same BBC story
//! collected twice (duplicate).
//!
//! **Known misses**: a copy rewritten paragraph by paragraph beyond the near-duplicate
//! thresholds; an abridged copy of widespread wire text (under the threshold of the origin).

use super::articles::{ArticleLinks, CopyLink, link_articles};
use super::facts::{Facts, article_member, is_furniture, member};
use super::origin_of;
use crate::config::SyndicationConfig;
use crate::model::{Evidence, Finding, FindingKind, KindSet};
use crate::store::CorpusStore;

/// Links the articles: pairs, copies and stories. Marked paragraphs (cues, source-link lines,
/// signatures, junk) and those of clusters spread over too many articles do not count.
pub(crate) fn link(f: &Facts, config: &SyndicationConfig) -> ArticleLinks {
    let (store, clusters) = (f.store, f.clusters);
    let n = store.paras.len();
    // Wire text and furniture spread over many articles say nothing about which article a
    // copy copies: they count neither for nor against a share.
    let widespread = |p: usize| {
        clusters
            .of(p)
            .is_some_and(|c| f.cluster_articles[c as usize] > config.max_cluster_articles)
    };
    let cued: Vec<bool> = (0..n).map(|p| f.cued(p)).collect();
    let excluded: Vec<bool> = (0..n).map(|p| cued[p] || widespread(p)).collect();
    let counted = store.article_words(|p| !excluded[p]);
    link_articles(store, clusters, &excluded, &cued, &counted, config)
}

/// Syndicated across outlets, duplicate within one.
fn kind(store: &CorpusStore, link: &CopyLink) -> FindingKind {
    let (copy, original) = (link.copy as usize, link.original as usize);
    if store.articles[copy].outlet == store.articles[original].outlet {
        FindingKind::DuplicateArticle
    } else {
        FindingKind::SyndicatedArticle
    }
}

/// Whether the ascending `members` of a cluster include a paragraph in `range`.
fn has_member_in(members: &[u32], range: std::ops::Range<u32>) -> bool {
    let i = members.partition_point(|&x| x < range.start);
    i < members.len() && members[i] < range.end
}

/// The paragraphs a copy shares with its original (furniture excepted): each paragraph of the
/// copy in a cluster that has a member in the original, with those members of the original,
/// as corpus-wide paragraph indices `(copy's, original's)`, each sorted.
fn shared_paras(f: &Facts, link: &CopyLink, para_kinds: &[KindSet]) -> (Vec<u32>, Vec<u32>) {
    let original = &f.store.articles[link.original as usize];
    let src = original.first_para..original.first_para + original.n_paras;
    let (mut copy, mut orig) = (Vec::new(), Vec::new());
    for p in f.store.articles[link.copy as usize].paras() {
        if is_furniture(para_kinds[p]) {
            continue;
        }
        let Some(c) = f.clusters.of(p) else { continue };
        let members = &f.clusters.members[c as usize];
        if has_member_in(members, src.clone()) {
            copy.push(p as u32);
            let lo = members.partition_point(|&x| x < src.start);
            let hi = members.partition_point(|&x| x < src.end);
            orig.extend(
                members[lo..hi]
                    .iter()
                    .copied()
                    .filter(|&q| !is_furniture(para_kinds[q as usize])),
            );
        }
    }
    orig.sort_unstable();
    orig.dedup();
    (copy, orig)
}

/// Marks each copy's paragraphs that share a cluster with its original (furniture excepted).
pub(crate) fn mark(f: &Facts, links: &ArticleLinks, para_kinds: &mut [KindSet]) {
    for link in &links.copies {
        let kind = kind(f.store, link);
        let (copy, _) = shared_paras(f, link, para_kinds);
        for p in copy {
            para_kinds[p as usize].insert(kind);
        }
    }
}

/// One finding per copy relation. Its members are the copy and its original as whole articles,
/// in that order (the pair), then the paragraphs they share: the copy's, then the original's.
/// The reuse of those paragraphs is this finding, not one finding per paragraph (see
/// [`explained_by_copies`]).
pub(crate) fn findings(f: &Facts, links: &ArticleLinks, para_kinds: &[KindSet]) -> Vec<Finding> {
    let store = f.store;
    let mut findings = Vec::new();
    for link in &links.copies {
        let cross = store.articles[link.copy as usize].outlet
            != store.articles[link.original as usize].outlet;
        let (copy_paras, orig_paras) = shared_paras(f, link, para_kinds);
        let mut members = vec![
            article_member(store, link.copy),
            article_member(store, link.original),
        ];
        // Lines too short to count as reuse ("Thanks,") are no member, as in reuse findings.
        members.extend(
            copy_paras
                .iter()
                .chain(&orig_paras)
                .filter(|&&p| store.paras[p as usize].words >= super::reuse::MIN_REUSE_WORDS)
                .map(|&p| member(store, p as usize)),
        );
        findings.push(Finding {
            kind: kind(store, link),
            members,
            score: link.share,
            evidence: Evidence::ArticleShare {
                share: link.share,
                shared_paragraphs: link.paragraphs,
            },
            origin: origin_of(store, copy_chain(links, link.copy)),
            cross_outlet: Some(cross),
        });
    }
    findings
}

/// An article and the originals its copy links lead to, back to the first: where a copy's
/// text first appeared is the earliest dated one of them. Links point to earlier articles, so
/// the chain ends; it is cut at the number of links all the same.
fn copy_chain(links: &ArticleLinks, copy: u32) -> Vec<u32> {
    let mut chain = vec![copy];
    while chain.len() <= links.copies.len() {
        let Some(&last) = chain.last() else { break };
        match original_of(links, last) {
            Some(o) => chain.push(o),
            None => break,
        }
    }
    chain
}

/// The original of a copy, if `a` is one (`links.copies` is sorted by copy).
fn original_of(links: &ArticleLinks, a: u32) -> Option<u32> {
    let i = links.copies.partition_point(|l| l.copy < a);
    links
        .copies
        .get(i)
        .filter(|l| l.copy == a)
        .map(|l| l.original)
}

/// Whether the articles of a reuse group are explained by copy relations alone: every one of
/// them but one (the root) copies another of them. Such a group's paragraphs are members of
/// those copy findings, so it is no finding of its own: one copied article is one finding,
/// not one per paragraph. `articles` is sorted and deduplicated.
pub(crate) fn explained_by_copies(links: &ArticleLinks, articles: &[u32]) -> bool {
    if articles.len() < 2 {
        return false;
    }
    let roots = articles
        .iter()
        .filter(|&&a| original_of(links, a).is_none_or(|o| articles.binary_search(&o).is_err()))
        .count();
    roots == 1
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;
    use crate::config::BoilerplateConfig;

    #[test]
    fn a_membership_test_over_sorted_members() {
        assert!(has_member_in(&[1, 5, 9], 4..6));
        assert!(!has_member_in(&[1, 5, 9], 6..9));
        assert!(!has_member_in(&[], 0..9));
    }

    #[test]
    fn the_later_article_of_another_outlet_is_a_syndicated_copy() {
        let body: &[&[u32]] = &[&[10, 12, 14, 16], &[20, 22, 24, 26], &[30, 32, 34, 36]];
        // Article 1 (outlet 1) copies article 0 (outlet 0); article 2 is another story.
        let store = fixture::store(&[(0, body), (1, body), (0, &[&[40, 42, 44]])]);
        let (clusters, lex) = (fixture::clusters(&store), fixture::lexicon());
        let f = Facts::new(&store, &clusters, &lex, &BoilerplateConfig::default());
        let links = link(&f, &SyndicationConfig::default());
        assert_eq!(links.copies.len(), 1);
        assert_eq!((links.copies[0].copy, links.copies[0].original), (1, 0));
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        mark(&f, &links, &mut kinds);
        let marked: Vec<bool> = kinds
            .iter()
            .map(|k| k.contains(FindingKind::SyndicatedArticle))
            .collect();
        assert_eq!(marked, [false, false, false, true, true, true, false]);
        let found = findings(&f, &links, &kinds);
        assert_eq!(found[0].kind, FindingKind::SyndicatedArticle);
        // The pair, then the three shared paragraphs of each side.
        let paras: Vec<_> = found[0]
            .members
            .iter()
            .map(|m| (m.article.0, m.paragraph))
            .collect();
        assert_eq!(
            paras,
            [
                (1, None),
                (0, None),
                (1, Some(0)),
                (1, Some(1)),
                (1, Some(2))
            ]
            .into_iter()
            .chain([(0, Some(0)), (0, Some(1)), (0, Some(2))])
            .collect::<Vec<_>>()
        );
        assert!(explained_by_copies(&links, &[0, 1]));
        assert!(!explained_by_copies(&links, &[0, 1, 2]));
        assert!(!explained_by_copies(&links, &[1]));
        assert_eq!(found[0].cross_outlet, Some(true));
        assert_eq!(found[0].origin.as_ref().map(|o| o.article.0), Some(0));
    }
}
