"""The `reprint kernel ...` and `reprint dist assemble` subcommands, run as subprocesses.

Every stream between this package and a kernel is Arrow IPC in the *stream* format. The kernels
speak unsigned integers (`file: uint32`, `bytes: uint64`, ...), which Spark has no type for, so
rows cross into Spark as signed types (`SPARK_PLAN`, `SPARK_EVENTS`) and are cast back, with
overflow checked, on their way into a kernel.
"""

from __future__ import annotations

import os
import stat
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa

from reprint import ReprintError, find_reprint_bin

__all__ = [
    "ARTICLE_OWNERS",
    "BUCKET_ROWS",
    "OUTLETS",
    "OWNERS",
    "TEMPLATES",
    "TEMPLATE_ROWS",
    "NARROW_BUCKET_ROWS",
    "EVENTS",
    "MATCHES",
    "PAIRS",
    "TEXTS",
    "VERIFIED",
    "VERIFY_ROWS",
    "KernelError",
    "PLAN",
    "SPARK_EVENTS",
    "SPARK_PLAN",
    "assemble",
    "escape",
    "finish",
    "plan",
    "prepare",
    "prepare_partition",
    "kernel_partition",
    "run_kernel",
]

#: The plan rows `reprint kernel plan` writes and `reprint kernel prepare` reads: one per file,
#: or per piece (`start`, `end`, `first_line`) of a large uncompressed JSONL file.
PLAN = pa.schema([
    pa.field("file", pa.uint32(), nullable=False),
    pa.field("path", pa.utf8(), nullable=False),
    pa.field("display", pa.utf8(), nullable=False),
    pa.field("kind", pa.utf8(), nullable=False),
    pa.field("folder_outlet", pa.utf8()),
    pa.field("rel_id", pa.utf8()),
    pa.field("bytes", pa.uint64(), nullable=False),
    pa.field("start", pa.uint64(), nullable=False),
    pa.field("end", pa.uint64()),
    pa.field("first_line", pa.uint32(), nullable=False),
])

#: The event rows `reprint kernel prepare` writes and `reprint kernel finish` reads.
EVENTS = pa.schema([
    pa.field("file", pa.uint32(), nullable=False),
    pa.field("start", pa.uint64(), nullable=False),
    pa.field("seq", pa.uint32(), nullable=False),
    pa.field("size", pa.uint64(), nullable=False),
    pa.field("found", pa.uint8(), nullable=False),
    pa.field("article", pa.binary()),
    pa.field("errors", pa.binary()),
])

#: The distinct texts `reprint kernel texts` writes: a text's exact key (its bits in a signed
#: column), its first paragraph among the rows given, its masked key (0: none), its LSH band
#: keys (null when it is too short for them) and its words (little-endian 32-bit hashes).
TEXTS = pa.schema([
    pa.field("key", pa.int64(), nullable=False),
    pa.field("file", pa.uint32(), nullable=False),
    pa.field("start", pa.uint64(), nullable=False),
    pa.field("seq", pa.uint32(), nullable=False),
    pa.field("para", pa.uint32(), nullable=False),
    pa.field("masked", pa.int64(), nullable=False),
    pa.field("bands", pa.list_(pa.int64())),
    pa.field("words", pa.binary(), nullable=False),
])

#: The rows `reprint kernel buckets` reads first: a text in a bucket of one band (`family` = the
#: band) or of the masked keys (`family` = -1).
NARROW_BUCKET_ROWS = pa.schema([
    pa.field("family", pa.int32(), nullable=False),
    pa.field("bucket", pa.int64(), nullable=False),
    pa.field("key", pa.int64(), nullable=False),
])

#: The rows of the buckets over the cap, with the place of each text's first paragraph, which
#: `reprint kernel buckets` reads again to link them as a chain and a star in that order.
BUCKET_ROWS = pa.schema([
    pa.field("family", pa.int32(), nullable=False),
    pa.field("bucket", pa.int64(), nullable=False),
    pa.field("file", pa.uint32(), nullable=False),
    pa.field("start", pa.uint64(), nullable=False),
    pa.field("seq", pa.uint32(), nullable=False),
    pa.field("para", pa.uint32(), nullable=False),
    pa.field("key", pa.int64(), nullable=False),
])

#: The pairs `reprint kernel buckets` writes: `kind` 0 a band pair, 1 a masked pair (either
#: order), 2 a count of buckets over the cap (in `a`), 3 a text of a bucket over the cap (`a` its
#: key, `b` the bucket, with its `family`), to be given again with its place.
PAIRS = pa.schema([
    pa.field("kind", pa.uint8(), nullable=False),
    pa.field("a", pa.int64(), nullable=False),
    pa.field("b", pa.int64(), nullable=False),
    pa.field("family", pa.int32(), nullable=False),
])

