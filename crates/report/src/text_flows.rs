//! The provenance sections of the text report: who copies whom between outlets (words taken,
//! with article pairs), each outlet's original text that others reused against the text it
//! took, and for each article what it copied from whom and who copied it.

use super::TextOptions;
use crate::capped::write_capped;
use reprint_core::Analysis;
use reprint_core::grouped;
use reprint_core::{CopiedFrom, CopyFlow, OutletText};
use std::io::{self, Write};

/// Outlet pairs listed at most.
const MAX_FLOWS: usize = 15;
/// Article pairs named per outlet pair at most.
const MAX_PAIRS: usize = 3;
/// Outlets listed at most.
const MAX_OUTLETS: usize = 25;
/// Articles named per "copies" or "copied by" list at most.
const MAX_NAMED: usize = 3;

/// An outlet group's name as the reports show it.
pub(crate) fn outlet_label(a: &Analysis, outlet: Option<u32>) -> &str {
    outlet
        .and_then(|o| a.store.outlets.names[o as usize].as_deref())
        .unwrap_or("(unknown outlet)")
}

/// `part` as a percentage of `whole`, one decimal.
fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

/// "A → B: 1,234 words in 5 article pairs (x → y, …)".
fn flow_line(a: &Analysis, f: &CopyFlow) -> String {
    let id = |i: u32| a.store.articles[i as usize].meta.id.as_str();
    let mut pairs: Vec<String> = f
        .pairs
        .iter()
        .take(MAX_PAIRS)
        .map(|p| format!("{} → {}", id(p.original), id(p.copy)))
        .collect();
    if f.pairs.len() > MAX_PAIRS {
        pairs.push(format!("{} more", f.pairs.len() - MAX_PAIRS));
    }
    format!(
        "{} → {}: {} words in {} article pair{} ({})",
        outlet_label(a, f.from),
        outlet_label(a, f.to),
        grouped(f.words),
        f.pairs.len(),
        if f.pairs.len() == 1 { "" } else { "s" },
        pairs.join(", ")
    )
}

/// "A: 12.0% of its 1,000 words reused by other outlets, 3.0% taken from them".
fn outlet_line(a: &Analysis, o: &OutletText) -> String {
    format!(
        "{} ({} articles): {} of its {} words are original text other outlets reused; {} were taken from other outlets",
        outlet_label(a, o.outlet),
        o.articles,
        pct(o.reused_by_others, o.words),
        grouped(o.words),
        pct(o.taken_from_others, o.words)
    )
}

/// Who copies whom between outlets, and each outlet's original and taken text; nothing when
/// no outlet took text from another.
pub(crate) fn write_flows(out: &mut dyn Write, a: &Analysis) -> io::Result<()> {
    let flows = &a.provenance.flows;
    if flows.flows.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nWho copies whom (words one outlet took from another, origin → copy)"
    )?;
    write_capped(
        out,
        &flows.flows,
        MAX_FLOWS,
        "  ",
        ("outlet pair", "outlet pairs"),
        |f| flow_line(a, f),
    )?;
    writeln!(
        out,
        "\nOriginal and taken text by outlet (original text others reused vs. text taken from others)"
    )?;
    write_capped(
        out,
        &flows.outlets,
        MAX_OUTLETS,
        "  ",
        ("outlet", "outlets"),
        |o| outlet_line(a, o),
    )?;
    Ok(())
}

/// "x (outlet, 95%); y (outlet, 40%); 2 more".
fn named(a: &Analysis, list: &[CopiedFrom]) -> String {
    let mut v: Vec<String> = list
        .iter()
        .take(MAX_NAMED)
        .map(|c| {
            let i = c.article as usize;
            format!(
                "{} ({}, {:.0}%)",
                a.store.articles[i].meta.id,
                a.outlet_name(i).unwrap_or("unknown outlet"),
                c.share * 100.0
            )
        })
        .collect();
    if list.len() > MAX_NAMED {
        v.push(format!("{} more", list.len() - MAX_NAMED));
    }
    v.join("; ")
}

/// For each article that copies or was copied: what it took from whom and who took from it
/// (shares are of the copy's words).
pub(crate) fn write_article_copies(
    out: &mut dyn Write,
    a: &Analysis,
    opts: &TextOptions,
) -> io::Result<()> {
    let p = &a.provenance;
    let listed: Vec<usize> = (0..a.store.articles.len())
        .filter(|&i| {
            !p.copied_from[i].is_empty() || p.copied_by.get(i).is_some_and(|v| !v.is_empty())
        })
        .collect();
    if listed.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "\nCopies by article (what each took from whom, and who took from it)"
    )?;
    write_capped(
        out,
        &listed,
        opts.max_findings,
        "  ",
        ("article", "articles"),
        |&i| {
            let mut parts = Vec::new();
            if !p.copied_from[i].is_empty() {
                parts.push(format!("copies {}", named(a, &p.copied_from[i])));
            }
            if let Some(by) = p.copied_by.get(i).filter(|v| !v.is_empty()) {
                parts.push(format!("copied by {}", named(a, by)));
            }
            format!("{}: {}", a.store.articles[i].meta.id, parts.join("; "))
        },
    )?;
    Ok(())
}
