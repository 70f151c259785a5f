//! `articles[].provenance`: what an article declares, names, copies and contradicts, and
//! where a text first appeared.

use super::round4;
use reprint_core::Analysis;
use reprint_core::model::{DeclKind, Declaration};
use reprint_core::{Contradiction, CopiedFrom, CopyFlow, FlowPair, OutletText};
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
    /// Later articles that copy from it (each share is of the copy's words).
    pub copied_by: Vec<CopiedJson<'a>>,
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
            copied_by: a
                .provenance
                .copied_by
                .get(i)
                .map_or(&[][..], Vec::as_slice)
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

/// The other side of a copy: an earlier article an article copies from, or a later one that
/// copies it.
#[derive(Serialize)]
pub struct CopiedJson<'a> {
    /// Its id.
    pub article: &'a str,
    /// Share of the copy's words in paragraphs shared with its original (rounded).
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

/// The name of an outlet group (`None`: the articles of unknown outlet).
fn outlet_name(a: &Analysis, outlet: Option<u32>) -> Option<&str> {
    outlet.and_then(|o| a.store.outlets.names[o as usize].as_deref())
}

/// `summary.copy_flows[]`: words one outlet took from another, and the article pairs behind
/// them.
#[derive(Serialize)]
pub struct CopyFlowJson<'a> {
    /// The outlet whose text was taken; `null` for articles of unknown outlet.
    pub from: Option<&'a str>,
    /// The article pairs, most words first.
    pub pairs: Vec<FlowPairJson<'a>>,
    /// The outlet that took it; `null` for articles of unknown outlet.
    pub to: Option<&'a str>,
    /// Words taken.
    pub words: u64,
}

impl<'a> CopyFlowJson<'a> {
    /// A flow of the analysis.
    pub fn new(a: &'a Analysis, f: &'a CopyFlow) -> CopyFlowJson<'a> {
        CopyFlowJson {
            from: outlet_name(a, f.from),
            pairs: f.pairs.iter().map(|p| FlowPairJson::new(a, p)).collect(),
            to: outlet_name(a, f.to),
            words: f.words,
        }
    }
}

/// An article pair behind a flow.
#[derive(Serialize)]
pub struct FlowPairJson<'a> {
    /// The article that took the words.
    pub copy: &'a str,
    /// The article it took them from.
    pub original: &'a str,
    /// Words taken.
    pub words: u64,
}

impl<'a> FlowPairJson<'a> {
    fn new(a: &'a Analysis, p: &FlowPair) -> FlowPairJson<'a> {
        FlowPairJson {
            copy: &a.store.articles[p.copy as usize].meta.id,
            original: &a.store.articles[p.original as usize].meta.id,
            words: p.words,
        }
    }
}

/// `summary.outlet_text[]`: an outlet's original text that others reused, and the text it took
/// from others.
#[derive(Serialize)]
pub struct OutletTextJson<'a> {
    /// Its articles.
    pub articles: u32,
    /// The outlet; `null` for the articles of unknown outlet.
    pub outlet: Option<&'a str>,
    /// Words of its original text that other outlets took.
    pub reused_by_others: u64,
    /// `reused_by_others / words` (rounded).
    pub reused_share: f64,
    /// Words it took from other outlets.
    pub taken_from_others: u64,
    /// `taken_from_others / words` (rounded).
    pub taken_share: f64,
    /// Its words.
    pub words: u64,
}

impl<'a> OutletTextJson<'a> {
    /// An outlet's figures.
    pub fn new(a: &'a Analysis, o: &OutletText) -> OutletTextJson<'a> {
        let share = |w: u64| round4(w as f64 / o.words.max(1) as f64);
        OutletTextJson {
            articles: o.articles,
            outlet: outlet_name(a, o.outlet),
            reused_by_others: o.reused_by_others,
            reused_share: share(o.reused_by_others),
            taken_from_others: o.taken_from_others,
            taken_share: share(o.taken_from_others),
            words: o.words,
        }
    }
}
