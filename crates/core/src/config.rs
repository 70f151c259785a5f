//! The resolved configuration: every threshold and parameter, with its default, in one place.
//!
//! A [`Config`] is built once (defaults, then a `reprint.toml`, then command-line flags) and
//! passed down by reference; no stage carries a default of its own. Unknown keys in a config file
//! are refused with the file and line, so that a typo never silently keeps a default.

use crate::error::{Error, Result};
pub use crate::keys::KeyBits;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The name of the config file looked up from the working folder upward.
pub const CONFIG_FILE: &str = "reprint.toml";

/// Everything the pipeline needs to know, resolved.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// How fingerprints are computed (changing these changes stored fingerprints).
    pub fingerprint: FingerprintConfig,
    /// When a candidate pair is a near-duplicate.
    pub verify: VerifyConfig,
    /// When repeated text is boilerplate.
    pub boilerplate: BoilerplateConfig,
    /// When an article is a copy of another.
    pub syndication: SyndicationConfig,
    /// Shared word runs below paragraph level.
    pub spans: SpanConfig,
    /// Aligned passages: reused wording with edits.
    pub align: AlignConfig,
    /// The cue lexicon.
    pub cues: CueConfig,
    /// The outlet list used for declared provenance.
    pub provenance: ProvenanceConfig,
    /// How input records are read.
    pub input: InputConfig,
    /// CI policy for `reprint check`.
    pub policy: PolicyConfig,
}

/// Fingerprint parameters. An index records them and refuses to mix fingerprints made with
/// other values.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FingerprintConfig {
    /// Words per shingle. Default `3`: short enough that a changed word spoils few shingles,
    /// long enough that unrelated paragraphs share almost none.
    pub shingle: usize,
    /// LSH bands of the MinHash signature. Default `25`.
    pub bands: usize,
    /// MinHash values per band. Default `4`: with 25 bands a pair at shingle Jaccard 0.55
    /// becomes a candidate 90% of the time, one at 0.05 almost never.
    pub rows: usize,
    /// Paragraphs with fewer words than this are matched on their exact normalized text
    /// (numbers masked) instead of by MinHash. Default `6`.
    pub min_words: usize,
    /// Width of LSH band keys and span fingerprints, `32` or `64`. Default `32`: two unrelated
    /// 32-bit keys are equal one time in 4.3 billion, and the candidate pairs that makes are
    /// verified and dropped, never reported. Up to a gigabyte that costs less than 64-bit keys
    /// do (16% more peak memory there, `benches/README.md`); at a terabyte, ~1.2e10 band-key
    /// collisions and 5.6e10 span pairs to verify make `64` the better choice.
    pub key_bits: KeyBits,
}

impl Default for FingerprintConfig {
    fn default() -> Self {
        FingerprintConfig {
            shingle: 3,
            bands: 25,
            rows: 4,
            min_words: 6,
            key_bits: KeyBits::B32,
        }
    }
}

/// Verification thresholds for candidate pairs.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerifyConfig {
    /// Word-level edit similarity (1 - Levenshtein distance over words / longer length) at or
    /// above which a pair is a near-duplicate. Default `0.75`: a light edit of a few words in
    /// a paragraph of thirty keeps 0.85 or more; unrelated text scores near 0.1; sentences of
    /// one story that differ in a clause score 0.5 to 0.7.
    pub edit_similarity: f64,
    /// Shingle Jaccard at or above which a pair is accepted without computing the edit
    /// similarity. Default `0.75`.
    pub jaccard: f64,
    /// Shingle Jaccard below which a pair is rejected without computing the edit similarity.
    /// Default `0.2`.
    pub min_jaccard: f64,
    /// Longest paragraph, in words, for which the edit similarity is computed; longer pairs
    /// are decided on Jaccard alone and the cap is reported. Default `2000`.
    pub max_edit_words: usize,
    /// Largest LSH bucket whose members are all paired with each other; bigger buckets are
    /// linked as a chain and a star, so one common bucket never costs quadratic time.
    /// Default `24`.
    pub max_bucket_pairs: usize,
}

impl Default for VerifyConfig {
    fn default() -> Self {
        VerifyConfig {
            edit_similarity: 0.75,
            jaccard: 0.75,
            min_jaccard: 0.2,
            max_edit_words: 2000,
            max_bucket_pairs: 24,
        }
    }
}

