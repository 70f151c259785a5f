//! The vocabulary every stage shares: articles, paragraphs, byte spans, findings, declared
//! provenance ([`declared`]), dates and the order of carriers ([`dates`]), and outlet hosts.
//!
//! Offsets are always byte offsets into the article's original text (the file's bytes for a
//! `.txt` article, the decoded `text` field for JSONL), held as `u32` pairs: a corpus holds
//! millions of them, and no single article text is allowed past 4 GiB. Nothing here does I/O.

pub mod dates;
pub mod declared;

pub use declared::{DeclKind, Declaration};

use serde::Serialize;
use std::fmt;

/// The host of an `http(s)://` URL, lower-cased, without `www.`: what names an outlet when a
/// record has a URL and no outlet, and what an outlet's own pages are recognised by.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

/// The host a bare domain names ("tass.ru", "www.ukrinform.ua"): one token of labels set
/// apart by dots, the last of two to six letters; `None` for anything else.
pub fn bare_domain(token: &str) -> Option<String> {
    let t = token.trim_end_matches(['.', ',', ')']).to_ascii_lowercase();
    let tld = t.rsplit_once('.')?.1;
    let labels_ok = t
        .split('.')
        .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    ((2..=6).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_lowercase()) && labels_ok)
        .then(|| t.strip_prefix("www.").unwrap_or(&t).to_string())
}

/// Index of an article in the corpus, in input order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct ArticleIdx(pub u32);

impl ArticleIdx {
    /// The index as a `usize`, for slicing.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// Index of a paragraph in the whole corpus (the store's paragraph list), as opposed to a
/// paragraph's number within its article (a bare `u32`, 0 for the first, as reports print
/// it). [`crate::store::CorpusStore::locate`] turns the one into the other's pair
/// (article, number); [`crate::store::ArticleRecord::para`] goes back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ParaIdx(pub u32);

impl ParaIdx {
    /// The index as a `usize`, for slicing the paragraph list.
    pub fn get(self) -> usize {
        self.0 as usize
    }
}

/// A half-open byte range `[start, end)` into an article's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSpan {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl ByteSpan {
    /// A span from `usize` offsets; callers guarantee texts below 4 GiB (the reader enforces it).
    pub fn new(start: usize, end: usize) -> ByteSpan {
        debug_assert!(start <= end);
        ByteSpan {
            start: start as u32,
            end: end as u32,
        }
    }

    /// Length in bytes.
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no byte.
    pub fn is_empty(self) -> bool {
        self.end == self.start
    }

    /// The range as `usize`, for slicing a `str`.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The spanned text; `None` when the span does not fit `text` or splits a character.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }

    /// Sorts spans and merges those that overlap or touch.
    pub fn merge_all(mut spans: Vec<ByteSpan>) -> Vec<ByteSpan> {
        spans.sort_unstable();
        let mut out: Vec<ByteSpan> = Vec::with_capacity(spans.len());
        for s in spans {
            match out.last_mut() {
                Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
                _ => out.push(s),
            }
        }
        out
    }
}

/// What an article says about itself, as read from its file or record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleMeta {
    /// The article's id: the file stem for `.txt`, the `id` field for JSONL.
    pub id: String,
    /// The outlet, when known (JSON fields, front matter, URL host or folder layout).
    pub outlet: Option<String>,
    /// The publication date as given.
    pub date: Option<String>,
    /// The title (JSON field, front matter, or the first line of a `.txt`).
    pub title: Option<String>,
    /// The article's URL, when given.
    pub url: Option<String>,
}

/// Where an article was read from, so that its text can be read again for reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Index of the input file in the corpus's file list.
    pub file: u32,
    /// 1-based line of the record in a JSONL file; 0 for a `.txt` article.
    pub line: u32,
}

