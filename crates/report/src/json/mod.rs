//! The JSON and JSONL renderers: the `reprint.audit/1` wire format. Its shape is
//! [`AuditDocument`] and the types it holds; JSONL (`--format jsonl`) writes one
//! [`FindingJson`] a line.
//!
//! [`write_json`] streams the document instead of building it: its long lists are rendered in
//! parallel blocks of items and written as they come, one item a line.

use super::{AggregatorFigures, KindFigures, Summary};
use reprint_core::error::RecordError;
use reprint_core::junk_signal_names;
use reprint_core::model::{Finding, FindingKind, KindSet, Member};
use reprint_core::{Analysis, Counters};
use serde::{Serialize, Serializer};
use std::collections::BTreeMap;
use std::io::{self, Write};

mod evidence;
mod excerpts;
mod provenance;

pub use excerpts::{Excerpts, ReadTexts, excerpt, without_excerpts};

pub(crate) use evidence::EvidenceJson;
pub(crate) use provenance::ProvenanceJson;
use provenance::{CopyFlowJson, OriginJson, OutletTextJson};

/// The schema name written into every document.
pub(crate) const SCHEMA: &str = "reprint.audit/1";

/// A ratio as every document carries it: rounded to four decimals.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

/// A finding's `score` in `reprint.audit/1`, written as Rust prints an `f64`: `1`, not the
/// `1.0` serde writes. In `[0, 1]` at four decimals the digits are otherwise the same.
fn plain_number<S: Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        s.serialize_i64(*x as i64)
    } else {
        s.serialize_f64(*x)
    }
}

/// The `reprint.audit/1` document.
///
/// ```text
/// {"schema": "reprint.audit/1", "tool": {"name": "reprint", "version": "…"},
///  "summary": {
///    "aggregators": [{"articles": 40, "copies": 38, "outlet": "…", "share": 0.95}],
///    "articles": 5, "clusters": 2, "contradictions": 1,
///    "copy_flows": [{"from": "…", "pairs": [{"copy": "…", "original": "…", "words": 108}], "to": "…", "words": 108}],
///    "counters": {"capped_buckets": 0, "lsh_candidate_pairs": 1, "masked_pairs": 0,
///                 "span_candidate_pairs": 1, "verified_edges": 0},
///    "errors": 0, "flagged_words": 232,
///    "kinds": {"aggregator_footer": {"findings": 1, "paragraphs": 3, "share": 0.0175, "words": 92}, …},
///    "outlet_text": [{"articles": 3, "outlet": "…", "reused_by_others": 108, "reused_share": 0.3354,
///                     "taken_from_others": 0, "taken_share": 0.0, "words": 322}],
///    "outlets": 5, "paragraphs": 147, "words": 5254},
///  "articles": [{
///    "id": "004_faff4caeb2184804", "source": null, "date": null, "title": "…", "url": null,
///    "path": "seeds/004_faff4caeb2184804.txt", "line": null, "words": 992,
///    "paragraphs": [{"index": 0, "start": 0, "end": 64, "kinds": []},
///                   {"index": 2, "start": 392, "end": 428, "kinds": ["reused_wording"], "junk": ["photo_credit", …]}, …],
///    "provenance": {
///      "declared": [{"detail": "https://…", "end": 5790, "kind": "source_link", "outlet": "Newsweek", "start": 5650, "text": "https://…"}],
///      "mentioned": [{"end": 819, "outlet": "Reuters", "start": 812, "text": "Reuters"}],
///      "copied_from": [{"article": "…", "share": 0.93, "source": "…"}],
///      "copied_by": [{"article": "…", "share": 0.95, "source": "…"}],
///      "contradictions": [{"declared": null, "kind": "undeclared_copy", "origin": {"article": "…", "date": "…", "source": "…"}}]
///    }
///  }],
///  "clusters": [{"id": 0, "kind": "internal_duplicate", "members": [{"article": "…", "paragraph": 5, "start": 1210, "end": 1246}]}],
///  "findings": [{
///    "id": 0, "kind": "reused_wording", "members": […], "score": 1,
///    "evidence": {"cluster": 1, "edit_similarity": 1.0, "jaccard": 1.0, "rule": "near_duplicate"},
///    "origin": {"article": "…", "date": "…", "source": "…"}, "cross_outlet": true
///  }],
///  "errors": [{"message": "…", "place": "corpus/a.jsonl:12"}]}
/// ```
///
/// Keys come in the order of the fields of these types (the order the format has always had).
/// [`write_json`] writes the document compactly with each article, cluster and finding on a
/// line of its own.
///
/// * `start`/`end` are byte offsets into the article's text: the file's bytes for `.txt`, the
///   decoded `text` field for JSONL. For `.txt` input, paragraph 0 is the first line (the
///   title).
/// * `paragraphs[].kinds` lists the finding kinds covering the paragraph; empty for original
///   text. `junk` (the site-junk signals that fired) is there only for a flagged paragraph
///   with signals.
/// * A copy relation (syndicated or duplicate article) is one finding: its members are the copy
///   and its original as whole articles (`paragraph` `null`, the range the whole text), in that
///   order, then the paragraphs they share. Reuse that copy relations explain is part of them.
/// * `clusters[]` lists every verified near-duplicate paragraph cluster of two or more
///   paragraphs, whatever its kind (`kind` is the kind most members carry, or `null`).
/// * `origin` is the earliest dated article carrying the text; `null` when no member is dated.
/// * Evidence `rule`s: `cue` (`cue`, `position`), `recurrence` (`articles`, `outlets`,
///   `edge_share`), `disclosure` (`cue`), `junk` (`junk_rule`, `signals`, `position`),
///   `near_duplicate` (`cluster`, `jaccard`, `edit_similarity`), `shared_span` (`words`,
///   `quoted`), `aligned_passage` (`similarity`, `matched`, `edits`), `shared_credit`
///   (`outlet`), `article_share` (`share`, `shared_paragraphs`).
#[derive(Serialize)]
pub struct AuditDocument<'a> {
    /// Always `SCHEMA` (`reprint.audit/1`).
    pub schema: &'static str,
    /// The program that wrote it.
    pub tool: Tool,
    /// The figures of the text report's head.
    pub summary: SummaryJson<'a>,
    /// Every article read, in input order.
    pub articles: Vec<ArticleJson<'a>>,
    /// Every near-duplicate paragraph cluster; `id` is the position.
    pub clusters: Vec<ClusterJson<'a>>,
    /// Every finding; `id` is the position.
    pub findings: Vec<FindingJson<'a>>,
    /// Every file or record that could not be read.
    pub errors: Vec<ErrorJson<'a>>,
}

