//! `reprint kernel NAME`: the stages of an audit as pure functions of the rows they are given,
//! read and written as Arrow IPC streams, for an engine that spreads a corpus over many
//! machines (the `reprint_spark` package). Each kernel sorts what it receives, so the order in
//! which an engine delivers rows never shows in what it writes; ids come from input order (file
//! numbers from the walk, record numbers counted per file), never from the engine.
//!
//! - `plan PATH...`: the input files in walk order, with what reading each needs; a large
//!   uncompressed JSONL file as pieces of whole lines, each with the line number it starts at.
//! - `prepare`: plan rows in, one row per thing read out (a record decoded, segmented, hashed
//!   and keyed, or a problem with a file), numbered per piece of a file.
//! - `texts`, `buckets`, `verify`: the matching stages, over rows an engine grouped and
//!   joined (see [`matching`]).
//! - `owners`, `outlets`, `templates`: the site-template rule, for an engine that links the
//!   verified pairs into components itself (see [`owners`]); `finish --matches` then takes
//!   the components in place of the pairs.
//! - `finish PATH...`: every prepared row in, the audit out, the same bytes as `reprint audit`
//!   (`--sorted`: the rows come sorted, and are taken as they arrive instead of all held;
//!   `--matches FILE`: the matching stages' results, instead of matching here).
//!
//! Every stream carries the fingerprint parameters in its schema metadata; a kernel given rows
//! made with other parameters refuses them.

mod matching;
mod owners;

use super::audit::{AuditArgs, keep_labelled_articles};
use super::{Outcome, RunContext};
use anyhow::{Context, Result, bail};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BinaryArray, RecordBatch, StringArray, UInt8Array, UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use clap::{Args, Subcommand};
use reprint_core::config::Config;
use reprint_core::error::RecordError;
use reprint_core::wire;
use reprint_core::{
    Compression, Corpus, Decoded, FileKind, InputFile, LineRange, ReadEvent, prepare_events,
    split_lines,
};
use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

/// Arguments of `kernel`.
#[derive(Debug, Args)]
pub struct KernelArgs {
    /// The stage to run.
    #[command(subcommand)]
    pub stage: Stage,
}

/// The kernels.
#[derive(Debug, Subcommand)]
pub enum Stage {
    /// Write the input files in walk order (an Arrow IPC stream on standard output).
    Plan(PlanArgs),
    /// Read the files named by the plan rows on standard input; write one row per record or
    /// problem, numbered per file.
    Prepare(PrepareArgs),
    /// Read prepared rows on standard input; write their distinct texts, each at its first
    /// paragraph among them, with its band keys and words.
    Texts(PrepareArgs),
    /// Read the bucket rows of whole buckets (texts by band or masked key) on standard
    /// input; write their candidate pairs.
    Buckets(PrepareArgs),
    /// Read candidate pairs with the words of both texts on standard input; write each
    /// pair's comparison.
    Verify(PrepareArgs),
    /// Read prepared rows on standard input; write each article's outlet and host, and the
    /// outlets carrying each text.
    Owners(PrepareArgs),
    /// Read the article rows of whole outlets (from `owners`) on standard input; write each
    /// outlet's own words.
    Outlets(PrepareArgs),
    /// Read near-duplicate pairs with both texts' words and their outlets' own words on
    /// standard input; write whether each pair is one site template filled in twice.
    Templates(PrepareArgs),
    /// Read every prepared row of a corpus on standard input and write its audit, as
    /// `reprint audit` would.
    Finish(FinishArgs),
}

/// Arguments of `kernel plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// Folders, .txt, JSON and .parquet files, as `reprint audit` takes them (not `-`).
    #[arg(required = true, value_name = "PATH", value_hint = clap::ValueHint::AnyPath)]
    pub paths: Vec<PathBuf>,
    /// Split uncompressed JSONL files larger than this into pieces of whole lines of about
    /// this many bytes, each a plan row of its own (0: never split).
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub piece_bytes: u64,
    /// How the files of each PATH are named in messages and reports, given once per PATH
    /// in order (a PATH named as itself keeps its names): an engine that fetched a corpus from
    /// an object store into local folders names its files by their URLs.
    #[arg(long, value_name = "NAME")]
    pub shown_as: Vec<String>,
    /// How input records are read.
    #[command(flatten)]
    pub input: super::InputArgs,
}

/// Arguments of `kernel prepare`.
#[derive(Debug, Args)]
pub struct PrepareArgs {
    /// How input records are read.
    #[command(flatten)]
    pub input: super::InputArgs,
}

