//! The junk rules' cue phrases (`junk_cues.toml`), compiled into one automaton.
//!
//! Every rule's phrases go into one Aho-Corasick automaton over the line's normalized words
//! (see [`super::shape::Line::norm`]), so a line is scanned once for all rules; whole-line
//! phrases are a hash lookup. A hit only says which rule's wording the line uses and how
//! (whole line, at its start, inside it); each rule decides what else it needs.

use super::shape::unspaced_script;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use serde::Deserialize;
use std::collections::HashMap;

/// Longest normalized line, in bytes, looked up as a counter phrase (a dozen short words).
const NUMBERED_BYTES: usize = 120;

/// Bytes at the start of a long line looked at for prefix phrases.
const PREFIX_BYTES: usize = 96;

/// The built-in cue file.
pub(crate) const BUILTIN: &str = include_str!("junk_cues.toml");

/// The rules that have cue phrases, in the order of their bits in [`CueHits`].
pub(crate) const RULES: [&str; 10] = [
    "ad_slot",
    "widget",
    "page_meta",
    "promo",
    "byline",
    "photo_credit",
    "source_footer",
    "related_links",
    "menu",
    "stamp",
];

/// Index of a rule in [`RULES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Rule {
    /// Ad-slot labels.
    AdSlot = 0,
    /// Share, gallery and player widgets.
    Widget,
    /// Page metadata and notices.
    PageMeta,
    /// Newsletter, app, social and subscription promos.
    Promo,
    /// Bios and reporting credits.
    Byline,
    /// Bare photo credits.
    PhotoCredit,
    /// Footers naming another outlet as the source.
    SourceFooter,
    /// Related-links and read-more cues.
    RelatedLinks,
    /// Navigation menu items.
    Menu,
    /// Words that open a page's publication or update stamp.
    Stamp,
}

/// How the phrases of each rule matched one line: one bit per rule in each field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct CueHits {
    /// The whole line is a phrase.
    pub line: u16,
    /// The line starts with a phrase (and has more words after it).
    pub prefix: u16,
    /// A phrase is inside the line.
    pub contains: u16,
    /// A prefix phrase is inside the line, past its start (looked for when contained phrases
    /// are): a call to action after a lead-in sentence.
    pub later: u16,
    /// The line holds a figure and, its figures dropped, is a counter phrase ("5 min read",
    /// "Advertisement 2"); looked for on lines of at most [`NUMBERED_BYTES`].
    pub numbered: u16,
}

impl CueHits {
    /// Whether `rule` matched as a whole line.
    pub(crate) fn line(&self, rule: Rule) -> bool {
        self.line & (1 << rule as u8) != 0
    }
    /// Whether `rule` matched at the line's start (not as the whole line).
    pub(crate) fn prefix(&self, rule: Rule) -> bool {
        self.prefix & (1 << rule as u8) != 0
    }
    /// Whether `rule` matched anywhere in the line, the start included.
    pub(crate) fn contains(&self, rule: Rule) -> bool {
        (self.contains | self.prefix) & (1 << rule as u8) != 0
    }
    /// Whether the line is a counter phrase of `rule` once its figures are dropped.
    pub(crate) fn numbered(&self, rule: Rule) -> bool {
        self.numbered & (1 << rule as u8) != 0
    }

    /// Whether a prefix phrase of `rule` matched past the line's start.
    pub(crate) fn later(&self, rule: Rule) -> bool {
        self.later & (1 << rule as u8) != 0
    }