impl<'a> AuditDocument<'a> {
    /// The whole document in memory (what [`write_json`] streams). `paths[file]` names each
    /// input file.
    pub fn new(a: &'a Analysis, summary: &'a Summary, paths: &'a [String]) -> AuditDocument<'a> {
        AuditDocument {
            schema: SCHEMA,
            tool: Tool::REPRINT,
            summary: SummaryJson::new(a, summary),
            articles: (0..a.store.articles.len())
                .map(|i| ArticleJson::new(a, i, paths))
                .collect(),
            clusters: (0..a.classification.clusters.len())
                .map(|c| ClusterJson::new(a, c))
                .collect(),
            findings: (a.classification.findings.iter().enumerate())
                .map(|(i, f)| FindingJson::new(a, i, f))
                .collect(),
            errors: a.errors.iter().map(ErrorJson::from).collect(),
        }
    }
}

/// `{"name": "reprint", "version": …}`.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Tool {
    /// `reprint`.
    pub name: &'static str,
    /// The version that wrote the document.
    pub version: &'static str,
}

impl Tool {
    /// This program.
    pub const REPRINT: Tool = Tool {
        name: "reprint",
        version: env!("CARGO_PKG_VERSION"),
    };
}

/// `summary` of `reprint.audit/1`; keys in alphabetical order.
#[derive(Serialize)]
pub struct SummaryJson<'a> {
    /// Outlets named as aggregators.
    pub aggregators: Vec<AggregatorJson<'a>>,
    /// Articles read.
    pub articles: u64,
    /// Near-duplicate clusters.
    pub clusters: u64,
    /// Contradictions between declared and found provenance.
    pub contradictions: u64,
    /// Who copies whom: words each outlet took from another, most first, with the article
    /// pairs behind them.
    pub copy_flows: Vec<CopyFlowJson<'a>>,
    /// The work each stage did.
    pub counters: CountersJson,
    /// Files and records that could not be read.
    pub errors: u64,
    /// Words in paragraphs carrying any kind.
    pub flagged_words: u64,
    /// Every kind by its name, in alphabetical order.
    pub kinds: BTreeMap<&'static str, KindJson>,
    /// Each outlet's original text that others reused and text it took from others, most
    /// words first.
    pub outlet_text: Vec<OutletTextJson<'a>>,
    /// Distinct outlets.
    pub outlets: u64,
    /// Paragraphs.
    pub paragraphs: u64,
    /// Words.
    pub words: u64,
}

