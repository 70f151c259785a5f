"""`python -m reprint_spark audit PATH... --out OUTDIR`, or on a cluster
`spark-submit .../reprint_spark/__main__.py audit PATH... --out OUTDIR`."""

from __future__ import annotations

import argparse
import os
import sys

if __package__ in (None, ""):
    # Run as a file (spark-submit .../reprint_spark/__main__.py): import the package beside it.
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m reprint_spark",
        description="Runs reprint's audit as Spark stages (docs/spark.md).",
    )
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "audit",
        help="audit files and folders; writes OUTDIR/audit.json",
        description="Audits PATHs on Spark and writes OUTDIR/audit.json, the document "
        "`reprint audit PATH... --format json` writes, and OUTDIR/parts/.",
    )
    a.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders, as reprint audit reads, or their URLs on any file "
                        "system Hadoop reads (s3a://bucket/news/, hdfs://...), copied into the "
                        "work folder first")
    a.add_argument("--out", required=True, metavar="OUTDIR", help="the output folder")
    a.add_argument("--work", metavar="WORKDIR",
                   help="where stages keep their results, a folder every node sees "
                        "(default: OUTDIR/_work)")
    a.add_argument("--master", help="the Spark master, e.g. 'local[2]' (default: spark-submit's)")
    a.add_argument("--config", metavar="FILE", help="a reprint.toml")
    a.add_argument("--partitions", type=int, metavar="N",
                   help="partitions of the prepare stage (default: 4 per core, at most one per file)")
    a.add_argument("--piece-bytes", type=int, metavar="BYTES",
                   help="read uncompressed JSONL files larger than this in pieces of about "
                        "this size on separate executors (default 64 MiB; 0: whole files)")
    a.add_argument("--components", choices=("auto", "driver", "spark"), default="auto",
                   help="where near-duplicate texts are linked into components: on the driver, "
                        "in Spark, or in Spark only when the links are too many for the driver "
                        "(default)")
    a.add_argument("--resume", action="store_true",
                   help="skip the stages an earlier run of the same job finished")
    a.add_argument("--quiet", action="store_true", help="no progress lines on standard error")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    from reprint_spark import ReprintError, audit
    from reprint_spark.kernels import escape

    if args.partitions is not None and args.partitions < 1:
        print("reprint_spark: --partitions must be at least 1", file=sys.stderr)
        return 2
    if args.piece_bytes is not None and args.piece_bytes < 0:
        print("reprint_spark: --piece-bytes must not be negative", file=sys.stderr)
        return 2
    try:
        report = audit(
            args.paths, args.out, work=args.work, config=args.config,
            partitions=args.partitions, resume=args.resume, master=args.master,
            quiet=args.quiet, piece_bytes=args.piece_bytes, components=args.components,
        )
    except ReprintError as e:
        print(f"reprint_spark: error: {escape(str(e))}", file=sys.stderr)
        return 2
    except Exception as e:  # a Spark job failed: its message holds the executor's error
        text = str(e)
        at = text.find("reprint kernel ")
        shown = text[at:] if at >= 0 else text
        print(f"reprint_spark: error: {escape(shown.strip())}", file=sys.stderr)
        return 1
    return 2 if report["returncode"] else 0


if __name__ == "__main__":
    sys.exit(main())