#: The rows `reprint kernel verify` reads: a band pair with both texts' words.
VERIFY_ROWS = pa.schema([
    pa.field("a", pa.int64(), nullable=False),
    pa.field("b", pa.int64(), nullable=False),
    pa.field("words_a", pa.binary(), nullable=False),
    pa.field("words_b", pa.binary(), nullable=False),
])

#: What `reprint kernel verify` writes: each pair's comparison.
VERIFIED = pa.schema([
    pa.field("a", pa.int64(), nullable=False),
    pa.field("b", pa.int64(), nullable=False),
    pa.field("near", pa.bool_(), nullable=False),
    pa.field("jaccard", pa.float32(), nullable=False),
    pa.field("edit", pa.float32()),
    pa.field("capped", pa.bool_(), nullable=False),
])

#: What `reprint kernel owners` writes: an article's outlet (`kind` 0: `outlet`, the place of
#: its record, the outlet's `name` as it spells it, its URL's `host`) or a text an outlet
#: carries (`kind` 1: `key`, `outlet`).
OWNERS = pa.schema([
    pa.field("kind", pa.uint8(), nullable=False),
    pa.field("outlet", pa.utf8(), nullable=False),
    pa.field("file", pa.uint32()),
    pa.field("start", pa.uint64()),
    pa.field("seq", pa.uint32()),
    pa.field("name", pa.utf8()),
    pa.field("host", pa.utf8()),
    pa.field("key", pa.int64()),
])

#: The rows `reprint kernel outlets` reads: the article rows of `OWNERS`, grouped by outlet.
ARTICLE_OWNERS = pa.schema([f for f in OWNERS if f.name not in ("kind", "key")])

#: What `reprint kernel outlets` writes: each outlet's own words (little-endian 32-bit hashes).
OUTLETS = pa.schema([
    pa.field("outlet", pa.utf8(), nullable=False),
    pa.field("words", pa.binary(), nullable=False),
])

#: The rows `reprint kernel templates` reads: a near-duplicate pair with both texts' words and
#: the own words of each text's outlets, one item per outlet.
TEMPLATE_ROWS = pa.schema([
    pa.field("a", pa.int64(), nullable=False),
    pa.field("b", pa.int64(), nullable=False),
    pa.field("words_a", pa.binary(), nullable=False),
    pa.field("words_b", pa.binary(), nullable=False),
    pa.field("own_a", pa.list_(pa.binary())),
    pa.field("own_b", pa.list_(pa.binary())),
])

#: What `reprint kernel templates` writes: whether a pair is one site template filled in twice.
TEMPLATES = pa.schema([
    pa.field("a", pa.int64(), nullable=False),
    pa.field("b", pa.int64(), nullable=False),
    pa.field("template", pa.bool_(), nullable=False),
])

#: The kinds of `MATCHES` rows.
LSH_PAIR, MASKED_PAIR, CAPPED_BUCKETS = 0, 1, 2
#: ... of an engine that linked the texts itself: a text (`a`) and its component's label
#: (`b`); a component's weakest link (`a` its label; `jaccard`, `edit`); a count (`a` which,
#: `PAIR_COUNTS`; `b` how many).
COMPONENT_MEMBER, COMPONENT_SCORE, PAIR_COUNT = 4, 5, 6
#: The counts of `PAIR_COUNT` rows, by number.
PAIR_COUNTS = ("candidates", "accepted", "edit_computed", "edit_capped", "masked")

#: What `reprint kernel finish --matches` reads: the verified band pairs (`kind` 0), the masked
#: pairs (1) and the count of capped buckets (2, in `a`); or, from an engine that linked the
#: texts into components itself, the components (4, 5), the counts (6) and capped buckets.
MATCHES = pa.schema([pa.field("kind", pa.uint8(), nullable=False)]
                    + [pa.field(f.name, f.type) for f in VERIFIED])

_SIGNED = {
    pa.uint8(): pa.int16(),
    pa.uint16(): pa.int32(),
    pa.uint32(): pa.int64(),
    pa.uint64(): pa.int64(),
}


def _spark_schema(schema: pa.Schema) -> pa.Schema:
    return pa.schema([
        pa.field(f.name, _SIGNED.get(f.type, f.type), nullable=True) for f in schema
    ])


#: The same rows as Spark holds them: unsigned integers widened to signed ones.
SPARK_PLAN = _spark_schema(PLAN)
SPARK_EVENTS = _spark_schema(EVENTS)