impl<'a> SummaryJson<'a> {
    /// The summary of the document.
    pub fn new(a: &'a Analysis, s: &'a Summary) -> SummaryJson<'a> {
        let flows = &a.provenance.flows;
        SummaryJson {
            aggregators: s.aggregators.iter().map(AggregatorJson::from).collect(),
            articles: s.articles,
            clusters: s.clusters,
            contradictions: s.contradictions,
            counters: s.counters.into(),
            copy_flows: flows
                .flows
                .iter()
                .map(|f| CopyFlowJson::new(a, f))
                .collect(),
            errors: s.errors,
            flagged_words: s.flagged_words,
            kinds: s.kinds.iter().map(|k| (k.kind.name(), k.into())).collect(),
            outlet_text: (flows.outlets.iter())
                .map(|o| OutletTextJson::new(a, o))
                .collect(),
            outlets: s.outlets,
            paragraphs: s.paragraphs,
            words: s.words,
        }
    }
}

/// `summary.counters`: the work each stage did, in what its cost grows with; keys in
/// alphabetical order.
#[derive(Serialize)]
pub struct CountersJson {
    /// Candidate buckets over `verify.max_bucket_pairs`, linked as a chain.
    pub capped_buckets: u64,
    /// Text pairs sharing an LSH band key.
    pub lsh_candidate_pairs: u64,
    /// Pairs of short texts equal up to numbers.
    pub masked_pairs: u64,
    /// Text pairs compared by the shared-run search.
    pub span_candidate_pairs: u64,
    /// Near-duplicate pairs found: the edges of the cluster graph.
    pub verified_edges: u64,
}

impl From<Counters> for CountersJson {
    fn from(c: Counters) -> CountersJson {
        CountersJson {
            capped_buckets: c.capped_buckets,
            lsh_candidate_pairs: c.lsh_candidate_pairs,
            masked_pairs: c.masked_pairs,
            span_candidate_pairs: c.span_candidate_pairs,
            verified_edges: c.verified_edges,
        }
    }
}

/// A kind's figures in the summary.
#[derive(Serialize)]
pub struct KindJson {
    /// Findings of it.
    pub findings: u64,
    /// Paragraphs it covers.
    pub paragraphs: u64,
    /// Share of all words (rounded).
    pub share: f64,
    /// Words in those paragraphs.
    pub words: u64,
}

impl From<&KindFigures> for KindJson {
    fn from(k: &KindFigures) -> KindJson {
        KindJson {
            findings: k.findings,
            paragraphs: k.paragraphs,
            share: round4(k.share),
            words: k.words,
        }
    }
}

/// An aggregator outlet in the summary.
#[derive(Serialize)]
pub struct AggregatorJson<'a> {
    /// Its articles.
    pub articles: u32,
    /// Of which later copies of other outlets' articles.
    pub copies: u32,
    /// Outlet name.
    pub outlet: &'a str,
    /// `copies / articles` (rounded).
    pub share: f64,
}

impl<'a> From<&'a AggregatorFigures> for AggregatorJson<'a> {
    fn from(g: &'a AggregatorFigures) -> AggregatorJson<'a> {
        AggregatorJson {
            articles: g.articles,
            copies: g.copies,
            outlet: &g.outlet,
            share: round4(g.copies as f64 / g.articles.max(1) as f64),
        }
    }
}

/// One article of `articles[]`.
#[derive(Serialize)]
pub struct ArticleJson<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its outlet, when known.
    #[serde(rename = "source")]
    pub outlet: Option<&'a str>,
    /// Its date as given.
    pub date: Option<&'a str>,
    /// Its title.
    pub title: Option<&'a str>,
    /// Its URL.
    pub url: Option<&'a str>,
    /// The input file it was read from.
    pub path: &'a str,
    /// Its JSONL line; `null` for a `.txt` article.
    pub line: Option<u32>,
    /// Its words.
    pub words: u32,
    /// Its paragraphs, in order.
    pub paragraphs: Vec<ParagraphJson>,
    /// What it declares and what the corpus says of where it came from.
    pub provenance: ProvenanceJson<'a>,
}

