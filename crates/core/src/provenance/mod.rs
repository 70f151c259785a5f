//! Provenance: what an article declares about where its text came from, and (in [`mod@derive`])
//! what the corpus shows.
//!
//! Declarations are read from the text with plain rules over an editable outlet list
//! (`outlets.toml`): datelines (`Hong Kong (CNN) —`), photo credits (`(Brendan Hoffman/The New
//! York Times)`, `AP Photo/…`), source links (a URL line in the tail, "originally published
//! at"), aggregator disclosures (`X is an automatic aggregator …`, with its contact address),
//! and attributions (a known outlet named in the text: "according to Reuters", "told the
//! Russian Tass news service", or an outlet name pasted into copied text). Every declaration
//! keeps its byte range and the outlet's canonical name. Nothing here reads files.

pub(crate) mod credits;
pub(crate) mod declared;
pub(crate) mod derive;
pub(crate) mod flows;

use crate::error::{Error, Result};
use crate::model::{ByteSpan, DeclKind, Declaration};
use crate::shingle::hash_normalized;
use crate::store::PrehashedMap;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The built-in outlet list.
pub(crate) const BUILTIN: &str = include_str!("outlets.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    pasted: Vec<String>,
    #[serde(default)]
    credit_aliases: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    agency: bool,
    #[serde(default)]
    credit_only: bool,
    #[serde(default)]
    photo: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    #[serde(default)]
    outlet: Vec<OutletEntry>,
}

/// An alias compiled to normalized word hashes.
#[derive(Clone, Debug)]
struct Alias {
    words: Vec<u64>,
    /// The second word's hash (0 for a name of one word), kept beside the first so that the
    /// many names after a common first word ("The …") are passed over without reading `words`.
    second: u64,
    /// The alias as written, for the capitalization check.
    written: String,
    outlet: u32,
    /// Matched in any case.
    pasted: bool,
}

/// The compiled outlet list.
#[derive(Clone, Debug)]
pub struct OutletLexicon {
    names: Vec<String>,
    credit_only: Vec<bool>,
    agency: Vec<bool>,
    photo: Vec<bool>,
    /// Keyed by word hashes, which need no hashing again: running text looks up its common
    /// words ("the", "new") here for every occurrence.
    by_first: PrehashedMap<Vec<Alias>>,
    /// A 64 Ki-bit filter of first-word hashes, so that most words skip the map lookup.
    first_filter: Vec<u64>,
    /// A 64 Ki-bit filter of the first two words of names of two words or more (see
    /// [`pair_bit`]), so that a common first word ("the") not followed by a name's second
    /// word skips its names of several words.
    pair_filter: Vec<u64>,
    /// Normalized alias text -> outlet, for names found inside credits and datelines.
    by_text: HashMap<String, u32>,
    /// The longest key of `by_text`, in bytes: longer ASCII text is no name, unnormalized.
    longest_text: usize,
    /// The [`ascii_letters`] of every ASCII key of `by_text`, and of it after "the ", sorted:
    /// ASCII text with other letters names no outlet, unnormalized.
    ascii_letter_sets: Vec<u64>,
    by_domain: HashMap<String, u32>,
}

/// Longest declaring text kept, in bytes.
pub(crate) const MAX_DECL_TEXT: usize = 300;

/// A word of an article with its byte range and normalized hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Hash of the normalized word.
    pub hash: u64,
}

impl OutletLexicon {
    /// The built-in list.
    pub fn builtin() -> OutletLexicon {
        OutletLexicon::parse(BUILTIN, "built-in outlets.toml")
            .expect("the built-in outlet list parses")
    }

