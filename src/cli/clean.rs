//! `reprint clean PATH... --out FILE`: the corpus as JSONL with the chosen kinds cut out, and
//! a removal log that restores the original. `--out -` streams the corpus to standard output
//! (the log then goes only where `--log` says); a `.gz` or `.zst` name is written compressed.

use super::{InputArgs, Outcome, RunContext};
use crate::output::{AtomicFile, read_back};
use anyhow::{Context, Result, bail};
use clap::Args;
use reprint_core::Progress;
use reprint_core::model::FindingKind;
use reprint_core::{Compression, FieldNames};
use reprint_core::{CutKind, DropSet};
use reprint_core::{DEFAULT_DROP, droppable, plan_clean, verify_clean, write_clean, write_summary};
use std::path::{Path, PathBuf};

/// Arguments of `clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Folders (walked recursively), .txt files (one article each), JSON lines or one JSON
    /// array of records (.jsonl, .ndjson, .json, each also as .gz or .zst), .parquet files (one
    /// article a row), or - for standard input (see --stdin-format).
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Write the cleaned corpus here, as JSONL (one article a line, written atomically;
    /// compressed when the name ends in .gz or .zst), or to standard output with -.
    #[arg(long, short = 'o', value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub out: PathBuf,
    /// Kinds to cut, comma-separated: boilerplate, aggregator_footer, internal_duplicate (the
    /// first occurrence stays), syndicated_article, duplicate_article (later copies are
    /// dropped whole, the origin stays), caption (a short paragraph holding a picture's
    /// credit), headline (the text's first paragraph, when it reads as one).
    #[arg(
        long,
        value_name = "KINDS",
        value_delimiter = ',',
        value_parser = parse_kind,
        default_values = DEFAULT_DROP.map(CutKind::name)
    )]
    pub drop: Vec<CutKind>,
    /// Write the removal log here (JSONL, one line per cut). Default: next to the output,
    /// named after it (`clean.jsonl` logs to `clean.removed.jsonl`, `clean.jsonl.gz` to
    /// `clean.removed.jsonl.gz`); none when the output is standard output.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub log: Option<PathBuf>,
    /// After writing, read the output and the log back and check for every article that the
    /// cleaned text with the logged pieces put back is the original.
    #[arg(long)]
    pub verify: bool,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// Verification problems printed before the rest are only counted.
const MAX_VERIFY_PROBLEMS: usize = 20;

fn parse_kind(s: &str) -> Result<CutKind, String> {
    let names = || {
        FindingKind::ALL
            .iter()
            .filter(|k| droppable(**k))
            .map(|k| k.name())
            .chain([CutKind::Caption.name(), CutKind::Headline.name()])
            .collect::<Vec<_>>()
            .join(", ")
    };
    match CutKind::parse(s) {
        Some(CutKind::Finding(k)) if !droppable(k) => Err(format!(
            "{k} cannot be cut: its members include the original text; cut later whole copies \
             with syndicated_article or duplicate_article (one of: {})",
            names()
        )),
        Some(k) => Ok(k),
        None => Err(format!("unknown kind `{s}` (one of: {})", names())),
    }
}

/// The log's default path: `NAME.removed.jsonl` next to `NAME.jsonl`, compressed as the
/// output is (`NAME.jsonl.gz` logs to `NAME.removed.jsonl.gz`).
pub fn default_log_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "clean".into());
    let (name, packed) = Compression::split_name(&name);
    let stem = name
        .strip_suffix(".jsonl")
        .or_else(|| name.strip_suffix(".ndjson"))
        .unwrap_or(name);
    out.with_file_name(format!("{stem}.removed.jsonl{}", packed.suffix()))
}

/// Whether a path names standard output.
fn is_stdout(p: &Path) -> bool {
    p.as_os_str() == "-"
}

/// Refuses outputs that would overwrite an input or be read as part of the corpus, both
/// outputs on standard output, and `--verify` of an output it cannot read back.
fn check_outputs(inputs: &[PathBuf], out: &Path, log: Option<&Path>, verify: bool) -> Result<()> {
    if verify && (is_stdout(out) || log.is_none_or(is_stdout)) {
        bail!(
            "--verify reads the cleaned corpus and the removal log back, so both must be \
             files, not standard output"
        );
    }
    let files: Vec<(&str, &Path)> = [("--out", Some(out)), ("--log", log)]
        .into_iter()
        .filter_map(|(flag, p)| Some((flag, p?)))
        .collect();
    if files.iter().filter(|(_, p)| is_stdout(p)).count() > 1 {
        bail!("--out and --log cannot both be standard output; give the log a file name");
    }
    let files: Vec<(&str, &Path, PathBuf)> = files
        .into_iter()
        .filter(|(_, p)| !is_stdout(p))
        .map(|(flag, p)| (flag, p, reprint_core::absolute(p)))
        .collect();
    if let [(_, out, a), (_, _, b)] = files.as_slice() {
        if a == b {
            bail!("--out and --log are the same file ({})", out.display());
        }
    }
    for input in inputs.iter().filter(|p| !is_stdout(p)) {
        let Ok(input_abs) = input.canonicalize() else {
            continue;
        };
        for (flag, target, abs) in &files {
            if *abs == input_abs {
                bail!(
                    "{flag} {} is an input file; write the cleaned corpus elsewhere",
                    target.display()
                );
            }
            if input_abs.is_dir() && abs.starts_with(&input_abs) {
                bail!(
                    "{flag} {} lies inside the input folder {}, where it would be read as part \
                     of the corpus; write it elsewhere",
                    target.display(),
                    input.display()
                );
            }
        }
    }
    Ok(())
}

