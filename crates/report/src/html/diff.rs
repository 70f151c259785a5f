//! The diff page: the same view as the terminal diff, as one self-contained HTML page.
//!
//! Two columns (A left, B right); each aligned pair is a row with its similarity, shared words
//! in `<mark>`; runs of unaligned paragraphs sit in their own column between pairs. Paragraphs
//! are coloured by kind and anchored (`#a-3`, `#b-16`), and a paragraph that matches one on the
//! other side out of order links to it. Aligned passages (reused wording with edits) are listed
//! first, A's replaced or dropped words in `<del>`, B's in `<ins>`.

use super::{legend, page_end, page_start, para_block, safe_href, write_markup};
use crate::diff_text::{pair_start, passage_head, shared_texts};
use maud::{Markup, html};
use reprint_core::model::ByteSpan;
use reprint_core::{Diff, DiffArticle, Elsewhere, PairDiff, Piece, Row, ShownPassage};
use std::io::{self, Write};
use std::ops::Range;

fn side_box(side: char, a: &DiffArticle, words: u32) -> Markup {
    html! {
        div.side {
            h3 { (side) " · " (a.meta.id) }
            @if let Some(t) = &a.meta.title { div { (t) } }
            div.meta {
                (a.outlet.as_deref().unwrap_or("unknown outlet")) " · "
                (a.meta.date.as_deref().unwrap_or("undated")) " · "
                (words) " words · " code { (a.place) }
            }
            @if let Some(url) = &a.meta.url {
                div.meta {
                    @match safe_href(url) {
                        Some(h) => a href=(h) rel="noreferrer noopener" { (url) },
                        None => (url),
                    }
                }
            }
            @if a.declared.iter().any(|d| d.kind != reprint_core::model::DeclKind::Mention) {
                ul.declared {
                    @for d in a.declared.iter().filter(|d| d.kind != reprint_core::model::DeclKind::Mention) {
                        li { span.badge { (d.kind.name().replace('_', " ")) } (d.outlet) ": " span.muted { (d.text) } }
                    }
                }
            }
        }
    }
}

fn paragraph(
    side: char,
    art: &DiffArticle,
    p: u32,
    marks: &[ByteSpan],
    elsewhere: Option<Elsewhere>,
) -> Markup {
    let id = format!("{}-{p}", side.to_ascii_lowercase());
    let other = if side == 'A' { 'B' } else { 'A' };
    let extra = html! {
        @if let Some(e) = elsewhere {
            div.links {
                "matches "
                a href={ "#" (other.to_ascii_lowercase()) "-" (e.other) } { (other) " ¶" (e.other) }
                " (" (format!("{:.2}", e.similarity)) "), out of order"
            }
        }
    };
    let span = art.paras.get(p as usize).copied().unwrap_or_default();
    let kinds = art.kinds.get(p as usize).copied().unwrap_or_default();
    para_block(
        &id,
        p,
        kinds,
        Some(&art.text),
        span,
        &art.marks_in(p, marks),
        extra,
    )
}

/// An aligned passage with its edits marked.
fn passage(d: &Diff, sp: &ShownPassage) -> Markup {
    html! {
        div.passage {
            div.rowhead {
                a href={ "#a-" (sp.a) } { "A ¶" (sp.a) } " ↔ " a href={ "#b-" (sp.b) } { "B ¶" (sp.b) }
                " · " (passage_head(sp).split_once(" · ").map_or("", |x| x.1))
            }
            p.text {
                @for (i, piece) in sp.pieces.iter().enumerate() {
                    @if i > 0 { " " }
                    @match piece {
                        Piece::Same(s) => (s.slice(&d.a.text).unwrap_or("")),
                        Piece::Deleted(s) => del { (s.slice(&d.a.text).unwrap_or("")) },
                        Piece::Inserted(s) => ins { (s.slice(&d.b.text).unwrap_or("")) },
                    }
                }
            }
        }
    }
}

