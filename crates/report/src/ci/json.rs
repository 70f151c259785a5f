//! `reprint check --format json`: the `reprint.check/1` document, [`CheckDocument`].

use super::{Carrier, CiFinding, CiReport, line_of, write_document};
use crate::Texts;
use crate::json::{ErrorJson, EvidenceJson, ProvenanceJson, Tool, kind_names, round4};
use reprint_core::model::Member;
use reprint_core::{CheckRun, HistoryFigures};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The schema name of the document.
pub(crate) const SCHEMA: &str = "reprint.check/1";

/// The `reprint.check/1` document, pretty-printed with its keys in alphabetical order:
///
/// ```text
/// {"articles": [{"date": "…", "id": "…", "in_index": false, "line": 1,
///                "paragraphs": [{"end": 80, "index": 0, "kinds": [], "line": 1, "start": 0}, …],
///                "path": "drop.jsonl",
///                "provenance": {"contradictions": [], "copied_by": [{"article": "…", "share": 1.0, "source": "…"}],
///                               "copied_from": [], "declared": […], "mentioned": […]},
///                "source": "…", "title": "…"}],
///  "errors": [{"message": "…", "place": "…"}],
///  "findings": [{"cross_outlet": true, "evidence": {…}, "fingerprint": "…", "id": 0,
///                "kind": "syndicated_article", "level": "error", "line": 1,
///                "members": [{"article": "…", "end": 2400, "in_index": false, "paragraph": null, "start": 0}, …],
///                "message": "…",
///                "origin": {"article": "a0000010", "date": "…", "in_index": true, "line": 11,
///                           "paragraph": null, "path": "history.jsonl", "source": "…"},
///                "path": "drop.jsonl", "score": 0.95}],
///  "index": {"articles": 2500, "history_compared": {"partial": 3, "whole": 14},
///            "matched": {"credits": 0, "exact": 12, "masked": 0, "near": 1, "spans": 0},
///            "path": "…", "texts_read": 17000},
///  "policy": {"fail_on": ["reused_wording", "syndicated_article"], "max_reuse": null},
///  "schema": "reprint.check/1",
///  "summary": {"articles": 1, "kinds": {"aggregator_footer": {"findings": 0, "paragraphs": 0, "words": 0}, …},
///              "paragraphs": 12, "words": 412},
///  "tool": {"name": "reprint", "version": "…"},
///  "verdict": {"findings": 2, "flagged_words": 380, "pass": false, "share": 0.9223, "words": 412}}
/// ```
///
/// Evidence is shaped as in `reprint.audit/1` ([`EvidenceJson`]); `score` is written as serde
/// writes a number (`1.0`). `in_index` says whether an article is history, and a history
/// member's `paragraph` is its number in the article. `articles` lists the drop only
/// (`in_index`: its id was already in the index), each with its `provenance` as in
/// `reprint.audit/1` ([`ProvenanceJson`], its keys sorted here): the articles, of the drop or
/// the index, it copied from and those that copied it. Findings come in the report's order.
#[derive(Serialize)]
pub(crate) struct CheckDocument<'a> {
    /// The drop's articles.
    pub articles: Vec<ArticleJson<'a>>,
    /// Every file or record of the drop that could not be read.
    pub errors: Vec<ErrorJson<'a>>,
    /// The findings that involve the drop; `id` is the position.
    pub findings: Vec<FindingJson<'a>>,
    /// The index and what was found in it.
    pub index: IndexJson<'a>,
    /// The policy the verdict applies.
    pub policy: PolicyJson,
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// The drop's figures.
    pub summary: SummaryJson,
    /// The program that wrote it.
    pub tool: Tool,
    /// Pass or fail, and why.
    pub verdict: VerdictJson,
}