SPARK_TEXTS = _spark_schema(TEXTS)
SPARK_PAIRS = _spark_schema(PAIRS)
SPARK_VERIFIED = _spark_schema(VERIFIED)
SPARK_OWNERS = _spark_schema(OWNERS)
SPARK_OUTLETS = _spark_schema(OUTLETS)
SPARK_TEMPLATES = _spark_schema(TEMPLATES)

_DDL_TYPES = {
    pa.int16(): "short", pa.int32(): "int", pa.int64(): "long", pa.float32(): "float",
    pa.bool_(): "boolean", pa.binary(): "binary", pa.utf8(): "string",
}


def _ddl_type(t: pa.DataType) -> str:
    if pa.types.is_list(t):
        return f"array<{_ddl_type(t.value_type)}>"
    return _DDL_TYPES[t]


def _ddl(schema: pa.Schema) -> str:
    """A schema of Spark's types as Spark's DDL (the output schema `mapInArrow` is given)."""
    return ", ".join(f"{f.name} {_ddl_type(f.type)}" for f in schema)


#: The DDL of the kernels' rows in Spark, the output schemas of `mapInArrow`.
SPARK_EVENTS_DDL = _ddl(SPARK_EVENTS)
SPARK_TEXTS_DDL = _ddl(SPARK_TEXTS)
SPARK_PAIRS_DDL = _ddl(SPARK_PAIRS)
SPARK_VERIFIED_DDL = _ddl(SPARK_VERIFIED)
SPARK_OWNERS_DDL = _ddl(SPARK_OWNERS)
SPARK_OUTLETS_DDL = _ddl(SPARK_OUTLETS)
SPARK_TEMPLATES_DDL = _ddl(SPARK_TEMPLATES)

#: The first byte of an event row's `errors` when it holds a problem with a file itself (it
#: could not be opened, or reading it failed), which ends the reading of that file.
FILE_PROBLEM = 1


class KernelError(ReprintError):
    """A kernel subcommand failed; the message names it and quotes its standard error."""

    def __init__(self, kernel: str, returncode: int | None, stderr: str, detail: str = ""):
        shown = escape(_last_lines(stderr, 20)) or "(nothing on standard error)"
        status = f"exit status {returncode}" if returncode is not None else "no exit status"
        head = f"reprint {kernel} failed ({status})"
        if detail:
            head += f": {detail}"
        super().__init__(f"{head}\n{shown}", stderr, returncode)
        self.kernel = kernel


def escape(text: str) -> str:
    """Text safe to print: control characters other than newline and tab (and lone surrogates)
    written as escapes, so that corpus text in a message cannot drive the terminal."""
    out = []
    for c in text:
        o = ord(c)
        if c in "\n\t":
            out.append(c)
        elif o < 0x20 or 0x7F <= o < 0xA0 or 0xD800 <= o < 0xE000 or o in (0x2028, 0x2029):
            out.append(f"\\u{o:04x}" if o > 0xFF else f"\\x{o:02x}")
        else:
            out.append(c)
    return "".join(out)


def _last_lines(text: str, n: int) -> str:
    return "\n".join(text.strip().splitlines()[-n:])


def cast_to(table_or_batch, schema: pa.Schema):
    """The rows with the columns of `schema`, in its order and types: as a kernel reads them,
    or as Spark holds them (`SPARK_PLAN`, `SPARK_EVENTS`). A value out of a type's range raises
    rather than wraps."""
    cols = [table_or_batch.column(f.name).cast(f.type, safe=True) for f in schema]
    if isinstance(table_or_batch, pa.RecordBatch):
        return pa.RecordBatch.from_arrays(cols, schema=schema)
    return pa.Table.from_arrays(cols, schema=schema)


def _config_args(config: str | os.PathLike | None) -> list[str]:
    return ["--config", os.fspath(config)] if config is not None else []


def _shown_args(shown_as: Iterable[str]) -> list[str]:
    return [f"--shown-as={name}" for name in shown_as]