/// Arguments of `kernel finish`.
#[derive(Debug, Args)]
pub struct FinishArgs {
    /// Write the JSON audit as parts into this folder (`head.json`, `findings-NNNNN.jsonl`,
    /// `tail.json`) for `reprint dist assemble`, instead of one report.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub parts: Option<PathBuf>,
    /// The rows arrive sorted by file and row number (an engine sorted them): take them as
    /// they come, without holding them all; rows out of order are an error.
    #[arg(long)]
    pub sorted: bool,
    /// The matching stages' results (an Arrow IPC stream of band pairs with their
    /// comparisons, masked pairs and capped buckets, from the `buckets` and `verify`
    /// kernels), taken instead of matching the texts here.
    #[arg(long, value_name = "FILE", value_hint = clap::ValueHint::FilePath)]
    pub matches: Option<PathBuf>,
    /// Findings per part with --parts.
    #[arg(long, default_value_t = 100_000, value_name = "N", requires = "parts")]
    pub part_findings: usize,
    /// How the files of each PATH are named, as `kernel plan --shown-as` names them.
    #[arg(long, value_name = "NAME")]
    pub shown_as: Vec<String>,
    /// What `reprint audit` takes.
    #[command(flatten)]
    pub audit: AuditArgs,
}

/// Runs `kernel`.
pub fn run(ctx: &RunContext, args: KernelArgs) -> Result<Outcome> {
    match args.stage {
        Stage::Plan(a) => plan(ctx, a),
        Stage::Prepare(a) => prepare(ctx, a),
        Stage::Texts(a) => {
            let engine = super::engine(ctx, &a.input, |_| Ok(()))?;
            matching::texts(&engine).map(|()| Outcome::Clean)
        }
        Stage::Buckets(a) => with_config(ctx, &a, matching::buckets),
        Stage::Verify(a) => with_config(ctx, &a, matching::verify),
        Stage::Owners(a) => with_config(ctx, &a, owners::owners),
        Stage::Outlets(a) => with_config(ctx, &a, owners::outlets),
        Stage::Templates(a) => with_config(ctx, &a, owners::templates),
        Stage::Finish(a) => finish(ctx, a),
    }
}

/// Runs a kernel that needs the configuration alone.
fn with_config(
    ctx: &RunContext,
    a: &PrepareArgs,
    kernel: fn(&Config) -> Result<()>,
) -> Result<Outcome> {
    let engine = super::engine(ctx, &a.input, |_| Ok(()))?;
    kernel(&engine.config).map(|()| Outcome::Clean)
}

/// Schema metadata key of the kernel that wrote a stream.
const KERNEL_KEY: &str = "reprint.kernel";
/// Schema metadata key prefix of the fingerprint parameters.
const PARAM_KEY: &str = "reprint.param.";

/// The parameters a stream's rows depend on: the fingerprint parameters and the version.
fn params(config: &Config) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = reprint_index::index_params(config)
        .into_iter()
        .map(|(k, v)| (format!("{PARAM_KEY}{k}"), v))
        .collect();
    v.push(("reprint.version".into(), env!("CARGO_PKG_VERSION").into()));
    v
}

fn schema(kernel: &str, config: &Config, fields: Vec<Field>) -> SchemaRef {
    let mut meta: HashMap<String, String> = params(config).into_iter().collect();
    meta.insert(KERNEL_KEY.into(), kernel.into());
    Arc::new(Schema::new_with_metadata(fields, meta))
}

/// Refuses a stream written with other parameters. A stream whose metadata an engine dropped
/// (Parquet in between) carries none and is taken on trust.
fn check_params(schema: &Schema, config: &Config) -> Result<()> {
    let meta = schema.metadata();
    let wrong: Vec<String> = params(config)
        .into_iter()
        .filter_map(|(k, want)| {
            let have = meta.get(&k)?;
            (*have != want).then(|| {
                format!(
                    "{}: rows have {have}, this run {want}",
                    k.strip_prefix(PARAM_KEY).unwrap_or(&k)
                )
            })
        })
        .collect();
    if !wrong.is_empty() {
        bail!(
            "the input rows were made with other parameters: {}",
            wrong.join("; ")
        );
    }
    Ok(())
}

fn plan_fields() -> Vec<Field> {
    vec![
        Field::new("file", DataType::UInt32, false),
        Field::new("path", DataType::Utf8, false),
        Field::new("display", DataType::Utf8, false),
        Field::new("kind", DataType::Utf8, false),
        Field::new("folder_outlet", DataType::Utf8, true),
        Field::new("rel_id", DataType::Utf8, true),
        Field::new("bytes", DataType::UInt64, false),
        Field::new("start", DataType::UInt64, false),
        Field::new("end", DataType::UInt64, true),
        Field::new("first_line", DataType::UInt32, false),
    ]
}

