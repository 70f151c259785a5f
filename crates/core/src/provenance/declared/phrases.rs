//! Which phrase lists a paragraph may hold, found in one pass over it, so that the shapes
//! needing a phrase pass over a paragraph without one before lower-casing it (most hold none).

use super::attribution::{CONTRIBUTED, FIRST_PUBLISHED};
use super::photo_credit::CREDIT_WORDS;
use super::sources::AGGREGATED;

/// Bits of [`phrase_groups`]: which phrase lists may occur in a paragraph.
pub(super) const CONTRIBUTED_PHRASE: u8 = 1;
/// See [`CONTRIBUTED_PHRASE`].
pub(super) const FIRST_PUBLISHED_PHRASE: u8 = 1 << 1;
/// See [`CONTRIBUTED_PHRASE`].
pub(super) const AGGREGATED_PHRASE: u8 = 1 << 2;
/// See [`CONTRIBUTED_PHRASE`].
pub(super) const CREDIT_WORD: u8 = 1 << 3;

/// One automaton over the contributor, first-publication and aggregator phrases and the credit
/// keywords, matching ASCII letters in either case, so that a paragraph is scanned once for all
/// of them instead of once per phrase (most paragraphs hold none). A DFA: every paragraph is
/// scanned, so search speed is worth its memory. It is walked here rather than through a
/// searcher (see [`walk_halves`]), so it is built without a prefilter.
fn phrase_dfa() -> &'static aho_corasick::dfa::DFA {
    static DFA: std::sync::OnceLock<aho_corasick::dfa::DFA> = std::sync::OnceLock::new();
    DFA.get_or_init(|| {
        aho_corasick::dfa::DFA::builder()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(all_phrases())
            .expect("the phrase lists compile")
    })
}

/// Every phrase of the automaton, in the order of the bits: contributor, first-publication,
/// aggregator phrases, then credit keywords.
fn all_phrases() -> impl Iterator<Item = &'static &'static str> {
    CONTRIBUTED
        .iter()
        .chain(FIRST_PUBLISHED.iter())
        .chain(AGGREGATED.iter())
        .chain(CREDIT_WORDS.iter())
}

/// Which phrase lists (and credit keywords) occur in `para` once lower-cased. Text whose
/// characters outside ASCII are all lower case already (curly quotes, dashes and accented
/// lower-case letters are) is searched as it is, as the automaton ignores ASCII case; other
/// text is lower-cased first.
pub(super) fn phrase_groups(para: &str) -> u8 {
    let lowered;
    let text = if para.is_ascii() || !para.chars().any(changes_case) {
        para
    } else {
        lowered = para.to_lowercase();
        &lowered
    };
    walk_halves(phrase_dfa(), text.as_bytes())
}

/// Paragraphs shorter than this are walked in one piece.
const SPLIT_FROM: usize = 256;

/// The bits of the phrases that occur in `text`, found by walking the DFA over its two halves
/// side by side: each step of a DFA waits on the one before, so two independent walks take
/// little longer than one. The first half runs on for a phrase's length less one byte, so that
/// a phrase that starts in it is read whole; the second walk, started afresh, finds every
/// phrase that starts in the second half.
fn walk_halves(dfa: &aho_corasick::dfa::DFA, text: &[u8]) -> u8 {
    use aho_corasick::Anchored;
    use aho_corasick::automaton::Automaton;
    let start = dfa
        .start_state(Anchored::No)
        .expect("an unanchored DFA has an unanchored start");
    let mut bits = 0;
    let (first, second) = if text.len() < SPLIT_FROM {
        (text, &text[text.len()..])
    } else {
        let half = text.len() / 2;
        let overlap = (half + longest_phrase() - 1).min(text.len());
        (&text[..overlap], &text[half..])
    };
    // The first part is at least as long as the second: it is walked on alone past its end.
    let (mut a, mut b) = (start, start);
    for (&x, &y) in first.iter().zip(second) {
        a = step(dfa, a, x, &mut bits);
        b = step(dfa, b, y, &mut bits);
    }
    for &x in &first[second.len()..] {
        a = step(dfa, a, x, &mut bits);
    }
    bits
}

/// One step of a walk: the state after `byte`, with the bits of the phrases ending there
/// added to `bits`. Inlined, as it runs for every byte of every paragraph.
#[inline(always)]
fn step(
    dfa: &aho_corasick::dfa::DFA,
    sid: aho_corasick::automaton::StateID,
    byte: u8,
    bits: &mut u8,
) -> aho_corasick::automaton::StateID {
    use aho_corasick::Anchored;
    use aho_corasick::automaton::Automaton;
    let next = dfa.next_state(Anchored::No, sid, byte);
    if dfa.is_match(next) {
        for i in 0..dfa.match_len(next) {
            *bits |= group_bit(dfa.match_pattern(next, i).as_usize());
        }
    }
    next
}

/// The longest phrase of the automaton, in bytes.
fn longest_phrase() -> usize {
    static LONGEST: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *LONGEST.get_or_init(|| all_phrases().map(|p| p.len()).max().unwrap_or(1))
}

/// The bit of [`phrase_groups`] for the phrase with index `i` in [`all_phrases`].
fn group_bit(i: usize) -> u8 {
    let (c, f, a) = (
        CONTRIBUTED.len(),
        CONTRIBUTED.len() + FIRST_PUBLISHED.len(),
        CONTRIBUTED.len() + FIRST_PUBLISHED.len() + AGGREGATED.len(),
    );
    if i < c {
        CONTRIBUTED_PHRASE
    } else if i < f {
        FIRST_PUBLISHED_PHRASE
    } else if i < a {
        AGGREGATED_PHRASE
    } else {
        CREDIT_WORD
    }
}

/// A character outside ASCII that lower-casing changes.
fn changes_case(c: char) -> bool {
    !c.is_ascii() && !c.to_lowercase().eq(std::iter::once(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bits a plain overlapping search of the same phrases finds.
    fn searched(text: &str) -> u8 {
        let ac = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(all_phrases())
            .expect("the phrase lists compile");
        ac.find_overlapping_iter(text)
            .fold(0, |bits, m| bits | group_bit(m.pattern().as_usize()))
    }

    #[test]
    fn walking_two_halves_finds_a_phrase_across_the_split() {
        let len = 2 * SPLIT_FROM;
        for phrase in all_phrases() {
            let half = len / 2;
            // Every start from a phrase's length before the split to just after it.
            for at in half.saturating_sub(phrase.len() + 1)..=half + 1 {
                let text = format!("{}{phrase}", " ".repeat(at));
                let text = format!("{text}{}", " ".repeat(len.saturating_sub(text.len())));
                assert_eq!(
                    walk_halves(phrase_dfa(), text.as_bytes()),
                    searched(&text),
                    "{phrase:?} at {at}"
                );
            }
        }
    }
}