impl<'a> ArticleJson<'a> {
    /// Article `i`; `paths[file]` names each input file.
    pub fn new(a: &'a Analysis, i: usize, paths: &'a [String]) -> ArticleJson<'a> {
        let art = &a.store.articles[i];
        let paragraphs = art
            .paras()
            .enumerate()
            .map(|(j, p)| {
                let para = &a.store.paras[p];
                let kinds = a.classification.para_kinds[p];
                ParagraphJson {
                    index: j,
                    start: para.span.start,
                    end: para.span.end,
                    kinds: kind_names(kinds),
                    junk: (!kinds.is_empty() && para.junk != 0)
                        .then(|| junk_signal_names(para.junk)),
                }
            })
            .collect();
        ArticleJson {
            id: &art.meta.id,
            outlet: a.outlet_name(i),
            date: art.meta.date.as_deref(),
            title: art.meta.title.as_deref(),
            url: art.meta.url.as_deref(),
            path: paths
                .get(art.location.file as usize)
                .map_or("", String::as_str),
            line: (art.location.line > 0).then_some(art.location.line),
            words: art.words,
            paragraphs,
            provenance: ProvenanceJson::new(a, i),
        }
    }
}

/// The names of a paragraph's kinds, in report order.
pub(crate) fn kind_names(kinds: KindSet) -> Vec<&'static str> {
    kinds.iter().map(FindingKind::name).collect()
}

/// One paragraph of an article.
#[derive(Serialize)]
pub struct ParagraphJson {
    /// Its number in the article.
    pub index: usize,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The kinds covering it.
    pub kinds: Vec<&'static str>,
    /// The site-junk signals that fired, for a paragraph with kinds and signals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub junk: Option<Vec<&'static str>>,
}

/// A near-duplicate paragraph cluster.
#[derive(Serialize)]
pub struct ClusterJson<'a> {
    /// Its position in `clusters[]`.
    pub id: usize,
    /// The kind most members carry.
    pub kind: Option<&'static str>,
    /// Its paragraphs.
    pub members: MembersJson<'a>,
}

impl<'a> ClusterJson<'a> {
    /// Cluster `c`.
    pub fn new(a: &'a Analysis, c: usize) -> ClusterJson<'a> {
        let cl = &a.classification.clusters[c];
        ClusterJson {
            id: c,
            kind: cl.kind.map(FindingKind::name),
            members: MembersJson {
                a,
                members: &cl.members,
                excerpts: None,
            },
        }
    }
}

/// A paragraph, span or article taking part in a finding or cluster.
#[derive(Serialize)]
pub(crate) struct MemberJson<'a> {
    /// The article's id.
    pub article: &'a str,
    /// The paragraph's number; `null` for a whole article.
    pub paragraph: Option<u32>,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// The start of its text (`--format jsonl` only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<&'a str>,
}

/// A list of [`MemberJson`], made one at a time as it is written: a finding of a large
/// corpus can have millions.
pub struct MembersJson<'a> {
    a: &'a Analysis,
    members: &'a [Member],
    /// One per member, when quoted.
    excerpts: Option<&'a [Box<str>]>,
}

impl Serialize for MembersJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.members.iter().enumerate().map(|(j, m)| MemberJson {
            article: &self.a.store.articles[m.article.get()].meta.id,
            paragraph: m.paragraph,
            start: m.span.start,
            end: m.span.end,
            excerpt: self.excerpts.and_then(|x| x.get(j)).map(|x| &**x),
        }))
    }
}

/// A finding: one line of `--format jsonl`, one item of `findings[]`.
#[derive(Serialize)]
pub struct FindingJson<'a> {
    /// Its position in the findings.
    pub id: usize,
    /// Its kind.
    pub kind: &'static str,
    /// What it covers.
    pub members: MembersJson<'a>,
    /// Its similarity or confidence (rounded; a whole number without `.0`).
    #[serde(serialize_with = "plain_number")]
    pub score: f64,
    /// Why it was made.
    pub evidence: EvidenceJson<'a>,
    /// The earliest dated carrier.
    pub origin: Option<OriginJson<'a>>,
    /// For reuse: whether the members span more than one outlet.
    pub cross_outlet: Option<bool>,
}

