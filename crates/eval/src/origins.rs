//! Whether findings name the right origin: for copies, for reused wording, and for
//! near-duplicate paragraphs reused across stories.

use super::bytes::{label_found, resolve_reuse, reuse_bytes, reuse_members};
use super::examples::{Examples, Items};
use super::labels::Labels;
use super::metrics::overlap;
use super::{ExampleItem, OriginScore, OriginScores, Resolver};
use reprint_core::Analysis;
use reprint_core::UnionFind;
use reprint_core::model::{ByteSpan, Evidence, Finding, FindingKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The one earliest dated article; `None` when none is dated or two differ on the same date.
pub(super) fn earliest(a: &Analysis, arts: impl IntoIterator<Item = u32>) -> Option<u32> {
    let mut best: Option<(i64, u32)> = None;
    let mut tie = false;
    for x in arts {
        let Some(d) = a.store.articles[x as usize].date_key else {
            continue;
        };
        match best {
            None => best = Some((d, x)),
            Some((bd, _)) if d < bd => {
                best = Some((d, x));
                tie = false;
            }
            Some((bd, bx)) if d == bd && x != bx => tie = true,
            _ => {}
        }
    }
    if tie { None } else { best.map(|b| b.1) }
}

/// Whether copies, reused wording and labelled reuse clusters name the labelled origin;
/// `None` when the labels give no origin to check.
pub(super) fn origin_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<OriginScores> {
    let mut wrong: Vec<Vec<ExampleItem>> = Vec::new();
    let out = OriginScores {
        copies: copy_origins(r, labels, items, &mut wrong),
        reuse: reuse_origins(r, labels, items, ex, &mut wrong),
        reuse_clusters: cluster_origins(r, labels, items, &mut wrong),
    };
    ex.add("origins", "wrong origin", wrong);
    (out.copies.is_some() || out.reuse.is_some() || out.reuse_clusters.is_some()).then_some(out)
}

/// The origin a finding names.
fn origin_of(f: &Finding) -> Option<u32> {
    f.origin.as_ref().map(|o| o.article.0)
}

/// Copies labelled with their original: whether the copy's finding names it.
fn copy_origins(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    wrong: &mut Vec<Vec<ExampleItem>>,
) -> Option<OriginScore> {
    let findings = &r.a.classification.findings;
    let with_original: Vec<_> = labels
        .copies
        .iter()
        .filter(|c| c.original.is_some())
        .collect();
    if with_original.is_empty() {
        return None;
    }
    let mut copy_finding: HashMap<u32, usize> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        if matches!(
            f.kind,
            FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle
        ) {
            if let Some(m) = f.members.first() {
                copy_finding.entry(m.article.0).or_insert(i);
            }
        }
    }
    let mut s = OriginScore::default();
    for c in with_original {
        let (Some(copy), Some(orig)) = (
            r.article(&c.article),
            c.original.as_deref().and_then(|o| r.article(o)),
        ) else {
            continue;
        };
        s.labelled += 1;
        if let Some(&fi) = copy_finding.get(&copy) {
            s.found += 1;
            let got = origin_of(&findings[fi]);
            if got == Some(orig) {
                s.right += 1;
            } else if wrong.len() < 10_000 {
                let mut v = vec![
                    items.article(copy, "copy"),
                    items.article(orig, "labelled original"),
                ];
                if let Some(g) = got {
                    v.push(items.article(g, "reported origin"));
                }
                wrong.push(v);
            }
        }
    }
    Some(s)
}

/// Reused spans labelled with their origin: whether the finding covering most of the span
/// names it.
fn reuse_origins(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
    wrong: &mut Vec<Vec<ExampleItem>>,
) -> Option<OriginScore> {
    if labels.reused.is_empty() {
        return None;
    }
    let a = r.a;
    let findings = &a.classification.findings;
    let resolved = resolve_reuse(r, labels);
    let reused = reuse_bytes(a);
    // Reuse finding ranges per article, to find the covering finding.
    let mut ranges: HashMap<u32, Vec<(usize, ByteSpan)>> = HashMap::new();
    for (i, f) in findings.iter().enumerate() {
        for m in reuse_members(f) {
            ranges.entry(m.article.0).or_default().push((i, m.span));
        }
    }
    let mut s = OriginScore::default();
    let mut missed: Vec<Vec<ExampleItem>> = Vec::new();
    for l in &resolved {
        let Some(truth) = l.origin else { continue };
        s.labelled += 1;
        let (found, _) = label_found(a, &reused, l);
        let mut weight: BTreeMap<usize, u64> = BTreeMap::new();
        for &(art, span) in &l.members {
            for &(fi, fs) in ranges.get(&art).into_iter().flatten() {
                let o = overlap(&[span], &[fs]);
                if o > 0 {
                    *weight.entry(fi).or_default() += o;
                }
            }
        }
        // Among findings covering as much, the one naming the earliest origin (a later
        // carrier of the text cannot be where it came from), then the first.
        let earlier = |x: usize, y: usize| match (origin_of(&findings[x]), origin_of(&findings[y]))
        {
            (Some(ox), Some(oy)) if ox != oy => {
                if a.store.earlier(ox, oy) {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Less
                }
            }
            (Some(_), None) => std::cmp::Ordering::Greater,
            (None, Some(_)) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Equal,
        };
        let cover = weight
            .iter()
            .max_by(|x, y| x.1.cmp(y.1).then(earlier(*x.0, *y.0)).then(y.0.cmp(x.0)))
            .map(|(&fi, _)| fi);
        let (art, span) = l.members[0];
        match (found, cover) {
            (true, Some(fi)) => {
                s.found += 1;
                let got = origin_of(&findings[fi]);
                if got == Some(truth) {
                    s.right += 1;
                } else {
                    let mut v = vec![
                        items.span(art, span, format!("labelled; covered by finding {fi}")),
                        items.article(truth, "labelled origin"),
                    ];
                    if let Some(g) = got {
                        v.push(items.article(g, "reported origin"));
                    }
                    wrong.push(v);
                }
            }
            _ => missed.push(vec![
                items.span(art, span, "labelled, not found as reuse"),
                items.article(truth, "labelled origin"),
            ]),
        }
    }
    ex.add("reuse with origin", "missed", missed);
    Some(s)
}

