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

/// One automaton over the contributor, first-publication and aggregator phrases, matching
/// ASCII letters in either case, so that a paragraph is scanned once for all of them instead
/// of once per phrase (most paragraphs hold none).
fn phrase_automaton() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let phrases = CONTRIBUTED
            .iter()
            .chain(FIRST_PUBLISHED.iter())
            .chain(AGGREGATED.iter())
            .chain(CREDIT_WORDS.iter());
        // A DFA: every paragraph is scanned, so search speed is worth its memory.
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(phrases)
            .expect("the phrase lists compile")
    })
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
    let (c, f, a) = (
        CONTRIBUTED.len(),
        CONTRIBUTED.len() + FIRST_PUBLISHED.len(),
        CONTRIBUTED.len() + FIRST_PUBLISHED.len() + AGGREGATED.len(),
    );
    let mut bits = 0;
    for m in phrase_automaton().find_overlapping_iter(text) {
        let i = m.pattern().as_usize();
        bits |= if i < c {
            CONTRIBUTED_PHRASE
        } else if i < f {
            FIRST_PUBLISHED_PHRASE
        } else if i < a {
            AGGREGATED_PHRASE
        } else {
            CREDIT_WORD
        };
    }
    bits
}

/// A character outside ASCII that lower-casing changes.
fn changes_case(c: char) -> bool {
    !c.is_ascii() && !c.to_lowercase().eq(std::iter::once(c))
}
