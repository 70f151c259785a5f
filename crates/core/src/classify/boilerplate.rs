//! Boilerplate: site text that is not the article.
//!
//! **What it flags**: a paragraph that matches a boilerplate cue where the cue counts (in a
//! head or tail run, or anywhere for `anywhere` groups); a member of a cluster that recurs at
//! the edges of several of an outlet's stories (see [`super::recurrence`]); a signature (see
//! [`super::signature`]). Not an article's title line, not a footer, and not recurring
//! paragraphs that are the bulk of their article (that article is a copy, not furniture).
//!
//! **Evidence**: for a cluster that recurs at edges, its `Recurrence` (stories, outlets, edge
//! share); otherwise the cue, signature or junk signals of its first flagged member.
//!
//! **Example**: `Leave a Comment` as the last line of an article; `Share this story` under the
//! title of three stories of one outlet.
//!
//! **Known misses**: a one-off line with no cue and no repetition; boilerplate in the middle of
//! the text that is neither a whole-line cue nor repeated at edges.

use super::edges::{EdgeFacts, all_edge_runs, cue_counts, is_boilerplate_cue};
use super::facts::{Facts, member};
use super::recurrence::{Recurrence, edge_shares, recurrence};
use crate::config::BoilerplateConfig;
use crate::model::{Evidence, Finding, FindingKind, KindSet};
use crate::store::{ArticleRecord, CorpusStore};

/// What recurrence and edge runs say, computed once for all articles.
pub(crate) struct Furniture {
    /// Recurrence per cluster.
    pub rec: Vec<Recurrence>,
    /// Whether each paragraph recurs.
    pub recurring: Vec<bool>,
    /// Head and tail runs.
    pub edges: EdgeFacts,
    /// Whether each cluster is boilerplate: its recurring members sit at edges.
    pub bp_cluster: Vec<bool>,
}

impl Furniture {
    /// Counts recurrence across `story` (story per article), finds the edge runs and which
    /// clusters are boilerplate.
    pub(crate) fn find(f: &Facts, story: &[u32], bp: &BoilerplateConfig) -> Furniture {
        let (mut rec, recurring) = recurrence(
            f.store,
            f.clusters,
            story,
            bp.min_articles,
            bp.max_generic_words,
        );
        let cand: Vec<bool> = (0..f.store.paras.len())
            .map(|p| f.cue[p].is_some() || f.source_line[p] || f.signature[p] || recurring[p])
            .collect();
        let edges = all_edge_runs(f.store, &cand);
        let placed = among_furniture(f.store, &edges.in_run);
        edge_shares(f.clusters, &placed, &recurring, &mut rec);
        let bp_cluster = rec
            .iter()
            .map(|r| r.edge_share as f64 >= bp.edge_share)
            .collect();
        Furniture {
            rec,
            recurring,
            edges,
            bp_cluster,
        }
    }

    /// Whether paragraph `p` recurs in a boilerplate cluster.
    fn recurs_as_furniture(&self, f: &Facts, p: usize) -> bool {
        self.recurring[p]
            && f.clusters
                .of(p)
                .is_some_and(|c| self.bp_cluster[c as usize])
    }
}

/// Per paragraph, whether it sits where furniture does: in a head or tail run (`in_run`), or
/// next to a line the junk rules flagged. A share bar or a newsletter pitch an outlet prints
/// under the byline of every story sits between the story's opening and its text, past the
/// head run, but beside the byline and date lines; a wire paragraph reused in bodies sits
/// between paragraphs of the story.
fn among_furniture(store: &CorpusStore, in_run: &[bool]) -> Vec<bool> {
    let mut placed = in_run.to_vec();
    for a in &store.articles {
        let r = a.paras();
        let junk = |p: usize| r.contains(&p) && store.paras[p].junk != 0;
        for p in r.clone() {
            placed[p] |= (p > 0 && junk(p - 1)) || junk(p + 1);
        }
    }
    placed
}

/// Whether recurring words are the bulk of an article of `total` words.
fn is_bulk(total: u32, recurring: u32, max_article_share: f64) -> bool {
    total > 0 && recurring as f64 > max_article_share * total as f64
}

/// Marks the boilerplate of article `a`, whose paragraphs' kinds are `kinds` (footers are
/// marked already and stay footers).
pub(crate) fn mark(
    f: &Facts,
    fur: &Furniture,
    bp: &BoilerplateConfig,
    a: &ArticleRecord,
    kinds: &mut [KindSet],
) {
    let r = a.paras();
    let words = |p: usize| f.store.paras[p].words;
    let total: u32 = r.clone().map(words).sum();
    let recurring_words: u32 = r
        .clone()
        .filter(|&p| fur.recurs_as_furniture(f, p))
        .map(words)
        .sum();
    let bulk = is_bulk(total, recurring_words, bp.max_article_share);
    for (i, k) in kinds.iter_mut().enumerate() {
        let p = r.start + i;
        if k.contains(FindingKind::AggregatorFooter) || (a.title_first && i == 0) {
            continue;
        }
        let by_cue = f.cue[p].is_some_and(|h| {
            is_boilerplate_cue(f.lex, h) && cue_counts(f.lex, h, fur.edges.in_run[p])
        });
        // A reply's attribution line recurs wherever one poster is quoted: it says whose
        // words follow (quote provenance), it is not the replying poster's furniture.
        let by_recurrence = !bulk
            && fur.recurs_as_furniture(f, p)
            && !f.store.paras[p].has(crate::store::Para::ATTRIBUTION);
        if by_cue || by_recurrence || f.signature[p] {
            k.insert(FindingKind::Boilerplate);
        }
    }
}

