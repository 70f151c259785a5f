"""Inputs on an object store or a cluster file system (`s3a://`, `hdfs://`, `gs://`, `abfs://`,
`file://`: any URL Hadoop reads): listed with Hadoop's file system API on the driver, copied
once by the executors (Spark's `binaryFile` source) into the work folder, under one folder per
URL, and from there read by the kernels as a local folder, named by their URLs in every message
and report. The kernels' own walk of those folders decides what is read, in what order, with
which ids and outlets, so a corpus gives the same audit from a URL as from a local folder."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa

from reprint import ReprintError

__all__ = ["is_url", "Fetched", "fetch"]

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

#: What the copying tasks return: each file written and its size.
_WRITTEN = pa.schema([("local", pa.string()), ("bytes", pa.int64())])
_WRITTEN_DDL = "local string, bytes bigint"


def is_url(path: str) -> bool:
    """Whether a path names a file system by its scheme (`s3a://bucket/news`), and so is read
    through Hadoop rather than as a local path."""
    return _URL.match(path) is not None


class Fetched:
    """Where each URL was copied: the local path given to the kernels in its place."""

    def __init__(self, roots: dict[str, str]):
        self.roots = roots

    def local(self, path: str) -> str:
        return self.roots.get(path, path)

    def to_json(self) -> dict:
        return {"roots": self.roots}

    @classmethod
    def from_json(cls, data: dict) -> Fetched:
        return cls(dict(data["roots"]))


def _hidden(rel: str) -> bool:
    """A name the walk passes over: any part of it starting with a dot."""
    return any(part.startswith(".") for part in rel.split("/"))


def _list(spark, url: str, base: Path) -> tuple[str, list[tuple[str, str, int]]]:
    """The files under `url` (a folder, searched through, or one file) as `(qualified path,
    local path under base, bytes)`, and the local path that stands for `url`. Hidden names are
    left out, as the walk leaves them."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(url)
    try:
        fs = path.getFileSystem(conf)
        status = fs.getFileStatus(path)
    except Exception as e:  # noqa: BLE001 - a Py4J error: its Java message says why
        raise ReprintError(f"{url}: cannot be read ({_java_message(e)})") from None
    if not status.isDirectory():
        name = status.getPath().getName()
        return str(base / name), [(status.getPath().toString(), str(base / name),
                                   int(status.getLen()))]
    root = fs.makeQualified(path).toString().rstrip("/")
    files = []
    found = fs.listFiles(path, True)
    while found.hasNext():
        s = found.next()
        full = s.getPath().toString()
        if not full.startswith(root + "/"):
            raise ReprintError(f"{url}: listed {full}, which is not under {root}")
        rel = full[len(root) + 1:]
        if not _hidden(rel):
            files.append((full, str(base / rel), int(s.getLen())))
    return str(base), files


def _java_message(e: Exception) -> str:
    java = getattr(e, "java_exception", None)
    text = java.toString() if java is not None else str(e)
    return text.strip().splitlines()[0] if text.strip() else type(e).__name__


def _write_whole(path: Path, data: bytes) -> None:
    """Writes a file whole or not at all (a task tried again writes it again)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".partial")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _write_partition(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Runs on the executors: writes each row's content to its local path."""
    for b in batches:
        locals_ = b.column(b.schema.get_field_index("local")).to_pylist()
        contents = b.column(b.schema.get_field_index("content"))
        sizes = []
        for i, local in enumerate(locals_):
            data = contents[i].as_py() or b""
            _write_whole(Path(local), data)
            sizes.append(len(data))
        yield pa.RecordBatch.from_arrays([pa.array(locals_, pa.string()),
                                          pa.array(sizes, pa.int64())], schema=_WRITTEN)


def _read_on_driver(spark, full: str) -> bytes:
    """A file's bytes read through Hadoop on the driver: for what `binaryFile` does not give
    (empty files, names Spark takes for its own such as `_x.txt`)."""
    jvm = spark._jvm
    path = jvm.org.apache.hadoop.fs.Path(full)
    stream = path.getFileSystem(spark._jsc.hadoopConfiguration()).open(path)
    try:
        return bytes(stream.readAllBytes())
    finally:
        stream.close()


def fetch(spark, paths: Sequence[str], inputs: Path, plan_names) -> Fetched:
    """Copies the files under each URL among `paths` into `inputs/<n>/`, keeping their
    layout. Files reprint does not read are left empty there (the walk names them as unread
    all the same); which those are, `plan_names(local_paths)` says: the local paths the
    kernels' walk reads. Returns where each URL went."""
    roots: dict[str, str] = {}
    listing: list[tuple[str, str, int]] = []
    for n, url in enumerate(paths):
        if is_url(url) and url not in roots:
            local, files = _list(spark, url, inputs / str(n))
            roots[url] = local
            listing += files
    # Every name first, empty: the walk of these folders then says which files it reads.
    for _, local, _ in listing:
        _write_whole(Path(local), b"")
    read = set(plan_names(list(roots.values())))
    wanted = [(full, local, size) for full, local, size in listing if local in read]
    written: dict[str, int] = {}
    if any(size for _, _, size in wanted):
        files = spark.createDataFrame([(full, local) for full, local, _ in wanted],
                                      "path string, local string")
        contents = (spark.read.format("binaryFile")
                    .load([full for full, _, size in wanted if size])
                    .select("path", "content"))
        for row in (files.join(contents, "path")
                    .select("local", "content")
                    .mapInArrow(_write_partition, _WRITTEN_DDL)
                    .collect()):
            written[row["local"]] = row["bytes"]
    for full, local, size in wanted:
        if local not in written:
            data = _read_on_driver(spark, full) if size else b""
            _write_whole(Path(local), data)
            written[local] = len(data)
        if written[local] != size:
            raise ReprintError(f"{full}: listed as {size} bytes, but {written[local]} were read")
    return Fetched(roots)
