//! The corpus report: a summary with the share of words per kind for each outlet (an inline SVG
//! chart), the largest clusters with every member, and each article with its paragraphs
//! coloured by kind, its declared sources, and links from every reused paragraph to its matches
//! in other articles.
//!
//! Small corpora get one page. Past a size the caller chooses, the report is a folder:
//! `index.html` (summary, chart, clusters, outlets, the list of article pages), paged article
//! pages of [`HtmlOptions::page_articles`] articles each in input order (`articles-0001.html`,
//! ...), one page per outlet listing its articles (`outlet-0001.html`, ...), and a page for each
//! listed cluster too large to show inline (`cluster-12.html`). Anchors are stable: article `i`
//! is `#a{i}` and its paragraph `j` is `#p{i}-{j}`, on the page that holds it.
//!
//! Article texts are not kept in memory: they are streamed through a [`TextSource`] in input
//! order and each article is written as it arrives. Pages of a folder go to a [`Pages`]
//! sink, so nothing here touches the file system.
//!
//! Here: the report's model, the articles and their links, and the single page. The sections
//! of the index are in `sections`, the pages of a folder in `folder`.

use super::{
    badges, group, kind_names, page_end, page_start, para_block, percent, primary, safe_href,
    write_markup,
};
use crate::{Summary, Texts};
use maud::{Markup, html};
use reprint_core::Analysis;
use reprint_core::ParaRole;
use reprint_core::model::{ByteSpan, Evidence, FindingKind, KindSet, ParaIdx, PerKind};
use std::collections::HashMap;
use std::io::{self, Write};

mod copying;
mod folder;
mod sections;

/// The file a folder report keeps in its folder to show it was written by reprint.
pub const MARKER: &str = ".reprint-report";

/// Where the pages of a folder report go.
pub trait Pages {
    /// A writer for the page named `name` (a plain file name such as `index.html`). The page
    /// is complete once the writer was flushed and dropped.
    fn page(&mut self, name: &str) -> io::Result<Box<dyn Write>>;
}

/// The article texts the report shows, streamed.
pub trait TextSource {
    /// Calls `f(article index, text)` for each article whose text can be read, in ascending
    /// order of index.
    fn each(&mut self, f: &mut dyn FnMut(usize, String));
}

/// What the report shows and how it is cut into pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HtmlOptions {
    /// Write a folder of pages instead of one page. Default `false`.
    pub folder: bool,
    /// Articles per article page of a folder. Default `500`.
    pub page_articles: usize,
    /// Clusters listed, largest first. Default `20`.
    pub top_clusters: usize,
    /// Links to matches shown under a paragraph (the rest are counted). Default `8`.
    pub max_links: usize,
    /// In a folder, members of a cluster listed on the index; larger clusters get a page of
    /// their own. Default `200`.
    pub inline_members: usize,
    /// Outlets drawn in the chart (the rest are summed in one bar). Default `25`.
    pub chart_outlets: usize,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            folder: false,
            page_articles: 500,
            top_clusters: 20,
            max_links: 8,
            inline_members: 200,
            chart_outlets: 25,
        }
    }
}

/// What writing the report did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Pages written.
    pub pages: usize,
    /// Articles whose text could not be read again (shown without text).
    pub missing: Vec<usize>,
}

/// The chart's name for text taken from another outlet's earlier article (syndicated copies
/// included).
pub(crate) const TAKEN: &str = "taken";
/// The chart's name for original text that another outlet took.
pub(crate) const SOURCE: &str = "source";

/// Words of an outlet by what their paragraph is: site furniture first (whatever else it
/// is), then text taken from another outlet, then original text others took, then the other
/// kinds by their primary kind, then original text nobody took. The chart's segments, in
/// that order: the origin of a copy and the copy have different colours.
#[derive(Clone, Copy, Debug, Default)]
struct KindWords {
    kinds: PerKind<u64>,
    taken: u64,
    source: u64,
    original: u64,
}

impl KindWords {
    fn add(&mut self, o: &KindWords) {
        for k in FindingKind::ALL {
            self.kinds[k] += o.kinds[k];
        }
        self.taken += o.taken;
        self.source += o.source;
        self.original += o.original;
    }