/// Writes the diff page.
pub fn write_diff_html(out: &mut dyn Write, d: &Diff) -> io::Result<()> {
    page_start(
        out,
        &format!("reprint diff: {} ↔ {}", d.a.meta.id, d.b.meta.id),
    )?;
    let body = html! {
        header.top {
            h1 { "reprint diff" }
            p.meta { "Two articles aligned paragraph by paragraph. Words an aligned pair shares are " mark { "highlighted" } "; paragraphs are coloured by the kind reprint found." }
        }
        main {
            div.diffhead {
                (side_box('A', &d.a, d.alignment.words_a))
                (side_box('B', &d.b, d.alignment.words_b))
            }
            (summary(d))
            (legend(true))
            (pairs_table(d))
            (passages_section(d))
            p.note { label hidden { input #pairs-only type="checkbox"; " show aligned pairs only" } }
            div.cols { div { "A · " (d.a.meta.id) } div { "B · " (d.b.meta.id) } }
            div.diff {
                @for (r, row) in d.alignment.rows.iter().enumerate() {
                    @match row {
                        Row::Pair(p) => (pair_row(d, r, p)),
                        Row::Gap { a, b } => (gap_row(d, r, a.clone(), b.clone())),
                    }
                }
            }
        }
    };
    write_markup(out, body)?;
    page_end(out)
}

/// The figures of the alignment in one sentence: similarity, pairs, shared words.
fn summary(d: &Diff) -> Markup {
    let al = &d.alignment;
    let pairs = al.pairs().count();
    let share = |part: u32, whole: u32| super::percent(part as u64, whole as u64);
    html! {
        p #summary {
            "Similarity " span.sim { (format!("{:.2}", al.similarity())) } ": "
            (pairs) " aligned paragraph pair" @if pairs != 1 { "s" } ", "
            (al.shared_words) " shared words (" (share(al.shared_words, al.words_a)) " of A, "
            (share(al.shared_words, al.words_b)) " of B)."
        }
    }
}

/// The table of aligned pairs with their shared text, each linking to its row below, so that
/// a long diff can be read from its matches; nothing when no pair is aligned.
fn pairs_table(d: &Diff) -> Markup {
    let al = &d.alignment;
    if al.pairs().count() == 0 {
        return html! {};
    }
    html! {
        table.figures #pairs {
            tr { th { "pair" } th { "similarity" } th { "shared words" } th { "shared text" } }
            @for (r, p) in al.rows.iter().enumerate() {
                @if let Row::Pair(p) = p {
                    tr {
                        td { a href={ "#r" (r) } { "A ¶" (p.a) " ↔ B ¶" (p.b) } }
                        td { (format!("{:.2}", p.similarity)) }
                        td { (p.shared_words) }
                        td.text {
                            @let shared = shared_texts(d, p);
                            @if shared.is_empty() {
                                span.muted { (pair_start(d, p)) }
                            }
                            @for (i, t) in shared.iter().enumerate() {
                                @if i > 0 { " … " }
                                mark { (t) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The aligned passages, each with its edits; nothing when there are none.
fn passages_section(d: &Diff) -> Markup {
    html! {
        @if !d.passages.is_empty() {
            section #passages {
                h2 { "Aligned passages" }
                p.note { "Reused wording with edits: " del { "A's words" } " replaced or dropped, " ins { "B's words" } " put in." }
                @for sp in &d.passages { (passage(d, sp)) }
            }
        }
    }
}

/// Row `r` of the diff: two aligned paragraphs side by side, shared words marked.
fn pair_row(d: &Diff, r: usize, p: &PairDiff) -> Markup {
    html! {
        div.row.pair id={ "r" (r) } {
            div.rowhead {
                span.sim { (format!("{:.2}", p.similarity)) } " "
                a href={ "#a-" (p.a) } { "A ¶" (p.a) } " ↔ " a href={ "#b-" (p.b) } { "B ¶" (p.b) }
                " · " (p.shared_words) " shared words"
            }
            div.cell.a { (paragraph('A', &d.a, p.a, &p.marks_a, None)) }
            div.cell.b { (paragraph('B', &d.b, p.b, &p.marks_b, None)) }
        }
    }
}

/// Row `r` of the diff: paragraphs of A and of B with no aligned partner, each linking to its
/// match on the other side when it has one out of order.
fn gap_row(d: &Diff, r: usize, a: Range<u32>, b: Range<u32>) -> Markup {
    let al = &d.alignment;
    html! {
        div.row.gap id={ "r" (r) } {
            div.rowhead { "not aligned" }
            div.cell.a {
                @for p in a {
                    (paragraph('A', &d.a, p, &[], al.elsewhere_a.get(p as usize).copied().flatten()))
                }
            }
            div.cell.b {
                @for p in b {
                    (paragraph('B', &d.b, p, &[], al.elsewhere_b.get(p as usize).copied().flatten()))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_core::DiffConfig;
    use reprint_core::model::{ArticleMeta, FindingKind, KindSet};

    fn article(id: &str, text: &str, kinds: &[(usize, FindingKind)]) -> DiffArticle {
        let paras = reprint_core::segment(text, 0);
        let mut k = vec![KindSet::default(); paras.len()];
        for &(i, kind) in kinds {
            k[i].insert(kind);
        }
        DiffArticle {
            meta: ArticleMeta {
                id: id.into(),
                title: Some(format!("{id} <title>")),
                url: Some("javascript:alert(3)".into()),
                ..ArticleMeta::default()
            },
            outlet: Some("Outlet \"Q\"".into()),
            place: format!("{id}.txt"),
            text: text.into(),
            kinds: k,
            paras,
            declared: Vec::new(),
            found: Vec::new(),
        }
    }

    #[test]
    fn the_page_marks_shared_words_and_kinds_and_escapes_everything() {
        let d = Diff::new(
            article(
                "a",
                "<script>alert(1)</script>\n\nKenzaburo Fukuhara-Pool/Getty Images\n\nLeave a Comment\n",
                &[(2, FindingKind::Boilerplate)],
            ),
            article(
                "b\"><img src=x onerror=alert(2)>",
                "Other </style> title\n\nKenzaburo Fukuhara/Pool/Getty Images\n",
                &[],
            ),
            &DiffConfig::default(),
        );
        let mut out = Vec::new();
        write_diff_html(&mut out, &d).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(html.contains("<mark>Kenzaburo Fukuhara-Pool/Getty Images</mark>"));
        assert!(html.contains("<mark>Kenzaburo Fukuhara/Pool/Getty Images</mark>"));
        assert!(html.contains(r#"class="para k-boilerplate" id="a-2""#));
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img src=x"));
        assert!(!html.contains("</style> title"));
        assert!(!html.contains("href=\"javascript:"));
        assert_eq!(
            html.matches("<script>").count(),
            1,
            "only the page's own script"
        );
        assert_eq!(
            html.matches("</style>").count(),
            1,
            "only the page's own style"
        );
    }
}
