//! The edits between two paragraphs, word by word, in the conventions of `git diff
//! --word-diff` and of GitHub: words the two share are plain, words of A that B drops or
//! replaces are *deleted*, words B puts in are *inserted*, and a replacement is A's words
//! directly followed by B's.
//!
//! The pieces are byte ranges of whole words (first word's first byte to last word's last
//! byte), so case, typographic quotes and punctuation inside a piece are kept as each article
//! has them. [`inline`] lays the pieces out as one text with the text between them, as a
//! renderer writes it; the split view of the HTML page marks each side's own text instead.

use super::word_range;
use crate::model::ByteSpan;
use similar::{DiffOp, DiffTag};
use std::ops::Range;

/// A piece of a word diff between a stretch of A and one of B, in reading order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Words the two share: their bytes in A and in B (the same words once normalized, so
    /// the bytes may differ in case and punctuation).
    Same {
        /// Bytes of A.
        a: ByteSpan,
        /// Bytes of B.
        b: ByteSpan,
    },
    /// Words of A that B replaces or drops (bytes of A).
    Deleted(ByteSpan),
    /// Words of B that replace A's or are added (bytes of B).
    Inserted(ByteSpan),
}

/// The word edits of an aligned pair of paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Edits {
    /// The pieces in reading order: shared runs, and between them A's deleted words followed
    /// by B's inserted ones.
    pub pieces: Vec<Piece>,
    /// Words of A marked deleted.
    pub deleted_words: u32,
    /// Words of B marked inserted.
    pub inserted_words: u32,
}

/// A stretch of the diff: words shared by both, or changed, as word ranges of A and of B.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stretch {
    same: bool,
    a: Range<usize>,
    b: Range<usize>,
}

/// The diff's operations as alternating stretches. A shared run shorter than `min_same`
/// words counts as changed, so that the words a rewritten sentence happens to keep ("the",
/// "of") do not cut its edit into crumbs; consecutive changes are one stretch.
fn stretches(ops: &[DiffOp], min_same: usize) -> Vec<Stretch> {
    let mut out: Vec<Stretch> = Vec::new();
    for op in ops {
        let (tag, a, b) = op.as_tag_tuple();
        let same = tag == DiffTag::Equal && a.len() >= min_same.max(1);
        match out.last_mut() {
            Some(last) if !last.same && !same => {
                last.a.end = a.end;
                last.b.end = b.end;
            }
            _ => out.push(Stretch { same, a, b }),
        }
    }
    out
}

fn span_of(words: &[ByteSpan], r: &Range<usize>) -> Option<ByteSpan> {
    word_range(words, r.start as u32, r.end as u32)
}

/// The edits of two paragraphs from their word diff: `words_a` and `words_b` are the byte
/// ranges of each paragraph's words, `ops` the diff of their normalized words, and shared runs
/// shorter than `min_same` words are shown as edits (see [`stretches`]).
pub(crate) fn word_edits(
    words_a: &[ByteSpan],
    words_b: &[ByteSpan],
    ops: &[DiffOp],
    min_same: usize,
) -> Edits {
    let mut out = Edits::default();
    for s in stretches(ops, min_same) {
        let (a, b) = (span_of(words_a, &s.a), span_of(words_b, &s.b));
        if s.same {
            if let (Some(a), Some(b)) = (a, b) {
                out.pieces.push(Piece::Same { a, b });
            }
            continue;
        }
        if let Some(a) = a {
            out.pieces.push(Piece::Deleted(a));
            out.deleted_words += s.a.len() as u32;
        }
        if let Some(b) = b {
            out.pieces.push(Piece::Inserted(b));
            out.inserted_words += s.b.len() as u32;
        }
    }
    out
}

/// How a stretch of an [`inline`] text is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// Shared words, and the text between pieces.
    Plain,
    /// Words of A that B replaces or drops.
    Deleted,
    /// Words of B that replace A's or are added.
    Inserted,
}