fn event_fields() -> Vec<Field> {
    vec![
        Field::new("file", DataType::UInt32, false),
        Field::new("start", DataType::UInt64, false),
        Field::new("seq", DataType::UInt32, false),
        Field::new("size", DataType::UInt64, false),
        Field::new("found", DataType::UInt8, false),
        Field::new("article", DataType::Binary, true),
        Field::new("errors", DataType::Binary, true),
    ]
}

/// The corpus `reprint audit` reads for `paths`.
fn discover(ctx: &RunContext, paths: &[PathBuf], input: &super::InputArgs) -> Result<Corpus> {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("the kernels read files, not standard input (-)");
    }
    let mut errors = Vec::new();
    let mut corpus = Corpus::discover_as(paths, input.stdin(), &mut errors)?;
    keep_labelled_articles(ctx, paths, &mut corpus);
    // `finish` discovers the same paths and reports these with the rest of the audit's
    // problems; here they are said once, so a wrong path is seen before any work is spread.
    for e in &errors {
        ctx.note(&format!("reprint: warning: {e}"));
    }
    Ok(corpus)
}

fn plan(ctx: &RunContext, a: PlanArgs) -> Result<Outcome> {
    let engine = super::engine(ctx, &a.input, |_| Ok(()))?;
    let mut corpus = discover(ctx, &a.paths, &a.input)?;
    super::audit::show_as(&mut corpus, &a.paths, &a.shown_as)?;
    // One row per file, or per piece of a large uncompressed JSONL file.
    let mut rows: Vec<(u32, &InputFile, Option<LineRange>)> = Vec::new();
    for (i, f) in corpus.files.iter().enumerate() {
        let pieces = match f.kind {
            FileKind::Jsonl(Compression::None) if a.piece_bytes > 0 => {
                // A file that cannot be read is one row: its reader reports why.
                split_lines(&f.path, a.piece_bytes).unwrap_or_default()
            }
            _ => Vec::new(),
        };
        if pieces.len() > 1 {
            rows.extend(pieces.into_iter().map(|p| (i as u32, f, Some(p))));
        } else {
            rows.push((i as u32, f, None));
        }
    }
    let opt = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt32Array::from_iter_values(rows.iter().map(|r| r.0))),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| {
            let p = &r.1.path;
            p.to_str()
                .map(str::to_string)
                .unwrap_or_else(|| p.display().to_string())
        }))),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| &r.1.display),
        )),
        Arc::new(StringArray::from_iter_values(
            rows.iter().map(|r| r.1.kind.name()),
        )),
        opt(rows.iter().map(|r| r.1.folder_outlet.as_deref()).collect()),
        opt(rows.iter().map(|r| r.1.rel_id.as_deref()).collect()),
        Arc::new(UInt64Array::from_iter_values(
            rows.iter()
                .map(|r| std::fs::metadata(&r.1.path).map_or(0, |m| m.len())),
        )),
        Arc::new(UInt64Array::from_iter_values(
            rows.iter().map(|r| r.2.map_or(0, |p| p.start)),
        )),
        Arc::new(UInt64Array::from_iter(
            rows.iter().map(|r| r.2.map(|p| p.end)),
        )),
        Arc::new(UInt32Array::from_iter_values(
            rows.iter().map(|r| r.2.map_or(1, |p| p.first_line)),
        )),
    ];
    let schema = schema("plan", &engine.config, plan_fields());
    let batch = RecordBatch::try_new(schema.clone(), columns)?;
    write_stream(&schema, std::iter::once(Ok(batch)))?;
    Ok(Outcome::Clean)
}

/// Reads the record batches of an Arrow IPC stream on standard input.
fn read_stdin() -> Result<(SchemaRef, Vec<RecordBatch>)> {
    let stdin = BufReader::with_capacity(1 << 20, std::io::stdin().lock());
    read_stream(stdin)
}

fn read_stream(r: impl Read) -> Result<(SchemaRef, Vec<RecordBatch>)> {
    let reader = arrow_ipc::reader::StreamReader::try_new(r, None)
        .context("standard input: not an Arrow IPC stream")?;
    let schema = reader.schema();
    let batches = reader
        .collect::<std::result::Result<Vec<_>, _>>()
        .context("standard input: a damaged Arrow IPC stream")?;
    Ok((schema, batches))
}

fn write_stream(
    schema: &SchemaRef,
    batches: impl IntoIterator<Item = Result<RecordBatch>>,
) -> Result<()> {
    let out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let mut w = arrow_ipc::writer::StreamWriter::try_new(out, schema)?;
    for b in batches {
        w.write(&b?)?;
    }
    w.finish()?;
    w.into_inner()?.flush()?;
    Ok(())
}

/// A column of `batch` by name, or an error naming it.
fn column<'a>(batch: &'a RecordBatch, name: &str) -> Result<&'a ArrayRef> {
    batch
        .column_by_name(name)
        .with_context(|| format!("the input rows have no column {name:?}"))
}

