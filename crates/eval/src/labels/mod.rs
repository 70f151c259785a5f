//! Labels: what a corpus is known to contain, in one model, and reprint's own label format
//! (`reprint.labels/1`, JSON Lines) that reads and writes it. The readers of other formats
//! ([`super::generated`], [`super::sets`]) convert into the same model. Labels name articles by id
//! and paragraphs by index; nothing here looks at a corpus (see [`super::evaluate`] for how
//! labels are matched to one).
//!
//! The model is defined here; `read` holds [`read_jsonl`] and its field checks, `write` holds
//! [`Labels::write_jsonl`], one helper a kind of line.
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

use reprint_core::model::{FindingKind, KindSet};

mod read;
mod write;

pub(crate) use read::read_jsonl;

/// The schema name of reprint's own label format.
pub(crate) const SCHEMA: &str = "reprint.labels/1";

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
pub(crate) const DECLARED_KINDS: [&str; 5] = [
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
    pub label_files: Vec<String>,
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
        self.label_files.extend(other.label_files);
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
        assert_eq!(a.label_files, vec!["a", "b"]);
    }
}
