//! Words and their normalized form.
//!
//! Words are the UAX #29 words of `unicode-segmentation` (`unicode_word_indices`): that is the
//! definition. Most news text is ASCII, and segmenting it through the general Unicode tables is
//! the single largest cost of fingerprinting, so ASCII paragraphs go through a scanner that
//! implements the same rules for ASCII; a property test holds it to `unicode_word_indices`.
//!
//! Each word is then normalized on its own: NFKC (skipped when the quick check says the word
//! is already in NFKC), lower case, and typographic apostrophes and dashes folded to ASCII. The
//! word keeps its byte range in the original text, so every later offset points at the text
//! as the user has it. This module does not hash; see [`crate::shingle`].

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
use unicode_segmentation::UnicodeSegmentation;

/// Names the word segmentation, recorded in an index: changing it changes fingerprints.
pub(crate) const TOKENIZER_VERSION: &str = "uax29-words/1";
/// Names the word normalization, recorded in an index.
pub(crate) const NORMALIZATION_VERSION: &str = "nfkc-lower-fold/1";

/// Calls `f(start, word)` for every word of `text`, in order; `start` is the word's byte offset.
pub fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(usize, &'t str)) {
    if text.is_ascii() {
        ascii_words(text.as_bytes(), |s, e| f(s, &text[s..e]));
    } else if simple_text(text) {
        simple_words(text, |s, e| f(s, &text[s..e]));
    } else {
        for (s, w) in text.unicode_word_indices() {
            f(s, w);
        }
    }
}

/// Whether `c` continues a word without being a letter of its own: a combining mark (the
/// virama and nukta of Indic scripts, Thai tone marks, the accents of decomposed text) or the
/// zero-width joiner and non-joiner that Persian and Indic spelling put inside words. Splitting
/// at them would cut "हिन्दी" or "می‌شود" into pieces no stopword list or cue holds, as UAX #29
/// (which treats them as Extend) never does.
pub(crate) fn joins_word(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}') || is_combining_mark(c)
}

/// Whether a word is a number: it has a digit and no letter ("2019", "13.4", "1,000"). A token
/// that mixes letters and digits ("2hZfWFJ", "H1", "4th", "5G") is a word: masking it would make
/// distinct short links and model names "the same text".
pub(crate) fn is_number(word: &str) -> bool {
    let mut digit = false;
    for c in word.chars() {
        if c.is_ascii_digit() {
            digit = true;
        } else if c.is_alphabetic() {
            return false;
        }
    }
    digit
}

/// Whether a token is a year of a date or notice ("1998", "2024"): four digits opening with 19
/// or 20.
pub(crate) fn is_year(token: &str) -> bool {
    token.len() == 4
        && token.bytes().all(|b| b.is_ascii_digit())
        && (token.starts_with("19") || token.starts_with("20"))
}

/// Whether a token is a story's age as portals print it beside the byline: "2d", "5h", "45m",
/// "3w", "1mo".
pub(crate) fn is_age(token: &str) -> bool {
    let digits = token.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && ["m", "h", "d", "w", "mo", "y"].contains(&&token[digits..])
}

/// Whether `text` says when it was published rather than where: "published" (or "appeared")
/// followed, past "on" or a colon, by a date ("First published on Tue 12 Nov 2024", "Originally
/// published: 3 March 2024"), not by a name ("Originally published on Live Science"), and with
/// no source named before it. `lower` is in lower case (a line's normalized words will do: the
/// colon is optional).
pub(crate) fn publication_stamp(lower: &str) -> bool {
    const DATE_WORDS: [&str; 19] = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "jan", "feb", "mar", "apr", "may", "jun",
        "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    ["published", "appeared"].iter().any(|verb| {
        lower.match_indices(verb).any(|(i, v)| {
            // "This report by The Canadian Press was first published March 6, 2024." names
            // its source before the date.
            if lower[..i].contains(" by ") {
                return false;
            }
            let rest = lower[i + v.len()..].trim_start_matches([' ', ':']);
            let rest = rest
                .strip_prefix("on ")
                .or_else(|| rest.strip_prefix("at "))
                .unwrap_or(rest);
            let first = rest.split_whitespace().next().unwrap_or("");
            first.starts_with(|c: char| c.is_ascii_digit())
                || (first.get(..3).is_some_and(|d| DATE_WORDS.contains(&d)) && {
                    // A month's or day's name, then a figure: not "Marketplace", "Sunday Times".
                    rest.split_whitespace()
                        .nth(1)
                        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                        || first.len() <= 4
                            && rest.split_whitespace().nth(1).is_some_and(|w| {
                                w.get(..3).is_some_and(|d| DATE_WORDS.contains(&d))
                            })
                })
        })
    })
}

