//! `reprint diff A B`: two articles side by side, in the terminal or as an HTML page.
//!
//! A and B are `.txt` files, JSONL files holding one article, `FILE.jsonl#ID`, or (with
//! `--corpus`) article ids. The pipeline runs on the files A and B come from, or on the whole
//! `--corpus`, so that paragraphs carry the kinds that corpus gives them.

use super::{InputArgs, Outcome, RunContext};
use crate::output::Output;
use anyhow::{Context, Result, bail};
use clap::Args;
use reprint_core::Analysis;
use reprint_core::model::ArticleIdx;
use reprint_core::{Corpus, FieldNames, load_texts};
use reprint_core::{Diff, DiffArticle, DiffConfig, shared_spans_between};
use reprint_report::write_diff_html;
use reprint_report::{TermOptions, write_diff_text};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Article A (left): a .txt file, a .jsonl file holding one article, FILE.jsonl#ID, or
    /// with --corpus an article id.
    #[arg(value_name = "A")]
    pub a: String,
    /// Article B (right), given like A.
    #[arg(value_name = "B")]
    pub b: String,
    /// Find A and B by id in this corpus (folders, .txt and .jsonl files), whose pipeline run
    /// also gives the paragraphs their kinds. Give it after A and B.
    #[arg(long, value_name = "PATH", num_args = 1.., value_hint = clap::ValueHint::AnyPath)]
    pub corpus: Vec<PathBuf>,
    /// Find A and B by id in this index (built by `reprint index add`): each is read again
    /// from the file it was added from, and the pipeline runs on those files.
    #[arg(long, value_name = "DB", conflicts_with = "corpus", value_hint = clap::ValueHint::FilePath)]
    pub index: Option<PathBuf>,
    /// Write the view as a self-contained HTML page (atomically) instead of to the terminal.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub html: Option<PathBuf>,
    /// Width of the terminal view in columns (default: the terminal's width, else 120).
    #[arg(long, value_name = "N")]
    pub width: Option<usize>,
    /// Least word similarity (0 to 1) for two paragraphs to be aligned; a shared run of 8 or
    /// more words aligns them whatever their similarity.
    #[arg(long, default_value_t = 0.5, value_name = "X")]
    pub min_similarity: f32,
    /// How input records are read.
    #[command(flatten)]
    pub input: InputArgs,
}

/// An article as named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ArticleRef {
    /// A file, and the id of one of its articles when given as `FILE#ID`.
    File { path: PathBuf, id: Option<String> },
    /// An id to look up in `--corpus`.
    Id(String),
}

/// Reads `A`/`B`: an existing path, `FILE#ID` with an existing file, or an id when a corpus is
/// given.
fn parse_ref(s: &str, with_corpus: bool) -> Result<ArticleRef> {
    if Path::new(s).exists() {
        return Ok(ArticleRef::File {
            path: PathBuf::from(s),
            id: None,
        });
    }
    if let Some((file, id)) = s.rsplit_once('#') {
        if Path::new(file).is_file() {
            return Ok(ArticleRef::File {
                path: PathBuf::from(file),
                id: Some(id.to_string()),
            });
        }
    }
    if with_corpus {
        return Ok(ArticleRef::Id(s.to_string()));
    }
    bail!("{s}: no such file (to name an article by its id, give --corpus PATH...)")
}

/// Reads `A`/`B` with `--index`: a file or `FILE#ID` as without it, else an id the index
/// knows, named by the file (and line) it was added from.
fn ref_from_index(
    index: &reprint_index::Index,
    db: &Path,
    s: &str,
    name: &str,
) -> Result<ArticleRef> {
    if let Ok(r) = parse_ref(s, false) {
        return Ok(r);
    }
    let shown = db.display();
    let Some((file, line)) = index.article_place(s)? else {
        bail!("{name}: no article with id \"{s}\" in the index {shown}");
    };
    let Some(file) = file else {
        bail!("{name}: article \"{s}\" of the index {shown} was not added from a file");
    };
    let path = PathBuf::from(&file);
    if !path.is_file() {
        bail!(
            "{name}: article \"{s}\" was added to {shown} from {file}, which can no longer be read"
        );
    }
    Ok(ArticleRef::File {
        path,
        id: (line > 0).then(|| s.to_string()),
    })
}

