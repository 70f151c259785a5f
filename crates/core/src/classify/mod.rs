//! Classification: turns clusters, cues and positions into findings of each kind.
//!
//! Order matters and is fixed: cue matches first (they need no corpus), then article-level
//! copies (so that copies of one story do not count as repetition), then recurrence and edge
//! runs (boilerplate), then footers, internal duplicates, copies and reuse. Every rule lives in
//! a submodule; this one only sequences them and assembles [`Finding`]s. Nothing here does I/O.

pub mod articles;
pub mod boilerplate;
pub mod cues;
pub mod junk;

use crate::cluster::Clusters;
use crate::config::Config;
use crate::model::DeclKind;
use crate::model::dates::earliest;
use crate::model::{
    ArticleIdx, ByteSpan, Cluster, Evidence, Finding, FindingKind, KindSet, Member, Origin,
    PerKind, Position,
};
use crate::store::CorpusStore;
use articles::{ArticleLinks, link_articles};
use boilerplate::{
    Recurrence, all_edge_runs, cue_counts, cue_hits, edge_shares, is_boilerplate_cue, recurrence,
};
use cues::{CueClass, Lexicon};
use rayon::prelude::*;

/// Fewest words a paragraph needs to count as reused wording ("Thanks," in many posts is not).
const MIN_REUSE_WORDS: u32 = 3;
/// Fewest words a paragraph needs to count as an internal duplicate.
const MIN_INTERNAL_WORDS: u32 = 2;

/// Longest paragraph, in words, that can belong to a signature.
const SIGNATURE_MAX_WORDS: u32 = 80;

/// The weakest verified link inside each cluster (1.0 for clusters of equal texts).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClusterScore {
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

fn member(store: &CorpusStore, p: usize) -> Member {
    let a = store.article_of(p);
    let art = &store.articles[a];
    Member {
        article: ArticleIdx(a as u32),
        paragraph: Some((p - art.first_para as usize) as u32),
        span: store.paras[p].span,
    }
}

