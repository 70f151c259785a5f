//! `reprint audit PATH...`: the main job.

use super::{InputArgs, Outcome, OutputArgs, RunContext};
use crate::output::Output;
use anyhow::Result;
use clap::{Args, ValueEnum};
use reprint_core::Analysis;
use reprint_core::Engine;
use reprint_core::Progress;
use reprint_core::analyze;
use reprint_core::{
    Corpus, FieldNames, InputArticle, for_each_input_article, for_each_text, load_texts,
};
use reprint_report::{
    ArticleSource, Excerpts, Summary, Texts, write_attributes, write_json, write_jsonl,
};
use reprint_report::{ForTerminal, Look};
use reprint_report::{TextOptions, write_text};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `audit`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// A summary and the findings, for people.
    #[default]
    Text,
    /// One JSON document (schema reprint.audit/1).
    Json,
    /// One finding per line.
    Jsonl,
    /// One line per article in dolma's attribute-file layout: the spans of each kind
    /// (`reprint__<kind>`, in characters) for a dolma or datatrove mix to drop.
    Attributes,
}

/// Arguments of `audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Folders (walked recursively), .txt files (one article each), JSON lines or one JSON
    /// array of records (.jsonl, .ndjson, .json, each also as .gz or .zst), .parquet files (one
    /// article a row), or - for standard input (see --stdin-format).
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Where the report goes and in what format.
    #[command(flatten)]
    pub output: OutputArgs<AuditFormat>,
    /// In text output, show at most this many findings.
    #[arg(long, default_value_t = 200, value_name = "N")]
    pub max_findings: usize,
    /// Print the time each stage took on stderr.
    #[arg(long)]
    pub timings: bool,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Reads the corpus and runs the pipeline, reporting unreadable files and records.
pub fn read_and_analyze(
    ctx: &RunContext,
    paths: &[PathBuf],
    input: &InputArgs,
    engine: &Engine,
) -> Result<(Corpus, Analysis)> {
    read_and_analyze_with(
        ctx,
        paths,
        input,
        &[],
        engine,
        &mut |corpus, engine, progress| Ok(analyze(corpus, engine, progress)),
    )
}

/// How a command gets the analysis of a corpus: by reading it ([`analyze`]), or from rows
/// prepared elsewhere (`reprint kernel finish`).
pub type Analyzer<'a> = dyn FnMut(&Corpus, &Engine, &dyn Progress) -> Result<Analysis> + 'a;

/// [`read_and_analyze`], the analysis made by `analyzer`.
pub fn read_and_analyze_with(
    ctx: &RunContext,
    paths: &[PathBuf],
    input: &InputArgs,
    shown: &[String],
    engine: &Engine,
    analyzer: &mut Analyzer<'_>,
) -> Result<(Corpus, Analysis)> {
    let mut errors = Vec::new();
    let mut corpus = Corpus::discover_as(paths, input.stdin(), &mut errors)?;
    keep_labelled_articles(ctx, paths, &mut corpus);
    show_as(&mut corpus, paths, shown)?;
    warn_unread(ctx, &corpus);
    let mut shown = ShownErrors::default();
    for e in &errors {
        shown.report(ctx, e);
    }
    let mut analysis = analyzer(&corpus, engine, &ctx.bar)?;
    ctx.bar.finish();
    for e in &analysis.errors {
        shown.report(ctx, e);
    }
    shown.finish(ctx);
    for w in analysis.stats.cap_warnings(&engine.config) {
        ctx.note(&format!("reprint: warning: {w}"));
    }
    warn_bad_dates(ctx, &corpus, &analysis.store.articles);
    analysis.errors.splice(0..0, errors);
    // Nothing to report on: the error alone, with no empty report before it.
    if analysis.store.articles.is_empty() {
        anyhow::bail!("no articles found in the input");
    }
    Ok((corpus, analysis))
}

