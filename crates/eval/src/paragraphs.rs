//! Paragraph-level scores: labelled clusters against predicted clusters (pairs, members,
//! adjusted Rand index, light edits), and the paragraph kinds.

use super::examples::{Examples, Items};
use super::labels::{self, Labels, ParaCluster};
use super::metrics::{PairCounts, Prf, Share};
use super::{ExampleItem, KindScore, Level, ParagraphScores, Resolver};
use reprint_core::Analysis;
use reprint_core::model::FindingKind;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A resolved labelled cluster member: paragraph, member, cluster index.
pub(super) type Resolved<'l> = (usize, &'l labels::ClusterMember, u32);

/// The labelled clusters met with the predicted ones.
struct Matched<'l> {
    /// The labelled cluster of each resolved paragraph (its first label).
    truth: HashMap<usize, u32>,
    /// The resolved members, one per paragraph.
    members: Vec<Resolved<'l>>,
    /// Resolved members per (predicted cluster, labelled cluster).
    both: HashMap<(u32, u32), u32>,
}

impl<'l> Matched<'l> {
    fn new(r: &mut Resolver<'_>, clusters: &'l [ParaCluster]) -> Matched<'l> {
        let mut truth: HashMap<usize, u32> = HashMap::new();
        let mut members: Vec<Resolved<'_>> = Vec::new();
        for (ci, c) in clusters.iter().enumerate() {
            for m in &c.members {
                if let Some(p) = r.para(&m.para) {
                    if truth.insert(p, ci as u32).is_none() {
                        members.push((p, m, ci as u32));
                    }
                }
            }
        }
        let mut both: HashMap<(u32, u32), u32> = HashMap::new();
        for &(p, _, t) in &members {
            if let Some(c) = r.a.clusters.of(p) {
                *both.entry((c, t)).or_default() += 1;
            }
        }
        Matched {
            truth,
            members,
            both,
        }
    }

    /// Whether predicted cluster `c` holds two or more members of labelled cluster `t`.
    fn shares(&self, c: u32, t: u32) -> bool {
        self.both.get(&(c, t)).copied() >= Some(2)
    }
}