/// Boilerplate rules.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BoilerplateConfig {
    /// A paragraph repeated in at least this many distinct stories (articles that are not
    /// copies of each other) can be boilerplate. Default `3`.
    pub min_articles: usize,
    /// Share of a repeated paragraph's occurrences that must sit at an article's head or
    /// tail. Default `0.75`: boilerplate sits at edges; a wire paragraph reused in bodies
    /// does not.
    pub edge_share: f64,
    /// Share of an article's words above which repeated paragraphs are the article itself
    /// (a duplicate), not boilerplate around it. Default `0.5`.
    pub max_article_share: f64,
    /// Paragraphs longer than this many words are never matched by a partial boilerplate cue
    /// (a cue that is only part of the paragraph). Default `60`.
    pub max_cue_words: usize,
    /// The same limit for aggregator disclosures, which run longer. Default `150`.
    pub max_footer_words: usize,
    /// A line of at most this many words repeated at the edges of twice `min_articles`
    /// stories across outlets is generic furniture ("Listen to this article") even when no
    /// single outlet prints it `min_articles` times. Default `12`.
    pub max_generic_words: u32,
}

impl Default for BoilerplateConfig {
    fn default() -> Self {
        BoilerplateConfig {
            min_articles: 3,
            edge_share: 0.75,
            max_article_share: 0.5,
            max_cue_words: 60,
            max_footer_words: 150,
            max_generic_words: 12,
        }
    }
}

/// Whole-article copy rules.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SyndicationConfig {
    /// Share of an article's words in paragraphs shared with one other article at or above
    /// which it is that article's copy. Default `0.6`.
    pub share: f64,
    /// Paragraph clusters spread over more articles than this do not count towards
    /// article-to-article shares (they are wire text or boilerplate). Default `16`.
    pub max_cluster_articles: usize,
}

impl Default for SyndicationConfig {
    fn default() -> Self {
        SyndicationConfig {
            share: 0.6,
            max_cluster_articles: 16,
        }
    }
}

/// Shared word runs (reused quotes, captions, lifted sentences).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpanConfig {
    /// Shortest shared run, in words, when the run is a quotation (in quotation marks) in at
    /// least one of the articles. Default `8`.
    pub min_words: usize,
    /// Shortest shared run, in words, that is not a quotation: a lifted sentence rather than
    /// a stock phrase ("the Australian Formula One Grand Prix in Melbourne"). Default `20`.
    pub min_unquoted_words: usize,
    /// Least words of a run that are not function words ("the", "of", ...): a run of stock
    /// phrasing around a name is not reuse. Default `6` (half that in a `>`-quoted reply).
    pub min_content_words: usize,
    /// A run of `min_words` words found in more articles than this is a common phrase, not
    /// reuse. Default `16`.
    pub max_articles: usize,
}

impl Default for SpanConfig {
    fn default() -> Self {
        SpanConfig {
            min_words: 8,
            min_unquoted_words: 20,
            min_content_words: 6,
            max_articles: 16,
        }
    }
}

/// Aligned passages (reused wording with edits). Candidate pairs share rare word n-grams (the
/// common-phrase limit is `spans.max_articles`); a passage needs `spans.min_content_words`
/// words that are not function words.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlignConfig {
    /// Whether passages are aligned at all. Default `true`.
    pub enabled: bool,
    /// Least words of a passage in each article. Default `15`: a long sentence.
    pub min_words: usize,
    /// Least alignment similarity (`2 × matched words / words of both sides`). Default `0.75`:
    /// a word in ten changed scores about 0.9, two unrelated sentences on one event rarely
    /// align over 15 words at all.
    pub similarity: f32,
    /// A passage shorter than this in either article must be nearly its whole paragraph on
    /// both sides (see `max_rest_words`), unless both paragraphs are long (see
    /// `long_paragraph_words`). Default `25`: between two sentences, a clause of 15 shared
    /// words and a different rest is as often two reports stating different facts in the
    /// same frame as lifted wording.
    pub long_words: usize,
    /// "Nearly whole": at most this many words of each paragraph outside the passage.
    /// Default `5`.
    pub max_rest_words: usize,
    /// Paragraphs of at least this many words on both sides hold several sentences, and a
    /// passage of `min_words` inside them stands alone: a sentence lifted among others.
    /// Default `50`.
    pub long_paragraph_words: usize,
    /// Seed shared by two texts that opens candidate pairs: at least this many distinct rare
    /// n-grams. Default `2`.
    pub min_seeds: usize,
    /// Work allowed per text pair, in cells of the alignment's score table (about a
    /// nanosecond each); a pair needing more is aligned in part, and counted. Default
    /// `4_000_000`: two paragraphs of 20,000 words.
    pub max_cells: usize,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            enabled: true,
            min_words: 15,
            similarity: 0.75,
            long_words: 25,
            max_rest_words: 5,
            long_paragraph_words: 50,
            min_seeds: 2,
            max_cells: 4_000_000,
        }
    }
}