    /// Whether a contained phrase of `rule` matched (its prefix phrases not counted).
    pub(crate) fn inside(&self, rule: Rule) -> bool {
        self.contains & (1 << rule as u8) != 0
    }
    /// Whether `rule` matched in any way.
    #[cfg(test)]
    pub(crate) fn any(&self, rule: Rule) -> bool {
        (self.line | self.prefix | self.contains) & (1 << rule as u8) != 0
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileRule {
    name: String,
    #[serde(default)]
    line: Vec<String>,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    numbered: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    rule: Vec<FileRule>,
}

/// The compiled cue phrases.
#[derive(Clone, Debug)]
pub(crate) struct JunkLexicon {
    /// Whole-line phrase (padded with spaces) -> rule bits.
    lines: HashMap<String, u16>,
    /// The longest key of `lines`, in bytes: a longer line is no whole-line phrase.
    longest_line: usize,
    /// Whole-line phrase once its figures are dropped (padded with spaces) -> rule bits.
    numbered: HashMap<String, u16>,
    /// Prefix phrase (padded with spaces) -> rule bits.
    prefixes: HashMap<String, u16>,
    /// Whole-line phrases of one word (unpadded) -> rule bits.
    words: HashMap<String, u16>,
    /// Prefix and contained phrases.
    automaton: AhoCorasick,
    /// Per automaton pattern: rule bit, and whether it is a prefix phrase.
    patterns: Vec<(u16, bool)>,
    /// The phrases written in ASCII alone, for lines in ASCII: the phrases of other scripts
    /// widen every state of the full automaton's table (one column per class of bytes), and
    /// most lines of most corpora could not hold them.
    ascii_automaton: AhoCorasick,
    /// Per pattern of [`Self::ascii_automaton`]: as [`Self::patterns`].
    ascii_patterns: Vec<(u16, bool)>,
}

fn normalize(phrase: &str) -> String {
    let words: Vec<String> = phrase
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || crate::normalize::joins_word(c)))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    format!(" {} ", words.join(" "))
}

/// A contained phrase whose ends are Chinese or Japanese letters loses the space at those
/// ends: written without spaces, a line's "word" in those scripts is a whole run of letters
/// ("该文观点仅代表作者本人"), and the phrase is found inside it. (Thai and the other scripts
/// without spaces between words set one between phrases, so their cues keep theirs.)
fn unspaced_inside(padded: String) -> String {
    let cjk = |c: char| c >= '\u{3000}' && unspaced_script(c);
    let phrase = padded.trim();
    let mut chars = phrase.chars();
    let (first, last) = (chars.next(), chars.next_back());
    if !(first.is_some_and(cjk) || last.is_some_and(cjk)) {
        return padded;
    }
    let mut out = String::with_capacity(padded.len());
    if !first.is_some_and(cjk) {
        out.push(' ');
    }
    out.push_str(phrase);
    if !last.is_some_and(cjk) {
        out.push(' ');
    }
    out
}

/// Fewest bytes of a button's label inside a word of joined labels
/// ([`JunkLexicon::is_fused_line_words`]): "email", "share"; shorter words ("x", "sms") would
/// split ordinary words.
const FUSED_PART_BYTES: usize = 4;

/// Most bytes of a word of joined labels tried ([`JunkLexicon::is_fused_line_words`]).
const FUSED_WORD_BYTES: usize = 64;

impl JunkLexicon {
    /// The built-in phrases.
    pub(crate) fn builtin() -> JunkLexicon {
        JunkLexicon::parse(BUILTIN).expect("the built-in junk cues parse")
    }