impl<'a> CheckDocument<'a> {
    /// The document of a report; `texts` holds the drop's `.txt` texts (for line numbers).
    pub(crate) fn new(r: &'a CiReport<'a>, texts: &Texts) -> CheckDocument<'a> {
        let a = &r.run.analysis;
        CheckDocument {
            articles: (0..r.run.drop_articles)
                .map(|i| ArticleJson::new(r, i, texts))
                .collect(),
            errors: a.errors.iter().map(ErrorJson::from).collect(),
            findings: (r.findings.iter().enumerate())
                .map(|(id, cf)| FindingJson::new(r.run, id, cf))
                .collect(),
            index: IndexJson {
                articles: r.index.articles,
                history_compared: HistoryJson::from(&r.run.figures),
                matched: MatchedJson::from(&r.run.figures),
                path: &r.index.path,
                texts_read: r.run.figures.texts_read,
            },
            policy: PolicyJson {
                fail_on: r.policy.fail_on.iter().map(|k| k.name()).collect(),
                max_reuse: r.policy.max_reuse,
            },
            schema: SCHEMA,
            summary: SummaryJson {
                articles: r.summary.articles,
                kinds: (r.summary.kinds.iter())
                    .map(|&(k, findings, paragraphs, words)| {
                        let figures = KindJson {
                            findings,
                            paragraphs,
                            words,
                        };
                        (k.name(), figures)
                    })
                    .collect(),
                paragraphs: r.summary.paragraphs,
                words: r.summary.words,
            },
            tool: Tool::REPRINT,
            verdict: VerdictJson {
                findings: r.verdict.findings,
                flagged_words: r.verdict.flagged_words,
                pass: r.verdict.pass,
                share: round4(r.verdict.share),
                words: r.verdict.words,
            },
        }
    }
}

/// A drop article.
#[derive(Serialize)]
pub(crate) struct ArticleJson<'a> {
    /// Its date as given.
    pub date: Option<&'a str>,
    /// Its id.
    pub id: &'a str,
    /// Whether its id was already in the index.
    pub in_index: bool,
    /// Its JSONL line; `null` for a `.txt` article.
    pub line: Option<u32>,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<ParagraphJson>,
    /// The drop file it was read from.
    pub path: Option<&'a str>,
    /// What it declares, and whom it copied and who copied it (the audit's).
    pub provenance: SortedProvenance<'a>,
    /// Its outlet.
    #[serde(rename = "source")]
    pub outlet: Option<&'a str>,
    /// Its title.
    pub title: Option<&'a str>,
}

/// An article's `provenance` as `reprint.audit/1` builds it, its keys written in alphabetical
/// order as every key of this document is (the audit writes `declared` first).
pub(crate) struct SortedProvenance<'a>(ProvenanceJson<'a>);

impl Serialize for SortedProvenance<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.0;
        let mut st = s.serialize_struct("ProvenanceJson", 5)?;
        st.serialize_field("contradictions", &p.contradictions)?;
        st.serialize_field("copied_by", &p.copied_by)?;
        st.serialize_field("copied_from", &p.copied_from)?;
        st.serialize_field("declared", &p.declared)?;
        st.serialize_field("mentioned", &p.mentioned)?;
        st.end()
    }
}

impl<'a> ArticleJson<'a> {
    fn new(r: &'a CiReport<'a>, i: usize, texts: &Texts) -> ArticleJson<'a> {
        let a = &r.run.analysis;
        let art = &a.store.articles[i];
        let text = texts.get(i);
        let paragraphs = art
            .paras()
            .enumerate()
            .map(|(j, p)| {
                let para = &a.store.paras[p];
                ParagraphJson {
                    end: para.span.end,
                    index: j,
                    kinds: kind_names(a.classification.para_kinds[p]),
                    line: match (art.location.line, text) {
                        (0, Some(t)) => line_of(t, para.span.start),
                        (0, None) => 1,
                        (l, _) => l,
                    },
                    start: para.span.start,
                }
            })
            .collect();
        ArticleJson {
            date: art.meta.date.as_deref(),
            id: &art.meta.id,
            in_index: r.run.already_indexed.contains(&i),
            line: (art.location.line > 0).then_some(art.location.line),
            paragraphs,
            path: r.paths.get(art.location.file as usize).map(String::as_str),
            provenance: SortedProvenance(ProvenanceJson::new(a, i)),
            outlet: a.outlet_name(i),
            title: art.meta.title.as_deref(),
        }
    }
}

