//! Scoring an audit against labels: what `reprint eval` prints.
//!
//! [`evaluate`] takes the [`Analysis`] of a corpus and the [`Labels`] known for it (read by
//! [`labels`], [`generated`] or [`sets`]; [`source`] finds the files) and computes every score the
//! labels allow. It is pure: no I/O, no printing ([`render`] writes the report).
//!
//! Labels name articles by id and paragraphs by index; a label naming an article or paragraph
//! that the corpus does not hold is counted under `unresolved` and otherwise left out.
//!
//! # What is scored, exactly
//!
//! **Paragraph clusters** (labels: `cluster`). The prediction is `clusters[]` of
//! `reprint audit --format json`: every verified near-duplicate paragraph cluster, whatever its
//! kind.
//! * *pairs*: every pair of paragraphs inside one labelled cluster is a positive; every pair
//!   inside one predicted cluster is a prediction. Precision, recall and F1 over pairs. Large
//!   clusters (boilerplate) weigh quadratically.
//! * *member*: a paragraph is positive when it is in a labelled cluster, predicted when it is in
//!   a predicted cluster: the "member" score of the peer tools in the benchmarks, so the
//!   figures compare.
//! * *adjusted Rand index* of the two partitions of all the corpus's paragraphs (unclustered
//!   paragraphs are singletons).
//! * *linked*: a labelled paragraph is linked when its predicted cluster also holds another
//!   member of its labelled cluster. Reported per `edit` of the labels, and for light edits
//!   (`edit` = `light`) separately below and at or above a word 5-gram Jaccard (`jaccard5`) of
//!   0.7. The peers' own split (member recall of all edits below / above 0.7) is given too.
//! * *recall by class*: member recall per labelled `class`.
//!
//! **Kinds.** A kind is scored when the labels name it at least once or declare it complete
//! (`covers`).
//! * `boilerplate`, `aggregator_footer`, `internal_duplicate` with paragraph labels: a paragraph
//!   is predicted when `paragraphs[].kinds` lists the kind. Precision/recall of paragraphs.
//! * the same kinds with byte labels: predicted bytes are the member ranges of the kind's
//!   findings; both sides are cut to paragraph bytes (the bytes of the article's paragraphs,
//!   so blank lines between them never count). Byte precision/recall, and the share of
//!   labelled ranges with at least half their bytes predicted ("found").
//! * `syndicated_article`, `duplicate_article`: an article is predicted when it is the copy
//!   (first member) of a finding of the kind; it is positive when labelled a copy of that
//!   kind. An aggregator's copy of another outlet's article counts as `syndicated_article`.
//!   A copy of either kind reported under the other kind is a miss for one and a false
//!   positive for the other.
//!
//! **Reused wording below paragraph level** (labels: `reused_wording`, e.g. reused quotes).
//! Byte ranges, cut to paragraph bytes as above, per article, each byte counted once.
//! * *quote spans*: predicted bytes are the member ranges of `reused_wording` findings with
//!   evidence `shared_span` only. Precision = predicted bytes inside a labelled range /
//!   predicted bytes; recall = labelled bytes inside a predicted range / labelled bytes.
//! * *reused bytes*: the same with the ranges of every `reused_wording` finding (whole
//!   near-duplicate paragraphs included).
//! * *members found*: labelled ranges with at least half their bytes in reused-bytes
//!   predictions; *groups found*: labels with at least two members found (or their one member).
//!
//! **Origins.**
//! * *copies*: for each labelled copy with a known original that is reported as a copy (of
//!   either kind), whether the finding's `origin` is the original.
//! * *reuse*: for each `reused_wording` label with a known origin (given, or else the one
//!   earliest dated member article; a tie on the date leaves it unknown), the covering finding
//!   is the `reused_wording` finding whose ranges overlap the label's most. The label is found
//!   with the right origin when the label is found (as above) and that finding's `origin` is
//!   the labelled one. Accuracy = right / found; recall = right / labelled.
//! * *reuse clusters*: labelled paragraph clusters that are reuse across stories: leaving out
//!   paragraphs labelled `boilerplate` or `aggregator_footer`, their members lie in two or more
//!   stories (a story is an article with its labelled copies and article-cluster mates). Each
//!   is found when a `reused_wording` finding of evidence `near_duplicate` holds some of its
//!   members, and right when the finding holding most of them has the cluster's origin (given,
//!   or the one earliest dated member).
//!
//! **Article pairs** (labels: `article_cluster`, `article_pair`). Findings
//! `syndicated_article` and `duplicate_article` join their two articles; every pair of articles
//! joined directly or through others is a predicted pair. Positives are the pairs inside
//! article clusters and the `positive` pairs; `ignore` pairs are left out of precision; any
//! other predicted pair is a false positive. Recall per tier, the number of `negative` pairs
//! reported per tier, and the share of article clusters all of whose members are joined.
//!
//! **Reuse pairs** (labels: `reuse_pair`). A labelled pair is reported when its two articles
//! have paragraphs in one predicted cluster, or are both members of one `reused_wording`,
//! `syndicated_article` or `duplicate_article` finding. Precision/recall over labelled pairs
//! only; given again counting only shared paragraph clusters (near-duplicates, no spans).
//!
//! With `positive_only` labels, precision can only be read as "share of the predictions
//! inside labelled positives": unlabelled text may be right.

pub mod generated;
pub mod labels;
pub mod metrics;
pub mod render;
pub mod sets;
pub mod source;

use crate::cluster::UnionFind;
use crate::model::{ByteSpan, Evidence, Finding, FindingKind};
use crate::pipeline::Analysis;
use labels::{Labels, PairLabel, ParaCluster, ParaRef, SpanRef};
use metrics::{PairCounts, Prf, Share, covered, intersect, merge, overlap};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The schema name of `reprint eval --format json`.
pub const SCHEMA: &str = "reprint.eval/1";

/// How much to report besides the figures.
#[derive(Clone, Copy, Debug, Default)]
pub struct EvalOptions {
    /// Examples of misses and false positives per score (0: none).
    pub examples: usize,
}

/// Label references the corpus does not hold.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Unresolved {
    /// How many distinct references.
    pub count: u64,
    /// The first few, as `article` or `article#paragraph`.
    pub examples: Vec<String>,
}

/// Scores of paragraph clustering.
#[derive(Clone, Debug, Serialize)]
pub struct ParagraphScores {
    /// Labelled clusters (with at least one resolved member).
    pub labelled_clusters: u64,
    /// Predicted clusters.
    pub predicted_clusters: u64,
    /// Pairs of paragraphs.
    pub pairs: Prf,
    /// Paragraphs in any cluster.
    pub member: Prf,
    /// Adjusted Rand index over all paragraphs.
    pub adjusted_rand: f64,
    /// Light edits with `jaccard5` below 0.7 that are linked to their cluster.
    pub light_below_0_7: Share,
    /// Light edits with `jaccard5` at or above 0.7 that are linked to their cluster.
    pub light_from_0_7: Share,
    /// Members of any edit with `jaccard5` below 0.7 that are in some cluster (the peers' split).
    pub member_below_0_7: Share,
    /// Members of any edit with `jaccard5` at or above 0.7 that are in some cluster.
    pub member_from_0_7: Share,
    /// Linked share per `edit`.
    pub linked_by_edit: BTreeMap<String, Share>,
    /// Member recall per `class`.
    pub recall_by_class: BTreeMap<String, Share>,
}

/// At which level a kind is scored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Paragraphs.
    Paragraphs,
    /// Bytes of labelled ranges.
    Bytes,
    /// Articles.
    Articles,
}

impl Level {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Level::Paragraphs => "paragraphs",
            Level::Bytes => "bytes",
            Level::Articles => "articles",
        }
    }
}

/// The score of one finding kind.
#[derive(Clone, Debug, Serialize)]
pub struct KindScore {
    /// The kind.
    pub kind: FindingKind,
    /// What is counted.
    pub level: Level,
    /// Precision and recall.
    #[serde(flatten)]
    pub prf: Prf,
    /// For byte labels: ranges with at least half their bytes predicted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ranges_found: Option<Share>,
}

