//! What reads as a name, shared by every kind of declaration: the word shapes of places and
//! credited names, the run of name words a credit takes, and the lexicon look-ups on them.

use super::OutletLexicon;

/// Most words in a credited name.
const MAX_NAME_WORDS: usize = 8;

/// Short lower-case words that never open a credited name.
const FUNCTION_WORDS: [&str; 16] = [
    "the", "our", "his", "her", "its", "and", "for", "you", "your", "this", "that", "one", "two",
    "was", "are", "all",
];

impl OutletLexicon {
    /// The canonical name of `name`, or of its first words ("CNN Business" → CNN).
    pub(super) fn resolve_prefix<'a>(&'a self, name: &str) -> Option<&'a str> {
        let words: Vec<&str> = name.split_whitespace().collect();
        (1..=words.len().min(5))
            .rev()
            .find_map(|n| self.resolve(&words[..n].join(" ")))
    }

    /// Whether the outlet (canonical name) is a photo agency.
    pub(super) fn is_photo(&self, canonical: &str) -> bool {
        self.names
            .iter()
            .position(|n| n == canonical)
            .is_some_and(|i| self.photo[i])
    }
}

/// Small words inside place and organisation names.
pub(super) fn connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "do"
            | "da"
            | "dos"
            | "das"
            | "del"
            | "la"
            | "el"
            | "di"
            | "am"
            | "an"
            | "upon"
            | "sur"
            | "of"
            | "and"
            | "&"
            | "the"
            | "van"
            | "von"
            | "der"
            | "y"
            | "e"
            | "-"
    )
}

/// Whether every letter of `s` is a capital (and it has letters).
pub(super) fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Whether `s` reads as a name: 1..=max words, each capitalized or a connector, no sentence
/// punctuation inside.
pub(super) fn name_like(s: &str, max: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= max
        && !s.contains(['!', '?', ';', '"', '“', '”'])
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| name_word(w) || (i > 0 && connector(w)))
}

/// A word of a credited name: starts with a capital or a digit-free symbol-free form such as
/// "iFixit", "dpa" (a lower-case word with a capital inside, or a listed lower-case agency).
pub(super) fn name_word(w: &str) -> bool {
    let w = w.trim_matches([',', '.', '(', ')', '"']);
    let Some(c) = w.chars().next() else {
        return false;
    };
    (c.is_alphabetic() && !c.is_lowercase())
        || (c.is_lowercase() && w.chars().skip(1).any(char::is_uppercase))
        || (c.is_ascii_digit() && w.chars().any(char::is_alphabetic))
}

/// The end of the run of name words starting at `from` (after spaces): capitalized words,
/// connectors, slashes, commas and hyphens, at most [`MAX_NAME_WORDS`] words, stopping at a
/// lower-case word, a sentence end or another credit keyword.
pub(super) fn name_run(para: &str, from: usize) -> usize {
    let mut end = from;
    let mut i = from;
    let mut words = 0;
    let bytes = para.as_bytes();
    while i < para.len() && words < MAX_NAME_WORDS {
        while i < para.len() && (bytes[i] == b' ' || bytes[i] == b'/') {
            i += 1;
        }
        let w_end = para[i..].find([' ', '/']).map_or(para.len(), |x| i + x);
        if w_end == i {
            break;
        }
        let w = &para[i..w_end];
        if let Some(b) = w.find(']') {
            // "[사진=JTBC]저작권자": the credit ends at the bracket.
            if b > 0 && name_word(&w[..b]) {
                end = i + b;
            }
            break;
        }
        let bare = w.trim_matches([',', '.', ';', ':', ')', '(']);
        let lower = bare.to_lowercase();
        if [
            "image", "photo", "caption", "less", "more", "foto", "credit",
        ]
        .contains(&lower.as_str())
            && words > 0
        {
            break;
        }
        let after_slash = i > 0 && bytes[i - 1] == b'/';
        let ok = name_word(w)
            || (after_slash
                && (2..=5).contains(&bare.len())
                && bare.chars().all(|c| c.is_lowercase()))
            || (words > 0 && connector(bare) && !w.ends_with(['.', ',']))
            // "Dana Holt for The New York Times": who took the picture, for whom.
            || (words > 0 && w == "for" && para[w_end..].trim_start().starts_with(char::is_uppercase))
            || (bare.chars().all(|c| c.is_ascii_digit()) && bare.len() == 4 && words > 0)
            || (words == 0
                && (3..=4).contains(&bare.len())
                && bare.chars().all(|c| c.is_lowercase())
                && !FUNCTION_WORDS.contains(&bare));
        if !ok || w.starts_with('(') {
            break;
        }
        // Keep a closing ")" and sentence stops out of the range, keep "Jr." and "Co.".
        let keep = w.trim_end_matches([',', ';', ':', ')']);
        end = i + keep.len();
        words += 1;
        i = w_end;
        let ends_sentence = keep.ends_with('.')
            && keep
                .trim_end_matches('.')
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                > 3
            && !keep.trim_end_matches('.').contains('.');
        // A colon closes the name as a headline follows it ("… appeared on The Ledger:
        // Water bills to rise").
        if ends_sentence || w.ends_with([';', ')', ':']) {
            break;
        }
    }
    end
}