/// A paragraph of a drop article.
#[derive(Serialize)]
pub(crate) struct ParagraphJson {
    /// One past the last byte.
    pub end: u32,
    /// Its number in the article.
    pub index: usize,
    /// The kinds covering it.
    pub kinds: Vec<&'static str>,
    /// Its 1-based line in the file.
    pub line: u32,
    /// First byte.
    pub start: u32,
}

/// A finding that involves the drop.
#[derive(Serialize)]
pub(crate) struct FindingJson<'a> {
    /// For reuse: whether the members span more than one outlet.
    pub cross_outlet: Option<bool>,
    /// Why it was made.
    pub evidence: EvidenceJson<'a>,
    /// Stable fingerprint of kind and text.
    pub fingerprint: &'a str,
    /// Its position in `findings[]`.
    pub id: usize,
    /// Its kind.
    pub kind: &'static str,
    /// `error` or `warning`.
    pub level: &'static str,
    /// The line of its first drop member.
    pub line: u32,
    /// What it covers.
    pub members: Vec<MemberJson<'a>>,
    /// One line saying what was found.
    pub message: &'a str,
    /// Where the text first appeared.
    pub origin: Option<CarrierJson<'a>>,
    /// The drop file of its first drop member.
    pub path: &'a str,
    /// Its similarity or confidence (rounded).
    pub score: f64,
}

impl<'a> FindingJson<'a> {
    fn new(run: &'a CheckRun, id: usize, cf: &'a CiFinding) -> FindingJson<'a> {
        let a = &run.analysis;
        let f = &a.classification.findings[cf.index];
        FindingJson {
            cross_outlet: f.cross_outlet,
            evidence: EvidenceJson::from(&f.evidence),
            fingerprint: &cf.fingerprint,
            id,
            kind: f.kind.name(),
            level: cf.level.name(),
            line: cf.line,
            members: f.members.iter().map(|m| MemberJson::new(run, m)).collect(),
            message: &cf.message,
            origin: cf.origin.as_ref().map(CarrierJson::from),
            path: &cf.path,
            score: round4(f64::from(f.score)),
        }
    }
}

/// A member of a finding.
#[derive(Serialize)]
pub(crate) struct MemberJson<'a> {
    /// The article's id.
    pub article: &'a str,
    /// One past the last byte.
    pub end: u32,
    /// Whether the article is history.
    pub in_index: bool,
    /// The paragraph's number in its article; `null` for a whole article.
    pub paragraph: Option<u32>,
    /// First byte.
    pub start: u32,
}

impl<'a> MemberJson<'a> {
    fn new(run: &'a CheckRun, m: &Member) -> MemberJson<'a> {
        let art = m.article.get();
        MemberJson {
            article: &run.analysis.store.articles[art].meta.id,
            end: m.span.end,
            in_index: !run.is_drop(art),
            paragraph: m.paragraph.map(|p| run.paragraph_number(art, p)),
            start: m.span.start,
        }
    }
}

/// The article a finding's text first appeared in.
#[derive(Serialize)]
pub(crate) struct CarrierJson<'a> {
    /// Its id.
    pub article: &'a str,
    /// Its date.
    pub date: Option<&'a str>,
    /// Whether it is history.
    pub in_index: bool,
    /// Its line in `path`; `null` when the path is.
    pub line: Option<u32>,
    /// Its paragraph's number, for a paragraph member.
    pub paragraph: Option<u32>,
    /// The file it was read from (the drop's file, or the file it was added from).
    pub path: Option<&'a str>,
    /// Its outlet.
    #[serde(rename = "source")]
    pub outlet: Option<&'a str>,
}