/// An integer column as `u64`s, whatever integer type an engine gave it (Spark has no
/// unsigned types); a null or negative value is an error.
fn ints(batch: &RecordBatch, name: &str) -> Result<Vec<u64>> {
    opt_ints(batch, name)?
        .into_iter()
        .collect::<Option<Vec<u64>>>()
        .with_context(|| format!("column {name:?} holds a null value"))
}

/// A nullable integer column as `u64`s, nulls as `None`; a negative value is an error.
fn opt_ints(batch: &RecordBatch, name: &str) -> Result<Vec<Option<u64>>> {
    let c = column(batch, name)?;
    macro_rules! take {
        ($t:ty) => {
            c.as_primitive::<$t>()
                .iter()
                .map(|v| v.map(|v| u64::try_from(v).ok()).transpose_none())
                .collect::<Option<Vec<Option<u64>>>>()
        };
    }
    let v = match c.data_type() {
        DataType::UInt8 => take!(UInt8Type),
        DataType::UInt16 => take!(UInt16Type),
        DataType::UInt32 => take!(UInt32Type),
        DataType::UInt64 => take!(UInt64Type),
        DataType::Int8 => take!(Int8Type),
        DataType::Int16 => take!(Int16Type),
        DataType::Int32 => take!(Int32Type),
        DataType::Int64 => take!(Int64Type),
        t => bail!("column {name:?} holds {t}, not integers"),
    };
    v.with_context(|| format!("column {name:?} holds a negative value"))
}

/// A value that may be absent (a null) or out of range: `Some(None)` for a null,
/// `Some(Some(v))` for a value, `None` for one out of range.
trait TransposeNone {
    fn transpose_none(self) -> Option<Option<u64>>;
}

impl TransposeNone for Option<Option<u64>> {
    fn transpose_none(self) -> Option<Option<u64>> {
        match self {
            None => Some(None),
            Some(Some(v)) => Some(Some(v)),
            Some(None) => None,
        }
    }
}

/// A string column (either offset width), nulls as `None`.
fn strings(batch: &RecordBatch, name: &str) -> Result<Vec<Option<String>>> {
    let c = column(batch, name)?;
    Ok(match c.data_type() {
        DataType::Utf8 => c
            .as_string::<i32>()
            .iter()
            .map(|s| s.map(str::to_string))
            .collect(),
        DataType::LargeUtf8 => c
            .as_string::<i64>()
            .iter()
            .map(|s| s.map(str::to_string))
            .collect(),
        DataType::Utf8View => c
            .as_string_view()
            .iter()
            .map(|s| s.map(str::to_string))
            .collect(),
        t => bail!("column {name:?} holds {t}, not strings"),
    })
}

/// A binary column (either offset width), nulls as `None`.
fn blobs<'a>(batch: &'a RecordBatch, name: &str) -> Result<Vec<Option<&'a [u8]>>> {
    let c = column(batch, name)?;
    Ok(match c.data_type() {
        DataType::Binary => c.as_binary::<i32>().iter().collect(),
        DataType::LargeBinary => c.as_binary::<i64>().iter().collect(),
        DataType::BinaryView => c.as_binary_view().iter().collect(),
        t => bail!("column {name:?} holds {t}, not bytes"),
    })
}

/// The input files named by plan rows, sorted by file number, once each.
/// Where a plan row's records sort: its file, and the first byte of its piece of the file.
type PieceKey = (u32, u64);

fn plan_rows(batches: &[RecordBatch]) -> Result<Vec<(PieceKey, InputFile)>> {
    let mut files: Vec<(PieceKey, InputFile)> = Vec::new();
    for b in batches {
        let numbers = ints(b, "file")?;
        let (path, display, kind) = (
            strings(b, "path")?,
            strings(b, "display")?,
            strings(b, "kind")?,
        );
        let (outlet, rel_id) = (strings(b, "folder_outlet")?, strings(b, "rel_id")?);
        let (start, end, first_line) = (
            ints(b, "start")?,
            opt_ints(b, "end")?,
            ints(b, "first_line")?,
        );
        for i in 0..b.num_rows() {
            let file = u32::try_from(numbers[i]).context("a file number beyond 2^32")?;
            let need = |v: &Option<String>, what: &str| {
                v.clone()
                    .with_context(|| format!("plan row of file {file}: no {what}"))
            };
            let kind_name = need(&kind[i], "kind")?;
            let kind = FileKind::from_name(&kind_name)
                .with_context(|| format!("plan row of file {file}: unknown kind {kind_name:?}"))?;
            let range = match end[i] {
                None => None,
                Some(_) if kind != FileKind::Jsonl(Compression::None) => {
                    bail!(
                        "plan row of file {file}: only uncompressed JSONL files are read in pieces"
                    )
                }
                Some(end) => Some(LineRange {
                    start: start[i],
                    end,
                    first_line: u32::try_from(first_line[i])
                        .context("a line number beyond 2^32")?,
                }),
            };
            files.push((
                (file, range.map_or(0, |r| r.start)),
                InputFile {
                    path: PathBuf::from(need(&path[i], "path")?),
                    display: need(&display[i], "display")?,
                    kind,
                    folder_outlet: outlet[i].clone(),
                    rel_id: rel_id[i].clone(),
                    range,
                },
            ));
        }
    }
    files.sort_by_key(|f| f.0);
    files.dedup_by_key(|f| f.0);
    Ok(files)
}

