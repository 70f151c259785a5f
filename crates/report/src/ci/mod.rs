//! The renderers of `reprint check`: text, JSON (`reprint.check/1`), GitHub workflow
//! annotations with a Markdown step summary, and SARIF 2.1.0.
//!
//! All four read one [`CiReport`]: the findings that involve the drop, each placed at its first
//! drop member (the file as given on the command line and a 1-based line: the JSONL record's
//! line, or the paragraph's line in a `.txt` file), with the origin of reused text and the
//! other carriers, which may be articles of the index. A finding's level is `error` when its
//! kind fails the policy and the drop is over policy, else `warning`.
//!
//! # GitHub
//!
//! `::error file=…,line=…,endLine=…,title=…::message` (and `::warning`), escaped as
//! `@actions/core` escapes them (message: `%`, CR, LF; properties also `:` and `,`). GitHub
//! shows 10 annotations of each level per step, so at most [`MAX_ANNOTATIONS`] of each are
//! written; every finding is then listed in the log as `path:line: level: kind: message`.
//! [`write_step_summary`] renders the Markdown appended to `$GITHUB_STEP_SUMMARY`.
//!
//! # SARIF and JSON
//!
//! [`sarif`] writes the SARIF 2.1.0 log ([`sarif::SarifLog`]), [`json`] the `reprint.check/1`
//! document ([`json::CheckDocument`]). Both are pretty-printed by one writer that also escapes
//! DEL and the C1 controls.

pub(crate) mod grouped;
pub(crate) mod json;
pub(crate) mod sarif;

pub use grouped::{write_github, write_step_summary, write_text};
pub use json::write_json;
pub use sarif::write_sarif;

use super::Texts;
use reprint_core::grouped;
use reprint_core::model::{Evidence, Finding, FindingKind, Member, PerKind};
use reprint_core::{CheckRun, Policy, Verdict};
use serde::Serialize;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Annotations of each level written at most.
pub(crate) const MAX_ANNOTATIONS: usize = 10;
/// Characters of a quoted paragraph.
const QUOTE_CHARS: usize = 80;
/// Other carriers named per finding at most.
const MAX_OTHERS: usize = 3;

/// How serious a finding is for the check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Its kind fails the policy, the drop is over policy, and a drop article took text.
    Error,
    /// Anything else a drop article took, or site text.
    Warning,
    /// A drop article is only the origin of the text: later articles copied it. Never fails.
    Note,
}

impl Level {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
        }
    }
}

/// An article a finding points at besides its place: the origin or another carrier.
#[derive(Clone, Debug, PartialEq)]
pub struct Carrier {
    /// The article's position in the analysis.
    pub index: usize,
    /// The article's id.
    pub article: String,
    /// Its paragraph's number in it, for paragraph members.
    pub paragraph: Option<u32>,
    /// Its outlet.
    pub outlet: Option<String>,
    /// Its date.
    pub date: Option<String>,
    /// Whether it is in the index (history) rather than the drop.
    pub in_index: bool,
    /// The file it was read from (the drop's file, or the file it was added from).
    pub path: Option<String>,
    /// Its line there (at least 1 when the path is known).
    pub line: u32,
}

impl Carrier {
    /// `id ¶n (outlet, date, in the index)`.
    pub fn describe(&self) -> String {
        let mut s = self.article.clone();
        if let Some(p) = self.paragraph {
            let _ = write!(s, " ¶{p}");
        }
        let mut bits = vec![
            self.outlet
                .clone()
                .unwrap_or_else(|| "unknown outlet".into()),
            self.date.clone().unwrap_or_else(|| "undated".into()),
        ];
        if self.in_index {
            bits.push("in the index".into());
        }
        let _ = write!(s, " ({})", bits.join(", "));
        s
    }
}

/// One finding as the CI renderers show it.
#[derive(Clone, Debug, PartialEq)]
pub struct CiFinding {
    /// Position in the analysis's findings.
    pub index: usize,
    /// Its kind.
    pub kind: FindingKind,
    /// Its level.
    pub level: Level,
    /// The drop file of its first drop member.
    pub path: String,
    /// First line of that member (1-based).
    pub line: u32,
    /// Last line.
    pub end_line: u32,
    /// Bytes of the member in the file, when the file's bytes are the text (`.txt`).
    pub bytes: Option<(u32, u32)>,
    /// The drop article.
    pub article: String,
    /// Its position in the analysis.
    pub article_index: usize,
    /// The paragraph, for paragraph members.
    pub paragraph: Option<u32>,
    /// One line saying what was found.
    pub message: String,
    /// Where the text first appeared.
    pub origin: Option<Carrier>,
    /// The other members' articles (besides the place), in member order; for a note, the
    /// articles that copied the place.
    pub others: Vec<Carrier>,
    /// Stable fingerprint of kind and text.
    pub fingerprint: String,
}

