//! Writing an evaluation [`Report`]: a table for people, or one JSON document
//! (`reprint.eval/1`, the [`Report`] fields as they are named in Rust). Renderers write to any
//! `Write` and never read files; the examples' excerpts are filled in by the caller.

use super::metrics::{Prf, Share};
use super::{
    ArticlePairScores, OriginScore, OriginScores, Overlap, ParagraphScores, Report, ReuseScores,
};
use std::io::{self, Write};

/// Writes the report as one JSON document.
pub fn write_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    // Excerpts of the corpus are in the report: DEL and C1 controls are escaped too.
    reprint_core::write_json_with(&mut *out, report, serde_json::ser::PrettyFormatter::new())?;
    out.write_all(b"\n")
}

fn fig(x: Option<f64>) -> String {
    x.map_or("-".into(), |v| format!("{v:.4}"))
}

/// A table cell: blank (`None`), or a figure that may be undefined (`Some(None)` prints `-`).
type Cell = Option<Option<f64>>;

/// One table row: a name, three cells (precision, recall, F1 or their like) and the counts
/// behind them.
fn row(out: &mut dyn Write, name: &str, cells: [Cell; 3], detail: &str) -> io::Result<()> {
    let [a, b, c] = cells.map(|c| c.map(fig).unwrap_or_default());
    writeln!(out, "  {name:<44} {a:>9} {b:>9} {c:>9}  {detail}")
}

fn prf_row(out: &mut dyn Write, name: &str, p: &Prf) -> io::Result<()> {
    let detail = format!(
        "tp {} / predicted {} / labelled {}",
        p.tp, p.predicted, p.truth
    );
    row(
        out,
        name,
        [Some(p.precision()), Some(p.recall()), Some(p.f1())],
        &detail,
    )
}

fn recall_row(out: &mut dyn Write, name: &str, s: &Share) -> io::Result<()> {
    let detail = format!("{} of {}", s.hits, s.of);
    row(out, name, [None, Some(s.value()), None], &detail)
}

fn overlap_row(out: &mut dyn Write, name: &str, o: &Overlap) -> io::Result<()> {
    let (p, r) = (o.precision.value(), o.recall.value());
    let f1 = match (p, r) {
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        _ => None,
    };
    let detail = format!(
        "right {} / predicted {}; found {} / labelled {}",
        o.precision.hits, o.precision.of, o.recall.hits, o.recall.of
    );
    row(out, name, [Some(p), Some(r), Some(f1)], &detail)
}

fn origin_row(out: &mut dyn Write, name: &str, o: &OriginScore) -> io::Result<()> {
    let detail = format!(
        "right {} / found {} / labelled {}",
        o.right, o.found, o.labelled
    );
    row(
        out,
        name,
        [Some(o.accuracy()), Some(o.recall()), None],
        &detail,
    )
}

fn shares_line(
    out: &mut dyn Write,
    name: &str,
    m: &std::collections::BTreeMap<String, Share>,
) -> io::Result<()> {
    if m.is_empty() {
        return Ok(());
    }
    let parts: Vec<String> = m
        .iter()
        .map(|(k, s)| {
            format!(
                "{} {} ({}/{})",
                if k.is_empty() { "-" } else { k },
                fig(s.value()),
                s.hits,
                s.of
            )
        })
        .collect();
    writeln!(out, "  {name}: {}", parts.join(", "))
}