/// The pieces of a diff as one text, the way `git diff --word-diff` writes it: shared words
/// and the text around them as B has them (git shows the new side's context), A's deleted
/// words where they stood, and B's inserted words right after them (between A's removed words
/// and B's first shared word, A's text when B has none). `span_a` and `span_b` are
/// the stretches of the texts the pieces cover (two paragraphs, or a passage): B's text before
/// the first piece and after the last is kept. Empty stretches are left out.
pub fn inline<'t>(
    text_a: &'t str,
    text_b: &'t str,
    span_a: ByteSpan,
    span_b: ByteSpan,
    pieces: &[Piece],
) -> Vec<(Mark, &'t str)> {
    let mut out = Vec::new();
    let mut push = |mark: Mark, text: &'t str, start: u32, end: u32| {
        let t = ByteSpan { start, end }.slice(text).unwrap_or("");
        if !t.is_empty() {
            out.push((mark, t));
        }
    };
    let (mut pos_a, mut pos_b) = (span_a.start, span_b.start);
    let mut after_deleted = false;
    for piece in pieces {
        match *piece {
            Piece::Same { a, b } => {
                if after_deleted && pos_b == span_b.start {
                    // B starts here, with nothing to put between A's removed words and these:
                    // A's text between them.
                    push(Mark::Plain, text_a, pos_a, a.start);
                } else {
                    push(Mark::Plain, text_b, pos_b, b.start);
                }
                push(Mark::Plain, text_b, b.start, b.end);
                (pos_a, pos_b) = (a.end, b.end);
            }
            Piece::Deleted(a) => {
                push(Mark::Plain, text_a, pos_a, a.start);
                push(Mark::Deleted, text_a, a.start, a.end);
                pos_a = a.end;
            }
            Piece::Inserted(b) => {
                // Right after A's words the text before them was written already.
                if !after_deleted {
                    push(Mark::Plain, text_b, pos_b, b.start);
                }
                push(Mark::Inserted, text_b, b.start, b.end);
                pos_b = b.end;
            }
        }
        after_deleted = matches!(piece, Piece::Deleted(_));
    }
    push(Mark::Plain, text_b, pos_b, span_b.end.max(pos_b));
    out
}