/// Figures of the drop.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DropSummary {
    /// Articles.
    pub articles: u64,
    /// Paragraphs.
    pub paragraphs: u64,
    /// Words.
    pub words: u64,
    /// Per kind: findings involving the drop, drop paragraphs and words carrying it.
    pub kinds: Vec<(FindingKind, u64, u64, u64)>,
}

/// What the index is, for headers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexInfo {
    /// The index file as given.
    pub path: String,
    /// Articles in it.
    pub articles: u64,
}

/// Everything the check renderers show.
pub struct CiReport<'a> {
    /// The check.
    pub run: &'a CheckRun,
    /// The policy.
    pub policy: &'a Policy,
    /// The verdict.
    pub verdict: Verdict,
    /// The index.
    pub index: IndexInfo,
    /// The drop's input files as given.
    pub paths: Vec<String>,
    /// The findings to show, in order, each placed once: on a drop article that took its
    /// text, else on its drop origin (level `note`).
    pub findings: Vec<CiFinding>,
    /// For findings placed on a copy whose origin is in the drop too: the note for that
    /// origin ("copied by …"), so each drop article says who took from it.
    pub notes: Vec<CiFinding>,
    /// The drop's figures.
    pub summary: DropSummary,
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quote(text: &str) -> String {
    let one = squash(text);
    let mut q: String = one.chars().take(QUOTE_CHARS).collect();
    if one.chars().count() > QUOTE_CHARS {
        q.push('…');
    }
    format!("\"{q}\"")
}

/// 1-based line of byte `at` in `text`.
fn line_of(text: &str, at: u32) -> u32 {
    reprint_core::line_number(text.as_bytes(), at as usize)
}