/// The kinds of finding reprint reports.
///
/// Each is documented with what it flags, its evidence, an example and its known misses; the
/// table of kinds in `docs/audit.md` repeats this text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// ## What it flags
    /// Site text that is not the article: comment prompts, share and newsletter lines,
    /// "Related Articles", "Back to top", tip lines, video-widget residue.
    /// ## Evidence
    /// A cue from the editable lexicon (`cues.toml`) at the article's head or tail, or a
    /// paragraph that recurs at the edges of several of one outlet's articles.
    /// ## Example
    /// `Leave a Comment` as the last line of an article.
    /// ## Known misses
    /// A one-off line with no cue and no repetition; boilerplate in the middle of the text
    /// that is neither a whole-line cue nor repeated at edges.
    Boilerplate,
    /// ## What it flags
    /// A republisher's disclosure at the end of an article, with its source link line.
    /// ## Evidence
    /// Disclosure cues ("automatic aggregator", "all materials to their authors"), a URL
    /// line in the tail next to them.
    /// ## Example
    /// `World Time Todays is an automatic aggregator of the all world's media. ...`
    /// ## Known misses
    /// A disclosure worded without any cue of the lexicon.
    AggregatorFooter,
    /// ## What it flags
    /// The same or nearly the same paragraph, or a shared run of words, in different
    /// articles, not explained by boilerplate, footers or whole-article copies.
    /// ## Evidence
    /// A verified near-duplicate cluster (shingle Jaccard, word edit similarity) or a shared
    /// word run of at least the configured length that is not a common phrase.
    /// ## Example
    /// A wire paragraph carried by three outlets with a word changed.
    /// ## Known misses
    /// Paraphrases that change most of the wording.
    ReusedWording,
    /// ## What it flags
    /// An article that is mostly another outlet's article.
    /// ## Evidence
    /// The share of its words in paragraphs it shares with one other article.
    /// ## Example
    /// An aggregator's copy of a newspaper story.
    /// ## Known misses
    /// A copy rewritten paragraph by paragraph beyond the near-duplicate thresholds.
    SyndicatedArticle,
    /// ## What it flags
    /// An article that is mostly another article of the same outlet: a re-filing, an
    /// update or a double scrape.
    /// ## Evidence
    /// The same share as for syndication, within one outlet.
    /// ## Example
    /// The same BBC story collected twice.
    /// ## Known misses
    /// Updates that rewrite most paragraphs.
    DuplicateArticle,
    /// ## What it flags
    /// A paragraph repeated inside one article, e.g. a photo caption printed twice.
    /// ## Evidence
    /// An exact or near match between two paragraphs of the same article.
    /// ## Example
    /// `Putin and Xi meet for year-end talks` twice in one article.
    /// ## Known misses
    /// Repeats shorter than a paragraph.
    InternalDuplicate,
}

impl FindingKind {
    /// Every kind, in report order.
    pub const ALL: [FindingKind; 6] = [
        FindingKind::Boilerplate,
        FindingKind::AggregatorFooter,
        FindingKind::ReusedWording,
        FindingKind::SyndicatedArticle,
        FindingKind::DuplicateArticle,
        FindingKind::InternalDuplicate,
    ];

    /// The wire name, as in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::Boilerplate => "boilerplate",
            FindingKind::AggregatorFooter => "aggregator_footer",
            FindingKind::ReusedWording => "reused_wording",
            FindingKind::SyndicatedArticle => "syndicated_article",
            FindingKind::DuplicateArticle => "duplicate_article",
            FindingKind::InternalDuplicate => "internal_duplicate",
        }
    }

    /// Parses a wire name.
    pub fn parse(name: &str) -> Option<FindingKind> {
        FindingKind::ALL
            .into_iter()
            .find(|k| k.name() == name.trim())
    }

    /// A bit for [`KindSet`].
    pub fn bit(self) -> u8 {
        1 << self.index()
    }

    /// Its position in [`FindingKind::ALL`]; the match is exhaustive, so a new kind cannot be
    /// added without giving it a place in every per-kind table.
    pub const fn index(self) -> usize {
        match self {
            FindingKind::Boilerplate => 0,
            FindingKind::AggregatorFooter => 1,
            FindingKind::ReusedWording => 2,
            FindingKind::SyndicatedArticle => 3,
            FindingKind::DuplicateArticle => 4,
            FindingKind::InternalDuplicate => 5,
        }
    }
}

