//! The pages of a folder report, written in this order: the index, the article pages (the
//! articles streamed onto them), a page per outlet, and a page per listed cluster too large for
//! the index.

use super::{
    CorpusHtml, OutletRow, Pages, TextSource, Written, cluster_page_name, outlet_page_name,
    page_name,
};
use crate::html::{group, legend, page_end, page_start, percent, write_markup};
use maud::{Markup, html};
use std::io::{self, Write};

impl CorpusHtml<'_> {
    /// Writes the report as a folder of pages (see the module documentation).
    pub fn write_folder(
        &self,
        pages: &mut dyn Pages,
        texts: &mut dyn TextSource,
    ) -> io::Result<Written> {
        write_page(pages, "index.html", "reprint report", self.index_page())?;
        let (article_pages, missing) = self.write_article_pages(pages, texts)?;
        let outlet_pages = self.write_outlet_pages(pages)?;
        let cluster_pages = self.write_cluster_pages(pages)?;
        Ok(Written {
            pages: 1 + article_pages + outlet_pages + cluster_pages,
            missing,
        })
    }

    /// The index: the sections of the single page, but the articles only as a list of their
    /// pages, so that its size does not grow with the corpus.
    fn index_page(&self) -> Markup {
        let n_pages = self.article_pages();
        html! {
            (self.header(&format!("{n_pages} article pages"), self.index_nav()))
            main {
                (self.summary_section())
                (self.outlets_section())
                (self.copying_section())
                (self.provenance_section())
                (self.clusters_section())
                (self.article_page_list(n_pages))
            }
        }
    }

    /// The index's list of article pages, each with the ids of its first and last article so
    /// that an article can be found by id without opening every page.
    fn article_page_list(&self, n_pages: usize) -> Markup {
        let per = self.opts.page_articles;
        let n = self.a.store.articles.len();
        html! {
            section #articles {
                h2 { "Articles" }
                p.meta { "Articles in input order, " (per) " a page. Outlet pages (above) list each outlet's articles." }
                ul {
                    @for p in 0..n_pages {
                        @let (lo, hi) = (p * per, ((p + 1) * per).min(n));
                        li {
                            a href=(page_name(p)) { "page " (p + 1) }
                            ": articles " (lo + 1) "–" (hi)
                            @if hi > lo {
                                " (" (self.a.store.articles[lo].meta.id) " … " (self.a.store.articles[hi - 1].meta.id) ")"
                            }
                        }
                    }
                }
            }
        }
    }

    /// Streams the articles onto their pages, opening page `i / page_articles` when its first
    /// article arrives, so that one page at a time is open and no text is held. Returns the
    /// pages written and the articles that could not be read again.
    fn write_article_pages(
        &self,
        pages: &mut dyn Pages,
        texts: &mut dyn TextSource,
    ) -> io::Result<(usize, Vec<usize>)> {
        let per = self.opts.page_articles;
        let mut written = 0usize;
        let mut current: Option<(usize, Box<dyn Write>)> = None;
        let missing = self.stream_articles(texts, &mut |i, m| {
            let p = i / per;
            if current.as_ref().is_none_or(|c| c.0 != p) {
                if let Some((_, mut w)) = current.take() {
                    close_article_page(&mut w)?;
                }
                current = Some((p, self.open_article_page(p, pages)?));
                written += 1;
            }
            match &mut current {
                Some((_, w)) => write_markup(&mut **w, m),
                None => Ok(()),
            }
        })?;
        match current.take() {
            Some((_, mut w)) => close_article_page(&mut w)?,
            None => {
                // An empty corpus still gets its (empty) first page.
                let mut w = self.open_article_page(0, pages)?;
                close_article_page(&mut w)?;
                written += 1;
            }
        }
        Ok((written, missing))
    }

    /// Starts article page `p`: everything before its articles, `<main>` left open for them.
    fn open_article_page(&self, p: usize, pages: &mut dyn Pages) -> io::Result<Box<dyn Write>> {
        let per = self.opts.page_articles;
        let mut w = pages.page(&page_name(p))?;
        page_start(&mut *w, &format!("reprint report · page {}", p + 1))?;
        let lo = p * per;
        let hi = ((p + 1) * per).min(self.a.store.articles.len());
        write_markup(
            &mut *w,
            html! {
                (self.header(&format!("articles {}–{}", lo + 1, hi), article_page_nav(p, self.article_pages())))
                (maud::PreEscaped("<main>"))
                (legend(true))
                (self.filters(hi - lo))
            },
        )?;
        Ok(w)
    }

    /// Writes a page per outlet listing its articles; returns how many.
    fn write_outlet_pages(&self, pages: &mut dyn Pages) -> io::Result<usize> {
        for (r, o) in self.outlets.iter().enumerate() {
            let title = format!("reprint report · {}", o.name);
            write_page(pages, &outlet_page_name(r), &title, self.outlet_page(o))?;
        }
        Ok(self.outlets.len())
    }

    /// An outlet's page: its figures and the table of its articles, which the index leaves out.
    fn outlet_page(&self, o: &OutletRow) -> Markup {
        html! {
            (self.header(&o.name, html! { a href="index.html" { "Index" } a href="index.html#outlets" { "Outlets" } }))
            main {
                h2 { (o.name) }
                p { (group(o.articles.len() as u64)) " articles, " (group(o.words)) " words, " (percent(o.flagged(), o.words)) " flagged." }
                (self.articles_table(&o.articles))
            }
        }
    }

    /// Writes a page for each listed cluster with more members than the index shows; returns
    /// how many.
    fn write_cluster_pages(&self, pages: &mut dyn Pages) -> io::Result<usize> {
        let mut written = 0;
        for &c in &self.top {
            if self.a.classification.clusters[c].members.len() <= self.opts.inline_members {
                continue;
            }
            let title = format!("reprint report · cluster {c}");
            write_page(pages, &cluster_page_name(c), &title, self.cluster_page(c))?;
            written += 1;
        }
        Ok(written)
    }

    /// A cluster's page: every member, where the index shows the first `inline_members`.
    fn cluster_page(&self, c: usize) -> Markup {
        let cl = &self.a.classification.clusters[c];
        html! {
            (self.header(&format!("cluster {c}"), html! { a href="index.html" { "Index" } a href={ "index.html#c" (c) } { "Cluster " (c) } }))
            main {
                h2 { "Cluster " (c) ": " (group(cl.members.len() as u64)) " paragraphs" }
                (self.members_table(&cl.members))
            }
        }
    }
}

/// The links between article pages: back to the index, to the previous and the next page.
fn article_page_nav(p: usize, n_pages: usize) -> Markup {
    html! {
        a href="index.html" { "Index" }
        @if p > 0 { a href=(page_name(p - 1)) { "← page " (p) } }
        span { "page " (p + 1) " of " (n_pages) }
        @if p + 1 < n_pages { a href=(page_name(p + 1)) { "page " (p + 2) " →" } }
    }
}

/// Ends an article page opened by [`CorpusHtml::open_article_page`].
fn close_article_page(w: &mut Box<dyn Write>) -> io::Result<()> {
    w.write_all(b"</main>")?;
    page_end(&mut **w)?;
    w.flush()
}

/// Writes a whole page (the index, an outlet's, a cluster's) at once.
fn write_page(pages: &mut dyn Pages, name: &str, title: &str, body: Markup) -> io::Result<()> {
    let mut w = pages.page(name)?;
    page_start(&mut *w, title)?;
    write_markup(&mut *w, body)?;
    page_end(&mut *w)?;
    w.flush()
}
