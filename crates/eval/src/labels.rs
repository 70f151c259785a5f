//! Labels: what a corpus is known to contain, in one model, and reprint's own label format
//! (`reprint.labels/1`, JSON Lines) that reads and writes it. The readers of other formats
//! ([`super::generated`], [`super::sets`]) convert into the same model. Labels name articles by id
//! and paragraphs by index; nothing here looks at a corpus (see [`super::evaluate`] for how
//! labels are matched to one).
//!
//! # The format
//!
//! One JSON object a line, each with a `kind`. Blank lines are skipped. Article ids are the
//! ids reprint gives articles (the JSONL `id` field, or the file stem of a `.txt`);
//! paragraphs count from 0 as in `reprint audit --format json` (for `.txt` input paragraph 0
//! is the title line); byte offsets are UTF-8 offsets into the article's text, or, when the
//! object also gives `paragraph`, into that paragraph (counting from its first byte).
//!
//! ```text
//! {"kind": "set", "name": "my-labels", "positive_only": false, "covers": ["boilerplate"]}
//! {"kind": "cluster", "id": "c1", "class": "wire", "members": [
//!     {"article": "a1", "paragraph": 2, "edit": "light", "jaccard5": 0.62}, ["a2", 4]]}
//! {"kind": "boilerplate", "article": "a1", "paragraph": 5}
//! {"kind": "boilerplate", "article": "a1", "start": 466, "end": 598}
//! {"kind": "aggregator_footer", "article": "a9", "paragraphs": [8, 9]}
//! {"kind": "internal_duplicate", "article": "a4", "paragraphs": [0, 6]}
//! {"kind": "syndicated_article", "article": "a3", "original": "a1", "via": "aggregator"}
//! {"kind": "duplicate_article", "article": "b2", "original": "b1"}
//! {"kind": "article_cluster", "id": "x1", "relation": "exact", "members": ["b1", "b2"]}
//! {"kind": "article_pair", "a": "b1", "b": "b7", "label": "negative", "tier": "related"}
//! {"kind": "reuse_pair", "a": "s1", "b": "s2", "label": "positive"}
//! {"kind": "reused_wording", "id": "q1", "origin": "a1", "members": [
//!     {"article": "a1", "start": 10, "end": 90}, {"article": "a2", "paragraph": 4, "start": 0, "end": 80}]}
//! {"kind": "boilerplate", "article": "a5", "start": 120, "end": 135, "pattern": "ad"}
//! {"kind": "declared", "article": "a5", "start": 0, "end": 17, "declared": "dateline", "outlet": "Associated Press"}
//! {"kind": "body", "article": "a5", "paragraph": 7}
//! ```
//!
//! | `kind` | means | scored as |
//! | --- | --- | --- |
//! | `set` | optional header: a `name`; `positive_only` (true when only some positives are labelled, so precision is only "share of flagged inside labelled"); `covers`, kinds whose labels are complete even if none occurs | — |
//! | `cluster` | paragraphs that are near-duplicates of each other (two or more); optional `class`, `origin` (article id) and per member `edit` and `jaccard5` | paragraph pairs, members, adjusted Rand index, light edits, reuse-cluster origin |
//! | `boilerplate`, `aggregator_footer`, `internal_duplicate` | paragraphs (`paragraph` or `paragraphs`) or a byte range (`start`, `end`) of that kind | per-kind precision/recall of paragraphs, or of bytes |
//! | `syndicated_article`, `duplicate_article` | `article` is a copy of `original` (another outlet's, or the same outlet's); `original` may be omitted | per-kind precision/recall of articles; origin of copies |
//! | `article_cluster` | articles that are all copies of one another | every pair a positive article pair; "cluster found" |
//! | `article_pair` | two articles: `label` `positive` (duplicates), `negative` (must not be reported as copies) or `ignore`; optional `tier` | article-pair precision/recall, recall per tier |
//! | `reuse_pair` | two articles (e.g. two sentences): `positive` when they share reused wording | reuse-pair precision/recall |
//! | `reused_wording` | byte ranges carrying the same reused wording (a quote), optionally its `origin` | quote spans, reused bytes, origin of reuse |
//! | (`pattern` on `boilerplate` / `aggregator_footer`) | what sort of junk the label is (`ad`, `promo`, `widget`, …), free text | junk paragraphs found, per pattern |
//! | `declared` | a byte range where the article declares its provenance: `declared` is the kind (`dateline`, `photo_credit`, `attribution`, `source_link`, `aggregator`), `outlet` optional | declared provenance: same kind and overlapping bytes, precision/recall overall and per kind |
//! | `body` | a body paragraph that looks like junk (`paragraph`, or a byte range whose first byte names the paragraph): a control | body controls flagged as junk |
//!
//! A kind named in no line and not in `covers` is not scored, so a file that labels only
//! boilerplate says nothing about the precision of the other kinds.