/// Names the files of each of `paths` as `shown` says: one name per path, in order, or none
/// (`kernel plan` and `kernel finish --shown-as`, for a corpus an engine fetched from an object
/// store into local folders and names by its URLs). A path named as itself keeps its names.
pub fn show_as(corpus: &mut Corpus, paths: &[PathBuf], shown: &[String]) -> Result<()> {
    if shown.is_empty() {
        return Ok(());
    }
    if shown.len() != paths.len() {
        anyhow::bail!(
            "--shown-as is given {} time(s) for {} path(s): give it once per path, or not at all",
            shown.len(),
            paths.len()
        );
    }
    for (path, name) in paths.iter().zip(shown) {
        if path.as_os_str() != name.as_str() {
            corpus.show_as(path, name);
        }
    }
    Ok(())
}

/// Reads a labelled folder (e.g. a benchmark set) among `paths` for its articles only, and
/// says which of its files were left as labels and notes: a label file read as articles would
/// fail on every record or, as a `.json` note, pass for an article. `audit`, `eval` and the
/// commands built on `audit` share this rule.
pub fn keep_labelled_articles(ctx: &RunContext, paths: &[PathBuf], corpus: &mut Corpus) {
    for kept in reprint_eval::keep_articles_of(paths, corpus) {
        let name =
            |p: &std::path::Path| p.strip_prefix(&kept.dir).unwrap_or(p).display().to_string();
        let read = match &kept.articles {
            Some(a) => format!("its articles are read from {} only", name(a)),
            None => "every file but its labels and notes is read".to_string(),
        };
        let mut left: Vec<String> = kept
            .left
            .iter()
            .take(MAX_ERRORS_PER_FILE)
            .map(|p| name(p))
            .collect();
        if kept.left.len() > MAX_ERRORS_PER_FILE {
            left.push(format!(
                "and {} more",
                kept.left.len() - MAX_ERRORS_PER_FILE
            ));
        }
        let left = if left.is_empty() {
            String::new()
        } else {
            format!("; left as labels and notes: {}", left.join(", "))
        };
        ctx.note(&format!(
            "reprint: note: {} holds labels: {read}{left}",
            kept.dir.display()
        ));
    }
}

/// Names the files found in folders that reprint does not read, at most
/// [`MAX_ERRORS_PER_FILE`] and then how many more: a folder of files in another format must
/// not pass for an empty corpus.
pub fn warn_unread(ctx: &RunContext, corpus: &Corpus) {
    for p in corpus.unread.iter().take(MAX_ERRORS_PER_FILE) {
        ctx.note(&format!(
            "reprint: warning: {}: {}",
            p.display(),
            reprint_core::UNREAD
        ));
    }
    if corpus.unread.len() > MAX_ERRORS_PER_FILE {
        ctx.note(&format!(
            "reprint: warning: {} more files not read",
            corpus.unread.len() - MAX_ERRORS_PER_FILE
        ));
    }
}

/// Warns about dates that are given but are not dates reprint reads (`1999`, `2022-13-45`,
/// a zone of `+99:99`): such an article is treated as undated, so it can never be the origin
/// of a text, and the user should know why. At most [`MAX_ERRORS_PER_FILE`] are named.
pub fn warn_bad_dates(ctx: &RunContext, corpus: &Corpus, articles: &[reprint_core::ArticleRecord]) {
    let bad: Vec<&reprint_core::ArticleRecord> = articles
        .iter()
        .filter(|a| {
            a.date_key.is_none() && a.meta.date.as_deref().is_some_and(|d| !d.trim().is_empty())
        })
        .collect();
    for a in bad.iter().take(MAX_ERRORS_PER_FILE) {
        let place = corpus.place(a.location.file, a.location.line);
        ctx.note(&format!(
            "reprint: warning: {place}: date {:?} is not a date (YYYY-MM-DD, optionally with a time and zone); the article is treated as undated",
            a.meta.date.as_deref().unwrap_or_default()
        ));
    }
    if bad.len() > MAX_ERRORS_PER_FILE {
        ctx.note(&format!(
            "reprint: warning: {} more articles with dates that are not dates",
            bad.len() - MAX_ERRORS_PER_FILE
        ));
    }
}

