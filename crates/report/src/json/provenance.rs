//! `articles[].provenance`: what an article declares, names, copies and contradicts, and
//! where a text first appeared.

use super::round4;
use reprint_core::Analysis;
use reprint_core::model::{DeclKind, Declaration};
use reprint_core::{Contradiction, CopiedFrom};
use serde::Serialize;

/// `provenance` of an article.
#[derive(Serialize)]
pub struct ProvenanceJson<'a> {
    /// Sources it declares (bylines, source links, credits); mentions are listed apart.
    pub declared: Vec<DeclaredJson<'a>>,
    /// Outlets it names in its text.
    pub mentioned: Vec<MentionJson<'a>>,
    /// Earlier articles it copies from.
    pub copied_from: Vec<CopiedJson<'a>>,
    /// Where what it declares and what the corpus shows disagree.
    pub contradictions: Vec<ContradictionJson<'a>>,
}

impl<'a> ProvenanceJson<'a> {
    /// The provenance of article `i`.
    pub fn new(a: &'a Analysis, i: usize) -> ProvenanceJson<'a> {
        let declared = &a.store.articles[i].declared;
        let is_mention = |d: &&Declaration| d.kind == DeclKind::Mention;
        ProvenanceJson {
            declared: declared
                .iter()
                .filter(|d| !is_mention(d))
                .map(DeclaredJson::from)
                .collect(),
            mentioned: declared
                .iter()
                .filter(is_mention)
                .map(MentionJson::from)
                .collect(),
            copied_from: a.provenance.copied_from[i]
                .iter()
                .map(|c| CopiedJson::new(a, c))
                .collect(),
            contradictions: a
                .provenance
                .contradictions_of(i)
                .iter()
                .map(|c| ContradictionJson::new(a, c))
                .collect(),
        }
    }
}

/// A declared source.
#[derive(Serialize)]
pub struct DeclaredJson<'a> {
    /// For a source link, the URL; for an aggregator, its contact address.
    pub detail: Option<&'a str>,
    /// One past the last byte of the declaring text.
    pub end: u32,
    /// What kind of declaration.
    pub kind: &'static str,
    /// The outlet named; `null` when none is.
    pub outlet: Option<&'a str>,
    /// First byte of the declaring text.
    pub start: u32,
    /// The declaring text.
    pub text: &'a str,
}

impl<'a> From<&'a Declaration> for DeclaredJson<'a> {
    fn from(d: &'a Declaration) -> DeclaredJson<'a> {
        DeclaredJson {
            detail: d.detail.as_deref(),
            end: d.span.end,
            kind: d.kind.name(),
            outlet: (!d.outlet.is_empty()).then_some(d.outlet.as_str()),
            start: d.span.start,
            text: &d.text,
        }
    }
}

/// An outlet named in the text.
#[derive(Serialize)]
pub struct MentionJson<'a> {
    /// One past the last byte.
    pub end: u32,
    /// The outlet's canonical name.
    pub outlet: &'a str,
    /// First byte.
    pub start: u32,
    /// The name as written.
    pub text: &'a str,
}

impl<'a> From<&'a Declaration> for MentionJson<'a> {
    fn from(d: &'a Declaration) -> MentionJson<'a> {
        MentionJson {
            end: d.span.end,
            outlet: &d.outlet,
            start: d.span.start,
            text: &d.text,
        }
    }
}

/// An earlier article an article copies from.
#[derive(Serialize)]
pub struct CopiedJson<'a> {
    /// Its id.
    pub article: &'a str,
    /// Share of this article's words in paragraphs shared with it (rounded).
    pub share: f64,
    /// Its outlet.
    #[serde(rename = "source")]
    pub outlet: Option<&'a str>,
}

impl<'a> CopiedJson<'a> {
    fn new(a: &'a Analysis, c: &CopiedFrom) -> CopiedJson<'a> {
        CopiedJson {
            article: &a.store.articles[c.article as usize].meta.id,
            share: round4(f64::from(c.share)),
            outlet: a.outlet_name(c.article as usize),
        }
    }
}

/// A disagreement between declared and found provenance.
#[derive(Serialize)]
pub struct ContradictionJson<'a> {
    /// For a wrong source, the outlet the article names.
    pub declared: Option<&'a str>,
    /// What disagrees.
    pub kind: &'static str,
    /// Where the corpus says the text first appeared.
    pub origin: OriginJson<'a>,
}

impl<'a> ContradictionJson<'a> {
    fn new(a: &'a Analysis, c: &'a Contradiction) -> ContradictionJson<'a> {
        ContradictionJson {
            declared: c.declared.as_deref(),
            kind: c.kind.name(),
            origin: OriginJson::new(a, c.origin as usize),
        }
    }
}

/// Where a text first appeared: an article, its date and outlet.
#[derive(Serialize)]
pub struct OriginJson<'a> {
    /// Its id.
    pub article: &'a str,
    /// Its date as given.
    pub date: Option<&'a str>,
    /// Its outlet.
    #[serde(rename = "source")]
    pub outlet: Option<&'a str>,
}

impl<'a> OriginJson<'a> {
    /// Article `article` as an origin.
    pub fn new(a: &'a Analysis, article: usize) -> OriginJson<'a> {
        let art = &a.store.articles[article];
        OriginJson {
            article: &art.meta.id,
            date: art.meta.date.as_deref(),
            outlet: a.outlet_name(article),
        }
    }
}