    fn flagged(&self) -> u64 {
        self.kinds.iter().map(|(_, w)| w).sum::<u64>() + self.taken + self.source
    }

    fn total(&self) -> u64 {
        self.flagged() + self.original
    }

    /// Adds paragraph `p` of article `art` under its segment.
    fn add_para(&mut self, a: &Analysis, art: usize, p: usize) {
        let w = a.store.paras[p].words as u64;
        let kinds = a.classification.para_kinds[p];
        let furniture = [FindingKind::Boilerplate, FindingKind::AggregatorFooter]
            .into_iter()
            .find(|&k| kinds.contains(k));
        let role = a.provenance.flows.roles.get(p).copied().unwrap_or_default();
        let outlet = a.store.articles[art].outlet;
        match (furniture, role, primary(kinds)) {
            (Some(k), _, _) => self.kinds[k] += w,
            (None, ParaRole::Taken { from, .. }, _)
                if a.store.articles[from as usize].outlet != outlet =>
            {
                self.taken += w
            }
            (None, ParaRole::Source, _) => self.source += w,
            (None, _, Some(k)) => self.kinds[k] += w,
            (None, _, None) => self.original += w,
        }
    }

    /// Each segment's class name and words, in chart order.
    fn segments(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        let furniture = [FindingKind::Boilerplate, FindingKind::AggregatorFooter];
        furniture
            .into_iter()
            .map(|k| (k.name(), self.kinds[k]))
            .chain([(TAKEN, self.taken), (SOURCE, self.source)])
            .chain(
                self.kinds
                    .iter()
                    .filter(move |(k, _)| !furniture.contains(k))
                    .map(|(k, &w)| (k.name(), w)),
            )
            .chain(std::iter::once((super::ORIGINAL, self.original)))
    }
}

/// Words per kind of one outlet.
#[derive(Clone, Debug)]
struct OutletRow {
    name: String,
    articles: Vec<u32>,
    words: u64,
    by_kind: KindWords,
}

impl OutletRow {
    fn flagged(&self) -> u64 {
        self.by_kind.flagged()
    }
}

/// Shared spans (credits, quotes) of one paragraph and the paragraphs sharing them.
#[derive(Clone, Debug, Default)]
struct SpanNote {
    marks: Vec<ByteSpan>,
    others: Vec<u32>,
}

/// The corpus report of one analysis.
pub struct CorpusHtml<'a> {
    a: &'a Analysis,
    summary: &'a Summary,
    inputs: &'a [String],
    files: &'a [String],
    opts: HtmlOptions,
    /// The clusters listed: the largest of news reuse, then the largest of site furniture.
    top: Vec<usize>,
    /// How many of `top` are news reuse.
    top_news: usize,
    outlets: Vec<OutletRow>,
    spans: HashMap<u32, SpanNote>,
    quotes: Texts,
}

const UNKNOWN_OUTLET: &str = "(unknown outlet)";

fn outlet_rows(a: &Analysis) -> Vec<OutletRow> {
    let mut by_name: HashMap<Option<&str>, usize> = HashMap::new();
    let mut rows: Vec<OutletRow> = Vec::new();
    for (i, art) in a.store.articles.iter().enumerate() {
        let name = a.outlet_name(i);
        let r = *by_name.entry(name).or_insert_with(|| {
            rows.push(OutletRow {
                name: name.unwrap_or(UNKNOWN_OUTLET).to_string(),
                articles: Vec::new(),
                words: 0,
                by_kind: KindWords::default(),
            });
            rows.len() - 1
        });
        let row = &mut rows[r];
        row.articles.push(i as u32);
        for p in art.paras() {
            row.by_kind.add_para(a, i, p);
            row.words += a.store.paras[p].words as u64;
        }
    }
    rows.sort_by(|x, y| y.words.cmp(&x.words).then_with(|| x.name.cmp(&y.name)));
    rows
}