/// The first byte of a row's `errors`: the problems of a record, or a problem met while
/// reading a file that is no record's (the two are merged at different times).
const RECORD_PROBLEMS: u8 = 0;
const FILE_PROBLEM: u8 = 1;

/// Rows per output batch of `prepare` at most, and bytes (of articles) per batch about.
const BATCH_ROWS: usize = 4096;
const BATCH_BYTES: usize = 8 << 20;

/// Prepared rows waiting to be written.
#[derive(Default)]
struct EventRows {
    file: Vec<u32>,
    start: Vec<u64>,
    seq: Vec<u32>,
    size: Vec<u64>,
    found: Vec<u8>,
    article: Vec<Option<Vec<u8>>>,
    errors: Vec<Option<Vec<u8>>>,
    bytes: usize,
}

impl EventRows {
    fn push(&mut self, (file, start): PieceKey, seq: u32, e: ReadEvent) {
        let (size, found, article, errors) = match e {
            ReadEvent::Record { size, decoded } => {
                let article = decoded.article.map(|a| {
                    let mut b = Vec::new();
                    wire::encode_article(&a, &mut b);
                    b
                });
                let errors = (!decoded.problems.is_empty()).then(|| {
                    let mut b = vec![RECORD_PROBLEMS];
                    wire::encode_errors(&decoded.problems, &mut b);
                    b
                });
                (size, decoded.found, article, errors)
            }
            ReadEvent::Error(e) => {
                let mut b = vec![FILE_PROBLEM];
                wire::encode_errors(&[e], &mut b);
                (0, 0, None, Some(b))
            }
        };
        self.bytes += article.as_ref().map_or(0, Vec::len) + errors.as_ref().map_or(0, Vec::len);
        self.file.push(file);
        self.start.push(start);
        self.seq.push(seq);
        self.size.push(size);
        self.found.push(found);
        self.article.push(article);
        self.errors.push(errors);
    }

    fn full(&self) -> bool {
        self.file.len() >= BATCH_ROWS || self.bytes >= BATCH_BYTES
    }

    fn take(&mut self, schema: &SchemaRef) -> Result<RecordBatch> {
        let r = std::mem::take(self);
        let blob = |v: &[Option<Vec<u8>>]| {
            Arc::new(BinaryArray::from_iter(v.iter().map(|b| b.as_deref()))) as ArrayRef
        };
        Ok(RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(UInt32Array::from(r.file)),
                Arc::new(UInt64Array::from(r.start)),
                Arc::new(UInt32Array::from(r.seq)),
                Arc::new(UInt64Array::from(r.size)),
                Arc::new(UInt8Array::from(r.found)),
                blob(&r.article),
                blob(&r.errors),
            ],
        )?)
    }
}