/// Scores of reused wording below paragraph level.
#[derive(Clone, Debug, Serialize)]
pub struct ReuseScores {
    /// Labels (with at least one resolved member).
    pub labels: u64,
    /// Bytes of `shared_span` findings against labelled bytes.
    pub quote_spans: Prf,
    /// Bytes of all `reused_wording` findings against labelled bytes.
    pub reused_bytes: Prf,
    /// Labelled ranges at least half covered.
    pub members_found: Share,
    /// Labels found.
    pub groups_found: Share,
}

/// Whether origins are right.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OriginScore {
    /// Items with a known origin.
    pub labelled: u64,
    /// Of those, reported.
    pub found: u64,
    /// Of those, with the right origin.
    pub right: u64,
}

impl OriginScore {
    /// `right / found`.
    pub fn accuracy(&self) -> Option<f64> {
        metrics::ratio(self.right, self.found)
    }

    /// `right / labelled`.
    pub fn recall(&self) -> Option<f64> {
        metrics::ratio(self.right, self.labelled)
    }
}

impl Serialize for OriginScore {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("OriginScore", 5)?;
        st.serialize_field("accuracy", &self.accuracy().map(metrics::round4))?;
        st.serialize_field("recall", &self.recall().map(metrics::round4))?;
        st.serialize_field("labelled", &self.labelled)?;
        st.serialize_field("found", &self.found)?;
        st.serialize_field("right", &self.right)?;
        st.end()
    }
}

/// Origin scores.
#[derive(Clone, Debug, Default, Serialize)]
pub struct OriginScores {
    /// Copies with a labelled original.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copies: Option<OriginScore>,
    /// Reused wording labels with a known origin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse: Option<OriginScore>,
    /// Labelled paragraph clusters reported as reuse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse_clusters: Option<OriginScore>,
}

/// One tier of labelled article pairs.
#[derive(Clone, Debug, Serialize)]
pub struct TierScore {
    /// The verdict of the tier's pairs.
    pub label: &'static str,
    /// Labelled pairs.
    pub labelled: u64,
    /// Of those, reported as copies.
    pub reported: u64,
}

/// Scores of article copies as pairs.
#[derive(Clone, Debug, Serialize)]
pub struct ArticlePairScores {
    /// Pairs of articles.
    pub pairs: Prf,
    /// Per tier (or article-cluster relation).
    pub tiers: BTreeMap<String, TierScore>,
    /// Article clusters all of whose members are joined.
    pub clusters_found: Share,
    /// Copy findings by kind.
    pub reported_as: BTreeMap<String, u64>,
}

/// Scores of labelled pairs that should (not) share reused wording.
#[derive(Clone, Debug, Serialize)]
pub struct ReusePairScores {
    /// Reported: a shared paragraph cluster, or a shared reuse or copy finding.
    pub pairs: Prf,
    /// Reported by a shared paragraph cluster alone (near-duplicates, no spans).
    pub near_duplicates: Prf,
}

/// A paragraph, article or range an example points at.
#[derive(Clone, Debug, Serialize)]
pub struct ExampleItem {
    /// The article's id.
    pub article: String,
    /// Index of the article in the corpus.
    #[serde(skip)]
    pub article_index: u32,
    /// The paragraph, if the item is one.
    pub paragraph: Option<u32>,
    /// First byte in the article's text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// What the item is (labels, kinds, figures).
    pub note: String,
    /// The text, when the caller filled it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
}

/// An example of a miss or a false positive.
#[derive(Clone, Debug, Serialize)]
pub struct Example {
    /// The score it counts against.
    pub score: String,
    /// `missed`, `false positive`, `wrong origin`, `merged` or `split`.
    pub what: &'static str,
    /// The items: the one in question first, then what it should (not) have matched.
    pub items: Vec<ExampleItem>,
}

/// Everything `reprint eval` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// The schema name.
    pub schema: &'static str,
    /// The labelled set's name.
    pub set: Option<String>,
    /// The label files.
    pub sources: Vec<String>,
    /// Whether only some positives are labelled.
    pub positive_only: bool,
    /// Articles in the corpus.
    pub articles: u64,
    /// Paragraphs in the corpus.
    pub paragraphs: u64,
    /// Label references not in the corpus.
    pub unresolved: Unresolved,
    /// Paragraph clustering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paragraph_clusters: Option<ParagraphScores>,
    /// Per kind.
    pub kinds: Vec<KindScore>,
    /// Reused wording below paragraph level.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse: Option<ReuseScores>,
    /// Origins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origins: Option<OriginScores>,
    /// Article copies as pairs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_pairs: Option<ArticlePairScores>,
    /// Labelled pairs sharing reused wording.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reuse_pairs: Option<ReusePairScores>,
    /// Examples of misses and false positives.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// Matches label references to the corpus, counting those it cannot.
struct Resolver<'a> {
    a: &'a Analysis,
    ids: HashMap<&'a str, u32>,
    unresolved: Unresolved,
    missed: HashSet<String>,
}

impl<'a> Resolver<'a> {
    fn new(a: &'a Analysis) -> Resolver<'a> {
        let ids = a
            .store
            .articles
            .iter()
            .enumerate()
            .map(|(i, r)| (r.meta.id.as_str(), i as u32))
            .collect();
        Resolver {
            a,
            ids,
            unresolved: Unresolved::default(),
            missed: HashSet::new(),
        }
    }

    fn miss(&mut self, what: String) {
        if !self.missed.insert(what.clone()) {
            return; // the same reference, met by another score
        }
        self.unresolved.count += 1;
        if self.unresolved.examples.len() < 5 {
            self.unresolved.examples.push(what);
        }
    }

    fn article(&mut self, id: &str) -> Option<u32> {
        let r = self.ids.get(id).copied();
        if r.is_none() {
            self.miss(id.to_string());
        }
        r
    }

    /// The global paragraph index.
    fn para(&mut self, r: &ParaRef) -> Option<usize> {
        let art = self.article(&r.article)?;
        let rec = &self.a.store.articles[art as usize];
        if r.paragraph < rec.n_paras {
            Some(rec.first_para as usize + r.paragraph as usize)
        } else {
            self.miss(format!("{}#{}", r.article, r.paragraph));
            None
        }
    }

    /// The article and the range in its text.
    fn span(&mut self, r: &SpanRef) -> Option<(u32, ByteSpan)> {
        let art = self.article(&r.article)?;
        let rec = &self.a.store.articles[art as usize];
        let base = match r.paragraph {
            None => 0,
            Some(p) if p < rec.n_paras => {
                self.a.store.paras[rec.first_para as usize + p as usize]
                    .span
                    .start
            }
            Some(p) => {
                self.miss(format!("{}#{}", r.article, p));
                return None;
            }
        };
        let (start, end) = (base + r.start, base + r.end);
        if end > rec.text_len {
            self.miss(format!("{}@{}..{}", r.article, start, end));
            return None;
        }
        Some((art, ByteSpan { start, end }))
    }
}

/// Picks up to `n` items spread evenly over `v` (deterministic).
fn spread<T: Clone>(v: &[T], n: usize) -> Vec<T> {
    if v.len() <= n {
        return v.to_vec();
    }
    (0..n).map(|i| v[i * v.len() / n].clone()).collect()
}

/// Builds example items.
struct Items<'a> {
    a: &'a Analysis,
}

impl Items<'_> {
    fn para(&self, p: usize, note: impl Into<String>) -> ExampleItem {
        let store = &self.a.store;
        let art = store.article_of(p);
        let rec = &store.articles[art];
        let span = store.paras[p].span;
        ExampleItem {
            article: rec.meta.id.clone(),
            article_index: art as u32,
            paragraph: Some(p as u32 - rec.first_para),
            start: span.start,
            end: span.end,
            note: note.into(),
            excerpt: None,
        }
    }

    fn article(&self, art: u32, note: impl Into<String>) -> ExampleItem {
        let rec = &self.a.store.articles[art as usize];
        ExampleItem {
            article: rec.meta.id.clone(),
            article_index: art,
            paragraph: None,
            start: 0,
            end: rec.text_len,
            note: note.into(),
            excerpt: None,
        }
    }

    fn span(&self, art: u32, span: ByteSpan, note: impl Into<String>) -> ExampleItem {
        let rec = &self.a.store.articles[art as usize];
        let paragraph = rec.paras().position(|p| {
            let s = self.a.store.paras[p].span;
            s.start <= span.start && span.start < s.end.max(s.start + 1)
        });
        ExampleItem {
            article: rec.meta.id.clone(),
            article_index: art,
            paragraph: paragraph.map(|p| p as u32),
            start: span.start,
            end: span.end,
            note: note.into(),
            excerpt: None,
        }
    }

    fn kinds_of(&self, p: usize) -> String {
        let k: Vec<&str> = self.a.classification.para_kinds[p]
            .iter()
            .map(|k| k.name())
            .collect();
        if k.is_empty() {
            "no kind".into()
        } else {
            k.join(",")
        }
    }
}

