//! Paragraph-level scores: labelled clusters against predicted clusters (pairs, members,
//! adjusted Rand index, light edits), and the paragraph kinds.

use super::examples::{Examples, Items};
use super::labels::{self, Labels, ParaCluster};
use super::metrics::{PairCounts, Prf, Share};
use super::{ExampleItem, KindScore, Level, ParagraphScores, Resolver};
use reprint_core::model::FindingKind;
use reprint_core::pipeline::Analysis;
use std::collections::{BTreeMap, HashMap, HashSet};

/// A resolved labelled cluster member: paragraph, member, cluster index.
pub(super) type Resolved<'l> = (usize, &'l labels::ClusterMember, u32);

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
    let pred = |p: usize| a.clusters.of(p);
    let predicted_paras: usize = a.clusters.members.iter().map(Vec::len).sum();
    let truth_of = &truth;
    let items_iter = a
        .clusters
        .members
        .iter()
        .enumerate()
        .flat_map(|(c, m)| {
            m.iter()
                .map(move |&p| (Some(c as u32), truth_of.get(&(p as usize)).copied()))
        })
        .chain(
            members
                .iter()
                .filter(|(p, _, _)| pred(*p).is_none())
                .map(|&(_, _, t)| (None, Some(t))),
        );
    let counts = PairCounts::of(a.store.paras.len() as u64, items_iter);
    let mut both: HashMap<(u32, u32), u32> = HashMap::new();
    for &(p, _, t) in &members {
        if let Some(c) = pred(p) {
            *both.entry((c, t)).or_default() += 1;
        }
    }
    let linked = |p: usize, t: u32| pred(p).is_some_and(|c| both.get(&(c, t)).copied() >= Some(2));
    let member_tp = members.iter().filter(|m| pred(m.0).is_some()).count() as u64;
    let mut s = ParagraphScores {
        labelled_clusters: {
            let mut ids: Vec<u32> = members.iter().map(|m| m.2).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len() as u64
        },
        predicted_clusters: a.clusters.len() as u64,
        pairs: counts.prf(),
        member: Prf::new(member_tp, predicted_paras as u64, members.len() as u64),
        adjusted_rand: counts.adjusted_rand(),
        light_below_0_7: Share::default(),
        light_from_0_7: Share::default(),
        member_below_0_7: Share::default(),
        member_from_0_7: Share::default(),
        linked_by_edit: BTreeMap::new(),
        recall_by_class: BTreeMap::new(),
    };
    let mut missed: Vec<(usize, u32)> = Vec::new();
    let mut missed_light: Vec<(usize, u32)> = Vec::new();
    for &(p, m, t) in &members {
        let is_linked = linked(p, t);
        let low = m.jaccard5.map(|j| j < 0.7);
        if m.edit.as_deref() == Some("light") {
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
        if let Some(e) = &m.edit {
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
            if m.edit.as_deref() == Some("light") && low == Some(true) {
                missed_light.push((p, t));
            }
        }
    }
    if ex.n > 0 {
        // Each resolved member's labelled cluster, to show a sibling next to a miss.
        let mut siblings: HashMap<u32, Vec<usize>> = HashMap::new();
        for &(p, _, t) in &members {
            siblings.entry(t).or_default().push(p);
        }
        let by_para: HashMap<usize, &labels::ClusterMember> =
            members.iter().map(|&(p, m, _)| (p, m)).collect();
        let describe = |p: usize, t: u32, role: &str| {
            let c = &clusters[t as usize];
            let m = by_para.get(&p);
            format!(
                "{role}; labelled {} ({}), edit {}, jaccard5 {}; predicted cluster {}; kinds {}",
                c.id,
                c.class.as_deref().unwrap_or("-"),
                m.and_then(|m| m.edit.as_deref()).unwrap_or("-"),
                m.and_then(|m| m.jaccard5)
                    .map_or("-".into(), |j| format!("{j:.3}")),
                pred(p).map_or("none".into(), |c| c.to_string()),
                items.kinds_of(p)
            )
        };
        let show_miss = |&(p, t): &(usize, u32)| {
            let mut v = vec![items.para(p, describe(p, t, "missed"))];
            // Prefer the member the miss was edited from (an exact copy), else any other.
            let sib = siblings[&t]
                .iter()
                .copied()
                .filter(|&q| q != p)
                .min_by_key(|q| {
                    by_para
                        .get(q)
                        .map_or(1, |m| u8::from(m.edit.as_deref() != Some("exact")))
                });
            if let Some(q) = sib {
                v.push(items.para(q, describe(q, t, "labelled with it")));
            }
            v
        };
        ex.add_with(
            "light edits, jaccard5 < 0.7",
            "missed",
            &missed_light,
            show_miss,
        );
        ex.add_with("paragraph pairs", "missed", &missed, show_miss);
        // False links: predicted members with no labelled sibling in their predicted cluster.
        let mut false_links: Vec<usize> = Vec::new();
        for (c, m) in a.clusters.members.iter().enumerate() {
            for &p in m {
                let p = p as usize;
                let ok = truth
                    .get(&p)
                    .is_some_and(|&t| both.get(&(c as u32, t)).copied() >= Some(2));
                if !ok {
                    false_links.push(p);
                }
            }
        }
        ex.add_with("paragraph pairs", "false positive", &false_links, |&p| {
            let c = pred(p).unwrap_or(u32::MAX);
            let note = |q: usize, role: &str| match truth.get(&q) {
                Some(&t) => describe(q, t, role),
                None => format!(
                    "{role}; unlabelled; predicted cluster {c}; kinds {}",
                    items.kinds_of(q)
                ),
            };
            let mut v = vec![items.para(p, note(p, "falsely linked"))];
            if let Some(&q) = a.clusters.members[c as usize]
                .iter()
                .find(|&&q| q as usize != p)
            {
                v.push(items.para(q as usize, note(q as usize, "linked with it")));
            }
            v
        });
        merged_and_split(a, &members, clusters, items, ex);
    }
    Some(s)
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
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as u64;
    let label_of: HashMap<usize, u32> = members.iter().map(|&(p, _, t)| (p, t)).collect();
    let name = |t: Option<u32>| match t {
        Some(t) => {
            let c = &clusters[t as usize];
            format!("labelled {} ({})", c.id, c.class.as_deref().unwrap_or("-"))
        }
        None => "unlabelled".to_string(),
    };
    // Merged: a predicted cluster's groups by label (each unlabelled paragraph its own group).
    let mut merged: Vec<(u64, usize, Vec<Vec<usize>>)> = Vec::new();
    for (c, m) in a.clusters.members.iter().enumerate() {
        let mut groups: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
        for &p in m {
            let p = p as usize;
            let key = match label_of.get(&p) {
                Some(&t) => (t, 0),
                None => (u32::MAX, p),
            };
            groups.entry(key).or_default().push(p);
        }
        let wrong = pairs(m.len()) - groups.values().map(|g| pairs(g.len())).sum::<u64>();
        if wrong > 0 {
            let mut g: Vec<Vec<usize>> = groups.into_values().collect();
            g.sort_by_key(|g| std::cmp::Reverse(g.len()));
            merged.push((wrong, c, g));
        }
    }
    merged.sort_by_key(|x| (std::cmp::Reverse(x.0), x.1));
    let total = merged.len();
    let shown: Vec<Vec<ExampleItem>> = merged
        .into_iter()
        .take(ex.n)
        .map(|(wrong, c, groups)| {
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
    // Split: a labelled cluster's members by predicted cluster (unpredicted: singletons).
    let mut by_label: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &(p, _, t) in members {
        by_label.entry(t).or_default().push(p);
    }
    let mut split: Vec<(u64, u32, Vec<Vec<usize>>)> = Vec::new();
    for (t, ps) in by_label {
        let mut groups: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
        for &p in &ps {
            let key = match a.clusters.of(p) {
                Some(c) => (c, 0),
                None => (u32::MAX, p),
            };
            groups.entry(key).or_default().push(p);
        }
        let missed = pairs(ps.len()) - groups.values().map(|g| pairs(g.len())).sum::<u64>();
        if missed > 0 {
            let mut g: Vec<Vec<usize>> = groups.into_values().collect();
            g.sort_by_key(|g| std::cmp::Reverse(g.len()));
            split.push((missed, t, g));
        }
    }
    split.sort_by_key(|x| (std::cmp::Reverse(x.0), x.1));
    let total = split.len();
    let shown: Vec<Vec<ExampleItem>> = split
        .into_iter()
        .take(ex.n)
        .map(|(missed, t, groups)| {
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
