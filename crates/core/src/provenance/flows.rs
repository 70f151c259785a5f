//! Who copies whom: each reused paragraph's side (the original text, or text taken from an
//! earlier article), the words outlets take from each other with the article pairs behind
//! them, and each outlet's share of original text that others reused versus text it took.
//!
//! Derived from the final findings (copy relations first, then reuse with a known origin), so
//! that every renderer tells the origin from its copies the same way. A paragraph both taken
//! and copied again (a chain of copies) counts as taken: it is not its outlet's original text.
//! Articles of unknown outlet are grouped as one outlet (`None`) here, as the reports show
//! them. Reuse whose origin is unknown (no member is dated) has no side.

use crate::model::{ArticleIdx, Finding};
use crate::store::CorpusStore;
use std::collections::BTreeMap;

/// A paragraph's side in reuse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ParaRole {
    /// Not reused, or reused with no known origin.
    #[default]
    None,
    /// Original text: the earliest carrier, which another outlet's article took.
    Source,
    /// Text taken from an earlier article.
    Taken {
        /// The article it was taken from.
        from: u32,
        /// Words of the paragraph taken (all of them, or a share for a span).
        words: u32,
    },
}

/// An article pair behind a [`CopyFlow`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FlowPair {
    /// The earlier article.
    pub original: u32,
    /// The article that took words from it.
    pub copy: u32,
    /// Words taken.
    pub words: u64,
}

/// Words one outlet took from another (`None`: the articles of unknown outlet).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CopyFlow {
    /// The outlet whose text was taken.
    pub from: Option<u32>,
    /// The outlet that took it.
    pub to: Option<u32>,
    /// Words taken.
    pub words: u64,
    /// The article pairs, most words first.
    pub pairs: Vec<FlowPair>,
}

/// One outlet's words by provenance.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutletText {
    /// The outlet (`None`: the articles of unknown outlet).
    pub outlet: Option<u32>,
    /// Its articles.
    pub articles: u32,
    /// Its words.
    pub words: u64,
    /// Words of its original text that other outlets took.
    pub reused_by_others: u64,
    /// Words it took from other outlets.
    pub taken_from_others: u64,
}

/// Everything derived here.
#[derive(Debug, Default)]
pub struct CopyFlows {
    /// Each paragraph's side.
    pub roles: Vec<ParaRole>,
    /// Words between outlets, most first.
    pub flows: Vec<CopyFlow>,
    /// Every outlet with words, most words first.
    pub outlets: Vec<OutletText>,
}

/// The outlet group of an article: its outlet when named, `None` for an unknown one.
pub(crate) fn outlet_group(store: &CorpusStore, article: u32) -> Option<u32> {
    let o = store.articles[article as usize].outlet;
    store.outlets.names[o as usize].as_ref().map(|_| o)
}

/// Whether two articles are of different outlets (unknown outlets are each their own, as in
/// the findings' `cross_outlet`).
fn cross(store: &CorpusStore, x: u32, y: u32) -> bool {
    store.articles[x as usize].outlet != store.articles[y as usize].outlet
}

/// Words of the paragraph of member `m` that it covers (a span covers a share of them).
fn member_words(store: &CorpusStore, article: usize, j: u32, span_len: usize) -> (usize, u32) {
    let gp = store.articles[article].para(j).get();
    let para = &store.paras[gp];
    let words = if span_len >= para.span.len() || para.span.is_empty() {
        para.words
    } else {
        (u64::from(para.words) * span_len as u64 / para.span.len() as u64) as u32
    };
    (gp, words)
}

/// Sets the sides of one finding's paragraph members.
fn assign(store: &CorpusStore, f: &Finding, roles: &mut [ParaRole]) {
    let Some(ArticleIdx(src)) = f.source() else {
        return;
    };
    let crossed = f.members.iter().any(|m| cross(store, m.article.0, src));
    for m in &f.members {
        let Some(j) = m.paragraph else { continue };
        let (gp, words) = member_words(store, m.article.get(), j, m.span.len());
        if m.article.0 == src {
            if crossed && roles[gp] == ParaRole::None {
                roles[gp] = ParaRole::Source;
            }
        } else if !matches!(roles[gp], ParaRole::Taken { .. }) {
            roles[gp] = ParaRole::Taken { from: src, words };
        }
    }
}

/// The sides of every paragraph: copy relations first (their original is the pair's), then
/// reuse with an origin.
fn roles(store: &CorpusStore, findings: &[Finding]) -> Vec<ParaRole> {
    let mut roles = vec![ParaRole::None; store.paras.len()];
    for f in findings.iter().filter(|f| f.is_copy_relation()) {
        assign(store, f, &mut roles);
    }
    for f in findings.iter().filter(|f| !f.is_copy_relation()) {
        assign(store, f, &mut roles);
    }
    roles
}

/// Words taken per `(original, copy)` article pair.
type PairWords = BTreeMap<(u32, u32), u64>;