use reprint_core::error::{Error, Result};
use reprint_core::model::{FindingKind, KindSet};
use serde_json::{Value, json};
use std::io::{BufRead, Write};

/// The schema name of reprint's own label format.
pub const SCHEMA: &str = "reprint.labels/1";

/// A paragraph, by article id and index.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ParaRef {
    /// The article's id.
    pub article: String,
    /// The paragraph's index in the article.
    pub paragraph: u32,
}

/// A byte range of an article's text, or of one of its paragraphs.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SpanRef {
    /// The article's id.
    pub article: String,
    /// When set, `start` and `end` count from this paragraph's first byte.
    pub paragraph: Option<u32>,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

/// One member of a labelled paragraph cluster.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterMember {
    /// The paragraph.
    pub para: ParaRef,
    /// How it differs from the cluster's text (`exact`, `light`, ...), when known.
    pub edit: Option<String>,
    /// Word 5-gram Jaccard similarity to the cluster's text, when known.
    pub jaccard5: Option<f32>,
}

/// Paragraphs that are near-duplicates of each other.
#[derive(Clone, Debug, PartialEq)]
pub struct ParaCluster {
    /// A name, unique among clusters.
    pub id: String,
    /// What kind of repetition it is (free text, e.g. `wire`, `boilerplate`).
    pub class: Option<String>,
    /// Where the text first appeared, when known; otherwise the earliest dated member.
    pub origin: Option<String>,
    /// The paragraphs (two or more).
    pub members: Vec<ClusterMember>,
}

/// A paragraph of a known kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KindPara {
    /// The kind.
    pub kind: FindingKind,
    /// The paragraph.
    pub para: ParaRef,
}

/// A byte range of a known kind.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct KindSpan {
    /// The kind.
    pub kind: FindingKind,
    /// The bytes.
    pub span: SpanRef,
}

/// An article known to be a copy of another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CopyLabel {
    /// [`FindingKind::SyndicatedArticle`] or [`FindingKind::DuplicateArticle`].
    pub kind: FindingKind,
    /// The copy.
    pub article: String,
    /// What it copies, when known.
    pub original: Option<String>,
    /// How it was copied (e.g. `aggregator`), for reports only.
    pub via: Option<String>,
}

/// Articles that are all copies of one another.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ArticleGroup {
    /// A name.
    pub id: String,
    /// What relation holds (e.g. `exact`, `crosspost`), for reports only.
    pub relation: Option<String>,
    /// The articles (two or more).
    pub members: Vec<String>,
}

/// The verdict on a labelled pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PairLabel {
    /// The pair should be reported.
    Positive,
    /// The pair must not be reported.
    Negative,
    /// Neither rewarded nor penalised.
    Ignore,
}

impl PairLabel {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            PairLabel::Positive => "positive",
            PairLabel::Negative => "negative",
            PairLabel::Ignore => "ignore",
        }
    }

    fn parse(v: &Value) -> Option<PairLabel> {
        match v {
            Value::String(s) => match s.as_str() {
                "positive" | "1" | "true" => Some(PairLabel::Positive),
                "negative" | "0" | "false" => Some(PairLabel::Negative),
                "ignore" => Some(PairLabel::Ignore),
                _ => None,
            },
            Value::Bool(b) => Some(if *b {
                PairLabel::Positive
            } else {
                PairLabel::Negative
            }),
            Value::Number(n) => match n.as_u64() {
                Some(1) => Some(PairLabel::Positive),
                Some(0) => Some(PairLabel::Negative),
                _ => None,
            },
            _ => None,
        }
    }
}

/// A labelled pair of articles.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PairLabelled {
    /// One article.
    pub a: String,
    /// The other.
    pub b: String,
    /// The verdict.
    pub label: PairLabel,
    /// A finer grade (e.g. `exact`, `near`, `related`) reported separately.
    pub tier: Option<String>,
}