impl<'a> CiReport<'a> {
    /// Builds the report. `texts` holds the drop articles' texts (for `.txt` line numbers and
    /// quotes); `paths[file]` names each drop file.
    pub fn new(
        run: &'a CheckRun,
        policy: &'a Policy,
        index: IndexInfo,
        paths: Vec<String>,
        texts: &Texts,
    ) -> CiReport<'a> {
        let verdict = run.verdict(policy);
        let mut report = CiReport {
            run,
            policy,
            verdict,
            index,
            paths,
            findings: Vec::new(),
            notes: Vec::new(),
            summary: DropSummary::default(),
        };
        let mut findings: Vec<CiFinding> = run
            .drop_findings()
            .into_iter()
            .filter_map(|i| report.finding(i, texts))
            .collect();
        findings.sort_by(|a, b| {
            (a.level, &a.path, a.line, a.kind, a.index)
                .cmp(&(b.level, &b.path, b.line, b.kind, b.index))
        });
        report.findings = findings;
        report.notes = run
            .drop_findings()
            .into_iter()
            .filter(|&i| {
                report
                    .findings
                    .iter()
                    .any(|f| f.index == i && f.level != Level::Note)
            })
            .filter_map(|i| report.origin_note(i, texts))
            .collect();
        report.summary = report.drop_summary();
        report
    }

    fn drop_summary(&self) -> DropSummary {
        let a = &self.run.analysis;
        let n = self.run.drop_articles;
        let mut s = DropSummary {
            articles: n as u64,
            ..DropSummary::default()
        };
        let mut per: PerKind<(u64, u64, u64)> = PerKind::default();
        for art in &a.store.articles[..n] {
            for p in art.paras() {
                let w = u64::from(a.store.paras[p].words);
                s.paragraphs += 1;
                s.words += w;
                for k in a.classification.para_kinds[p].iter() {
                    per[k].1 += 1;
                    per[k].2 += w;
                }
            }
        }
        for f in &self.findings {
            per[f.kind].0 += 1;
        }
        s.kinds = FindingKind::ALL
            .iter()
            .map(|&k| {
                let (f, p, w) = per[k];
                (k, f, p, w)
            })
            .collect();
        s
    }

    fn level(&self, kind: FindingKind) -> Level {
        if self.policy.fail_on.contains(&kind) && !self.verdict.pass {
            Level::Error
        } else {
            Level::Warning
        }
    }

    /// The carrier of member `m`.
    fn carrier(&self, m: &Member) -> Carrier {
        let a = &self.run.analysis;
        let i = m.article.get();
        let art = &a.store.articles[i];
        let (path, line) = match self.run.history_place(i) {
            Some(h) => (h.path.clone(), h.line.max(1)),
            None => (
                self.paths.get(art.location.file as usize).cloned(),
                art.location.line.max(1),
            ),
        };
        Carrier {
            index: i,
            article: art.meta.id.clone(),
            paragraph: m.paragraph.map(|p| self.run.paragraph_number(i, p)),
            outlet: a.outlet_name(i).map(str::to_string),
            date: art.meta.date.clone(),
            in_index: !self.run.is_drop(i),
            path: path.filter(|p| !p.is_empty()),
            line,
        }
    }

    /// Finding `index` placed on a drop article that took its text, or on its origin when no
    /// drop article took it (a note: the origin was copied).
    fn finding(&self, index: usize, texts: &Texts) -> Option<CiFinding> {
        let f = &self.run.analysis.classification.findings[index];
        let in_drop = |m: &&Member| self.run.is_drop(m.article.get());
        let took = f.members.iter().filter(in_drop).find(|m| f.took(m.article));
        let at = took.or_else(|| f.members.iter().find(in_drop))?;
        Some(self.finding_at(index, at, took.is_none(), texts))
    }

    /// The note for the drop origin of finding `index` that a drop article took (and where the
    /// finding is placed): the origin is told who copied it.
    fn origin_note(&self, index: usize, texts: &Texts) -> Option<CiFinding> {
        let f = &self.run.analysis.classification.findings[index];
        let src = f.source().filter(|s| self.run.is_drop(s.get()))?;
        let at = f.members.iter().find(|m| m.article == src)?;
        f.members
            .iter()
            .any(|m| f.took(m.article))
            .then(|| self.finding_at(index, at, true, texts))
    }

    fn finding_at(&self, index: usize, at: &Member, note: bool, texts: &Texts) -> CiFinding {
        let a = &self.run.analysis;
        let f = &a.classification.findings[index];
        let art_i = at.article.get();
        let art = &a.store.articles[art_i];
        let path = self
            .paths
            .get(art.location.file as usize)
            .cloned()
            .unwrap_or_default();
        let text = texts.get(art_i);
        let (line, end_line, bytes) = match (art.location.line, text) {
            (0, Some(t)) => (
                line_of(t, at.span.start),
                line_of(t, at.span.end.saturating_sub(1).max(at.span.start)),
                Some((at.span.start, at.span.len() as u32)),
            ),
            (0, None) => (1, 1, None),
            (l, _) => (l, l, None),
        };
        // A copy relation's other side is its pair's other article, not its paragraphs; a
        // note's are the articles that took the text.
        let shown = if f.is_copy_relation() {
            &f.members[..2.min(f.members.len())]
        } else {
            &f.members[..]
        };
        let mut others: Vec<Carrier> = Vec::new();
        for m in shown
            .iter()
            .filter(|m| m.article != at.article && (!note || f.took(m.article)))
        {
            if !(note && others.last().is_some_and(|c| c.index == m.article.get())) {
                others.push(self.carrier(m));
            }
        }
        let origin = f.origin.as_ref().map(|o| {
            let m = f
                .members
                .iter()
                .find(|m| m.article == o.article)
                .copied()
                .unwrap_or(Member {
                    article: o.article,
                    paragraph: None,
                    span: at.span,
                });
            self.carrier(&m)
        });
        let quoted = at
            .paragraph
            .and(text)
            .and_then(|t| at.span.slice(t))
            .map(quote);
        let same: Vec<u32> = f
            .members
            .iter()
            .filter(|m| m.article == at.article && m.paragraph != at.paragraph)
            .filter_map(|m| m.paragraph)
            .collect();
        let message = if note {
            describe_note(f, at, &others, quoted.as_deref())
        } else {
            describe(f, at, &others, &same, quoted.as_deref())
        };
        CiFinding {
            index,
            kind: f.kind,
            level: if note {
                Level::Note
            } else {
                self.level(f.kind)
            },
            path,
            line,
            end_line,
            bytes,
            article: art.meta.id.clone(),
            article_index: art_i,
            paragraph: at.paragraph,
            message,
            origin,
            others,
            fingerprint: self.fingerprint(f),
        }
    }

    /// A hash of the kind and the normalized texts of the drop paragraphs involved.
    fn fingerprint(&self, f: &Finding) -> String {
        let a = &self.run.analysis;
        let key = |p: usize| a.store.texts.keys[a.store.paras[p].text as usize];
        let mut keys: Vec<u64> = Vec::new();
        // A copy relation's pair (its first two members) holds all its paragraphs.
        let members = if f.is_copy_relation() {
            &f.members[..2.min(f.members.len())]
        } else {
            &f.members[..]
        };
        for m in members.iter().filter(|m| self.run.is_drop(m.article.get())) {
            let art = &a.store.articles[m.article.get()];
            match m.paragraph {
                Some(p) => keys.push(key(art.para(p).get())),
                None => keys.extend(art.paras().map(key)),
            }
        }
        keys.sort_unstable();
        let mut bytes = f.kind.name().as_bytes().to_vec();
        for k in keys {
            bytes.extend_from_slice(&k.to_le_bytes());
        }
        format!("{:016x}", xxhash_rust::xxh3::xxh3_64(&bytes))
    }

    /// Figures of the history consulted.
    pub(crate) fn history_line(&self) -> String {
        let h = &self.run.figures;
        format!(
            "index texts read: {}; found there: {} equal, {} equal but for numbers, {} near-duplicate, {} sharing a run of words, {} photo credits; index articles compared: {} whole, {} in part",
            grouped(h.texts_read),
            grouped(h.exact),
            grouped(h.masked),
            grouped(h.near),
            grouped(h.spans),
            grouped(h.credits),
            grouped(h.articles),
            grouped(h.partial)
        )
    }

    /// "PASS"/"FAIL" and why.
    pub fn verdict_line(&self) -> String {
        let v = &self.verdict;
        let kinds: Vec<&str> = self.policy.fail_on.iter().map(|k| k.name()).collect();
        let kinds = if kinds.is_empty() {
            "none".to_string()
        } else {
            kinds.join(", ")
        };
        let share = format!("{:.1}% of the drop's words are in them", v.share * 100.0);
        let limit = match self.policy.max_reuse {
            Some(m) => format!(" (at most {:.1}% allowed)", m * 100.0),
            None => String::new(),
        };
        let unread = if v.whole {
            ""
        } else {
            "the drop was not read whole (no articles, or files or records not read); "
        };
        format!(
            "{}: {unread}{} finding{} of a failing kind ({kinds}); {share}{limit}",
            if v.pass { "PASS" } else { "FAIL" },
            v.findings,
            if v.findings == 1 { "" } else { "s" },
        )
    }

    pub(crate) fn header(&self) -> String {
        format!(
            "reprint check: {} article{} ({} words) against {} ({} articles)",
            grouped(self.summary.articles),
            if self.summary.articles == 1 { "" } else { "s" },
            grouped(self.summary.words),
            self.index.path,
            grouped(self.index.articles)
        )
    }

    pub(crate) fn place(f: &CiFinding) -> String {
        format!("{}:{}", f.path, f.line)
    }
}