/// One value per finding kind, indexed by the kind itself (never by a bare number), in the
/// order of [`FindingKind::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PerKind<T>([T; FindingKind::ALL.len()]);

impl<T> PerKind<T> {
    /// Each kind with its value, in report order.
    pub fn iter(&self) -> impl Iterator<Item = (FindingKind, &T)> {
        FindingKind::ALL.into_iter().zip(self.0.iter())
    }
}

impl<T> std::ops::Index<FindingKind> for PerKind<T> {
    type Output = T;
    fn index(&self, kind: FindingKind) -> &T {
        &self.0[kind.index()]
    }
}

impl<T> std::ops::IndexMut<FindingKind> for PerKind<T> {
    fn index_mut(&mut self, kind: FindingKind) -> &mut T {
        &mut self.0[kind.index()]
    }
}

impl fmt::Display for FindingKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A small set of finding kinds (one bit each), as kept per paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct KindSet(pub u8);

impl KindSet {
    /// Adds a kind.
    pub fn insert(&mut self, kind: FindingKind) {
        self.0 |= kind.bit();
    }

    /// True when the set holds `kind`.
    pub fn contains(self, kind: FindingKind) -> bool {
        self.0 & kind.bit() != 0
    }

    /// True when the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds in report order.
    pub fn iter(self) -> impl Iterator<Item = FindingKind> {
        FindingKind::ALL
            .into_iter()
            .filter(move |k| self.contains(*k))
    }
}

/// One paragraph or span taking part in a finding or cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Member {
    /// The article.
    pub article: ArticleIdx,
    /// The paragraph's index in its article; `None` for an article-level member.
    pub paragraph: Option<u32>,
    /// The bytes involved: the paragraph, a span inside it, or the whole article text.
    pub span: ByteSpan,
}

/// Where reused text first appeared, as far as the corpus shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Origin {
    /// The earliest dated article carrying the text.
    pub article: ArticleIdx,
}

/// Why a finding was made: the rule that fired and its figures.
#[derive(Clone, Debug, PartialEq)]
pub enum Evidence {
    /// A lexicon cue matched the paragraph.
    Cue {
        /// The cue's name in the lexicon.
        cue: String,
        /// Where the paragraph sits in its article.
        position: Position,
    },
    /// The paragraph recurs at the edges of many articles of one outlet.
    Recurrence {
        /// Distinct stories (articles not copies of each other) carrying it.
        articles: u32,
        /// Distinct outlets carrying it.
        outlets: u32,
        /// Share of its occurrences that sit at an article's head or tail.
        edge_share: f32,
    },
    /// Site-junk signals found in the paragraph's own text (see `classify::junk`): the rule
    /// that flagged it and every signal that fired.
    Signals {
        /// The rule ("ad_slot", "related_links", …).
        rule: String,
        /// The rule and the evidence that fired ("cue_line", "short", "few_stopwords", …).
        signals: Vec<String>,
        /// Where the paragraph sits in its article.
        position: Position,
    },
    /// Aggregator disclosure cues and the tail block they sit in.
    Disclosure {
        /// The cue that matched the disclosure paragraph.
        cue: String,
    },
    /// A verified near-duplicate cluster.
    NearDuplicate {
        /// Cluster id.
        cluster: u32,
        /// The lowest word-shingle Jaccard of a verified link in the cluster.
        jaccard: f32,
        /// The lowest word edit similarity of a verified link in the cluster; `None` when a
        /// link was accepted on its Jaccard alone (the edit distance was not needed).
        edit_similarity: Option<f32>,
    },
    /// A run of words shared with another article.
    SharedSpan {
        /// Words in the shared run.
        words: u32,
        /// Whether the run is (mostly) a quotation in at least one article.
        quoted: bool,
    },
    /// A passage aligned word by word with one in another article, with its edits: reused
    /// wording that was revised (see [`crate::PassageRule`]).
    AlignedPassage {
        /// `2 × matched / (words of both sides)`.
        similarity: f32,
        /// Identical aligned words.
        matched: u32,
        /// Words replaced by another.
        substituted: u32,
        /// Words present only in the later side (`b` of the alignment).
        inserted: u32,
        /// Words present only in the earlier side (`a` of the alignment).
        deleted: u32,
    },
    /// The same photo credit (photographer and agency) printed by different outlets.
    SharedCredit {
        /// The credit's outlet or agency.
        outlet: String,
    },
    /// Most of the article's words are in paragraphs shared with one other article.
    ArticleShare {
        /// Share of this article's words in shared paragraphs.
        share: f32,
        /// How many of its paragraphs are shared.
        shared_paragraphs: u32,
    },
}