/// Byte ranges carrying the same reused wording.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ReuseLabel {
    /// A name.
    pub id: String,
    /// Where the wording comes from, when known; otherwise the earliest dated member.
    pub origin: Option<String>,
    /// The ranges (one or more).
    pub members: Vec<SpanRef>,
}

/// The declared-provenance kinds a `declared` label may name (the `kind` of
/// `provenance.declared[]` in the audit JSON).
pub const DECLARED_KINDS: [&str; 5] = [
    "dateline",
    "photo_credit",
    "attribution",
    "source_link",
    "aggregator",
];

/// A byte range where an article declares its provenance.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DeclaredLabel {
    /// The bytes.
    pub span: SpanRef,
    /// The declaration's kind, one of [`DECLARED_KINDS`].
    pub kind: String,
    /// The outlet it names, when it names one (reported, not scored).
    pub outlet: Option<String>,
}

/// A line of an article: a paragraph, or the paragraph holding a range's first byte.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LineRef {
    /// A paragraph by index.
    Para(ParaRef),
    /// A byte range.
    Span(SpanRef),
}

/// Everything known about a corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Labels {
    /// Where the labels were read from, for the report.
    pub sources: Vec<String>,
    /// A name for the labelled set.
    pub name: Option<String>,
    /// Only some positives are labelled: precision can only be read as "share of flagged
    /// inside labelled".
    pub positive_only: bool,
    /// Kinds whose paragraph, byte or article labels are complete (scored even when none
    /// is labelled).
    pub covers: KindSet,
    /// Near-duplicate paragraph clusters.
    pub clusters: Vec<ParaCluster>,
    /// Paragraphs of a kind.
    pub kind_paras: Vec<KindPara>,
    /// Byte ranges of a kind.
    pub kind_spans: Vec<KindSpan>,
    /// Copies.
    pub copies: Vec<CopyLabel>,
    /// Groups of articles that copy each other.
    pub article_groups: Vec<ArticleGroup>,
    /// Pairs judged as article copies.
    pub article_pairs: Vec<PairLabelled>,
    /// Pairs judged as sharing reused wording.
    pub reuse_pairs: Vec<PairLabelled>,
    /// Reused wording below paragraph level.
    pub reused: Vec<ReuseLabel>,
    /// Where articles declare their provenance.
    pub declared: Vec<DeclaredLabel>,
    /// Body paragraphs that must not be flagged as junk (controls).
    pub body: Vec<LineRef>,
    /// The pattern of a junk label (`boilerplate` or `aggregator_footer`), by its line.
    pub patterns: Vec<(LineRef, String)>,
}