impl<'a> FindingJson<'a> {
    /// Finding `f`, at position `id`.
    pub fn new(a: &'a Analysis, id: usize, f: &'a Finding) -> FindingJson<'a> {
        FindingJson {
            id,
            kind: f.kind.name(),
            members: MembersJson {
                a,
                members: &f.members,
                excerpts: None,
            },
            score: round4(f64::from(f.score)),
            evidence: EvidenceJson::from(&f.evidence),
            origin: f
                .origin
                .as_ref()
                .map(|o| OriginJson::new(a, o.article.get())),
            cross_outlet: f.cross_outlet,
        }
    }
}

/// A file or record that could not be read.
#[derive(Serialize)]
pub struct ErrorJson<'a> {
    /// What is wrong with it.
    pub message: &'a str,
    /// `path`, `path:line` or `<stdin>:line`.
    pub place: &'a str,
}

impl<'a> From<&'a RecordError> for ErrorJson<'a> {
    fn from(e: &'a RecordError) -> ErrorJson<'a> {
        ErrorJson {
            message: &e.message,
            place: &e.place,
        }
    }
}

/// Writes `v` as compact JSON, DEL and the C1 controls escaped.
fn put(out: &mut dyn Write, v: &impl Serialize) -> io::Result<()> {
    crate::safe::write_json_with(out, v, serde_json::ser::CompactFormatter)
}

/// Writes the whole [`AuditDocument`], one article, cluster and finding a line, never holding
/// more than a few blocks of them. `paths[file]` names each input file.
pub fn write_json(
    out: &mut dyn Write,
    a: &Analysis,
    summary: &Summary,
    paths: &[String],
) -> io::Result<()> {
    write_json_head(out, a, summary, paths)?;
    write_items(out, a.classification.findings.len(), |w, i| {
        put(w, &FindingJson::new(a, i, &a.classification.findings[i]))
    })?;
    write_json_tail(out, a)
}

/// The document of [`write_json`] up to its findings (ending in `"findings":[`): with the
/// lines of [`write_jsonl`] and [`write_json_tail`], the parts a distributed run writes and
/// `reprint dist assemble` joins.
pub fn write_json_head(
    out: &mut dyn Write,
    a: &Analysis,
    summary: &Summary,
    paths: &[String],
) -> io::Result<()> {
    out.write_all(b"{\"schema\":")?;
    put(out, &SCHEMA)?;
    out.write_all(b",\"tool\":")?;
    put(out, &Tool::REPRINT)?;
    out.write_all(b",\"summary\":")?;
    put(out, &SummaryJson::new(a, summary))?;
    out.write_all(b",\n\"articles\":[")?;
    write_items(out, a.store.articles.len(), |w, i| {
        put(w, &ArticleJson::new(a, i, paths))
    })?;
    out.write_all(b"],\n\"clusters\":[")?;
    write_items(out, a.classification.clusters.len(), |w, c| {
        put(w, &ClusterJson::new(a, c))
    })?;
    out.write_all(b"],\n\"findings\":[")
}

/// The document of [`write_json`] after its findings.
pub fn write_json_tail(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    out.write_all(b"],\n\"errors\":")?;
    let errors: Vec<ErrorJson> = a.errors.iter().map(ErrorJson::from).collect();
    put(out, &errors)?;
    out.write_all(b"}\n")
}

/// How [`write_json`] separates the items of its lists (the findings that [`write_jsonl`]
/// writes one a line among them): what comes before item `i`.
pub fn item_separator(i: usize) -> &'static [u8] {
    if i > 0 { b",\n" } else { b"\n" }
}

