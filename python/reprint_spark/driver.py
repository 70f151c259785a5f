"""The audit as Spark stages: fetch (inputs named by URL, copied into the work folder by the
executors: `fetch.py`); plan on the driver; prepare on the executors; match (the texts of
each partition, merged by key; their buckets grouped and turned into candidate pairs; the pairs
deduplicated, joined with both texts' words and verified; and, when they are too many for the
driver, the verified pairs linked into components, site templates dropped first) in Spark and
the kernels; finish and assemble on the driver. Each stage's result is kept under the work
folder with a marker file, so that `resume=True` skips the stages a previous run finished."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa

from reprint import ReprintError, find_reprint_bin

from . import kernels
from .fetch import Fetched, fetch, is_url
from .kernels import SPARK_EVENTS, SPARK_EVENTS_DDL, SPARK_PLAN

__all__ = ["FETCH", "STAGES", "audit", "spark_session"]

#: The stage before them when some inputs are URLs: their files copied into the work folder.
FETCH = "fetch"

#: The stages, in order.
STAGES = ("plan", "prepare", "match", "finish", "assemble")

#: The file that marks a folder as written by this package: only such a folder is ever
#: emptied or replaced.
OWNER = ".reprint_spark"

#: Corpus bytes from which a run needs 64-bit fingerprint keys (`_check_key_bits`).
WIDE_KEYS_FROM = 64 << 30

#: The JVM heap of a local session this package starts.
LOCAL_DRIVER_MEMORY = "4g"

#: Bytes of prepared rows (as Parquet) per partition of the sort.
SORTED_PARTITION_BYTES = 64 << 20

#: Where texts are linked into components: "driver" (`reprint kernel finish`, by union-find on
#: the driver), "spark" (large-star/small-star rounds in Spark) or "auto" (the driver while
#: the links number at most `DRIVER_LINKS_MAX`).
COMPONENTS = ("auto", "driver", "spark")

#: Most links (near-duplicate pairs and masked pairs) the driver takes to link itself when
#: `components="auto"`; more are linked in Spark. `finish` holds each as a pair of keys with
#: its comparison (a few tens of bytes) beside the store, so this many stay well under the
#: store of a corpus that yields them. A bound by that reckoning, not one measured at this size.
DRIVER_LINKS_MAX = 50_000_000

#: Outlets' own words given per text to the `templates` kernel: the rule takes the words of a
#: text at most four outlets carry (`TEMPLATE_MAX_OUTLETS` in the kernel), so one more tells it
#: that a text is carried by more; the rest are never read.
OWN_OUTLETS_GIVEN = 5


def spark_session(master: str | None = None, app_name: str = "reprint"):
    """The Spark session to run on: the one already running (as under `spark-submit`), else a
    new one on `master` (default `local[*]`), its web UI off, its Python workers this Python."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    # Without a master, spark-submit's applies: the cluster's, or `local[*]`.
    # No web UI, and no console progress bars (the stages log their own lines).
    builder = (SparkSession.builder.appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false"))
    if master:
        builder = builder.master(master)
    if (master or "").startswith("local") and "spark.driver.memory" not in os.environ.get(
            "PYSPARK_SUBMIT_ARGS", ""):
        # A local session's executors live in the driver's JVM, whose default heap (1 GB) is
        # too small for the rows of a 1 GB corpus passing through it.
        builder = builder.config("spark.driver.memory", LOCAL_DRIVER_MEMORY)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _log(message: str, quiet: bool) -> None:
    if not quiet:
        print(f"reprint_spark: {kernels.escape(message)}", file=sys.stderr, flush=True)


class _Folder:
    """A folder this package writes, and may replace, only when its owner marker says so."""

    def __init__(self, path: Path, what: str):
        self.path = path
        self.what = what

    @property
    def owned(self) -> bool:
        return (self.path / OWNER).is_file()

    def identity(self) -> dict | None:
        try:
            return json.loads((self.path / OWNER).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def is_empty(self) -> bool:
        return not self.path.exists() or not any(self.path.iterdir())

    def claim(self, identity: dict) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        (self.path / OWNER).write_text(json.dumps(identity, indent=1, sort_keys=True) + "\n",
                                       encoding="utf-8")

    def remove(self, name: str) -> None:
        """Removes an entry of this folder; only ever called on an owned folder."""
        assert self.owned, self.path
        target = self.path / name
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        elif target.exists() or target.is_symlink():
            target.unlink()


def _identity(paths: Sequence[str], config: str | None, binary: str, cwd: str) -> dict:
    """What a run's results depend on, but the files' contents: a resumed run must match it."""
    conf = None
    if config is not None:
        conf = hashlib.sha256(Path(config).read_bytes()).hexdigest()
    version = subprocess.run([binary, "--version"], capture_output=True, text=True,
                             stdin=subprocess.DEVNULL).stdout.strip()
    return {
        "tool": "reprint_spark",
        "paths": list(paths),
        "cwd": cwd,
        "config_sha256": conf,
        "reprint": version,
    }


def audit(
    paths: Sequence[str | os.PathLike],
    out: str | os.PathLike,
    *,
    work: str | os.PathLike | None = None,
    config: str | os.PathLike | None = None,
    partitions: int | None = None,
    resume: bool = False,
    spark=None,
    master: str | None = None,
    quiet: bool = False,
    piece_bytes: int | None = None,
    components: str = "auto",
) -> dict:
    """Audits `paths` on Spark and writes `OUT/audit.json` (what `reprint audit PATHS --format
    json` writes) and `OUT/parts/` (its head, findings as JSON lines, and tail).

    `components`: where the verified pairs are linked into components (`COMPONENTS`): on the
    driver by `reprint kernel finish`, or in Spark when they are too many for the driver.

    `paths` may be URLs of any file system Hadoop reads (`s3a://news/2024/`, `hdfs://...`):
    their files are copied into the work folder first (the `fetch` stage), which every node
    must see, and named by their URLs in the report.

    Returns `{stage: "ran" | "skipped"}` (`fetch` too when some paths are URLs), the
    seconds each took under `"seconds"`, and the
    exit status and messages of `reprint kernel finish` under `"returncode"` and `"stderr"`:
    2 when some files or records could not be read (they are in the report's `errors`), as
    `reprint audit` exits.
    """
    if not paths:
        raise ReprintError("no paths were given")
    if components not in COMPONENTS:
        raise ReprintError(f"components must be one of {', '.join(COMPONENTS)}, not "
                           f"{components!r}")
    paths = [os.fspath(p) for p in paths]
    cwd = os.getcwd()
    out_dir = _Folder(Path(out).absolute(), "the output folder")
    work_dir = _Folder(Path(work).absolute() if work is not None else out_dir.path / "_work",
                       "the work folder")
    config = os.path.abspath(config) if config is not None else None
    if config is not None and not Path(config).is_file():
        raise ReprintError(f"the config {config!r} is not a file")
    binary = find_reprint_bin()
    identity = _identity(paths, config, binary, cwd)
    _take_folders(out_dir, work_dir, identity, resume)

    stages_dir = work_dir.path / "stages"
    stages_dir.mkdir(exist_ok=True)
    report: dict = {"seconds": {}}

    def done(stage: str) -> bool:
        return resume and (stages_dir / f"{stage}.done").is_file()

    def mark(stage: str, info: dict) -> None:
        (stages_dir / f"{stage}.done").write_text(json.dumps(info, sort_keys=True) + "\n",
                                                  encoding="utf-8")

    def skip(stage: str) -> None:
        report[stage] = "skipped"
        report["seconds"][stage] = 0.0
        _log(f"{stage}: finished by an earlier run, skipped", quiet)

    def begin(stage: str) -> float:
        """A stage that runs: its marker goes until it is done again, and every later stage
        runs again too."""
        nonlocal rerun
        rerun = True
        (stages_dir / f"{stage}.done").unlink(missing_ok=True)
        return time.monotonic()

    def ran(stage: str, t: float, info: dict, what: str) -> None:
        mark(stage, info)
        report[stage] = "ran"
        seconds = report["seconds"][stage] = time.monotonic() - t
        _log(f"{stage}: {what} in {seconds:.1f}s", quiet)

    # 0. fetch, when some inputs are URLs: listed on the driver, copied by the executors.
    remote = [p for p in paths if is_url(p)]
    fetched = Fetched({})
    if not remote:
        pass
    elif done(FETCH):
        skip(FETCH)
        fetched = Fetched.from_json(
            json.loads((stages_dir / f"{FETCH}.done").read_text(encoding="utf-8")))
    else:
        t = begin(FETCH)
        spark = spark or spark_session(master)
        inputs = work_dir.path / "inputs"
        if inputs.exists():
            shutil.rmtree(inputs)

        def read_by_walk(local: list[str]) -> list[str]:
            names = kernels.plan(local, config, binary=binary, piece_bytes=0)
            return names.column("path").to_pylist()

        fetched = fetch(spark, paths, inputs, read_by_walk)
        ran(FETCH, t, fetched.to_json(), f"{len(remote)} URL(s) copied into {inputs}")
    local_paths = [fetched.local(p) for p in paths]
    shown_as = paths if remote else []

    plan_file = work_dir.path / "plan.arrows"
    prepared = work_dir.path / "prepared"
    parts = out_dir.path / "parts"
    audit_json = out_dir.path / "audit.json"
    # A stage that runs again invalidates every later one.
    rerun = False

    # 1. plan, on the driver.
    if done("plan") and plan_file.is_file():
        skip("plan")
        with pa.ipc.open_stream(plan_file.read_bytes()) as r:
            plan = r.read_all()
    else:
        t = begin("plan")
        plan = kernels.plan(local_paths, config, binary=binary, piece_bytes=piece_bytes,
                            shown_as=shown_as)
        with pa.OSFile(str(plan_file), "wb") as f, pa.ipc.new_stream(f, plan.schema) as w:
            w.write_table(plan)
        ran("plan", t, {"files": plan.num_rows}, f"{plan.num_rows} file(s) or pieces")

    _check_key_bits(plan)

    # 2. prepare, on the executors.
    if not rerun and done("prepare") and prepared.is_dir():
        skip("prepare")
    else:
        t = begin("prepare")
        spark = spark or spark_session(master)
        n = partitions or max(1, min(plan.num_rows, 4 * spark.sparkContext.defaultParallelism))
        files = spark.createDataFrame(kernels.cast_to(plan, SPARK_PLAN))
        events = files.repartition(n, "file", "start").mapInArrow(
            kernels.prepare_partition(binary, config, cwd, kernels.params_of(plan.schema)),
            SPARK_EVENTS_DDL,
        )
        events.write.mode("overwrite").parquet(str(prepared))
        ran("prepare", t, {"partitions": n}, f"{n} partition(s)")

    # 3. match, in Spark and the kernels.
    matches = work_dir.path / "matches.arrows"
    if not rerun and done("match") and matches.is_file():
        skip("match")
    else:
        t = begin("match")
        spark = spark or spark_session(master)
        counts = _match(spark, prepared, work_dir.path, matches, binary, config, cwd,
                        kernels.params_of(plan.schema), components)
        linked = (f", linked in Spark into {counts['components']} components"
                  if "components" in counts else "")
        ran("match", t, counts, f"{counts['texts']} distinct texts, {counts['candidates']} "
            f"candidate pairs, {counts['masked']} masked pairs{linked}")

    # 4. finish, on the driver, fed the prepared rows in order.
    if not rerun and done("finish") and parts.is_dir():
        skip("finish")
        status = json.loads((stages_dir / "finish.done").read_text(encoding="utf-8"))
    else:
        t = begin("finish")
        spark = spark or spark_session(master)
        out_dir.remove("parts")
        sorted_dir = work_dir.path / "sorted"
        _sorted_rows(spark, prepared).write.mode("overwrite").parquet(str(sorted_dir))
        status = kernels.finish(_sorted_batches(sorted_dir), local_paths, config, parts=parts,
                                binary=binary, params=kernels.params_of(plan.schema),
                                in_order=True, matches=matches, shown_as=shown_as)
        _unreadable(status, quiet)
        ran("finish", t, {"returncode": status["returncode"], "stderr": status["stderr"]},
            f"{parts} written")

    # 5. assemble, on the driver.
    if not rerun and done("assemble") and audit_json.is_file():
        skip("assemble")
    else:
        t = begin("assemble")
        out_dir.remove("audit.json")
        kernels.assemble(parts, audit_json, binary=binary)
        ran("assemble", t, {}, f"{audit_json} written")
    # As `reprint audit` exits 2 when some file or record could not be read (the rest is
    # audited, and each one is in the report's `errors`), so does the CLI: this is its status.
    report["returncode"] = status["returncode"]
    report["stderr"] = status["stderr"]
    return report


def _match(spark, prepared: Path, work: Path, matches: Path, binary: str, config: str | None,
           cwd: str, params: dict, components: str = "auto") -> dict:
    """The matching stages: every join, group-by and deduplication here in Spark, the work
    within a group in a kernel. Writes the `MATCHES` rows `finish --matches` reads to
    `matches` and returns the counts: the verified and masked pairs themselves, or, when
    `components` says so, the components Spark linked them into."""
    from pyspark.sql import functions as F

    def kernel(name, schema_in, schema_out):
        return kernels.kernel_partition(name, schema_in, schema_out, binary, config, cwd, params)

    # The distinct texts of each partition of prepared rows, merged by key at the earliest
    # place (the order of text ids); every row of a key holds the same text, so the words,
    # bands and masked key of the earliest are the store's.
    texts_dir = work / "texts"
    place = ["file", "start", "seq", "para"]
    (_read_rows(spark, prepared)
     .mapInArrow(kernel("texts", kernels.EVENTS, kernels.SPARK_TEXTS), kernels.SPARK_TEXTS_DDL)
     .groupBy("key")
     .agg(F.min(F.struct(*place, "masked", "bands", "words")).alias("t"))
     .select("key", "t.*")
     .write.mode("overwrite").parquet(str(texts_dir)))
    texts = spark.read.parquet(str(texts_dir))

    # Each text in the bucket of each band key and of its masked key, the rows of a bucket in
    # one partition for the `buckets` kernel. The rows are narrow (`family, bucket, key`): a
    # bucket within the cap gives all its pairs, whatever their order; the texts of a bucket
    # over the cap come back, get their places joined in, and go through `buckets` again to
    # be linked as a chain and a star in the order of their places.
    banded = texts.where(F.col("bands").isNotNull()).select(
        F.posexplode("bands").alias("family", "bucket"), "key")
    masked = texts.where(F.col("masked") != 0).select(
        F.lit(-1).alias("family"), F.col("masked").alias("bucket"), "key")
    narrow_dir, pairs_dir = work / "narrow_pairs", work / "pairs"
    (banded.unionByName(masked)
     .repartition("family", "bucket")
     .mapInArrow(kernel("buckets", kernels.NARROW_BUCKET_ROWS, kernels.SPARK_PAIRS),
                 kernels.SPARK_PAIRS_DDL)
     .write.mode("overwrite").parquet(str(narrow_dir)))
    narrow = spark.read.parquet(str(narrow_dir))
    crowded = (narrow.where(F.col("kind") == 3)
               .select("family", F.col("b").alias("bucket"), F.col("a").alias("key"))
               .join(texts.select("key", *place), "key")
               .select("family", "bucket", *place, "key"))
    (narrow.where(F.col("kind") != 3)
     .unionByName(crowded.repartition("family", "bucket")
                  .mapInArrow(kernel("buckets", kernels.BUCKET_ROWS, kernels.SPARK_PAIRS),
                              kernels.SPARK_PAIRS_DDL))
     # A pair's order is settled when `finish` resolves it: one order for deduplicating.
     .select("kind",
             F.when(F.col("kind") < 2, F.least("a", "b")).otherwise(F.col("a")).alias("a"),
             F.when(F.col("kind") < 2, F.greatest("a", "b")).otherwise(F.col("b")).alias("b"),
             "family")
     .write.mode("overwrite").parquet(str(pairs_dir)))
    pairs = spark.read.parquet(str(pairs_dir))

    # A pair found in several bands is verified once, with both texts' words joined in.
    words = texts.select("key", "words")
    verified_dir = work / "verified"
    (pairs.where(F.col("kind") == 0).select("a", "b").distinct()
     .join(words.withColumnRenamed("key", "a").withColumnRenamed("words", "words_a"), "a")
     .join(words.withColumnRenamed("key", "b").withColumnRenamed("words", "words_b"), "b")
     .select("a", "b", "words_a", "words_b")
     .mapInArrow(kernel("verify", kernels.VERIFY_ROWS, kernels.SPARK_VERIFIED),
                 kernels.SPARK_VERIFIED_DDL)
     .write.mode("overwrite").parquet(str(verified_dir)))
    masked_dir = work / "masked"
    (pairs.where(F.col("kind") == 1).select("a", "b").distinct()
     .write.mode("overwrite").parquet(str(masked_dir)))
    capped = pairs.where(F.col("kind") == 2).agg(F.sum("a")).collect()[0][0] or 0

    schema = kernels.MATCHES.with_metadata(params) if params else kernels.MATCHES
    verified = spark.read.parquet(str(verified_dir))
    masked = spark.read.parquet(str(masked_dir))
    if components == "spark" or (components == "auto" and (
            verified.where(F.col("near")).count() + masked.count() > DRIVER_LINKS_MAX)):
        n = _link(spark, prepared, work, texts, verified, masked, kernel)
        _write_matches(matches, schema, _component_rows(work, n["counts"], int(capped)))
        return {"texts": texts.count(), "candidates": n["counts"]["candidates"],
                "masked": n["counts"]["masked"], "capped_buckets": int(capped),
                "components": n["components"]}

    # The matches, for the driver's `finish`: a few rows per verified pair.
    counted = {kernels.LSH_PAIR: 0, kernels.MASKED_PAIR: 0}

    def pair_rows() -> Iterator[pa.RecordBatch]:
        for kind, folder in ((kernels.LSH_PAIR, verified_dir), (kernels.MASKED_PAIR, masked_dir)):
            for b in _parquet_batches(folder):
                counted[kind] += b.num_rows
                yield _match_rows(kind, dict(zip(b.schema.names, b.columns)), b.num_rows)
        if capped:
            yield _capped_row(int(capped))

    _write_matches(matches, schema, pair_rows())
    return {"texts": texts.count(), "candidates": counted[kernels.LSH_PAIR],
            "masked": counted[kernels.MASKED_PAIR], "capped_buckets": int(capped)}


def _link(spark, prepared: Path, work: Path, texts, verified, masked, kernel) -> dict:
    """Links the texts into components in Spark: the near-duplicate pairs but site templates,
    and the masked pairs. Each text's own words (its outlets' names and hosts) come from the
    `owners` kernel over the prepared rows and the `outlets` kernel over each outlet's
    articles; the `templates` kernel tells which near pairs are one site template filled in
    twice; large-star/small-star rounds link the rest. Writes the components (`node`,
    `component`: its smallest key) and each one's weakest link under `work`, and returns the
    counts of the pairs and the number of components."""
    from pyspark.sql import functions as F

    from .components import connected_components

    owners_dir, outlets_dir = work / "owners", work / "outlets"
    (_read_rows(spark, prepared)
     .mapInArrow(kernel("owners", kernels.EVENTS, kernels.SPARK_OWNERS),
                 kernels.SPARK_OWNERS_DDL)
     .write.mode("overwrite").parquet(str(owners_dir)))
    owners = spark.read.parquet(str(owners_dir))
    (owners.where(F.col("kind") == 0)
     .select(*kernels.ARTICLE_OWNERS.names)
     .repartition("outlet")
     .mapInArrow(kernel("outlets", kernels.ARTICLE_OWNERS, kernels.SPARK_OUTLETS),
                 kernels.SPARK_OUTLETS_DDL)
     .write.mode("overwrite").parquet(str(outlets_dir)))
    outlet_words = spark.read.parquet(str(outlets_dir))

    # Each end of a near pair with the own words of the outlets carrying it (a few of them:
    # `OWN_OUTLETS_GIVEN`, in the order of their names).
    near = verified.where(F.col("near"))
    ends = near.select(F.col("a").alias("key")).union(near.select(F.col("b").alias("key")))
    own = (owners.where(F.col("kind") == 1).select("key", "outlet").distinct()
           .join(ends.distinct(), "key", "left_semi")
           .join(outlet_words, "outlet")
           .groupBy("key")
           .agg(F.slice(F.sort_array(F.collect_list(F.struct("outlet", "words"))), 1,
                        OWN_OUTLETS_GIVEN).alias("own"))
           .select("key", F.col("own.words").alias("own")))
    words = texts.select("key", "words")

    def side(df, x: str):
        """`df` keyed by one end of a pair: `key` as `x`, every other column suffixed `_x`."""
        return df.select(F.col("key").alias(x),
                         *[F.col(c).alias(f"{c}_{x}") for c in df.columns if c != "key"])

    templates_dir = work / "templates"
    (near.select("a", "b")
     .join(side(words, "a"), "a").join(side(words, "b"), "b")
     .join(side(own, "a"), "a", "left").join(side(own, "b"), "b", "left")
     .select("a", "b", "words_a", "words_b", "own_a", "own_b")
     .mapInArrow(kernel("templates", kernels.TEMPLATE_ROWS, kernels.SPARK_TEMPLATES),
                 kernels.SPARK_TEMPLATES_DDL)
     .write.mode("overwrite").parquet(str(templates_dir)))
    kept = near.join(spark.read.parquet(str(templates_dir)).where(~F.col("template")),
                     ["a", "b"], "left_semi")

    # Components of the kept pairs and the masked pairs, and each one's weakest link: the
    # lowest Jaccard of its pairs, and their lowest edit similarity unless one has none.
    links = kept.select(F.col("a").alias("src"), F.col("b").alias("dst")).union(
        masked.select(F.col("a").alias("src"), F.col("b").alias("dst")))
    labels_dir, scores_dir = work / "components", work / "component_scores"
    (connected_components(links, checkpoint_dir=str(work / "checkpoints"))
     .write.mode("overwrite").parquet(str(labels_dir)))
    labels = spark.read.parquet(str(labels_dir))
    (kept.join(labels.withColumnRenamed("node", "a"), "a")
     .groupBy("component")
     .agg(F.min("jaccard").alias("jaccard"),
          F.when(F.count("edit") == F.count(F.lit(1)), F.min("edit")).alias("edit"))
     .write.mode("overwrite").parquet(str(scores_dir)))

    totals = verified.agg(
        F.count(F.lit(1)).alias("candidates"),
        F.count(F.when(F.col("near"), 1)).alias("accepted"),
        F.count("edit").alias("edit_computed"),
        F.count(F.when(F.col("capped"), 1)).alias("edit_capped"),
    ).collect()[0].asDict()
    totals["masked"] = masked.count()
    return {"counts": {k: int(totals[k] or 0) for k in kernels.PAIR_COUNTS},
            "components": labels.select("component").distinct().count()}


def _component_rows(work: Path, counts: dict, capped: int) -> Iterator[pa.RecordBatch]:
    """The `MATCHES` rows of components linked in Spark (`_link`): each text and its label,
    each component's weakest link, the counts and the capped buckets."""
    for b in _parquet_batches(work / "components"):
        yield _match_rows(kernels.COMPONENT_MEMBER,
                          {"a": b.column("node"), "b": b.column("component")}, b.num_rows)
    for b in _parquet_batches(work / "component_scores"):
        yield _match_rows(kernels.COMPONENT_SCORE,
                          {"a": b.column("component"), "b": pa.array([0] * b.num_rows, pa.int64()),
                           "jaccard": b.column("jaccard"), "edit": b.column("edit")}, b.num_rows)
    n = len(kernels.PAIR_COUNTS)
    yield _match_rows(kernels.PAIR_COUNT, {
        "a": pa.array(range(n), pa.int64()),
        "b": pa.array([counts[k] for k in kernels.PAIR_COUNTS], pa.int64())}, n)
    if capped:
        yield _capped_row(capped)


def _match_rows(kind: int, cols: dict, n: int) -> pa.RecordBatch:
    """`n` `MATCHES` rows of one kind: the columns given, the others null."""
    cols = {"kind": pa.array([kind] * n, pa.uint8()), **cols}
    return pa.RecordBatch.from_arrays(
        [cols.get(f.name, pa.nulls(n, f.type)) for f in kernels.MATCHES],
        names=kernels.MATCHES.names)


def _capped_row(capped: int) -> pa.RecordBatch:
    """The `MATCHES` row counting the buckets over the cap."""
    return _match_rows(kernels.CAPPED_BUCKETS, {"a": pa.array([capped], pa.int64()),
                                                "b": pa.array([0], pa.int64())}, 1)


def _write_matches(matches: Path, schema: pa.Schema, batches: Iterator[pa.RecordBatch]) -> None:
    """Writes the `MATCHES` stream `finish --matches` reads, whole or not at all."""
    tmp = matches.with_name(matches.name + ".partial")
    with pa.OSFile(str(tmp), "wb") as f, pa.ipc.new_stream(f, schema) as w:
        for b in batches:
            w.write_batch(kernels.cast_to(b, schema))
    tmp.replace(matches)


def _parquet_batches(folder: Path, batch_size: int = 65536) -> Iterator[pa.RecordBatch]:
    """The rows of the Parquet files Spark wrote into `folder`, file by file in name order."""
    import pyarrow.parquet as pq

    for part in sorted(folder.glob("part-*.parquet")):
        yield from pq.ParquetFile(part).iter_batches(batch_size=batch_size)


def _read_rows(spark, prepared: Path):
    """The prepared rows one machine would have read: a problem with a file itself (its first
    byte of `errors` is `kernels.FILE_PROBLEM`) ends the reading of that file there, so the rows
    of its later pieces are left out (`finish` leaves them out the same way)."""
    from pyspark.sql import functions as F

    rows = spark.read.parquet(str(prepared))
    stops = (rows.where(F.expr(f"substring(errors, 1, 1) = X'{kernels.FILE_PROBLEM:02X}'"))
             .groupBy("file").agg(F.min("start").alias("stop")))
    return (rows.join(F.broadcast(stops), "file", "left")
            .where(F.col("stop").isNull() | (F.col("start") <= F.col("stop")))
            .drop("stop"))


def _check_key_bits(plan: pa.Table) -> None:
    """Refuses 32-bit fingerprint keys on a corpus of `WIDE_KEYS_FROM` bytes or more: at that
    size chance collisions of 32-bit keys (about 25·n²/2³³ span pairs for n words) outnumber
    the real candidates, and each must be verified and dropped."""
    bits = kernels.params_of(plan.schema).get(b"reprint.param.key_bits", b"32")
    files = plan.select(["file", "bytes"]).to_pylist()
    total = sum({r["file"]: r["bytes"] for r in files}.values())
    if bits == b"32" and total >= WIDE_KEYS_FROM:
        raise ReprintError(
            f"the corpus holds {total / 2**30:.0f} GiB: a run of that size needs 64-bit "
            f"fingerprint keys; set `[fingerprint] key_bits = 64` in the reprint.toml given "
            f"with --config"
        )


def _unreadable(status: dict, quiet: bool) -> None:
    if status["returncode"] != 0 and not quiet:
        print(kernels.escape(status["stderr"].rstrip()), file=sys.stderr, flush=True)


def _take_folders(out_dir: _Folder, work_dir: _Folder, identity: dict, resume: bool) -> None:
    """Claims the output and work folders, or refuses: a folder holding files this package did
    not write is never emptied, and a resumed run must be the same job as the one it resumes."""
    ours = ("parts", "audit.json")
    w, o = work_dir.path.resolve(), out_dir.path.resolve()
    if w == o or w in o.parents:
        raise ReprintError(f"the work folder {work_dir.path} must not hold the output folder")
    if not out_dir.owned and not out_dir.is_empty():
        clash = [n for n in (*ours, "_work") if (out_dir.path / n).exists()]
        if clash:
            raise ReprintError(
                f"{out_dir.path} holds {', '.join(clash)}, which reprint_spark did not write "
                f"(no {OWNER} file there); choose another output folder"
            )
    if not work_dir.is_empty() and not work_dir.owned:
        raise ReprintError(
            f"the work folder {work_dir.path} holds files reprint_spark did not write "
            f"(no {OWNER} file there); choose another with --work"
        )
    if resume and work_dir.owned:
        before = work_dir.identity()
        if before != identity:
            changed = sorted(k for k in identity if (before or {}).get(k) != identity[k])
            raise ReprintError(
                f"--resume: the work folder {work_dir.path} is of another job (its "
                f"{', '.join(changed) or 'marker'} differ); run without --resume to start over"
            )
    elif work_dir.owned:
        # A fresh run over an earlier one of ours: start the work folder again.
        shutil.rmtree(work_dir.path)
    out_dir.claim({"tool": "reprint_spark"})
    if not resume:
        for name in ours:
            out_dir.remove(name)
    work_dir.claim(identity)


def _sorted_rows(spark, prepared: Path):
    """The prepared rows sorted by `file, start, seq` in Spark: range-partitioned into an
    explicit number of partitions (which adaptive execution does not coalesce into one large
    one) and sorted within each."""
    size = sum(f.stat().st_size for f in prepared.rglob("*.parquet"))
    # About SORTED_PARTITION_BYTES a partition; for a small corpus, the session's shuffle
    # partitions up to 8 (each partition is a task and a file).
    shuffle = int(spark.conf.get("spark.sql.shuffle.partitions"))
    n = max(1, -(-size // SORTED_PARTITION_BYTES), min(shuffle, 8))
    return (spark.read.parquet(str(prepared))
            .repartitionByRange(n, "file", "start", "seq")
            .sortWithinPartitions("file", "start", "seq"))


def _sorted_batches(sorted_dir: Path) -> Iterator[pa.RecordBatch]:
    """The rows Spark sorted and wrote, in order, a row group at a time: a range-partitioned
    sort writes partition `i` (keys below those of `i + 1`) as the files `part-0000i-*`, so
    the files in name order hold the rows in order (`finish --sorted` checks it)."""
    yield from _parquet_batches(sorted_dir, batch_size=4096)
