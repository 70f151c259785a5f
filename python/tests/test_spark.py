"""reprint_spark on a local[2] Spark session against `reprint audit` run directly: the same
bytes for the seeds and for a generated corpus, whatever the shuffle partitions and adaptive
execution, with the matching stages as Spark shuffles and kernels (a crowded bucket over the cap
among them); a corpus named by URL; resuming; the kernels' errors; connected components against
a union-find."""

import gzip
import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark")
pa = pytest.importorskip("pyarrow")

import reprint  # noqa: E402
import reprint_spark  # noqa: E402
from reprint_spark import kernels  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

# --- a generated corpus ----------------------------------------------------------------------

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "dri", "nel", "pa", "sur", "ton", "bel", "qui",
             "ros", "ma", "den", "li", "gar", "fo", "shi"]


def make_corpus(root: Path) -> int:
    """A few hundred articles over several files: outlets as folders, .txt articles, JSON
    lines plain and gzipped, paragraphs reused across files and outlets, one id in two files,
    one malformed line. Returns the number of articles written. Deterministic."""
    rng = random.Random(20240301)
    words = sorted({"".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
                    for _ in range(600)})

    def sentence() -> str:
        s = " ".join(rng.choice(words) for _ in range(rng.randint(8, 16)))
        return s[0].upper() + s[1:] + "."

    def paragraph(n: int) -> str:
        return " ".join(sentence() for _ in range(n))

    wire = [paragraph(4) for _ in range(30)]
    footer = "Sign up for our morning newsletter to get the day's top stories in your inbox."
    outlets = ["valley-herald", "coast-tribune", "metro-daily", "river-post"]

    def article(i: int, outlet: str) -> dict:
        paras = [paragraph(rng.randint(2, 4)) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(0, 2)):
            paras.insert(rng.randint(0, len(paras)), rng.choice(wire))
        if outlet == "metro-daily" and i % 3 == 0:
            paras.append(footer)
        day = 1 + i % 28
        return {"id": f"{outlet[:5]}-{i:04d}", "source": outlet, "date": f"2024-03-{day:02d}",
                "title": sentence()[:60], "text": "\n\n".join(paras)}

    n = 0
    for k, outlet in enumerate(outlets):
        folder = root / outlet
        folder.mkdir(parents=True)
        arts = [article(100 * k + i, outlet) for i in range(75)]
        n += len(arts)
        if outlet == "valley-herald":
            for a in arts[:40]:
                (folder / f"{a['id']}.txt").write_text(
                    f"---\nsource: {outlet}\ndate: {a['date']}\n---\n{a['title']}\n\n{a['text']}\n",
                    encoding="utf-8")
            rest = arts[40:]
        else:
            rest = arts
        lines = [json.dumps(a, ensure_ascii=False) for a in rest]
        half = len(lines) // 2
        if outlet == "coast-tribune":
            # One id in two files.
            dup = dict(rest[-1], id=rest[0]["id"])
            lines[-1] = json.dumps(dup)
        if outlet == "metro-daily":
            lines.insert(10, '{"id": "broken", "text": "a line cut sho')
        if outlet == "river-post":
            with open(folder / "feed-1.jsonl.gz", "wb") as raw:
                with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
                    gz.write("".join(x + "\n" for x in lines[:half]).encode("utf-8"))
        else:
            (folder / "feed-1.jsonl").write_text("".join(x + "\n" for x in lines[:half]),
                                                 encoding="utf-8")
        (folder / "feed-2.jsonl").write_text("".join(x + "\n" for x in lines[half:]),
                                             encoding="utf-8")
    return n


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def binary():
    path = reprint.find_reprint_bin()
    probe = subprocess.run([path, "kernel", "plan", "--help"], capture_output=True)
    assert probe.returncode == 0, f"{path} has no kernel subcommands (built without `kernels`)"
    return path


@pytest.fixture(scope="module")
def spark():
    session = reprint_spark.spark_session("local[2]", app_name="reprint-tests")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    generated = tmp_path_factory.mktemp("generated") / "corpus"
    assert make_corpus(generated) == 300
    return {"seeds": [str(SEEDS)], "generated": [str(generated)]}