def _run(kernel: str, args: list[str], *, cwd=None) -> subprocess.CompletedProcess:
    proc = subprocess.run(args, capture_output=True, cwd=cwd, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise KernelError(kernel, proc.returncode, proc.stderr.decode("utf-8", "replace"))
    return proc


def plan(paths: Iterable[str], config=None, *, binary: str | None = None, cwd=None,
         piece_bytes: int | None = None, shown_as: Iterable[str] = ()) -> pa.Table:
    """`reprint kernel plan`: one row per input file, in walk order, or per piece of about
    `piece_bytes` (default: the kernel's, 64 MiB) of a larger uncompressed JSONL file (`PLAN`).
    `shown_as`: how the files of each path are named (`--shown-as`, one per path, or none)."""
    binary = binary or find_reprint_bin()
    args = [binary, "kernel", "plan", *_config_args(config), *_shown_args(shown_as)]
    if piece_bytes is not None:
        args += ["--piece-bytes", str(piece_bytes)]
    args += ["--", *paths]
    proc = _run("kernel plan", args, cwd=cwd)
    try:
        table = pa.ipc.open_stream(proc.stdout).read_all()
    except pa.ArrowException as e:
        raise KernelError("kernel plan", 0, proc.stderr.decode("utf-8", "replace"),
                          f"its output is not an Arrow stream ({e})") from None
    return cast_to(table, PLAN.with_metadata(params_of(table.schema)))


def _stream_through(kernel: str, args: list[str], batches: Iterable[pa.RecordBatch],
                    schema: pa.Schema, *, cwd=None, stdout=None, accept=(0,),
                    status: dict | None = None) -> Iterator[pa.RecordBatch]:
    """Runs a kernel with `batches` (cast to `schema`) as an Arrow stream on its standard input,
    from a thread, so that neither side waits on a full pipe. With `stdout=None` it yields the
    batches of the stream the kernel writes; else the kernel writes to that file and nothing
    is yielded. An exit status outside `accept` raises `KernelError` with the kernel's standard
    error; `status`, when given, receives the exit status and the standard error."""
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            args, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE if stdout is None else stdout,
            stderr=err, cwd=cwd,
        )
        failure: list[BaseException] = []

        def feed():
            try:
                with pa.ipc.new_stream(proc.stdin, schema) as writer:
                    for batch in batches:
                        writer.write_batch(cast_to(batch, schema).replace_schema_metadata(
                            schema.metadata))
            except (BrokenPipeError, OSError) as e:
                # The kernel stopped reading: its exit status and messages say why.
                if not isinstance(e, BrokenPipeError) and proc.poll() is None:
                    failure.append(e)
            except BaseException as e:  # noqa: BLE001 - handed to the reading side
                failure.append(e)
                proc.kill()
            finally:
                try:
                    proc.stdin.close()
                except OSError:
                    pass

        feeder = threading.Thread(target=feed, name=f"reprint {kernel} input", daemon=True)
        feeder.start()
        bad_output = None
        try:
            if stdout is None:
                try:
                    reader = pa.ipc.open_stream(proc.stdout)
                    for batch in reader:
                        yield batch
                except pa.ArrowException as e:
                    bad_output = e
                finally:
                    # Drain what is left, so the kernel is never stuck writing.
                    proc.stdout.read()
                    proc.stdout.close()
        except BaseException:
            proc.kill()
            raise
        finally:
            feeder.join()
            code = proc.wait()
        err.seek(0)
        messages = err.read().decode("utf-8", "replace")
        if status is not None:
            status.update(returncode=code, stderr=messages)
        if failure:
            raise failure[0]
        if code not in accept:
            raise KernelError(kernel, code, messages)
        if bad_output is not None:
            raise KernelError(kernel, code, messages,
                              f"its output is not an Arrow stream ({bad_output})")


def params_of(schema: pa.Schema) -> dict[bytes, bytes]:
    """The fingerprint parameters and version a kernel's stream carries in its metadata; given
    back to the next kernel, it refuses rows made under other ones."""
    return {k: v for k, v in (schema.metadata or {}).items()
            if k.startswith(b"reprint.param.") or k == b"reprint.version"}


def run_kernel(name: str, batches: Iterable[pa.RecordBatch], schema: pa.Schema, config=None,
               *, binary: str | None = None, cwd=None,
               params: dict | None = None) -> Iterator[pa.RecordBatch]:
    """`reprint kernel NAME` with `batches` (cast to `schema`) on its standard input; yields
    the batches it writes. `params` (`params_of` the stream the rows came from) go along in
    the input's metadata, to be checked."""
    binary = binary or find_reprint_bin()
    args = [binary, "kernel", name, *_config_args(config)]
    schema = schema.with_metadata(params) if params else schema
    yield from _stream_through(f"kernel {name}", args, batches, schema, cwd=cwd)


def prepare(batches: Iterable[pa.RecordBatch], config=None, *, binary: str | None = None,
            cwd=None, params: dict | None = None) -> Iterator[pa.RecordBatch]:
    """`reprint kernel prepare`: plan rows in, the event rows of those files out (`EVENTS`)."""
    yield from run_kernel("prepare", batches, PLAN, config, binary=binary, cwd=cwd,
                          params=params)