/// Whether `text` is only editors' initials in capitals, as wire copy signs off after the
/// wire's name ("AKV SKY" in "PTI AKV SKY"): one to three words of two to four capitals.
pub(crate) fn initials(text: &str) -> bool {
    let mut n = 0;
    text.split_whitespace().all(|w| {
        n += 1;
        (2..=4).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_uppercase())
    }) && (1..=3).contains(&n)
}

/// The words of `text` with their byte ranges.
pub fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for_each_word(text, |s, w| out.push((s, w)));
    out
}

/// Number of words in `text`.
pub(crate) fn word_count(text: &str) -> usize {
    let mut n = 0;
    for_each_word(text, |_, _| n += 1);
    n
}

/// Writes the normalized form of one word into `out` (cleared first).
pub fn normalize_word(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    let push = |c: char, out: &mut String| {
        for l in c.to_lowercase() {
            out.push(fold_char(l));
        }
    };
    if is_nfkc_quick(word.chars()) == IsNormalized::Yes {
        word.chars().for_each(|c| push(c, out));
    } else {
        word.nfkc().for_each(|c| push(c, out));
    }
}

/// The normalized form of a whole text: its words, normalized, joined by single spaces.
pub fn normalized_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buf = String::new();
    for_each_word(text, |_, w| {
        normalize_word(w, &mut buf);
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&buf);
    });
    out
}

/// Folds typographic apostrophes, quotes and dashes to their ASCII forms.
fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        _ => c,
    }
}

/// The UAX #29 word-break classes that occur in ASCII.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Under,
    /// `:` (MidLetter): joins letters only.
    MidLetter,
    /// `,` `;` (MidNum): joins digits only.
    MidNum,
    /// `.` `'` (MidNumLet, Single_Quote): join letters or digits.
    MidBoth,
    Other,
}

fn class(b: u8) -> Class {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Under,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidBoth,
        _ => Class::Other,
    }
}

fn is_core(c: Class) -> bool {
    matches!(c, Class::Letter | Class::Digit | Class::Under)
}

/// The word-break class of the few non-ASCII characters common in English news text
/// (typographic quotes and dashes, the no-break space); `None` for any other.
fn simple_class(c: char) -> Option<Class> {
    match c {
        '\u{2018}' | '\u{2019}' => Some(Class::MidBoth),
        '\u{201C}' | '\u{201D}' | '\u{2013}' | '\u{2014}' | '\u{00A0}' | '\u{2026}'
        | '\u{00AB}' | '\u{00BB}' | '\u{2022}' | '\u{00A3}' | '\u{20AC}' | '\u{00B0}' => {
            Some(Class::Other)
        }
        _ => None,
    }
}

/// True when every character of `text` is ASCII or has a [`simple_class`].
fn simple_text(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii() || simple_class(c).is_some())
}

fn char_class(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (class(b), 1);
    }
    let c = text[i..].chars().next().unwrap_or('\u{fffd}');
    (simple_class(c).unwrap_or(Class::Other), c.len_utf8())
}

/// [`ascii_words`] for text whose non-ASCII characters all have a [`simple_class`].
fn simple_words(text: &str, mut f: impl FnMut(usize, usize)) {
    let n = text.len();
    let mut i = 0;
    while i < n {
        let (c, len) = char_class(text, i);
        if !is_core(c) {
            i += len;
            continue;
        }
        let start = i;
        let mut alnum = c != Class::Under;
        let mut prev = c;
        i += len;
        while i < n {
            let (c, len) = char_class(text, i);
            if is_core(c) {
                alnum |= c != Class::Under;
                prev = c;
                i += len;
                continue;
            }
            if i + len < n {
                let (next, nlen) = char_class(text, i + len);
                let joins = match c {
                    Class::MidLetter => prev == Class::Letter && next == Class::Letter,
                    Class::MidNum => prev == Class::Digit && next == Class::Digit,
                    Class::MidBoth => {
                        (prev == Class::Letter && next == Class::Letter)
                            || (prev == Class::Digit && next == Class::Digit)
                    }
                    _ => false,
                };
                if joins {
                    i += len + nlen;
                    prev = next;
                    alnum = true;
                    continue;
                }
            }
            break;
        }
        if alnum {
            f(start, i);
        }
    }
}

