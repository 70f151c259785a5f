//! Provenance the corpus shows: which earlier articles each article copies from, which outlets
//! behave as aggregators, and where an article's declarations contradict the evidence.

use super::DeclKind;
use crate::classify::articles::{ArticleLinks, CopyLink};
use crate::store::CorpusStore;

/// Least share of an article's words shared with an earlier article for it to be listed in
/// `copied_from`.
pub(crate) const MIN_COPIED_SHARE: f32 = 0.1;
/// Least articles an outlet needs before it can be called an aggregator.
pub(crate) const MIN_AGGREGATOR_ARTICLES: u32 = 3;

/// The other side of a copy: in `copied_from`, the earlier article an article copies from; in
/// `copied_by`, a later article that copies it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CopiedFrom {
    /// The other article.
    pub article: u32,
    /// Share of the copy's words found in paragraphs shared with its original.
    pub share: f32,
}

/// An outlet whose articles are mostly later copies of other outlets' articles.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AggregatorOutlet {
    /// The outlet.
    pub outlet: u32,
    /// Its articles.
    pub articles: u32,
    /// Of which later copies of another outlet's article.
    pub copies: u32,
}

/// How a declaration disagrees with the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ContradictionKind {
    /// A later copy of another outlet's article that declares no source.
    UndeclaredCopy,
    /// A source link naming an outlet other than where the text first appeared.
    WrongSource,
}

impl ContradictionKind {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            ContradictionKind::UndeclaredCopy => "undeclared_copy",
            ContradictionKind::WrongSource => "wrong_source",
        }
    }
}

/// A declaration (or its absence) that the corpus contradicts.
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    /// The article.
    pub article: u32,
    /// What disagrees.
    pub kind: ContradictionKind,
    /// Where the corpus says the text first appeared.
    pub origin: u32,
    /// For a wrong source, the outlet the article names.
    pub declared: Option<String>,
}

/// Everything derived.
#[derive(Debug, Default)]
pub struct CorpusProvenance {
    /// Per article, the earlier articles it copies from, by share.
    pub copied_from: Vec<Vec<CopiedFrom>>,
    /// Per article, the later articles that copy from it (the inverse of `copied_from`; each
    /// share is of the copy's words), by share.
    pub copied_by: Vec<Vec<CopiedFrom>>,
    /// Each paragraph's side in reuse, the words outlets take from each other and each
    /// outlet's figures (derived from the final findings).
    pub flows: super::flows::CopyFlows,
    /// Outlets that behave as aggregators.
    pub aggregators: Vec<AggregatorOutlet>,
    /// Contradictions, by article.
    pub contradictions: Vec<Contradiction>,
}

impl CorpusProvenance {
    /// The contradictions of one article (found by binary search: reports ask once per
    /// article, and a scan each time would be quadratic).
    pub fn contradictions_of(&self, article: usize) -> &[Contradiction] {
        let c = &self.contradictions;
        let start = c.partition_point(|x| (x.article as usize) < article);
        let end = c.partition_point(|x| (x.article as usize) <= article);
        &c[start..end]
    }
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a declared outlet names the outlet of article `a`.
fn names_outlet(store: &CorpusStore, declared: &str, a: u32) -> bool {
    let art = &store.articles[a as usize];
    let d = squash(declared.trim_start_matches("www."));
    if d.is_empty() {
        return false;
    }
    let mut names: Vec<String> = Vec::new();
    if let Some(n) = store.outlets.names[art.outlet as usize].as_deref() {
        names.push(squash(n));
    }
    if let Some(host) = art.meta.url.as_deref().and_then(crate::model::url_host) {
        names.push(squash(&host));
        names.push(squash(host.rsplit_once('.').map_or(host.as_str(), |x| x.0)));
    }
    let d_stem = squash(declared.rsplit_once('.').map_or(declared, |x| x.0));
    names
        .iter()
        .any(|n| !n.is_empty() && (*n == d || *n == d_stem))
}

/// The dated earlier articles each article copies a share of, largest share first.
fn copied_from(store: &CorpusStore, links: &ArticleLinks) -> Vec<Vec<CopiedFrom>> {
    let n = store.articles.len();
    let mut copied_from: Vec<Vec<CopiedFrom>> = vec![Vec::new(); n];
    for p in &links.pairs {
        let (later, first, w) = if store.earlier(p.a, p.b) {
            (p.b, p.a, p.words_b)
        } else {
            (p.a, p.b, p.words_a)
        };
        // Without a date on the earlier article, "earlier" would be a guess from ids.
        if store.articles[first as usize].date_key.is_none() {
            continue;
        }
        let total = store.articles[later as usize].words.max(1);
        let share = (w as f32 / total as f32).min(1.0);
        if share >= MIN_COPIED_SHARE {
            copied_from[later as usize].push(CopiedFrom {
                article: first,
                share,
            });
        }
    }
    for v in &mut copied_from {
        v.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.article.cmp(&b.article)));
    }
    copied_from
}