/// Collects examples, a few per score and kind of error.
struct Examples {
    n: usize,
    out: Vec<Example>,
}

impl Examples {
    fn add(&mut self, score: &str, what: &'static str, all: Vec<Vec<ExampleItem>>) {
        for items in spread(&all, self.n) {
            self.out.push(Example {
                score: score.to_string(),
                what,
                items,
            });
        }
    }

    /// Adds the first `n` of examples already ranked.
    fn add_top(&mut self, score: &str, what: &'static str, ranked: Vec<Vec<ExampleItem>>) {
        for items in ranked.into_iter().take(self.n) {
            self.out.push(Example {
                score: score.to_string(),
                what,
                items,
            });
        }
    }

    /// Like [`Examples::add`], but builds items only for the picked candidates.
    fn add_with<T: Clone>(
        &mut self,
        score: &str,
        what: &'static str,
        candidates: &[T],
        build: impl Fn(&T) -> Vec<ExampleItem>,
    ) {
        for c in spread(candidates, self.n) {
            self.out.push(Example {
                score: score.to_string(),
                what,
                items: build(&c),
            });
        }
    }
}

/// Scores an analysis against labels.
pub fn evaluate(a: &Analysis, labels: &Labels, opts: &EvalOptions) -> Report {
    let mut r = Resolver::new(a);
    let mut ex = Examples {
        n: opts.examples,
        out: Vec::new(),
    };
    let items = Items { a };
    let paragraph_clusters = paragraph_scores(&mut r, &labels.clusters, &items, &mut ex);
    let mut kinds = paragraph_kind_scores(&mut r, labels, &items, &mut ex);
    kinds.extend(byte_kind_scores(&mut r, labels, &items, &mut ex));
    kinds.extend(article_kind_scores(&mut r, labels, &items, &mut ex));
    let reuse = reuse_scores(&mut r, labels, &items, &mut ex);
    let origins = origin_scores(&mut r, labels, &items, &mut ex);
    let article_pairs = article_pair_scores(&mut r, labels, &items, &mut ex);
    let reuse_pairs = reuse_pair_scores(&mut r, labels, &items, &mut ex);
    Report {
        schema: SCHEMA,
        set: labels.name.clone(),
        sources: labels.sources.clone(),
        positive_only: labels.positive_only,
        articles: a.store.articles.len() as u64,
        paragraphs: a.store.paras.len() as u64,
        unresolved: r.unresolved,
        paragraph_clusters,
        kinds,
        reuse,
        origins,
        article_pairs,
        reuse_pairs,
        examples: ex.out,
    }
}

/// A resolved labelled cluster member: paragraph, member, cluster index.
type Resolved<'l> = (usize, &'l labels::ClusterMember, u32);