pub(super) fn paragraph_scores(
    r: &mut Resolver<'_>,
    clusters: &[ParaCluster],
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ParagraphScores> {
    if clusters.is_empty() {
        return None;
    }
    let a = r.a;
    let m = Matched::new(r, clusters);
    let mut s = cluster_scores(a, &m);
    let (missed, missed_light) = member_scores(a, &m, clusters, &mut s);
    if ex.n > 0 {
        let notes = Notes::new(&m, clusters, items);
        ex.add_with(
            "light edits, jaccard5 < 0.7",
            "missed",
            &missed_light,
            |x| notes.miss(x),
        );
        ex.add_with("paragraph pairs", "missed", &missed, |x| notes.miss(x));
        notes.false_links(ex);
        merged_and_split(a, &m.members, clusters, items, ex);
    }
    Some(s)
}

/// Pair, member and adjusted Rand scores; the member shares are left for [`member_scores`].
fn cluster_scores(a: &Analysis, m: &Matched<'_>) -> ParagraphScores {
    let pred = |p: usize| a.clusters.of(p);
    let predicted_paras: usize = a.clusters.members.iter().map(Vec::len).sum();
    let truth_of = &m.truth;
    let items_iter = a
        .clusters
        .members
        .iter()
        .enumerate()
        .flat_map(|(c, ms)| {
            ms.iter()
                .map(move |&p| (Some(c as u32), truth_of.get(&(p as usize)).copied()))
        })
        .chain(
            m.members
                .iter()
                .filter(|(p, _, _)| pred(*p).is_none())
                .map(|&(_, _, t)| (None, Some(t))),
        );
    let counts = PairCounts::of(a.store.paras.len() as u64, items_iter);
    let member_tp = m.members.iter().filter(|x| pred(x.0).is_some()).count() as u64;
    ParagraphScores {
        labelled_clusters: {
            let mut ids: Vec<u32> = m.members.iter().map(|x| x.2).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len() as u64
        },
        predicted_clusters: a.clusters.len() as u64,
        pairs: counts.prf(),
        member: Prf::new(member_tp, predicted_paras as u64, m.members.len() as u64),
        adjusted_rand: counts.adjusted_rand(),
        light_below_0_7: Share::default(),
        light_from_0_7: Share::default(),
        member_below_0_7: Share::default(),
        member_from_0_7: Share::default(),
        linked_by_edit: BTreeMap::new(),
        recall_by_class: BTreeMap::new(),
    }
}

/// A member not linked to its labelled siblings: paragraph, labelled cluster.
type Miss = (usize, u32);

/// Fills in the per-member shares (by edit, Jaccard band and class) and returns the members
/// not linked to their labelled siblings, all of them and the lightly edited low-Jaccard ones.
fn member_scores(
    a: &Analysis,
    m: &Matched<'_>,
    clusters: &[ParaCluster],
    s: &mut ParagraphScores,
) -> (Vec<Miss>, Vec<Miss>) {
    let pred = |p: usize| a.clusters.of(p);
    let mut missed: Vec<Miss> = Vec::new();
    let mut missed_light: Vec<Miss> = Vec::new();
    for &(p, member, t) in &m.members {
        let is_linked = pred(p).is_some_and(|c| m.shares(c, t));
        let low = member.jaccard5.map(|j| j < 0.7);
        if member.edit.as_deref() == Some("light") {
            match low {
                Some(true) => s.light_below_0_7.add(is_linked),
                Some(false) => s.light_from_0_7.add(is_linked),
                None => {}
            }
        }
        match low {
            Some(true) => s.member_below_0_7.add(pred(p).is_some()),
            Some(false) => s.member_from_0_7.add(pred(p).is_some()),
            None => {}
        }
        if let Some(e) = &member.edit {
            s.linked_by_edit
                .entry(e.clone())
                .or_default()
                .add(is_linked);
        }
        let class = clusters[t as usize].class.clone().unwrap_or_default();
        s.recall_by_class
            .entry(class)
            .or_default()
            .add(pred(p).is_some());
        if !is_linked {
            missed.push((p, t));
            if member.edit.as_deref() == Some("light") && low == Some(true) {
                missed_light.push((p, t));
            }
        }
    }
    (missed, missed_light)
}

/// Example items of misses and false links, with notes on their labels and predictions.
struct Notes<'x, 'l> {
    m: &'x Matched<'l>,
    clusters: &'x [ParaCluster],
    items: &'x Items<'x>,
    /// Each resolved member's labelled cluster, to show a sibling next to a miss.
    siblings: HashMap<u32, Vec<usize>>,
    by_para: HashMap<usize, &'l labels::ClusterMember>,
}

impl<'x, 'l> Notes<'x, 'l> {
    fn new(m: &'x Matched<'l>, clusters: &'x [ParaCluster], items: &'x Items<'x>) -> Self {
        let mut siblings: HashMap<u32, Vec<usize>> = HashMap::new();
        for &(p, _, t) in &m.members {
            siblings.entry(t).or_default().push(p);
        }
        let by_para = m
            .members
            .iter()
            .map(|&(p, member, _)| (p, member))
            .collect();
        Notes {
            m,
            clusters,
            items,
            siblings,
            by_para,
        }
    }

    fn describe(&self, p: usize, t: u32, role: &str) -> String {
        let c = &self.clusters[t as usize];
        let m = self.by_para.get(&p);
        format!(
            "{role}; labelled {} ({}), edit {}, jaccard5 {}; predicted cluster {}; kinds {}",
            c.id,
            c.class.as_deref().unwrap_or("-"),
            m.and_then(|m| m.edit.as_deref()).unwrap_or("-"),
            m.and_then(|m| m.jaccard5)
                .map_or("-".into(), |j| format!("{j:.3}")),
            self.items
                .a
                .clusters
                .of(p)
                .map_or("none".into(), |c| c.to_string()),
            self.items.kinds_of(p)
        )
    }

    /// A missed member and, preferably, the member it was edited from (an exact copy).
    fn miss(&self, &(p, t): &Miss) -> Vec<ExampleItem> {
        let mut v = vec![self.items.para(p, self.describe(p, t, "missed"))];
        let sib = self.siblings[&t]
            .iter()
            .copied()
            .filter(|&q| q != p)
            .min_by_key(|q| {
                self.by_para
                    .get(q)
                    .map_or(1, |m| u8::from(m.edit.as_deref() != Some("exact")))
            });
        if let Some(q) = sib {
            v.push(self.items.para(q, self.describe(q, t, "labelled with it")));
        }
        v
    }

    /// False links: predicted members with no labelled sibling in their predicted cluster.
    fn false_links(&self, ex: &mut Examples) {
        let a = self.items.a;
        let mut false_links: Vec<usize> = Vec::new();
        for (c, members) in a.clusters.members.iter().enumerate() {
            for &p in members {
                let p = p as usize;
                let ok = self
                    .m
                    .truth
                    .get(&p)
                    .is_some_and(|&t| self.m.shares(c as u32, t));
                if !ok {
                    false_links.push(p);
                }
            }
        }
        ex.add_with("paragraph pairs", "false positive", &false_links, |&p| {
            let c = a.clusters.of(p).unwrap_or(u32::MAX);
            let note = |q: usize, role: &str| match self.m.truth.get(&q) {
                Some(&t) => self.describe(q, t, role),
                None => format!(
                    "{role}; unlabelled; predicted cluster {c}; kinds {}",
                    self.items.kinds_of(q)
                ),
            };
            let mut v = vec![self.items.para(p, note(p, "falsely linked"))];
            if let Some(&q) = a.clusters.members[c as usize]
                .iter()
                .find(|&&q| q as usize != p)
            {
                v.push(
                    self.items
                        .para(q as usize, note(q as usize, "linked with it")),
                );
            }
            v
        });
    }
}

/// Examples of the predicted clusters that join most labelled pairs wrongly (merged), and of
/// the labelled clusters whose pairs are most often missed (split), largest first.
pub(super) fn merged_and_split(
    a: &Analysis,
    members: &[Resolved<'_>],
    clusters: &[ParaCluster],
    items: &Items<'_>,
    ex: &mut Examples,
) {
    let label_of: HashMap<usize, u32> = members.iter().map(|&(p, _, t)| (p, t)).collect();
    let name = |t: Option<u32>| match t {
        Some(t) => {
            let c = &clusters[t as usize];
            format!("labelled {} ({})", c.id, c.class.as_deref().unwrap_or("-"))
        }
        None => "unlabelled".to_string(),
    };
    let shown = merged(a, &label_of, ex.n)
        .into_iter()
        .map(|(wrong, c, total, groups)| {
            let size = a.clusters.members[c].len();
            let n_groups = groups.len();
            groups
                .iter()
                .take(3)
                .map(|g| {
                    let note = format!(
                        "{} of predicted cluster {c}'s {size} paragraphs ({n_groups} labels, {wrong} false pairs, 1 of {total} such clusters): {}",
                        g.len(),
                        name(label_of.get(&g[0]).copied())
                    );
                    items.para(g[0], note)
                })
                .collect()
        })
        .collect();
    ex.add_top("paragraph pairs", "merged", shown);
    let shown = split(a, members, ex.n)
        .into_iter()
        .map(|(missed, t, total, groups)| {
            let n_groups = groups.len();
            groups
                .iter()
                .take(3)
                .map(|g| {
                    let c = a
                        .clusters
                        .of(g[0])
                        .map_or("no predicted cluster".into(), |c| format!("predicted cluster {c}"));
                    let note = format!(
                        "{} paragraphs in {c} ({}, split in {n_groups}, {missed} missed pairs, 1 of {total} such clusters)",
                        g.len(),
                        name(Some(t))
                    );
                    items.para(g[0], note)
                })
                .collect()
        })
        .collect();
    ex.add_top("paragraph pairs", "split", shown);
}

/// Pairs among `n` items.
fn pairs(n: usize) -> u64 {
    (n * n.saturating_sub(1) / 2) as u64
}

/// Groups of `ps` by `key`, largest first, and the pairs of `ps` that fall in no one group.
fn groups_by<K: Ord>(ps: &[usize], key: impl Fn(usize) -> K) -> (u64, Vec<Vec<usize>>) {
    let mut groups: BTreeMap<K, Vec<usize>> = BTreeMap::new();
    for &p in ps {
        groups.entry(key(p)).or_default().push(p);
    }
    let across = pairs(ps.len()) - groups.values().map(|g| pairs(g.len())).sum::<u64>();
    let mut g: Vec<Vec<usize>> = groups.into_values().collect();
    g.sort_by_key(|g| std::cmp::Reverse(g.len()));
    (across, g)
}

/// The `n` predicted clusters joining most labelled pairs wrongly: (false pairs, cluster, how
/// many clusters do, its paragraphs by label, each unlabelled paragraph a group of its own).
fn merged(
    a: &Analysis,
    label_of: &HashMap<usize, u32>,
    n: usize,
) -> Vec<(u64, usize, usize, Vec<Vec<usize>>)> {
    let mut merged: Vec<(u64, usize, Vec<Vec<usize>>)> = Vec::new();
    for (c, m) in a.clusters.members.iter().enumerate() {
        let ps: Vec<usize> = m.iter().map(|&p| p as usize).collect();
        let (wrong, g) = groups_by(&ps, |p| match label_of.get(&p) {
            Some(&t) => (t, 0),
            None => (u32::MAX, p),
        });
        if wrong > 0 {
            merged.push((wrong, c, g));
        }
    }
    worst(merged, n)
}

/// The `n` entries with the most errors (ties by key), each with how many entries there were.
fn worst<K: Ord + Copy>(
    mut v: Vec<(u64, K, Vec<Vec<usize>>)>,
    n: usize,
) -> Vec<(u64, K, usize, Vec<Vec<usize>>)> {
    v.sort_by_key(|x| (std::cmp::Reverse(x.0), x.1));
    let total = v.len();
    v.into_iter()
        .take(n)
        .map(|(w, k, g)| (w, k, total, g))
        .collect()
}

/// The `n` labelled clusters whose pairs are most often missed: (missed pairs, label, how many
/// labels are, its members by predicted cluster, each unpredicted member a group of its own).
fn split(
    a: &Analysis,
    members: &[Resolved<'_>],
    n: usize,
) -> Vec<(u64, u32, usize, Vec<Vec<usize>>)> {
    let mut by_label: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &(p, _, t) in members {
        by_label.entry(t).or_default().push(p);
    }
    let mut split: Vec<(u64, u32, Vec<Vec<usize>>)> = Vec::new();
    for (t, ps) in by_label {
        let (missed, g) = groups_by(&ps, |p| match a.clusters.of(p) {
            Some(c) => (c, 0),
            None => (u32::MAX, p),
        });
        if missed > 0 {
            split.push((missed, t, g));
        }
    }
    worst(split, n)
}

pub(super) fn paragraph_kind_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Vec<KindScore> {
    let a = r.a;
    let scored = labels.scored_kinds();
    let mut out = Vec::new();
    for kind in [
        FindingKind::Boilerplate,
        FindingKind::AggregatorFooter,
        FindingKind::InternalDuplicate,
    ] {
        let has_paras = labels.kind_paras.iter().any(|k| k.kind == kind);
        let has_spans = labels.kind_spans.iter().any(|k| k.kind == kind);
        if !(has_paras || (scored.contains(kind) && !has_spans)) {
            continue;
        }
        let truth: HashSet<usize> = labels
            .kind_paras
            .iter()
            .filter(|k| k.kind == kind)
            .filter_map(|k| r.para(&k.para))
            .collect();
        let predicted: Vec<usize> = (0..a.store.paras.len())
            .filter(|&p| a.classification.para_kinds[p].contains(kind))
            .collect();
        let tp = predicted.iter().filter(|p| truth.contains(p)).count() as u64;
        out.push(KindScore {
            kind,
            level: Level::Paragraphs,
            prf: Prf::new(tp, predicted.len() as u64, truth.len() as u64),
            ranges_found: None,
        });
        if ex.n > 0 {
            let mut missed: Vec<usize> = truth
                .iter()
                .copied()
                .filter(|&p| !a.classification.para_kinds[p].contains(kind))
                .collect();
            missed.sort_unstable();
            let false_pos: Vec<usize> = predicted
                .into_iter()
                .filter(|p| !truth.contains(p))
                .collect();
            let clusters = &a.clusters;
            let show = |p: usize, role: &str| {
                let note = format!(
                    "{role}; kinds {}; predicted cluster {}",
                    items.kinds_of(p),
                    clusters.of(p).map_or("none".into(), |c| format!(
                        "{c} ({} paragraphs)",
                        clusters.members[c as usize].len()
                    ))
                );
                vec![items.para(p, note)]
            };
            ex.add_with(kind.name(), "missed", &missed, |&p| show(p, "labelled"));
            ex.add_with(kind.name(), "false positive", &false_pos, |&p| {
                show(p, "not labelled")
            });
        }
    }
    out
}