def finish(batches: Iterable[pa.RecordBatch], paths: Iterable[str], config=None, *,
           parts: str | os.PathLike | None = None, options: Iterable[str] = (),
           binary: str | None = None, cwd=None, params: dict | None = None,
           in_order: bool = False, matches: str | os.PathLike | None = None,
           shown_as: Iterable[str] = ()) -> dict:
    """`reprint kernel finish`: every event row of the corpus in (any order), the audit out:
    as parts in `parts` when given, else as `options` (`--format json -o FILE`) say. With
    `in_order` the rows come sorted by `file, start, seq` (Spark sorted them) and the kernel takes
    them as they come (`--sorted`) instead of holding them all to sort them itself.

    Returns `{"returncode", "stderr"}`. Like `reprint audit`, the kernel exits 2 when some
    files or records could not be read, and still writes the audit; with `parts`, that exit
    is accepted when the parts were written (their `parts.json` is there).

    `matches`: an Arrow stream file of `MATCHES` rows, the matching stages' results, taken
    instead of matching the texts in the kernel. `shown_as`: how the files of each path are
    named, as `plan` names them."""
    binary = binary or find_reprint_bin()
    args = [binary, "kernel", "finish", *_config_args(config), *_shown_args(shown_as)]
    if matches is not None:
        args += ["--matches", os.fspath(matches)]
    if parts is not None:
        args += ["--parts", os.fspath(parts)]
    if in_order:
        args.append("--sorted")
    args += [*options, "--", *paths]
    status: dict = {}
    schema = EVENTS.with_metadata(params) if params else EVENTS
    for _ in _stream_through("kernel finish", args, batches, schema, cwd=cwd,
                             stdout=subprocess.DEVNULL, accept=(0, 2), status=status):
        pass
    code = status["returncode"]
    written = parts is not None and (Path(parts) / "parts.json").is_file()
    if code != 0 and not written:
        raise KernelError("kernel finish", code, status["stderr"])
    return status


def assemble(parts: str | os.PathLike, out: str | os.PathLike, *,
             binary: str | None = None) -> None:
    """`reprint dist assemble`: the parts `finish` wrote, stitched into the audit document."""
    binary = binary or find_reprint_bin()
    _run("dist assemble", [binary, "dist", "assemble", os.fspath(parts), "--out", os.fspath(out)])


def executor_binary(driver_binary: str | None) -> str:
    """The `reprint` command on an executor: the driver's when the same path exists here (one
    node, or the same install everywhere), else `$REPRINT_BIN` here, else one shipped with
    `spark-submit --files`, else the one installed beside this package."""
    if driver_binary and Path(driver_binary).is_file() and os.access(driver_binary, os.X_OK):
        return driver_binary
    named = os.environ.get("REPRINT_BIN")
    if named and Path(named).is_file():
        return named
    try:
        from pyspark import SparkFiles

        shipped = Path(SparkFiles.get("reprint"))
        if shipped.is_file():
            if not os.access(shipped, os.X_OK):
                shipped.chmod(shipped.stat().st_mode | stat.S_IXUSR)
            return str(shipped)
    except Exception:  # noqa: BLE001 - no SparkFiles here: fall through
        pass
    return find_reprint_bin()


def prepare_partition(driver_binary: str | None, config: str | None, cwd: str | None,
                      params: dict | None = None):
    """The function `mapInArrow` runs on each partition of plan rows: its files' events, in
    `SPARK_EVENTS` types. A partition without rows starts no kernel."""
    return kernel_partition("prepare", PLAN, SPARK_EVENTS, driver_binary, config, cwd, params)


def kernel_partition(name: str, schema_in: pa.Schema, schema_out: pa.Schema,
                     driver_binary: str | None, config: str | None, cwd: str | None,
                     params: dict | None = None):
    """The function `mapInArrow` runs on each partition: `reprint kernel NAME` on its rows
    (cast to `schema_in`, with `params` in their metadata), its rows out in `schema_out`
    (Spark's types). A partition without rows starts no kernel."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        batches = iter(batches)
        first = None
        for b in batches:
            if b.num_rows:
                first = b
                break
        if first is None:
            return

        def rows():
            yield first
            for b in batches:
                if b.num_rows:
                    yield b

        here = cwd if cwd and os.path.isdir(cwd) else None
        binary = executor_binary(driver_binary)
        for out in run_kernel(name, rows(), schema_in, config, binary=binary, cwd=here,
                              params=params):
            yield cast_to(out, schema_out)

    return run
