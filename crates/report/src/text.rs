//! The text renderer: a summary (articles, paragraphs, words, share of words by kind, the
//! largest clusters, aggregators, contradictions), then the findings with their quoted text,
//! then each article's declared sources.

use super::{Summary, Texts};
use reprint_core::Analysis;
use reprint_core::grouped;
use reprint_core::model::{Evidence, Finding, FindingKind, Member};
use std::io::{self, Write};

/// How much a renderer shows.
#[derive(Clone, Copy, Debug)]
pub struct TextOptions {
    /// Findings shown at most (the rest are counted).
    pub max_findings: usize,
    /// Clusters listed in the summary.
    pub top_clusters: usize,
    /// Members quoted per finding at most.
    pub max_members: usize,
}

impl Default for TextOptions {
    fn default() -> Self {
        TextOptions {
            max_findings: 200,
            top_clusters: 10,
            max_members: 6,
        }
    }
}

/// Characters of a quote shown at most.
const QUOTE_CHARS: usize = 160;

fn quote(text: Option<&str>, m: &Member) -> String {
    let Some(t) = text.and_then(|t| m.span.slice(t)) else {
        return String::from("(text not loaded)");
    };
    let one_line: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(QUOTE_CHARS).collect();
    if one_line.chars().count() > QUOTE_CHARS {
        out.push('…');
    }
    format!("\"{out}\"")
}

fn place(a: &Analysis, m: &Member) -> String {
    let id = &a.store.articles[m.article.get()].meta.id;
    match m.paragraph {
        Some(p) => format!("{id} ¶{p}"),
        None => id.to_string(),
    }
}

/// "first seen: outlet, date, article" for a finding with an origin.
pub(crate) fn first_seen(a: &Analysis, f: &Finding) -> String {
    match &f.origin {
        Some(o) => {
            let art = &a.store.articles[o.article.get()];
            format!(
                "first seen: {}, {}, {}",
                a.outlet_name(o.article.get()).unwrap_or("unknown outlet"),
                art.meta.date.as_deref().unwrap_or("undated"),
                art.meta.id
            )
        }
        None => "first seen: unknown (no member is dated)".to_string(),
    }
}

fn evidence_text(e: &Evidence) -> String {
    match e {
        Evidence::Cue { cue, position } => format!("cue {cue}, {}", position.name()),
        Evidence::Recurrence {
            articles,
            outlets,
            edge_share,
        } => {
            format!(
                "in {articles} stories of {outlets} outlets, {:.0}% at an edge",
                edge_share * 100.0
            )
        }
        Evidence::Disclosure { cue } => format!("disclosure ({cue})"),
        Evidence::Signals {
            signals, position, ..
        } => format!("junk: {}, {}", signals.join(", "), position.name()),
        Evidence::NearDuplicate {
            jaccard,
            edit_similarity,
            ..
        } => match edit_similarity {
            Some(e) => format!("edit similarity {e:.2}, shingle jaccard {jaccard:.2}"),
            None => format!("shingle jaccard {jaccard:.2}"),
        },
        Evidence::SharedSpan {
            words,
            quoted: true,
        } => format!("shared quotation of {words} words"),
        Evidence::SharedSpan {
            words,
            quoted: false,
        } => format!("shared run of {words} words"),
        Evidence::AlignedPassage {
            similarity,
            matched,
            substituted,
            inserted,
            deleted,
        } => format!(
            "aligned passage, similarity {similarity:.2}: {matched} words matched, \
             {substituted} substituted, {inserted} inserted, {deleted} deleted"
        ),
        Evidence::SharedCredit { outlet } => format!("same photo credit ({outlet})"),
        Evidence::ArticleShare {
            share,
            shared_paragraphs,
        } => {
            format!(
                "{:.0}% of its words in {shared_paragraphs} shared paragraphs",
                share * 100.0
            )
        }
    }
}