fn paragraph_scores(
    r: &mut Resolver<'_>,
    clusters: &[ParaCluster],
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ParagraphScores> {
    if clusters.is_empty() {
        return None;
    }
    let a = r.a;
    let mut truth: HashMap<usize, u32> = HashMap::new();
    let mut members: Vec<Resolved<'_>> = Vec::new();
    for (ci, c) in clusters.iter().enumerate() {
        for m in &c.members {
            if let Some(p) = r.para(&m.para) {
                if truth.insert(p, ci as u32).is_none() {
                    members.push((p, m, ci as u32));
                }
            }
        }
    }
    let pred = |p: usize| a.clusters.of(p);
    let predicted_paras: usize = a.clusters.members.iter().map(Vec::len).sum();
    let truth_of = &truth;
    let items_iter = a
        .clusters
        .members
        .iter()
        .enumerate()
        .flat_map(|(c, m)| {
            m.iter()
                .map(move |&p| (Some(c as u32), truth_of.get(&(p as usize)).copied()))
        })
        .chain(
            members
                .iter()
                .filter(|(p, _, _)| pred(*p).is_none())
                .map(|&(_, _, t)| (None, Some(t))),
        );
    let counts = PairCounts::of(a.store.paras.len() as u64, items_iter);
    let mut both: HashMap<(u32, u32), u32> = HashMap::new();
    for &(p, _, t) in &members {
        if let Some(c) = pred(p) {
            *both.entry((c, t)).or_default() += 1;
        }
    }
    let linked = |p: usize, t: u32| pred(p).is_some_and(|c| both.get(&(c, t)).copied() >= Some(2));
    let member_tp = members.iter().filter(|m| pred(m.0).is_some()).count() as u64;
    let mut s = ParagraphScores {
        labelled_clusters: {
            let mut ids: Vec<u32> = members.iter().map(|m| m.2).collect();
            ids.sort_unstable();
            ids.dedup();
            ids.len() as u64
        },
        predicted_clusters: a.clusters.len() as u64,
        pairs: counts.prf(),
        member: Prf::new(member_tp, predicted_paras as u64, members.len() as u64),
        adjusted_rand: counts.adjusted_rand(),
        light_below_0_7: Share::default(),
        light_from_0_7: Share::default(),
        member_below_0_7: Share::default(),
        member_from_0_7: Share::default(),
        linked_by_edit: BTreeMap::new(),
        recall_by_class: BTreeMap::new(),
    };
    let mut missed: Vec<(usize, u32)> = Vec::new();
    let mut missed_light: Vec<(usize, u32)> = Vec::new();
    for &(p, m, t) in &members {
        let is_linked = linked(p, t);
        let low = m.jaccard5.map(|j| j < 0.7);
        if m.edit.as_deref() == Some("light") {
            match low {
                Some(true) => s.light_below_0_7.add(is_linked),
                Some(false) => s.light_from_0_7.add(is_linked),
                None => {}
            }
        }
        match low {
            Some(true) => s.member_below_0_7.add(pred(p).is_some()),
            Some(false) => s.member_from_0_7.add(pred(p).is_some()),
            None => {}
        }
        if let Some(e) = &m.edit {
            s.linked_by_edit
                .entry(e.clone())
                .or_default()
                .add(is_linked);
        }
        let class = clusters[t as usize].class.clone().unwrap_or_default();
        s.recall_by_class
            .entry(class)
            .or_default()
            .add(pred(p).is_some());
        if !is_linked {
            missed.push((p, t));
            if m.edit.as_deref() == Some("light") && low == Some(true) {
                missed_light.push((p, t));
            }
        }
    }
    if ex.n > 0 {
        // Each resolved member's labelled cluster, to show a sibling next to a miss.
        let mut siblings: HashMap<u32, Vec<usize>> = HashMap::new();
        for &(p, _, t) in &members {
            siblings.entry(t).or_default().push(p);
        }
        let by_para: HashMap<usize, &labels::ClusterMember> =
            members.iter().map(|&(p, m, _)| (p, m)).collect();
        let describe = |p: usize, t: u32, role: &str| {
            let c = &clusters[t as usize];
            let m = by_para.get(&p);
            format!(
                "{role}; labelled {} ({}), edit {}, jaccard5 {}; predicted cluster {}; kinds {}",
                c.id,
                c.class.as_deref().unwrap_or("-"),
                m.and_then(|m| m.edit.as_deref()).unwrap_or("-"),
                m.and_then(|m| m.jaccard5)
                    .map_or("-".into(), |j| format!("{j:.3}")),
                pred(p).map_or("none".into(), |c| c.to_string()),
                items.kinds_of(p)
            )
        };
        let show_miss = |&(p, t): &(usize, u32)| {
            let mut v = vec![items.para(p, describe(p, t, "missed"))];
            // Prefer the member the miss was edited from (an exact copy), else any other.
            let sib = siblings[&t]
                .iter()
                .copied()
                .filter(|&q| q != p)
                .min_by_key(|q| {
                    by_para
                        .get(q)
                        .map_or(1, |m| u8::from(m.edit.as_deref() != Some("exact")))
                });
            if let Some(q) = sib {
                v.push(items.para(q, describe(q, t, "labelled with it")));
            }
            v
        };
        ex.add_with(
            "light edits, jaccard5 < 0.7",
            "missed",
            &missed_light,
            show_miss,
        );
        ex.add_with("paragraph pairs", "missed", &missed, show_miss);
        // False links: predicted members with no labelled sibling in their predicted cluster.
        let mut false_links: Vec<usize> = Vec::new();
        for (c, m) in a.clusters.members.iter().enumerate() {
            for &p in m {
                let p = p as usize;
                let ok = truth
                    .get(&p)
                    .is_some_and(|&t| both.get(&(c as u32, t)).copied() >= Some(2));
                if !ok {
                    false_links.push(p);
                }
            }
        }
        ex.add_with("paragraph pairs", "false positive", &false_links, |&p| {
            let c = pred(p).unwrap_or(u32::MAX);
            let note = |q: usize, role: &str| match truth.get(&q) {
                Some(&t) => describe(q, t, role),
                None => format!(
                    "{role}; unlabelled; predicted cluster {c}; kinds {}",
                    items.kinds_of(q)
                ),
            };
            let mut v = vec![items.para(p, note(p, "falsely linked"))];
            if let Some(&q) = a.clusters.members[c as usize]
                .iter()
                .find(|&&q| q as usize != p)
            {
                v.push(items.para(q as usize, note(q as usize, "linked with it")));
            }
            v
        });
        merged_and_split(a, &members, clusters, items, ex);
    }
    Some(s)
}

/// Examples of the predicted clusters that join most labelled pairs wrongly (merged), and of
/// the labelled clusters whose pairs are most often missed (split), largest first.
fn merged_and_split(
    a: &Analysis,
    members: &[Resolved<'_>],
    clusters: &[ParaCluster],
    items: &Items<'_>,
    ex: &mut Examples,
) {
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as u64;
    let label_of: HashMap<usize, u32> = members.iter().map(|&(p, _, t)| (p, t)).collect();
    let name = |t: Option<u32>| match t {
        Some(t) => {
            let c = &clusters[t as usize];
            format!("labelled {} ({})", c.id, c.class.as_deref().unwrap_or("-"))
        }
        None => "unlabelled".to_string(),
    };
    // Merged: a predicted cluster's groups by label (each unlabelled paragraph its own group).
    let mut merged: Vec<(u64, usize, Vec<Vec<usize>>)> = Vec::new();
    for (c, m) in a.clusters.members.iter().enumerate() {
        let mut groups: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
        for &p in m {
            let p = p as usize;
            let key = match label_of.get(&p) {
                Some(&t) => (t, 0),
                None => (u32::MAX, p),
            };
            groups.entry(key).or_default().push(p);
        }
        let wrong = pairs(m.len()) - groups.values().map(|g| pairs(g.len())).sum::<u64>();
        if wrong > 0 {
            let mut g: Vec<Vec<usize>> = groups.into_values().collect();
            g.sort_by_key(|g| std::cmp::Reverse(g.len()));
            merged.push((wrong, c, g));
        }
    }
    merged.sort_by_key(|x| (std::cmp::Reverse(x.0), x.1));
    let total = merged.len();
    let shown: Vec<Vec<ExampleItem>> = merged
        .into_iter()
        .take(ex.n)
        .map(|(wrong, c, groups)| {
            let size = a.clusters.members[c].len();
            let n_groups = groups.len();
            groups
                .iter()
                .take(3)
                .map(|g| {
                    let note = format!(
                        "{} of predicted cluster {c}'s {size} paragraphs ({n_groups} labels, {wrong} false pairs, 1 of {total} such clusters): {}",
                        g.len(),
                        name(label_of.get(&g[0]).copied())
                    );
                    items.para(g[0], note)
                })
                .collect()
        })
        .collect();
    ex.add_top("paragraph pairs", "merged", shown);
    // Split: a labelled cluster's members by predicted cluster (unpredicted: singletons).
    let mut by_label: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &(p, _, t) in members {
        by_label.entry(t).or_default().push(p);
    }
    let mut split: Vec<(u64, u32, Vec<Vec<usize>>)> = Vec::new();
    for (t, ps) in by_label {
        let mut groups: BTreeMap<(u32, usize), Vec<usize>> = BTreeMap::new();
        for &p in &ps {
            let key = match a.clusters.of(p) {
                Some(c) => (c, 0),
                None => (u32::MAX, p),
            };
            groups.entry(key).or_default().push(p);
        }
        let missed = pairs(ps.len()) - groups.values().map(|g| pairs(g.len())).sum::<u64>();
        if missed > 0 {
            let mut g: Vec<Vec<usize>> = groups.into_values().collect();
            g.sort_by_key(|g| std::cmp::Reverse(g.len()));
            split.push((missed, t, g));
        }
    }
    split.sort_by_key(|x| (std::cmp::Reverse(x.0), x.1));
    let total = split.len();
    let shown: Vec<Vec<ExampleItem>> = split
        .into_iter()
        .take(ex.n)
        .map(|(missed, t, groups)| {
            let n_groups = groups.len();
            groups
                .iter()
                .take(3)
                .map(|g| {
                    let c = a
                        .clusters
                        .of(g[0])
                        .map_or("no predicted cluster".into(), |c| format!("predicted cluster {c}"));
                    let note = format!(
                        "{} paragraphs in {c} ({}, split in {n_groups}, {missed} missed pairs, 1 of {total} such clusters)",
                        g.len(),
                        name(Some(t))
                    );
                    items.para(g[0], note)
                })
                .collect()
        })
        .collect();
    ex.add_top("paragraph pairs", "split", shown);
}

fn paragraph_kind_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Vec<KindScore> {
    let a = r.a;
    let scored = labels.scored_kinds();
    let mut out = Vec::new();
    for kind in [
        FindingKind::Boilerplate,
        FindingKind::AggregatorFooter,
        FindingKind::InternalDuplicate,
    ] {
        let has_paras = labels.kind_paras.iter().any(|k| k.kind == kind);
        let has_spans = labels.kind_spans.iter().any(|k| k.kind == kind);
        if !(has_paras || (scored.contains(kind) && !has_spans)) {
            continue;
        }
        let truth: HashSet<usize> = labels
            .kind_paras
            .iter()
            .filter(|k| k.kind == kind)
            .filter_map(|k| r.para(&k.para))
            .collect();
        let predicted: Vec<usize> = (0..a.store.paras.len())
            .filter(|&p| a.classification.para_kinds[p].contains(kind))
            .collect();
        let tp = predicted.iter().filter(|p| truth.contains(p)).count() as u64;
        out.push(KindScore {
            kind,
            level: Level::Paragraphs,
            prf: Prf::new(tp, predicted.len() as u64, truth.len() as u64),
            ranges_found: None,
        });
        if ex.n > 0 {
            let mut missed: Vec<usize> = truth
                .iter()
                .copied()
                .filter(|&p| !a.classification.para_kinds[p].contains(kind))
                .collect();
            missed.sort_unstable();
            let false_pos: Vec<usize> = predicted
                .into_iter()
                .filter(|p| !truth.contains(p))
                .collect();
            let clusters = &a.clusters;
            let show = |p: usize, role: &str| {
                let note = format!(
                    "{role}; kinds {}; predicted cluster {}",
                    items.kinds_of(p),
                    clusters.of(p).map_or("none".into(), |c| format!(
                        "{c} ({} paragraphs)",
                        clusters.members[c as usize].len()
                    ))
                );
                vec![items.para(p, note)]
            };
            ex.add_with(kind.name(), "missed", &missed, |&p| show(p, "labelled"));
            ex.add_with(kind.name(), "false positive", &false_pos, |&p| {
                show(p, "not labelled")
            });
        }
    }
    out
}

/// Merged ranges per article.
type ByteMap = BTreeMap<u32, Vec<ByteSpan>>;

fn to_map(spans: impl IntoIterator<Item = (u32, ByteSpan)>) -> ByteMap {
    let mut m: ByteMap = BTreeMap::new();
    for (art, s) in spans {
        m.entry(art).or_default().push(s);
    }
    for v in m.values_mut() {
        *v = merge(std::mem::take(v));
    }
    m
}

/// The article's paragraph bytes.
fn para_bytes(a: &Analysis, art: u32) -> Vec<ByteSpan> {
    let rec = &a.store.articles[art as usize];
    merge(rec.paras().map(|p| a.store.paras[p].span).collect())
}

/// Cuts every article's ranges to its paragraph bytes.
fn in_paragraphs(a: &Analysis, m: ByteMap) -> ByteMap {
    m.into_iter()
        .map(|(art, v)| (art, intersect(&v, &para_bytes(a, art))))
        .collect()
}

/// The member ranges of findings that pass `keep`, per article, cut to paragraph bytes.
fn finding_bytes(a: &Analysis, keep: impl Fn(&Finding) -> bool) -> ByteMap {
    let spans = a
        .classification
        .findings
        .iter()
        .filter(|f| keep(f))
        .flat_map(|f| f.members.iter().map(|m| (m.article.0, m.span)));
    in_paragraphs(a, to_map(spans))
}

/// Byte precision/recall of `pred` against `truth`.
fn byte_prf(pred: &ByteMap, truth: &ByteMap) -> Prf {
    let total = |m: &ByteMap| m.values().map(|v| covered(v)).sum::<u64>();
    let tp: u64 = truth
        .iter()
        .filter_map(|(art, t)| pred.get(art).map(|p| overlap(p, t)))
        .sum();
    Prf::new(tp, total(pred), total(truth))
}

/// Whether at least half of a range's paragraph bytes are in `pred`; `None` when the range
/// holds no paragraph byte.
fn half_covered(a: &Analysis, pred: &ByteMap, art: u32, span: ByteSpan) -> Option<bool> {
    let mine = intersect(&[span], &para_bytes(a, art));
    let size = covered(&mine);
    if size == 0 {
        return None;
    }
    let got = pred.get(&art).map_or(0, |p| overlap(p, &mine));
    Some(got * 2 >= size)
}

fn is_shared_span(f: &Finding) -> bool {
    f.kind == FindingKind::ReusedWording && matches!(f.evidence, Evidence::SharedSpan { .. })
}

fn byte_kind_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Vec<KindScore> {
    let a = r.a;
    let mut out = Vec::new();
    for kind in FindingKind::ALL {
        let spans: Vec<(u32, ByteSpan)> = labels
            .kind_spans
            .iter()
            .filter(|k| k.kind == kind)
            .filter_map(|k| r.span(&k.span))
            .collect();
        if spans.is_empty() {
            continue;
        }
        let truth = in_paragraphs(a, to_map(spans.iter().copied()));
        let pred = finding_bytes(a, |f| f.kind == kind);
        let mut found = Share::default();
        let mut missed = Vec::new();
        for &(art, s) in &spans {
            if let Some(hit) = half_covered(a, &pred, art, s) {
                found.add(hit);
                if !hit {
                    missed.push((art, s));
                }
            }
        }
        out.push(KindScore {
            kind,
            level: Level::Bytes,
            prf: byte_prf(&pred, &truth),
            ranges_found: Some(found),
        });
        if ex.n > 0 {
            ex.add_with(kind.name(), "missed", &missed, |&(art, s)| {
                vec![items.span(art, s, "labelled range")]
            });
            // Predicted paragraphs of the kind that touch no labelled byte.
            let mut false_pos = Vec::new();
            for (p, k) in a.classification.para_kinds.iter().enumerate() {
                if !k.contains(kind) {
                    continue;
                }
                let art = a.store.article_of(p) as u32;
                let span = a.store.paras[p].span;
                if truth.get(&art).is_none_or(|t| overlap(t, &[span]) == 0) {
                    false_pos.push(p);
                }
            }
            ex.add_with(kind.name(), "false positive", &false_pos, |&p| {
                vec![items.para(p, "flagged, outside every labelled range")]
            });
        }
    }
    out
}

fn article_kind_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Vec<KindScore> {
    let a = r.a;
    let scored = labels.scored_kinds();
    let mut out = Vec::new();
    for kind in [
        FindingKind::SyndicatedArticle,
        FindingKind::DuplicateArticle,
    ] {
        if !scored.contains(kind) {
            continue;
        }
        let mut truth: BTreeMap<u32, Option<String>> = BTreeMap::new();
        for c in labels.copies.iter().filter(|c| c.kind == kind) {
            if let Some(art) = r.article(&c.article) {
                truth.insert(art, c.original.clone());
            }
        }
        let mut predicted: BTreeMap<u32, u32> = BTreeMap::new();
        for f in a.classification.findings.iter().filter(|f| f.kind == kind) {
            if let (Some(copy), Some(src)) = (f.members.first(), f.members.get(1)) {
                predicted.entry(copy.article.0).or_insert(src.article.0);
            }
        }
        let tp = predicted.keys().filter(|k| truth.contains_key(k)).count() as u64;
        out.push(KindScore {
            kind,
            level: Level::Articles,
            prf: Prf::new(tp, predicted.len() as u64, truth.len() as u64),
            ranges_found: None,
        });
        if ex.n > 0 {
            let ids = &r.ids;
            let missed: Vec<(u32, Option<String>)> = truth
                .iter()
                .filter(|(k, _)| !predicted.contains_key(k))
                .map(|(k, o)| (*k, o.clone()))
                .collect();
            ex.add_with(kind.name(), "missed", &missed, |(art, orig)| {
                let mut v = vec![items.article(*art, "labelled copy")];
                if let Some(o) = orig.as_deref().and_then(|o| ids.get(o)) {
                    v.push(items.article(*o, "its labelled original"));
                }
                v
            });
            let false_pos: Vec<(u32, u32)> = predicted
                .iter()
                .filter(|(k, _)| !truth.contains_key(k))
                .map(|(k, s)| (*k, *s))
                .collect();
            ex.add_with(kind.name(), "false positive", &false_pos, |&(art, src)| {
                vec![
                    items.article(art, "reported copy, not labelled"),
                    items.article(src, "reported source"),
                ]
            });
        }
    }
    out
}

/// The one earliest dated article; `None` when none is dated or two differ on the same date.
fn earliest(a: &Analysis, arts: impl IntoIterator<Item = u32>) -> Option<u32> {
    let mut best: Option<(i64, u32)> = None;
    let mut tie = false;
    for x in arts {
        let Some(d) = a.store.articles[x as usize].date_key else {
            continue;
        };
        match best {
            None => best = Some((d, x)),
            Some((bd, _)) if d < bd => {
                best = Some((d, x));
                tie = false;
            }
            Some((bd, bx)) if d == bd && x != bx => tie = true,
            _ => {}
        }
    }
    if tie { None } else { best.map(|b| b.1) }
}

/// A reuse label with its members resolved and cut to paragraph bytes.
struct ResolvedReuse {
    members: Vec<(u32, ByteSpan)>,
    origin: Option<u32>,
}

fn resolve_reuse(r: &mut Resolver<'_>, labels: &Labels) -> Vec<ResolvedReuse> {
    labels
        .reused
        .iter()
        .filter_map(|l| {
            let members: Vec<(u32, ByteSpan)> =
                l.members.iter().filter_map(|m| r.span(m)).collect();
            if members.is_empty() {
                return None;
            }
            let origin = match &l.origin {
                Some(o) => r.article(o),
                None => {
                    let mut arts: Vec<u32> = members.iter().map(|m| m.0).collect();
                    arts.sort_unstable();
                    arts.dedup();
                    if arts.len() >= 2 {
                        earliest(r.a, arts)
                    } else {
                        None
                    }
                }
            };
            Some(ResolvedReuse { members, origin })
        })
        .collect()
}

/// Whether a label is found: at least two of its members (or its one member) half covered.
fn label_found(a: &Analysis, pred: &ByteMap, l: &ResolvedReuse) -> (bool, Vec<bool>) {
    let hits: Vec<bool> = l
        .members
        .iter()
        .map(|&(art, s)| half_covered(a, pred, art, s).unwrap_or(false))
        .collect();
    let n = hits.iter().filter(|&&h| h).count();
    (n >= l.members.len().min(2), hits)
}

fn reuse_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ReuseScores> {
    if labels.reused.is_empty() {
        return None;
    }
    let a = r.a;
    let resolved = resolve_reuse(r, labels);
    let truth = in_paragraphs(
        a,
        to_map(resolved.iter().flat_map(|l| l.members.iter().copied())),
    );
    let quotes = finding_bytes(a, is_shared_span);
    let reused = finding_bytes(a, |f| f.kind == FindingKind::ReusedWording);
    let mut members_found = Share::default();
    let mut groups_found = Share::default();
    let mut missed: Vec<usize> = Vec::new();
    for (i, l) in resolved.iter().enumerate() {
        let (found, hits) = label_found(a, &reused, l);
        for h in hits {
            members_found.add(h);
        }
        groups_found.add(found);
        if !found {
            missed.push(i);
        }
    }
    if ex.n > 0 {
        ex.add_with("reused wording", "missed", &missed, |&i| {
            resolved[i]
                .members
                .iter()
                .take(3)
                .map(|&(art, s)| {
                    let hit = half_covered(a, &reused, art, s).unwrap_or(false);
                    let note = if hit {
                        "labelled range, covered"
                    } else {
                        "labelled range, not covered"
                    };
                    items.span(art, s, note)
                })
                .collect()
        });
        // Span findings that touch no labelled byte.
        let mut false_pos: Vec<(u32, ByteSpan, usize)> = Vec::new();
        for (fi, f) in a.classification.findings.iter().enumerate() {
            if !is_shared_span(f) {
                continue;
            }
            for m in &f.members {
                if truth
                    .get(&m.article.0)
                    .is_none_or(|t| overlap(t, &[m.span]) == 0)
                {
                    false_pos.push((m.article.0, m.span, fi));
                }
            }
        }
        ex.add_with(
            "quote spans",
            "false positive",
            &false_pos,
            |&(art, s, fi)| {
                let f = &a.classification.findings[fi];
                let mut v =
                    vec![items.span(art, s, format!("shared_span finding {fi}, not labelled"))];
                if let Some(o) = f.members.iter().find(|m| m.article.0 != art) {
                    v.push(items.span(o.article.0, o.span, "same finding"));
                }
                v
            },
        );
    }
    Some(ReuseScores {
        labels: resolved.len() as u64,
        quote_spans: byte_prf(&quotes, &truth),
        reused_bytes: byte_prf(&reused, &truth),
        members_found,
        groups_found,
    })
}

fn origin_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<OriginScores> {
    let a = r.a;
    let findings = &a.classification.findings;
    let origin_of = |f: &Finding| f.origin.as_ref().map(|o| o.article.0);
    let mut out = OriginScores::default();
    let mut wrong: Vec<Vec<ExampleItem>> = Vec::new();

    // Copies.
    let with_original: Vec<_> = labels
        .copies
        .iter()
        .filter(|c| c.original.is_some())
        .collect();
    if !with_original.is_empty() {
        let mut copy_finding: HashMap<u32, usize> = HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            if matches!(
                f.kind,
                FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle
            ) {
                if let Some(m) = f.members.first() {
                    copy_finding.entry(m.article.0).or_insert(i);
                }
            }
        }
        let mut s = OriginScore::default();
        for c in with_original {
            let (Some(copy), Some(orig)) = (
                r.article(&c.article),
                c.original.as_deref().and_then(|o| r.article(o)),
            ) else {
                continue;
            };
            s.labelled += 1;
            if let Some(&fi) = copy_finding.get(&copy) {
                s.found += 1;
                let got = origin_of(&findings[fi]);
                if got == Some(orig) {
                    s.right += 1;
                } else if wrong.len() < 10_000 {
                    let mut v = vec![
                        items.article(copy, "copy"),
                        items.article(orig, "labelled original"),
                    ];
                    if let Some(g) = got {
                        v.push(items.article(g, "reported origin"));
                    }
                    wrong.push(v);
                }
            }
        }
        out.copies = Some(s);
    }

    // Reused wording.
    if !labels.reused.is_empty() {
        let resolved = resolve_reuse(r, labels);
        let reused = finding_bytes(a, |f| f.kind == FindingKind::ReusedWording);
        // Reuse finding ranges per article, to find the covering finding.
        let mut ranges: HashMap<u32, Vec<(usize, ByteSpan)>> = HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            if f.kind == FindingKind::ReusedWording {
                for m in &f.members {
                    ranges.entry(m.article.0).or_default().push((i, m.span));
                }
            }
        }
        let mut s = OriginScore::default();
        let mut missed: Vec<Vec<ExampleItem>> = Vec::new();
        for l in &resolved {
            let Some(truth) = l.origin else { continue };
            s.labelled += 1;
            let (found, _) = label_found(a, &reused, l);
            let mut weight: BTreeMap<usize, u64> = BTreeMap::new();
            for &(art, span) in &l.members {
                for &(fi, fs) in ranges.get(&art).into_iter().flatten() {
                    let o = overlap(&[span], &[fs]);
                    if o > 0 {
                        *weight.entry(fi).or_default() += o;
                    }
                }
            }
            let cover = weight
                .iter()
                .max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0)))
                .map(|(&fi, _)| fi);
            match (found, cover) {
                (true, Some(fi)) => {
                    s.found += 1;
                    let got = origin_of(&findings[fi]);
                    if got == Some(truth) {
                        s.right += 1;
                    } else {
                        let (art, span) = l.members[0];
                        let mut v = vec![
                            items.span(art, span, format!("labelled; covered by finding {fi}")),
                            items.article(truth, "labelled origin"),
                        ];
                        if let Some(g) = got {
                            v.push(items.article(g, "reported origin"));
                        }
                        wrong.push(v);
                    }
                }
                _ => {
                    let (art, span) = l.members[0];
                    missed.push(vec![
                        items.span(art, span, "labelled, not found as reuse"),
                        items.article(truth, "labelled origin"),
                    ]);
                }
            }
        }
        out.reuse = Some(s);
        ex.add("reuse with origin", "missed", missed);
    }

    // Labelled paragraph clusters reported as reuse.
    if !labels.clusters.is_empty() {
        let mut finding_of: HashMap<usize, usize> = HashMap::new();
        for (i, f) in findings.iter().enumerate() {
            if f.kind == FindingKind::ReusedWording
                && matches!(f.evidence, Evidence::NearDuplicate { .. })
            {
                for m in &f.members {
                    if let Some(p) = m.paragraph {
                        let g = a.store.articles[m.article.get()].first_para as usize + p as usize;
                        finding_of.entry(g).or_insert(i);
                    }
                }
            }
        }
        // Labelled stories: an article with its labelled copies.
        let mut story = UnionFind::new(a.store.articles.len());
        for g in &labels.article_groups {
            let arts: Vec<u32> = g.members.iter().filter_map(|m| r.article(m)).collect();
            for w in arts.windows(2) {
                story.union(w[0], w[1]);
            }
        }
        for c in &labels.copies {
            if let (Some(x), Some(y)) = (
                r.article(&c.article),
                c.original.as_deref().and_then(|o| r.article(o)),
            ) {
                story.union(x, y);
            }
        }
        let furniture: HashSet<usize> = labels
            .kind_paras
            .iter()
            .filter(|k| {
                matches!(
                    k.kind,
                    FindingKind::Boilerplate | FindingKind::AggregatorFooter
                )
            })
            .filter_map(|k| r.para(&k.para))
            .collect();
        let mut s = OriginScore::default();
        for c in &labels.clusters {
            let paras: Vec<usize> = c
                .members
                .iter()
                .filter_map(|m| r.para(&m.para))
                .filter(|p| !furniture.contains(p))
                .collect();
            let mut arts: Vec<u32> = paras
                .iter()
                .map(|&p| a.store.article_of(p) as u32)
                .collect();
            arts.sort_unstable();
            arts.dedup();
            let mut stories: Vec<u32> = arts.iter().map(|&x| story.find(x)).collect();
            stories.sort_unstable();
            stories.dedup();
            if stories.len() < 2 {
                continue; // not reuse across stories: copies, boilerplate, footers
            }
            let truth = match &c.origin {
                Some(o) => r.article(o),
                None => earliest(a, arts.iter().copied()),
            };
            let Some(truth) = truth else { continue };
            s.labelled += 1;
            let mut count: BTreeMap<usize, u32> = BTreeMap::new();
            for p in &paras {
                if let Some(&fi) = finding_of.get(p) {
                    *count.entry(fi).or_default() += 1;
                }
            }
            let Some((&fi, _)) = count.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))) else {
                continue;
            };
            s.found += 1;
            let got = origin_of(&findings[fi]);
            if got == Some(truth) {
                s.right += 1;
            } else {
                let mut v =
                    vec![items.article(truth, format!("labelled origin of cluster {}", c.id))];
                if let Some(g) = got {
                    v.push(items.article(g, format!("reported origin (finding {fi})")));
                }
                wrong.push(v);
            }
        }
        out.reuse_clusters = Some(s);
    }
    ex.add("origins", "wrong origin", wrong);
    (out.copies.is_some() || out.reuse.is_some() || out.reuse_clusters.is_some()).then_some(out)
}