impl Labels {
    /// True when nothing is labelled.
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
            && self.kind_paras.is_empty()
            && self.kind_spans.is_empty()
            && self.copies.is_empty()
            && self.article_groups.is_empty()
            && self.article_pairs.is_empty()
            && self.reuse_pairs.is_empty()
            && self.reused.is_empty()
            && self.declared.is_empty()
            && self.body.is_empty()
            && self.covers.is_empty()
    }

    /// Adds another set of labels (e.g. a second file of the same corpus).
    pub fn merge(&mut self, other: Labels) {
        self.sources.extend(other.sources);
        if self.name.is_none() {
            self.name = other.name;
        }
        self.positive_only |= other.positive_only;
        self.covers.0 |= other.covers.0;
        self.clusters.extend(other.clusters);
        self.kind_paras.extend(other.kind_paras);
        self.kind_spans.extend(other.kind_spans);
        self.copies.extend(other.copies);
        self.article_groups.extend(other.article_groups);
        self.article_pairs.extend(other.article_pairs);
        self.reuse_pairs.extend(other.reuse_pairs);
        self.reused.extend(other.reused);
        self.declared.extend(other.declared);
        self.body.extend(other.body);
        self.patterns.extend(other.patterns);
        self.tidy();
    }

    /// Sorts every list and removes repeats: clusters of one id are joined, the same paragraph
    /// labelled twice counts once, and a pair labelled twice keeps its first verdict.
    pub fn tidy(&mut self) {
        // Clusters: join by id, keeping first-seen order of ids.
        let mut order: Vec<String> = Vec::new();
        let mut by_id: std::collections::HashMap<String, ParaCluster> = Default::default();
        for c in self.clusters.drain(..) {
            match by_id.get_mut(&c.id) {
                Some(have) => {
                    have.members.extend(c.members);
                    if have.class.is_none() {
                        have.class = c.class;
                    }
                    if have.origin.is_none() {
                        have.origin = c.origin;
                    }
                }
                None => {
                    order.push(c.id.clone());
                    by_id.insert(c.id.clone(), c);
                }
            }
        }
        for id in order {
            if let Some(mut c) = by_id.remove(&id) {
                c.members.sort_by(|a, b| a.para.cmp(&b.para));
                c.members.dedup_by(|a, b| a.para == b.para);
                self.clusters.push(c);
            }
        }
        self.kind_paras.sort();
        self.kind_paras.dedup();
        self.kind_spans.sort();
        self.kind_spans.dedup();
        self.copies.sort();
        self.copies
            .dedup_by(|a, b| a.kind == b.kind && a.article == b.article);
        self.article_groups.sort();
        self.article_groups.dedup();
        for pairs in [&mut self.article_pairs, &mut self.reuse_pairs] {
            for p in pairs.iter_mut() {
                if p.b < p.a {
                    std::mem::swap(&mut p.a, &mut p.b);
                }
            }
            // Stable sort on the pair only, so the first verdict of a repeated pair is kept.
            pairs.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
            pairs.dedup_by(|x, y| x.a == y.a && x.b == y.b);
        }
        self.reused.sort();
        self.reused.dedup();
        self.declared.sort();
        self.declared.dedup();
        self.body.sort();
        self.body.dedup();
        self.patterns.sort();
        self.patterns.dedup_by(|a, b| a.0 == b.0);
    }

    /// The pattern labelled for a junk line, if any.
    pub fn pattern_of(&self, line: &LineRef) -> Option<&str> {
        self.patterns
            .binary_search_by(|(l, _)| l.cmp(line))
            .ok()
            .map(|i| self.patterns[i].1.as_str())
    }

    /// Kinds that are scored: those labelled at least once, and those declared complete.
    pub fn scored_kinds(&self) -> KindSet {
        let mut k = self.covers;
        for x in &self.kind_paras {
            k.insert(x.kind);
        }
        for x in &self.kind_spans {
            k.insert(x.kind);
        }
        for x in &self.copies {
            k.insert(x.kind);
        }
        k
    }

    /// Writes the labels in reprint's own format (the inverse of [`read_jsonl`]).
    // Stays long: one block per label kind, written in the order the format lists them.
    pub fn write_jsonl(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut line = |v: Value| -> std::io::Result<()> {
            serde_json::to_writer(&mut *out, &v).map_err(std::io::Error::other)?;
            out.write_all(b"\n")
        };
        let covers: Vec<&str> = self.covers.iter().map(|k| k.name()).collect();
        line(json!({"kind": "set", "schema": SCHEMA, "name": self.name,
                    "positive_only": self.positive_only, "covers": covers}))?;
        for c in &self.clusters {
            let members: Vec<Value> = c
                .members
                .iter()
                .map(|m| {
                    let mut v = json!({"article": m.para.article, "paragraph": m.para.paragraph});
                    if let Some(e) = &m.edit {
                        v["edit"] = json!(e);
                    }
                    if let Some(j) = m.jaccard5 {
                        v["jaccard5"] = json!((j as f64 * 1000.0).round() / 1000.0);
                    }
                    v
                })
                .collect();
            let mut v = json!({"kind": "cluster", "id": c.id, "members": members});
            if let Some(x) = &c.class {
                v["class"] = json!(x);
            }
            if let Some(x) = &c.origin {
                v["origin"] = json!(x);
            }
            line(v)?;
        }
        for k in &self.kind_paras {
            let mut v = json!({"kind": k.kind.name(), "article": k.para.article, "paragraph": k.para.paragraph});
            if let Some(p) = self.pattern_of(&LineRef::Para(k.para.clone())) {
                v["pattern"] = json!(p);
            }
            line(v)?;
        }
        for k in &self.kind_spans {
            let mut v = span_json(&k.span);
            v["kind"] = json!(k.kind.name());
            if let Some(p) = self.pattern_of(&LineRef::Span(k.span.clone())) {
                v["pattern"] = json!(p);
            }
            line(v)?;
        }
        for c in &self.copies {
            let mut v = json!({"kind": c.kind.name(), "article": c.article});
            if let Some(x) = &c.original {
                v["original"] = json!(x);
            }
            if let Some(x) = &c.via {
                v["via"] = json!(x);
            }
            line(v)?;
        }
        for g in &self.article_groups {
            let mut v = json!({"kind": "article_cluster", "id": g.id, "members": g.members});
            if let Some(x) = &g.relation {
                v["relation"] = json!(x);
            }
            line(v)?;
        }
        for (kind, pairs) in [
            ("article_pair", &self.article_pairs),
            ("reuse_pair", &self.reuse_pairs),
        ] {
            for p in pairs {
                let mut v = json!({"kind": kind, "a": p.a, "b": p.b, "label": p.label.name()});
                if let Some(t) = &p.tier {
                    v["tier"] = json!(t);
                }
                line(v)?;
            }
        }
        for r in &self.reused {
            let members: Vec<Value> = r.members.iter().map(span_json).collect();
            let mut v = json!({"kind": "reused_wording", "id": r.id, "members": members});
            if let Some(x) = &r.origin {
                v["origin"] = json!(x);
            }
            line(v)?;
        }
        for d in &self.declared {
            let mut v = span_json(&d.span);
            v["kind"] = json!("declared");
            v["declared"] = json!(d.kind);
            v["outlet"] = json!(d.outlet);
            line(v)?;
        }
        for b in &self.body {
            let mut v = match b {
                LineRef::Para(p) => json!({"article": p.article, "paragraph": p.paragraph}),
                LineRef::Span(s) => span_json(s),
            };
            v["kind"] = json!("body");
            line(v)?;
        }
        Ok(())
    }
}

