//! `reprint report PATH... --html OUT`: the browsable HTML report of a corpus.
//!
//! One page for a small corpus; a folder (`OUT/index.html` and its pages) once the corpus has
//! more than `--split-above` articles, or when OUT is an existing report folder or does not end
//! in `.html`. Either is written atomically.

use super::{InputArgs, Outcome, RunContext};
use crate::output::{FolderPages, Output};
use anyhow::{Result, bail};
use clap::Args;
use reprint_core::model::Location;
use reprint_core::{Corpus, FieldNames, for_each_text, load_texts};
use reprint_report::{CorpusHtml, HTML_MARKER, HtmlOptions, TextSource};
use reprint_report::{Summary, Texts};
use std::path::{Path, PathBuf};

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Folders (walked recursively), .txt files (one article each), JSON lines or one JSON
    /// array of records (.jsonl, .ndjson, .json, each also as .gz or .zst), .parquet files (one
    /// article a row), or - for standard input (see --stdin-format).
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Where to write the report: one page, or a folder holding index.html when the corpus has
    /// more than --split-above articles (or OUT is a report folder or does not end in .html);
    /// - writes one page to standard output.
    #[arg(long, required = true, value_name = "OUT", value_hint = clap::ValueHint::AnyPath)]
    pub html: PathBuf,
    /// Largest corpus, in articles, written as a single page.
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub split_above: usize,
    /// Articles per article page of a folder report.
    #[arg(long, default_value_t = 500, value_name = "N")]
    pub page_size: usize,
    /// Clusters listed with all their members, largest first.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub top_clusters: usize,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Article texts read again from the corpus, in input order.
struct CorpusTexts<'c> {
    corpus: &'c Corpus,
    names: FieldNames,
    locs: Vec<(usize, Location)>,
}

impl TextSource for CorpusTexts<'_> {
    fn each(&mut self, f: &mut dyn FnMut(usize, String)) {
        for_each_text(self.corpus, &self.names, &self.locs, f);
    }
}

/// Whether OUT is to be a folder.
fn wants_folder(out: &Path, articles: usize, split_above: usize) -> bool {
    let html_name = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    // `-` is standard output: one page.
    out.as_os_str() != "-" && (articles > split_above || out.is_dir() || !html_name)
}

/// Runs `report`.
pub fn run(ctx: &RunContext, args: ReportArgs) -> Result<Outcome> {
    if args.page_size == 0 {
        bail!("--page-size must be at least 1");
    }
    let engine = super::engine(ctx, &args.input, |_| Ok(()))?;
    let (corpus, analysis) =
        super::audit::read_and_analyze(ctx, &args.paths, &args.input, &engine)?;
    let summary = Summary::of(&analysis);
    let inputs: Vec<String> = args.paths.iter().map(|p| p.display().to_string()).collect();
    let files: Vec<String> = corpus.files.iter().map(|f| f.display.clone()).collect();
    let folder = wants_folder(&args.html, analysis.store.articles.len(), args.split_above);
    let opts = HtmlOptions {
        folder,
        page_articles: args.page_size,
        top_clusters: args.top_clusters,
        ..HtmlOptions::default()
    };
    let names = FieldNames::from(&engine.config.input);
    let mut html = CorpusHtml::new(&analysis, &summary, &inputs, &files, opts);
    let quoted: Vec<(usize, Location)> = html
        .quoted_articles()
        .into_iter()
        .map(|i| (i, analysis.store.articles[i].location.clone()))
        .collect();
    html.set_quotes(Texts::new(load_texts(&corpus, &names, &quoted)));
    let mut texts = CorpusTexts {
        corpus: &corpus,
        names,
        locs: analysis
            .store
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (i, a.location.clone()))
            .collect(),
    };
    let mut written = None;
    if folder {
        crate::output::write_folder_atomically(&args.html, HTML_MARKER, |dir| {
            written = Some(html.write_folder(&mut FolderPages(dir), &mut texts)?);
            Ok(())
        })?;
    } else {
        Output::to(&args.html).write(|w| {
            written = Some(html.write_single(w, &mut texts)?);
            Ok(())
        })?;
    }
    let written = written.unwrap_or_default();
    for &i in &written.missing {
        let art = &analysis.store.articles[i];
        let file = &corpus.files[art.location.file as usize].display;
        ctx.report(&format!(
            "{file}: article \"{}\" could not be read again; the report shows it without text",
            art.meta.id
        ));
    }
    let shown = if folder {
        args.html.join("index.html")
    } else {
        args.html.clone()
    };
    let shown = if shown.as_os_str() == "-" {
        "to standard output".to_string()
    } else {
        shown.display().to_string()
    };
    ctx.note(&format!(
        "reprint: wrote {shown} ({} page{})",
        written.pages,
        if written.pages == 1 { "" } else { "s" }
    ));
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_corpora_and_folder_names_get_folders() {
        assert!(!wants_folder(Path::new("out.html"), 10, 1000));
        assert!(!wants_folder(Path::new("out.HTM"), 10, 1000));
        assert!(wants_folder(Path::new("out.html"), 1001, 1000));
        assert!(wants_folder(Path::new("report"), 10, 1000));
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("r.html");
        std::fs::create_dir(&dir).unwrap();
        assert!(wants_folder(&dir, 10, 1000));
    }
}