fn prepare(ctx: &RunContext, a: PrepareArgs) -> Result<Outcome> {
    let engine = super::engine(ctx, &a.input, |_| Ok(()))?;
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, &engine.config)?;
    let files = plan_rows(&batches)?;
    drop(batches);
    let numbers: Vec<PieceKey> = files.iter().map(|f| f.0).collect();
    let corpus = Corpus::of_files(files.into_iter().map(|f| f.1).collect());
    let schema = schema("prepare", &engine.config, event_fields());
    let out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let mut w = arrow_ipc::writer::StreamWriter::try_new(out, &schema)?;
    let mut rows = EventRows::default();
    let mut seqs = vec![0u32; numbers.len()];
    let mut failed: Option<anyhow::Error> = None;
    prepare_events(&corpus, &engine, &mut |local, mut e| {
        if failed.is_some() {
            return;
        }
        let (file, start) = numbers[local as usize];
        if let ReadEvent::Record {
            decoded: Decoded {
                article: Some(a), ..
            },
            ..
        } = &mut e
        {
            a.location.file = file;
        }
        let seq = &mut seqs[local as usize];
        rows.push((file, start), *seq, e);
        *seq += 1;
        if rows.full() {
            if let Err(e) = rows.take(&schema).and_then(|b| Ok(w.write(&b)?)) {
                failed = Some(e);
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    w.write(&rows.take(&schema)?)?;
    w.finish()?;
    w.into_inner()?.flush()?;
    Ok(Outcome::Clean)
}

/// One prepared row: where it sorts, and its payload still encoded.
struct EventRef<'a> {
    file: u32,
    start: u64,
    seq: u32,
    size: u64,
    found: u8,
    article: Option<&'a [u8]>,
    errors: Option<&'a [u8]>,
}

/// The prepared rows of every batch, sorted by file and number; a row given twice, or a file
/// whose numbers have a gap (a part of the corpus left out), is an error.
fn sorted_events(batches: &[RecordBatch]) -> Result<Vec<EventRef<'_>>> {
    let mut rows = Vec::new();
    for b in batches {
        rows.extend(sorted_rows_of(b)?);
    }
    rows.sort_by_key(|r| (r.file, r.start, r.seq));
    let mut expect = (u32::MAX, u64::MAX, 0u32);
    for r in &rows {
        if (r.file, r.start) != (expect.0, expect.1) {
            expect = (r.file, r.start, 0);
        }
        if r.seq != expect.2 {
            bail!(
                "{}: prepared row {} {} (a part of the corpus was prepared twice or left out)",
                piece_name(r.file, r.start),
                expect.2,
                if r.seq < expect.2 {
                    "given twice"
                } else {
                    "missing"
                }
            );
        }
        expect.2 += 1;
    }
    Ok(rows)
}

/// How messages name a piece of a file.
fn piece_name(file: u32, start: u64) -> String {
    if start == 0 {
        format!("file {file}")
    } else {
        format!("file {file} from byte {start}")
    }
}

/// Whether row `r` may come right after `last` in sorted order: the next row of the same
/// piece, or the first row of a later piece.
fn follows(last: Option<(u32, u64, u32)>, r: &EventRef<'_>) -> bool {
    match last {
        Some((f, s, q)) if (r.file, r.start) == (f, s) => r.seq == q + 1,
        Some((f, s, _)) => (r.file, r.start) > (f, s) && r.seq == 0,
        None => r.seq == 0,
    }
}

/// The rows of one batch, in the batch's order.
fn sorted_rows_of(b: &RecordBatch) -> Result<Vec<EventRef<'_>>> {
    let (file, start, seq, size, found) = (
        ints(b, "file")?,
        ints(b, "start")?,
        ints(b, "seq")?,
        ints(b, "size")?,
        ints(b, "found")?,
    );
    let (article, errors) = (blobs(b, "article")?, blobs(b, "errors")?);
    (0..b.num_rows())
        .map(|i| {
            Ok(EventRef {
                file: u32::try_from(file[i]).context("a file number beyond 2^32")?,
                start: start[i],
                seq: u32::try_from(seq[i]).context("a row number beyond 2^32")?,
                size: size[i],
                found: u8::try_from(found[i]).context("a field mask beyond 8 bits")?,
                article: article[i],
                errors: errors[i],
            })
        })
        .collect()
}

/// Turns a sorted row back into what reading met.
fn event(r: &EventRef<'_>, n_files: usize) -> Result<ReadEvent> {
    let place = || format!("file {} prepared row {}", r.file, r.seq);
    if r.file as usize >= n_files {
        bail!("{}: the corpus has only {n_files} files", place());
    }
    let (tag, problems): (Option<u8>, Vec<RecordError>) = match r.errors {
        Some([tag, b @ ..]) => (Some(*tag), wire::decode_errors(b).with_context(place)?),
        Some([]) => bail!("{}: an empty list of problems", place()),
        None => (None, Vec::new()),
    };
    let article = match r.article {
        Some(b) => Some(wire::decode_article(b).with_context(place)?),
        None => None,
    };
    match tag {
        Some(FILE_PROBLEM) => {
            let mut problems = problems.into_iter();
            match (problems.next(), problems.next(), article) {
                (Some(e), None, None) => Ok(ReadEvent::Error(e)),
                _ => bail!(
                    "{}: a file's problem row holds more than one problem",
                    place()
                ),
            }
        }
        Some(RECORD_PROBLEMS) | None => Ok(ReadEvent::Record {
            size: r.size,
            decoded: Decoded {
                article,
                problems,
                found: r.found,
            },
        }),
        Some(t) => bail!("{}: unknown kind of problem row {t}", place()),
    }
}

