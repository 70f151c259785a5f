//! `check` for people: the text report, the GitHub log and annotations, and the step summary,
//! with the findings grouped per drop article and long lists cut short with a count.
//!
//! A copied article is one group whose first line is its copy relation, however many of its
//! paragraphs are shared; an article that later drop articles copied is a note ("copied by
//! …"), never a failure. Each group shows at most [`PER_ARTICLE`] findings and each output at
//! most [`MAX_ARTICLES`] groups (the step summary [`MAX_SUMMARY_ROWS`] rows): the rest are
//! counted and left to `--format json`, which lists every finding.

use super::{
    Carrier, CiFinding, CiReport, Level, MAX_ANNOTATIONS, escape_data, escape_property, squash,
};
use crate::safe;
use reprint_core::grouped;
use reprint_core::model::FindingKind;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Findings shown per article at most.
pub(crate) const PER_ARTICLE: usize = 3;
/// Articles listed in the text report and the GitHub log at most.
pub(crate) const MAX_ARTICLES: usize = 40;
/// Articles named as having copied one at most.
const MAX_COPIERS: usize = 3;
/// Rows of the step summary's table at most: with its head, about a screen.
pub(crate) const MAX_SUMMARY_ROWS: usize = 25;
/// Characters of a finding's message in the step summary.
const SUMMARY_CHARS: usize = 140;

/// The findings of one drop article, most serious first.
pub(crate) struct ArticleGroup<'r> {
    /// The article's position in the analysis.
    pub article: usize,
    /// The most serious level among its findings.
    pub level: Level,
    /// Its findings: copy relations first, then in the report's order.
    pub findings: Vec<&'r CiFinding>,
}

impl ArticleGroup<'_> {
    fn first(&self) -> &CiFinding {
        self.findings[0]
    }

    /// `path:line`.
    fn place(&self) -> String {
        CiReport::place(self.first())
    }

    /// The findings in which the article took text, and the notes in which it was copied.
    fn split(&self) -> (Vec<&CiFinding>, Vec<&CiFinding>) {
        self.findings.iter().partition(|f| f.level != Level::Note)
    }

    /// The distinct articles that copied it, in the notes' order.
    fn copiers(&self) -> Vec<&Carrier> {
        let mut seen: Vec<&Carrier> = Vec::new();
        for f in self.split().1 {
            for c in &f.others {
                if !seen.iter().any(|s| s.index == c.index) {
                    seen.push(c);
                }
            }
        }
        seen
    }

    /// "N findings", "copied by M articles", or both.
    fn count(&self) -> String {
        let (took, _) = self.split();
        let copiers = self.copiers().len();
        let mut v = Vec::new();
        if !took.is_empty() {
            let n = took.len();
            v.push(format!("{n} finding{}", if n == 1 { "" } else { "s" }));
        }
        if copiers > 0 {
            v.push(format!(
                "copied by {copiers} article{}",
                if copiers == 1 { "" } else { "s" }
            ));
        }
        v.join("; ")
    }

    /// The lines of the findings in which it took text (at most `PER_ARTICLE`, then "and N
    /// more, see --format json"), then one line naming the articles that copied it.
    fn lines(&self) -> Vec<String> {
        let (took, notes) = self.split();
        let mut v: Vec<String> = took
            .iter()
            .take(PER_ARTICLE)
            .map(|f| finding_line(f))
            .collect();
        if took.len() > PER_ARTICLE {
            v.push(format!(
                "… and {} more, see --format json",
                took.len() - PER_ARTICLE
            ));
        }
        let copiers = self.copiers();
        if !copiers.is_empty() {
            let mut names: Vec<String> = copiers
                .iter()
                .take(MAX_COPIERS)
                .map(|c| c.describe())
                .collect();
            if copiers.len() > MAX_COPIERS {
                names.push(format!("{} more", copiers.len() - MAX_COPIERS));
            }
            let relations = notes.iter().filter(|f| is_copy(f.kind)).count();
            let passages = notes.len() - relations;
            let mut what = Vec::new();
            for (n, name) in [(relations, "copy relation"), (passages, "shared passage")] {
                if n > 0 {
                    what.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
                }
            }
            v.push(format!(
                "copied by {} (this article is the origin: {})",
                names.join("; "),
                what.join(", ")
            ));
        }
        v
    }
}

/// Whether a kind is a copy relation.
fn is_copy(k: FindingKind) -> bool {
    matches!(
        k,
        FindingKind::SyndicatedArticle | FindingKind::DuplicateArticle
    )
}