/// Whole paragraphs `a` and `b` laid out by [`inline`] in `git diff --word-diff=plain`'s
/// brackets (`[-deleted-]{+inserted+}`): what the tests compare against.
#[cfg(test)]
pub(crate) fn bracketed(a: &str, b: &str, pieces: &[Piece]) -> String {
    inline(
        a,
        b,
        ByteSpan::new(0, a.len()),
        ByteSpan::new(0, b.len()),
        pieces,
    )
    .into_iter()
    .map(|(m, t)| match m {
        Mark::Plain => t.to_string(),
        Mark::Deleted => format!("[-{t}-]"),
        Mark::Inserted => format!("{{+{t}+}}"),
    })
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use similar::{Algorithm, capture_diff_slices};

    /// Words of `text` as the diff reads them: byte ranges and lowercase forms.
    fn words(text: &str) -> (Vec<ByteSpan>, Vec<String>) {
        let (mut spans, mut keys) = (Vec::new(), Vec::new());
        crate::normalize::for_each_word(text, |s, w| {
            spans.push(ByteSpan::new(s, s + w.len()));
            keys.push(w.to_lowercase());
        });
        (spans, keys)
    }

    fn diff(a: &str, b: &str, min_same: usize) -> (Edits, String) {
        let (sa, ka) = words(a);
        let (sb, kb) = words(b);
        let ops = capture_diff_slices(Algorithm::Myers, &ka, &kb);
        let e = word_edits(&sa, &sb, &ops, min_same);
        let shown = bracketed(a, b, &e.pieces);
        (e, shown)
    }

    #[test]
    fn a_changed_word_is_deleted_then_inserted() {
        let (e, shown) = diff(
            "The dictator said on Monday that talks would go on.",
            "The leader said on Monday that talks would go on.",
            1,
        );
        assert_eq!(
            shown,
            "The [-dictator-]{+leader+} said on Monday that talks would go on."
        );
        assert_eq!((e.deleted_words, e.inserted_words), (1, 1));
        assert_eq!(e.pieces.len(), 4);
        assert!(matches!(e.pieces[1], Piece::Deleted(s) if s == ByteSpan::new(4, 12)));
    }

    #[test]
    fn drops_and_additions_keep_the_text_between_words() {
        let (e, shown) = diff(
            "\"Fishing crews will be moved, while the work goes on,\" she said.",
            "\"Fishing crews will be moved to the south pier, while the work continues,\" she said.",
            1,
        );
        assert_eq!(
            shown,
            "\"Fishing crews will be moved {+to the south pier+}, while the work [-goes on-]{+continues+},\" she said."
        );
        assert_eq!((e.deleted_words, e.inserted_words), (2, 5));
        let (_, shown) = diff("one big red dog.", "one dog.", 1);
        assert_eq!(shown, "one [-big red-] dog.");
        let (_, shown) = diff("one dog barked", "one dog", 1);
        assert_eq!(shown, "one dog [-barked-]");
        let (_, shown) = diff("Officials said so, after the storm.", "After the storm.", 1);
        assert_eq!(shown, "[-Officials said so-], After the storm.");
    }

    #[test]
    fn shared_text_is_shown_as_b_has_it() {
        let (e, shown) = diff("Kenzaburo Fukuhara-Pool", "KENZABURO Fukuhara Pool", 1);
        assert_eq!(shown, "KENZABURO Fukuhara Pool");
        assert_eq!((e.deleted_words, e.inserted_words), (0, 0));
    }

    #[test]
    fn short_shared_runs_in_a_rewrite_are_part_of_the_edit() {
        let a = "officials said the storm closed the port for a week";
        let b = "the port was shut by the storm for a week say officials";
        let (_, every) = diff(a, b, 1);
        let (e, folded) = diff(a, b, 3);
        assert!(every.matches("[-").count() > folded.matches("[-").count());
        assert_eq!(
            folded,
            "[-officials said the storm closed the port-]{+the port was shut by the storm+} for a week {+say officials+}"
        );
        assert_eq!((e.deleted_words, e.inserted_words), (7, 9));
    }

    /// Words of the vocabulary of [`inline_text_holds_both_sides`], by index, joined by spaces.
    fn sentence(w: &[u8]) -> String {
        const WORDS: [&str; 6] = ["the", "port", "closed", "storm", "said", "week"];
        let words: Vec<&str> = w.iter().map(|&i| WORDS[i as usize % WORDS.len()]).collect();
        words.join(" ")
    }

    /// The words of the shown text, without the pieces marked `skip`.
    fn read_without(shown: &[(Mark, &str)], skip: Mark) -> String {
        let kept: String = shown
            .iter()
            .filter(|(m, _)| *m != skip)
            .map(|(_, t)| *t)
            .collect();
        kept.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Words in the pieces marked `mark`.
    fn words_marked(shown: &[(Mark, &str)], mark: Mark) -> u32 {
        let n: usize = shown
            .iter()
            .filter(|(m, _)| *m == mark)
            .map(|(_, t)| t.split_whitespace().count())
            .sum();
        n as u32
    }

    proptest::proptest! {
        /// Whatever the texts, the shown text read without B's words is A, and read without
        /// A's words is B; the counts are the words marked.
        #[test]
        fn inline_text_holds_both_sides(
            a in proptest::collection::vec(0..6u8, 0..24),
            b in proptest::collection::vec(0..6u8, 0..24),
            min_same in 1..4usize,
        ) {
            let (ta, tb) = (sentence(&a), sentence(&b));
            let (sa, ka) = words(&ta);
            let (sb, kb) = words(&tb);
            let ops = capture_diff_slices(Algorithm::Myers, &ka, &kb);
            let e = word_edits(&sa, &sb, &ops, min_same);
            let (all_a, all_b) = (ByteSpan::new(0, ta.len()), ByteSpan::new(0, tb.len()));
            let shown = inline(&ta, &tb, all_a, all_b, &e.pieces);
            proptest::prop_assert_eq!(read_without(&shown, Mark::Inserted), ta.clone());
            proptest::prop_assert_eq!(read_without(&shown, Mark::Deleted), tb.clone());
            proptest::prop_assert_eq!(words_marked(&shown, Mark::Deleted), e.deleted_words);
            proptest::prop_assert_eq!(words_marked(&shown, Mark::Inserted), e.inserted_words);
        }
    }

    #[test]
    fn identical_and_empty_texts() {
        let (e, shown) = diff("same words here", "same words here", 1);
        assert_eq!(shown, "same words here");
        assert_eq!(e.pieces.len(), 1);
        let (e, shown) = diff("", "new words", 1);
        assert_eq!(shown, "{+new words+}");
        assert_eq!(e.inserted_words, 2);
        let (_, shown) = diff("old words", "", 1);
        assert_eq!(shown, "[-old words-]");
    }
}