fn span_json(s: &SpanRef) -> Value {
    let mut v = json!({"article": s.article, "start": s.start, "end": s.end});
    if let Some(p) = s.paragraph {
        v["paragraph"] = json!(p);
    }
    v
}

/// A field-reading helper that names the place of every problem.
struct Obj<'a> {
    v: &'a Value,
    place: &'a str,
}

impl Obj<'_> {
    fn err(&self, message: String) -> Error {
        Error::Input(format!("{}: {message}", self.place))
    }

    fn str(&self, key: &str) -> Result<String> {
        match self.v.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(Value::Number(n)) => Ok(n.to_string()),
            _ => Err(self.err(format!("expected a string field \"{key}\""))),
        }
    }

    fn opt_str(&self, key: &str) -> Result<Option<String>> {
        match self.v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(_) => self.str(key).map(Some),
        }
    }

    fn u32_of(&self, v: &Value, key: &str) -> Result<u32> {
        v.as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.err(format!("\"{key}\" must be a whole number below 2^32")))
    }

    fn u32(&self, key: &str) -> Result<u32> {
        match self.v.get(key) {
            Some(v) => self.u32_of(v, key),
            None => Err(self.err(format!("expected a number field \"{key}\""))),
        }
    }

    fn opt_u32(&self, key: &str) -> Result<Option<u32>> {
        match self.v.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => self.u32_of(v, key).map(Some),
        }
    }

    fn array(&self, key: &str) -> Result<&Vec<Value>> {
        self.v
            .get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| self.err(format!("expected an array field \"{key}\"")))
    }

    fn at<'b>(&'b self, v: &'b Value) -> Obj<'b> {
        Obj {
            v,
            place: self.place,
        }
    }

    /// `start`/`end` (and optional `paragraph`) of a span object.
    fn span(&self, article: String) -> Result<SpanRef> {
        let (start, end) = (self.u32("start")?, self.u32("end")?);
        if end < start {
            return Err(self.err(format!("\"end\" ({end}) is before \"start\" ({start})")));
        }
        Ok(SpanRef {
            article,
            paragraph: self.opt_u32("paragraph")?,
            start,
            end,
        })
    }

    /// `paragraph` or `paragraphs`.
    fn paragraphs(&self) -> Result<Vec<u32>> {
        if let Some(p) = self.opt_u32("paragraph")? {
            return Ok(vec![p]);
        }
        self.array("paragraphs")?
            .iter()
            .map(|v| self.u32_of(v, "paragraphs"))
            .collect()
    }
}