/// Where a paragraph sits in its article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// In the leading run of non-body paragraphs.
    Head,
    /// In the trailing run of non-body paragraphs.
    Tail,
    /// Anywhere else.
    Body,
}

impl Position {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Position::Head => "head",
            Position::Tail => "tail",
            Position::Body => "body",
        }
    }
}

/// A finding: a kind, what it covers, how sure, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// What was found.
    pub kind: FindingKind,
    /// The paragraphs, spans or articles involved, sorted.
    pub members: Vec<Member>,
    /// A similarity or confidence in `[0, 1]`.
    pub score: f32,
    /// The rule and its figures.
    pub evidence: Evidence,
    /// For reuse: the earliest dated carrier; `None` when unknown or not applicable.
    pub origin: Option<Origin>,
    /// For reuse: whether the members span more than one outlet.
    pub cross_outlet: Option<bool>,
}

impl Finding {
    /// Whether it is an article-level copy relation (syndicated or duplicate article), whose
    /// first two members are the copy and its original.
    pub fn is_copy_relation(&self) -> bool {
        matches!(
            self.kind,
            FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle
        )
    }

    /// The article its text came from, as opposed to the articles that took it: a copy
    /// relation's original, a reuse finding's origin. `None` for the kinds that have no
    /// direction (furniture, internal duplicates) and for reuse with no dated member.
    pub fn source(&self) -> Option<ArticleIdx> {
        if self.is_copy_relation() {
            return self.members.get(1).map(|m| m.article);
        }
        match self.kind {
            FindingKind::ReusedWording => self.origin.as_ref().map(|o| o.article),
            _ => None,
        }
    }

    /// Whether `article` took part of this finding's text from elsewhere: it is a member
    /// and not the [`Finding::source`] (every member does, when there is no source).
    pub fn took(&self, article: ArticleIdx) -> bool {
        self.source() != Some(article) && self.members.iter().any(|m| m.article == article)
    }
}

/// A verified near-duplicate paragraph cluster of two or more paragraphs.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    /// The kind most of its members were classified as; `None` when they carry none.
    pub kind: Option<FindingKind>,
    /// Its paragraphs, sorted.
    pub members: Vec<Member>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_slot() {
        for (i, k) in FindingKind::ALL.into_iter().enumerate() {
            assert_eq!(k.index(), i);
        }
        let mut per: PerKind<u32> = PerKind::default();
        per[FindingKind::InternalDuplicate] += 2;
        let last: Vec<_> = per.iter().filter(|(_, n)| **n > 0).collect();
        assert_eq!(last, [(FindingKind::InternalDuplicate, &2)]);
    }

    #[test]
    fn kinds_round_trip_their_names() {
        for k in FindingKind::ALL {
            assert_eq!(FindingKind::parse(k.name()), Some(k));
        }
        assert_eq!(FindingKind::parse("nope"), None);
    }

    #[test]
    fn kind_set_keeps_report_order() {
        let mut s = KindSet::default();
        s.insert(FindingKind::InternalDuplicate);
        s.insert(FindingKind::Boilerplate);
        let v: Vec<_> = s.iter().collect();
        assert_eq!(
            v,
            vec![FindingKind::Boilerplate, FindingKind::InternalDuplicate]
        );
        assert!(!s.contains(FindingKind::ReusedWording));
    }

    #[test]
    fn span_slices_only_on_char_boundaries() {
        let t = "añb";
        assert_eq!(ByteSpan::new(0, 1).slice(t), Some("a"));
        assert_eq!(ByteSpan::new(0, 2).slice(t), None);
        assert_eq!(ByteSpan::new(1, 3).slice(t), Some("ñ"));
    }
}