/// A finding's message, with where its text first appeared when that is not the article it
/// names already.
fn finding_line(f: &CiFinding) -> String {
    let mut s = f.message.clone();
    if let Some(o) = &f.origin {
        let named = f.others.first().is_some_and(|c| c.index == o.index);
        if f.level != Level::Note && !named {
            let _ = write!(s, "; first seen: {}", o.describe());
        }
    }
    s
}

/// The report's findings grouped per drop article: errors first, then warnings, then notes,
/// each by place.
pub(crate) fn groups<'r>(r: &'r CiReport<'_>) -> Vec<ArticleGroup<'r>> {
    let mut by_article: std::collections::BTreeMap<usize, Vec<&CiFinding>> = Default::default();
    for f in r.findings.iter().chain(&r.notes) {
        by_article.entry(f.article_index).or_default().push(f);
    }
    let mut out: Vec<ArticleGroup> = by_article
        .into_iter()
        .map(|(article, mut findings)| {
            findings.sort_by_key(|f| (f.level, !is_copy(f.kind), f.line, f.kind, f.index));
            ArticleGroup {
                article,
                level: findings[0].level,
                findings,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.level, &a.first().path, a.first().line, a.article).cmp(&(
            b.level,
            &b.first().path,
            b.first().line,
            b.article,
        ))
    });
    out
}

/// `id (outlet, date)` of a drop article.
fn who(r: &CiReport<'_>, article: usize) -> String {
    let a = &r.run.analysis;
    let art = &a.store.articles[article];
    format!(
        "{} ({}, {})",
        art.meta.id,
        a.outlet_name(article).unwrap_or("unknown outlet"),
        art.meta.date.as_deref().unwrap_or("undated")
    )
}

/// "… and N more articles with findings, see --format json", when groups were left out.
fn more_articles(total: usize, shown: usize) -> Option<String> {
    (total > shown).then(|| {
        crate::capped::more_line(
            total - shown,
            "article with findings",
            "articles with findings",
        )
    })
}

