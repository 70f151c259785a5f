//! The sections of the index (summary, the chart of words per kind by outlet, outlets,
//! provenance, the largest clusters), shown at the top of the single page too.

use super::{CorpusHtml, KindWords, cluster_page_name, outlet_page_name, quote};
use super::{SOURCE, TAKEN};
use crate::html::{ORIGINAL, badges, group, percent};
use maud::{Markup, html};
use reprint_core::model::FindingKind;
use reprint_core::model::KindSet;

/// One bar of the chart: its label, its segments `(kind or original, x, width, words)`, its
/// words and its flagged words.
struct Bar {
    label: String,
    segs: Vec<(&'static str, f64, f64, u64)>,
    words: u64,
    flagged: u64,
}

/// The chart's colour key, in the order of its segments.
fn chart_legend() -> Markup {
    let furniture = [FindingKind::Boilerplate, FindingKind::AggregatorFooter];
    // Syndicated copies are text taken from another outlet: they are drawn as such.
    let rest = FindingKind::ALL
        .into_iter()
        .filter(|k| !furniture.contains(k) && *k != FindingKind::SyndicatedArticle);
    html! {
        div.legend {
            @for k in furniture {
                span { span class={ "swatch s-" (k.name()) } {} (k.name().replace('_', " ")) }
            }
            span { span class={ "swatch s-" (TAKEN) } {} "taken from another outlet (syndicated copies included)" }
            span { span class={ "swatch s-" (SOURCE) } {} "original, taken by another outlet" }
            @for k in rest {
                span { span class={ "swatch s-" (k.name()) } {} (k.name().replace('_', " ")) }
            }
            span { span class={ "swatch s-" (ORIGINAL) } {} "original text" }
        }
    }
}

/// The name a chart segment shows in its tooltip.
fn segment_name(name: &str) -> String {
    match name {
        TAKEN => "taken from another outlet".into(),
        SOURCE => "original text another outlet took".into(),
        other => other.replace('_', " "),
    }
}

impl CorpusHtml<'_> {
    /// Figures per kind over the whole corpus.
    pub(super) fn summary_section(&self) -> Markup {
        let s = self.summary;
        html! {
            section #summary {
                h2 { "Summary" }
                p {
                    (percent(s.flagged_words, s.words)) " of the words are in paragraphs of some kind; "
                    (group(s.clusters)) " near-duplicate paragraph clusters."
                    @if s.errors > 0 { " " span.warn { (s.errors) " files or records could not be read." } }
                }
                table.figures {
                    tr { th { "kind" } th { "findings" } th { "paragraphs" } th { "words" } th { "share of words" } }
                    @for k in &s.kinds {
                        tr {
                            td { span class={ "swatch s-" (k.kind.name()) } {} (k.kind.name()) }
                            td { (group(k.findings)) } td { (group(k.paragraphs)) } td { (group(k.words)) }
                            td { (format!("{:.1}%", k.share * 100.0)) }
                        }
                    }
                    tr { td { "any kind" } td {} td {} td { (group(s.flagged_words)) } td { (percent(s.flagged_words, s.words)) } }
                }
                p.meta { "A paragraph may carry several kinds; the table counts it under each." }
            }
        }
    }

    /// The SVG bars of words per kind: all outlets, the largest `chart_outlets` one by one,
    /// the rest summed in one bar so that the chart keeps its size on any corpus.
    fn chart(&self) -> Markup {
        const LABEL: f64 = 240.0;
        const BAR: f64 = 540.0;
        const ROW: f64 = 24.0;
        const WIDTH: f64 = 900.0;
        let mut rows: Vec<(String, KindWords, u64)> = Vec::new();
        let mut all = KindWords::default();
        for r in &self.outlets {
            all.add(&r.by_kind);
        }
        rows.push(("all outlets".into(), all, all.total()));
        for r in self.outlets.iter().take(self.opts.chart_outlets) {
            let label = format!("{} ({})", r.name, r.articles.len());
            rows.push((label, r.by_kind, r.words));
        }
        let rest = &self.outlets[self.opts.chart_outlets.min(self.outlets.len())..];
        if !rest.is_empty() {
            let mut sum = KindWords::default();
            for r in rest {
                sum.add(&r.by_kind);
            }
            rows.push((format!("{} other outlets", rest.len()), sum, sum.total()));
        }
        let height = rows.len() as f64 * ROW + 4.0;
        let drawn: Vec<Bar> = rows
            .into_iter()
            .map(|(label, by_kind, words)| {
                let mut x = LABEL;
                let mut segs = Vec::new();
                for (name, w) in by_kind.segments() {
                    if w > 0 {
                        let width = BAR * w as f64 / words.max(1) as f64;
                        segs.push((name, x, width, w));
                        x += width;
                    }
                }
                Bar {
                    label,
                    segs,
                    words,
                    flagged: words - by_kind.original,
                }
            })
            .collect();
        html! {
            svg.chart xmlns="http://www.w3.org/2000/svg" width=(WIDTH) height=(height)
                viewBox={ "0 0 " (WIDTH) " " (height) } role="img"
                aria-label="Share of words per kind for each outlet" {
                @for (r, Bar { label, segs, words, flagged }) in drawn.iter().enumerate() {
                    text x="0" y=(format!("{:.0}", r as f64 * ROW + 16.0)) { (quote(label, 34)) }
                    @for &(name, x, width, w) in segs {
                        rect class={ "f-" (name) } x=(format!("{x:.2}")) y=(format!("{:.0}", r as f64 * ROW + 4.0))
                            width=(format!("{width:.2}")) height="16" {
                            title { (label) ": " (segment_name(name)) " " (percent(w, *words)) " (" (group(w)) " words)" }
                        }
                    }
                    text x=(format!("{:.0}", LABEL + BAR + 8.0)) y=(format!("{:.0}", r as f64 * ROW + 16.0)) {
                        (percent(*flagged, *words)) " flagged"
                    }
                }
            }
        }
    }

    /// The chart, and in a folder the table of outlets linking to their pages.
    pub(super) fn outlets_section(&self) -> Markup {
        html! {
            section #outlets {
                h2 { "Share of words per kind, by outlet" }
                p.meta {
                    "Each paragraph is counted once: site furniture first, then text taken from another outlet's earlier article "
                    "(syndicated copies included), then original text another outlet took, then the other kinds in this order. "
                    "Bars are scaled to each outlet's words; outlets are sorted by words; hover a bar for figures."
                }
                (chart_legend())
                (self.chart())
                @if self.opts.folder {
                    table.figures {
                        tr { th { "outlet" } th { "articles" } th { "words" } th { "flagged" } }
                        @for (r, o) in self.outlets.iter().enumerate() {
                            tr {
                                td { a href=(outlet_page_name(r)) { (o.name) } }
                                td { (group(o.articles.len() as u64)) } td { (group(o.words)) }
                                td { (percent(o.flagged(), o.words)) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Aggregators, and articles whose declared source (or lack of one) the corpus contradicts;
    /// nothing when there are neither.
    pub(super) fn provenance_section(&self) -> Markup {
        let p = &self.a.provenance;
        if p.aggregators.is_empty() && p.contradictions.is_empty() {
            return html! {};
        }
        const MAX: usize = 200;
        html! {
            section #provenance {
                h2 { "Provenance" }
                @if !p.aggregators.is_empty() {
                    h3 { "Aggregators" }
                    p.meta { "Outlets whose articles are mostly later copies of other outlets' articles." }
                    table.figures {
                        tr { th { "outlet" } th { "articles" } th { "copies" } }
                        @for g in &self.summary.aggregators {
                            tr { td { (g.outlet) } td { (g.articles) } td { (g.copies) } }
                        }
                    }
                }
                @if !p.contradictions.is_empty() {
                    h3 { "Declared source vs. corpus" }
                    ul {
                        @for c in p.contradictions.iter().take(MAX) {
                            li {
                                (self.article_link(c.article as usize))
                                @match &c.declared {
                                    Some(d) => { " names " (d) " as its source, but the text first appeared in " }
                                    None => { " copies " }
                                }
                                (self.article_link(c.origin as usize))
                                " (" (self.outlet(c.origin as usize)) ", " (self.date(c.origin as usize)) ")"
                                @if c.declared.is_none() { " but declares no source" }
                            }
                        }
                    }
                    @if p.contradictions.len() > MAX {
                        p.meta { "… and " (p.contradictions.len() - MAX) " more, shown with their articles." }
                    }
                }
            }
        }
    }

    /// One row per member: the paragraph (or article), its outlet, date and kinds.
    pub(super) fn members_table(&self, members: &[reprint_core::model::Member]) -> Markup {
        html! {
            table.figures {
                tr { th { "article" } th { "outlet" } th { "date" } th { "kinds" } }
                @for m in members {
                    @let art = m.article.get();
                    @let gp = m.paragraph.map(|j| self.a.store.articles[art].para(j).0);
                    tr {
                        td {
                            @match gp {
                                Some(gp) => (self.para_link(gp)),
                                None => (self.article_link(art)),
                            }
                        }
                        td.text { (self.outlet(art)) }
                        td.text { (self.date(art)) }
                        td.text { @if let Some(gp) = gp { (badges(self.a.classification.para_kinds[gp as usize])) } }
                    }
                }
            }
        }
    }

    /// The largest clusters, news reuse first and site furniture in a list of its own, each
    /// with its members.
    pub(super) fn clusters_section(&self) -> Markup {
        let all = &self.a.classification.clusters;
        let (news, furniture) = self.top.split_at(self.top_news);
        html! {
            section #clusters {
                h2 { "Largest clusters" }
                @if all.is_empty() {
                    p { "No near-duplicate paragraphs were found." }
                } @else {
                    p.meta {
                        (group(all.len() as u64)) " near-duplicate paragraph clusters. News reuse comes first; "
                        "site furniture (boilerplate, footers and short unclassified lines) is listed apart. "
                        "The origin is the earliest dated member."
                    }
                }
                @if !news.is_empty() {
                    h3 { "Reused text" }
                    @for (rank, &c) in news.iter().enumerate() {
                        (self.cluster_entry(rank, c))
                    }
                }
                @if !furniture.is_empty() {
                    h3 #furniture { "Site furniture" }
                    @for &c in furniture {
                        (self.cluster_entry(usize::MAX, c))
                    }
                }
            }
        }
    }

    /// One cluster: its kind, a quote of its first member, its origin and its members (in a
    /// folder, at most `inline_members`, with a link to the cluster's page).
    fn cluster_entry(&self, rank: usize, c: usize) -> Markup {
        let cl = &self.a.classification.clusters[c];
        let mut arts: Vec<u32> = cl.members.iter().map(|m| m.article.0).collect();
        arts.dedup();
        let origin = reprint_core::origin_of(&self.a.store, arts.iter().copied());
        let first = &cl.members[0];
        let text = self
            .quotes
            .get(first.article.get())
            .and_then(|t| first.span.slice(t));
        let kind = cl.kind.map(|k| {
            let mut s = KindSet::default();
            s.insert(k);
            s
        });
        html! {
            details.cluster id={ "c" (c) } open[rank < 3] {
                summary {
                    strong { "cluster " (c) } " · "
                    @match kind { Some(k) => (badges(k)), None => "unclassified · ", }
                    (cl.members.len()) " paragraphs in " (arts.len()) " articles"
                    @if let Some(t) = text { ": " span.muted { "“" (quote(t, 90)) "”" } }
                }
                @if let Some(t) = text { blockquote { (quote(t, 600)) } }
                p.note {
                    "origin: "
                    @match &origin {
                        Some(o) => {
                            (self.article_link(o.article.get())) " (" (self.outlet(o.article.get())) ", " (self.date(o.article.get())) ")"
                        }
                        None => { "unknown (no member is dated)" }
                    }
                }
                @if self.opts.folder && cl.members.len() > self.opts.inline_members {
                    (self.members_table(&cl.members[..self.opts.inline_members]))
                    p.note { a href=(cluster_page_name(c)) { "all " (group(cl.members.len() as u64)) " members" } }
                } @else {
                    (self.members_table(&cl.members))
                }
            }
        }
    }
}