/// Problems shown per file before the rest of that file's are only counted: a binary or
/// mis-formatted file must not bury the other messages.
pub const MAX_ERRORS_PER_FILE: usize = 20;

/// Reports problems on stderr, at most [`MAX_ERRORS_PER_FILE`] per file, and then how many
/// more each file had. All of them still set the exit code and stay in the JSON report.
#[derive(Default)]
pub struct ShownErrors {
    /// `(file, problems seen)` in the order files first appeared.
    files: Vec<(String, usize)>,
    /// Where each file is in `files`.
    index: std::collections::HashMap<String, usize>,
}

impl ShownErrors {
    /// Reports one problem, or counts it when its file has had its share.
    pub fn report(&mut self, ctx: &RunContext, e: &reprint_core::error::RecordError) {
        let file = match e.place.rsplit_once(':') {
            Some((f, line)) if !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()) => f,
            _ => e.place.as_str(),
        };
        let n = match self.index.get(file) {
            Some(&i) => {
                self.files[i].1 += 1;
                self.files[i].1
            }
            None => {
                self.index.insert(file.to_string(), self.files.len());
                self.files.push((file.to_string(), 1));
                1
            }
        };
        if n <= MAX_ERRORS_PER_FILE {
            ctx.report(&e.to_string());
        } else {
            crate::cli::set_errored();
        }
    }

    /// Says how many problems were not shown, per file.
    pub fn finish(&self, ctx: &RunContext) {
        for (file, n) in &self.files {
            if *n > MAX_ERRORS_PER_FILE {
                ctx.report(&format!(
                    "{file}: {} more problems like these not shown (`--format json` lists them all)",
                    n - MAX_ERRORS_PER_FILE
                ));
            }
        }
    }
}

/// Loads the texts the text report quotes.
pub fn texts_for_report(
    corpus: &Corpus,
    engine: &Engine,
    a: &Analysis,
    opts: &TextOptions,
) -> Texts {
    let mut wanted: Vec<usize> = Vec::new();
    for f in a.classification.findings.iter().take(opts.max_findings) {
        wanted.extend(
            f.members
                .iter()
                .take(opts.max_members)
                .map(|m| m.article.get()),
        );
    }
    for c in &a.classification.clusters {
        wanted.push(c.members[0].article.get());
    }
    wanted.sort_unstable();
    wanted.dedup();
    let locs: Vec<_> = wanted
        .iter()
        .map(|&i| (i, a.store.articles[i].location.clone()))
        .collect();
    Texts::new(load_texts(
        corpus,
        &FieldNames::from(&engine.config.input),
        &locs,
    ))
}

/// The excerpts of every finding's members (`--format jsonl`), read again from the corpus.
pub fn excerpts_of(corpus: &Corpus, engine: &Engine, a: &Analysis) -> Excerpts {
    let names = FieldNames::from(&engine.config.input);
    Excerpts::read(a, &mut |wanted, f| for_each_text(corpus, &names, wanted, f))
}

/// Every article of an analysis, read again from its corpus with its text and input id.
struct CorpusArticles<'a> {
    corpus: &'a Corpus,
    names: FieldNames,
    analysis: &'a Analysis,
}

impl ArticleSource for CorpusArticles<'_> {
    fn each(&mut self, f: &mut dyn FnMut(usize, InputArticle)) {
        let arts = &self.analysis.store.articles;
        let locs: Vec<_> = (0..arts.len())
            .map(|i| (i, arts[i].location.clone()))
            .collect();
        for_each_input_article(self.corpus, &self.names, &locs, f);
    }
}

