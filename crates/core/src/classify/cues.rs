//! The cue lexicon: phrases that mark boilerplate and aggregator disclosures.
//!
//! The lexicon is data (`cues.toml`, built in; `cues.path` in the config replaces it), so a
//! user can teach reprint a site's furniture without touching code. Phrases are compiled to word
//! hashes, the same ones the fingerprints use, so matching a paragraph costs a hash lookup for
//! whole-line cues and a scan of its words for prefix and contained cues.

use crate::error::{Error, Result};
use crate::fingerprint::exact_key;
use crate::shingle::{WordHash, hash_words};
use crate::store::{PrehashedHasher, PrehashedMap};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The built-in lexicon.
pub(crate) const BUILTIN: &str = include_str!("cues.toml");

/// What a cue marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueClass {
    /// Site boilerplate.
    Boilerplate,
    /// An aggregator's disclosure.
    Footer,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileEntry {
    name: String,
    #[serde(default)]
    anywhere: bool,
    #[serde(default)]
    line: Vec<String>,
    #[serde(default)]
    prefix: Vec<String>,
    #[serde(default)]
    contains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    boilerplate: Vec<FileEntry>,
    #[serde(default)]
    footer: Vec<FileEntry>,
}

/// One named group of cues.
#[derive(Clone, Debug)]
pub struct CueGroup {
    /// Its name, reported as evidence.
    pub name: String,
    /// What it marks.
    pub class: CueClass,
    /// Whether it applies outside the head and tail runs.
    pub anywhere: bool,
}

/// A matched cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueHit {
    /// Index of the group in [`Lexicon::groups`].
    pub group: u16,
    /// How it matched.
    pub how: Match,
}

/// How a cue matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The whole paragraph is the phrase.
    Line,
    /// The paragraph starts with the phrase.
    Prefix,
    /// The paragraph contains the phrase.
    Contains,
}

/// The compiled lexicon.
#[derive(Clone, Debug)]
pub struct Lexicon {
    /// The groups, in file order.
    pub groups: Vec<CueGroup>,
    /// Exact paragraph key of each whole-line phrase -> group.
    lines: PrehashedMap<u16>,
    /// First word -> phrases starting with it (in file order) with their group, for prefix
    /// matching.
    prefixes: WordMap<Vec<(Vec<u32>, u16)>>,
    /// First word -> phrases starting with it, for contained matching.
    contains: WordMap<Vec<(Vec<u32>, u16)>>,
}

/// A map keyed by 32-bit word hashes. The scan looks up every word of every paragraph near an
/// article's edges (hundreds of millions of lookups on a large corpus): a keyed hash of an
/// already hashed word would be most of the stage's time.
type WordMap<V> = HashMap<u32, V, std::hash::BuildHasherDefault<PrehashedHasher>>;

fn phrase_words(phrase: &str) -> Vec<WordHash> {
    let mut out: Vec<WordHash> = Vec::new();
    hash_words(phrase, &mut String::new(), &mut out);
    out
}

fn long_ids(words: &[WordHash]) -> Vec<u64> {
    words.iter().map(|w| w.hash).collect()
}

fn short_ids(words: &[WordHash]) -> Vec<u32> {
    words
        .iter()
        .map(|w| crate::shingle::short_word(w.hash, w.numeric))
        .collect()
}