    /// Reads a list from a file.
    pub fn from_file(path: &Path) -> Result<OutletLexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        OutletLexicon::parse(&text, &path.display().to_string())
    }

    /// Parses a list; `place` names it in errors.
    pub fn parse(text: &str, place: &str) -> Result<OutletLexicon> {
        let file: OutletFile = crate::config::parse_toml(text, place)?;
        let mut lex = OutletLexicon {
            names: Vec::new(),
            credit_only: Vec::new(),
            agency: Vec::new(),
            photo: Vec::new(),
            by_first: PrehashedMap::default(),
            first_filter: vec![0; 1024],
            pair_filter: vec![0; 1024],
            by_text: HashMap::new(),
            longest_text: 0,
            ascii_letter_sets: Vec::new(),
            by_domain: HashMap::new(),
        };
        for e in file.outlet {
            let id = lex.names.len() as u32;
            let mut all = vec![(e.name.clone(), false)];
            all.extend(e.aliases.iter().map(|a| (a.clone(), false)));
            all.extend(e.pasted.iter().map(|a| (a.clone(), true)));
            for (a, pasted) in all {
                let norm = name_key(&a);
                if norm.is_empty() {
                    continue;
                }
                let words: Vec<u64> = norm.split(' ').map(hash_normalized).collect();
                lex.by_text.entry(norm).or_insert(id);
                lex.by_first.entry(words[0]).or_default().push(Alias {
                    second: words.get(1).copied().unwrap_or(0),
                    words,
                    written: a,
                    outlet: id,
                    pasted,
                });
            }
            // Short or ambiguous forms ("PA", "CP") name an outlet only inside a credit,
            // dateline or sign-off, never in running text.
            for a in &e.credit_aliases {
                let norm = name_key(a);
                if !norm.is_empty() {
                    lex.by_text.entry(norm).or_insert(id);
                }
            }
            for d in e.domains {
                lex.by_domain.insert(d.to_ascii_lowercase(), id);
            }
            lex.names.push(e.name);
            lex.credit_only.push(e.credit_only);
            lex.agency.push(e.agency || e.photo);
            lex.photo.push(e.photo);
        }
        lex.longest_text = lex.by_text.keys().map(String::len).max().unwrap_or(0);
        let the = ascii_letters("the");
        lex.ascii_letter_sets = lex
            .by_text
            .keys()
            .filter(|k| k.is_ascii())
            .flat_map(|k| [ascii_letters(k), ascii_letters(k) | the])
            .collect();
        lex.ascii_letter_sets.sort_unstable();
        lex.ascii_letter_sets.dedup();
        for &h in lex.by_first.keys() {
            let bit = (h & 0xffff) as usize;
            lex.first_filter[bit / 64] |= 1 << (bit % 64);
        }
        for v in lex.by_first.values_mut() {
            v.sort_by_key(|a| std::cmp::Reverse(a.words.len()));
            for a in v.iter().filter(|a| a.words.len() > 1) {
                let bit = pair_bit(a.words[0], a.second);
                lex.pair_filter[bit / 64] |= 1 << (bit % 64);
            }
        }
        Ok(lex)
    }

    /// The canonical name of a name as written, if listed.
    /// A leading "the" is optional ("The Associated Press").
    pub fn resolve(&self, written: &str) -> Option<&str> {
        // Every letter counted by `kept_letters` leaves at least one byte of its own in the
        // normalized text, so text with more of them than the longest name (plus "the ")
        // names no outlet: most paragraphs, in any script, are ruled out after reading a
        // name's length of them, without normalizing anything.
        let limit = self.longest_text + 4;
        if kept_letters(written, limit) == limit {
            return None;
        }
        // In ASCII every letter and digit is kept in the normalized text, lower-cased, and
        // nothing else is a letter or digit there: its set of them must be a name's.
        if written.is_ascii()
            && self
                .ascii_letter_sets
                .binary_search(&ascii_letters(written))
                .is_err()
        {
            return None;
        }
        let norm = name_key(written);
        let found = self.by_text.get(&norm).or_else(|| {
            norm.strip_prefix("the ")
                .and_then(|rest| self.by_text.get(rest))
        });
        found.map(|&i| self.names[i as usize].as_str())
    }

    /// The canonical name for a host (`www.` and subdomains tried), if listed.
    pub fn resolve_domain(&self, host: &str) -> Option<&str> {
        let mut h = host.trim().trim_start_matches("www.").to_ascii_lowercase();
        loop {
            if let Some(&i) = self.by_domain.get(&h) {
                return Some(&self.names[i as usize]);
            }
            match h.split_once('.') {
                Some((_, rest)) if rest.contains('.') => h = rest.to_string(),
                _ => return None,
            }
        }
    }

    /// Whether an outlet name (canonical) is a wire or photo agency.
    pub fn is_agency(&self, canonical: &str) -> bool {
        self.names
            .iter()
            .position(|n| n == canonical)
            .is_some_and(|i| self.agency[i])
    }

    /// Everything `text` declares. `paras` are its paragraphs (after any title) and `tokens`
    /// its words in order; `first_body` is the index of the first paragraph after the title;
    /// `junk` holds the site-junk signals of each paragraph: flagged paragraphs are page
    /// furniture (a dateline is looked for in the first paragraphs that are not), and source
    /// footers name another outlet as the source (where an address names the source too:
    /// "Originally published on example.org"). `own` is the page's own outlet (its name or
    /// address, as the record gives it), which a picture's credit may name.
    pub fn declared(
        &self,
        text: &str,
        paras: &[ByteSpan],
        tokens: &[Token],
        first_body: usize,
        junk: &[u32],
        own: Option<&str>,
    ) -> Vec<Declaration> {
        let mut out = Vec::new();
        let furniture: Vec<bool> = junk.iter().map(|&j| j != 0).collect();
        self.declared_shapes(text, paras, first_body, &furniture, own, &mut out);
        let tail_from = paras.len().saturating_sub(8);
        let mut links = Vec::new();
        for (i, p) in paras.iter().enumerate().skip(tail_from) {
            let found = links.len();
            self.source_link(text, *p, &mut links);
            let footer = junk
                .get(i)
                .is_some_and(|j| j & crate::classify::junk::sig::SOURCE_FOOTER != 0);
            if links.len() == found && footer {
                links.extend(self.footer_address(text, *p));
            }
        }
        // A run of URLs is a link list (shop links, references), not the article's source.
        if links.len() <= 2 {
            out.extend(links);
        }
        self.mentions(text, tokens, &mut out);
        out.sort_by_key(|d| (d.span.start, d.kind));
        for d in &mut out {
            let t = d.span.slice(text).unwrap_or("");
            d.text = t[..floor_char(t, MAX_DECL_TEXT)].to_string();
        }
        out
    }

    fn source_link(&self, text: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
        let Some(para) = p.slice(text).filter(|t| t.contains(':')) else {
            return;
        };
        // "Source: https://…": the word that introduces it is not part of the link.
        let labelled = declared::after_source_prefix(para, &para.to_lowercase());
        // "Источник: tass.ru": after such a word a bare domain names the source too.
        if labelled.len() < para.len()
            && !labelled.contains(char::is_whitespace)
            && let Some(host) = crate::model::bare_domain(labelled)
        {
            out.push(self.source_link_to(host, p, None));
            return;
        }
        let para = labelled;
        if !para.contains("://") {
            return;
        }
        let trimmed = para.trim_start_matches(['(', '[', '<']);
        if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            let url: &str = trimmed.split(char::is_whitespace).next().unwrap_or(trimmed);
            let url = url.trim_end_matches([')', ']', '>', '.', ',']);
            let path = url.rsplit('/').next().unwrap_or("").to_ascii_lowercase();
            let picture = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg"]
                .iter()
                .any(|x| path.ends_with(x));
            if !picture
                && para.split_whitespace().count() <= 40
                && let Some(host) = crate::model::url_host(url)
            {
                out.push(self.source_link_to(host, p, Some(url.to_string())));
            }
        }
    }

    /// The first web address in a source footer `p` ("View original article on
    /// bloomberg.com", "Leggi l'articolo originale su adnkronos.com") as a source link: a URL,
    /// or a bare domain written in lower case, as an address is (so that "St.Louis" is none).
    fn footer_address(&self, text: &str, p: ByteSpan) -> Option<Declaration> {
        let para = p.slice(text)?;
        para.split_whitespace().find_map(|w| {
            let w = w.trim_start_matches(['(', '[', '<', '"', '“']);
            if w.contains('@') {
                return None;
            }
            if let Some(at) = w.find("://") {
                let url = w.trim_end_matches([')', ']', '>', '.', ',', '"', '”']);
                let host = crate::model::url_host(url).filter(|_| at > 0)?;
                return Some(self.source_link_to(host, p, Some(url.to_string())));
            }
            // "Fortune.com" in capitals is the outlet's name, which the attribution names.
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                return None;
            }
            let host = crate::model::bare_domain(w)?;
            Some(self.source_link_to(host, p, None))
        })
    }

    /// A source link to `host` over paragraph `p`: the outlet the host resolves to, else the
    /// host itself.
    fn source_link_to(&self, host: String, p: ByteSpan, url: Option<String>) -> Declaration {
        Declaration {
            kind: DeclKind::SourceLink,
            outlet: self.resolve_domain(&host).map_or(host, str::to_string),
            span: p,
            detail: url,
            text: String::new(),
        }
    }

    /// Outlets named in running text, outside every declaration: reported as mentions.
    fn mentions(&self, text: &str, tokens: &[Token], out: &mut Vec<Declaration>) {
        let covered: Vec<ByteSpan> = out.iter().map(|d| d.span).collect();
        let mut seen: Vec<u32> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut advanced = false;
            let bit = (tokens[i].hash & 0xffff) as usize;
            if self.first_filter[bit / 64] >> (bit % 64) & 1 == 0 {
                i += 1;
                continue;
            }
            if let Some(aliases) = self.by_first.get(&tokens[i].hash) {
                // Names of several words come first: passed over whole when no name starts
                // with this word and the next.
                let pair = tokens.get(i + 1).is_some_and(|next| {
                    let bit = pair_bit(tokens[i].hash, next.hash);
                    self.pair_filter[bit / 64] >> (bit % 64) & 1 == 1
                });
                let aliases = if pair {
                    aliases.as_slice()
                } else {
                    &aliases[aliases.partition_point(|a| a.words.len() > 1)..]
                };
                for a in aliases {
                    let n = a.words.len();
                    if n > 1 && tokens.get(i + 1).is_none_or(|t| t.hash != a.second) {
                        continue;
                    }
                    if i + n > tokens.len()
                        || tokens[i..i + n]
                            .iter()
                            .zip(&a.words)
                            .any(|(t, w)| t.hash != *w)
                    {
                        continue;
                    }
                    let (s, e) = (tokens[i].start, tokens[i + n - 1].end);
                    let raw = &text[s as usize..e as usize];
                    let inside = covered.iter().any(|c| c.start <= s && e <= c.end);
                    if inside
                        || self.credit_only[a.outlet as usize]
                        || !(a.pasted || capitals_match(raw, &a.written))
                    {
                        continue;
                    }
                    if !seen.contains(&a.outlet) {
                        seen.push(a.outlet);
                        out.push(Declaration {
                            kind: DeclKind::Mention,
                            outlet: self.names[a.outlet as usize].clone(),
                            span: ByteSpan::new(s as usize, e as usize),
                            detail: None,
                            text: String::new(),
                        });
                    }
                    i += n;
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                i += 1;
            }
        }
    }
}