/// Runs `clean`.
pub fn run(ctx: &RunContext, args: CleanArgs) -> Result<Outcome> {
    let engine = super::engine(ctx, &args.input, |_| Ok(()))?;
    // Standard output carries the corpus alone: its log goes only where --log says.
    let log_path = match &args.log {
        Some(p) => Some(p.clone()),
        None if is_stdout(&args.out) => None,
        None => Some(default_log_path(&args.out)),
    };
    check_outputs(&args.paths, &args.out, log_path.as_deref(), args.verify)?;
    let drop = DropSet::of(&args.drop);

    let (corpus, analysis) =
        super::audit::read_and_analyze(ctx, &args.paths, &args.input, &engine)?;
    let plan = plan_clean(&analysis, drop);
    let names = FieldNames::from(&engine.config.input);
    let mut out = AtomicFile::create(&args.out)?;
    let mut log = log_path.as_deref().map(AtomicFile::create).transpose()?;
    let mut no_log = std::io::sink();
    let (summary, problems) = write_clean(
        &corpus,
        &analysis,
        &plan,
        &names,
        out.writer(),
        log.as_mut().map_or(&mut no_log, |l| l.writer()),
        &ctx.bar,
    )
    .with_context(|| format!("writing {}", args.out.display()))?;
    ctx.bar.finish();
    if let Some(log) = log {
        log.commit()?;
    }
    out.commit()?;
    let mut shown = super::audit::ShownErrors::default();
    for p in &problems {
        shown.report(ctx, p);
    }
    shown.finish(ctx);
    let mut text = Vec::new();
    write_summary(&mut text, &summary, drop)?;
    ctx.note(String::from_utf8_lossy(&text).trim_end());
    let out_name = if is_stdout(&args.out) {
        "the cleaned corpus to standard output".to_string()
    } else {
        args.out.display().to_string()
    };
    ctx.note(&match &log_path {
        Some(l) if is_stdout(l) => {
            format!("wrote {out_name}, and the removal log to standard output")
        }
        Some(l) => format!("wrote {out_name} and the removal log {}", l.display()),
        None => format!("wrote {out_name}; no removal log (give --log FILE to keep one)"),
    });

    if let (true, Some(log_path)) = (args.verify, &log_path) {
        let open = |p: &Path| read_back(p).with_context(|| format!("reading {}", p.display()));
        let (mut o, mut l) = (open(&args.out)?, open(log_path)?);
        let report = verify_clean(&corpus, &analysis, &plan, &names, &mut o, &mut l);
        for p in report.problems.iter().take(MAX_VERIFY_PROBLEMS) {
            ctx.report(&format!("verify: {p}"));
        }
        if report.problems.is_empty() {
            ctx.note(&format!(
                "verified: for all {} articles written, cleaned text + removal log == original; \
                 {} dropped articles are whole in the log",
                report.articles, report.dropped
            ));
        } else {
            ctx.report(&format!(
                "verify failed: {} problems (the first {} are above)",
                report.problems.len(),
                report.problems.len().min(MAX_VERIFY_PROBLEMS)
            ));
        }
    }
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_path_sits_next_to_the_output() {
        assert_eq!(
            default_log_path(Path::new("out/clean.jsonl")),
            PathBuf::from("out/clean.removed.jsonl")
        );
        assert_eq!(
            default_log_path(Path::new("x")),
            PathBuf::from("x.removed.jsonl")
        );
    }

    #[test]
    fn kinds_parse_and_reuse_is_refused() {
        assert_eq!(
            parse_kind("boilerplate"),
            Ok(CutKind::Finding(FindingKind::Boilerplate))
        );
        assert_eq!(parse_kind("caption"), Ok(CutKind::Caption));
        assert_eq!(parse_kind("headline"), Ok(CutKind::Headline));
        assert!(
            parse_kind("reused_wording")
                .unwrap_err()
                .contains("cannot be cut")
        );
        assert!(parse_kind("nope").unwrap_err().contains("unknown kind"));
    }
}
