//! The command line: clap definitions (the doc comments are the help text), resolution of
//! flags and config files into one [`Config`], and dispatch to one module per subcommand.
//! Each subcommand module only wires library calls together.

pub mod audit;
pub mod check;
pub mod clean;
pub mod diff;
pub mod dist;
pub mod eval;
pub mod index;
#[cfg(feature = "kernels")]
pub mod kernel;
pub mod report;

use crate::output::Output;
use crate::progress::Bar;
use anyhow::{Context, Result};
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use reprint_core::Engine;
use reprint_core::config::Config;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// Finds duplicated and borrowed text in corpora of news articles: site boilerplate,
/// aggregator footers, reused wording across outlets, whole-article copies, and where each
/// piece of text came from.
#[derive(Debug, Parser)]
#[command(name = "reprint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Worker threads (default: all cores; at most 8 per core).
    #[arg(long, short = 'j', global = true, value_name = "N")]
    pub jobs: Option<usize>,
    /// Print nothing on stderr but errors.
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,
    /// Do not draw progress bars (they are hidden anyway when stderr is not a terminal).
    #[arg(long, global = true)]
    pub no_progress: bool,
    /// When to use colour; NO_COLOR in the environment means never unless `always` is given.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// A config file to use instead of the `reprint.toml` found from the current folder upward.
    #[arg(long, global = true, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub config: Option<PathBuf>,
    /// Ignore config files; use defaults and flags only.
    #[arg(long, global = true)]
    pub isolated: bool,
}

/// When to use colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read, fingerprint, match, cluster and classify a corpus; print a summary and findings.
    Audit(audit::AuditArgs),
    /// Write the corpus as JSONL with boilerplate, footers and internal duplicates (or the
    /// kinds given) cut out, and a removal log that restores the original.
    Clean(clean::CleanArgs),
    /// Check a drop of new articles against an index of those seen before (and against
    /// itself); exit 1 when it is over policy.
    Check(check::CheckArgs),
    /// Build, extend and inspect the persistent index `check` compares drops with.
    Index(index::IndexArgs),
    /// Run the audit on a labelled corpus and score it against the labels: precision and
    /// recall of paragraph clusters, of each kind, of reused spans, and of origins.
    Eval(eval::EvalArgs),
    /// Two articles side by side: paragraphs aligned, word edits marked, the original named.
    Diff(diff::DiffArgs),
    /// Write a browsable, self-contained HTML report of a corpus.
    Report(report::ReportArgs),
    /// The stages of an audit as kernels over Arrow IPC streams, for a distributed engine.
    #[cfg(feature = "kernels")]
    Kernel(kernel::KernelArgs),
    /// Join what a distributed run wrote (`dist assemble PARTS`).
    Dist(dist::DistArgs),
    /// Print a shell completion script.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff): reprint's, or a subcommand's (`reprint man audit`).
    Man {
        /// The subcommand whose page to print (`reprint-audit(1)`); none for reprint(1).
        subcommand: Option<String>,
    },
}

/// How input records are read; shared by the commands that read a corpus.
#[derive(Debug, Args, Clone, Default)]
pub struct InputArgs {
    /// JSONL field holding the text (default: text, maintext, content or body).
    #[arg(long, value_name = "NAME")]
    pub text_field: Option<String>,
    /// JSONL field holding the article id (default: id).
    #[arg(long, value_name = "NAME")]
    pub id_field: Option<String>,
    /// JSONL field holding the outlet (default: source, outlet, domain, source_domain, ...).
    #[arg(long, value_name = "NAME")]
    pub source_field: Option<String>,
    /// JSONL field holding the date (default: date, date_publish, published or created).
    #[arg(long, value_name = "NAME")]
    pub date_field: Option<String>,
    /// Decode invalid UTF-8 with replacement characters instead of skipping the file.
    #[arg(long)]
    pub lossy: bool,
    /// How - (standard input) is read: JSONL records, or one article as text.
    #[arg(long, value_enum, default_value_t = StdinFormatArg::Jsonl, value_name = "FORMAT")]
    pub stdin_format: StdinFormatArg,
}

/// How `-` is read, as named on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum StdinFormatArg {
    /// One JSON record a line.
    #[default]
    Jsonl,
    /// One article: the whole input, as a .txt file.
    Txt,
}

