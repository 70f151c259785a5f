//! `reprint index add --index DB PATH...` and `reprint index stats --index DB`.

use super::{InputArgs, Outcome, RunContext};
use crate::output::Output;
use anyhow::Result;
use clap::{Args, Subcommand};
use reprint_core::Progress;
use reprint_core::ingest;
use reprint_core::{Corpus, FieldNames, load_texts};
use reprint_index::{AddReport, Index, Stats};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// What to do with the index.
    #[command(subcommand)]
    pub command: IndexCommand,
}

/// The `index` subcommands.
#[derive(Debug, Subcommand)]
pub enum IndexCommand {
    /// Add articles to an index, creating it when it does not exist. Articles whose id the
    /// index already holds are reported and skipped. One add is one transaction: interrupted,
    /// it leaves the index as it was.
    Add(AddArgs),
    /// Print what an index holds: counts, outlets, dates, size, parameters, and the texts
    /// outlets repeat most at their articles' edges (boilerplate learned from history).
    Stats(StatsArgs),
}

/// Arguments of `index add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The index file.
    #[arg(long, env = "REPRINT_INDEX", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub index: PathBuf,
    /// Folders, .txt files, .json/.jsonl/.ndjson files (also as .gz or .zst), .parquet files,
    /// or - for standard input.
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Arguments of `index stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The index file.
    #[arg(long, env = "REPRINT_INDEX", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub index: PathBuf,
    /// How many of the most frequent edge texts to list.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
}

/// Runs `index`.
pub fn run(ctx: &RunContext, args: IndexArgs) -> Result<Outcome> {
    match args.command {
        IndexCommand::Add(a) => add(ctx, a),
        IndexCommand::Stats(s) => stats(ctx, s),
    }
}

/// Says what an add did, on stderr.
pub fn note_added(ctx: &RunContext, index: &str, r: &AddReport) {
    ctx.note(&format!(
        "reprint: added {} articles ({} paragraphs, {} new paragraph texts, {} new words) to {index}",
        r.added, r.paragraphs, r.new_texts, r.new_words
    ));
    if !r.skipped.is_empty() {
        let shown: Vec<&str> = r.skipped.iter().take(10).map(String::as_str).collect();
        let more = if r.skipped.len() > shown.len() {
            format!(", and {} more", r.skipped.len() - shown.len())
        } else {
            String::new()
        };
        ctx.note(&format!(
            "reprint: skipped {} articles the index already holds: {}{more}",
            r.skipped.len(),
            shown.join(", ")
        ));
    }
}

fn add(ctx: &RunContext, args: AddArgs) -> Result<Outcome> {
    let engine = super::engine(ctx, &args.input, |_| Ok(()))?;
    // Lock first: a second writer is turned away before it reads anything.
    let mut index = Index::create_or_lock(&args.index, &engine.config)?;
    let mut errors = Vec::new();
    let corpus = Corpus::discover_as(&args.paths, args.input.stdin(), &mut errors)?;
    super::audit::warn_unread(ctx, &corpus);
    for e in &errors {
        ctx.report(&e.to_string());
    }
    let (store, read_errors) = ingest(&corpus, &engine, &ctx.bar);
    for e in &read_errors {
        ctx.report(&e.to_string());
    }
    ctx.bar.stage("index", None);
    let files: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
    let names = FieldNames::from(&engine.config.input);
    let report = index.add(&store, 0..store.articles.len(), &files, &mut |locs| {
        load_texts(&corpus, &names, locs)
    })?;
    index.commit()?;
    ctx.bar.finish();
    note_added(ctx, &args.index.display().to_string(), &report);
    Ok(Outcome::Clean)
}

fn stats(ctx: &RunContext, args: StatsArgs) -> Result<Outcome> {
    let config = super::load_config(&ctx.global)?;
    let index = Index::open(&args.index, &config)?;
    let s = index.stats(&config, args.top)?;
    Output::Stdout.write(|w| write_stats(w, &args.index.display().to_string(), &s, &config))?;
    Ok(Outcome::Clean)
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Writes `index stats` for people.
pub fn write_stats(
    w: &mut dyn Write,
    path: &str,
    s: &Stats,
    config: &reprint_core::config::Config,
) -> std::io::Result<()> {
    let t = &s.totals;
    reprint_report::safe_line!(w, "index: {path} ({} on disk)", mb(t.bytes))?;
    let get = |k: &str| s.meta.iter().find(|(m, _)| m == k).map(|(_, v)| v.as_str());
    reprint_report::safe_line!(w, "schema: {}", get("schema").unwrap_or("?"))?;
    reprint_report::safe_line!(
        w,
        "articles: {}  paragraphs: {}  distinct paragraph texts: {}  words in the vocabulary: {}",
        t.articles,
        t.paragraphs,
        t.texts,
        t.vocab
    )?;
    match (&t.first_date, &t.last_date) {
        (Some(a), Some(b)) => {
            reprint_report::safe_line!(w, "dates: {a} to {b} ({} undated)", t.undated)?
        }
        _ => reprint_report::safe_line!(w, "dates: none ({} undated)", t.undated)?,
    }
    let mut outlets: Vec<(String, u64)> = t
        .outlets
        .iter()
        .map(|o| {
            let name = o
                .outlet
                .and_then(|i| s.outlet_names.get(i as usize).cloned())
                .unwrap_or_else(|| "(unknown outlet)".into());
            (name, o.articles)
        })
        .collect();
    outlets.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    reprint_report::safe_line!(w, "outlets: {}", s.outlet_names.len())?;
    for (name, n) in outlets.iter().take(20) {
        reprint_report::safe_line!(w, "  {n:>8}  {name}")?;
    }
    if outlets.len() > 20 {
        reprint_report::safe_line!(w, "  … and {} more", outlets.len() - 20)?;
    }
    reprint_report::safe_line!(w, "parameters:")?;
    for (k, v) in &s.meta {
        if let Some(p) = k.strip_prefix("param.") {
            reprint_report::safe_line!(w, "  {p} = {v}")?;
        }
    }
    reprint_report::safe_line!(
        w,
        "most frequent texts at articles' edges (in at least {} articles of an outlet, {:.0}% at an edge):",
        config.boilerplate.min_articles,
        config.boilerplate.edge_share * 100.0
    )?;
    if s.frequent.is_empty() {
        reprint_report::safe_line!(w, "  none")?;
    }
    for f in &s.frequent {
        reprint_report::safe_line!(
            w,
            "  {:>8}× {} ({:.0}% at an edge): {}",
            f.articles,
            f.outlet,
            f.at_edge as f64 * 100.0 / f.articles.max(1) as f64,
            f.excerpt
                .as_deref()
                .map(|e| format!("\"{e}\""))
                .unwrap_or_else(|| "(no excerpt)".into())
        )?;
    }
    Ok(())
}
