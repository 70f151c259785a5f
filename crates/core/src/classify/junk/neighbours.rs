//! Smoothing between neighbours, as jusText's context-sensitive pass does.
//!
//! **What it flags**: a short line that is not prose (at most four words, no closing
//! punctuation) whose neighbours on both sides are junk, or that ends the article right after
//! junk: a share button's label, an author's name under a credit, a stray section word.
//!
//! **Evidence**: the classes of its neighbours; its shape.
//!
//! **Example**: `Charlie Wood` as the last line, after `Write to … at …`.
//!
//! **Known misses**: junk between two body paragraphs with no cue of its own.

use super::shape::{CURRENCY_SIGNS, Line};
use super::sig;

/// Longest line, in words, that takes the class of its neighbours.
const MAX_WORDS: usize = 4;

/// Marks short lines between junk lines (one pass, from the first line that may be flagged).
pub(crate) fn smooth(lines: &[Line], first: usize, out: &mut [u32]) {
    let n = lines.len();
    let junk = |s: u32| s & sig::RULES != 0;
    for i in first.max(1)..n {
        let l = &lines[i];
        if junk(out[i])
            || l.block
            || l.words > MAX_WORDS
            || l.ends_sentence()
            || l.words == 0
            || l.digits > 0
            || l.text.contains(CURRENCY_SIGNS)
        {
            continue;
        }
        let before = junk(out[i - 1]);
        let after = i + 1 < n && junk(out[i + 1]);
        let last = i + 1 == n;
        if before && (after || last) {
            out[i] |= sig::NEIGHBOURS;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired_all;

    #[test]
    fn short_lines_between_junk_take_its_class() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        let got = fired_all(&[body, "Advertisement", "Jane Doe", "Publicidade", body]);
        assert!(got[2] & sig::NEIGHBOURS != 0);
        let got = fired_all(&[body, "Jane Doe", body]);
        assert_eq!(got[1], 0);
    }
}