impl InputArgs {
    /// How `-` is read.
    pub fn stdin(&self) -> reprint_core::StdinFormat {
        match self.stdin_format {
            StdinFormatArg::Jsonl => reprint_core::StdinFormat::Jsonl,
            StdinFormatArg::Txt => reprint_core::StdinFormat::Txt,
        }
    }

    /// Applies the flags over a config.
    pub fn apply(&self, config: &mut Config) {
        let i = &mut config.input;
        for (flag, slot) in [
            (&self.text_field, &mut i.text_field),
            (&self.id_field, &mut i.id_field),
            (&self.source_field, &mut i.source_field),
            (&self.date_field, &mut i.date_field),
        ] {
            if flag.is_some() {
                slot.clone_from(flag);
            }
        }
        i.lossy |= self.lossy;
    }
}

/// Where and in what format a command writes its report; flattened into each command that
/// writes one to standard output or `--out` (its formats are `F`, the first the default).
#[derive(Debug, Args)]
pub struct OutputArgs<F>
where
    F: ValueEnum + Default + Clone + Send + Sync + std::fmt::Debug + 'static,
{
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t)]
    pub format: F,
    /// Write the report to this file (atomically; compressed when the name ends in .gz or
    /// .zst) instead of standard output (- is standard output too).
    #[arg(long, short = 'o', value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub out: Option<PathBuf>,
}

impl<F> OutputArgs<F>
where
    F: ValueEnum + Default + Clone + Send + Sync + std::fmt::Debug + 'static,
{
    /// Where the report goes.
    pub fn output(&self) -> Output<'_> {
        Output::of(self.out.as_deref())
    }

    /// Refuses an `--out` that is one of the input files: the report would replace the
    /// corpus it was made from (`clean` refuses the same way).
    pub fn refuse_inputs(&self, inputs: &[PathBuf]) -> Result<()> {
        let Some(out) = self.out.as_deref() else {
            return Ok(());
        };
        let target = reprint_core::absolute(out);
        for input in inputs.iter().filter(|p| p.as_os_str() != "-") {
            if input
                .canonicalize()
                .is_ok_and(|i| i == target && i.is_file())
            {
                anyhow::bail!(
                    "--out {} is an input file; write the report elsewhere",
                    out.display()
                );
            }
        }
        Ok(())
    }
}

/// Set when a file or record could not be read; the run then exits 2 at the end.
static ERRORED: AtomicBool = AtomicBool::new(false);

/// Notes that something could not be processed.
pub fn set_errored() {
    ERRORED.store(true, Ordering::SeqCst);
}

/// Whether something could not be processed.
pub fn errored() -> bool {
    ERRORED.load(Ordering::SeqCst)
}

/// What a command tells `main` about how it ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done; nothing over policy.
    Clean,
    /// Findings over policy (`check`).
    Findings,
}

/// The shared context of a run: resolved config and the progress bar.
pub struct RunContext {
    /// Global flags.
    pub global: GlobalArgs,
    /// The progress bar (hidden when it should be).
    pub bar: Bar,
}

impl RunContext {
    /// Reports a problem on stderr (above the progress bar) and marks the run as errored.
    pub fn report(&self, message: &str) {
        set_errored();
        self.bar.println(&format!("reprint: {message}"));
    }

    /// Prints a note on stderr unless quiet.
    pub fn note(&self, message: &str) {
        if !self.global.quiet {
            self.bar.println(message);
        }
    }

    /// How text for people looks on stdout: coloured per [`RunContext::color_stdout`], and
    /// wrapped to the terminal's width when stdout is a terminal (files and pipes get the
    /// plain bytes).
    pub fn stdout_look(&self) -> reprint_report::Look {
        let width = std::io::stdout()
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w));
        reprint_report::Look {
            color: self.color_stdout(),
            width,
        }
    }

    /// Whether to colour stdout.
    pub fn color_stdout(&self) -> bool {
        match self.global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::io::stdout().is_terminal()
            }
        }
    }
}

/// The one resolved-config → [`Engine`] step of the commands that read a corpus: defaults, the
/// config file, the input flags, then the command's own flags (`adjust`, which may also refuse
/// them), checked once and compiled with the data files it names.
pub fn engine(
    ctx: &RunContext,
    input: &InputArgs,
    adjust: impl FnOnce(&mut Config) -> Result<()>,
) -> Result<Engine> {
    let mut config = load_config(&ctx.global)?;
    input.apply(&mut config);
    adjust(&mut config)?;
    config.validate("command line")?;
    Ok(Engine::new(config)?)
}