fn span_notes(a: &Analysis) -> HashMap<u32, SpanNote> {
    let mut notes: HashMap<u32, SpanNote> = HashMap::new();
    for f in &a.classification.findings {
        let spanned = matches!(
            f.evidence,
            Evidence::SharedSpan { .. }
                | Evidence::SharedCredit { .. }
                | Evidence::AlignedPassage { .. }
        );
        if f.kind != FindingKind::ReusedWording || !spanned {
            continue;
        }
        let members: Vec<(u32, usize, ByteSpan)> = f
            .members
            .iter()
            .filter_map(|m| {
                let art = m.article.get();
                let j = m.paragraph?;
                Some((a.store.articles[art].para(j).0, art, m.span))
            })
            .collect();
        for &(gp, art, span) in &members {
            let note = notes.entry(gp).or_default();
            note.marks.push(span);
            note.others
                .extend(members.iter().filter(|m| m.1 != art).map(|m| m.0));
        }
    }
    for n in notes.values_mut() {
        n.marks.sort_unstable();
        n.marks.dedup();
        n.others.sort_unstable();
        n.others.dedup();
    }
    notes
}

fn quote(text: &str, max: usize) -> String {
    let one: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() <= max {
        return one;
    }
    let mut s: String = one.chars().take(max).collect();
    s.push('…');
    s
}

/// The name of article page `p` (0-based).
pub(crate) fn page_name(p: usize) -> String {
    format!("articles-{:04}.html", p + 1)
}

/// The name of the page of outlet row `r` (0-based).
pub(crate) fn outlet_page_name(r: usize) -> String {
    format!("outlet-{:04}.html", r + 1)
}

/// The name of the page of cluster `c`.
pub(crate) fn cluster_page_name(c: usize) -> String {
    format!("cluster-{c}.html")
}