/// How many letters of `text` that each leave a byte of their own in its normalized form are
/// there, counted up to `limit`. Such a letter is a letter or digit, so its word is kept; NFKC
/// never drops a character, and it composes these only as the first of a pair (with a
/// following mark), never into a letter before them; lower-casing keeps at least one
/// character. ASCII is read byte by byte, as most text is.
fn kept_letters(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut n, mut i) = (0, 0);
    while n < limit && i < bytes.len() {
        if bytes[i].is_ascii() {
            n += usize::from(bytes[i].is_ascii_alphanumeric());
            i += 1;
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            n += usize::from(kept_letter(c));
            i += c.len_utf8();
        }
    }
    n
}

/// The set of ASCII letters (in either case, as one) and digits in `text`, as bits.
fn ascii_letters(text: &str) -> u64 {
    text.bytes().fold(0, |set, b| match b {
        b'a'..=b'z' => set | 1 << (b - b'a'),
        b'A'..=b'Z' => set | 1 << (b - b'A'),
        b'0'..=b'9' => set | 1 << (26 + b - b'0'),
        _ => set,
    })
}

/// Letters outside ASCII counted by [`kept_letters`]: those of common scripts that have no
/// compatibility forms and never compose into the letter before them.
fn kept_letter(c: char) -> bool {
    matches!(c,
        '\u{0410}'..='\u{044F}' // Cyrillic А-я
        | '\u{05D0}'..='\u{05EA}' // Hebrew letters
        | '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' // Arabic letters
        | '\u{0915}'..='\u{0939}' // Devanagari consonants
        | '\u{0E01}'..='\u{0E2E}' // Thai consonants
        | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' // kana
        | '\u{4E00}'..='\u{9FFF}' // CJK ideographs
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
    )
}

/// The bit of a name's first two words (their hashes) in the pair filter.
fn pair_bit(first: u64, second: u64) -> usize {
    ((first.rotate_left(17) ^ second) & 0xffff) as usize
}

/// True when `raw` is written like `alias`: the same capitals word by word (a leading "the"
/// may be lower case), or all in capitals.
fn capitals_match(raw: &str, alias: &str) -> bool {
    if raw.chars().any(char::is_alphabetic) && !raw.chars().any(char::is_lowercase) {
        return true;
    }
    let rw: Vec<&str> = raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let aw: Vec<&str> = alias
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    rw.len() == aw.len()
        && rw.iter().zip(&aw).enumerate().all(|(i, (r, a))| {
            let (rc, ac) = (r.chars().next(), a.chars().next());
            rc.map(char::is_uppercase) == ac.map(char::is_uppercase)
                || (i == 0 && a.eq_ignore_ascii_case("the"))
        })
}

/// The largest char boundary at or below `i`.
fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The words of `text` as tokens (used where no tokens were kept).
#[cfg(test)]
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut buf = String::new();
    crate::normalize::for_each_word(text, |s, w| {
        crate::normalize::normalize_word(w, &mut buf);
        out.push(Token {
            start: s as u32,
            end: (s + w.len()) as u32,
            hash: hash_normalized(&buf),
        });
    });
    out
}

/// The key an outlet's written name is looked up by: its normalized words without the Arabic
/// short-vowel marks, which an agency may write or leave out of its own name ("العُمانية",
/// "العمانية").
fn name_key(written: &str) -> String {
    let norm = crate::normalize::normalized_text(written);
    if norm.contains(arabic_vowel_mark) {
        norm.chars().filter(|&c| !arabic_vowel_mark(c)).collect()
    } else {
        norm
    }
}