impl<'a> From<&'a Carrier> for CarrierJson<'a> {
    fn from(c: &'a Carrier) -> CarrierJson<'a> {
        CarrierJson {
            article: &c.article,
            date: c.date.as_deref(),
            in_index: c.in_index,
            line: c.path.as_ref().map(|_| c.line),
            paragraph: c.paragraph,
            path: c.path.as_deref(),
            outlet: c.outlet.as_deref(),
        }
    }
}

/// `index`.
#[derive(Serialize)]
pub(crate) struct IndexJson<'a> {
    /// Articles in it.
    pub articles: u64,
    /// History articles compared with the drop.
    pub history_compared: HistoryJson,
    /// Stored texts found to match the drop's, by how.
    pub matched: MatchedJson,
    /// The index file as given.
    pub path: &'a str,
    /// Stored texts read.
    pub texts_read: u64,
}

/// `index.history_compared`.
#[derive(Serialize)]
pub(crate) struct HistoryJson {
    /// Of which only a paragraph sharing words or a credit was compared.
    pub partial: u64,
    /// Compared whole.
    pub whole: u64,
}

impl From<&HistoryFigures> for HistoryJson {
    fn from(h: &HistoryFigures) -> HistoryJson {
        HistoryJson {
            partial: h.partial,
            whole: h.articles,
        }
    }
}

/// `index.matched`.
#[derive(Serialize)]
pub(crate) struct MatchedJson {
    /// Photo credits of the drop also printed in the index.
    pub credits: u64,
    /// Equal texts.
    pub exact: u64,
    /// Equal but for numbers.
    pub masked: u64,
    /// Verified near-duplicates.
    pub near: u64,
    /// Sharing a run of words.
    pub spans: u64,
}

impl From<&HistoryFigures> for MatchedJson {
    fn from(h: &HistoryFigures) -> MatchedJson {
        MatchedJson {
            credits: h.credits,
            exact: h.exact,
            masked: h.masked,
            near: h.near,
            spans: h.spans,
        }
    }
}

/// `policy`.
#[derive(Serialize)]
pub(crate) struct PolicyJson {
    /// Kinds that fail the drop.
    pub fail_on: Vec<&'static str>,
    /// The share of flagged words allowed; `null`: any finding of those kinds fails.
    pub max_reuse: Option<f64>,
}

/// `summary`: the drop's figures.
#[derive(Serialize)]
pub(crate) struct SummaryJson {
    /// Articles.
    pub articles: u64,
    /// Every kind by its name, in alphabetical order.
    pub kinds: BTreeMap<&'static str, KindJson>,
    /// Paragraphs.
    pub paragraphs: u64,
    /// Words.
    pub words: u64,
}

/// A kind's figures in the drop.
#[derive(Serialize)]
pub(crate) struct KindJson {
    /// Findings of it involving the drop.
    pub findings: u64,
    /// Drop paragraphs carrying it.
    pub paragraphs: u64,
    /// Words in those paragraphs.
    pub words: u64,
}

/// `verdict`.
#[derive(Serialize)]
pub(crate) struct VerdictJson {
    /// Findings of a failing kind that involve the drop.
    pub findings: usize,
    /// Words of drop paragraphs carrying a failing kind.
    pub flagged_words: u64,
    /// Whether the drop is within policy.
    pub pass: bool,
    /// `flagged_words / words` (rounded).
    pub share: f64,
    /// Words of the drop.
    pub words: u64,
}

/// Writes the `CheckDocument` of a report.
pub fn write_json(out: &mut dyn Write, r: &CiReport<'_>, texts: &Texts) -> io::Result<()> {
    write_document(out, &CheckDocument::new(r, texts))
}