fn finish(ctx: &RunContext, a: FinishArgs) -> Result<Outcome> {
    if a.audit.paths.iter().any(|p| p.as_os_str() == "-") {
        bail!("the kernels read files, not standard input (-): it carries the prepared rows");
    }
    let parts = a.parts.clone().map(|dir| (dir, a.part_findings));
    let matches = a.matches.clone();
    // The first bad row, which ends the events early (the analysis of the rest is discarded).
    let failed: RefCell<Option<anyhow::Error>> = RefCell::new(None);
    let fail = |e: anyhow::Error| {
        failed.borrow_mut().get_or_insert(e);
    };
    if a.sorted {
        let stdin = BufReader::with_capacity(1 << 20, std::io::stdin().lock());
        let reader = arrow_ipc::reader::StreamReader::try_new(stdin, None)
            .context("standard input: not an Arrow IPC stream")?;
        let schema = reader.schema();
        let mut reader = Some(reader);
        super::audit::run_with(
            ctx,
            a.audit,
            parts,
            &a.shown_as,
            &mut |corpus, engine, progress| {
                check_params(&schema, &engine.config)?;
                let reader = reader.take().context("the rows are read once")?;
                let events = in_order(reader, corpus.files.len(), &fail);
                let a = analyze(corpus, engine, events, matches.as_deref(), progress);
                // Nothing is written of an analysis that did not get every row.
                match failed.borrow_mut().take() {
                    Some(e) => Err(e),
                    None => a,
                }
            },
        )
    } else {
        let (schema, batches) = read_stdin()?;
        let rows = sorted_events(&batches)?;
        super::audit::run_with(
            ctx,
            a.audit,
            parts,
            &a.shown_as,
            &mut |corpus, engine, progress| {
                check_params(&schema, &engine.config)?;
                let n_files = corpus.files.len();
                let mut stops = Stops::default();
                let events = rows
                    .iter()
                    .filter(|r| stops.read(r))
                    .map_while(|r| event(r, n_files).map_err(&fail).ok());
                let a = analyze(corpus, engine, events, matches.as_deref(), progress);
                match failed.borrow_mut().take() {
                    Some(e) => Err(e),
                    None => a,
                }
            },
        )
    }
}

/// The analysis of the prepared rows `events`, matching the texts here or taking the
/// matching stages' results from the stream at `matches`.
fn analyze(
    corpus: &Corpus,
    engine: &reprint_core::Engine,
    events: impl Iterator<Item = ReadEvent>,
    matches: Option<&std::path::Path>,
    progress: &dyn reprint_core::Progress,
) -> Result<reprint_core::Analysis> {
    Ok(match matches {
        None => reprint_core::analyze_events(corpus, engine, events, progress),
        Some(path) => {
            let m = matching::read_matches(path, &engine.config)?;
            reprint_core::analyze_events_matched(corpus, engine, events, m, progress)?
        }
    })
}

/// Where reading a file stopped. On one machine a problem with a file itself (it cannot be
/// opened, or reading it fails midway) ends the reading of that file; the pieces of the file
/// after the one that met it were read by other tasks, so their rows are left out, as one
/// machine would never have read them. Rows are given in sorted order.
#[derive(Default)]
struct Stops(Option<(u32, u64)>);

impl Stops {
    /// Whether row `r` is one a single reader of its file would have read.
    fn read(&mut self, r: &EventRef<'_>) -> bool {
        if let Some((file, start)) = self.0 {
            if r.file == file && r.start > start {
                return false;
            }
        }
        if matches!(r.errors, Some([FILE_PROBLEM, ..])) {
            self.0 = Some((r.file, r.start));
        }
        true
    }
}