@pytest.fixture(scope="module")
def expected(binary, corpora, tmp_path_factory):
    """What `reprint audit` writes for each corpus: JSON, JSON lines, and its exit status."""
    out = {}
    for name, paths in corpora.items():
        d = tmp_path_factory.mktemp(f"ref-{name}")
        codes = []
        for fmt in ("json", "jsonl"):
            proc = subprocess.run(
                [binary, "audit", *paths, "--format", fmt, "-o", str(d / f"audit.{fmt}"),
                 "--no-progress"], capture_output=True)
            codes.append(proc.returncode)
        assert codes[0] == codes[1]
        out[name] = {"json": (d / "audit.json").read_bytes(),
                     "jsonl": (d / "audit.jsonl").read_bytes(), "returncode": codes[0]}
    return out


def findings_of(parts: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(parts.glob("findings-*.jsonl")))


# --- the audit -------------------------------------------------------------------------------


def test_the_generated_corpus_is_what_it_should_be(expected):
    report = json.loads(expected["generated"]["json"])
    assert report["summary"]["articles"] == 300
    places = sorted(e["place"].split("/corpus/")[1] for e in report["errors"])
    assert places == ["coast-tribune/feed-2.jsonl:38", "metro-daily/feed-1.jsonl:11"]
    assert expected["generated"]["returncode"] == 2
    assert any(f["kind"] == "reused_wording" for f in report["findings"])
    assert expected["seeds"]["returncode"] == 0


@pytest.mark.parametrize("shuffle", [1, 5])
@pytest.mark.parametrize("adaptive", [True, False])
@pytest.mark.parametrize("corpus", ["seeds", "generated"])
def test_the_audit_is_reprint_audit(spark, corpora, expected, tmp_path, corpus, shuffle,
                                    adaptive):
    spark.conf.set("spark.sql.shuffle.partitions", str(shuffle))
    spark.conf.set("spark.sql.adaptive.enabled", str(adaptive).lower())
    out = tmp_path / "out"
    # With adaptive execution off, large JSON lines files are also read in pieces of 4 KB.
    report = reprint_spark.audit(corpora[corpus], out, spark=spark, quiet=True,
                                 partitions=None if shuffle == 1 else 3,
                                 piece_bytes=None if adaptive else 4096)
    assert [report[s] for s in reprint_spark.STAGES] == ["ran"] * len(reprint_spark.STAGES)
    assert (out / "audit.json").read_bytes() == expected[corpus]["json"]
    assert findings_of(out / "parts") == expected[corpus]["jsonl"]
    assert report["returncode"] == expected[corpus]["returncode"]