/// Writes findings `range` one a line, as [`write_jsonl`] does for all of them.
pub fn write_jsonl_range(
    out: &mut dyn Write,
    a: &Analysis,
    excerpts: &Excerpts,
    range: std::ops::Range<usize>,
) -> io::Result<()> {
    for i in range {
        let mut f = FindingJson::new(a, i, &a.classification.findings[i]);
        f.members.excerpts = Some(excerpts.of(i));
        put(out, &f)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Items rendered per parallel block.
const BLOCK: usize = 1024;
/// Blocks rendered at once (bounds the memory held before writing).
const WAVE: usize = 8;

/// Writes `n` items separated by `,\n`, rendering blocks of them in parallel into memory and
/// writing the blocks in order, so the output is the same bytes as a sequential render. The
/// next wave renders while this one is written: on a large corpus writing hundreds of
/// megabytes is a second or more of system time that would otherwise stall the renderers.
fn write_items<F>(out: &mut dyn Write, n: usize, render: F) -> io::Result<()>
where
    F: Fn(&mut dyn Write, usize) -> io::Result<()> + Sync,
{
    use rayon::prelude::*;
    let blocks: Vec<std::ops::Range<usize>> = (0..n)
        .step_by(BLOCK)
        .map(|s| s..(s + BLOCK).min(n))
        .collect();
    let render_wave = |wave: &[std::ops::Range<usize>]| -> Vec<io::Result<Vec<u8>>> {
        wave.par_iter()
            .map(|r| {
                let mut buf = Vec::with_capacity(r.len() * 256);
                for i in r.clone() {
                    buf.extend_from_slice(item_separator(i));
                    render(&mut buf, i)?;
                }
                Ok(buf)
            })
            .collect()
    };
    std::thread::scope(|scope| {
        // One wave in flight ahead of the writer bounds the memory held.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<io::Result<Vec<u8>>>>(1);
        let renderer = scope.spawn(move || {
            for wave in blocks.chunks(WAVE) {
                if tx.send(render_wave(wave)).is_err() {
                    break; // the writer failed and stopped listening
                }
            }
        });
        let written = (|| {
            for rendered in rx.iter() {
                for b in rendered {
                    out.write_all(&b?)?;
                }
            }
            Ok(())
        })();
        drop(rx);
        if let Err(panic) = renderer.join() {
            std::panic::resume_unwind(panic);
        }
        written
    })
}

/// Writes one `FindingJson` a line, each member with its excerpt: the findings of
/// [`write_json`], each readable on its own.
pub fn write_jsonl(out: &mut dyn Write, a: &Analysis, excerpts: &Excerpts) -> io::Result<()> {
    write_jsonl_range(out, a, excerpts, 0..a.classification.findings.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_core::Corpus;
    use reprint_core::Engine;
    use reprint_core::NoProgress;
    use reprint_core::analyze;
    use reprint_core::config::Config;

    fn seeds() -> (Analysis, Vec<String>, Corpus) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let corpus = Corpus::discover(&[dir], &mut Vec::new()).unwrap();
        let engine = Engine::new(Config::default()).unwrap();
        let paths = corpus.files.iter().map(|f| f.display.clone()).collect();
        (analyze(&corpus, &engine, &NoProgress), paths, corpus)
    }

    #[test]
    fn the_streamed_document_is_the_typed_one() {
        let (a, paths, corpus) = seeds();
        assert!(a.classification.findings.len() > 3 && !a.classification.clusters.is_empty());
        let summary = Summary::of(&a);
        let mut streamed = Vec::new();
        write_json(&mut streamed, &a, &summary, &paths).unwrap();
        // JSON strings hold no raw line feed: the ones there are the layout's.
        streamed.retain(|&b| b != b'\n');
        let typed = serde_json::to_vec(&AuditDocument::new(&a, &summary, &paths)).unwrap();
        assert_eq!(String::from_utf8(streamed), String::from_utf8(typed));

        let mut lines = Vec::new();
        let names = reprint_core::FieldNames::from(&Config::default().input);
        let excerpts = Excerpts::read(&a, &mut |wanted, f| {
            reprint_core::for_each_text(&corpus, &names, wanted, f)
        });
        write_jsonl(&mut lines, &a, &excerpts).unwrap();
        // Every member is quoted from its own bytes.
        let first: serde_json::Value =
            serde_json::from_slice(lines.split(|&b| b == b'\n').next().unwrap()).unwrap();
        let m = &first["members"][0];
        assert!(!m["excerpt"].as_str().unwrap().is_empty(), "{first}");
        let findings = serde_json::to_string(&AuditDocument::new(&a, &summary, &paths).findings);
        let mut plain = Vec::new();
        for line in lines.split_inclusive(|&b| b == b'\n') {
            without_excerpts(line, &mut plain);
        }
        let joined = String::from_utf8(plain)
            .unwrap()
            .trim_end()
            .replace('\n', ",");
        assert_eq!(format!("[{joined}]"), findings.unwrap());
    }

    #[test]
    fn scores_are_written_as_rust_prints_them() {
        for i in 0..=20_000 {
            let x = round4(f64::from(i as f32 / 10_000.0));
            let mut out = Vec::new();
            plain_number(&x, &mut serde_json::Serializer::new(&mut out)).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), format!("{x}"));
        }
    }
}