/// Writes the report as a table, then the examples.
pub fn write_text(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    writeln!(
        out,
        "reprint eval: {} ({} articles, {} paragraphs)",
        r.set.as_deref().unwrap_or("labels"),
        r.articles,
        r.paragraphs
    )?;
    writeln!(out, "labels: {}", r.label_files.join(", "))?;
    if r.positive_only {
        writeln!(
            out,
            "labels are positive-only: precision reads as the share of predictions inside labelled positives"
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "  {:<44} {:>9} {:>9} {:>9}",
        "score", "precision", "recall", "F1"
    )?;
    if let Some(p) = &r.paragraph_clusters {
        write_paragraphs(out, p)?;
    }
    write_lines(out, r)?;
    if let Some(s) = &r.reuse {
        write_reuse(out, s)?;
    }
    if let Some(o) = &r.origins {
        write_origins(out, o)?;
    }
    if let Some(ap) = &r.article_pairs {
        write_article_pairs(out, ap)?;
    }
    if let Some(p) = &r.reuse_pairs {
        writeln!(out, "labelled pairs reported as reuse")?;
        prf_row(out, "pairs (clusters, reuse or copy findings)", &p.pairs)?;
        prf_row(out, "pairs (paragraph clusters only)", &p.near_duplicates)?;
        prf_row(out, "pairs (aligned passages only)", &p.aligned_passages)?;
    }
    write_examples(out, r)
}

/// The paragraph cluster scores.
fn write_paragraphs(out: &mut dyn Write, p: &ParagraphScores) -> io::Result<()> {
    writeln!(
        out,
        "paragraph clusters ({} labelled, {} predicted)",
        p.labelled_clusters, p.predicted_clusters
    )?;
    prf_row(out, "pairs", &p.pairs)?;
    prf_row(out, "members (the peers' \"member\" score)", &p.member)?;
    row(
        out,
        "adjusted Rand index",
        [None, None, Some(Some(p.adjusted_rand))],
        "",
    )?;
    recall_row(
        out,
        "light edits, jaccard5 < 0.7, linked",
        &p.light_below_0_7,
    )?;
    recall_row(
        out,
        "light edits, jaccard5 >= 0.7, linked",
        &p.light_from_0_7,
    )?;
    recall_row(
        out,
        "members, jaccard5 < 0.7 (peers' split)",
        &p.member_below_0_7,
    )?;
    recall_row(
        out,
        "members, jaccard5 >= 0.7 (peers' split)",
        &p.member_from_0_7,
    )?;
    shares_line(out, "linked by edit", &p.linked_by_edit)?;
    shares_line(out, "member recall by class", &p.recall_by_class)?;
    Ok(())
}

/// The scores of kinds, junk lines, body controls and declared provenance.
fn write_lines(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    if !r.kinds.is_empty() {
        writeln!(out, "kinds")?;
        for k in &r.kinds {
            prf_row(
                out,
                &format!("{} ({})", k.kind.name(), k.level.name()),
                &k.prf,
            )?;
            if let Some(s) = &k.ranges_found {
                recall_row(out, "  ranges at least half found", s)?;
            }
        }
    }
    if let Some(j) = &r.junk {
        writeln!(
            out,
            "junk lines (boilerplate + aggregator_footer, per labelled line)"
        )?;
        overlap_row(out, "paragraphs", &j.paragraphs)?;
        shares_line(out, "recall by pattern", &j.by_pattern)?;
    }
    if let Some(b) = &r.body_controls {
        writeln!(out, "body controls (labelled body that looks like junk)")?;
        let detail = format!("{} of {} flagged", b.hits, b.of);
        row(
            out,
            "flagged as junk",
            [None, Some(b.value()), None],
            &detail,
        )?;
    }
    if let Some(d) = &r.declared {
        writeln!(out, "declared provenance (same kind, overlapping bytes)")?;
        overlap_row(out, "all kinds", &d.all)?;
        for (k, o) in &d.by_kind {
            overlap_row(out, k, o)?;
        }
    }
    Ok(())
}

/// The scores of reused wording below paragraph level.
fn write_reuse(out: &mut dyn Write, s: &ReuseScores) -> io::Result<()> {
    writeln!(
        out,
        "reused wording below paragraph level ({} labels)",
        s.labels
    )?;
    prf_row(
        out,
        "quote spans (shared_span findings, bytes)",
        &s.quote_spans,
    )?;
    let (inside, touched) = (&s.span_members_inside, &s.labelled_ranges_touched);
    let detail = format!(
        "{} of {} span members inside, {} of {} labelled ranges touched",
        inside.hits, inside.of, touched.hits, touched.of
    );
    row(
        out,
        "quote spans (per range, any overlap)",
        [Some(inside.value()), Some(touched.value()), None],
        &detail,
    )?;
    prf_row(
        out,
        "reused bytes (all reused_wording findings)",
        &s.reused_bytes,
    )?;
    prf_row(
        out,
        "aligned passages (aligned_passage findings, bytes)",
        &s.aligned_bytes,
    )?;
    recall_row(out, "labelled ranges at least half found", &s.members_found)?;
    recall_row(out, "labels found", &s.groups_found)?;
    Ok(())
}

/// The origin scores.
fn write_origins(out: &mut dyn Write, o: &OriginScores) -> io::Result<()> {
    writeln!(
        out,
        "origins                                       accuracy    recall"
    )?;
    if let Some(x) = &o.copies {
        origin_row(out, "copies (origin = labelled original)", x)?;
    }
    if let Some(x) = &o.reuse {
        origin_row(out, "reused wording", x)?;
    }
    if let Some(x) = &o.reuse_clusters {
        origin_row(out, "reuse clusters (near-duplicate paragraphs)", x)?;
    }
    Ok(())
}

/// The scores of article copies as pairs.
fn write_article_pairs(out: &mut dyn Write, ap: &ArticlePairScores) -> io::Result<()> {
    writeln!(out, "article copies as pairs")?;
    prf_row(out, "pairs", &ap.pairs)?;
    for (tier, t) in &ap.tiers {
        let detail = format!(
            "{} of {} {} pairs reported",
            t.reported, t.labelled, t.label
        );
        let recall = (t.label == "positive").then(|| super::metrics::ratio(t.reported, t.labelled));
        row(
            out,
            &format!("  tier {tier}"),
            [None, recall, None],
            &detail,
        )?;
    }
    recall_row(out, "article clusters found whole", &ap.clusters_found)?;
    if !ap.reported_as.is_empty() {
        let parts: Vec<String> = ap
            .reported_as
            .iter()
            .map(|(k, n)| format!("{k} {n}"))
            .collect();
        writeln!(out, "  copy findings: {}", parts.join(", "))?;
    }
    Ok(())
}

/// Unresolved label references, then the examples.
fn write_examples(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    if r.unresolved.count > 0 {
        writeln!(
            out,
            "\n{} label references are not in the corpus (e.g. {})",
            r.unresolved.count,
            r.unresolved.examples.join(", ")
        )?;
    }
    if !r.examples.is_empty() {
        writeln!(out, "\nexamples")?;
        let mut last = (String::new(), "");
        for e in &r.examples {
            if (e.score.as_str(), e.what) != (last.0.as_str(), last.1) {
                writeln!(out, "{} — {}", e.score, e.what)?;
                last = (e.score.clone(), e.what);
            }
            for (i, it) in e.items.iter().enumerate() {
                let bullet = if i == 0 { "-" } else { " " };
                let place = match it.paragraph {
                    Some(p) => format!("{}#{}", it.article, p),
                    None => it.article.clone(),
                };
                writeln!(
                    out,
                    "  {bullet} {place} [{}..{}] {}",
                    it.start, it.end, it.note
                )?;
                if let Some(x) = &it.excerpt {
                    writeln!(out, "      \"{x}\"")?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{KindScore, Level, SCHEMA, Unresolved};
    use reprint_core::model::FindingKind;

    fn report() -> Report {
        Report {
            schema: SCHEMA,
            set: Some("t".into()),
            label_files: vec!["l.jsonl".into()],
            positive_only: false,
            articles: 3,
            paragraphs: 9,
            unresolved: Unresolved::default(),
            paragraph_clusters: None,
            kinds: vec![KindScore {
                kind: FindingKind::Boilerplate,
                level: Level::Paragraphs,
                prf: Prf::new(0, 4, 0),
                ranges_found: None,
            }],
            reuse: None,
            origins: None,
            article_pairs: None,
            reuse_pairs: None,
            junk: None,
            body_controls: None,
            declared: None,
            examples: Vec::new(),
        }
    }

    #[test]
    fn the_table_shows_undefined_figures_as_dashes() {
        let mut buf = Vec::new();
        write_text(&mut buf, &report()).unwrap();
        let s = String::from_utf8(buf).unwrap();
        let line = s
            .lines()
            .find(|l| l.contains("boilerplate (paragraphs)"))
            .unwrap();
        assert!(line.contains("0.0000") && line.contains(" - "), "{line}");
        assert!(line.contains("tp 0 / predicted 4 / labelled 0"), "{line}");
    }

    #[test]
    fn json_names_the_schema_and_flattens_figures() {
        let mut buf = Vec::new();
        write_json(&mut buf, &report()).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["schema"], "reprint.eval/1");
        assert_eq!(v["kinds"][0]["kind"], "boilerplate");
        assert_eq!(v["kinds"][0]["precision"], 0.0);
        assert!(v["kinds"][0]["recall"].is_null());
        assert!(v.get("paragraph_clusters").is_none());
    }
}