/// Runs `audit`.
pub fn run(ctx: &RunContext, args: AuditArgs) -> Result<Outcome> {
    run_with(ctx, args, None, &[], &mut |corpus, engine, progress| {
        Ok(analyze(corpus, engine, progress))
    })
}

/// Runs `audit` on the analysis `analyzer` makes; with `parts` (a folder and findings per
/// part), writes the JSON document as parts into that folder instead of the report.
pub fn run_with(
    ctx: &RunContext,
    args: AuditArgs,
    parts: Option<(PathBuf, usize)>,
    shown: &[String],
    analyzer: &mut Analyzer<'_>,
) -> Result<Outcome> {
    let engine = super::engine(ctx, &args.input, |_| args.output.refuse_inputs(&args.paths))?;
    let (corpus, analysis) =
        read_and_analyze_with(ctx, &args.paths, &args.input, shown, &engine, analyzer)?;
    let summary = Summary::of(&analysis);
    let paths: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
    if let Some((dir, per_part)) = parts {
        let excerpts = excerpts_of(&corpus, &engine, &analysis);
        super::dist::write_parts(&dir, per_part, &analysis, &summary, &paths, &excerpts)?;
        return Ok(Outcome::Clean);
    }
    let opts = TextOptions {
        max_findings: args.max_findings,
        ..TextOptions::default()
    };
    let format = args.output.format;
    let texts = if format == AuditFormat::Text {
        texts_for_report(&corpus, &engine, &analysis, &opts)
    } else {
        Texts::default()
    };
    let excerpts = if format == AuditFormat::Jsonl {
        excerpts_of(&corpus, &engine, &analysis)
    } else {
        Excerpts::default()
    };
    let look = if format == AuditFormat::Text && matches!(args.output.output(), Output::Stdout) {
        ctx.stdout_look()
    } else {
        Look::default()
    };
    let render = |w: &mut dyn Write| -> std::io::Result<()> {
        match format {
            AuditFormat::Text if look != Look::default() => {
                let mut t = ForTerminal::new(w, look);
                write_text(&mut t, &analysis, &summary, &texts, &opts)?;
                t.flush()
            }
            AuditFormat::Text => write_text(w, &analysis, &summary, &texts, &opts),
            AuditFormat::Json => write_json(w, &analysis, &summary, &paths),
            AuditFormat::Jsonl => write_jsonl(w, &analysis, &excerpts),
            AuditFormat::Attributes => {
                let mut source = CorpusArticles {
                    corpus: &corpus,
                    names: FieldNames::from(&engine.config.input),
                    analysis: &analysis,
                };
                write_attributes(w, &analysis, &mut source)
            }
        }
    };
    let t0 = std::time::Instant::now();
    args.output.output().write(render)?;
    if args.timings {
        let mut t = analysis.stats.timings.clone();
        t.add("report", t0);
        for (stage, secs, rss) in &t.stages {
            let within = if matches!(*stage, "merge" | "minhash") {
                "  (within decode+hash)"
            } else {
                ""
            };
            crate::progress::to_stderr(&format!(
                "{stage:>12} {secs:8.3} s {rss:>7} MiB peak resident{within}"
            ));
        }
        let c = analysis.stats.counters();
        crate::progress::to_stderr(&format!(
            "    counters: {} LSH candidate pairs, {} masked pairs, {} verified edges, \
             {} span candidate pairs, {} capped buckets",
            c.lsh_candidate_pairs,
            c.masked_pairs,
            c.verified_edges,
            c.span_candidate_pairs,
            c.capped_buckets
        ));
        let al = &analysis.stats.align;
        crate::progress::to_stderr(&format!(
            "       align: {} text pairs aligned ({:.3} s finding them in {} pass{}), {} passages kept",
            al.pairs,
            al.seed_secs,
            al.seed_passes,
            if al.seed_passes == 1 { "" } else { "es" },
            al.passages
        ));
    }
    Ok(Outcome::Clean)
}