/// Resolves the config: defaults, then the config file, then (by the caller) flags.
pub fn load_config(global: &GlobalArgs) -> Result<Config> {
    if global.isolated {
        return Ok(Config::default());
    }
    let path = match &global.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| Config::discover(&d)),
    };
    match path {
        Some(p) => Ok(Config::from_file(&p)?),
        None => Ok(Config::default()),
    }
}

/// Worker threads per core at most. More only adds scheduling and memory: thousands of
/// threads took a minute on five articles, and 100,000 never finished starting.
pub const MAX_JOBS_PER_CORE: usize = 8;

/// The worker threads to start for `--jobs N`: `N`, or [`MAX_JOBS_PER_CORE`] per core when `N`
/// is more than that (the second value is then true).
pub fn capped_jobs(n: usize, cores: usize) -> (usize, bool) {
    let cap = cores.max(1).saturating_mul(MAX_JOBS_PER_CORE);
    if n > cap { (cap, true) } else { (n, false) }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let show = !cli.global.quiet && !cli.global.no_progress && std::io::stderr().is_terminal();
    let ctx = RunContext {
        bar: Bar::new(show),
        global: cli.global,
    };
    if let Some(n) = ctx.global.jobs {
        if n == 0 {
            anyhow::bail!("--jobs must be at least 1");
        }
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        let (threads, capped) = capped_jobs(n, cores);
        if capped {
            ctx.note(&format!(
                "reprint: note: --jobs {n} is more than {MAX_JOBS_PER_CORE} per core; using {threads} worker threads ({cores} cores)"
            ));
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build_global()
            .context("starting the worker threads")?;
    }
    match cli.command {
        Command::Audit(args) => audit::run(&ctx, args),
        Command::Clean(args) => clean::run(&ctx, args),
        Command::Check(args) => check::run(&ctx, args),
        Command::Index(args) => index::run(&ctx, args),
        Command::Eval(args) => eval::run(&ctx, args),
        Command::Diff(args) => diff::run(&ctx, args),
        Command::Report(args) => report::run(&ctx, args),
        #[cfg(feature = "kernels")]
        Command::Kernel(args) => kernel::run(&ctx, args),
        Command::Dist(args) => dist::run(&ctx, args),
        Command::Completions { shell } => {
            // Generated into memory first: `generate` panics when its writer fails (a full
            // disk), where the write below returns the error.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "reprint", &mut script);
            Output::Stdout
                .write(|w| w.write_all(&script))
                .context("writing the completion script")?;
            Ok(Outcome::Clean)
        }
        Command::Man { subcommand } => {
            let page = man_page(subcommand.as_deref())?;
            Output::Stdout
                .write(|w| w.write_all(&page))
                .context("writing the man page")?;
            Ok(Outcome::Clean)
        }
    }
}

/// The roff of reprint(1), or of `reprint-NAME(1)` for a subcommand: the main page lists the
/// subcommands as `reprint-NAME(1)`, so each of those pages exists.
fn man_page(subcommand: Option<&str>) -> Result<Vec<u8>> {
    let mut cli = Cli::command();
    cli.build();
    let cmd = match subcommand {
        None => cli,
        Some(name) => {
            let Some(sub) = cli.find_subcommand(name) else {
                let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
                anyhow::bail!("no subcommand {name:?} (one of: {})", names.join(", "));
            };
            sub.clone()
        }
    };
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut page)
        .context("rendering the man page")?;
    Ok(page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jobs_are_capped_at_a_multiple_of_the_cores() {
        assert_eq!(capped_jobs(4, 2), (4, false));
        assert_eq!(capped_jobs(16, 2), (16, false));
        assert_eq!(capped_jobs(8192, 2), (16, true));
        assert_eq!(capped_jobs(usize::MAX, 0), (8, true));
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_flags_go_before_or_after_the_command() {
        let a = Cli::try_parse_from(["reprint", "--jobs", "2", "audit", "x"]).unwrap();
        let b = Cli::try_parse_from(["reprint", "audit", "x", "--jobs", "2"]).unwrap();
        assert_eq!(a.global.jobs, Some(2));
        assert_eq!(b.global.jobs, Some(2));
    }
}