    /// Parses a cue file.
    pub(crate) fn parse(text: &str) -> Result<JunkLexicon, String> {
        let file: File = crate::config::parse_toml(text, "junk cues").map_err(|e| e.to_string())?;
        let mut lines: HashMap<String, u16> = HashMap::new();
        let mut prefixes: HashMap<String, u16> = HashMap::new();
        let mut numbered: HashMap<String, u16> = HashMap::new();
        let mut phrases: Vec<String> = Vec::new();
        let mut patterns: Vec<(u16, bool)> = Vec::new();
        for r in file.rule {
            let i = RULES
                .iter()
                .position(|&n| n == r.name)
                .ok_or_else(|| format!("unknown junk rule {:?}", r.name))?;
            let bit = 1u16 << i;
            for p in &r.line {
                *lines.entry(normalize(p)).or_default() |= bit;
            }
            for p in &r.numbered {
                *numbered.entry(normalize(p)).or_default() |= bit;
            }
            for (list, prefix) in [(&r.prefix, true), (&r.contains, false)] {
                for p in list {
                    let n = normalize(p);
                    if n.trim().is_empty() {
                        continue;
                    }
                    if prefix {
                        *prefixes.entry(n.clone()).or_default() |= bit;
                    }
                    let n = if prefix { n } else { unspaced_inside(n) };
                    phrases.push(n);
                    patterns.push((bit, prefix));
                }
            }
        }
        // A DFA: every line of every article is scanned, so search speed is worth its few MB.
        // No prefilter: nearly every phrase starts with the space before its first word, and
        // a search for the next space stops at every word.
        fn build<P: AsRef<[u8]>>(phrases: &[P]) -> Result<AhoCorasick, String> {
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::DFA))
                .prefilter(false)
                .build(phrases)
                .map_err(|e| e.to_string())
        }
        let automaton = build(&phrases)?;
        let (ascii_phrases, ascii_patterns): (Vec<&String>, Vec<(u16, bool)>) = phrases
            .iter()
            .zip(&patterns)
            .filter(|(p, _)| p.is_ascii())
            .unzip();
        let ascii_automaton = build(&ascii_phrases)?;
        let words = lines
            .iter()
            .filter(|(p, _)| !p.trim().contains(' '))
            .map(|(p, &b)| (p.trim().to_string(), b))
            .collect();
        Ok(JunkLexicon {
            longest_line: lines.keys().map(String::len).max().unwrap_or(0),
            lines,
            numbered,
            prefixes,
            words,
            automaton,
            patterns,
            ascii_automaton,
            ascii_patterns,
        })
    }

    /// Whether one word, alone, is a whole-line phrase of `rule` ("facebook" for widgets).
    pub(crate) fn is_line_word(&self, rule: Rule, word: &str) -> bool {
        self.words
            .get(word)
            .is_some_and(|b| b & (1 << rule as u8) != 0)
    }

    /// Whether `word` is whole-line words of `rule` written together, as extractors join the
    /// labels of a row of buttons ("facebooktwitterwhatsappemail"): a split of it into such
    /// words, each of at least [`FUSED_PART_BYTES`] bytes, found by trying every end of each
    /// part. Words longer than [`FUSED_WORD_BYTES`] are not tried.
    pub(crate) fn is_fused_line_words(&self, rule: Rule, word: &str) -> bool {
        let n = word.len();
        if !(2 * FUSED_PART_BYTES..=FUSED_WORD_BYTES).contains(&n) {
            return false;
        }
        // `split[i]`: `word[..i]` splits into such words.
        let mut split = [false; FUSED_WORD_BYTES + 1];
        split[0] = true;
        for end in FUSED_PART_BYTES..=n {
            split[end] = word.is_char_boundary(end)
                && (0..=end - FUSED_PART_BYTES).any(|start| {
                    split[start]
                        && word.is_char_boundary(start)
                        && self.is_line_word(rule, &word[start..end])
                });
        }
        split[n]
    }

    /// Whether `words` (a line's normalized words) are whole-line phrases of `rule` and nothing
    /// else, each of one to three words: "dpa afp", "ap reuters" for the wires.
    pub(crate) fn only_line_phrases(&self, rule: Rule, words: &[&str]) -> bool {
        let bit = 1u16 << rule as u8;
        // Every short line is asked: one key buffer serves all the lookups.
        let mut key = String::with_capacity(64);
        let mut is_phrase = |w: &[&str]| {
            key.clear();
            key.push(' ');
            for x in w {
                key.push_str(x);
                key.push(' ');
            }
            self.lines.get(&key).is_some_and(|b| b & bit != 0)
        };
        let mut i = 0;
        while i < words.len() {
            match (1..=3.min(words.len() - i))
                .rev()
                .find(|&n| is_phrase(&words[i..i + n]))
            {
                Some(n) => i += n,
                None => return false,
            }
        }
        !words.is_empty()
    }

    /// Whether a normalized line holds a figure and, once its figures are dropped, is a
    /// `numbered` phrase of `rule` ("5 min read", "Seite 1 von 3").
    pub(crate) fn is_numbered_phrase(&self, rule: Rule, norm: &str) -> bool {
        self.numbered_bits(norm) & (1 << rule as u8) != 0
    }

    /// The rules whose `numbered` phrase a normalized line is once its figures are dropped;
    /// 0 when it holds no figure.
    fn numbered_bits(&self, norm: &str) -> u16 {
        let mut figures = 0;
        let mut key = String::with_capacity(norm.len());
        key.push(' ');
        for w in norm.split(' ').filter(|w| !w.is_empty()) {
            // An age counts as a figure: "32m ago" is the phrase "ago".
            if w.bytes().all(|b| b.is_ascii_digit()) || crate::normalize::is_age(w) {
                figures += 1;
            } else {
                key.push_str(w);
                key.push(' ');
            }
        }
        if figures == 0 {
            return 0;
        }
        if key.len() == 1 {
            key.push(' ');
        }
        self.numbered.get(&key).copied().unwrap_or(0)
    }

    /// Whether `words` are one prefix phrase of `rule` ("quelle", "con información de").
    pub(crate) fn is_prefix_phrase(&self, rule: Rule, words: &[&str]) -> bool {
        self.prefixes
            .get(&format!(" {} ", words.join(" ")))
            .is_some_and(|b| b & (1 << rule as u8) != 0)
    }

    /// Whether a normalized line (`norm` as [`super::shape::Line`] builds it) is a prefix
    /// phrase of `rule` and nothing more ("seguir leyendo"): [`JunkLexicon::hits`] counts a
    /// prefix only when words follow it.
    pub(crate) fn is_prefix_line(&self, rule: Rule, norm: &str) -> bool {
        self.prefixes
            .get(norm)
            .is_some_and(|b| b & (1 << rule as u8) != 0)
    }

    /// The rules whose phrases match a normalized line (`norm` as [`super::shape::Line`]
    /// builds it); contained phrases are looked for only when `scan` is set.
    pub(crate) fn hits(&self, norm: &str, scan: bool) -> CueHits {
        let whole = if norm.len() <= self.longest_line {
            self.lines.get(norm).copied().unwrap_or(0)
        } else {
            0
        };
        let mut h = CueHits {
            line: whole,
            ..CueHits::default()
        };
        if norm.len() <= NUMBERED_BYTES && norm.bytes().any(|b| b.is_ascii_digit()) {
            h.numbered = self.numbered_bits(norm);
        }
        if !scan && h.line != 0 {
            return h;
        }
        // Without the contained phrases only the start matters: prefix phrases are short.
        let mut end = if scan {
            norm.len()
        } else {
            norm.len().min(PREFIX_BYTES)
        };
        while !norm.is_char_boundary(end) {
            end -= 1;
        }
        let (automaton, patterns) = if norm.is_ascii() {
            (&self.ascii_automaton, &self.ascii_patterns)
        } else {
            (&self.automaton, &self.patterns)
        };
        for m in automaton.find_overlapping_iter(&norm[..end]) {
            let (bit, prefix) = patterns[m.pattern().as_usize()];
            if prefix {
                if m.start() == 0 && m.end() < norm.len() {
                    h.prefix |= bit;
                } else if scan && m.start() > 0 {
                    h.later |= bit;
                }
            } else if scan {
                h.contains |= bit;
            }
        }
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joined_button_labels_split_into_widget_words() {
        let lex = JunkLexicon::builtin();
        for w in [
            "facebooktwitter",
            "facebooktwitterwhatsappemail",
            "shareprintemail",
        ] {
            assert!(lex.is_fused_line_words(Rule::Widget, w), "{w}");
        }
        for w in [
            "printable",
            "sharepoint",
            "emailing",
            "faceboo",
            "facebookish",
        ] {
            assert!(!lex.is_fused_line_words(Rule::Widget, w), "{w}");
        }
    }

    #[test]
    fn phrases_match_on_word_boundaries() {
        let lex = JunkLexicon::builtin();
        assert!(lex.hits(" advertisement ", true).line(Rule::AdSlot));
        assert!(lex.hits(" anzeige ", true).line(Rule::AdSlot));
        let h = lex.hits(" reporting by will dunham editing by tom brown ", true);
        assert!(h.prefix(Rule::Byline));
        // "photo" as a prefix needs more words after it, and "photon" is not "photo".
        assert!(
            !lex.hits(" photon counts rose ", true)
                .any(Rule::PhotoCredit)
        );
        assert!(lex.hits(" photo ifixit ", true).prefix(Rule::PhotoCredit));
        assert!(
            !lex.hits(" the senate voted on tuesday ", true)
                .any(Rule::Promo)
        );
    }
}