/// The cue lexicon.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CueConfig {
    /// A lexicon file used instead of the built-in one (same format as `src/classify/cues.toml`).
    pub path: Option<PathBuf>,
}

/// Declared provenance.
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProvenanceConfig {
    /// An outlet list used instead of the built-in one (same format as
    /// `src/provenance/outlets.toml`).
    pub outlets: Option<PathBuf>,
}

/// Field names of JSONL records; `None` means "try the usual aliases".
#[derive(Clone, Debug, PartialEq, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct InputConfig {
    /// The text field (default aliases: text, maintext, content, body).
    pub text_field: Option<String>,
    /// The id field (default: id).
    pub id_field: Option<String>,
    /// The outlet field (default aliases: source, outlet, domain, source_domain,
    /// source-hostname, hostname, series).
    pub source_field: Option<String>,
    /// The date field (default aliases: date, date_publish, published, created).
    pub date_field: Option<String>,
    /// Decode invalid UTF-8 with replacement characters instead of skipping the file.
    pub lossy: bool,
}

/// CI policy of `reprint check`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PolicyConfig {
    /// Kinds that fail the check. Default `reused_wording`, `syndicated_article`.
    pub fail_on: Vec<String>,
    /// Share of the drop's words in findings above which the check fails. Default: none.
    pub max_reuse: Option<f64>,
}

impl Default for PolicyConfig {
    fn default() -> Self {
        PolicyConfig {
            fail_on: vec!["reused_wording".into(), "syndicated_article".into()],
            max_reuse: None,
        }
    }
}

/// Parses a TOML data file (the config, the cue lexicon, the outlet list); `place` names it in
/// errors, with the line of the problem when TOML tells it.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, place: &str) -> Result<T> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        Error::config(
            line.map_or(place.to_string(), |l| format!("{place}:{l}")),
            e.message().trim().to_string(),
        )
    })
}

impl Config {
    /// Parses a config file's text; `place` names it in errors.
    pub fn from_toml(text: &str, place: &str) -> Result<Config> {
        let config: Config = parse_toml(text, place)?;
        config.validate(place)?;
        Ok(config)
    }

    /// Reads a config file.
    pub fn from_file(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Config::from_toml(&text, &path.display().to_string())
    }