/// The grouped list of the text and GitHub logs: a head line per drop article (as `head`
/// words it) with its finding lines indented by `indent`, at most [`MAX_ARTICLES`] articles,
/// then how many more there are.
fn write_groups(
    out: &mut dyn Write,
    groups: &[ArticleGroup<'_>],
    indent: &str,
    head: impl Fn(&ArticleGroup<'_>) -> String,
) -> io::Result<()> {
    for g in groups.iter().take(MAX_ARTICLES) {
        safe_line!(out, "{}", head(g))?;
        for l in g.lines() {
            safe_line!(out, "{indent}{l}")?;
        }
    }
    if let Some(m) = more_articles(groups.len(), MAX_ARTICLES) {
        safe_line!(out, "{m}")?;
    }
    Ok(())
}

/// Writes the text report: the header, each drop article with its findings, the figures per
/// kind and the verdict.
pub fn write_text(out: &mut dyn Write, r: &CiReport<'_>) -> io::Result<()> {
    safe_line!(out, "{}", r.header())?;
    safe_line!(out, "{}", r.history_line())?;
    if !r.run.already_indexed.is_empty() {
        safe_line!(
            out,
            "{} drop article{} already in the index (compared with the rest of it)",
            r.run.already_indexed.len(),
            if r.run.already_indexed.len() == 1 {
                " is"
            } else {
                "s are"
            }
        )?;
    }
    writeln!(out)?;
    let groups = groups(r);
    if groups.is_empty() {
        safe_line!(out, "No findings.")?;
    }
    write_groups(out, &groups, "        ", |g| {
        format!(
            "{:<7} {} {}: {}",
            g.level.name(),
            g.place(),
            who(r, g.article),
            g.count()
        )
    })?;
    writeln!(out)?;
    write_kinds(out, r)?;
    safe_line!(out, "{}", r.verdict_line())
}

/// The figures per kind.
fn write_kinds(out: &mut dyn Write, r: &CiReport<'_>) -> io::Result<()> {
    for (k, findings, paragraphs, words) in &r.summary.kinds {
        if *findings > 0 {
            safe_line!(
                out,
                "{:<20} {:>5} finding{} {:>6} paragraph{} {:>8} words",
                k.name(),
                findings,
                if *findings == 1 { " " } else { "s" },
                paragraphs,
                if *paragraphs == 1 { " " } else { "s" },
                grouped(*words)
            )?;
        }
    }
    Ok(())
}

/// The workflow command of a level.
fn command(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "notice",
    }
}

/// Writes one annotation per drop article (at most `MAX_ANNOTATIONS` per level), then the
/// grouped list in the log, then the verdict.
pub fn write_github(out: &mut dyn Write, r: &CiReport<'_>) -> io::Result<()> {
    let groups = groups(r);
    let mut annotated = 0usize;
    for level in [Level::Error, Level::Warning, Level::Note] {
        for g in groups
            .iter()
            .filter(|g| g.level == level)
            .take(MAX_ANNOTATIONS)
        {
            annotated += 1;
            let f = g.first();
            let mut props = vec![
                format!("file={}", escape_property(&safe::line(&f.path))),
                format!("line={}", f.line),
            ];
            if f.end_line > f.line && g.findings.len() == 1 {
                props.push(format!("endLine={}", f.end_line));
            }
            let title = format!("reprint: {} ({})", g.count(), f.article);
            props.push(format!("title={}", escape_property(&safe::line(&title))));
            let lines: Vec<String> = g
                .lines()
                .iter()
                .map(|l| safe::line(l).into_owned())
                .collect();
            writeln!(
                out,
                "::{} {}::{}",
                command(level),
                props.join(","),
                escape_data(&lines.join("\n"))
            )?;
        }
    }
    safe_line!(out, "{}", r.header())?;
    safe_line!(out, "{}", r.history_line())?;
    safe_line!(
        out,
        "{} finding{} in {} drop article{} ({} annotated):",
        r.findings.len(),
        if r.findings.len() == 1 { "" } else { "s" },
        groups.len(),
        if groups.len() == 1 { "" } else { "s" },
        annotated
    )?;
    write_groups(out, &groups, "    ", |g| {
        format!(
            "{}: {}: {}: {}",
            g.place(),
            g.level.name(),
            who(r, g.article),
            g.count()
        )
    })?;
    safe_line!(out, "{}", r.verdict_line())
}

/// A Markdown table cell: one safe line whose `|` cannot end the cell and whose `<`, `>` and
/// `&` are entities, so an id holding `<img src=…>` or `<details>` is shown, not rendered.
fn cell(s: &str) -> String {
    safe::line(&squash(s))
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('|', "\\|")
        .replace('`', "\\`")
}

/// At most `SUMMARY_CHARS` characters of a message.
fn short(s: &str) -> String {
    let mut out: String = s.chars().take(SUMMARY_CHARS).collect();
    if s.chars().count() > SUMMARY_CHARS {
        out.push('…');
    }
    out
}

/// Writes the Markdown appended to `$GITHUB_STEP_SUMMARY`: the verdict and a table with a row
/// per drop article (at most `MAX_SUMMARY_ROWS`), its first finding and how many more.
pub fn write_step_summary(out: &mut dyn Write, r: &CiReport<'_>) -> io::Result<()> {
    writeln!(
        out,
        "### reprint check: {}\n",
        if r.verdict.pass { "pass" } else { "fail" }
    )?;
    writeln!(out, "{}\n", cell(&r.header()))?;
    writeln!(out, "{}\n", cell(&r.verdict_line()))?;
    let groups = groups(r);
    if groups.is_empty() {
        return writeln!(out, "No findings.\n");
    }
    writeln!(
        out,
        "| level | where | article | first finding | findings |"
    )?;
    writeln!(out, "| --- | --- | --- | --- | --- |")?;
    for g in groups.iter().take(MAX_SUMMARY_ROWS) {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            g.level.name(),
            cell(&g.place()),
            cell(&who(r, g.article)),
            cell(&short(&g.lines()[0])),
            g.count()
        )?;
    }
    if groups.len() > MAX_SUMMARY_ROWS {
        writeln!(
            out,
            "\n… and {} more articles with findings (in the log; every finding in `--format json`).",
            groups.len() - MAX_SUMMARY_ROWS
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_counted() {
        assert_eq!(more_articles(3, 40), None);
        assert_eq!(
            more_articles(271, 40).as_deref(),
            Some("… and 231 more articles with findings, see --format json")
        );
        assert!(short(&"x".repeat(500)).ends_with('…'));
    }

    #[test]
    fn summary_cells_stay_inert() {
        assert_eq!(cell("a|b <img>\n`x`"), "a\\|b &lt;img&gt; \\`x\\`");
    }
}
