//! The rest of a reply's quoting: once a reply is shown to quote a post (a `>`-quoted run of
//! it is reused wording shared with that post), every other line it quotes with `>` that the
//! post carries word for word is reused from it too, however short: an attribution line
//! (`>jo@example.org (Jo) writes:`), a sign-off (`>Thanks,`), a one-line question. When several
//! linked posts carry the line (a thread quoting itself), the latest of them is the one the
//! reply answers.
//!
//! Shorter than any run [`crate::spans`] may report on its own, such a line is evidence only
//! beside the link already found, and only within the one post it points to. Nothing here reads
//! text: paragraphs are compared on their word ids, and members are whole paragraphs.
//!
//! Quoting also says where a text did not start: [`unquoted_origins`] takes the origin of a
//! reused text from the members that carry it unquoted.

use crate::analysis::Analysis;
use crate::model::{Evidence, Finding, FindingKind, Member};
use crate::store::{CorpusStore, Para};

/// Words of a post beyond which its quoted lines are not looked for (the search is linear in
/// the post's words per quoted line).
const MAX_POST_WORDS: usize = 100_000;

/// Whether `needle` occurs as a contiguous run in `hay`.
pub(crate) fn contains_run(hay: &[u32], needle: &[u32]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// `(reply, post)` article pairs: a reuse finding has a `>`-quoted paragraph of `reply` as a
/// member and `post` as its origin (a member that is not the origin may itself be quoting), or
/// a copy relation has one among its shared paragraphs and `post` as its original.
/// Sorted and deduplicated.
pub(crate) fn reply_links(store: &CorpusStore, findings: &[Finding]) -> Vec<(u32, u32)> {
    let mut links = Vec::new();
    for f in findings.iter() {
        // A copy relation's paragraphs came from its original; a reuse finding's from its origin.
        let (origin, members) = if f.is_copy_relation() {
            (f.source(), f.members.get(2..).unwrap_or(&[]))
        } else if f.kind == FindingKind::ReusedWording {
            (f.origin.as_ref().map(|o| o.article), &f.members[..])
        } else {
            continue;
        };
        let Some(origin) = origin else { continue };
        for m in members {
            let (art, Some(p)) = (m.article.0, m.paragraph) else {
                continue;
            };
            let para = store.articles[art as usize].para(p);
            if origin.0 != art && store.paras[para.get()].has(Para::LINE_QUOTED) {
                links.push((art, origin.0));
            }
        }
    }
    links.sort_unstable();
    links.dedup();
    links
}

/// Origins that quoting rules out. A carrier that quotes a text with `>` declares it came from
/// elsewhere, so while another member of the reuse finding carries it unquoted, the origin is
/// the earliest of those, whatever the dates say: the clocks of mail and news servers are often
/// hours off, and a reply dated before the post it quotes is common. A finding whose origin
/// carries the text unquoted, or whose members all quote it, keeps the origin by date.
pub(crate) fn unquoted_origins(store: &CorpusStore, findings: &mut [Finding]) {
    let quoted = |m: &Member| {
        m.paragraph.is_some_and(|p| {
            let para = store.articles[m.article.get()].para(p);
            store.paras[para.get()].has(Para::LINE_QUOTED)
        })
    };
    for f in findings.iter_mut() {
        if f.kind != FindingKind::ReusedWording {
            continue;
        }
        let Some(origin) = f.origin.as_ref().map(|o| o.article) else {
            continue;
        };
        if f.members.iter().any(|m| m.article == origin && !quoted(m)) {
            continue;
        }
        let unquoted = f.members.iter().filter(|m| !quoted(m)).map(|m| m.article.0);
        if let Some(o) = crate::classify::origin_of(store, unquoted) {
            f.origin = Some(o);
        }
    }
}

/// Adds a `reused_wording` finding for every `>`-quoted paragraph of a linked reply, not yet
/// reused, whose words occur in one paragraph of the post it quotes.
pub(crate) fn attach(a: &mut Analysis) {
    let store = &a.store;
    let kinds = &a.classification.para_kinds;
    let mut found: Vec<(usize, usize, u32, u32, u32)> = Vec::new();
    let links = reply_links(store, &a.classification.findings);
    for same_reply in links.chunk_by(|x, y| x.0 == y.0) {
        let reply = same_reply[0].0;
        for rp in store.articles[reply as usize].paras() {
            let para = &store.paras[rp];
            if !para.has(Para::LINE_QUOTED) || kinds[rp].contains(FindingKind::ReusedWording) {
                continue;
            }
            let words = store.texts.words(para.text);
            // The latest linked post carrying the line (then the lowest index).
            let mut best: Option<(usize, u32)> = None;
            for &(_, post) in same_reply {
                let post_art = &store.articles[post as usize];
                let post_words: usize = post_art
                    .paras()
                    .map(|p| store.texts.words(store.paras[p].text).len())
                    .sum();
                if post_words > MAX_POST_WORDS {
                    continue;
                }
                let Some(pp) = post_art
                    .paras()
                    .find(|&pp| contains_run(store.texts.words(store.paras[pp].text), words))
                else {
                    continue;
                };
                let later = best
                    .is_none_or(|(_, b)| post_art.date_key > store.articles[b as usize].date_key);
                if later {
                    best = Some((pp, post));
                }
            }
            if let Some((pp, post)) = best {
                found.push((rp, pp, reply, post, words.len() as u32));
            }
        }
    }
    let member = |p: usize| store.member(p, store.paras[p].span);
    let mut new = Vec::new();
    for &(rp, pp, reply, post, words) in &found {
        let mut members = vec![member(rp), member(pp)];
        members.sort();
        let origin = crate::classify::origin_of(store, [reply, post]);
        let (or, op) = (
            store.articles[reply as usize].outlet,
            store.articles[post as usize].outlet,
        );
        new.push(Finding {
            kind: FindingKind::ReusedWording,
            members,
            score: 1.0,
            evidence: Evidence::SharedSpan {
                words,
                quoted: true,
            },
            origin,
            cross_outlet: Some(or != op),
        });
    }
    for &(rp, pp, ..) in &found {
        a.classification.para_kinds[rp].insert(FindingKind::ReusedWording);
        a.classification.para_kinds[pp].insert(FindingKind::ReusedWording);
    }
    a.classification.findings.extend(new);
    crate::classify::sort_findings(&mut a.classification.findings);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_contiguous() {
        assert!(contains_run(&[1, 2, 3, 4], &[2, 3]));
        assert!(!contains_run(&[1, 2, 3, 4], &[2, 4]));
        assert!(!contains_run(&[1, 2], &[]));
        assert!(!contains_run(&[1], &[1, 2]));
    }
}