fn canonical(p: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(p).with_context(|| format!("{}", p.display()))
}

/// Finds the article a reference names.
fn locate(corpus: &Corpus, a: &Analysis, r: &ArticleRef, name: &str) -> Result<usize> {
    match r {
        ArticleRef::Id(id) => {
            if let Some(i) = a.store.articles.iter().position(|x| &x.meta.id == id) {
                return Ok(i);
            }
            let like: Vec<&str> = a
                .store
                .articles
                .iter()
                .map(|x| x.meta.id.as_str())
                .filter(|x| x.contains(id.as_str()))
                .take(5)
                .collect();
            if like.is_empty() {
                bail!("{name}: no article with id \"{id}\" in the corpus")
            }
            bail!(
                "{name}: no article with id \"{id}\" in the corpus (similar ids: {})",
                like.join(", ")
            )
        }
        ArticleRef::File { path, id } => {
            let want = canonical(path)?;
            let file = corpus
                .files
                .iter()
                .position(|f| f.path == *path)
                .or_else(|| {
                    corpus
                        .files
                        .iter()
                        .position(|f| std::fs::canonicalize(&f.path).is_ok_and(|c| c == want))
                })
                .with_context(|| {
                    format!(
                        "{name}: {} is not a .txt or .jsonl file of the input",
                        path.display()
                    )
                })?;
            let in_file: Vec<usize> = (0..a.store.articles.len())
                .filter(|&i| a.store.articles[i].location.file as usize == file)
                .collect();
            let shown = path.display();
            match id {
                Some(id) => in_file
                    .iter()
                    .copied()
                    .find(|&i| &a.store.articles[i].meta.id == id)
                    .with_context(|| format!("{name}: no article with id \"{id}\" in {shown}")),
                None => match in_file.as_slice() {
                    [one] => Ok(*one),
                    [] => bail!("{name}: {shown} holds no readable article"),
                    many => {
                        let ids: Vec<&str> = many
                            .iter()
                            .take(5)
                            .map(|&i| a.store.articles[i].meta.id.as_str())
                            .collect();
                        bail!(
                            "{name}: {shown} holds {} articles; name one as {shown}#ID (ids: {}{})",
                            many.len(),
                            ids.join(", "),
                            if many.len() > 5 { ", …" } else { "" }
                        )
                    }
                },
            }
        }
    }
}

/// The paths to read: the corpus, plus the files of A and B that are not inside it.
fn input_paths(corpus: &[PathBuf], refs: &[&ArticleRef]) -> Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = corpus.to_vec();
    let mut roots: Vec<PathBuf> = Vec::new();
    for p in corpus {
        if let Ok(c) = std::fs::canonicalize(p) {
            roots.push(c);
        }
    }
    for r in refs {
        if let ArticleRef::File { path, .. } = r {
            if path.is_dir() {
                bail!(
                    "{}: a folder; give a .txt or .jsonl file (or an id with --corpus)",
                    path.display()
                );
            }
            let c = canonical(path)?;
            if !roots.iter().any(|root| c.starts_with(root)) {
                roots.push(c);
                paths.push(path.clone());
            }
        }
    }
    Ok(paths)
}

fn diff_article(corpus: &Corpus, a: &Analysis, i: usize, text: String) -> DiffArticle {
    let art = &a.store.articles[i];
    let place = corpus.place(art.location.file, art.location.line);
    DiffArticle {
        meta: art.meta.clone(),
        outlet: a.outlet_name(i).map(str::to_string),
        place,
        text,
        paras: art.paras().map(|p| a.store.paras[p].span).collect(),
        kinds: art
            .paras()
            .map(|p| a.classification.para_kinds[p])
            .collect(),
        declared: art.declared.clone(),
        found: Vec::new(),
    }
}