/// One finding per cluster with boilerplate members, then one per lone boilerplate paragraph.
pub(crate) fn findings(f: &Facts, fur: &Furniture, para_kinds: &[KindSet]) -> Vec<Finding> {
    let flagged = |p: usize| para_kinds[p].contains(FindingKind::Boilerplate);
    let finding = |members: Vec<usize>, score: f32, evidence: Evidence| Finding {
        kind: FindingKind::Boilerplate,
        members: members.iter().map(|&p| member(f.store, p)).collect(),
        score,
        evidence,
        origin: None,
        cross_outlet: None,
    };
    let mut findings = Vec::new();
    for (c, m) in f.clusters.members.iter().enumerate() {
        let ps: Vec<usize> = m
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| flagged(p))
            .collect();
        if ps.is_empty() {
            continue;
        }
        let r = fur.rec[c];
        findings.push(if fur.bp_cluster[c] {
            let evidence = Evidence::Recurrence {
                articles: r.stories,
                outlets: r.outlets,
                edge_share: r.edge_share,
            };
            finding(ps, r.edge_share, evidence)
        } else {
            let evidence = f.cue_evidence(&fur.edges, ps[0]);
            finding(ps, 1.0, evidence)
        });
    }
    for p in (0..para_kinds.len()).filter(|&p| flagged(p) && f.clusters.of(p).is_none()) {
        findings.push(finding(vec![p], 1.0, f.cue_evidence(&fur.edges, p)));
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::fixture;
    use super::*;

    #[test]
    fn recurring_paragraphs_are_not_furniture_when_they_are_the_article() {
        assert!(is_bulk(100, 51, 0.5));
        assert!(!is_bulk(100, 50, 0.5));
        assert!(!is_bulk(0, 0, 0.5));
    }

    #[test]
    fn a_line_recurring_at_the_edges_of_one_outlets_stories_is_boilerplate() {
        // Three stories of outlet 0, each ending with the same line (words 2, 4).
        let store = fixture::store(&[
            (0, &[&[10, 12, 14], &[2, 4]]),
            (0, &[&[20, 22, 24], &[2, 4]]),
            (0, &[&[30, 32, 34], &[2, 4]]),
        ]);
        let (clusters, lex) = (fixture::clusters(&store), fixture::lexicon());
        let f = Facts::new(&store, &clusters, &lex, &BoilerplateConfig::default());
        let story: Vec<u32> = vec![0, 1, 2];
        let fur = Furniture::find(&f, &story, &BoilerplateConfig::default());
        assert_eq!(fur.bp_cluster, [true]);
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        for a in &store.articles {
            let bp = BoilerplateConfig::default();
            mark(&f, &fur, &bp, a, &mut kinds[a.paras()]);
        }
        let bp: Vec<bool> = kinds
            .iter()
            .map(|k| k.contains(FindingKind::Boilerplate))
            .collect();
        assert_eq!(bp, [false, true, false, true, false, true]);
        let found = findings(&f, &fur, &kinds);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].members.len(), 3);
        assert!(matches!(
            found[0].evidence,
            Evidence::Recurrence { articles: 3, .. }
        ));
    }

    /// Which paragraphs of three stories of one outlet are boilerplate, given each story as
    /// its paragraphs' words and whether the junk rules flagged them.
    fn boilerplate_of(stories: [&[(&[u32], bool)]; 3]) -> Vec<bool> {
        let paras: Vec<Vec<&[u32]>> = stories
            .iter()
            .map(|s| s.iter().map(|p| p.0).collect())
            .collect();
        let articles: Vec<(u32, &[&[u32]])> = paras.iter().map(|p| (0, p.as_slice())).collect();
        let mut store = fixture::store(&articles);
        let junk = stories.iter().flat_map(|s| s.iter().map(|p| p.1));
        for (p, j) in store.paras.iter_mut().zip(junk) {
            p.junk = u32::from(j);
        }
        let (clusters, lex) = (fixture::clusters(&store), fixture::lexicon());
        let bp = BoilerplateConfig::default();
        let f = Facts::new(&store, &clusters, &lex, &bp);
        let fur = Furniture::find(&f, &[0, 1, 2], &bp);
        let mut kinds = vec![KindSet::default(); store.paras.len()];
        for a in &store.articles {
            mark(&f, &fur, &bp, a, &mut kinds[a.paras()]);
        }
        kinds
            .iter()
            .map(|k| k.contains(FindingKind::Boilerplate))
            .collect()
    }

    #[test]
    fn a_line_recurring_beside_flagged_junk_mid_story_is_boilerplate() {
        // Story paragraphs of twelve words of their own (too long to bridge a run).
        let story: Vec<Vec<u32>> = (0..9u32)
            .map(|k| (0..12).map(|w| 100 + 2 * (12 * k + w)).collect())
            .collect();
        let share: &[u32] = &[2, 4];
        // A share bar under each story's byline (flagged), past its opening.
        let page = |s: usize, byline: bool| -> Vec<(&[u32], bool)> {
            vec![
                (&story[3 * s], false),
                (&story[3 * s + 1], byline),
                (share, false),
                (&story[3 * s + 2], false),
            ]
        };
        let (a, b, c) = (page(0, true), page(1, true), page(2, true));
        let bp = boilerplate_of([&a, &b, &c]);
        assert_eq!(bp.iter().filter(|&&b| b).count(), 3);
        assert!(bp[2] && bp[6] && bp[10]);
        // The same line between story paragraphs is a passage the outlet reuses.
        let (a, b, c) = (page(0, false), page(1, false), page(2, false));
        assert!(boilerplate_of([&a, &b, &c]).iter().all(|&b| !b));
    }
}