/// An Arabic short-vowel or other diacritic mark (harakat, shadda, sukun, dagger alif).
fn arabic_vowel_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts that `line`, alone in an article, declares one photo credit and nothing else.
    fn assert_one_credit(line: &str) {
        let d = declared(&format!("T\n\n{line}\n"));
        assert_eq!(d.len(), 1, "{line}: {d:?}");
        assert_eq!(d[0].0, DeclKind::PhotoCredit, "{line}");
    }

    fn declared(text: &str) -> Vec<(DeclKind, String)> {
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(text, 0);
        let d = lex.declared(text, &paras, &tokens(text), 1, &[], None);
        for x in &d {
            assert!(x.span.slice(text).is_some());
        }
        d.into_iter().map(|d| (d.kind, d.outlet)).collect()
    }

    #[test]
    fn outlet_names_resolve_with_or_without_arabic_vowel_marks() {
        let lex = OutletLexicon::builtin();
        assert_eq!(lex.resolve("العمانية"), Some("Oman News Agency"));
        assert_eq!(lex.resolve("العُمانية"), Some("Oman News Agency"));
    }

    #[test]
    fn a_known_place_named_alone_opens_a_dateline() {
        for line in [
            "Bengaluru: The state transport corporation will add 400 electric buses this year.",
            "New Delhi: The ministry said on Monday that the rules would change in April.",
            "Dar es Salaam. The government has announced new measures to curb the price of fuel.",
            "சென்னை: தமிழகத்தில் இன்று பல இடங்களில் கனமழை பெய்யும் என்று வானிலை மையம் தெரிவித்துள்ளது.",
            "लखनऊ। उत्तर प्रदेश सरकार ने सोमवार को नई नीति की घोषणा की है।",
            "เชียงใหม่ - เจ้าหน้าที่ เร่ง ดับไฟป่า บน ดอยสุเทพ ตั้งแต่ เมื่อวาน",
            // A date between the place and its dash.
            "เชียงใหม่ 30 ก.ย.- เจ้าหน้าที่ เร่ง ดับไฟป่า บน ดอยสุเทพ ตั้งแต่ เมื่อวาน",
            "กรุงเทพฯ 28 มี.ค. – นายกรัฐมนตรี เปิด โครงการ รถไฟฟ้า สาย ใหม่ วันนี้",
        ] {
            let d = declared(&format!("Title\n\n{line}\n"));
            assert_eq!(d, vec![(DeclKind::Dateline, String::new())], "{line}");
        }
        // A place before the "=" of a bracketed dateline names the outlet after it.
        let d = declared("Title\n\n[서울=한누리통신] 정부는 오늘 새로운 에너지 정책을 발표했다.\n");
        assert_eq!(d, vec![(DeclKind::Dateline, "한누리통신".to_string())]);
        // Labels open lines the same way; so does a place that heads no sentence.
        for line in [
            "The Latest: The state transport corporation will add 400 electric buses.",
            "Claim: The state transport corporation will add 400 electric buses this year.",
            "Weather Alert: Heavy rain is expected across the region on Tuesday evening.",
            "Bengaluru: 400 buses",
            "Bengal: The state transport corporation will add 400 electric buses this year.",
        ] {
            let d = declared(&format!("Title\n\n{line}\n"));
            assert!(d.is_empty(), "{line}: {d:?}");
        }
    }

    #[test]
    fn datelines() {
        let d = declared(
            "Title\n\nHong Kong (CNN) — When Chinese President Xi Jinping hosts world leaders.",
        );
        assert_eq!(d, vec![(DeclKind::Dateline, "CNN".to_string())]);
        let d = declared("Title\n\nWASHINGTON (AP) - The Senate voted.\n");
        assert_eq!(
            d,
            vec![(DeclKind::Dateline, "Associated Press".to_string())]
        );
        let d = declared("Title\n\nLONDON, March 3 (Reuters) - Shares fell.\n");
        assert_eq!(d, vec![(DeclKind::Dateline, "Reuters".to_string())]);
        // Release wires: the wire between slashes after the date, or with the date between
        // spaced slashes after the place.
        for (line, wire) in [
            (
                "KELOWNA, BC, April 8, 2025 /CNW/ - The co-operative said.",
                "Canada Newswire",
            ),
            (
                "PHOENIX, AZ / ACCESSWIRE / March 25, 2025 / The company said.",
                "Accesswire",
            ),
        ] {
            let d = declared(&format!("Title\n\n{line}\n"));
            assert_eq!(d, vec![(DeclKind::Dateline, wire.to_string())], "{line}");
        }
        // A place in capitals and a wire's code alone on the line: a dateline still.
        let d = declared(
            "Title\n\nSYDNEY (AAP)\n\nThe council voted on Tuesday to approve the plan.\n",
        );
        assert_eq!(
            d,
            vec![(
                DeclKind::Dateline,
                "Australian Associated Press".to_string()
            )]
        );
        // A date in the script's own figures.
        let d = declared("Title\n\nঢাকা, ১৪ মার্চ, ২০২৪ (বাসস) : আজ বৃষ্টি হতে পারে।\n");
        assert_eq!(
            d,
            vec![(
                DeclKind::Dateline,
                "Bangladesh Sangbad Sangstha".to_string()
            )]
        );
        // Short lines above the story (a credit, a stamp) do not use up the opening.
        let d = declared(
            "Title\n\nThe storm closed three ports on the coast and kept the fleet in harbour all week.\n\nJ. Soler\n\nMonday\n\nA view of the closed port of Denia on Monday, after the storm passed by.\n\nVALENCIA (AFP) - The port authorities closed three ports on Monday.\n",
        );
        assert_eq!(
            d,
            vec![(DeclKind::Dateline, "Agence France-Presse".to_string())]
        );
        // A heading in capitals on a line of its own, over the text it heads, is no place.
        assert!(
            declared("Title\n\nMAGI:\n  The Old Persian word magu is of uncertain origin.\n")
                .is_empty()
        );
        // Speakers of a transcript take turns: a name in capitals before a colon is no place.
        assert!(
            declared(
                "Title\n\nMAYA OKAFOR: From Low Tide Audio, this is The Commons, and I am your host today.\n\nGREG TILLMAN: I lived there thirty years.\n\nMAYA OKAFOR: Greg Tillman is a retired mechanic who lived in the town for thirty years.\n\nELISA MORENO: Outside those areas, if you can drill it, you can pump it, and nobody counts.\n"
            )
            .is_empty()
        );
        assert!(declared("Title\n\nThe minister (who spoke briefly) - left.\n").is_empty());
        // A link label in capitals before a colon is no place.
        assert!(declared("Title\n\nMORE: The plan would cost $2 million.\n").is_empty());
        // A date after a place needs a listed wire to close it.
        assert!(
            declared("Title\n\nTrnava 14. februára (mesto) - Radnica opraví tri mosty.\n")
                .is_empty()
        );
        assert!(
            declared(
                "Title\n\nTartu, 3. märts, Linnavalitsus. Kinnitas teisipäeval uue eelarve kava.\n"
            )
            .is_empty()
        );
        for (line, outlet) in [
            ("Köln/Leverkusen – Die Aufräumarbeiten laufen weiter.", ""),
            (
                "München (dpa/lby) - Die Polizei hat einen Mann festgenommen.",
                "dpa",
            ),
            (
                "León, Guanajuato.- El ayuntamiento aprobó el reglamento.",
                "",
            ),
            ("أبوظبي (وام) - أعلنت الهيئة اليوم عن خطة جديدة.", "WAM"),
            (
                "САМАРА, 30 марта. Власти города объявили о ремонте дорог.",
                "",
            ),
            (
                "Roma, 14 nov. (askanews) - Il governo ha approvato il decreto sulle scuole.",
                "askanews",
            ),
            (
                "[스타포커스=박소연 기자] 배우 김하늘이 새 드라마에 출연한다.",
                "스타포커스",
            ),
            (
                "新华社广州12月28日电（记者 李明 张婷）广州市政府28日宣布。",
                "Xinhua",
            ),
            (
                "【中新网上海3月5日电】上海市今天发布新规。",
                "China News Service",
            ),
            (
                "（中央社記者陳怡君高雄5日電）高雄市今天宣布防疫措施。",
                "Central News Agency",
            ),
            (
                "【ワシントン共同】米政府は14日、新たな制裁を発表した。",
                "Kyodo News",
            ),
            ("KYIV, March 5. The city council met on Tuesday.", ""),
            (
                "Trnava 14. februára (TASR) - Mesto Trnava opraví tento rok tri mosty cez rieku.",
                "TASR",
            ),
            (
                "Tartu, 3. märts, BNS. Linnavalitsus kinnitas teisipäeval uue eelarve kava kõigile.",
                "Baltic News Service",
            ),
            (
                "Харків, 9 березня. Укрінформ. Міська рада ухвалила новий план ремонту доріг.",
                "Ukrinform",
            ),
            (
                "Jihlava - Krajský úřad v Jihlavě schválil nový rozpočet na příští rok.",
                "",
            ),
            (
                "Villavicencio, 22 de abril (Colprensa). El alcalde anunció un nuevo plan vial.",
                "Colprensa",
            ),
            (
                "Cluj-Napoca, 15 mai /Agerpres/ - Consiliul Local a aprobat bugetul.",
                "Agerpres",
            ),
            (
                "Bogotá (Colombia), 3 mar (EFE).- El Gobierno anunció un plan forestal.",
                "Agencia EFE",
            ),
        ] {
            let d = declared(&format!("Title\n\n{line}\n"));
            assert_eq!(d, vec![(DeclKind::Dateline, outlet.to_string())], "{line}");
        }
        // "(place=outlet)" and a reporter's credit: the outlet need not be listed.
        let t = "Title\n\n(서울=한빛일보) 김민수 기자 = 서울시는 28일 새 교통 정책을 발표했다.\n";
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(t, 0);
        let d = lex.declared(t, &paras, &tokens(t), 1, &[], None);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].kind, d[0].outlet.as_str()),
            (DeclKind::Dateline, "한빛일보")
        );
        assert_eq!(d[0].span.slice(t), Some("(서울=한빛일보) 김민수 기자 ="));
        assert_eq!(
            declared("Title\n\n(서울=연합뉴스) 이지은 특파원 = 정부는 발표했다.\n"),
            vec![(DeclKind::Dateline, "Yonhap".to_string())]
        );
        // The opening is counted in paragraphs of prose: a site's motto, the headline, a
        // byline and a share bar above the story do not use it up.
        let page = "Title\n\nLe Courrier des Causses, le quotidien de l'Aveyron depuis 1946\n\n\
                    Le viaduc de Millau fête ses vingt ans samedi\n\n\
                    Par Jeanne Vidal, envoyée spéciale à Millau\n\n\
                    Partager : Facebook X WhatsApp E-mail Copier le lien\n\n\
                    Millau (AFP) – Le viaduc a célébré samedi les vingt ans de son inauguration.\n";
        assert_eq!(
            declared(page),
            vec![(DeclKind::Dateline, "Agence France-Presse".to_string())]
        );
        // A mail address closed by a dash is no site's name opening a dateline.
        assert!(
            declared("Title\n\nThe plan was voted down.\n\nann@lists.example.com --\n").is_empty()
        );
        // A caption's credit naming the page's own outlet, which no list knows.
        let t = "Title\n\nThe council met on Tuesday to vote on the plan for the new bus routes.\n\n\
                 Riders board a bus on April 3, 2025. Alana Whitcombe/Riverside Courier-Journal\n";
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(t, 0);
        let credit = |own| {
            lex.declared(t, &paras, &tokens(t), 1, &[], own)
                .iter()
                .filter(|d| d.kind == DeclKind::PhotoCredit)
                .filter_map(|d| d.span.slice(t).map(str::to_string))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            credit(Some("The Riverside Courier-Journal")),
            ["Alana Whitcombe/Riverside Courier-Journal"]
        );
        assert_eq!(
            credit(Some("https://www.riversidecourierjournal.com/story/1")),
            ["Alana Whitcombe/Riverside Courier-Journal"]
        );
        assert!(credit(Some("Valley Ledger")).is_empty());
        // A party in parentheses after a name is no country of a place.
        assert!(
            declared("Title\n\nJuan Pérez (PRI), dijo que el plan no alcanza para todos.\n")
                .is_empty()
        );
        assert!(declared("Title\n\n(x=2) is the only root of the equation.\n").is_empty());
        assert!(declared("Title\n\nNATO, the EU and the UN met. They agreed.\n").is_empty());
        assert!(declared("Title\n\nNews - Sport - Weather - Culture - Travel - More\n").is_empty());
        assert!(declared("Title\n\nToday - the council met and said no to the plan.\n").is_empty());
        // A title-case word before a colon is as often a label as a city.
        assert!(
            declared("Title\n\nClaim: The new law bans all cash payments from next year.\n")
                .is_empty()
        );
        assert!(
            declared("Title\n\nExplainer: What the new rules mean for your household bills.\n")
                .is_empty()
        );
        // A speaker's label in an interview opens more than one paragraph.
        assert!(
            declared(
                "Title\n\nMAYA OKAFOR: I started writing the book in the winter of 2019.\n\nQ: Why then?\n\nMAYA OKAFOR: My father had just died and the house was quiet.\n"
            )
            .is_empty()
        );
        // A run of capitals before a colon and more capitals is a label, not a place.
        assert!(declared("Title\n\nTHE FULL SQUAD IS: JO ROE, AL POE\n").is_empty());
        // In a script without case a dash joins two places.
        assert!(declared("Title\n\n北陸新幹線の金沢―敦賀間が開業した。\n").is_empty());
    }

    #[test]
    fn credits_after_an_ellipsis_or_through_an_agency() {
        let d = declared("T\n\nCredit...Dana Holt for The New York Times\n");
        assert_eq!(
            d,
            vec![(DeclKind::PhotoCredit, "The New York Times".to_string())]
        );
        // Who took the picture, then the agency that distributes it: a picture's credit, not
        // a statement of where the story came from.
        let d = declared("T\n\nAFP via Getty Images\n");
        assert_eq!(d, vec![(DeclKind::PhotoCredit, "Getty Images".to_string())]);
        // A "via" that names no photo agency is left to the other shapes.
        assert!(
            declared("T\n\nThe mayor spoke via video link to the meeting.\n")
                .iter()
                .all(|d| d.0 != DeclKind::PhotoCredit)
        );
    }

    #[test]
    fn material_of_a_wire_is_an_attribution() {
        let d = declared("T\n\nПо материалам ТАСС\n");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].0, DeclKind::Attribution);
    }

    #[test]
    fn credits() {
        // A caption after a credit word in lower case is no credit.
        assert_eq!(
            declared("T\n\nPhoto: the bridge over the river at dusk, seen from the old town.\n"),
            vec![]
        );
        let d = declared("T\n\nSoldiers patrol in Avdiika. (Brendan Hoffman/The New York Times)\n");
        assert_eq!(
            d,
            vec![(DeclKind::PhotoCredit, "The New York Times".to_string())]
        );
        for line in [
            "Firefighters at the Tenterfield fire ground. (ABC New England: Lucy Thackray)",
            "A buff-tailed bumblebee on a clover flower. (Helen Bright, CC BY-ND)",
            // A slash credit after a label and its colon.
            "Foto di copertina: ANSA/FRANCESCO SALVI",
        ] {
            assert_one_credit(line);
        }
        // An abbreviated keyword, an archive's mark, a credit in capitals with no colon, a
        // keyword and a name in parentheses closing a caption.
        for line in [
            "Fot. Paweł Wrona / Gazeta Nadwiślańska",
            "Picha na Juma Hassan",
            "Larawan ni Ana Cruz",
            "Foto af Mads Jensen",
            "Photo d'archives Jean-Marc Ruelle",
            "Foto de archivo: Ana Beltrán / EFE",
            "Φωτογραφία αρχείου: ΑΠΕ-ΜΠΕ / Απόστολος Ντόμαλης",
            "PHOTO JACQUES BOISSINOT, ARCHIVES LA PRESSE CANADIENNE",
            "Il sindaco inaugura il nuovo ponte sul fiume. (foto Murialdo)",
            "Helen Bright, CC BY-ND",
            "A hairy-footed flower bee on lungwort. Helen Bright, CC BY-ND",
        ] {
            assert_one_credit(line);
        }
        // A heading in capitals is no credit, nor a keyword opening a name spelled out
        // inside a sentence.
        assert_eq!(declared("T\n\nIMAGE OF THE DAY\n"), vec![]);
        assert_eq!(
            declared(
                "T\n\nThe package uses IRAF (Image Reduction and Analysis Facility) for the work.\n"
            ),
            vec![]
        );
        // A credit closing a caption after its full stop, with or without spaces around the
        // slash, or a listed outlet's "photo" in parentheses.
        for (line, outlet) in [
            (
                "Workers repair the pier at the harbour on Monday. Dana Holt/AP",
                "Associated Press",
            ),
            (
                "Los bomberos apagan el fuego en Valencia. EFE/Ruiz",
                "Agencia EFE",
            ),
            (
                "Farmers harvest rice in the province on Sunday. (PNA photo)",
                "Philippine News Agency",
            ),
            (
                "Une manifestation à Lyon, samedi 4 mai 2024. | JEAN DUPONT / AFP",
                "Agence France-Presse",
            ),
        ] {
            let d = declared(&format!("T\n\n{line}\n"));
            assert_eq!(
                d,
                vec![(DeclKind::PhotoCredit, outlet.to_string())],
                "{line}"
            );
        }
        // Credit words of scripts without case, and a wire in full-width parentheses closing
        // a CJK caption; after a full stop there it signs the story off.
        for (line, outlet) in [
            ("تصوير: سامي خليل", ""),
            ("फोटो : राहुल वर्मा", ""),
            ("ขอบคุณภาพ: กรมอุตุนิยมวิทยา", ""),
            ("摄影：王磊", ""),
            ("Фото: пресс-служба администрации города", ""),
            ("Photo: handout", ""),
            ("除雪作業に当たる重機＝1月、青森市（共同）", "Kyodo News"),
        ] {
            let d = declared(&format!("T\n\n{line}\n"));
            assert_eq!(
                d,
                vec![(DeclKind::PhotoCredit, outlet.to_string())],
                "{line}"
            );
        }
        let d = declared("T\n\n市は来年度から新しい制度を始める方針だ。（共同）\n");
        assert_eq!(d, vec![(DeclKind::Attribution, "Kyodo News".to_string())]);
        // A spaced slash joins words, and after a site's name it names a source.
        for line in [
            "Members may vote yes / no on the motion.",
            "Mediapart.fr / AFP",
        ] {
            let d = declared(&format!("T\n\n{line}\n"));
            assert!(
                d.iter().all(|x| x.0 != DeclKind::PhotoCredit),
                "{line}: {d:?}"
            );
        }
        let d = declared("T\n\nKenzaburo Fukuhara/Pool/Getty Images\n");
        assert_eq!(d, vec![(DeclKind::PhotoCredit, "Getty Images".to_string())]);
        let d = declared("T\n\nA photo. (Photo by Kenzaburo Fukuhara-Pool/Getty Images)\n");
        assert_eq!(d, vec![(DeclKind::PhotoCredit, "Getty Images".to_string())]);
        for line in [
            "Kuva: Lehtikuva",
            "Fotó: MTI/Sóki Tamás",
            "Fotografia: Rui Cardoso/Lusa",
            "عکس: ایرنا",
            "ছবি: বাসস",
            "צילום: דוד כהן, פלאש 90",
            "写真：共同",
            "Image source, Getty Images",
            "Photo / Supplied",
            "Illustration by Kira Mendez / The Circuit Report",
            "防疫人員在前鎮區進行戶外噴藥。（高雄市衛生局提供）",
            "착공식 참석자들이 기념 시삽을 하고 있다. [광주시 제공. 재판매 및 DB 금지]",
            "市民在新开通的车站候车。新华社记者 王芳 摄",
            "市民在新开通的车站候车（王芳 摄）",
        ] {
            assert_one_credit(line);
        }
        let d = declared(
            "T

市民在新开通的车站候车。新华社记者 王芳 摄
",
        );
        assert_eq!(d, vec![(DeclKind::PhotoCredit, "Xinhua".to_string())]);
        // "摄" inside a word ("拍摄", filmed) credits nobody.
        assert!(
            declared(
                "T

这部纪录片由他们在山区拍摄
"
            )
            .is_empty()
        );
        // A publisher's own notice is no picture's credit.
        for line in [
            "© Copyright 2025 Riverina Daily Wire Pty Ltd",
            "© La Voz de Almenara.",
            "Impressum\n© Seeländer Tagblatt AG. Alle Rechte vorbehalten",
            "Contact   About us   Privacy   ©Harbor Media Group Ltd. All rights reserved",
            "RIPRODUZIONE RISERVATA ©Copyright Editoriale Lario S.p.A.",
            "© Gazeta. All content is published under a Creative Commons licence",
            "Απαγορεύεται η αναδημοσίευση χωρίς άδεια. © Θεσσαλικός Κήρυκας 2025",
            "© Vltavský deník. Veškerá práva vyhrazena.",
            "© Le Courrier du Littoral – Mentions légales – CGU",
        ] {
            let d = declared(&format!("T\n\nThe council met on Tuesday.\n\n{line}\n"));
            assert!(
                d.iter().all(|x| x.0 != DeclKind::PhotoCredit),
                "{line}: {d:?}"
            );
        }
    }

    #[test]
    fn stamps_naming_a_wire_as_author_are_attributions() {
        let body =
            "T\n\nThe council met on Tuesday and approved the budget for the new bridge.\n\n";
        for (line, outlet) in [
            ("ANSA | Torino, 4 giugno 2025, 09:12", "ANSA"),
            ("Lusa Publicado: 22.05.24 18:40", "Lusa"),
            ("新华社 2025年04月02日 08:15", "Xinhua"),
            ("Autor: TASR | 7.10.2024 o 11:05", "TASR"),
            ("Updated: June 3, 2025 10:15 AM By: IANS", "IANS"),
            (
                "Le Progrès Bayonne avec AFP, le 02/04/2025 à 18h05",
                "Agence France-Presse",
            ),
            ("Writer: Bernama", "Bernama"),
            ("Извор: Танјуг", "Tanjug"),
        ] {
            let d = declared(&format!("{body}{line}\n"));
            assert_eq!(
                d,
                vec![(DeclKind::Attribution, outlet.to_string())],
                "{line}"
            );
        }
        // A stamp by a reporter, and a photo agency opening a stamp, are no wire's sign-off.
        for line in [
            "Marta Ruiz | Sevilla, 12 marzo 2024, 13:47",
            "By: Jo Roe, 12 March 2024",
            "Getty Images 2024",
        ] {
            let d = declared(&format!("{body}{line}\n"));
            assert!(
                d.iter().all(|x| x.0 != DeclKind::Attribution),
                "{line}: {d:?}"
            );
        }
    }

    #[test]
    fn sign_offs_name_their_source_after_the_cue() {
        let body =
            "T\n\nThe council met on Tuesday and approved the budget for the new bridge.\n\n";
        for (line, outlet) in [
            (
                "Republished with permission from The Conversation.",
                "The Conversation",
            ),
            ("Originally published at Bloomberg News.", "Bloomberg"),
            (
                "This story was originally featured on Fortune.com",
                "Fortune.com",
            ),
            (
                "The post Council backs the new bridge appeared first on Valley Ledger.",
                "Valley Ledger",
            ),
            (
                "Read the original article on Business Insider.",
                "Business Insider",
            ),
            ("Quelle: dpa", "dpa"),
            ("Bron: ANP", "ANP"),
            ("Źródło: PAP", "Polish Press Agency"),
            ("Source : AFP", "Agence France-Presse"),
            ("来源：新华社", "Xinhua"),
            ("PTI AKV SKY", "Press Trust of India"),
            ("EFE rtq/mvs/ic", "Agencia EFE"),
            ("Von dpa/lsw", "dpa"),
            ("Por EFE | 12/09/2019 | 10:05", "Agencia EFE"),
            ("Additional reporting by SWNS", "South West News Service"),
            (
                "Com informações da Agência Assembleia",
                "Agência Assembleia",
            ),
            (
                "<저작권자(c) 연합뉴스, 무단 전재-재배포, AI 학습 및 활용 금지>",
                "Yonhap",
            ),
            (
                "Story by Lena Marsh • The Harbor Gazette",
                "The Harbor Gazette",
            ),
            (
                "Story by Dana Whitfield • 2d • Kitchen & Table",
                "Kitchen & Table",
            ),
            (
                "(With additional input from APP)",
                "Associated Press of Pakistan",
            ),
            ("출처: 연합뉴스", "Yonhap"),
            ("Copyright 2025 The Associated Press.", "Associated Press"),
            ("Fuentes: EFE, Heraldo", "Agencia EFE"),
            (
                "This report by The Canadian Press was first published March 6, 2024.",
                "The Canadian Press",
            ),
            (
                "Este conteúdo foi publicado originalmente no Diário do Planalto.",
                "Diário do Planalto",
            ),
            (
                "Copyright 2024 The Associated Press. All rights reserved.",
                "Associated Press",
            ),
            ("Riproduzione riservata © Copyright ANSA", "ANSA"),
            ("By CARLOS MEDINA Associated Press", "Associated Press"),
            ("Von Anna Berger, dpa", "dpa"),
            (
                "This article originally appeared on Harbor Ledger: Water bills to rise 9% in July",
                "Harbor Ledger",
            ),
            ("Von dpa", "dpa"),
            (
                "By MARK DUVALL, Associated Press Writer",
                "Associated Press",
            ),
            (
                "By Leslie Vogt, AP Entertainment Writer",
                "Associated Press",
            ),
            (
                "Information from The Associated Press was used in this report.",
                "Associated Press",
            ),
            ("Bloomberg News contributed to this report.", "Bloomberg"),
            ("CNN’s Lena Ortiz contributed to this report.", "CNN"),
            ("Par Jean Dupont avec AFP", "Agence France-Presse"),
            ("Jonah Whitfield, The Canadian Press", "The Canadian Press"),
            ("Jo Roe | Reuters", "Reuters"),
            ("Holly Brennan (AAP)", "Australian Associated Press"),
            (
                "Distributed by Tribune Content Agency, LLC.",
                "Tribune Content Agency",
            ),
            (
                "Fares rose by half on Tuesday evening. (NAN)",
                "News Agency of Nigeria",
            ),
            (
                "This story was supplied by Reuters and has not been edited by our staff.",
                "Reuters",
            ),
            (
                "Cet article a été publié automatiquement à partir d'une dépêche de l'Agence France-Presse.",
                "Agence France-Presse",
            ),
        ] {
            let d = declared(&format!("{body}{line}\n"));
            assert_eq!(
                d,
                vec![(DeclKind::Attribution, outlet.to_string())],
                "{line}"
            );
        }
    }

    #[test]
    fn a_wire_closing_a_paragraph_signs_the_story_off_or_credits_a_picture() {
        let story = "The council met on Tuesday and approved the budget for the new bridge over the river, after a debate that ran late into the night.";
        let signed = format!(
            "T\n\n{story}\n\n{story}\n\n{story}\n\nThe bridge will open in May, the mayor said. — AFP\n\nSubscribe to our newsletter\n"
        );
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(&signed, 0);
        let d = lex.declared(&signed, &paras, &tokens(&signed), 1, &[], None);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].kind, d[0].outlet.as_str(), d[0].span.slice(&signed)),
            (DeclKind::Attribution, "Agence France-Presse", Some("— AFP"))
        );
        let caption = format!(
            "T\n\nCommuters wade through a flooded street on Saturday. -- BERNAMA\n\n{story}\n\n{story}\n\n{story}\n"
        );
        assert_eq!(
            declared(&caption),
            vec![(DeclKind::PhotoCredit, "Bernama".to_string())]
        );
        // In parentheses the same: a sign-off closing the story's prose in its second half,
        // though more of the story follows, and a credit closing a caption above it.
        let paren = format!(
            "T\n\n{story}\n\n{story}\n\nThe bridge will open in May, the mayor said. (AFP)\n\n{story}\n"
        );
        assert_eq!(
            declared(&paren),
            vec![(DeclKind::Attribution, "Agence France-Presse".to_string())]
        );
        let paren_caption = format!(
            "T\n\nCommuters wade through a flooded street on Saturday. (AFP)\n\n{story}\n\n{story}\n\n{story}\n"
        );
        assert_eq!(
            declared(&paren_caption),
            vec![(DeclKind::PhotoCredit, "Agence France-Presse".to_string())]
        );
        // A wire named in the sentence, or a dash with no sentence closed before it, is not a
        // sign-off.
        for line in [
            "Prices rose sharply on Monday — AFP reported",
            "The mayor thanked the crews — and Reuters",
        ] {
            let d = declared(&format!("T\n\n{story}\n\n{line}\n"));
            assert!(
                d.iter().all(|(k, _)| *k == DeclKind::Mention),
                "{line}: {d:?}"
            );
        }
    }

    #[test]
    fn source_links_and_aggregators() {
        let t = "T\n\nBody.\n\nhttps://www.newsweek.com/putin-xi-1767033 Putin and Xi\n\nWorld Time Todays is an automatic aggregator of the all world’s media. Contact us by email – admin@worldtimetodays.com.\n";
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(t, 0);
        let d = lex.declared(t, &paras, &tokens(t), 1, &[], None);
        assert_eq!(d[0].kind, DeclKind::SourceLink);
        assert_eq!(d[0].outlet, "Newsweek");
        assert_eq!(d[1].kind, DeclKind::Aggregator);
        assert_eq!(d[1].outlet, "World Time Todays");
        assert_eq!(d[1].detail.as_deref(), Some("admin@worldtimetodays.com"));
        for line in [
            "Source: https://www.newsweek.com/putin-xi-1767033",
            "Источник: https://www.newsweek.com/putin-xi-1767033",
            "Source: newsweek.com",
        ] {
            let d = declared(&format!("T\n\nBody.\n\n{line}\n"));
            assert_eq!(d, vec![(DeclKind::SourceLink, "Newsweek".into())], "{line}");
        }
        // A bracketed name closing a line is its source; a form's button is none.
        let d = declared("T\n\nMarkets slid on Friday. [Bloomberg]\n\n[ Search ]\n");
        assert_eq!(d, vec![(DeclKind::SourceLink, "Bloomberg".into())]);
    }

    #[test]
    fn each_item_of_a_wire_roundup_has_its_dateline() {
        let d = declared(
            "T\n\nCLEVELAND (AP) — Polls closed at 7:30 p.m. across the state on Tuesday.\n\n\
             11:42 p.m.\n\nCOLUMBUS, Ohio (AP) — The statewide measure was passing easily.\n\n\
             Voters in DAYTON (Ohio) said turnout was light, officials said.\n",
        );
        let datelines: Vec<&str> = d
            .iter()
            .filter(|(k, _)| *k == DeclKind::Dateline)
            .map(|(_, o)| o.as_str())
            .collect();
        assert_eq!(datelines, ["Associated Press", "Associated Press"]);
        // An agency's caption of a file picture has no dateline.
        let d = declared(
            "T\n\nFILE - (AP Photo/Carla Mendenhall, File)\n\nWASHINGTON (AP) — Frozen \
             blueberries sold in 14 states were recalled on Tuesday.\n",
        );
        assert!(
            d.iter()
                .any(|(k, o)| *k == DeclKind::Dateline && o == "Associated Press"),
            "{d:?}"
        );
        assert!(
            !d.iter()
                .any(|(k, o)| *k == DeclKind::Dateline && o.is_empty()),
            "{d:?}"
        );
        // The marker is no part of the credit after it.
        assert_eq!(
            declared::file_marker("FILE - (AP Photo/Carla Mendenhall, File)"),
            7
        );
        assert_eq!(
            declared::file_marker("FILE — A letter carrier on Feb. 2."),
            9
        );
        assert_eq!(declared::file_marker("FILES show the council voted."), 0);
        // A local roundup's items, with no wire: their datelines count when two items have
        // them; a score sheet's labelled lines are no items.
        let items = "T\n\nThe week in high school football.\n\nGALION — Kiser ran for 210 yards \
             and three touchdowns as the Tigers beat the Rams.\n\nASHLAND — The Eagles held on \
             late to win their fourth game in a row at home.\n\nGOALS — Brisbane: Mabior 3, \
             Pearce 2. Carlton: Harris 2.\n";
        let d = declared(items);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(
            d.iter()
                .all(|(k, o)| *k == DeclKind::Dateline && o.is_empty())
        );
    }

    #[test]
    fn arabic_wires_datelines() {
        for (line, wire) in [
            (
                "أبوظبي في 14 مارس / وام / أعلنت الوزارة اليوم عن خطة جديدة.",
                "WAM",
            ),
            (
                "الدوحة في 22 مايو /قنا/ اختتم الاجتماع الوزاري أعماله.",
                "Qatar News Agency",
            ),
            (
                "الكويت - 7 - 4 (كونا) -- أعلنت الحكومة اليوم عن الميزانية.",
                "Kuwait News Agency",
            ),
            (
                "رام الله 22-5-2024 وفا- رحبت وزارة الخارجية بالقرار.",
                "WAFA",
            ),
        ] {
            let d = declared(&format!("T\n\n{line}\n"));
            assert_eq!(d, vec![(DeclKind::Dateline, wire.to_string())], "{line}");
        }
        // A place and a date with no wire after them is a sentence.
        let d = declared("T\n\nالدوحة في 22 مايو اختتم الاجتماع الوزاري أعماله.\n");
        assert!(d.iter().all(|(k, _)| *k != DeclKind::Dateline), "{d:?}");
    }

    #[test]
    fn bracketed_datelines_of_japanese_and_korean_wires() {
        for (line, wire) in [
            (
                "【ロンドン時事】英政府は１８日、新たな対策を発表した。",
                "Jiji Press",
            ),
            (
                "【ワシントン共同】米政府は１８日、新たな対策を発表した。",
                "Kyodo News",
            ),
            ("[세종=뉴시스] 정부는 14일 새 대책을 발표했다.", "Newsis"),
        ] {
            let d = declared(&format!("T\n\n{line}\n"));
            assert_eq!(d, vec![(DeclKind::Dateline, wire.to_string())], "{line}");
        }
        // A heading in lenticular brackets names no wire.
        let d = declared("T\n\n【速報】英政府は１８日、新たな対策を発表した。\n");
        assert!(d.iter().all(|(k, _)| *k != DeclKind::Dateline), "{d:?}");
    }

    #[test]
    fn a_source_footer_address_is_a_source_link() {
        let lex = OutletLexicon::builtin();
        let links = |footer: &str| -> Vec<String> {
            let t = format!("T\n\nThe council voted on Tuesday.\n\n{footer}\n");
            let paras = crate::segment::segment(&t, 0);
            let junk: Vec<u32> = (0..paras.len())
                .map(|i| {
                    if i + 1 == paras.len() {
                        crate::classify::junk::sig::SOURCE_FOOTER
                    } else {
                        0
                    }
                })
                .collect();
            lex.declared(&t, &paras, &tokens(&t), 1, &junk, None)
                .into_iter()
                .filter(|d| d.kind == DeclKind::SourceLink)
                .map(|d| d.outlet)
                .collect()
        };
        assert_eq!(links("View original article on newsweek.com"), ["Newsweek"]);
        assert_eq!(
            links("Leggi l'articolo originale su www.example-news.it."),
            ["example-news.it"]
        );
        // A name in capitals is the outlet's name; an e-mail address is a contact.
        assert!(links("This story was originally featured on Fortune.com").is_empty());
        assert!(links("Republished from Example News; write to desk@example.org").is_empty());
    }

    #[test]
    fn running_text_names_are_mentions_with_capitals_unless_pasted() {
        let d = declared(
            "T\n\nPeskov told the Russian Tass news service on Tuesday, according to Reuters.\n",
        );
        assert_eq!(
            d,
            vec![
                (DeclKind::Mention, "TASS".into()),
                (DeclKind::Mention, "Reuters".into())
            ]
        );
        assert!(declared("T\n\nThey climbed the hill and met the pool of reporters.\n").is_empty());
        // A wire after a comma is a byline only after a name: not after a phrase.
        assert_eq!(
            declared("T\n\nIn a statement, Reuters\n"),
            vec![(DeclKind::Mention, "Reuters".into())]
        );
        let d = declared("T\n\nsaid a professor at Oxford University news week.\n");
        assert_eq!(d, vec![(DeclKind::Mention, "Newsweek".into())]);
    }
}
