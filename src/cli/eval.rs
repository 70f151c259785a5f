//! `reprint eval PATH...`: runs the audit on a labelled corpus and scores it against the
//! labels (see [`reprint_eval`] for what is scored and [`reprint_eval::load_labels`] for the label
//! formats).

use super::{InputArgs, Outcome, OutputArgs, RunContext};
use crate::output::Output;
use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};
use reprint_core::Analysis;
use reprint_core::Engine;
use reprint_core::Progress;
use reprint_core::analyze;
use reprint_core::{Corpus, FieldNames, load_texts};
use reprint_eval::Labels;
use reprint_eval::{EvalOptions, Report, evaluate};
use reprint_eval::{LabelFormat, LabelSpec, detect_labels, load_labels};
use reprint_eval::{write_json, write_text};
use reprint_report::excerpt;
use std::io::Write;
use std::path::PathBuf;

/// Output formats of `eval`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    /// A table of figures.
    #[default]
    Text,
    /// One JSON document (schema reprint.eval/1).
    Json,
}

/// Arguments of `eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The corpus. A folder holding labels is read as a labelled corpus: the synthetic
    /// generator's output (corpus.jsonl with truth_paragraphs.tsv and truth.jsonl), a
    /// development set (articles.jsonl with clusters.jsonl, pairs.tsv or spans.jsonl), or any
    /// corpus folder with reprint's own labels.jsonl; the label files are not read as
    /// articles. Otherwise the paths are read as by `audit`, and --labels names the labels.
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Labels to score against, as FORMAT:PATH (repeatable): reprint (labels.jsonl), gen
    /// (truth folder or file), clusters (article clusters), pairs (pairs.tsv), spans (Usenet
    /// spans.jsonl) or set (a development-set folder).
    #[arg(long = "labels", value_name = "FORMAT:PATH")]
    pub labels: Vec<LabelSpec>,
    /// The synthetic generator's truth folder; the same as --labels gen:DIR.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub truth: Option<PathBuf>,
    /// Where the report goes and in what format.
    #[command(flatten)]
    pub output: OutputArgs<EvalFormat>,
    /// Show up to N examples of misses and false positives per score, with their text.
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub examples: usize,
    /// Also write the labels, converted to reprint's own format, to this file.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub export_labels: Option<PathBuf>,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// The corpus and the labels, once the paths are resolved.
struct Resolved {
    corpus: Corpus,
    labels: Labels,
}

fn resolve(ctx: &RunContext, args: &EvalArgs) -> Result<Resolved> {
    let mut specs = args.labels.clone();
    if let Some(t) = &args.truth {
        specs.push(LabelSpec {
            format: LabelFormat::Gen,
            path: t.clone(),
        });
    }
    let mut errors = Vec::new();
    let mut corpus = Corpus::discover_as(&args.paths, args.input.stdin(), &mut errors)?;
    for e in &errors {
        ctx.report(&e.to_string());
    }
    // The folder's own label and note files are not articles, as in `audit`.
    super::audit::keep_labelled_articles(ctx, &args.paths, &mut corpus);
    if let [dir] = args.paths.as_slice() {
        if let Some(found) = detect_labels(dir).filter(|_| dir.is_dir()) {
            if specs.is_empty() {
                specs.push(found);
            }
        }
    }
    super::audit::warn_unread(ctx, &corpus);
    if specs.is_empty() {
        bail!(
            "no labels: pass --labels FORMAT:PATH, --truth DIR, or a folder that holds labels \
             (labels.jsonl, truth_paragraphs.tsv/truth.jsonl, clusters.jsonl, pairs.tsv or spans.jsonl)"
        );
    }
    let mut labels = Labels::default();
    for s in &specs {
        let part =
            load_labels(s).with_context(|| format!("reading labels {}", s.path.display()))?;
        labels.merge(part);
    }
    if labels.is_empty() {
        ctx.note("reprint: warning: the labels hold nothing to score");
    }
    Ok(Resolved { corpus, labels })
}

/// Bytes of an example's text quoted, at most.
const EXAMPLE_BYTES: usize = 240;

/// Reads the texts of the articles the examples point at and quotes them.
fn fill_excerpts(report: &mut Report, corpus: &Corpus, engine: &Engine, a: &Analysis) {
    let mut wanted: Vec<usize> = report
        .examples
        .iter()
        .flat_map(|e| e.items.iter().map(|i| i.article_index as usize))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let locs: Vec<_> = wanted
        .iter()
        .map(|&i| (i, a.store.articles[i].location.clone()))
        .collect();
    let texts = load_texts(corpus, &FieldNames::from(&engine.config.input), &locs);
    for e in &mut report.examples {
        for it in &mut e.items {
            if let Some(t) = texts.get(&(it.article_index as usize)) {
                it.excerpt = Some(excerpt(t, it.start, it.end, EXAMPLE_BYTES));
            }
        }
    }
}

/// Runs `eval`.
pub fn run(ctx: &RunContext, args: EvalArgs) -> Result<Outcome> {
    let engine = super::engine(ctx, &args.input, |_| Ok(()))?;
    let Resolved { corpus, labels } = resolve(ctx, &args)?;
    if let Some(p) = &args.export_labels {
        Output::to(p).write(|w| labels.write_jsonl(w))?;
    }
    let analysis = analyze(&corpus, &engine, &ctx.bar);
    ctx.bar.finish();
    for e in &analysis.errors {
        ctx.report(&e.to_string());
    }
    if analysis.store.articles.is_empty() {
        bail!("no articles found in the input");
    }
    let mut report = evaluate(
        &analysis,
        &labels,
        &EvalOptions {
            examples: args.examples,
        },
    );
    if report.unresolved.count > 0 {
        ctx.report(&format!(
            "{} label references name articles or paragraphs the corpus does not hold (e.g. {})",
            report.unresolved.count,
            report.unresolved.examples.join(", ")
        ));
    }
    if !report.examples.is_empty() {
        fill_excerpts(&mut report, &corpus, &engine, &analysis);
    }
    let render = |w: &mut dyn Write| -> std::io::Result<()> {
        match args.output.format {
            EvalFormat::Text => write_text(w, &report),
            EvalFormat::Json => write_json(w, &report),
        }
    };
    args.output.output().write(render)?;
    Ok(Outcome::Clean)
}