/// Reads reprint's own label format. `name` is how messages name the input (`path`); every
/// problem is reported as `name:line: message`.
pub fn read_jsonl(input: impl BufRead, name: &str) -> Result<Labels> {
    let mut labels = Labels {
        sources: vec![name.to_string()],
        ..Labels::default()
    };
    let mut seq = 0usize;
    super::jsonl::for_each_value(input, name, |_, place, v| {
        let o = Obj { v: &v, place };
        if !v.is_object() {
            return Err(o.err("expected a JSON object".into()));
        }
        seq += 1;
        read_line(&o, &mut labels, seq)
    })?;
    labels.tidy();
    Ok(labels)
}

fn read_line(o: &Obj<'_>, labels: &mut Labels, seq: usize) -> Result<()> {
    let kind = o.str("kind")?;
    match kind.as_str() {
        "set" => read_set(o, labels)?,
        "cluster" => labels.clusters.push(paragraph_cluster(o, seq)?),
        "article_cluster" => labels.article_groups.push(article_cluster(o, seq)?),
        "article_pair" | "reuse_pair" => {
            let label = o.v.get("label").and_then(PairLabel::parse).ok_or_else(|| {
                o.err("\"label\" must be \"positive\", \"negative\" or \"ignore\"".into())
            })?;
            let pair = PairLabelled {
                a: o.str("a")?,
                b: o.str("b")?,
                label,
                tier: o.opt_str("tier")?,
            };
            if kind == "article_pair" {
                labels.article_pairs.push(pair);
            } else {
                labels.reuse_pairs.push(pair);
            }
        }
        "declared" => {
            let kind = o.str("declared")?;
            if !DECLARED_KINDS.contains(&kind.as_str()) {
                return Err(o.err(format!(
                    "unknown declared kind \"{kind}\" (expected {})",
                    DECLARED_KINDS.join(", ")
                )));
            }
            labels.declared.push(DeclaredLabel {
                span: o.span(o.str("article")?)?,
                kind,
                outlet: o.opt_str("outlet")?,
            });
        }
        "body" => {
            let article = o.str("article")?;
            if o.v.get("start").is_some() {
                labels.body.push(LineRef::Span(o.span(article)?));
            } else {
                for p in o.paragraphs()? {
                    labels.body.push(LineRef::Para(ParaRef {
                        article: article.clone(),
                        paragraph: p,
                    }));
                }
            }
        }
        "reused_wording" => labels.reused.push(reused_wording(o, seq)?),
        other => match FindingKind::parse(other) {
            Some(k @ (FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle)) => {
                labels.copies.push(CopyLabel {
                    kind: k,
                    article: o.str("article")?,
                    original: o.opt_str("original")?,
                    via: o.opt_str("via")?,
                });
            }
            Some(
                k @ (FindingKind::Boilerplate
                | FindingKind::AggregatorFooter
                | FindingKind::InternalDuplicate),
            ) => read_kind_lines(o, k, labels)?,
            _ => {
                return Err(o.err(format!(
                    "unknown label kind \"{other}\" (expected set, cluster, boilerplate, \
                     aggregator_footer, internal_duplicate, syndicated_article, \
                     duplicate_article, article_cluster, article_pair, reuse_pair, \
                     reused_wording, declared or body)"
                )));
            }
        },
    }
    Ok(())
}

/// A `cluster` line: near-duplicate paragraphs (`seq` numbers it when it has no id).
fn paragraph_cluster(o: &Obj<'_>, seq: usize) -> Result<ParaCluster> {
    let members = o
        .array("members")?
        .iter()
        .map(|m| cluster_member(&o.at(m)))
        .collect::<Result<Vec<_>>>()?;
    if members.len() < 2 {
        return Err(o.err("a cluster needs at least two members".into()));
    }
    Ok(ParaCluster {
        id: o.opt_str("id")?.unwrap_or_else(|| format!("#{seq}")),
        class: o.opt_str("class")?,
        origin: o.opt_str("origin")?,
        members,
    })
}

/// An `article_cluster` line: articles that copy one another.
fn article_cluster(o: &Obj<'_>, seq: usize) -> Result<ArticleGroup> {
    let members = o
        .array("members")?
        .iter()
        .map(|m| {
            m.as_str()
                .map(str::to_string)
                .ok_or_else(|| o.err("article cluster members are article ids".into()))
        })
        .collect::<Result<Vec<_>>>()?;
    if members.len() < 2 {
        return Err(o.err("an article cluster needs at least two members".into()));
    }
    Ok(ArticleGroup {
        id: o.opt_str("id")?.unwrap_or_else(|| format!("#{seq}")),
        relation: o.opt_str("relation")?,
        members,
    })
}

