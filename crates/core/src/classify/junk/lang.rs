//! The article's language and its stopwords.
//!
//! Stopword share is the jusText test of "is this prose": function words are a steady share of
//! running text and nearly absent from labels, link lists and credits. Which words are function
//! words depends on the language, so the language is detected per article (`whatlang`, on a
//! sample of its longest paragraphs) and the list comes from the `stop-words` crate (the ISO
//! stopword lists). When the language cannot be told, there is no list and the stopword signal
//! stays silent rather than guessing English.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Bytes of text handed to the detector: enough for a confident guess, little enough to cost
/// next to nothing per article.
const SAMPLE_BYTES: usize = 700;

/// The ISO 639-1 code `stop-words` files a `whatlang` language under, for the languages both
/// know.
fn iso1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Pol => "pl",
        Kor => "ko",
        Nob => "no",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Mar => "mr",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Ind => "id",
        Pes => "fa",
        Zul => "zu",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Epo => "eo",
        _ => return None,
    })
}

/// Detects the language of an article from its paragraphs (`texts`), longest first.
pub fn detect<'a>(texts: impl Iterator<Item = &'a str>) -> Option<&'static str> {
    let mut ps: Vec<&str> = texts.collect();
    ps.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut sample = String::with_capacity(SAMPLE_BYTES + 64);
    for t in ps {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        let mut end = t.len().min(SAMPLE_BYTES);
        while !t.is_char_boundary(end) {
            end -= 1;
        }
        sample.push_str(&t[..end]);
        sample.push(' ');
    }
    let info = whatlang::detect(&sample)?;
    iso1(info.lang())
}

/// The stopwords of a language (ISO 639-1 code), lower case.
pub fn stopwords(code: &str) -> Option<&'static HashSet<&'static str>> {
    static LISTS: OnceLock<HashMap<&'static str, HashSet<&'static str>>> = OnceLock::new();
    LISTS
        .get_or_init(|| {
            stop_words::available_languages()
                .iter()
                .filter_map(|&c| Some((c, stop_words::lookup(c)?.iter().copied().collect())))
                .collect()
        })
        .get(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_languages_and_finds_their_lists() {
        let de = "Die Bundesregierung hat am Mittwoch beschlossen, dass die neuen Regeln für \
                  alle Unternehmen gelten sollen, die mehr als fünfzig Mitarbeiter haben.";
        assert_eq!(detect([de].into_iter()), Some("de"));
        let pt = "O governo anunciou nesta quarta-feira que as novas regras vão valer para \
                  todas as empresas que tenham mais de cinquenta funcionários no país.";
        assert_eq!(detect([pt].into_iter()), Some("pt"));
        assert!(stopwords("de").is_some_and(|s| s.contains("und")));
        assert!(stopwords("id").is_some_and(|s| s.contains("yang")));
        assert!(stopwords("xx").is_none());
    }
}
