//! `reprint check --index DB PATH...`: a drop of new articles against the index and against
//! itself, with a verdict under the CI policy and output a CI system renders.

use super::{InputArgs, Outcome, OutputArgs, RunContext};
use anyhow::Result;
use clap::{Args, ValueEnum};
use reprint_core::Engine;
use reprint_core::Progress;
use reprint_core::error::RecordError;
use reprint_core::model::FindingKind;
use reprint_core::{CheckRun, Policy};
use reprint_core::{Corpus, FieldNames, load_texts};
use reprint_index::check;
use reprint_index::{Index, IndexStore};
use reprint_report::Texts;
use reprint_report::check::{self as ci, CiReport, IndexInfo};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// The verdict and the findings, for people.
    #[default]
    Text,
    /// One JSON document (schema reprint.check/1).
    Json,
    /// GitHub Actions annotations, the full list, and a step summary when
    /// GITHUB_STEP_SUMMARY is set.
    Github,
    /// SARIF 2.1.0 (GitHub code scanning and other viewers).
    Sarif,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The index file (see `reprint index add`).
    #[arg(long, env = "REPRINT_INDEX", value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub index: PathBuf,
    /// The drop: folders, .txt files, .json/.jsonl/.ndjson files (also as .gz or .zst),
    /// .parquet files, or - for standard input.
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Where the report goes and in what format.
    #[command(flatten)]
    pub output: OutputArgs<CheckFormat>,
    /// Finding kinds that fail the check, comma-separated (default: `fail_on` under `policy`
    /// in reprint.toml, else reused_wording,syndicated_article).
    #[arg(long, value_delimiter = ',', value_name = "KINDS", value_parser = parse_kind)]
    pub fail_on: Option<Vec<FindingKind>>,
    /// Fail only when more than this share (0 to 1) of the drop's words is in paragraphs of
    /// failing kinds [default: any finding of a failing kind fails].
    #[arg(long, value_name = "RATIO")]
    pub max_reuse: Option<f64>,
    /// Exit 0 even when the drop is over policy (errors still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Add the drop to the index after checking it.
    #[arg(long)]
    pub add: bool,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_kind(s: &str) -> std::result::Result<FindingKind, String> {
    FindingKind::parse(s).ok_or_else(|| {
        let names: Vec<&str> = FindingKind::ALL.iter().map(|k| k.name()).collect();
        format!(
            "unknown finding kind (expected one of {})",
            names.join(", ")
        )
    })
}

/// The engine and the policy: config files, then flags.
fn resolve(ctx: &RunContext, args: &CheckArgs) -> Result<(Engine, Policy)> {
    let engine = super::engine(ctx, &args.input, |config| {
        if let Some(kinds) = &args.fail_on {
            config.policy.fail_on = kinds.iter().map(|k| k.name().to_string()).collect();
        }
        if args.max_reuse.is_some() {
            config.policy.max_reuse = args.max_reuse;
        }
        args.output.refuse_inputs(&args.paths)
    })?;
    let config = &engine.config;
    let policy = Policy {
        fail_on: config
            .policy
            .fail_on
            .iter()
            .filter_map(|k| FindingKind::parse(k))
            .collect(),
        max_reuse: config.policy.max_reuse,
    };
    Ok((engine, policy))
}

/// The drop's texts the report quotes: the drop articles of its findings, and for JSON every
/// `.txt` article of the drop (for line numbers).
fn drop_texts(run: &CheckRun, corpus: &Corpus, names: &FieldNames, format: CheckFormat) -> Texts {
    let mut wanted: Vec<usize> = run
        .drop_findings()
        .into_iter()
        .flat_map(|i| run.analysis.classification.findings[i].members.iter())
        .map(|m| m.article.get())
        .filter(|&a| run.is_drop(a))
        .collect();
    if format == CheckFormat::Json {
        wanted.extend(
            (0..run.drop_articles).filter(|&a| run.analysis.store.articles[a].location.line == 0),
        );
    }
    wanted.sort_unstable();
    wanted.dedup();
    let locs: Vec<_> = wanted
        .iter()
        .map(|&i| (i, run.analysis.store.articles[i].location.clone()))
        .collect();
    Texts::new(load_texts(corpus, names, &locs))
}

/// Appends the step summary to the file GITHUB_STEP_SUMMARY names, when it names one.
fn append_step_summary(report: &CiReport) -> Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    crate::output::append(Path::new(&path), "GITHUB_STEP_SUMMARY", |w| {
        ci::write_step_summary(w, report)
    })
}