/// Labelled stories: each article with its labelled copies and group mates.
fn labelled_stories(r: &mut Resolver<'_>, labels: &Labels) -> UnionFind {
    let mut story = UnionFind::new(r.a.store.articles.len());
    for g in &labels.article_groups {
        let arts: Vec<u32> = g.members.iter().filter_map(|m| r.article(m)).collect();
        for w in arts.windows(2) {
            story.union(w[0], w[1]);
        }
    }
    for c in &labels.copies {
        if let (Some(x), Some(y)) = (
            r.article(&c.article),
            c.original.as_deref().and_then(|o| r.article(o)),
        ) {
            story.union(x, y);
        }
    }
    story
}

/// The first near-duplicate reuse finding of each paragraph (corpus-wide index).
fn reuse_finding_of_para(a: &Analysis) -> HashMap<usize, usize> {
    let mut finding_of: HashMap<usize, usize> = HashMap::new();
    for (i, f) in a.classification.findings.iter().enumerate() {
        let near = f.kind == FindingKind::ReusedWording
            && matches!(f.evidence, Evidence::NearDuplicate { .. });
        if near || f.is_copy_relation() {
            for m in reuse_members(f) {
                if let Some(p) = m.paragraph {
                    let g = a.store.articles[m.article.get()].para(p).get();
                    finding_of.entry(g).or_insert(i);
                }
            }
        }
    }
    finding_of
}

/// Labelled paragraph clusters reused across stories: whether the reuse finding most of
/// their paragraphs fall in names the labelled origin (or the earliest dated article).
fn cluster_origins(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    wrong: &mut Vec<Vec<ExampleItem>>,
) -> Option<OriginScore> {
    if labels.clusters.is_empty() {
        return None;
    }
    let a = r.a;
    let findings = &a.classification.findings;
    let finding_of = reuse_finding_of_para(a);
    let mut story = labelled_stories(r, labels);
    let furniture: HashSet<usize> = labels
        .kind_paras
        .iter()
        .filter(|k| {
            matches!(
                k.kind,
                FindingKind::Boilerplate | FindingKind::AggregatorFooter
            )
        })
        .filter_map(|k| r.para(&k.para))
        .collect();
    let mut s = OriginScore::default();
    for c in &labels.clusters {
        let paras: Vec<usize> = c
            .members
            .iter()
            .filter_map(|m| r.para(&m.para))
            .filter(|p| !furniture.contains(p))
            .collect();
        let mut arts: Vec<u32> = paras
            .iter()
            .map(|&p| a.store.article_of(p) as u32)
            .collect();
        arts.sort_unstable();
        arts.dedup();
        let mut stories: Vec<u32> = arts.iter().map(|&x| story.find(x)).collect();
        stories.sort_unstable();
        stories.dedup();
        if stories.len() < 2 {
            continue; // not reuse across stories: copies, boilerplate, footers
        }
        let truth = match &c.origin {
            Some(o) => r.article(o),
            None => earliest(a, arts.iter().copied()),
        };
        let Some(truth) = truth else { continue };
        s.labelled += 1;
        let mut count: BTreeMap<usize, u32> = BTreeMap::new();
        for p in &paras {
            if let Some(&fi) = finding_of.get(p) {
                *count.entry(fi).or_default() += 1;
            }
        }
        let Some((&fi, _)) = count.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))) else {
            continue;
        };
        s.found += 1;
        let got = origin_of(&findings[fi]);
        if got == Some(truth) {
            s.right += 1;
        } else {
            let mut v = vec![items.article(truth, format!("labelled origin of cluster {}", c.id))];
            if let Some(g) = got {
                v.push(items.article(g, format!("reported origin (finding {fi})")));
            }
            wrong.push(v);
        }
    }
    Some(s)
}