/// A `set` line: the set's name, whether its labels are positive only, and the kinds it covers.
fn read_set(o: &Obj<'_>, labels: &mut Labels) -> Result<()> {
    labels.name = o.opt_str("name")?;
    labels.positive_only =
        o.v.get("positive_only")
            .and_then(Value::as_bool)
            .unwrap_or(false);
    if let Some(list) = o.v.get("covers") {
        let list = list
            .as_array()
            .ok_or_else(|| o.err("\"covers\" must be an array of kinds".into()))?;
        for k in list {
            let name = k.as_str().unwrap_or_default();
            let kind = FindingKind::parse(name)
                .ok_or_else(|| o.err(format!("unknown kind {k} in \"covers\"")))?;
            labels.covers.insert(kind);
        }
    }
    Ok(())
}

/// A `reused_wording` line (`seq` numbers it when it has no id).
fn reused_wording(o: &Obj<'_>, seq: usize) -> Result<ReuseLabel> {
    let members = match o.v.get("members") {
        Some(_) => o
            .array("members")?
            .iter()
            .map(|m| {
                let m = o.at(m);
                m.span(m.str("article")?)
            })
            .collect::<Result<Vec<_>>>()?,
        None => vec![o.span(o.str("article")?)?],
    };
    Ok(ReuseLabel {
        id: o.opt_str("id")?.unwrap_or_else(|| format!("#{seq}")),
        origin: o.opt_str("origin")?,
        members,
    })
}

/// A line of kind `k` (boilerplate, footer or internal duplicate): a byte range or paragraphs,
/// with the pattern they show, if named.
fn read_kind_lines(o: &Obj<'_>, k: FindingKind, labels: &mut Labels) -> Result<()> {
    let article = o.str("article")?;
    let pattern = o.opt_str("pattern")?;
    let mut lines = Vec::new();
    if o.v.get("start").is_some() {
        let span = o.span(article)?;
        lines.push(LineRef::Span(span.clone()));
        labels.kind_spans.push(KindSpan { kind: k, span });
    } else {
        for p in o.paragraphs()? {
            let para = ParaRef {
                article: article.clone(),
                paragraph: p,
            };
            lines.push(LineRef::Para(para.clone()));
            labels.kind_paras.push(KindPara { kind: k, para });
        }
    }
    if let Some(pattern) = pattern {
        labels
            .patterns
            .extend(lines.into_iter().map(|l| (l, pattern.clone())));
    }
    Ok(())
}