/// UAX #29 words of ASCII text (rules WB5 to WB13b as they apply to ASCII), keeping only
/// segments with an alphanumeric character, as `unicode_words` does.
fn ascii_words(b: &[u8], mut f: impl FnMut(usize, usize)) {
    let n = b.len();
    let mut i = 0;
    while i < n {
        if !is_core(class(b[i])) {
            i += 1;
            continue;
        }
        let start = i;
        let mut alnum = b[i] != b'_';
        let mut prev = class(b[i]);
        i += 1;
        while i < n {
            let c = class(b[i]);
            if is_core(c) {
                alnum |= c != Class::Under;
                prev = c;
                i += 1;
                continue;
            }
            // A single middle character joins two letters or two digits (WB6/7, WB11/12).
            if i + 1 < n {
                let next = class(b[i + 1]);
                let joins = match c {
                    Class::MidLetter => prev == Class::Letter && next == Class::Letter,
                    Class::MidNum => prev == Class::Digit && next == Class::Digit,
                    Class::MidBoth => {
                        (prev == Class::Letter && next == Class::Letter)
                            || (prev == Class::Digit && next == Class::Digit)
                    }
                    _ => false,
                };
                if joins {
                    i += 2;
                    prev = next;
                    alnum = true;
                    continue;
                }
            }
            break;
        }
        if alnum {
            f(start, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reference(text: &str) -> Vec<(usize, String)> {
        text.unicode_word_indices()
            .map(|(s, w)| (s, w.to_string()))
            .collect()
    }

    fn ours(text: &str) -> Vec<(usize, String)> {
        let mut v = Vec::new();
        ascii_words(text.as_bytes(), |s, e| v.push((s, text[s..e].to_string())));
        v
    }

    #[test]
    fn ascii_scanner_matches_uax29_on_tricky_cases() {
        for t in [
            "U.S. officials said 3,000.5 people can't go; a:b 1;2 x_y _z __ a..b 1.a a.1 ",
            "Kenzaburo Fukuhara-Pool/Getty Images",
            "e-mail: foo@bar.com, 10:30 p.m. 'quoted' rock'n'roll 2021's",
            "___ 1__2 a__ '' .. ,1, ;a; x'y' 'x",
        ] {
            assert_eq!(ours(t), reference(t), "{t}");
        }
    }

    fn simple(text: &str) -> Vec<(usize, String)> {
        let mut v = Vec::new();
        simple_words(text, |s, e| v.push((s, text[s..e].to_string())));
        v
    }

    proptest! {
        #[test]
        fn ascii_scanner_matches_uax29(s in "[a-cA-C0-2_:;,.' \\-/\n\"!]{0,40}") {
            prop_assert_eq!(ours(&s), reference(&s));
        }

        #[test]
        fn simple_scanner_matches_uax29(s in "[a-bA0-1_:;,.' \u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{a0}\u{2026}\u{ab}\u{bb}\u{2022}\u{a3}\u{20ac}\u{b0}]{0,40}") {
            prop_assert_eq!(simple(&s), reference(&s));
        }
    }

    #[test]
    fn publication_stamps_name_a_date_not_a_place() {
        for t in [
            "First published on Tue 12 Nov 2024 08.00 GMT",
            "Originally published: 3 March 2024",
            "Published Nov 12, 2024",
            "First published on Tue Nov 12 2024",
        ] {
            assert!(publication_stamp(&t.to_lowercase()), "{t}");
        }
        for t in [
            "Originally published on Live Science.",
            "This article first appeared on Marketplace.",
            "First published in The Sunday Times",
            "Publicado originalmente em Folha",
            "Опубликовано впервые",
            "This report by The Canadian Press was first published March 6, 2024.",
        ] {
            assert!(!publication_stamp(&t.to_lowercase()), "{t}");
        }
    }

    #[test]
    fn simple_scanner_on_news_text() {
        let t = "“It’s a dizzying moment in Russia’s confrontation — and, in a way, China’s,” said Gabuev.\u{a0}";
        assert!(simple_text(t));
        assert_eq!(simple(t), reference(t));
    }

    #[test]
    fn normalization_folds_case_width_and_apostrophes() {
        let mut out = String::new();
        normalize_word("Russia\u{2019}s", &mut out);
        assert_eq!(out, "russia's");
        normalize_word("ＡＢＣ", &mut out);
        assert_eq!(out, "abc");
        normalize_word("ﬁnance", &mut out);
        assert_eq!(out, "finance");
        assert_eq!(normalized_text("He said: “No—never.”"), "he said no never");
    }

    #[test]
    fn words_keep_byte_offsets_into_the_original() {
        let t = "Xi’s “friend” — Putin";
        for (s, w) in words(t) {
            assert_eq!(&t[s..s + w.len()], w);
        }
        assert_eq!(word_count(t), 3);
    }
}