/// Writes the text report.
pub fn write_text(
    out: &mut dyn Write,
    a: &Analysis,
    s: &Summary,
    texts: &Texts,
    opts: &TextOptions,
) -> io::Result<()> {
    write_summary(out, s)?;
    write_clusters(out, a, texts, opts)?;
    write_copying(out, a, s, opts)?;
    crate::text_flows::write_flows(out, a)?;
    crate::text_flows::write_article_copies(out, a, opts)?;
    write_findings(out, a, texts, opts)?;
    write_declared(out, a, opts)?;
    if s.errors > 0 {
        writeln!(
            out,
            "\n{} files or records could not be read (listed on stderr)",
            s.errors
        )?;
    }
    Ok(())
}

/// The counts and the table of kinds.
fn write_summary(out: &mut dyn Write, s: &Summary) -> io::Result<()> {
    safe_line!(
        out,
        "reprint audit: {} articles, {} paragraphs, {} words, {} outlets, {} near-duplicate clusters",
        grouped(s.articles),
        grouped(s.paragraphs),
        grouped(s.words),
        grouped(s.outlets),
        grouped(s.clusters)
    )?;
    writeln!(out)?;
    safe_line!(
        out,
        "{:<20} {:>9} {:>11} {:>10} {:>7}",
        "kind",
        "findings",
        "paragraphs",
        "words",
        "share"
    )?;
    for k in &s.kinds {
        safe_line!(
            out,
            "{:<20} {:>9} {:>11} {:>10} {:>6.1}%",
            k.kind.name(),
            grouped(k.findings),
            grouped(k.paragraphs),
            grouped(k.words),
            k.share * 100.0
        )?;
    }
    let share = if s.words == 0 {
        0.0
    } else {
        s.flagged_words as f64 * 100.0 / s.words as f64
    };
    safe_line!(
        out,
        "{:<20} {:>9} {:>11} {:>10} {:>6.1}%",
        "any kind",
        "",
        "",
        grouped(s.flagged_words),
        share
    )?;
    Ok(())
}

/// Whether a cluster is site furniture (boilerplate, footers) or text of no kind, listed
/// apart from news reuse.
pub(crate) fn is_furniture_cluster(kind: Option<FindingKind>) -> bool {
    matches!(
        kind,
        None | Some(FindingKind::Boilerplate | FindingKind::AggregatorFooter)
    )
}

/// The clusters, largest first, split into news reuse and site furniture.
pub(crate) fn clusters_by_use(a: &Analysis) -> (Vec<usize>, Vec<usize>) {
    let all = &a.classification.clusters;
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&c| std::cmp::Reverse(all[c].members.len()));
    order
        .into_iter()
        .partition(|&c| !is_furniture_cluster(all[c].kind))
}

/// The largest clusters, news reuse first and site furniture in its own list, each with its
/// first member quoted.
fn write_clusters(
    out: &mut dyn Write,
    a: &Analysis,
    texts: &Texts,
    opts: &TextOptions,
) -> io::Result<()> {
    let (news, furniture) = clusters_by_use(a);
    for (title, list) in [
        ("Largest clusters of reused text", news),
        (
            "Largest clusters of site furniture (boilerplate, footers, unclassified lines)",
            furniture,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}")?;
        for &c in list.iter().take(opts.top_clusters) {
            let cl = &a.classification.clusters[c];
            let mut arts: Vec<_> = cl.members.iter().map(|m| m.article).collect();
            arts.dedup();
            safe_line!(
                out,
                "  cluster {c}: {} paragraphs in {} article{}, {}: {}",
                cl.members.len(),
                arts.len(),
                if arts.len() == 1 { "" } else { "s" },
                cl.kind.map_or("unclassified", |k| k.name()),
                quote(texts.get(cl.members[0].article.get()), &cl.members[0])
            )?;
        }
        if list.len() > opts.top_clusters {
            safe_line!(
                out,
                "  … and {} more",
                grouped((list.len() - opts.top_clusters) as u64)
            )?;
        }
    }
    Ok(())
}