fn article_member(store: &CorpusStore, a: u32) -> Member {
    let art = &store.articles[a as usize];
    Member {
        article: ArticleIdx(a),
        paragraph: None,
        span: ByteSpan {
            start: 0,
            end: art.text_len,
        },
    }
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
pub fn classify(
    store: &CorpusStore,
    clusters: &Clusters,
    scores: &[ClusterScore],
    config: &Config,
    lex: &Lexicon,
) -> Classification {
    let n = store.paras.len();
    let bp = &config.boilerplate;

    // 1. Cues and source-link lines.
    let cue = cue_hits(store, lex, bp);
    let mut source_line = vec![false; n];
    for a in &store.articles {
        for d in a.declared.iter().filter(|d| d.kind == DeclKind::SourceLink) {
            for p in a.paras() {
                if store.paras[p].span == d.span {
                    source_line[p] = true;
                }
            }
        }
    }

    // Signatures: from the last signature delimiter to the end, when what follows is short.
    let mut signature = vec![false; n];
    for a in &store.articles {
        let r = a.paras();
        let Some(start) = r
            .clone()
            .rev()
            .find(|&p| store.paras[p].has(crate::store::Para::SIGNATURE))
        else {
            continue;
        };
        if (start..r.end).all(|p| store.paras[p].words <= SIGNATURE_MAX_WORDS) {
            signature[start..r.end].iter_mut().for_each(|s| *s = true);
        }
    }

    // 2. Article-level copies, on paragraphs that are not cue-marked.
    let mut cluster_articles: Vec<usize> = vec![0; clusters.len()];
    for (c, m) in clusters.members.iter().enumerate() {
        let mut arts: Vec<usize> = m.iter().map(|&p| store.article_of(p as usize)).collect();
        arts.dedup();
        cluster_articles[c] = arts.len();
    }
    // Wire text and furniture spread over many articles say nothing about which article a
    // copy copies: they count neither for nor against a share.
    let widespread = |p: usize| {
        clusters
            .of(p)
            .is_some_and(|c| cluster_articles[c as usize] > config.syndication.max_cluster_articles)
    };
    let junk = |p: usize| store.paras[p].junk & junk::sig::RULES != 0;
    let cued: Vec<bool> = (0..n)
        .map(|p| cue[p].is_some() || source_line[p] || signature[p] || junk(p))
        .collect();
    let excluded: Vec<bool> = (0..n).map(|p| cued[p] || widespread(p)).collect();
    let counted: Vec<u32> = store
        .articles
        .iter()
        .map(|a| {
            a.paras()
                .filter(|&p| !excluded[p])
                .map(|p| store.paras[p].words)
                .sum()
        })
        .collect();
    let links = link_articles(
        store,
        clusters,
        &excluded,
        &cued,
        &counted,
        &config.syndication,
    );

    // 3. Recurrence across stories, edge runs, and which clusters are boilerplate.
    let (mut rec, recurring) = recurrence(
        store,
        clusters,
        &links.story,
        bp.min_articles,
        bp.max_generic_words,
    );
    let cand: Vec<bool> = (0..n)
        .map(|p| cue[p].is_some() || source_line[p] || signature[p] || recurring[p])
        .collect();
    let edges = all_edge_runs(store, &cand);
    edge_shares(clusters, &edges.in_run, &recurring, &mut rec);
    let bp_cluster: Vec<bool> = rec
        .iter()
        .map(|r| r.edge_share as f64 >= bp.edge_share)
        .collect();

    // 4. Footers and boilerplate, article by article.
    let per_article: Vec<Vec<KindSet>> = store
        .articles
        .par_iter()
        .map(|a| {
            let r = a.paras();
            let mut kinds = vec![KindSet::default(); r.len()];
            let local = |i: usize| r.start + i;
            // Footer block: from a source-link line or disclosure in the tail to the last disclosure.
            let is_footer_cue = |p: usize| {
                cue[p].is_some_and(|h| {
                    !is_boilerplate_cue(lex, h) && cue_counts(lex, h, edges.in_run[p])
                })
            };
            // The footer block ends at the last disclosure in the tail and reaches back only
            // over the source-link line and short lines such as a byline.
            if let Some(last_cue) = (0..r.len()).rev().find(|&i| is_footer_cue(local(i))) {
                let mut start = last_cue;
                let mut k = last_cue;
                while k > 0 {
                    let p = local(k - 1);
                    if source_line[p] {
                        start = k - 1;
                    } else if store.paras[p].words > 4 || cue[p].is_some() {
                        break;
                    }
                    k -= 1;
                }
                for (i, k) in kinds.iter_mut().enumerate().take(last_cue + 1).skip(start) {
                    let p = local(i);
                    if !cue[p].is_some_and(|h| is_boilerplate_cue(lex, h)) {
                        k.insert(FindingKind::AggregatorFooter);
                    }
                }
            }
            // Boilerplate: counted cues, and members of boilerplate clusters (unless they are
            // the bulk of the article: then the article is a copy, not furniture).
            let total: u32 = r.clone().map(|p| store.paras[p].words).sum();
            let recurring_words: u32 = r
                .clone()
                .filter(|&p| recurring[p] && clusters.of(p).is_some_and(|c| bp_cluster[c as usize]))
                .map(|p| store.paras[p].words)
                .sum();
            let bulk = total > 0 && recurring_words as f64 > bp.max_article_share * total as f64;
            for (i, k) in kinds.iter_mut().enumerate() {
                let p = local(i);
                if k.contains(FindingKind::AggregatorFooter) || (a.title_first && i == 0) {
                    continue;
                }
                let by_cue = cue[p].is_some_and(|h| {
                    is_boilerplate_cue(lex, h) && cue_counts(lex, h, edges.in_run[p])
                });
                // A reply's attribution line recurs wherever one poster is quoted: it says whose
                // words follow (quote provenance), it is not the replying poster's furniture.
                let by_recurrence = !bulk
                    && recurring[p]
                    && !store.paras[p].has(crate::store::Para::ATTRIBUTION)
                    && clusters.of(p).is_some_and(|c| bp_cluster[c as usize]);
                if by_cue || by_recurrence || signature[p] {
                    k.insert(FindingKind::Boilerplate);
                }
            }
            // Junk found in the paragraph's own text.
            for (i, k) in kinds.iter_mut().enumerate() {
                let p = local(i);
                let j = store.paras[p].junk;
                // A credit line printed by other articles too is a shared credit, which reuse
                // reports; it is not taken for this site's furniture.
                let shared_credit = j & junk::sig::RULES == junk::sig::PHOTO_CREDIT
                    && clusters
                        .of(p)
                        .is_some_and(|c| cluster_articles[c as usize] >= 2);
                if j & junk::sig::RULES == 0
                    || shared_credit
                    || k.contains(FindingKind::Boilerplate)
                    || k.contains(FindingKind::AggregatorFooter)
                {
                    continue;
                }
                k.insert(if j & junk::sig::SOURCE_FOOTER != 0 {
                    FindingKind::AggregatorFooter
                } else {
                    FindingKind::Boilerplate
                });
            }
            kinds
        })
        .collect();
    let mut para_kinds: Vec<KindSet> = per_article.into_iter().flatten().collect();
    let furniture = |k: KindSet| {
        k.contains(FindingKind::Boilerplate) || k.contains(FindingKind::AggregatorFooter)
    };

    // 5. Internal duplicates: two or more members in one article. Short lines must carry the
    // same numbers: "… for $649.99" and "… for $169.99" met on their masked keys, but they are
    // two lines (a word edited in a caption still leaves the same line).
    let mut internal_groups: Vec<(u32, Vec<u32>)> = Vec::new(); // (cluster, members)
    for (c, m) in clusters.members.iter().enumerate() {
        for run in m.chunk_by(|&x, &y| store.article_of(x as usize) == store.article_of(y as usize))
        {
            if run.len() < 2 || store.paras[run[0] as usize].words < MIN_INTERNAL_WORDS {
                continue;
            }
            let mut groups: Vec<Vec<u32>> = Vec::new();
            if store.paras[run[0] as usize].words < crate::fingerprint::MASK_MAX_WORDS {
                let mut by_text = run.to_vec();
                by_text.sort_by_key(|&p| (numbers_key(store, p as usize), p));
                for g in by_text.chunk_by(|&x, &y| {
                    numbers_key(store, x as usize) == numbers_key(store, y as usize)
                }) {
                    if g.len() >= 2 {
                        groups.push(g.to_vec());
                    }
                }
            } else {
                groups.push(run.to_vec());
            }
            for g in groups {
                for &p in &g {
                    para_kinds[p as usize].insert(FindingKind::InternalDuplicate);
                }
                internal_groups.push((c as u32, g));
            }
        }
    }

    // 6. Copies: the copy's paragraphs shared with its source.
    for link in &links.copies {
        let (copy, source) = (
            &store.articles[link.copy as usize],
            &store.articles[link.source as usize],
        );
        let kind = if copy.outlet == source.outlet {
            FindingKind::DuplicateArticle
        } else {
            FindingKind::SyndicatedArticle
        };
        let src = source.first_para..source.first_para + source.n_paras;
        for p in copy.paras() {
            if furniture(para_kinds[p]) {
                continue;
            }
            if let Some(c) = clusters.of(p) {
                let m = &clusters.members[c as usize];
                let i = m.partition_point(|&x| x < src.start);
                if i < m.len() && m[i] < src.end {
                    para_kinds[p].insert(kind);
                }
            }
        }
    }

    // 7. Reuse: clusters whose non-furniture members span two or more articles (whole-article
    // copies included: their paragraphs are reused wording too, and the article-level finding
    // says more).
    let mut reuse_groups: Vec<(u32, Vec<u32>)> = Vec::new();
    for (c, m) in clusters.members.iter().enumerate() {
        let kept: Vec<u32> = m
            .iter()
            .copied()
            .filter(|&p| {
                !furniture(para_kinds[p as usize])
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

    // 8. Findings.
    let mut findings: Vec<Finding> = Vec::new();
    let position = |p: usize| {
        if edges.in_tail[p] {
            Position::Tail
        } else if edges.in_run[p] {
            Position::Head
        } else {
            Position::Body
        }
    };
    let junk_evidence = |p: usize| {
        let j = store.paras[p].junk;
        Evidence::Signals {
            rule: junk::sig::rule(j).unwrap_or_default().to_string(),
            signals: junk::sig::names(j).into_iter().map(String::from).collect(),
            position: position(p),
        }
    };
    let cue_evidence = |p: usize| match cue[p] {
        _ if signature[p] => Evidence::Cue {
            cue: "signature".into(),
            position: position(p),
        },
        Some(h) => Evidence::Cue {
            cue: lex.group(h).name.clone(),
            position: position(p),
        },
        None if junk(p) => junk_evidence(p),
        None => Evidence::Cue {
            cue: "none".into(),
            position: position(p),
        },
    };
    // Boilerplate, per cluster, then lone paragraphs.
    let mut lone_bp: Vec<usize> = Vec::new();
    for (c, m) in clusters.members.iter().enumerate() {
        let flagged: Vec<usize> = m
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| para_kinds[p].contains(FindingKind::Boilerplate))
            .collect();
        if flagged.is_empty() {
            continue;
        }
        let r = rec[c];
        let evidence = if bp_cluster[c] {
            Evidence::Recurrence {
                articles: r.stories,
                outlets: r.outlets,
                edge_share: r.edge_share,
            }
        } else {
            cue_evidence(flagged[0])
        };
        findings.push(Finding {
            kind: FindingKind::Boilerplate,
            members: flagged.iter().map(|&p| member(store, p)).collect(),
            score: if bp_cluster[c] { r.edge_share } else { 1.0 },
            evidence,
            origin: None,
            cross_outlet: None,
        });
    }
    for (p, k) in para_kinds.iter().enumerate() {
        if k.contains(FindingKind::Boilerplate) && clusters.of(p).is_none() {
            lone_bp.push(p);
        }
    }
    for p in lone_bp {
        findings.push(Finding {
            kind: FindingKind::Boilerplate,
            members: vec![member(store, p)],
            score: 1.0,
            evidence: cue_evidence(p),
            origin: None,
            cross_outlet: None,
        });
    }
    // Footers, one per article.
    for a in &store.articles {
        let ps: Vec<usize> = a
            .paras()
            .filter(|&p| para_kinds[p].contains(FindingKind::AggregatorFooter))
            .collect();
        if ps.is_empty() {
            continue;
        }
        let cue_name = ps
            .iter()
            .find_map(|&p| cue[p].filter(|h| lex.group(*h).class == CueClass::Footer))
            .map(|h| lex.group(h).name.clone());
        let evidence = match cue_name {
            Some(cue) => Evidence::Disclosure { cue },
            None if junk(ps[0]) => junk_evidence(ps[0]),
            None => Evidence::Disclosure { cue: String::new() },
        };
        findings.push(Finding {
            kind: FindingKind::AggregatorFooter,
            members: ps.iter().map(|&p| member(store, p)).collect(),
            score: 1.0,
            evidence,
            origin: None,
            cross_outlet: None,
        });
    }
    // Internal duplicates.
    for (c, ps) in &internal_groups {
        let s = scores[*c as usize];
        findings.push(Finding {
            kind: FindingKind::InternalDuplicate,
            members: ps.iter().map(|&p| member(store, p as usize)).collect(),
            score: s.edit.unwrap_or(s.jaccard),
            evidence: Evidence::NearDuplicate {
                cluster: *c,
                jaccard: s.jaccard,
                edit_similarity: s.edit,
            },
            origin: None,
            cross_outlet: None,
        });
    }
    // Copies.
    let mut story_members: Vec<Vec<u32>> = vec![Vec::new(); store.articles.len()];
    for (a, &s) in links.story.iter().enumerate() {
        story_members[s as usize].push(a as u32);
    }
    for link in &links.copies {
        let (copy, source) = (
            &store.articles[link.copy as usize],
            &store.articles[link.source as usize],
        );
        let kind = if copy.outlet == source.outlet {
            FindingKind::DuplicateArticle
        } else {
            FindingKind::SyndicatedArticle
        };
        let story = &story_members[links.story[link.copy as usize] as usize];
        findings.push(Finding {
            kind,
            members: vec![
                article_member(store, link.copy),
                article_member(store, link.source),
            ],
            score: link.share,
            evidence: Evidence::ArticleShare {
                share: link.share,
                shared_paragraphs: link.paragraphs,
            },
            origin: origin_of(store, story.iter().copied()),
            cross_outlet: Some(copy.outlet != source.outlet),
        });
    }
    // Reuse.
    for (c, ps) in &reuse_groups {
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
        findings.push(Finding {
            kind: FindingKind::ReusedWording,
            members: ps.iter().map(|&p| member(store, p as usize)).collect(),
            score: s.edit.unwrap_or(s.jaccard),
            evidence: Evidence::NearDuplicate {
                cluster: *c,
                jaccard: s.jaccard,
                edit_similarity: s.edit,
            },
            origin: origin_of(store, arts.iter().copied()),
            cross_outlet: Some(outlets.len() >= 2),
        });
    }
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
        recurrence: rec,
    }
}

/// A key of the numbers in a paragraph, in order (0 when it has none): two short lines that
/// differ in a price, a count or a date are different lines.
pub fn numbers_key(store: &CorpusStore, p: usize) -> u64 {
    let words = store.texts.words(store.paras[p].text);
    let nums: Vec<u64> = words
        .iter()
        .filter(|&&w| crate::shingle::is_numeric_word(w))
        .map(|&w| u64::from(w))
        .collect();
    if nums.is_empty() {
        0
    } else {
        crate::fingerprint::exact_key(&nums)
    }
}

/// Sorts findings by kind, then first member, so ids are stable.
pub fn sort_findings(findings: &mut [Finding]) {
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