/// Runs `check`.
pub fn run(ctx: &RunContext, args: CheckArgs) -> Result<Outcome> {
    let (engine, policy) = resolve(ctx, &args)?;
    let mut index = if args.add {
        Index::open_writable(&args.index, &engine.config)?
    } else {
        Index::open(&args.index, &engine.config)?
    };
    let checked = check_drop(ctx, &args, &index, &engine)?;
    let pass = write_report(&args, &index, &policy, &checked)?;
    if !checked.run.already_indexed.is_empty() {
        ctx.note(&format!(
            "reprint: {} drop articles are already in the index; they were compared with the rest of it",
            checked.run.already_indexed.len()
        ));
    }
    if args.add {
        add_drop(ctx, &args, &mut index, &checked)?;
    }
    Ok(if pass || args.exit_zero {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

/// A drop read and checked: what the report and `--add` both need.
struct Checked {
    corpus: Corpus,
    run: CheckRun,
    /// The input's field names, to read the drop's texts again.
    names: FieldNames,
    /// The drop's files as messages name them.
    paths: Vec<String>,
}

/// Reads the drop and compares it with the index and with itself, reporting every problem
/// on the way. The drop's read errors are put first among the run's errors, so that the
/// report lists them in the order they were met.
fn check_drop(
    ctx: &RunContext,
    args: &CheckArgs,
    index: &Index,
    engine: &Engine,
) -> Result<Checked> {
    let mut errors = Vec::new();
    let corpus = Corpus::discover_as(&args.paths, args.input.stdin(), &mut errors)?;
    // A drop is checked whole or it does not pass: files it holds that reprint cannot read
    // are errors here, not warnings.
    errors.extend(
        corpus
            .unread
            .iter()
            .map(|p| RecordError::file(&p.display().to_string(), reprint_core::UNREAD)),
    );
    for e in &errors {
        ctx.report(&e.to_string());
    }
    let mut run = check(index, &corpus, engine, &ctx.bar)?;
    ctx.bar.finish();
    for e in &run.analysis.errors {
        ctx.report(&e.to_string());
    }
    run.analysis.errors.splice(0..0, errors);
    super::audit::warn_bad_dates(
        ctx,
        &corpus,
        &run.analysis.store.articles[..run.drop_articles],
    );
    if run.drop_articles == 0 {
        ctx.report("no articles found in the drop");
    }
    Ok(Checked {
        names: FieldNames::from(&engine.config.input),
        paths: corpus.files.iter().map(|f| f.display.clone()).collect(),
        corpus,
        run,
    })
}

/// Writes the report in the chosen format (and the GitHub step summary); returns whether the
/// drop passed the policy.
fn write_report(
    args: &CheckArgs,
    index: &Index,
    policy: &Policy,
    checked: &Checked,
) -> Result<bool> {
    let Checked {
        corpus,
        run,
        names,
        paths,
    } = checked;
    let format = args.output.format;
    let texts = drop_texts(run, corpus, names, format);
    let info = IndexInfo {
        path: args.index.display().to_string(),
        articles: index.store().counts()?.0,
    };
    let report = CiReport::new(run, policy, info, paths.clone(), &texts);
    let render = |w: &mut dyn Write| -> std::io::Result<()> {
        match format {
            CheckFormat::Text => ci::write_text(w, &report),
            CheckFormat::Json => ci::write_json(w, &report, &texts),
            CheckFormat::Github => ci::write_github(w, &report),
            CheckFormat::Sarif => ci::write_sarif(w, &report),
        }
    };
    args.output.output().write(render)?;
    if format == CheckFormat::Github {
        append_step_summary(&report)?;
    }
    Ok(report.verdict.pass)
}

/// `--add`: adds the drop to the index once it was checked (and reported), whatever the
/// verdict, so that the next drop is compared with this one too.
fn add_drop(
    ctx: &RunContext,
    args: &CheckArgs,
    index: &mut Index,
    checked: &Checked,
) -> Result<()> {
    let Checked {
        corpus,
        run,
        names,
        paths,
    } = checked;
    ctx.bar.stage("index", None);
    index.begin_write()?;
    let added = index.add(
        &run.analysis.store,
        0..run.drop_articles,
        paths,
        &mut |locs| load_texts(corpus, names, locs),
    )?;
    index.commit()?;
    ctx.bar.finish();
    super::index::note_added(ctx, &args.index.display().to_string(), &added);
    Ok(())
}