/// Aggregators, and copies that contradict their declared source.
fn write_copying(
    out: &mut dyn Write,
    a: &Analysis,
    s: &Summary,
    opts: &TextOptions,
) -> io::Result<()> {
    if !s.aggregators.is_empty() {
        writeln!(
            out,
            "\nAggregators (outlets whose articles are mostly later copies of other outlets')"
        )?;
        for g in &s.aggregators {
            safe_line!(
                out,
                "  {}: {} of {} articles are copies",
                g.outlet,
                g.copies,
                g.articles
            )?;
        }
    }
    if !a.provenance.contradictions.is_empty() {
        writeln!(out, "\nContradictions (declared source vs. corpus)")?;
        for c in a.provenance.contradictions.iter().take(opts.max_findings) {
            let art = &a.store.articles[c.article as usize].meta.id;
            let origin = &a.store.articles[c.origin as usize];
            let first = format!(
                "{} ({}, {})",
                origin.meta.id,
                a.outlet_name(c.origin as usize).unwrap_or("unknown outlet"),
                origin.meta.date.as_deref().unwrap_or("undated")
            );
            match &c.declared {
                None => safe_line!(out, "  {art}: copies {first} but declares no source")?,
                Some(d) => safe_line!(
                    out,
                    "  {art}: links {d} as its source, but the text first appeared in {first}"
                )?,
            }
        }
    }
    Ok(())
}

/// The findings, each with its members quoted.
fn write_findings(
    out: &mut dyn Write,
    a: &Analysis,
    texts: &Texts,
    opts: &TextOptions,
) -> io::Result<()> {
    writeln!(out, "\nFindings")?;
    if a.classification.findings.is_empty() {
        safe_line!(out, "  none")?;
    }
    for f in a.classification.findings.iter().take(opts.max_findings) {
        let mut head = format!("[{}] {}", f.kind.name(), evidence_text(&f.evidence));
        if let Some(x) = f.cross_outlet {
            head.push_str(if x {
                ", across outlets"
            } else {
                ", within one outlet"
            });
        }
        if f.origin.is_some() || f.cross_outlet.is_some() {
            head.push_str("; ");
            head.push_str(&first_seen(a, f));
        }
        safe_line!(out, "{head}")?;
        for m in f.members.iter().take(opts.max_members) {
            let q = if m.paragraph.is_some() {
                quote(texts.get(m.article.get()), m)
            } else {
                String::new()
            };
            let outlet = a
                .outlet_name(m.article.get())
                .map(|o| format!(" ({o})"))
                .unwrap_or_default();
            safe_line!(out, "    {}{}  {}", place(a, m), outlet, q)?;
        }
        if f.members.len() > opts.max_members {
            safe_line!(out, "    … and {} more", f.members.len() - opts.max_members)?;
        }
    }
    let shown = a.classification.findings.len().min(opts.max_findings);
    if shown < a.classification.findings.len() {
        safe_line!(
            out,
            "  … {} more findings (use --format json for all)",
            a.classification.findings.len() - shown
        )?;
    }
    Ok(())
}

/// The sources articles declare (mentions left out).
fn write_declared(out: &mut dyn Write, a: &Analysis, opts: &TextOptions) -> io::Result<()> {
    let declaring: Vec<usize> = (0..a.store.articles.len())
        .filter(|&i| {
            a.store.articles[i]
                .declared
                .iter()
                .any(|d| d.kind != reprint_core::model::DeclKind::Mention)
        })
        .collect();
    if !declaring.is_empty() {
        writeln!(out, "\nDeclared sources")?;
        for &i in declaring.iter().take(opts.max_findings) {
            let art = &a.store.articles[i];
            let items: Vec<String> = art
                .declared
                .iter()
                .filter(|d| d.kind != reprint_core::model::DeclKind::Mention)
                .map(|d| format!("{} {}", d.kind.name(), d.outlet))
                .collect();
            safe_line!(out, "  {}: {}", art.meta.id, items.join("; "))?;
        }
    }
    Ok(())
}