fn terminal_width() -> usize {
    if let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return w as usize;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(120)
}

/// Runs `diff`.
pub fn run(ctx: &RunContext, args: DiffArgs) -> Result<Outcome> {
    if !(0.0..=1.0).contains(&args.min_similarity) {
        bail!("--min-similarity must be between 0 and 1");
    }
    let engine = super::engine(ctx, &args.input, |_| Ok(()))?;
    let config = &engine.config;
    let diff_config = DiffConfig::default()
        .min_similarity(args.min_similarity)
        .min_run_words(config.spans.min_words)
        .passages(
            config
                .align
                .enabled
                .then(|| reprint_core::PassageRule::from(&config.align)),
        );
    let with_corpus = !args.corpus.is_empty();
    let (ra, rb) = match &args.index {
        Some(db) => {
            let index = reprint_index::Index::open(db, &engine.config)?;
            (
                ref_from_index(&index, db, &args.a, "A")?,
                ref_from_index(&index, db, &args.b, "B")?,
            )
        }
        None => (
            parse_ref(&args.a, with_corpus)?,
            parse_ref(&args.b, with_corpus)?,
        ),
    };
    let paths = input_paths(&args.corpus, &[&ra, &rb])?;
    let (corpus, analysis) = super::audit::read_and_analyze(ctx, &paths, &args.input, &engine)?;
    let ia = locate(&corpus, &analysis, &ra, "A")?;
    let ib = locate(&corpus, &analysis, &rb, "B")?;
    let locs: Vec<_> = [ia, ib]
        .iter()
        .map(|&i| (i, analysis.store.articles[i].location.clone()))
        .collect();
    let mut texts = load_texts(&corpus, &FieldNames::from(&engine.config.input), &locs);
    let mut text_of = |i: usize| {
        texts.remove(&i).with_context(|| {
            format!(
                "{}: could not be read again",
                analysis.store.articles[i].meta.id
            )
        })
    };
    let ta = text_of(ia)?;
    let tb = if ia == ib { ta.clone() } else { text_of(ib)? };
    let mut da = diff_article(&corpus, &analysis, ia, ta);
    let mut db = diff_article(&corpus, &analysis, ib, tb);
    (da.found, db.found) = shared_spans_between(
        &analysis.classification.findings,
        ArticleIdx(ia as u32),
        ArticleIdx(ib as u32),
    );
    let diff = Diff::new(da, db, &diff_config);
    match &args.html {
        Some(p) => {
            Output::to(p).write(|w| write_diff_html(w, &diff))?;
            ctx.note(&format!("reprint: wrote {}", p.display()));
        }
        None => write_terminal(ctx, args.width, &diff)?,
    }
    Ok(Outcome::Clean)
}

/// Writes the diff as text to standard output: `width` columns (else the terminal's, else
/// 120), coloured when standard output should be.
fn write_terminal(ctx: &RunContext, width: Option<usize>, diff: &Diff) -> Result<()> {
    let color = ctx.color_stdout();
    let width = width.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            terminal_width()
        } else {
            120
        }
    });
    Output::Stdout.write_styled(color, |w| {
        write_diff_text(w, diff, &TermOptions { width, color })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_files_file_ids_or_ids() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("x.jsonl");
        std::fs::write(&f, "{}\n").unwrap();
        let fs = f.to_str().unwrap();
        assert_eq!(
            parse_ref(fs, false).unwrap(),
            ArticleRef::File {
                path: f.clone(),
                id: None
            }
        );
        assert!(parse_ref(&format!("{fs}#a#b"), false).is_err());
        assert_eq!(
            parse_ref(&format!("{fs}#id-7"), false).unwrap(),
            ArticleRef::File {
                path: f.clone(),
                id: Some("id-7".into())
            }
        );
        assert_eq!(
            parse_ref("some-id", true).unwrap(),
            ArticleRef::Id("some-id".into())
        );
        let e = parse_ref("some-id", false).unwrap_err().to_string();
        assert!(e.contains("--corpus"), "{e}");
    }
}