/// The inverse of `copied_from`: per article, the articles copying it, largest share first.
fn copied_by(copied_from: &[Vec<CopiedFrom>]) -> Vec<Vec<CopiedFrom>> {
    let mut by: Vec<Vec<CopiedFrom>> = vec![Vec::new(); copied_from.len()];
    for (copy, v) in copied_from.iter().enumerate() {
        for c in v {
            by[c.article as usize].push(CopiedFrom {
                article: copy as u32,
                share: c.share,
            });
        }
    }
    for v in &mut by {
        v.sort_by(|a, b| b.share.total_cmp(&a.share).then(a.article.cmp(&b.article)));
    }
    by
}

/// What a copy of another outlet's dated article `link` contradicts: it declares no source, or
/// links a source that is not the origin.
fn contradiction(store: &CorpusStore, link: &CopyLink) -> Option<Contradiction> {
    let copy = &store.articles[link.copy as usize];
    let declares: Vec<&super::Declaration> = copy
        .declared
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                DeclKind::SourceLink
                    | DeclKind::Dateline
                    | DeclKind::Attribution
                    | DeclKind::Aggregator
                    | DeclKind::Mention
            )
        })
        .collect();
    let origin = link.original;
    if declares.is_empty() {
        return Some(Contradiction {
            article: link.copy,
            kind: ContradictionKind::UndeclaredCopy,
            origin,
            declared: None,
        });
    }
    let links_: Vec<&&super::Declaration> = declares
        .iter()
        .filter(|d| d.kind == DeclKind::SourceLink)
        .collect();
    if !links_.is_empty()
        && !links_
            .iter()
            .any(|d| names_outlet(store, &d.outlet, origin))
    {
        return Some(Contradiction {
            article: link.copy,
            kind: ContradictionKind::WrongSource,
            origin,
            declared: Some(links_[0].outlet.clone()),
        });
    }
    None
}

/// Derives copied-from lists, aggregator outlets and contradictions.
pub(crate) fn derive(store: &CorpusStore, links: &ArticleLinks) -> CorpusProvenance {
    // Aggregators: named outlets most of whose articles are dated copies of other outlets'.
    let mut per_outlet = vec![(0u32, 0u32); store.outlets.len()];
    for a in &store.articles {
        per_outlet[a.outlet as usize].0 += 1;
    }
    let mut contradictions = Vec::new();
    for link in &links.copies {
        let (copy, original) = (
            &store.articles[link.copy as usize],
            &store.articles[link.original as usize],
        );
        if copy.outlet == original.outlet || original.date_key.is_none() {
            continue;
        }
        per_outlet[copy.outlet as usize].1 += 1;
        contradictions.extend(contradiction(store, link));
    }
    let aggregators = per_outlet
        .iter()
        .enumerate()
        .filter(|(o, (arts, copies))| {
            store.outlets.names[*o].is_some()
                && *arts >= MIN_AGGREGATOR_ARTICLES
                && copies * 2 > *arts
        })
        .map(|(o, &(articles, copies))| AggregatorOutlet {
            outlet: o as u32,
            articles,
            copies,
        })
        .collect();
    let copied_from = copied_from(store, links);
    let copied_by = copied_by(&copied_from);
    contradictions.sort_by_key(|c| c.article);
    CorpusProvenance {
        copied_from,
        copied_by,
        flows: super::flows::CopyFlows::default(),
        aggregators,
        contradictions,
    }
}