fn article_pair_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ArticlePairScores> {
    if labels.article_groups.is_empty() && labels.article_pairs.is_empty() {
        return None;
    }
    let a = r.a;
    let n = a.store.articles.len();
    let mut uf = UnionFind::new(n);
    let mut reported_as: BTreeMap<String, u64> = BTreeMap::new();
    for f in &a.classification.findings {
        if matches!(
            f.kind,
            FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle
        ) {
            if let (Some(x), Some(y)) = (f.members.first(), f.members.get(1)) {
                uf.union(x.article.0, y.article.0);
                *reported_as.entry(f.kind.name().to_string()).or_default() += 1;
            }
        }
    }
    let mut components: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for x in 0..n as u32 {
        components.entry(uf.find(x)).or_default().push(x);
    }
    let mut predicted: HashSet<(u32, u32)> = HashSet::new();
    for m in components.values().filter(|m| m.len() >= 2) {
        for i in 0..m.len() {
            for j in i + 1..m.len() {
                predicted.insert((m[i], m[j]));
            }
        }
    }
    let key = |x: u32, y: u32| (x.min(y), x.max(y));
    // Labelled pairs: verdict and tier; the first label of a pair wins.
    let mut labelled: BTreeMap<(u32, u32), (PairLabel, String)> = BTreeMap::new();
    let mut clusters_found = Share::default();
    for g in &labels.article_groups {
        let arts: Vec<u32> = g.members.iter().filter_map(|m| r.article(m)).collect();
        let tier = g.relation.clone().unwrap_or_else(|| "cluster".into());
        for i in 0..arts.len() {
            for j in i + 1..arts.len() {
                labelled
                    .entry(key(arts[i], arts[j]))
                    .or_insert((PairLabel::Positive, tier.clone()));
            }
        }
        if arts.len() >= 2 {
            let root = uf.find(arts[0]);
            clusters_found.add(arts.iter().all(|&x| uf.find(x) == root));
        }
    }
    for p in &labels.article_pairs {
        let (Some(x), Some(y)) = (r.article(&p.a), r.article(&p.b)) else {
            continue;
        };
        let tier = p.tier.clone().unwrap_or_else(|| p.label.name().to_string());
        labelled.entry(key(x, y)).or_insert((p.label, tier));
    }
    let mut tiers: BTreeMap<String, TierScore> = BTreeMap::new();
    let (mut tp, mut truth, mut ignored) = (0u64, 0u64, 0u64);
    let mut missed = Vec::new();
    for (&pair, (label, tier)) in &labelled {
        let hit = predicted.contains(&pair);
        let t = tiers.entry(tier.clone()).or_insert(TierScore {
            label: label.name(),
            labelled: 0,
            reported: 0,
        });
        t.labelled += 1;
        t.reported += u64::from(hit);
        match label {
            PairLabel::Positive => {
                truth += 1;
                tp += u64::from(hit);
                if !hit {
                    missed.push((pair, tier.clone()));
                }
            }
            PairLabel::Ignore => ignored += u64::from(hit),
            PairLabel::Negative => {}
        }
    }
    if ex.n > 0 {
        ex.add_with("article pairs", "missed", &missed, |&((x, y), ref tier)| {
            vec![
                items.article(x, format!("labelled {tier}")),
                items.article(y, format!("labelled {tier}")),
            ]
        });
        let mut false_pos: Vec<(u32, u32)> = predicted
            .iter()
            .copied()
            .filter(|p| {
                labelled
                    .get(p)
                    .is_none_or(|(l, _)| *l == PairLabel::Negative)
            })
            .collect();
        false_pos.sort_unstable();
        ex.add_with("article pairs", "false positive", &false_pos, |&(x, y)| {
            let note = labelled
                .get(&(x, y))
                .map_or("unlabelled".to_string(), |(_, t)| format!("labelled {t}"));
            vec![items.article(x, note.clone()), items.article(y, note)]
        });
    }
    Some(ArticlePairScores {
        pairs: Prf::new(tp, predicted.len() as u64 - ignored, truth),
        tiers,
        clusters_found,
        reported_as,
    })
}