impl<'a> CorpusHtml<'a> {
    /// Prepares the report. `inputs` are the paths given on the command line; `files[f]` names
    /// input file `f` (as in [`reprint_core::InputFile::display`]).
    pub fn new(
        a: &'a Analysis,
        summary: &'a Summary,
        inputs: &'a [String],
        files: &'a [String],
        opts: HtmlOptions,
    ) -> CorpusHtml<'a> {
        let (mut top, mut furniture) = crate::text::clusters_by_use(a);
        top.truncate(opts.top_clusters);
        furniture.truncate(opts.top_clusters);
        let top_news = top.len();
        top.extend(furniture);
        CorpusHtml {
            a,
            summary,
            inputs,
            files,
            opts: HtmlOptions {
                page_articles: opts.page_articles.max(1),
                ..opts
            },
            top,
            top_news,
            outlets: outlet_rows(a),
            spans: span_notes(a),
            quotes: Texts::default(),
        }
    }

    /// The articles whose text the cluster list quotes; read them and pass them to
    /// [`CorpusHtml::set_quotes`] before writing.
    pub fn quoted_articles(&self) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .top
            .iter()
            .map(|&c| self.a.classification.clusters[c].members[0].article.get())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Gives the texts of [`CorpusHtml::quoted_articles`].
    pub fn set_quotes(&mut self, texts: Texts) {
        self.quotes = texts;
    }

    /// Number of article pages of a folder report.
    pub fn article_pages(&self) -> usize {
        self.a
            .store
            .articles
            .len()
            .div_ceil(self.opts.page_articles)
            .max(1)
    }

    fn page_file(&self, art: usize) -> String {
        if self.opts.folder {
            page_name(art / self.opts.page_articles)
        } else {
            String::new()
        }
    }

    fn index_file(&self) -> &'static str {
        if self.opts.folder { "index.html" } else { "" }
    }

    fn article_href(&self, art: usize) -> String {
        format!("{}#a{art}", self.page_file(art))
    }

    fn para_href(&self, gp: u32) -> String {
        let (art, j) = self.a.store.locate(ParaIdx(gp));
        format!("{}#p{}-{j}", self.page_file(art.get()), art.0)
    }

    fn cluster_href(&self, c: usize) -> Option<String> {
        self.top
            .contains(&c)
            .then(|| format!("{}#c{c}", self.index_file()))
    }

    fn outlet(&self, art: usize) -> &str {
        self.a.outlet_name(art).unwrap_or(UNKNOWN_OUTLET)
    }

    fn date(&self, art: usize) -> &str {
        self.a.store.articles[art]
            .meta
            .date
            .as_deref()
            .unwrap_or("undated")
    }

    fn place(&self, art: usize) -> String {
        let loc = &self.a.store.articles[art].location;
        let file = self.files.get(loc.file as usize).map_or("", String::as_str);
        if loc.line > 0 {
            format!("{file}:{}", loc.line)
        } else {
            file.to_string()
        }
    }

    /// "id ¶j" for a paragraph, linked to it.
    fn para_link(&self, gp: u32) -> Markup {
        let (art, j) = self.a.store.locate(ParaIdx(gp));
        html! {
            a href=(self.para_href(gp)) { (self.a.store.articles[art.get()].meta.id) " ¶" (j) }
        }
    }

    /// Links to paragraphs, grouped by article: `a17 ¶2 ¶5, b3 ¶0`. `paras` is sorted.
    fn para_links_grouped(&self, paras: &[u32]) -> Markup {
        let store = &self.a.store;
        let mut prev: Option<usize> = None;
        html! {
            @for &gp in paras {
                @let art = store.article_of(gp as usize);
                @if prev == Some(art) {
                    " " a href=(self.para_href(gp)) { "¶" (store.locate(ParaIdx(gp)).1) }
                } @else {
                    @if prev.is_some() { ", " }
                    (self.para_link(gp))
                }
                @let _ = prev.replace(art);
            }
        }
    }

    fn article_link(&self, art: usize) -> Markup {
        html! { a href=(self.article_href(art)) { (self.a.store.articles[art].meta.id) } }
    }

    /// Why a paragraph was taken for site junk: the signals that fired in its text (the rule,
    /// then the evidence: cues, shape, position), as the JSON report's `junk` lists them.
    /// Nothing for paragraphs that are not boilerplate or a footer, or that recurrence alone
    /// flagged.
    fn junk_why(&self, p: usize) -> Markup {
        let kinds = self.a.classification.para_kinds[p];
        let junk = self.a.store.paras[p].junk;
        let furniture = kinds.contains(FindingKind::Boilerplate)
            || kinds.contains(FindingKind::AggregatorFooter);
        let names = reprint_core::junk_signal_names(junk);
        html! {
            @if furniture && !names.is_empty() {
                div.why title="signals of the site-junk rules that fired in this paragraph" {
                    "why: " (names.join(", "))
                }
            }
        }
    }

    /// Links from a paragraph to its matches: the other members of its cluster and the
    /// paragraphs sharing a span with it.
    fn para_links(&self, gp: u32) -> Markup {
        let store = &self.a.store;
        let art = store.article_of(gp as usize);
        let range = store.articles[art].paras();
        let mut same: Vec<u32> = Vec::new();
        let mut others: Vec<u32> = Vec::new();
        let mut more = 0usize;
        let mut cluster = None;
        if let Some(c) = self.a.clusters.of(gp as usize) {
            let m = &self.a.clusters.members[c as usize];
            let lo = m.partition_point(|&x| (x as usize) < range.start);
            let hi = m.partition_point(|&x| (x as usize) < range.end);
            same.extend(m[lo..hi].iter().copied().filter(|&x| x != gp));
            let outside = m[..lo].iter().chain(&m[hi..]);
            others.extend(outside.clone().take(self.opts.max_links).copied());
            more = m.len() - (hi - lo) - others.len();
            cluster = Some(c as usize);
        }
        if let Some(note) = self.spans.get(&gp) {
            for &o in &note.others {
                if others.contains(&o) {
                    continue;
                }
                if others.len() < self.opts.max_links {
                    others.push(o);
                } else {
                    more += 1;
                }
            }
        }
        if same.is_empty() && others.is_empty() {
            return html! {};
        }
        others.sort_unstable();
        html! {
            div.links {
                @if !same.is_empty() {
                    "repeated at"
                    @for &s in &same {
                        " " a href=(self.para_href(s)) { "¶" (store.locate(ParaIdx(s)).1) }
                    }
                }
                @if !others.is_empty() {
                    @if !same.is_empty() { "; " }
                    "also in " (self.para_links_grouped(&others))
                }
                @if more > 0 {
                    " "
                    @match cluster.and_then(|c| self.cluster_href(c).map(|h| (c, h))) {
                        Some((c, h)) => a href=(h) { "and " (group(more as u64)) " more (cluster " (c) ")" },
                        None => span { "and " (group(more as u64)) " more" },
                    }
                }
            }
        }
    }

    fn header(&self, subtitle: &str, nav: Markup) -> Markup {
        let s = self.summary;
        html! {
            header.top {
                h1 { "reprint report" }
                div.meta {
                    (subtitle) " · "
                    (group(s.articles)) " articles, " (group(s.paragraphs)) " paragraphs, "
                    (group(s.words)) " words, " (group(s.outlets)) " outlets · input: "
                    @for (i, p) in self.inputs.iter().enumerate() {
                        @if i > 0 { ", " }
                        code { (p) }
                    }
                }
            }
            nav.top { (nav) }
        }
    }

    fn index_nav(&self) -> Markup {
        let idx = self.index_file();
        html! {
            a href={ (idx) "#summary" } { "Summary" }
            a href={ (idx) "#outlets" } { "Outlets" }
            @if !self.a.provenance.flows.flows.is_empty() {
                a href={ (idx) "#copying" } { "Who copies whom" }
            }
            @if !self.a.provenance.aggregators.is_empty() || !self.a.provenance.contradictions.is_empty() {
                a href={ (idx) "#provenance" } { "Provenance" }
            }
            a href={ (idx) "#clusters" } { "Clusters" }
            a href={ (idx) "#articles" } { "Articles" }
        }
    }

    fn filters(&self, shown: usize) -> Markup {
        html! {
            form #filters .filters hidden {
                strong { "Show articles with" }
                @for k in FindingKind::ALL {
                    label { input type="checkbox" name="kind" value=(k.name()); " " (k.name().replace('_', " ")) }
                }
                label { input type="checkbox" name="flagged"; " hide original paragraphs" }
                input type="search" placeholder="id, outlet or title" aria-label="Filter by id, outlet or title";
                span.muted { span #shown { (shown) } " shown" }
            }
        }
    }

    fn article_kinds(&self, i: usize) -> (KindSet, u64) {
        let mut union = KindSet::default();
        let mut flagged = 0u64;
        for p in self.a.store.articles[i].paras() {
            let k = self.a.classification.para_kinds[p];
            union.0 |= k.0;
            if !k.is_empty() {
                flagged += self.a.store.paras[p].words as u64;
            }
        }
        (union, flagged)
    }

    fn articles_table(&self, arts: &[u32]) -> Markup {
        html! {
            table.figures {
                tr { th { "article" } th { "title" } th { "outlet" } th { "date" } th { "words" } th { "flagged" } th { "kinds" } }
                @for &i in arts {
                    @let i = i as usize;
                    @let art = &self.a.store.articles[i];
                    @let (kinds, flagged) = self.article_kinds(i);
                    tr {
                        td { (self.article_link(i)) }
                        td.text { (quote(art.meta.title.as_deref().unwrap_or(""), 70)) }
                        td.text { (self.outlet(i)) }
                        td.text { (self.date(i)) }
                        td { (group(art.words as u64)) }
                        td { (percent(flagged, art.words as u64)) }
                        td.text { (badges(kinds)) }
                    }
                }
            }
        }
    }

    /// An article's notes on where its text came from: what it copies, who copied it (it is
    /// their original), and what its declarations contradict.
    fn provenance_notes(&self, i: usize) -> Markup {
        let a = self.a;
        let contradictions = a.provenance.contradictions_of(i);
        html! {
            @for c in &a.provenance.copied_from[i] {
                p.note {
                    "copy of " (self.article_link(c.article as usize))
                    " (" (self.outlet(c.article as usize)) ", " (self.date(c.article as usize)) "): "
                    (format!("{:.0}%", c.share * 100.0)) " of its words"
                }
            }
            @if let Some(by) = a.provenance.copied_by.get(i).filter(|v| !v.is_empty()) {
                p.note.origin {
                    "copied by "
                    @for (n, c) in by.iter().take(self.opts.max_links).enumerate() {
                        @if n > 0 { ", " }
                        (self.article_link(c.article as usize))
                        " (" (self.outlet(c.article as usize)) ", " (self.date(c.article as usize)) ", "
                        (format!("{:.0}%", c.share * 100.0)) " of its words)"
                    }
                    @if by.len() > self.opts.max_links { " and " (by.len() - self.opts.max_links) " more" }
                    ": this article is their original"
                }
            }
            @for c in contradictions {
                p.note.warn {
                    @match &c.declared {
                        Some(d) => { "names " (d) " as its source, but the text first appeared in " }
                        None => { "declares no source, but the text first appeared in " }
                    }
                    (self.article_link(c.origin as usize)) " (" (self.outlet(c.origin as usize)) ", " (self.date(c.origin as usize)) ")"
                }
            }
        }
    }

    /// One article: heading, metadata, copies and contradictions, declared sources, then its
    /// paragraphs. `text` is `None` when it could not be read again.
    fn article(&self, i: usize, text: Option<&str>) -> Markup {
        let a = self.a;
        let art = &a.store.articles[i];
        let (kinds, flagged) = self.article_kinds(i);
        let search = format!(
            "{} {} {}",
            art.meta.id,
            self.outlet(i),
            art.meta.title.as_deref().unwrap_or("")
        )
        .to_lowercase();
        html! {
            article.art id={ "a" (i) } data-kinds=(kind_names(kinds)) data-search=(search) {
                h3 {
                    a href={ "#a" (i) } { (art.meta.id) }
                    @if let Some(t) = &art.meta.title { " · " (quote(t, 160)) }
                }
                div.meta.ameta {
                    (self.outlet(i)) " · " (self.date(i)) " · " code { (self.place(i)) } " · "
                    (group(art.words as u64)) " words, " (percent(flagged, art.words as u64)) " flagged"
                    @if let Some(url) = &art.meta.url {
                        " · "
                        @match safe_href(url) {
                            Some(h) => a href=(h) rel="noreferrer noopener" { (quote(url, 80)) },
                            None => (quote(url, 80)),
                        }
                    }
                }
                (self.provenance_notes(i))
                @if art.declared.iter().any(|d| d.kind != reprint_core::model::DeclKind::Mention) {
                    ul.declared {
                        @for d in art.declared.iter().filter(|d| d.kind != reprint_core::model::DeclKind::Mention) {
                            li {
                                span.badge { (d.kind.name().replace('_', " ")) } strong { (d.outlet) } ": "
                                span.muted { "“" (quote(&d.text, 200)) "”" }
                                @if let Some(h) = d.detail.as_deref().and_then(safe_href) {
                                    " " a href=(h) rel="noreferrer noopener" { "link" }
                                }
                            }
                        }
                    }
                }
                @if text.is_none() {
                    p.warn { "The text of this article could not be read again." }
                }
                @for (j, p) in art.paras().enumerate() {
                    @let note = self.spans.get(&(p as u32));
                    (para_block(
                        &format!("p{i}-{j}"),
                        j as u32,
                        a.classification.para_kinds[p],
                        text,
                        a.store.paras[p].span,
                        note.map_or(&[][..], |n| &n.marks),
                        html! { (self.junk_why(p)) (self.para_links(p as u32)) },
                    ))
                }
            }
        }
    }

    /// Streams the articles of `range` through `write(index, markup)`, in order; articles the
    /// source skips are written without text. Returns the skipped ones.
    fn stream_articles(
        &self,
        texts: &mut dyn TextSource,
        write: &mut dyn FnMut(usize, Markup) -> io::Result<()>,
    ) -> io::Result<Vec<usize>> {
        let n = self.a.store.articles.len();
        let mut next = 0usize;
        let mut missing = Vec::new();
        let mut failed: Option<io::Error> = None;
        let mut emit = |i: usize, text: Option<&str>, failed: &mut Option<io::Error>| {
            if failed.is_none() {
                if let Err(e) = write(i, self.article(i, text)) {
                    *failed = Some(e);
                }
            }
        };
        texts.each(&mut |i, text| {
            if i < next || i >= n {
                return;
            }
            while next < i {
                missing.push(next);
                emit(next, None, &mut failed);
                next += 1;
            }
            emit(i, Some(&text), &mut failed);
            next = i + 1;
        });
        while next < n {
            missing.push(next);
            emit(next, None, &mut failed);
            next += 1;
        }
        match failed {
            Some(e) => Err(e),
            None => Ok(missing),
        }
    }

    /// Writes the whole report as one page.
    pub fn write_single(
        &self,
        out: &mut dyn Write,
        texts: &mut dyn TextSource,
    ) -> io::Result<Written> {
        page_start(out, "reprint report")?;
        let n = self.a.store.articles.len();
        let all: Vec<u32> = (0..n as u32).collect();
        write_markup(
            out,
            html! {
                (self.header("one page", self.index_nav()))
                (maud::PreEscaped("<main>"))
                (self.summary_section())
                (self.outlets_section())
                (self.copying_section())
                (self.provenance_section())
                (self.clusters_section())
                section #articles {
                    h2 { "Articles" }
                    (self.articles_table(&all))
                    h3 { "Each article" }
                    p.meta { "Paragraphs are coloured by kind (key above); a paragraph found elsewhere links to its matches." }
                    (self.filters(n))
                }
            },
        )?;
        let missing = self.stream_articles(texts, &mut |_, m| write_markup(out, m))?;
        out.write_all(b"</main>")?;
        page_end(out)?;
        Ok(Written { pages: 1, missing })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_core::Engine;
    use reprint_core::NoProgress;
    use reprint_core::analyze;
    use reprint_core::config::Config;
    use reprint_core::{Corpus, FieldNames, for_each_text};
    use std::cell::RefCell;
    use std::collections::BTreeMap;
    use std::rc::Rc;

    struct CorpusTexts<'c> {
        corpus: &'c Corpus,
        locs: Vec<(usize, reprint_core::model::Location)>,
    }

    impl TextSource for CorpusTexts<'_> {
        fn each(&mut self, f: &mut dyn FnMut(usize, String)) {
            for_each_text(self.corpus, &FieldNames::default(), &self.locs, f);
        }
    }

    /// Pages kept in memory.
    #[derive(Default)]
    struct MemPages(Rc<RefCell<BTreeMap<String, Vec<u8>>>>);

    struct MemPage {
        name: String,
        buf: Vec<u8>,
        into: Rc<RefCell<BTreeMap<String, Vec<u8>>>>,
    }

    impl Write for MemPage {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.buf.write(b)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.into
                .borrow_mut()
                .insert(self.name.clone(), self.buf.clone());
            Ok(())
        }
    }

    impl Pages for MemPages {
        fn page(&mut self, name: &str) -> io::Result<Box<dyn Write>> {
            Ok(Box::new(MemPage {
                name: name.into(),
                buf: Vec::new(),
                into: self.0.clone(),
            }))
        }
    }

    fn fixture() -> (tempfile::TempDir, Corpus, Analysis) {
        let d = tempfile::tempdir().unwrap();
        let body = "The council voted on Tuesday to extend the ferry timetable by two weeks after commuters complained about crowding.";
        std::fs::write(
            d.path().join("a.txt"),
            format!("Ferry <script>alert(1)</script> news\n\n{body}\n\nA paragraph with \"><img src=x onerror=alert(2)> and </style> inside it, long enough to count as text.\n\nLeave a Comment\n"),
        )
        .unwrap();
        std::fs::write(d.path().join("b.txt"), format!("Other title\n\n{body}\n")).unwrap();
        std::fs::write(
            d.path().join("c.txt"),
            "Unrelated\n\nRain is expected across the north on Thursday, forecasters said.\n",
        )
        .unwrap();
        let corpus = Corpus::discover(&[d.path().to_path_buf()], &mut Vec::new()).unwrap();
        let a = analyze(
            &corpus,
            &Engine::new(Config::default()).unwrap(),
            &NoProgress,
        );
        (d, corpus, a)
    }

    fn locs(a: &Analysis) -> Vec<(usize, reprint_core::model::Location)> {
        a.store
            .articles
            .iter()
            .enumerate()
            .map(|(i, r)| (i, r.location.clone()))
            .collect()
    }

    #[test]
    fn one_page_shows_kinds_links_and_escapes_hostile_text() {
        let (_d, corpus, a) = fixture();
        let s = Summary::of(&a);
        let files: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
        let inputs = vec!["corpus/".to_string()];
        let html = CorpusHtml::new(&a, &s, &inputs, &files, HtmlOptions::default());
        let mut src = CorpusTexts {
            corpus: &corpus,
            locs: locs(&a),
        };
        let mut out = Vec::new();
        let w = html.write_single(&mut out, &mut src).unwrap();
        assert!(w.missing.is_empty());
        let page = String::from_utf8(out).unwrap();
        assert_eq!(page.matches("<article class=\"art\"").count(), 3);
        assert!(
            page.contains(r#"class="para k-boilerplate" id="p0-3""#),
            "the comment prompt is boilerplate"
        );
        // The shared paragraph links to its twin in the other article.
        assert!(page.contains(r##"href="#p1-1""##) && page.contains(r##"href="#p0-1""##));
        assert!(!page.contains("<script>alert"));
        assert!(!page.contains("<img src=x"));
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(page.matches("<script>").count(), 1);
        assert_eq!(page.matches("</style>").count(), 1);
        assert!(page.contains("<svg class=\"chart\""));
    }

    #[test]
    fn a_folder_has_an_index_pages_and_outlets_and_the_same_articles() {
        let (_d, corpus, a) = fixture();
        let s = Summary::of(&a);
        let files: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
        let inputs = vec!["corpus/".to_string()];
        let opts = HtmlOptions {
            folder: true,
            page_articles: 2,
            ..HtmlOptions::default()
        };
        let html = CorpusHtml::new(&a, &s, &inputs, &files, opts);
        let mut pages = MemPages::default();
        let mut src = CorpusTexts {
            corpus: &corpus,
            locs: locs(&a),
        };
        let w = html.write_folder(&mut pages, &mut src).unwrap();
        let got = pages.0.borrow();
        let names: Vec<&str> = got.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            vec![
                "articles-0001.html",
                "articles-0002.html",
                "index.html",
                "outlet-0001.html"
            ]
        );
        assert_eq!(w.pages, 4);
        let page = |n: &str| String::from_utf8(got[n].clone()).unwrap();
        assert_eq!(page("articles-0001.html").matches("<article ").count(), 2);
        assert_eq!(page("articles-0002.html").matches("<article ").count(), 1);
        assert!(page("articles-0001.html").contains(r##"href="articles-0001.html#p1-1""##));
        assert!(page("index.html").contains(r#"href="articles-0002.html""#));
        assert!(page("outlet-0001.html").contains(r##"href="articles-0002.html#a2""##));
    }

    #[test]
    fn articles_that_cannot_be_read_again_are_still_listed() {
        let (_d, corpus, a) = fixture();
        let s = Summary::of(&a);
        let files: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
        let html = CorpusHtml::new(&a, &s, &[], &files, HtmlOptions::default());
        let mut only_second = CorpusTexts {
            corpus: &corpus,
            locs: locs(&a).into_iter().filter(|l| l.0 == 1).collect(),
        };
        let mut out = Vec::new();
        let w = html.write_single(&mut out, &mut only_second).unwrap();
        assert_eq!(w.missing, vec![0, 2]);
        let page = String::from_utf8(out).unwrap();
        assert_eq!(page.matches("<article class=\"art\"").count(), 3);
        assert_eq!(page.matches("could not be read again").count(), 2);
    }
}
