//! A finding's `evidence`: the rule that fired and its figures.

use super::round4;
use reprint_core::model::Evidence;
use serde::Serialize;

/// A finding's `evidence`: the rule that fired (`rule`) and its figures, keys in alphabetical
/// order; ratios rounded.
#[derive(Serialize)]
#[serde(untagged)]
pub enum EvidenceJson<'a> {
    /// `cue`.
    Cue {
        /// The cue's name in the lexicon.
        cue: &'a str,
        /// `head`, `tail` or `body`.
        position: &'static str,
        /// `cue`.
        rule: &'static str,
    },
    /// `recurrence`.
    Recurrence {
        /// Distinct stories carrying it.
        articles: u32,
        /// Share of its occurrences at an article's edge.
        edge_share: f64,
        /// Distinct outlets carrying it.
        outlets: u32,
        /// `recurrence`.
        rule: &'static str,
    },
    /// `disclosure`.
    Disclosure {
        /// The cue that matched.
        cue: &'a str,
        /// `disclosure`.
        rule: &'static str,
    },
    /// `junk`.
    Junk {
        /// The junk rule that flagged it.
        junk_rule: &'a str,
        /// `head`, `tail` or `body`.
        position: &'static str,
        /// `junk`.
        rule: &'static str,
        /// Every signal that fired.
        signals: &'a [String],
    },
    /// `near_duplicate`.
    NearDuplicate {
        /// Cluster id.
        cluster: u32,
        /// The lowest edit similarity of a verified link; `null` when not needed.
        edit_similarity: Option<f64>,
        /// The lowest shingle Jaccard of a verified link.
        jaccard: f64,
        /// `near_duplicate`.
        rule: &'static str,
    },
    /// `shared_span`.
    SharedSpan {
        /// Whether the run is mostly a quotation.
        quoted: bool,
        /// `shared_span`.
        rule: &'static str,
        /// Words in the shared run.
        words: u32,
    },
    /// `aligned_passage`.
    AlignedPassage {
        /// The word edits between the two sides.
        edits: EditsJson,
        /// Identical aligned words.
        matched: u32,
        /// `aligned_passage`.
        rule: &'static str,
        /// `2 × matched / (words of both sides)`.
        similarity: f64,
    },
    /// `shared_credit`.
    SharedCredit {
        /// The credit's outlet or agency.
        outlet: &'a str,
        /// `shared_credit`.
        rule: &'static str,
    },
    /// `article_share`.
    ArticleShare {
        /// `article_share`.
        rule: &'static str,
        /// Share of the article's words in shared paragraphs.
        share: f64,
        /// How many of its paragraphs are shared.
        shared_paragraphs: u32,
    },
}

/// `edits` of an aligned passage.
#[derive(Serialize)]
pub struct EditsJson {
    /// Words present only in the earlier side.
    pub deleted: u32,
    /// Words present only in the later side.
    pub inserted: u32,
    /// Words replaced by another.
    pub substituted: u32,
}

impl<'a> From<&'a Evidence> for EvidenceJson<'a> {
    fn from(e: &'a Evidence) -> EvidenceJson<'a> {
        let r = |x: f32| round4(f64::from(x));
        match e {
            Evidence::Cue { cue, position } => EvidenceJson::Cue {
                cue,
                position: position.name(),
                rule: "cue",
            },
            Evidence::Recurrence {
                articles,
                outlets,
                edge_share,
            } => EvidenceJson::Recurrence {
                articles: *articles,
                edge_share: r(*edge_share),
                outlets: *outlets,
                rule: "recurrence",
            },
            Evidence::Disclosure { cue } => EvidenceJson::Disclosure {
                cue,
                rule: "disclosure",
            },
            Evidence::Signals {
                rule,
                signals,
                position,
            } => EvidenceJson::Junk {
                junk_rule: rule,
                position: position.name(),
                rule: "junk",
                signals,
            },
            Evidence::NearDuplicate {
                cluster,
                jaccard,
                edit_similarity,
            } => EvidenceJson::NearDuplicate {
                cluster: *cluster,
                edit_similarity: edit_similarity.map(r),
                jaccard: r(*jaccard),
                rule: "near_duplicate",
            },
            Evidence::SharedSpan { words, quoted } => EvidenceJson::SharedSpan {
                quoted: *quoted,
                rule: "shared_span",
                words: *words,
            },
            Evidence::AlignedPassage {
                similarity,
                matched,
                substituted,
                inserted,
                deleted,
            } => EvidenceJson::AlignedPassage {
                edits: EditsJson {
                    deleted: *deleted,
                    inserted: *inserted,
                    substituted: *substituted,
                },
                matched: *matched,
                rule: "aligned_passage",
                similarity: r(*similarity),
            },
            Evidence::SharedCredit { outlet } => EvidenceJson::SharedCredit {
                outlet,
                rule: "shared_credit",
            },
            Evidence::ArticleShare {
                share,
                shared_paragraphs,
            } => EvidenceJson::ArticleShare {
                rule: "article_share",
                share: r(*share),
                shared_paragraphs: *shared_paragraphs,
            },
        }
    }
}