/// "similarity 0.93, shingle overlap 0.71", or the overlap alone when the edit similarity was
/// not needed.
fn similarity(edit: Option<f32>, jaccard: f32) -> String {
    match edit {
        Some(e) => format!("similarity {e:.2}, shingle overlap {jaccard:.2}"),
        None => format!("shingle overlap {jaccard:.2}"),
    }
}

fn others_text(others: &[Carrier]) -> String {
    let mut v: Vec<String> = others
        .iter()
        .take(MAX_OTHERS)
        .map(Carrier::describe)
        .collect();
    if others.len() > MAX_OTHERS {
        v.push(format!("{} more", others.len() - MAX_OTHERS));
    }
    v.join("; ")
}

/// One line saying what a finding is, seen from its drop member `at`; `same` lists the other
/// paragraphs of `at`'s article among the members.
// Stays long: one match arm per evidence kind, each one sentence of the CI output.
fn describe(
    f: &Finding,
    at: &Member,
    others: &[Carrier],
    same: &[u32],
    quoted: Option<&str>,
) -> String {
    let para = at
        .paragraph
        .map(|p| format!("paragraph {p}"))
        .unwrap_or_default();
    let numbers = |v: &[u32]| {
        v.iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut s = match &f.evidence {
        Evidence::NearDuplicate {
            edit_similarity,
            jaccard,
            ..
        } if f.kind == FindingKind::InternalDuplicate => format!(
            "internal duplicate: {para} is repeated in this article as paragraph{} {} ({})",
            if same.len() == 1 { "" } else { "s" },
            numbers(same),
            similarity(*edit_similarity, *jaccard)
        ),
        Evidence::Recurrence {
            articles,
            outlets,
            edge_share,
        } => format!(
            "site boilerplate: {para} recurs in {articles} stories of {outlets} outlet{}, {:.0}% of them at an edge",
            if *outlets == 1 { "" } else { "s" },
            edge_share * 100.0
        ),
        Evidence::Cue { cue, position } => {
            let what = match f.kind {
                FindingKind::AggregatorFooter => "aggregator footer",
                _ => "site boilerplate",
            };
            format!(
                "{what}: {para} matches the cue \"{cue}\" ({})",
                position.name()
            )
        }
        Evidence::Disclosure { cue } => {
            format!("aggregator footer: {para} is a republisher's disclosure (cue \"{cue}\")")
        }
        Evidence::Signals {
            signals, position, ..
        } => {
            let what = match f.kind {
                FindingKind::AggregatorFooter => "aggregator footer",
                _ => "site junk",
            };
            format!(
                "{what}: {para} ({}; {})",
                signals.join(", "),
                position.name()
            )
        }
        Evidence::NearDuplicate {
            edit_similarity,
            jaccard,
            ..
        } => {
            let what = match f.kind {
                FindingKind::Boilerplate => "site boilerplate",
                _ => "reused wording",
            };
            format!(
                "{what}: {para} also appears in {} ({})",
                others_text(others),
                similarity(*edit_similarity, *jaccard)
            )
        }
        Evidence::SharedSpan { words, quoted } => format!(
            "reused wording: {para} shares {} of {words} words with {}",
            if *quoted { "a quotation" } else { "a run" },
            others_text(others)
        ),
        Evidence::AlignedPassage {
            similarity,
            matched,
            ..
        } => format!(
            "reused wording: {para} aligns with an edited passage of {} ({matched} words \
             matched, similarity {similarity:.2})",
            others_text(others)
        ),
        Evidence::SharedCredit { outlet } => format!(
            "reused wording: {para} prints the same photo credit ({outlet}) as {}",
            others_text(others)
        ),
        Evidence::ArticleShare {
            share,
            shared_paragraphs,
        } => {
            let what = match f.kind {
                FindingKind::DuplicateArticle => "duplicate article",
                _ => "syndicated article",
            };
            format!(
                "{what}: {:.0}% of its words are in {shared_paragraphs} paragraph{} shared with {}",
                share * 100.0,
                if *shared_paragraphs == 1 { "" } else { "s" },
                others_text(others)
            )
        }
    };
    if let Some(q) = quoted {
        let _ = write!(s, ": {q}");
    }
    s.replace("  ", " ")
}

/// One line saying what a note is: the drop article `at` is the origin of the text, and
/// `copiers` took it.
fn describe_note(f: &Finding, at: &Member, copiers: &[Carrier], quoted: Option<&str>) -> String {
    let mut s = match &f.evidence {
        Evidence::ArticleShare { share, .. } => format!(
            "copied by {}: the original of a {} ({:.0}% of the copy's words)",
            others_text(copiers),
            f.kind.name().replace('_', " "),
            share * 100.0
        ),
        _ => format!(
            "copied by {}: {} is the original text",
            others_text(copiers),
            at.paragraph
                .map_or_else(|| "the article".to_string(), |p| format!("paragraph {p}"))
        ),
    };
    if let Some(q) = quoted {
        let _ = write!(s, ": {q}");
    }
    s
}

/// Writes a JSON document pretty-printed, with DEL and the C1 controls written as `\u`
/// escapes too ([`crate::safe::ControlEscaping`]): a SARIF or JSON report shown in a terminal or log
/// cannot carry a control character.
fn write_document(out: &mut dyn Write, doc: &impl Serialize) -> io::Result<()> {
    crate::safe::write_json_with(out, doc, serde_json::ser::PrettyFormatter::new())?;
    out.write_all(b"\n")
}

/// Escapes a workflow command's message as `@actions/core` does.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value as `@actions/core` does.
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_commands_are_escaped_like_actions_core() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
    }

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }

    #[test]
    fn quotes_are_one_short_line() {
        assert_eq!(quote("a\n  b"), "\"a b\"");
        assert!(quote(&"x ".repeat(100)).ends_with("…\""));
    }
}
