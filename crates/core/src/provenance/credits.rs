//! Shared photo credits: the same credit printed by articles of two or more outlets is reused
//! wording even when it is too short to be a shared run ("Kenzaburo Fukuhara/Pool/Getty
//! Images"). Credits are grouped by the words that say which photo it is, so "Photo by X/Getty
//! Images" and "X/Getty Images" meet. Nothing here reads files.

use crate::classify::origin_of;
use crate::model::{ByteSpan, DeclKind, Evidence, Finding, FindingKind};
use crate::store::CorpusStore;
use std::collections::HashMap;

/// Words of a photo credit that say nothing about which photo it is.
const CREDIT_STOPWORDS: &[&str] = &[
    "photo",
    "photos",
    "by",
    "credit",
    "photograph",
    "image",
    "images",
    "via",
];

/// What identifies a photo credit: the hashes of its words that say which photo it is (not
/// "photo", "by", "credit", ...); `None` when fewer than three such words remain, too few to
/// tell two credits apart. `buf` is scratch space.
pub fn credit_key(text: &str, buf: &mut String) -> Option<Vec<u64>> {
    let mut key = Vec::new();
    crate::normalize::for_each_word(text, |_, w| {
        crate::normalize::normalize_word(w, buf);
        if !CREDIT_STOPWORDS.contains(&buf.as_str()) {
            key.push(crate::shingle::hash_normalized(buf));
        }
    });
    (key.len() >= 3).then_some(key)
}

/// The `reused_wording` findings of photo credits printed by two or more outlets, with the
/// paragraphs that carry them, in input order.
pub(crate) fn shared_credit_findings(store: &CorpusStore) -> (Vec<Finding>, Vec<usize>) {
    // Shared photo credits, grouped by their distinctive words.
    let mut credits: HashMap<Vec<u64>, Vec<(u32, ByteSpan, String)>> = HashMap::new();
    let mut buf = String::new();
    for (i, art) in store.articles.iter().enumerate() {
        for d in art
            .declared
            .iter()
            .filter(|d| d.kind == DeclKind::PhotoCredit)
        {
            if let Some(key) = credit_key(&d.text, &mut buf) {
                credits
                    .entry(key)
                    .or_default()
                    .push((i as u32, d.span, d.outlet.clone()));
            }
        }
    }
    let mut credit_groups: Vec<Vec<(u32, ByteSpan, String)>> = credits
        .into_values()
        .filter(|g| {
            let mut o: Vec<u32> = g
                .iter()
                .map(|m| store.articles[m.0 as usize].outlet)
                .collect();
            o.sort_unstable();
            o.dedup();
            o.len() >= 2
        })
        .collect();
    credit_groups
        .iter_mut()
        .for_each(|g| g.sort_by_key(|m| (m.0, m.1)));
    credit_groups.sort_by_key(|g| (g[0].0, g[0].1));

    let mut findings = Vec::new();
    let mut paras = Vec::new();
    for g in credit_groups {
        let mut out = Vec::new();
        for (art, span, _) in &g {
            let r = store.articles[*art as usize].paras();
            if let Some(p) = r.clone().find(|&p| {
                let s = store.paras[p].span;
                s.start <= span.start && span.end <= s.end
            }) {
                out.push(store.member(p, *span));
                paras.push(p);
            }
        }
        if out.len() < 2 {
            continue;
        }
        let origin = origin_of(store, out.iter().map(|m| m.article.0));
        findings.push(Finding {
            kind: FindingKind::ReusedWording,
            members: out,
            score: 1.0,
            evidence: Evidence::SharedCredit {
                outlet: g[0].2.clone(),
            },
            origin,
            cross_outlet: Some(true),
        });
    }
    (findings, paras)
}