    /// Finds `reprint.toml` in `start` or the nearest folder above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let mut dir = Some(start);
        while let Some(d) = dir {
            let candidate = d.join(CONFIG_FILE);
            if candidate.is_file() {
                return Some(candidate);
            }
            dir = d.parent();
        }
        None
    }

    /// Checks that every value is in range; `place` names the source in errors.
    pub fn validate(&self, place: &str) -> Result<()> {
        let f = &self.fingerprint;
        let bad = |what: &str| Err(Error::config(place, what.to_string()));
        if !(1..=16).contains(&f.shingle) {
            return bad("fingerprint.shingle must be between 1 and 16");
        }
        if f.bands == 0 || f.rows == 0 || f.bands * f.rows > 512 {
            return bad("fingerprint.bands and rows must be positive, with bands * rows <= 512");
        }
        let unit = |x: f64| (0.0..=1.0).contains(&x);
        let v = &self.verify;
        if !unit(v.edit_similarity) || !unit(v.jaccard) || !unit(v.min_jaccard) {
            return bad("verify thresholds must lie between 0 and 1");
        }
        if v.max_bucket_pairs < 2 {
            return bad("verify.max_bucket_pairs must be at least 2");
        }
        let b = &self.boilerplate;
        if !unit(b.edge_share) || !unit(b.max_article_share) || b.min_articles < 2 {
            return bad(
                "boilerplate.edge_share and max_article_share must lie between 0 and 1, min_articles >= 2",
            );
        }
        if !unit(self.syndication.share) || self.syndication.max_cluster_articles < 2 {
            return bad("syndication.share must lie between 0 and 1, max_cluster_articles >= 2");
        }
        if self.spans.min_words < 3 || self.spans.max_articles < 2 {
            return bad("spans.min_words must be at least 3 and spans.max_articles at least 2");
        }
        let al = &self.align;
        if !unit(al.similarity as f64) || al.min_words < 2 || al.min_seeds < 1 {
            return bad(
                "align.similarity must lie between 0 and 1, align.min_words >= 2, align.min_seeds >= 1",
            );
        }
        for k in &self.policy.fail_on {
            if crate::model::FindingKind::parse(k).is_none() {
                return Err(Error::config(
                    place,
                    format!("unknown finding kind `{k}` in policy.fail_on"),
                ));
            }
        }
        if let Some(r) = self.policy.max_reuse
            && !unit(r)
        {
            return bad("policy.max_reuse must lie between 0 and 1");
        }
        Ok(())
    }

    /// The parameters that change stored fingerprints, as `(name, value)` pairs; an index
    /// records them and refuses a config that differs.
    pub fn fingerprint_params(&self) -> Vec<(&'static str, String)> {
        let f = &self.fingerprint;
        vec![
            ("tokenizer", crate::normalize::TOKENIZER_VERSION.to_string()),
            (
                "normalization",
                crate::normalize::NORMALIZATION_VERSION.to_string(),
            ),
            (
                "word_hash",
                format!("xxh3_64 seed {:#x}", crate::shingle::WORD_SEED),
            ),
            ("shingle_hash", crate::shingle::SHINGLE_HASH.to_string()),
            ("shingle", f.shingle.to_string()),
            ("minhash", crate::fingerprint::MINHASH_SCHEME.to_string()),
            ("bands", f.bands.to_string()),
            ("rows", f.rows.to_string()),
            ("min_words", f.min_words.to_string()),
            ("key_bits", f.key_bits.to_string()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        Config::default().validate("defaults").unwrap();
    }

    #[test]
    fn partial_files_keep_other_defaults() {
        let c = Config::from_toml("[verify]\nedit_similarity = 0.9\n", "t.toml").unwrap();
        assert_eq!(c.verify.edit_similarity, 0.9);
        assert_eq!(c.verify.jaccard, VerifyConfig::default().jaccard);
        assert_eq!(c.fingerprint, FingerprintConfig::default());
    }

    #[test]
    fn unknown_keys_are_refused_with_their_line() {
        let e = Config::from_toml(
            "[verify]\nedit_similarity = 0.9\nedit_simlarity = 1\n",
            "t.toml",
        )
        .unwrap_err();
        let msg = e.to_string();
        assert!(msg.starts_with("t.toml:3:"), "{msg}");
        assert!(msg.contains("edit_simlarity"), "{msg}");
    }

    #[test]
    fn key_bits_are_32_or_64() {
        let c = Config::from_toml("[fingerprint]\nkey_bits = 64\n", "t.toml").unwrap();
        assert_eq!(c.fingerprint.key_bits, KeyBits::B64);
        let c = Config::from_toml("[fingerprint]\nkey_bits = 32\n", "t.toml").unwrap();
        assert_eq!(c.fingerprint, FingerprintConfig::default());
        for bad in ["48", "0", "-32", "128"] {
            let msg = Config::from_toml(&format!("[fingerprint]\nkey_bits = {bad}\n"), "t.toml")
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with("t.toml:2:"), "{msg}");
            assert!(
                msg.contains(&format!("fingerprint.key_bits must be 32 or 64, not {bad}")),
                "{msg}"
            );
        }
        let msg = Config::from_toml("[fingerprint]\nkey_bits = \"64\"\n", "t.toml")
            .unwrap_err()
            .to_string();
        assert!(msg.starts_with("t.toml:2:"), "{msg}");
    }

    #[test]
    fn out_of_range_values_are_refused() {
        assert!(Config::from_toml("[verify]\nedit_similarity = 1.5\n", "t").is_err());
        assert!(Config::from_toml("[policy]\nfail_on = [\"bogus\"]\n", "t").is_err());
    }
}
