//! Mail and Usenet signatures, reported as boilerplate.
//!
//! **What it flags**: a poster's signature: from the last paragraph of a post that opens with
//! a signature delimiter line (`-- `) to the end of the post.
//!
//! **Evidence**: the cue `signature`, with the paragraph's position; the paragraphs from the
//! delimiter on are each at most 80 words long.
//!
//! **Example**: `-- ` followed by `Jane Roe, Dept. of Physics | "Opinions are my own."`
//!
//! **Known misses**: a signature without a delimiter line (unless it recurs, see
//! [`super::boilerplate`]); a delimiter followed by a long paragraph (a quoted post), which
//! leaves the whole tail unflagged.

use crate::store::{CorpusStore, Para};

/// Longest paragraph, in words, that can belong to a signature.
const SIGNATURE_MAX_WORDS: u32 = 80;

/// Whether each paragraph of the corpus belongs to a signature.
pub(crate) fn signatures(store: &CorpusStore) -> Vec<bool> {
    let mut signature = vec![false; store.paras.len()];
    for a in &store.articles {
        let r = a.paras();
        if let Some(start) = signature_start(&store.paras[r.clone()]) {
            signature[r.start + start..r.end].fill(true);
        }
    }
    signature
}

/// Where the signature among one article's paragraphs starts, if it has one.
fn signature_start(paras: &[Para]) -> Option<usize> {
    let start = paras.iter().rposition(|p| p.has(Para::SIGNATURE))?;
    paras[start..]
        .iter()
        .all(|p| p.words <= SIGNATURE_MAX_WORDS)
        .then_some(start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ByteSpan;

    fn para(words: u32, signature: bool) -> Para {
        Para {
            span: ByteSpan::new(0, 1),
            text: 0,
            words,
            flags: if signature { Para::SIGNATURE } else { 0 },
            junk: 0,
        }
    }

    #[test]
    fn the_signature_runs_from_the_last_delimiter_to_the_end() {
        let post = [
            para(40, false),
            para(5, true),
            para(30, false),
            para(6, true),
            para(9, false),
        ];
        assert_eq!(signature_start(&post), Some(3));
    }

    #[test]
    fn a_long_paragraph_after_the_delimiter_is_no_signature() {
        let post = [para(40, false), para(3, true), para(120, false)];
        assert_eq!(signature_start(&post), None);
        assert_eq!(signature_start(&[para(40, false)]), None);
    }
}
