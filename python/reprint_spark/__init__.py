"""reprint on Spark: the audit of a corpus too large for one machine, as Spark stages.

    python -m reprint_spark audit corpus/ --out results/ --master 'local[4]'
    spark-submit .../reprint_spark/__main__.py audit /shared/corpus --out /shared/results
    spark-submit .../reprint_spark/__main__.py audit s3a://news/2024/ --out /shared/results

or from Python:

    import reprint_spark
    reprint_spark.audit(["corpus/"], "results/", spark=spark)

writes `results/audit.json`, the document `reprint audit corpus/ --format json` writes. Inputs
named by URL (any file system Hadoop reads) are first copied into the work folder by the
executors (`fetch`), and named by their URLs in the report. The
files are listed on the driver (`reprint kernel plan`), read and fingerprinted on the executors
(`reprint kernel prepare`, in `mapInArrow`), and the findings worked out on the driver
(`reprint kernel finish`, then `reprint dist assemble`). See docs/spark.md.

`connected_components` labels the components of a graph given as a DataFrame of edges.
"""

from __future__ import annotations

from reprint import ReprintError, find_reprint_bin

from .components import connected_components
from .driver import FETCH, STAGES, audit, spark_session
from .kernels import KernelError

__all__ = [
    "FETCH",
    "KernelError",
    "ReprintError",
    "STAGES",
    "audit",
    "connected_components",
    "find_reprint_bin",
    "spark_session",
]