fn reuse_pair_scores(
    r: &mut Resolver<'_>,
    labels: &Labels,
    items: &Items<'_>,
    ex: &mut Examples,
) -> Option<ReusePairScores> {
    if labels.reuse_pairs.is_empty() {
        return None;
    }
    let a = r.a;
    let mut finding_sets: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, f) in a.classification.findings.iter().enumerate() {
        if matches!(
            f.kind,
            FindingKind::ReusedWording
                | FindingKind::SyndicatedArticle
                | FindingKind::DuplicateArticle
        ) {
            for m in &f.members {
                finding_sets.entry(m.article.0).or_default().push(i);
            }
        }
    }
    let clusters_of = |art: u32| -> Vec<u32> {
        let mut v: Vec<u32> = a.store.articles[art as usize]
            .paras()
            .filter_map(|p| a.clusters.of(p))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let shares = |x: &[usize], y: &[usize]| x.iter().any(|i| y.contains(i));
    let (mut tp, mut pred, mut truth) = (0u64, 0u64, 0u64);
    let (mut tp_near, mut pred_near) = (0u64, 0u64);
    let mut missed = Vec::new();
    let mut false_pos = Vec::new();
    for p in &labels.reuse_pairs {
        if p.label == PairLabel::Ignore {
            continue;
        }
        let (Some(x), Some(y)) = (r.article(&p.a), r.article(&p.b)) else {
            continue;
        };
        let (cx, cy) = (clusters_of(x), clusters_of(y));
        let empty = Vec::new();
        let near = cx.iter().any(|c| cy.contains(c));
        let reported = near
            || shares(
                finding_sets.get(&x).unwrap_or(&empty),
                finding_sets.get(&y).unwrap_or(&empty),
            );
        let positive = p.label == PairLabel::Positive;
        pred += u64::from(reported);
        truth += u64::from(positive);
        tp += u64::from(reported && positive);
        pred_near += u64::from(near);
        tp_near += u64::from(near && positive);
        if positive && !reported {
            missed.push((x, y));
        } else if reported && !positive {
            false_pos.push((x, y));
        }
    }
    if ex.n > 0 {
        let show = |&(x, y): &(u32, u32)| {
            vec![
                items.article(x, "labelled pair"),
                items.article(y, "labelled pair"),
            ]
        };
        ex.add_with("reuse pairs", "missed", &missed, show);
        ex.add_with("reuse pairs", "false positive", &false_pos, show);
    }
    Some(ReusePairScores {
        pairs: Prf::new(tp, pred, truth),
        near_duplicates: Prf::new(tp_near, pred_near, truth),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::corpus::Corpus;
    use crate::pipeline::{Engine, analyze};
    use crate::progress::NoProgress;

    const WIRE: &str = "The regional council voted on Tuesday to extend the ferry timetable by two weeks after hundreds of commuters complained about the cancelled crossings.";
    const WIRE_EDITED: &str = "The regional council voted on Wednesday to extend the ferry timetable by three weeks after hundreds of commuters complained about the cancelled crossings.";

    const X1: [&str; 2] = [
        "Harbour officials met the mayor about dredging the old canal near the fish market, which has silted up since the storms of last winter.",
        "They agreed to ask the state for money before the tourist season begins, and local traders say the smell has kept visitors away for months.",
    ];
    const X2: [&str; 2] = [
        "The orchestra will play the winter concert in the new hall on the hill, organisers said, after the old theatre closed for repairs to its roof.",
        "Tickets go on sale next week at the library and online, and children under twelve will be admitted free of charge with an adult.",
    ];
    const X3: [&str; 2] = [
        "Farmers in the valley expect an early harvest of apples and pears after a mild spring, although growers warn of a shortage of pickers.",
        "Several orchards have raised wages and offered housing to attract seasonal workers from the cities before the fruit rots on the branches.",
    ];

    /// Three articles of three outlets, each a wire paragraph (lightly edited in x3) between
    /// two paragraphs of its own.
    fn analysis() -> (tempfile::TempDir, Analysis) {
        let dir = tempfile::tempdir().unwrap();
        let lines = [
            ("x1", "A", "2021-01-01", X1, WIRE),
            ("x2", "B", "2021-01-02", X2, WIRE),
            ("x3", "C", "2021-01-03", X3, WIRE_EDITED),
        ];
        let body: String = lines
            .iter()
            .map(|(id, src, date, own, wire)| {
                let text = format!("{}\n\n{wire}\n\n{}", own[0], own[1]);
                serde_json::json!({"id": id, "source": src, "date": date, "text": text}).to_string()
                    + "\n"
            })
            .collect();
        std::fs::write(dir.path().join("c.jsonl"), body).unwrap();
        let corpus = Corpus::discover(&[dir.path().join("c.jsonl")], &mut Vec::new()).unwrap();
        let a = analyze(
            &corpus,
            &Engine::new(Config::default()).unwrap(),
            &NoProgress,
        );
        (dir, a)
    }

    fn labels(text: &str) -> Labels {
        labels::read_jsonl(text.as_bytes(), "t").unwrap()
    }

    #[test]
    fn a_perfect_cluster_label_scores_one() {
        let (_d, a) = analysis();
        assert_eq!(a.clusters.len(), 1, "the wire paragraph clusters");
        let l = labels(
            r#"{"kind":"cluster","id":"w","members":[{"article":"x1","paragraph":1,"edit":"exact","jaccard5":1.0},{"article":"x2","paragraph":1,"edit":"exact","jaccard5":1.0},{"article":"x3","paragraph":1,"edit":"light","jaccard5":0.5}]}"#,
        );
        let rep = evaluate(&a, &l, &EvalOptions::default());
        let s = rep.paragraph_clusters.unwrap();
        assert_eq!((s.pairs.tp, s.pairs.predicted, s.pairs.truth), (3, 3, 3));
        assert_eq!(s.member.precision(), Some(1.0));
        assert_eq!(s.adjusted_rand, 1.0);
        assert_eq!((s.light_below_0_7.hits, s.light_below_0_7.of), (1, 1));
        assert_eq!(s.light_from_0_7.of, 0);
        // Origin of the reuse cluster: the earliest article, x1.
        let o = rep.origins.unwrap().reuse_clusters.unwrap();
        assert_eq!((o.labelled, o.found, o.right), (1, 1, 1));
    }

    #[test]
    fn a_wrong_cluster_label_costs_precision_and_recall() {
        let (_d, a) = analysis();
        // Labels: x1#1 with x2#1 (right), and x3#0 with x1#0 (not predicted); x3#1 is
        // predicted with them but not labelled.
        let l = labels(
            r#"{"kind":"cluster","id":"w","members":[["x1",1],["x2",1]]}
{"kind":"cluster","id":"v","members":[["x3",0],["x1",0]]}
{"kind":"cluster","id":"u","members":[["x9",0],["x1",7]]}"#,
        );
        let rep = evaluate(&a, &l, &EvalOptions { examples: 5 });
        let s = rep.paragraph_clusters.unwrap();
        // Predicted pairs: x1#1-x2#1, x1#1-x3#1, x2#1-x3#1 (3); labelled: 2; common: 1.
        assert_eq!((s.pairs.tp, s.pairs.predicted, s.pairs.truth), (1, 3, 2));
        assert_eq!((s.member.tp, s.member.predicted, s.member.truth), (2, 3, 4));
        assert_eq!(rep.unresolved.count, 2, "x9 and x1#7");
        assert!(
            rep.examples
                .iter()
                .any(|e| e.what == "missed" && e.items[0].article == "x3")
        );
        assert!(
            rep.examples
                .iter()
                .any(|e| e.what == "false positive" && e.items[0].article == "x3")
        );
    }

    #[test]
    fn reuse_pairs_and_article_pairs() {
        let (_d, a) = analysis();
        let l = labels(
            r#"{"kind":"reuse_pair","a":"x1","b":"x3","label":"positive"}
{"kind":"reuse_pair","a":"x1","b":"x2","label":"negative"}
{"kind":"article_pair","a":"x1","b":"x2","label":"negative","tier":"related"}"#,
        );
        let rep = evaluate(&a, &l, &EvalOptions::default());
        let p = rep.reuse_pairs.unwrap();
        // Both pairs share the wire cluster: one right, one wrong.
        assert_eq!((p.pairs.tp, p.pairs.predicted, p.pairs.truth), (1, 2, 1));
        assert_eq!(p.near_duplicates, p.pairs);
        let ap = rep.article_pairs.unwrap();
        assert_eq!(ap.tiers["related"].reported, 0, "no copies among the three");
        assert_eq!(ap.pairs.predicted, 0);
    }

    #[test]
    fn byte_labels_score_overlap_within_paragraphs() {
        let (_d, a) = analysis();
        // x1's first paragraph is not boilerplate: a byte label over it is a miss.
        let l = labels(r#"{"kind":"boilerplate","article":"x1","start":0,"end":40}"#);
        let rep = evaluate(&a, &l, &EvalOptions::default());
        let k = &rep.kinds[0];
        assert_eq!((k.kind, k.level), (FindingKind::Boilerplate, Level::Bytes));
        assert_eq!((k.prf.tp, k.prf.truth), (0, 40));
        assert_eq!(k.ranges_found.unwrap().of, 1);
        // A reused-wording label over the wire paragraph of x2 and x3 is covered by the
        // near-duplicate finding (reused bytes), but no span finding claims it.
        let (start, end) = (X2[0].len() + 2, X2[0].len() + 2 + WIRE.len());
        let l = labels(&format!(
            r#"{{"kind":"reused_wording","id":"q","members":[{{"article":"x2","start":{start},"end":{end}}},{{"article":"x3","paragraph":1,"start":0,"end":20}}]}}"#
        ));
        let rep = evaluate(&a, &l, &EvalOptions::default());
        let s = rep.reuse.unwrap();
        assert_eq!(s.reused_bytes.truth, WIRE.len() as u64 + 20);
        assert_eq!(s.reused_bytes.recall(), Some(1.0));
        assert_eq!(s.quote_spans.predicted, 0);
        assert_eq!((s.groups_found.hits, s.groups_found.of), (1, 1));
        // Origin: the earliest member, x2; the covering finding's origin is x1 (the wire
        // paragraph's earliest carrier), so the origin is found but wrong.
        let o = rep.origins.unwrap().reuse.unwrap();
        assert_eq!((o.labelled, o.found, o.right), (1, 1, 0));
    }

    #[test]
    fn earliest_needs_a_unique_date() {
        let (_d, a) = analysis();
        assert_eq!(earliest(&a, [2, 1]), Some(1));
        assert_eq!(earliest(&a, []), None);
    }

    #[test]
    fn spread_picks_evenly() {
        let v: Vec<u32> = (0..10).collect();
        assert_eq!(spread(&v, 3), vec![0, 3, 6]);
        assert_eq!(spread(&v[..2], 3), vec![0, 1]);
    }
}
