//! The article's language and its stopwords.
//!
//! Stopword share is the jusText test of "is this prose": function words are a steady share of
//! running text and nearly absent from labels, link lists and credits. Which words are function
//! words depends on the language, so the language is detected per article (`whatlang`, on a
//! sample of its longest paragraphs) and the list comes from the `stop-words` crate (the ISO
//! stopword lists). When the language cannot be told, there is no list and the stopword signal
//! stays silent rather than guessing English.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
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
pub(crate) fn detect<'a>(texts: impl Iterator<Item = &'a str>) -> Option<&'static str> {
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
    if let Some(code) = vote(&sample) {
        return Some(code);
    }
    let info = whatlang::detect(&sample)?;
    iso1(info.lang())
}

/// Words of the sample a stopword vote needs before it may decide.
const VOTE_MIN_WORDS: usize = 20;

/// The stopword vote: every language with a list, and for each listed word the languages
/// (bits, by position in that list) whose list holds it.
struct VoteTable {
    codes: Vec<&'static str>,
    by_word: HashMap<u64, u64, BuildHasherDefault<Prehashed>>,
}

fn vote_table() -> &'static VoteTable {
    static TABLE: OnceLock<VoteTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut codes: Vec<&'static str> = whatlang::Lang::all()
            .iter()
            .filter_map(|&l| iso1(l))
            .filter(|c| stopwords(c).is_some())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes.truncate(64);
        let mut by_word: HashMap<u64, u64, BuildHasherDefault<Prehashed>> = HashMap::default();
        for (i, code) in codes.iter().enumerate() {
            for &w in stop_words::lookup(code).into_iter().flatten() {
                *by_word.entry(word_key(w)).or_default() |= 1 << i;
            }
        }
        VoteTable { codes, by_word }
    })
}

/// A language told by its stopwords alone, when they leave no doubt: in running text function
/// words are a large share, and the language whose list covers at least a third of the
/// sample's words and twice as many as any other list is the language (the classic stopword
/// method of language identification). Close calls, short samples and scripts without spaces
/// return `None` and go to the trigram detector, which costs far more per article.
fn vote(sample: &str) -> Option<&'static str> {
    let table = vote_table();
    let mut hits = [0u16; 64];
    let mut words = 0usize;
    let mut word = String::new();
    let mut count = |word: &mut String| {
        if word.is_empty() {
            return;
        }
        words += 1;
        if let Some(&bits) = table.by_word.get(&word_key(word)) {
            let mut b = bits;
            while b != 0 {
                hits[b.trailing_zeros() as usize] += 1;
                b &= b - 1;
            }
        }
        word.clear();
    };
    for c in sample.chars() {
        if c.is_ascii_alphabetic() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphabetic() || crate::normalize::joins_word(c) {
            word.extend(c.to_lowercase());
        } else if (c == '\'' || c == '’') && !word.is_empty() {
            word.push('\'');
        } else {
            if word.ends_with('\'') {
                word.pop();
            }
            count(&mut word);
        }
    }
    if word.ends_with('\'') {
        word.pop();
    }
    count(&mut word);
    if words < VOTE_MIN_WORDS {
        return None;
    }
    // The best list (the first of equals) and the runner-up's count.
    let (mut top, mut second) = (0usize, 0u16);
    for i in 1..table.codes.len() {
        if hits[i] > hits[top] {
            second = hits[top];
            top = i;
        } else {
            second = second.max(hits[i]);
        }
    }
    let best = usize::from(hits[top]);
    (best * 3 >= words && best >= 2 * usize::from(second)).then(|| table.codes[top])
}

/// A stopword list, looked up once per word of every short line: kept as the 64-bit XXH3
/// hashes of its words, so that a lookup is one hash of the word and one probe, several times
/// cheaper than hashing the word with the standard library's keyed hash (the lists are fixed
/// data, and a false match needs a 64-bit collision).
#[derive(Clone, Debug, Default)]
pub(crate) struct Stopwords {
    hashes: HashSet<u64, BuildHasherDefault<Prehashed>>,
}

impl Stopwords {
    /// Whether `word` (lower case) is on the list.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.hashes.contains(&word_key(word))
    }
}

impl<'a> FromIterator<&'a str> for Stopwords {
    fn from_iter<I: IntoIterator<Item = &'a str>>(words: I) -> Self {
        Stopwords {
            hashes: words.into_iter().map(word_key).collect(),
        }
    }
}

/// The key a word is looked up by: a word of up to 8 bytes (most stopwords, and most words
/// looked up) is its own key, its bytes packed and mixed by a bijection, so two short words
/// never share one; a longer word is hashed with the 64-bit XXH3.
fn word_key(word: &str) -> u64 {
    let b = word.as_bytes();
    if b.len() > 8 {
        return xxhash_rust::xxh3::xxh3_64(b);
    }
    let packed = b
        .iter()
        .enumerate()
        .fold(0u64, |k, (i, &c)| k | u64::from(c) << (8 * i));
    mix(packed)
}

/// MurmurHash3's 64-bit finalizer: a bijection that spreads every input bit over the output,
/// as the hash table's bucket and tag bits need.
fn mix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^ (k >> 33)
}

/// A hasher for keys that are hashes already: it passes them through.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// The stopwords of a language (ISO 639-1 code), lower case.
pub(crate) fn stopwords(code: &str) -> Option<&'static Stopwords> {
    static LISTS: OnceLock<HashMap<&'static str, Stopwords>> = OnceLock::new();
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