/// A cluster member: `{"article", "paragraph", "edit"?, "jaccard5"?}` or `[article, paragraph]`.
fn cluster_member(o: &Obj<'_>) -> Result<ClusterMember> {
    if let Some(a) = o.v.as_array() {
        let article = a.first().and_then(Value::as_str);
        let paragraph = a.get(1).and_then(Value::as_u64).map(u32::try_from);
        return match (article, paragraph) {
            (Some(article), Some(Ok(paragraph))) => Ok(ClusterMember {
                para: ParaRef {
                    article: article.to_string(),
                    paragraph,
                },
                edit: a.get(2).and_then(Value::as_str).map(str::to_string),
                jaccard5: a.get(3).and_then(Value::as_f64).map(|x| x as f32),
            }),
            _ => Err(o.err("a cluster member is [article, paragraph] or an object".into())),
        };
    }
    Ok(ClusterMember {
        para: ParaRef {
            article: o.str("article")?,
            paragraph: o.u32("paragraph")?,
        },
        edit: o.opt_str("edit")?,
        jaccard5: o
            .v
            .get("jaccard5")
            .and_then(Value::as_f64)
            .map(|x| x as f32),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
{"kind": "set", "name": "t", "covers": ["duplicate_article"]}
{"kind": "cluster", "id": "c1", "class": "wire", "members": [{"article": "a1", "paragraph": 2, "edit": "light", "jaccard5": 0.62}, ["a2", 4]]}
{"kind": "boilerplate", "article": "a1", "paragraph": 5}
{"kind": "boilerplate", "article": "a1", "start": 466, "end": 598}
{"kind": "aggregator_footer", "article": "a9", "paragraphs": [8, 9]}
{"kind": "syndicated_article", "article": "a3", "original": "a1", "via": "aggregator"}
{"kind": "article_cluster", "id": "x1", "relation": "exact", "members": ["b1", "b2"]}
{"kind": "article_pair", "a": "b7", "b": "b1", "label": "negative", "tier": "related"}
{"kind": "reuse_pair", "a": "s1", "b": "s2", "label": 1}
{"kind": "reused_wording", "id": "q1", "origin": "a1", "members": [{"article": "a1", "start": 10, "end": 90}, {"article": "a2", "paragraph": 4, "start": 0, "end": 80}]}
{"kind": "reused_wording", "article": "a5", "start": 3, "end": 9}
"#;

    #[test]
    fn reads_every_kind_of_line() {
        let l = read_jsonl(SAMPLE.as_bytes(), "l.jsonl").unwrap();
        assert_eq!(l.name.as_deref(), Some("t"));
        assert_eq!(l.clusters.len(), 1);
        assert_eq!(l.clusters[0].members[0].edit.as_deref(), Some("light"));
        assert_eq!(l.clusters[0].members[1].para.paragraph, 4);
        assert_eq!(l.kind_paras.len(), 3);
        assert_eq!(l.kind_spans.len(), 1);
        assert_eq!(l.copies[0].original.as_deref(), Some("a1"));
        assert_eq!(l.article_groups[0].members, vec!["b1", "b2"]);
        // Pairs are stored in id order.
        assert_eq!(
            (l.article_pairs[0].a.as_str(), l.article_pairs[0].b.as_str()),
            ("b1", "b7")
        );
        assert_eq!(l.reuse_pairs[0].label, PairLabel::Positive);
        assert_eq!(l.reused.len(), 2);
        let kinds: Vec<_> = l.scored_kinds().iter().map(|k| k.name()).collect();
        assert_eq!(
            kinds,
            vec![
                "boilerplate",
                "aggregator_footer",
                "syndicated_article",
                "duplicate_article"
            ]
        );
    }

    #[test]
    fn writing_and_reading_again_gives_the_same_labels() {
        let l = read_jsonl(SAMPLE.as_bytes(), "l.jsonl").unwrap();
        let mut buf = Vec::new();
        l.write_jsonl(&mut buf).unwrap();
        let again = read_jsonl(buf.as_slice(), "l.jsonl").unwrap();
        assert_eq!(again, l);
    }

    #[test]
    fn problems_name_the_line() {
        let bad = "{\"kind\": \"cluster\", \"members\": [[\"a\", 1]]}\n";
        let e = read_jsonl(bad.as_bytes(), "x.jsonl")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.jsonl:1: "), "{e}");
        let bad = "\n{\"kind\": \"boilerplate\", \"article\": \"a\", \"start\": 9, \"end\": 3}\n";
        let e = read_jsonl(bad.as_bytes(), "x.jsonl")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.jsonl:2: ") && e.contains("before"), "{e}");
        let e = read_jsonl("{\"kind\": \"nope\"}".as_bytes(), "x.jsonl")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown label kind \"nope\""), "{e}");
        let e = read_jsonl("not json".as_bytes(), "x.jsonl")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("x.jsonl:1: not JSON"), "{e}");
    }

    #[test]
    fn merging_joins_clusters_of_one_id_and_drops_repeats() {
        let mut a = read_jsonl(
            "{\"kind\":\"cluster\",\"id\":\"w\",\"members\":[[\"a\",0],[\"b\",1]]}\n{\"kind\":\"boilerplate\",\"article\":\"a\",\"paragraph\":3}".as_bytes(),
            "a",
        )
        .unwrap();
        let b = read_jsonl(
            "{\"kind\":\"cluster\",\"id\":\"w\",\"members\":[[\"b\",1],[\"c\",2]]}\n{\"kind\":\"boilerplate\",\"article\":\"a\",\"paragraph\":3}".as_bytes(),
            "b",
        )
        .unwrap();
        a.merge(b);
        assert_eq!(a.clusters.len(), 1);
        assert_eq!(a.clusters[0].members.len(), 3);
        assert_eq!(a.kind_paras.len(), 1);
        assert_eq!(a.sources, vec!["a", "b"]);
    }
}