impl Lexicon {
    /// The built-in lexicon.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN, "built-in cues.toml").expect("the built-in lexicon parses")
    }

    /// Reads a lexicon file.
    pub fn from_file(path: &Path) -> Result<Lexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Lexicon::parse(&text, &path.display().to_string())
    }

    /// Parses lexicon text; `place` names it in errors.
    pub fn parse(text: &str, place: &str) -> Result<Lexicon> {
        let file: LexiconFile = crate::config::parse_toml(text, place)?;
        let mut lex = Lexicon {
            groups: Vec::new(),
            lines: PrehashedMap::default(),
            prefixes: WordMap::default(),
            contains: WordMap::default(),
        };
        let entries = file
            .boilerplate
            .into_iter()
            .map(|e| (e, CueClass::Boilerplate))
            .chain(file.footer.into_iter().map(|e| (e, CueClass::Footer)));
        for (entry, class) in entries {
            let g = lex.groups.len() as u16;
            lex.groups.push(CueGroup {
                name: entry.name.clone(),
                class,
                anywhere: entry.anywhere,
            });
            for p in &entry.line {
                let w = long_ids(&phrase_words(p));
                if !w.is_empty() {
                    lex.lines.entry(exact_key(&w)).or_insert(g);
                }
            }
            for p in &entry.prefix {
                let w = short_ids(&phrase_words(p));
                if !w.is_empty() {
                    lex.prefixes.entry(w[0]).or_default().push((w, g));
                }
            }
            for p in &entry.contains {
                let w = short_ids(&phrase_words(p));
                if let Some(&first) = w.first() {
                    lex.contains.entry(first).or_default().push((w, g));
                }
            }
        }
        if lex.groups.len() > u16::MAX as usize {
            return Err(Error::config(place, "too many cue groups"));
        }
        Ok(lex)
    }

    /// The whole-line cue whose phrase has this exact paragraph key.
    pub fn line_cue(&self, exact: u64) -> Option<CueHit> {
        self.lines.get(&exact).map(|&group| CueHit {
            group,
            how: Match::Line,
        })
    }

    /// A prefix or contained cue in a paragraph's words (short hashes).
    pub fn scan(&self, words: &[u32]) -> Option<CueHit> {
        let starting = words.first().and_then(|w| self.prefixes.get(w));
        for (p, g) in starting.into_iter().flatten() {
            if words.starts_with(p) {
                return Some(CueHit {
                    group: *g,
                    how: Match::Prefix,
                });
            }
        }
        for (i, w) in words.iter().enumerate() {
            if let Some(cands) = self.contains.get(w) {
                for (p, g) in cands {
                    if words[i..].starts_with(p) {
                        return Some(CueHit {
                            group: *g,
                            how: Match::Contains,
                        });
                    }
                }
            }
        }
        None
    }

    /// The group of a hit.
    pub fn group(&self, hit: CueHit) -> &CueGroup {
        &self.groups[hit.group as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> (u64, Vec<u32>) {
        let w = phrase_words(t);
        (exact_key(&long_ids(&w)), short_ids(&w))
    }

    #[test]
    fn builtin_lexicon_catches_the_seeds_prompts() {
        let lex = Lexicon::builtin();
        let (k, _) = words("Leave a Comment");
        assert_eq!(lex.group(lex.line_cue(k).unwrap()).name, "comment_prompt");
        let (k, _) = words("Back to top button");
        assert!(lex.group(lex.line_cue(k).unwrap()).anywhere);
        let (_, w) = words("Please let us know if you're having issues with commenting.");
        assert_eq!(lex.group(lex.scan(&w).unwrap()).name, "comment_prompt");
        let (_, w) = words(
            "As you comment, please be respectful of other commenters and other viewpoints. \
             Our goal with article comments is a civil conversation.",
        );
        assert_eq!(lex.group(lex.scan(&w).unwrap()).name, "comment_prompt");
        let (_, w) =
            words("World Time Todays is an automatic aggregator of the all world’s media.");
        assert_eq!(lex.group(lex.scan(&w).unwrap()).class, CueClass::Footer);
    }

    #[test]
    fn prose_does_not_match() {
        let lex = Lexicon::builtin();
        let (k, w) =
            words("Kremlin spokesman Dmitry Peskov told the Russian Tass news service on Tuesday.");
        assert!(lex.line_cue(k).is_none());
        assert!(lex.scan(&w).is_none());
        let (_, w) = words("Following the summit, both leaders spoke.");
        assert!(lex.scan(&w).is_none());
    }

    #[test]
    fn bad_lexicons_are_refused_with_a_line() {
        let e =
            Lexicon::parse("[[boilerplate]]\nname = \"x\"\nlines = []\n", "my.toml").unwrap_err();
        assert!(e.to_string().starts_with("my.toml:3"), "{e}");
    }
}
