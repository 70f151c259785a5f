//! Classification: turns clusters, cues and positions into findings of each kind.
//!
//! Order matters and is fixed: cue matches first (they need no corpus), then article-level
//! copies (so that copies of one story do not count as repetition), then recurrence and edge
//! runs (boilerplate), then footers, internal duplicates, copies and reuse. Every rule lives in
//! a submodule (`boilerplate`, `footer`, `junk_lines`, `signature`, `copies`, `internal`,
//! `reuse`; the line rules of the junk detector in [`junk`]), each documented
//! as the kinds are: what it flags, its evidence, an example and its known misses. This module
//! only sequences them and assembles the [`Classification`]. Nothing here does I/O.

pub(crate) mod articles;
mod boilerplate;
mod copies;
pub(crate) mod cues;
mod edges;
mod facts;
#[cfg(test)]
pub(crate) mod fixture;
mod footer;
mod internal;
pub(crate) mod junk;
mod junk_lines;
mod recurrence;
mod reuse;
mod signature;

use crate::cluster::Clusters;
use crate::config::Config;
use crate::model::dates::earliest;
use crate::model::{ArticleIdx, Cluster, Evidence, Finding, FindingKind, KindSet, Origin, PerKind};
use crate::store::CorpusStore;
use articles::ArticleLinks;
use boilerplate::Furniture;
use cues::Lexicon;
use facts::{Facts, member};
use rayon::prelude::*;
pub(crate) use recurrence::Recurrence;

/// The weakest verified link inside each cluster (1.0 for clusters of equal texts).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct ClusterScore {
    /// Lowest shingle Jaccard of a link.
    pub jaccard: f32,
    /// Lowest word edit similarity of a link; `None` once a link was accepted without it.
    pub edit: Option<f32>,
}

impl Default for ClusterScore {
    fn default() -> Self {
        ClusterScore {
            jaccard: 1.0,
            edit: Some(1.0),
        }
    }
}

impl ClusterScore {
    /// The score of a finding on cluster: its edit similarity, else its Jaccard.
    fn score(self) -> f32 {
        self.edit.unwrap_or(self.jaccard)
    }

    /// The evidence of a finding on cluster `cluster`.
    fn evidence(self, cluster: u32) -> Evidence {
        Evidence::NearDuplicate {
            cluster,
            jaccard: self.jaccard,
            edit_similarity: self.edit,
        }
    }
}

/// A cluster and the members of it a rule flagged.
type Group = (u32, Vec<u32>);

/// What classification produces.
#[derive(Debug, Default)]
pub struct Classification {
    /// Kinds covering each paragraph.
    pub para_kinds: Vec<KindSet>,
    /// The findings, sorted by kind then first member.
    pub findings: Vec<Finding>,
    /// Every cluster with its dominant kind.
    pub clusters: Vec<Cluster>,
    /// Article-level shares, copies and stories.
    pub links: ArticleLinks,
    /// Recurrence per cluster.
    pub recurrence: Vec<Recurrence>,
}

/// The origin among some articles: the earliest dated one.
pub fn origin_of(store: &CorpusStore, articles: impl IntoIterator<Item = u32>) -> Option<Origin> {
    earliest(articles.into_iter().map(|a| {
        let art = &store.articles[a as usize];
        (a, art.date_key, art.meta.id.as_str())
    }))
    .map(|a| Origin {
        article: ArticleIdx(a),
    })
}

/// Runs every rule. `scores[c]` is cluster `c`'s weakest link.
pub(crate) fn classify(
    store: &CorpusStore,
    clusters: &Clusters,
    scores: &[ClusterScore],
    config: &Config,
    lex: &Lexicon,
) -> Classification {
    let bp = &config.boilerplate;
    // 1. Cues, source-link lines and signatures.
    let f = Facts::new(store, clusters, lex, bp);
    // 2. Article-level copies, on paragraphs that are not marked.
    let links = copies::link(&f, &config.syndication);
    // 3. Recurrence across stories, edge runs, and which clusters are boilerplate.
    let fur = Furniture::find(&f, &links.story, bp);
    // 4. Footers, boilerplate and site junk, article by article (in this order: each leaves
    // what the one before marked).
    let per_article: Vec<Vec<KindSet>> = store
        .articles
        .par_iter()
        .map(|a| {
            let mut kinds = vec![KindSet::default(); a.n_paras as usize];
            footer::mark(&f, &fur.edges.in_run, a, &mut kinds);
            boilerplate::mark(&f, &fur, bp, a, &mut kinds);
            junk_lines::mark(&f, a, &mut kinds);
            kinds
        })
        .collect();
    let mut para_kinds: Vec<KindSet> = per_article.into_iter().flatten().collect();
    // 5. Internal duplicates; 6. the paragraphs copies share; 7. reuse.
    let internal_groups = internal::mark(store, clusters, &mut para_kinds);
    copies::mark(&f, &links, &mut para_kinds);
    let reuse_groups = reuse::mark(store, clusters, &mut para_kinds);
    // 8. Findings.
    let mut findings = boilerplate::findings(&f, &fur, &para_kinds);
    findings.extend(footer::findings(&f, &fur.edges, &para_kinds));
    findings.extend(internal::findings(store, scores, &internal_groups));
    findings.extend(copies::findings(&f, &links, &para_kinds));
    // A reuse group that copy relations explain is part of their findings.
    let reuse_groups: Vec<Group> = reuse_groups
        .into_iter()
        .filter(|(_, ps)| !copies::explained_by_copies(&links, &group_articles(store, ps)))
        .collect();
    findings.extend(reuse::findings(store, scores, &reuse_groups));
    sort_findings(&mut findings);
    // 9. Each cluster's dominant kind.
    let out_clusters = clusters
        .members
        .iter()
        .map(|m| Cluster {
            kind: dominant_kind(m.iter().map(|&p| para_kinds[p as usize])),
            members: m.iter().map(|&p| member(store, p as usize)).collect(),
        })
        .collect();
    Classification {
        para_kinds,
        findings,
        clusters: out_clusters,
        links,
        recurrence: fur.rec,
    }
}

/// The articles of some paragraphs, sorted and deduplicated.
fn group_articles(store: &CorpusStore, paras: &[u32]) -> Vec<u32> {
    let mut v: Vec<u32> = paras
        .iter()
        .map(|&p| store.article_of(p as usize) as u32)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Sorts findings by kind, then first member, so ids are stable.
pub(crate) fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| (a.kind, a.members.first()).cmp(&(b.kind, b.members.first())));
}

/// The kind most members carry; ties go to the kind listed first in [`FindingKind::ALL`].
fn dominant_kind(kinds: impl Iterator<Item = KindSet>) -> Option<FindingKind> {
    let mut counts: PerKind<usize> = PerKind::default();
    for k in kinds {
        for kind in k.iter() {
            counts[kind] += 1;
        }
    }
    let (kind, &c) = counts
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(&a.0)))?;
    (c > 0).then_some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dominant_kind_prefers_count_then_order() {
        let mut a = KindSet::default();
        a.insert(FindingKind::ReusedWording);
        let mut b = KindSet::default();
        b.insert(FindingKind::Boilerplate);
        assert_eq!(
            dominant_kind([a, a, b].into_iter()),
            Some(FindingKind::ReusedWording)
        );
        assert_eq!(
            dominant_kind([a, b].into_iter()),
            Some(FindingKind::Boilerplate)
        );
        assert_eq!(dominant_kind([KindSet::default()].into_iter()), None);
    }
}