/// Flows between outlets and each outlet's figures, from the paragraphs' sides.
fn flows(store: &CorpusStore, roles: &[ParaRole]) -> (Vec<CopyFlow>, Vec<OutletText>) {
    let mut cells: BTreeMap<(Option<u32>, Option<u32>), PairWords> = BTreeMap::new();
    let mut outlets: BTreeMap<Option<u32>, OutletText> = BTreeMap::new();
    for (i, art) in store.articles.iter().enumerate() {
        let i = i as u32;
        let group = outlet_group(store, i);
        let o = outlets.entry(group).or_insert(OutletText {
            outlet: group,
            ..OutletText::default()
        });
        o.articles += 1;
        for p in art.paras() {
            o.words += u64::from(store.paras[p].words);
            match roles[p] {
                ParaRole::Source => o.reused_by_others += u64::from(store.paras[p].words),
                ParaRole::Taken { from, words } if cross(store, from, i) => {
                    o.taken_from_others += u64::from(words);
                    let cell = (outlet_group(store, from), group);
                    *cells.entry(cell).or_default().entry((from, i)).or_default() +=
                        u64::from(words);
                }
                _ => {}
            }
        }
    }
    let mut flows: Vec<CopyFlow> = cells
        .into_iter()
        .map(|((from, to), pairs)| {
            let mut pairs: Vec<FlowPair> = pairs
                .into_iter()
                .map(|((original, copy), words)| FlowPair {
                    original,
                    copy,
                    words,
                })
                .collect();
            pairs.sort_by_key(|p| (std::cmp::Reverse(p.words), p.copy, p.original));
            CopyFlow {
                from,
                to,
                words: pairs.iter().map(|p| p.words).sum(),
                pairs,
            }
        })
        .filter(|f| f.words > 0)
        .collect();
    flows.sort_by_key(|f| (std::cmp::Reverse(f.words), f.from, f.to));
    let mut outlets: Vec<OutletText> = outlets.into_values().collect();
    outlets.sort_by_key(|o| (std::cmp::Reverse(o.words), o.outlet));
    (flows, outlets)
}

/// The sides, flows and outlet figures of a corpus's final findings; derived again whenever
/// findings are added.
pub(crate) fn copy_flows(store: &CorpusStore, findings: &[Finding]) -> CopyFlows {
    let roles = roles(store, findings);
    let (flows, outlets) = flows(store, &roles);
    CopyFlows {
        roles,
        flows,
        outlets,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, FindingKind, Member, Origin};
    use crate::store::CorpusStore;

    /// Articles 0 (outlet 0, earliest), 1 (outlet 1) and 2 (unknown outlet), each with the
    /// same paragraph of ten words and one of their own.
    fn store() -> CorpusStore {
        let shared: &[u32] = &[2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
        let mut s = crate::classify::fixture::store(&[
            (0, &[shared, &[30, 32, 34, 36]]),
            (1, &[shared, &[40, 42, 44, 46]]),
            (1, &[shared, &[50, 52, 54, 56]]),
        ]);
        s.articles[2].outlet = s.outlets.intern(None);
        s
    }

    fn para(store: &CorpusStore, a: u32, j: u32) -> Member {
        let gp = store.articles[a as usize].para(j).get();
        store.member(gp, store.paras[gp].span)
    }

    #[test]
    fn the_origin_is_the_source_and_the_others_took_from_it() {
        let s = store();
        let f = Finding {
            kind: FindingKind::ReusedWording,
            members: vec![para(&s, 0, 0), para(&s, 1, 0), para(&s, 2, 0)],
            score: 1.0,
            evidence: Evidence::SharedCredit { outlet: "x".into() },
            origin: Some(Origin {
                article: ArticleIdx(0),
            }),
            cross_outlet: Some(true),
        };
        let r = roles(&s, &[f]);
        let first = |a: u32| r[s.articles[a as usize].para(0).get()];
        assert_eq!(first(0), ParaRole::Source);
        assert!(matches!(first(1), ParaRole::Taken { from: 0, .. }));
        assert!(matches!(first(2), ParaRole::Taken { from: 0, .. }));
        let (flows, outlets) = flows(&s, &r);
        let cells: Vec<_> = flows
            .iter()
            .map(|f| (f.from, f.to, f.pairs.len()))
            .collect();
        let (a, b) = (s.articles[0].outlet, s.articles[1].outlet);
        assert_eq!(cells.len(), 2);
        assert!(cells.contains(&(Some(a), Some(b), 1)) && cells.contains(&(Some(a), None, 1)));
        let of = |o| outlets.iter().find(|x| x.outlet == o).copied().unwrap();
        assert!(of(Some(a)).reused_by_others > 0 && of(Some(a)).taken_from_others == 0);
        assert!(of(Some(b)).taken_from_others > 0 && of(Some(b)).reused_by_others == 0);
    }

    #[test]
    fn a_span_takes_its_share_of_the_words_and_undated_reuse_has_no_side() {
        let s = store();
        let gp = s.articles[1].para(0).get();
        let half = s.paras[gp].span.len() / 2;
        let (_, w) = member_words(&s, 1, 0, half);
        assert!(w < s.paras[gp].words && w > 0);
        let f = Finding {
            kind: FindingKind::ReusedWording,
            members: vec![para(&s, 0, 0), para(&s, 1, 0)],
            score: 1.0,
            evidence: Evidence::SharedCredit { outlet: "x".into() },
            origin: None,
            cross_outlet: Some(true),
        };
        assert!(roles(&s, &[f]).iter().all(|r| *r == ParaRole::None));
    }
}
