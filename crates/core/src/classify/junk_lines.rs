//! Site junk found in a line's own text, reported as boilerplate or an aggregator footer.
//!
//! **What it flags**: a paragraph a rule of the junk detector ([`super::junk`]) flagged while
//! the article was read (ad-slot labels, widgets, page metadata, promos, bylines, photo credits,
//! related links, source footers), unless a cue or recurrence already made it boilerplate or a
//! footer. Source footers are aggregator footers; every other rule's lines are boilerplate.
//!
//! **Evidence**: the rule and its signals (`Signals`), with the paragraph's position.
//!
//! **Example**: `Follow NBC Latino on Facebook, Twitter and Instagram.` (boilerplate, rule
//! `promo`); `This article originally appeared on The Conversation.` (footer).
//!
//! **Known misses**: a bare photo credit printed by other articles too: it is a shared credit,
//! which reuse reports, not this site's furniture. Whatever the junk rules miss.

use super::facts::Facts;
use super::junk::sig;
use crate::model::{FindingKind, KindSet};
use crate::store::ArticleRecord;

/// The kind a paragraph with junk `signals` and kinds `k` takes, if any; `shared` says whether
/// its cluster spans two or more articles (asked only of a bare photo credit).
fn kind_of(signals: u32, k: KindSet, shared: impl FnOnce() -> bool) -> Option<FindingKind> {
    let rules = signals & sig::RULES;
    if rules == 0
        || (rules == sig::PHOTO_CREDIT && shared())
        || k.contains(FindingKind::Boilerplate)
        || k.contains(FindingKind::AggregatorFooter)
    {
        return None;
    }
    Some(if signals & sig::SOURCE_FOOTER != 0 {
        FindingKind::AggregatorFooter
    } else {
        FindingKind::Boilerplate
    })
}

/// Marks the junk lines of article `a`, whose paragraphs' kinds are `kinds`.
pub(crate) fn mark(f: &Facts, a: &ArticleRecord, kinds: &mut [KindSet]) {
    let first = a.first_para as usize;
    for (i, k) in kinds.iter_mut().enumerate() {
        let p = first + i;
        let shared = || {
            f.clusters
                .of(p)
                .is_some_and(|c| f.cluster_articles[c as usize] >= 2)
        };
        if let Some(kind) = kind_of(f.store.paras[p].junk, *k, shared) {
            k.insert(kind);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(of: &[FindingKind]) -> KindSet {
        let mut k = KindSet::default();
        of.iter().for_each(|&x| k.insert(x));
        k
    }

    #[test]
    fn source_footers_are_footers_and_other_junk_is_boilerplate() {
        let none = KindSet::default();
        let footer = sig::SOURCE_FOOTER | sig::CUE_LINE;
        assert_eq!(
            kind_of(footer, none, || false),
            Some(FindingKind::AggregatorFooter)
        );
        assert_eq!(
            kind_of(sig::PROMO, none, || false),
            Some(FindingKind::Boilerplate)
        );
        assert_eq!(kind_of(sig::SHORT, none, || false), None);
        assert_eq!(kind_of(0, none, || false), None);
    }

    #[test]
    fn furniture_stays_and_shared_credits_are_left_to_reuse() {
        let bp = kinds(&[FindingKind::Boilerplate]);
        assert_eq!(kind_of(sig::SOURCE_FOOTER, bp, || false), None);
        let none = KindSet::default();
        assert_eq!(kind_of(sig::PHOTO_CREDIT, none, || true), None);
        assert_eq!(
            kind_of(sig::PHOTO_CREDIT, none, || false),
            Some(FindingKind::Boilerplate)
        );
        let both = sig::PHOTO_CREDIT | sig::BYLINE;
        assert_eq!(kind_of(both, none, || true), Some(FindingKind::Boilerplate));
    }
}
