//! The "who copies whom" section: a matrix of the words each outlet took from another (rows
//! are the outlets copied, columns the outlets that copied them, each cell shaded by words),
//! the largest outlet pairs with the article pairs behind them, and each outlet's original
//! text that others reused against the text it took.

use super::CorpusHtml;
use crate::html::{group, percent};
use crate::text_flows::outlet_label;
use maud::{Markup, html};
use reprint_core::CopyFlow;
use std::collections::HashMap;

/// Outlets drawn in the matrix at most (those with the most words taken or given).
const MATRIX_OUTLETS: usize = 12;
/// Outlet pairs listed in the table at most.
const MAX_FLOWS: usize = 30;
/// Article pairs linked per outlet pair at most.
const MAX_PAIRS: usize = 5;
/// Outlets listed in the originality table at most.
const MAX_OUTLETS: usize = 40;

/// The outlets of the matrix: those moving the most words, in or out.
fn matrix_outlets(flows: &[CopyFlow]) -> Vec<Option<u32>> {
    let mut moved: HashMap<Option<u32>, u64> = HashMap::new();
    for f in flows {
        *moved.entry(f.from).or_default() += f.words;
        *moved.entry(f.to).or_default() += f.words;
    }
    let mut v: Vec<(Option<u32>, u64)> = moved.into_iter().collect();
    v.sort_by_key(|&(o, w)| (std::cmp::Reverse(w), o));
    v.into_iter().take(MATRIX_OUTLETS).map(|(o, _)| o).collect()
}