def make_fetched_corpus(root: Path) -> None:
    """The seeds with what a walk treats apart: a folder Spark takes for its own (`_drafts`),
    a hidden folder, an empty article, a file of another format, and a `.json` array."""
    shutil.copytree(SEEDS, root)
    (root / "_drafts").mkdir()
    (root / "_drafts" / "council.txt").write_text(
        "Council budget draft.\n\nThe council met on Tuesday to weigh the harbour levy.\n",
        encoding="utf-8")
    (root / ".cache").mkdir()
    (root / ".cache" / "skipped.txt").write_text("never read\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "notes.md").write_text("not an article\n", encoding="utf-8")
    (root / "array.json").write_text(json.dumps([
        {"id": "harbour-1", "source": "bay-courier", "date": "2024-04-02",
         "text": "The harbour levy passed.\n\nFishing crews said it was too high."}]),
        encoding="utf-8")


def test_a_corpus_named_by_url_is_read_as_its_folder(spark, binary, tmp_path):
    """A folder given as a `file://` URL goes through Hadoop's listing and Spark's
    `binaryFile` copy: the audit is the one of the folder itself, its files named by URL."""
    corpus = tmp_path / "corpus"
    make_fetched_corpus(corpus)
    ref = tmp_path / "ref.json"
    proc = subprocess.run([binary, "audit", str(corpus), "--format", "json", "-o", str(ref),
                           "--no-progress"], capture_output=True)
    url = corpus.as_uri()
    report = reprint_spark.audit([url], tmp_path / "out", spark=spark, quiet=True)
    assert report[reprint_spark.FETCH] == "ran"
    assert report["returncode"] == proc.returncode == 2  # the empty article
    want = ref.read_bytes().replace(f"{corpus}/".encode(), f"{url}/".encode())
    assert (tmp_path / "out" / "audit.json").read_bytes() == want
    assert b"_drafts/council" in want and b"harbour-1" in want and b".cache" not in want
    resumed = reprint_spark.audit([url], tmp_path / "out", spark=spark, quiet=True,
                                  resume=True)
    assert resumed[reprint_spark.FETCH] == "skipped"
    with pytest.raises(reprint.ReprintError, match="cannot be read"):
        reprint_spark.audit([(tmp_path / "nowhere").as_uri()], tmp_path / "out2", spark=spark,
                            quiet=True)


def test_crowded_buckets_are_capped_as_on_one_machine(spark, binary, tmp_path):
    """Twelve variants of one paragraph under a bucket cap of 3: Spark's `buckets` kernels
    link the crowded buckets as a chain and a star, and the counts add up, as on one
    machine."""
    spark.conf.set("spark.sql.shuffle.partitions", "3")
    spark.conf.set("spark.sql.adaptive.enabled", "true")
    rng = random.Random(7)
    base = ["".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(40)]
    corpus = tmp_path / "crowded"
    corpus.mkdir()
    lines = []
    for i in range(12):
        words = list(base)
        words[3 * i % 40] = f"variant{i}"
        filler = " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(30))
        lines.append(json.dumps({"id": f"c{i}", "source": f"site{i % 4}",
                                 "date": f"2024-05-{1 + i:02d}",
                                 "text": f"{filler}.\n\n{' '.join(words)}."}))
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    config = tmp_path / "reprint.toml"
    config.write_text("[verify]\nmax_bucket_pairs = 3\n", encoding="utf-8")
    ref = tmp_path / "ref.json"
    proc = subprocess.run([binary, "--config", str(config), "audit", str(corpus), "--format",
                           "json", "-o", str(ref), "--no-progress"], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(ref.read_bytes())["summary"]["counters"]["capped_buckets"] > 0
    out = tmp_path / "out"
    report = reprint_spark.audit([str(corpus)], out, config=config, spark=spark, quiet=True)
    assert report["returncode"] == 0
    assert (out / "audit.json").read_bytes() == ref.read_bytes()


def make_template_corpus(root: Path) -> None:
    """Site templates among wire copy: one newsletter line filled in by three sites (one named
    in two spellings, one by its host alone), and another that six outlets carry; reused
    paragraphs with a word changed across outlets; equal short lines but for a number."""
    rng = random.Random(5)

    def words(n: int) -> str:
        return " ".join("".join(rng.choice(SYLLABLES) for _ in range(3)) for _ in range(n))

    tails = [words(36), words(36)]
    wire = [words(50) for _ in range(6)]
    sites = [("Harbor Ledger", "harborledger", 0), ("harbor ledger", "harborledger", 0),
             ("Capital Tribune", "capitaltribune", 0), (None, "riverdispatch", 0),
             ("Harbor Ledger", "harborledger", 1), ("Metro Wire", "metrowire", 1)]
    sites += [(f"Relay {i}", f"relay{i}", 1) for i in range(5)]
    lines = []
    for i, (name, host, tail) in enumerate(sites):
        named = name or host.capitalize()
        if tail == 1 and i > 4:
            named = "Metro Wire"
        copy = wire[i % len(wire)].split()
        copy[i % 50] = f"edit{i}"
        text = "\n\n".join([words(25), " ".join(copy),
                             f"This story was updated at {i} pm and may change.",
                             f"Sign up for the {named} newsletter {tails[tail]}"])
        record = {"id": f"t{i}", "url": f"https://www.{host}.example/story/{i}", "text": text,
                  "date": f"2024-06-{1 + i:02d}"}
        if name:
            record["source"] = name
        lines.append(json.dumps(record))
    root.mkdir(parents=True)
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("shuffle,adaptive", [(1, True), (5, False)])
def test_components_linked_in_spark_give_the_same_bytes(spark, binary, corpora, expected,
                                                        tmp_path, shuffle, adaptive):
    """With `components="spark"` the texts are linked by large-star/small-star in Spark, the
    site templates dropped by the `owners`, `outlets` and `templates` kernels first: the
    audit is still `reprint audit`'s, byte for byte."""
    spark.conf.set("spark.sql.shuffle.partitions", str(shuffle))
    spark.conf.set("spark.sql.adaptive.enabled", str(adaptive).lower())
    corpus = tmp_path / "templates"
    make_template_corpus(corpus)
    ref = tmp_path / "ref.json"
    proc = subprocess.run([binary, "audit", str(corpus), "--format", "json", "-o", str(ref),
                           "--no-progress"], capture_output=True)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(ref.read_bytes())

    def clustered(x: str, y: str) -> bool:
        """Whether the newsletter lines (each article's last paragraph) of x and y are in one
        cluster."""
        return any({(x, 3), (y, 3)} <= {(m["article"], m["paragraph"]) for m in c["members"]}
                   for c in report["clusters"])

    assert clustered("t0", "t1") and not clustered("t0", "t2") and not clustered("t2", "t3")
    assert clustered("t4", "t6") and clustered("t5", "t6")
    cases = [([str(corpus)], ref.read_bytes(), 0)]
    if shuffle == 1:
        cases.append((corpora["generated"], expected["generated"]["json"],
                      expected["generated"]["returncode"]))
    else:
        cases.append((corpora["seeds"], expected["seeds"]["json"], 0))
    for k, (paths, want, code) in enumerate(cases):
        out = tmp_path / f"out{k}"
        got = reprint_spark.audit(paths, out, spark=spark, quiet=True, components="spark",
                                  partitions=None if shuffle == 1 else 3)
        assert got["returncode"] == code
        assert (out / "audit.json").read_bytes() == want
        assert any((out / "_work" / "components").glob("part-*.parquet"))


def test_resume_skips_finished_stages(spark, corpora, expected, tmp_path):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    spark.conf.set("spark.sql.adaptive.enabled", "true")
    out, work = tmp_path / "out", tmp_path / "work"
    paths = corpora["generated"]
    first = reprint_spark.audit(paths, out, work=work, spark=spark, quiet=True, resume=True)
    assert [first[s] for s in reprint_spark.STAGES] == ["ran"] * len(reprint_spark.STAGES)
    # Everything done: nothing runs, not even a Spark session (the CLI in a fresh process).
    proc = subprocess.run(
        [sys.executable, "-m", "reprint_spark", "audit", *paths, "--out", str(out),
         "--work", str(work), "--resume"], capture_output=True, text=True)
    assert proc.returncode == expected["generated"]["returncode"], proc.stderr
    for stage in reprint_spark.STAGES:
        assert f"reprint_spark: {stage}: finished by an earlier run, skipped" in proc.stderr
    assert "Spark" not in proc.stderr
    # A run stopped after match: plan, prepare and match are skipped, the rest runs.
    (work / "stages" / "finish.done").unlink()
    (out / "audit.json").unlink()
    again = reprint_spark.audit(paths, out, work=work, spark=spark, quiet=True, resume=True)
    assert [again[s] for s in reprint_spark.STAGES] == ["skipped"] * 3 + ["ran"] * 2
    assert (out / "audit.json").read_bytes() == expected["generated"]["json"]
    # A run stopped after prepare: match runs again, and everything after it.
    (work / "stages" / "match.done").unlink()
    again = reprint_spark.audit(paths, out, work=work, spark=spark, quiet=True, resume=True)
    assert [again[s] for s in reprint_spark.STAGES] == ["skipped"] * 2 + ["ran"] * 3
    assert (out / "audit.json").read_bytes() == expected["generated"]["json"]
    # Another job's work folder is not resumed.
    with pytest.raises(reprint.ReprintError, match="another job"):
        reprint_spark.audit(corpora["seeds"], out, work=work, spark=spark, quiet=True,
                            resume=True)
    # Without --resume, a work folder of ours is started again.
    fresh = reprint_spark.audit(paths, out, work=work, spark=spark, quiet=True)
    assert [fresh[s] for s in reprint_spark.STAGES] == ["ran"] * len(reprint_spark.STAGES)
    assert (out / "audit.json").read_bytes() == expected["generated"]["json"]


def test_folders_it_did_not_write_are_left_alone(spark, corpora, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(reprint.ReprintError, match="did not write"):
        reprint_spark.audit(corpora["seeds"], tmp_path / "out", work=work, spark=spark,
                            quiet=True)
    out = tmp_path / "out2"
    (out / "parts").mkdir(parents=True)
    with pytest.raises(reprint.ReprintError, match="did not write"):
        reprint_spark.audit(corpora["seeds"], out, spark=spark, quiet=True)
    with pytest.raises(reprint.ReprintError, match="must not hold"):
        reprint_spark.audit(corpora["seeds"], tmp_path / "o3", work=tmp_path, spark=spark,
                            quiet=True)
    assert (work / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (out / "parts").is_dir()


# --- the kernels' errors ---------------------------------------------------------------------


def failing_kernel(tmp_path: Path, binary: str, stage: str) -> Path:
    """A `reprint` that fails `kernel STAGE` with a message holding a terminal escape, and
    runs the real one otherwise."""
    script = tmp_path / "reprint"
    script.write_text(
        f"#!{sys.executable}\n"
        "import os, sys\n"
        f"if sys.argv[1:3] == ['kernel', {stage!r}]:\n"
        "    sys.stdin.buffer.read()\n"
        "    sys.stderr.write('reprint: bad row \\x1b[31mred\\x1b[0m in file 3\\n')\n"
        "    sys.exit(3)\n"
        f"os.execv({binary!r}, [{binary!r}, *sys.argv[1:]])\n",
        encoding="utf-8")
    script.chmod(0o755)
    return script


def test_a_failing_kernel_is_named_with_its_messages(binary, tmp_path):
    fake = failing_kernel(tmp_path, binary, "prepare")
    plan = kernels.plan([str(SEEDS)], binary=binary)
    with pytest.raises(kernels.KernelError) as raised:
        list(kernels.prepare(plan.to_batches(), binary=str(fake)))
    message = str(raised.value)
    assert message.startswith("reprint kernel prepare failed (exit status 3)")
    assert "bad row \\x1b[31mred\\x1b[0m in file 3" in message
    assert "\x1b" not in message
    assert raised.value.returncode == 3 and "\x1b" in raised.value.stderr
    # A configuration error of the real binary: its own message.
    bad = tmp_path / "reprint.toml"
    bad.write_text("[align]\nnope = 1\n", encoding="utf-8")
    with pytest.raises(kernels.KernelError, match="(?s)kernel plan failed.*nope"):
        kernels.plan([str(SEEDS)], config=bad, binary=binary)


def test_a_failing_kernel_on_an_executor_stops_the_cli(binary, corpora, tmp_path):
    fake = failing_kernel(tmp_path, binary, "prepare")
    env = dict(os.environ, REPRINT_BIN=str(fake))
    proc = subprocess.run(
        [sys.executable, "-m", "reprint_spark", "audit", *corpora["seeds"], "--out",
         str(tmp_path / "out"), "--master", "local[1]", "--partitions", "2"],
        capture_output=True, text=True, env=env)
    assert proc.returncode == 1
    err = proc.stderr[proc.stderr.index("reprint_spark: error:"):]
    assert "reprint kernel prepare failed (exit status 3)" in err
    assert "bad row \\x1b[31mred" in err and "\x1b" not in err
    assert not (tmp_path / "out" / "audit.json").exists()


def test_a_corpus_at_scale_needs_64_bit_keys():
    from reprint_spark import driver

    def plan(sizes, bits):
        table = pa.table({"file": pa.array([0, 0, 1], pa.uint32()),
                          "bytes": pa.array(sizes, pa.uint64())})
        return table.replace_schema_metadata({b"reprint.param.key_bits": bits})

    # Pieces of one file count its size once.
    driver._check_key_bits(plan([40 << 30, 40 << 30, 1 << 30], b"32"))
    with pytest.raises(reprint.ReprintError, match="key_bits = 64"):
        driver._check_key_bits(plan([40 << 30, 40 << 30, 30 << 30], b"32"))
    driver._check_key_bits(plan([40 << 30, 40 << 30, 30 << 30], b"64"))


def test_rows_out_of_a_kernel_type_are_refused():
    batch = pa.RecordBatch.from_pydict(
        {"file": [2**32], "start": [0], "seq": [0], "size": [1], "found": [1], "article": [None],
         "errors": [None]}, schema=kernels.SPARK_EVENTS)
    with pytest.raises(pa.ArrowInvalid):
        kernels.cast_to(batch, kernels.EVENTS)


# --- connected components --------------------------------------------------------------------


def union_find(edges):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {n: find(n) for n in list(parent)}


def test_connected_components_match_a_union_find(spark, tmp_path):
    spark.conf.set("spark.sql.shuffle.partitions", "2")
    spark.conf.set("spark.sql.adaptive.enabled", "true")
    rng = random.Random(11)
    # A long chain numbered against its order, random edges, self-loops, a lone pair.
    chain = list(range(1000, 1100))
    rng.shuffle(chain)
    edges = list(zip(chain, chain[1:]))
    edges += [(rng.randrange(250), rng.randrange(250)) for _ in range(200)]
    edges += [(5000, 5000), (7001, 7000), (7000, 7001), (3, 3)]
    df = spark.createDataFrame(edges, "src long, dst long")
    got = {r["node"]: r["component"] for r in reprint_spark.connected_components(
        df, checkpoint_dir=tmp_path / "checkpoints", checkpoint_every=2).collect()}
    assert got == union_find(edges)
    assert got[5000] == 5000 and got[7001] == 7000
    assert len({got[n] for n in chain}) == 1 and got[chain[0]] == 1000
    assert any((tmp_path / "checkpoints").iterdir())