/// The events of a stream of prepared rows that arrive sorted, decoded a batch at a time as
/// they arrive (`finish --sorted`): the rows are never all held. A row out of order, a gap
/// or a damaged batch ends the events and is kept in `fail`.
fn in_order<'a, R: Read + 'a>(
    reader: arrow_ipc::reader::StreamReader<R>,
    n_files: usize,
    fail: &'a dyn Fn(anyhow::Error),
) -> impl Iterator<Item = ReadEvent> + 'a {
    let mut last: Option<(u32, u64, u32)> = None;
    let mut stops = Stops::default();
    reader
        .map(|b| b.context("standard input: a damaged Arrow IPC stream"))
        .map(move |batch| -> Result<Vec<ReadEvent>> {
            let batch = batch?;
            let rows = sorted_rows_of(&batch)?;
            let mut out = Vec::with_capacity(rows.len());
            for r in &rows {
                if !follows(last, r) {
                    let after = last.map_or("the start".into(), |(f, s, q)| {
                        format!("{} row {q}", piece_name(f, s))
                    });
                    bail!(
                        "--sorted: {} row {} came after {after}; the rows are not in order \
                         (without --sorted they are sorted here)",
                        piece_name(r.file, r.start),
                        r.seq
                    );
                }
                last = Some((r.file, r.start, r.seq));
                if stops.read(r) {
                    out.push(event(r, n_files)?);
                }
            }
            Ok(out)
        })
        .map_while(move |events| events.map_err(fail).ok())
        .flatten()
}
/// The engine a kernel test builds, for the unit tests below.
#[cfg(test)]
fn test_engine() -> reprint_core::Engine {
    reprint_core::Engine::new(Config::default()).unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_rows_round_trip_and_refuse_unknown_kinds() {
        let engine = test_engine();
        let schema = schema("plan", &engine.config, plan_fields());
        let batch = RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(UInt32Array::from(vec![1, 0])),
                Arc::new(StringArray::from(vec!["b.jsonl.gz", "a.txt"])),
                Arc::new(StringArray::from(vec!["b.jsonl.gz", "a.txt"])),
                Arc::new(StringArray::from(vec!["jsonl.gz", "txt"])),
                Arc::new(StringArray::from(vec![None, Some("site")])),
                Arc::new(StringArray::from(vec![None, Some("site/a")])),
                Arc::new(UInt64Array::from(vec![10, 20])),
                Arc::new(UInt64Array::from(vec![0, 0])),
                Arc::new(UInt64Array::from(vec![None, None])),
                Arc::new(UInt32Array::from(vec![1, 1])),
            ],
        )
        .unwrap();
        let files = plan_rows(std::slice::from_ref(&batch)).unwrap();
        assert_eq!(
            files.iter().map(|f| f.0).collect::<Vec<_>>(),
            [(0, 0), (1, 0)]
        );
        assert_eq!(files[0].1.folder_outlet.as_deref(), Some("site"));
        let mut cols = batch.columns().to_vec();
        cols[3] = Arc::new(StringArray::from(vec!["jsonl.bz2", "txt"]));
        let bad = RecordBatch::try_new(schema.clone(), cols).unwrap();
        let e = plan_rows(&[bad]).unwrap_err().to_string();
        assert!(e.contains("unknown kind \"jsonl.bz2\""), "{e}");
        // Only uncompressed JSONL is read in pieces.
        let mut cols = batch.columns().to_vec();
        cols[8] = Arc::new(UInt64Array::from(vec![Some(5), None]));
        let bad = RecordBatch::try_new(schema.clone(), cols).unwrap();
        let e = plan_rows(&[bad]).unwrap_err().to_string();
        assert!(e.contains("only uncompressed JSONL"), "{e}");
    }

    #[test]
    fn rows_made_with_other_parameters_are_refused() {
        let engine = test_engine();
        let mut other = Config::default();
        other.fingerprint.bands += 1;
        let s = schema("prepare", &other, event_fields());
        let e = check_params(&s, &engine.config).unwrap_err().to_string();
        assert!(e.contains("bands: rows have"), "{e}");
        check_params(&Schema::new(event_fields()), &engine.config).unwrap();
    }

    #[test]
    fn a_file_problem_ends_the_file_for_its_later_pieces() {
        let row = |file: u32, start: u64, seq: u32, errors: Option<&'static [u8]>| EventRef {
            file,
            start,
            seq,
            size: 1,
            found: 0,
            article: None,
            errors,
        };
        let problem: &[u8] = &[FILE_PROBLEM, 0];
        let record: &[u8] = &[RECORD_PROBLEMS, 0];
        let rows = [
            row(0, 0, 0, Some(record)),
            row(0, 100, 0, None),
            row(0, 100, 1, Some(problem)),
            row(0, 200, 0, None),
            row(0, 300, 0, Some(problem)),
            row(1, 0, 0, None),
            row(1, 50, 0, None),
        ];
        let mut stops = Stops::default();
        let kept: Vec<(u32, u64, u32)> = rows
            .iter()
            .filter(|r| stops.read(r))
            .map(|r| (r.file, r.start, r.seq))
            .collect();
        assert_eq!(
            kept,
            [(0, 0, 0), (0, 100, 0), (0, 100, 1), (1, 0, 0), (1, 50, 0)]
        );
    }

    #[test]
    fn gaps_and_repeats_in_the_rows_are_refused() {
        let engine = test_engine();
        let s = schema("prepare", &engine.config, event_fields());
        let rows = |seqs: Vec<u32>| {
            let mut r = EventRows::default();
            for q in seqs {
                r.push((0, 0), q, ReadEvent::Error(RecordError::file("a.txt", "x")));
            }
            r.take(&s).unwrap()
        };
        assert!(sorted_events(&[rows(vec![1, 0, 2])]).is_ok());
        let e = sorted_events(&[rows(vec![0, 2])])
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("row 1 missing"), "{e}");
        let b = [rows(vec![0, 1]), rows(vec![1])];
        let e = sorted_events(&b).err().unwrap().to_string();
        assert!(e.contains("given twice"), "{e}");
    }
}