impl CorpusHtml<'_> {
    /// The matrix of words taken between outlets, as an SVG.
    fn copy_matrix(&self, flows: &[CopyFlow]) -> Markup {
        const LABEL: f64 = 210.0;
        const TOP: f64 = 130.0;
        const CELL: f64 = 46.0;
        let outlets = matrix_outlets(flows);
        let at = |o: Option<u32>| outlets.iter().position(|&x| x == o);
        let max = flows.iter().map(|f| f.words).max().unwrap_or(1).max(1);
        let n = outlets.len() as f64;
        // Room on the right for the last column's slanted label.
        let (width, height) = (LABEL + n * CELL + 130.0, TOP + n * CELL + 10.0);
        let label = |o: Option<u32>| super::quote(outlet_label(self.a, o), 30);
        html! {
            svg.chart.matrix xmlns="http://www.w3.org/2000/svg" width=(width) height=(height)
                viewBox={ "0 0 " (width) " " (height) } role="img"
                aria-label="Words each outlet took from another: rows copied, columns copying" {
                @for (i, &o) in outlets.iter().enumerate() {
                    @let y = TOP + i as f64 * CELL;
                    text x="0" y=(format!("{:.0}", y + CELL / 2.0 + 4.0)) { (label(o)) }
                    @let x = LABEL + i as f64 * CELL + CELL / 2.0;
                    text transform=(format!("translate({x:.0},{:.0}) rotate(-45)", TOP - 6.0)) { (label(o)) }
                    @for j in 0..outlets.len() {
                        rect.cell x=(format!("{:.0}", LABEL + j as f64 * CELL)) y=(format!("{y:.0}"))
                            width=(CELL - 2.0) height=(CELL - 2.0) {}
                    }
                }
                @for f in flows {
                    @if let (Some(i), Some(j)) = (at(f.from), at(f.to)) {
                        @let (x, y) = (LABEL + j as f64 * CELL, TOP + i as f64 * CELL);
                        rect class="f-taken" x=(format!("{x:.0}")) y=(format!("{y:.0}"))
                            width=(CELL - 2.0) height=(CELL - 2.0)
                            fill-opacity=(format!("{:.2}", 0.2 + 0.8 * f.words as f64 / max as f64)) {
                            title {
                                (outlet_label(self.a, f.to)) " took " (group(f.words)) " words from "
                                (outlet_label(self.a, f.from)) " in " (f.pairs.len()) " article pairs"
                            }
                        }
                        text.count x=(format!("{:.0}", x + CELL / 2.0 - 1.0)) y=(format!("{:.0}", y + CELL / 2.0 + 3.0))
                            text-anchor="middle" { (compact(f.words)) }
                    }
                }
            }
        }
    }

    /// The largest outlet pairs, each with links to its article pairs.
    fn flows_table(&self, flows: &[CopyFlow]) -> Markup {
        html! {
            table.figures.flows {
                tr { th { "copied from" } th { "copied by" } th { "words" } th { "article pairs (original → copy)" } }
                @for f in flows.iter().take(MAX_FLOWS) {
                    tr {
                        td.text { (outlet_label(self.a, f.from)) }
                        td.text { (outlet_label(self.a, f.to)) }
                        td { (group(f.words)) }
                        td.text {
                            @for (n, p) in f.pairs.iter().take(MAX_PAIRS).enumerate() {
                                @if n > 0 { ", " }
                                (self.article_link(p.original as usize)) " → " (self.article_link(p.copy as usize))
                            }
                            @if f.pairs.len() > MAX_PAIRS { " and " (f.pairs.len() - MAX_PAIRS) " more" }
                        }
                    }
                }
            }
            @if flows.len() > MAX_FLOWS {
                p.meta { "… and " (flows.len() - MAX_FLOWS) " more outlet pairs (all in the JSON report's summary.copy_flows)." }
            }
        }
    }

    /// Each outlet's original text that others reused, and the text it took from others.
    fn originality_table(&self) -> Markup {
        let outlets = &self.a.provenance.flows.outlets;
        html! {
            table.figures {
                tr { th { "outlet" } th { "articles" } th { "words" }
                     th { span class="swatch s-source" {} "original text others took" }
                     th { span class="swatch s-taken" {} "taken from others" } }
                @for o in outlets.iter().take(MAX_OUTLETS) {
                    tr {
                        td.text { (outlet_label(self.a, o.outlet)) }
                        td { (group(u64::from(o.articles))) }
                        td { (group(o.words)) }
                        td { (percent(o.reused_by_others, o.words)) }
                        td { (percent(o.taken_from_others, o.words)) }
                    }
                }
            }
        }
    }

    /// Who copies whom; nothing when no outlet took text from another.
    pub(super) fn copying_section(&self) -> Markup {
        let flows = &self.a.provenance.flows.flows;
        if flows.is_empty() {
            return html! {};
        }
        html! {
            section #copying {
                h2 { "Who copies whom" }
                p.meta {
                    "Words each outlet took from another outlet's earlier article (syndicated copies and reused passages), "
                    "as found in the corpus: a row is the outlet copied, a column the outlet that copied it; "
                    "darker cells moved more words. Hover a cell for figures."
                }
                (self.copy_matrix(flows))
                h3 { "Largest flows" }
                (self.flows_table(flows))
                h3 { "Original and taken text by outlet" }
                (self.originality_table())
            }
        }
    }
}

/// A count in at most four characters: `950`, `12k`, `3.4M`.
fn compact(n: u64) -> String {
    match n {
        0..1_000 => n.to_string(),
        1_000..10_000 => format!("{:.1}k", n as f64 / 1e3),
        10_000..1_000_000 => format!("{}k", n / 1_000),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fit_a_cell() {
        assert_eq!(compact(950), "950");
        assert_eq!(compact(1_234), "1.2k");
        assert_eq!(compact(45_678), "45k");
        assert_eq!(compact(3_400_000), "3.4M");
    }

    #[test]
    fn the_matrix_keeps_the_outlets_moving_most() {
        let f = |from, to, words| CopyFlow {
            from,
            to,
            words,
            pairs: Vec::new(),
        };
        let got = matrix_outlets(&[f(Some(1), Some(2), 10), f(Some(3), Some(2), 50)]);
        assert_eq!(got, vec![Some(2), Some(3), Some(1)]);
    }
}
