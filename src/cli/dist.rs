//! `reprint dist`: what a distributed run needs around the kernels. `assemble` joins the parts
//! `reprint kernel finish --parts` wrote into the one JSON document `reprint audit` writes.
//!
//! The parts of a folder: `head.json` (the document up to its findings), `findings-NNNNN.jsonl`
//! (the findings, one a line, as `reprint audit --format jsonl` writes them, excerpts and all:
//! the document holds them without), `tail.json` (the rest), and `parts.json`, which says how
//! many findings and parts there are, so a part lost on the way is an error, not a shorter
//! report.

use super::{Outcome, RunContext};
use crate::output::{Output, write_folder_atomically};
use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use reprint_core::Analysis;
use reprint_report::{
    Excerpts, Summary, item_separator, without_excerpts, write_json_head, write_json_tail,
    write_jsonl_range,
};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

/// Arguments of `dist`.
#[derive(Debug, Args)]
pub struct DistArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: DistAction,
}

/// The actions of `dist`.
#[derive(Debug, Subcommand)]
pub enum DistAction {
    /// Join the parts of a distributed run's JSON audit into one document.
    Assemble {
        /// The folder `reprint kernel finish --parts` wrote.
        #[arg(value_name = "PARTS", value_hint = clap::ValueHint::DirPath)]
        parts: PathBuf,
        /// Write the document here (atomically) instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
        out: Option<PathBuf>,
    },
}

/// The file a parts folder is recognised by (and may be replaced for).
const MARKER: &str = ".reprint-parts";
const MANIFEST: &str = "parts.json";
const HEAD: &str = "head.json";
const TAIL: &str = "tail.json";

fn part_name(i: usize) -> String {
    format!("findings-{i:05}.jsonl")
}

/// Writes the JSON audit of `a` as parts into `dir`, `per_part` findings a part.
pub fn write_parts(
    dir: &Path,
    per_part: usize,
    a: &Analysis,
    summary: &Summary,
    paths: &[String],
    excerpts: &Excerpts,
) -> Result<()> {
    let per_part = per_part.max(1);
    let n = a.classification.findings.len();
    let n_parts = n.div_ceil(per_part);
    write_folder_atomically(dir, MARKER, |tmp| {
        let file = |name: &str| -> std::io::Result<std::io::BufWriter<std::fs::File>> {
            Ok(std::io::BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(tmp.join(name))?,
            ))
        };
        let mut w = file(HEAD)?;
        write_json_head(&mut w, a, summary, paths)?;
        w.flush()?;
        for p in 0..n_parts {
            let mut w = file(&part_name(p))?;
            write_jsonl_range(
                &mut w,
                a,
                excerpts,
                p * per_part..((p + 1) * per_part).min(n),
            )?;
            w.flush()?;
        }
        let mut w = file(TAIL)?;
        write_json_tail(&mut w, a)?;
        w.flush()?;
        let manifest = serde_json::json!({
            "schema": "reprint.audit/1",
            "findings": n,
            "parts": n_parts,
        });
        std::fs::write(tmp.join(MANIFEST), format!("{manifest}\n"))
    })?;
    Ok(())
}

/// Runs `dist`.
pub fn run(_ctx: &RunContext, args: DistArgs) -> Result<Outcome> {
    match args.action {
        DistAction::Assemble { parts, out } => {
            let (findings, n_parts) = manifest(&parts)?;
            Output::of(out.as_deref()).write(|w| assemble(&parts, findings, n_parts, w))?;
            Ok(Outcome::Clean)
        }
    }
}

/// The number of findings and of parts a parts folder says it holds.
fn manifest(dir: &Path) -> Result<(u64, usize)> {
    if !dir.join(MARKER).is_file() {
        bail!(
            "{}: not a folder of parts (`reprint kernel finish --parts` writes them)",
            dir.display()
        );
    }
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    let v: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))?;
    let (Some(findings), Some(parts)) = (v["findings"].as_u64(), v["parts"].as_u64()) else {
        bail!("{}: no counts of findings and parts", path.display());
    };
    Ok((findings, usize::try_from(parts)?))
}

/// Writes the document: the head, the findings of every part in order (without their
/// excerpts), the tail. Each finding line must be a whole line; the count must be the
/// manifest's.
fn assemble(dir: &Path, findings: u64, n_parts: usize, w: &mut dyn Write) -> std::io::Result<()> {
    let bad = |path: &Path, why: String| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("{}: {why}", path.display()),
        )
    };
    let open = |path: &Path| {
        std::fs::File::open(path)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    };
    std::io::copy(&mut open(&dir.join(HEAD))?, w)?;
    let mut i = 0usize;
    let (mut line, mut plain) = (Vec::new(), Vec::new());
    for p in 0..n_parts {
        let path = dir.join(part_name(p));
        let mut r = BufReader::with_capacity(1 << 20, open(&path)?);
        loop {
            line.clear();
            if r.read_until(b'\n', &mut line)? == 0 {
                break;
            }
            if line.pop() != Some(b'\n') {
                return Err(bad(&path, "ends inside a line (cut short?)".into()));
            }
            plain.clear();
            without_excerpts(&line, &mut plain);
            w.write_all(item_separator(i))?;
            w.write_all(&plain)?;
            i += 1;
        }
    }
    if i as u64 != findings {
        return Err(bad(
            &dir.join(MANIFEST),
            format!("says {findings} findings, the parts hold {i}"),
        ));
    }
    std::io::copy(&mut open(&dir.join(TAIL))?, w)?;
    Ok(())
}
