"""Connected components of a graph held as a Spark DataFrame of edges, by alternating
large-star and small-star rounds (Kiveris et al., "Connected Components in MapReduce and
Beyond", 2014), each a few joins and aggregations, converging in O(log² n) rounds."""

from __future__ import annotations

import os

__all__ = ["connected_components"]

#: Edges per shuffle partition in the rounds: each round is a few shuffles of the whole edge
#: list, and on a small list the tasks of many near-empty partitions are most of its time.
EDGES_PER_PARTITION = 1 << 20


def connected_components(edges, *, checkpoint_dir: str | os.PathLike | None = None,
                         checkpoint_every: int = 3, max_rounds: int = 200):
    """`(node: long, component: long)` for every node of `edges` (columns `src` and `dst`,
    integers; undirected; self-loops allowed, nulls ignored), the component labelled by its
    smallest node, so the labels are canonical.

    Every `checkpoint_every` rounds the edges are checkpointed (into `checkpoint_dir`, which
    becomes the Spark context's checkpoint folder; without it, the one already set), which
    cuts the plan's lineage so that it does not grow with the rounds. The rounds shuffle into
    one partition per `EDGES_PER_PARTITION` edges, at most `spark.sql.shuffle.partitions`;
    the result is computed (and checkpointed) before it is returned, with those partitions.
    """
    spark = edges.sparkSession
    sc = spark.sparkContext
    if checkpoint_dir is not None:
        sc.setCheckpointDir(os.fspath(checkpoint_dir))
    elif sc.getCheckpointDir() is None:
        raise ValueError("connected_components needs a checkpoint folder: pass checkpoint_dir")
    if checkpoint_every < 1:
        raise ValueError("checkpoint_every must be at least 1")

    conf = spark.conf
    configured = conf.get("spark.sql.shuffle.partitions")
    n_edges = edges.count()
    conf.set("spark.sql.shuffle.partitions",
             str(max(1, min(int(configured), -(-n_edges // EDGES_PER_PARTITION)))))
    try:
        return _components(edges, checkpoint_every, max_rounds).checkpoint()
    finally:
        conf.set("spark.sql.shuffle.partitions", configured)


def _components(edges, checkpoint_every: int, max_rounds: int):
    """`connected_components`, once the checkpoint folder and the partitions are set."""
    from pyspark.sql import functions as F
    from pyspark.storagelevel import StorageLevel

    src, dst = F.col("src"), F.col("dst")
    given = edges.select(src.cast("long").alias("src"), dst.cast("long").alias("dst")).where(
        src.isNotNull() & dst.isNotNull()
    )
    nodes = (
        given.select(src.alias("node")).union(given.select(dst.alias("node"))).distinct()
    )
    # Each edge once, from its larger end to its smaller one; self-loops only name a node.
    current = (
        given.where(src != dst)
        .select(F.greatest(src, dst).alias("src"), F.least(src, dst).alias("dst"))
        .distinct()
    ).checkpoint()

    for round_ in range(1, max_rounds + 1):
        # Large star: every neighbour larger than u is linked to the smallest of u's
        # neighbourhood, u included.
        both = current.union(current.select(dst.alias("src"), src.alias("dst")))
        low = both.groupBy("src").agg(F.min("dst").alias("m"))
        large = (
            both.join(low, "src")
            .where(dst > src)
            .select(dst.alias("src"), F.least(F.col("m"), src).alias("dst"))
            .distinct()
        )
        # Small star: u and its smaller neighbours are linked to the smallest of them.
        low = large.groupBy("src").agg(F.min("dst").alias("m"))
        small = (
            large.join(low, "src")
            .where(dst != F.col("m"))
            .select(dst.alias("src"), F.col("m").alias("dst"))
            .union(low.select(src, F.col("m").alias("dst")))
            .distinct()
        )
        # Persisted first, so that a checkpoint writes what was computed once.
        small = small.persist(StorageLevel.MEMORY_AND_DISK)
        if round_ % checkpoint_every == 0:
            small = small.checkpoint()
        previous, current = current, small
        if _is_stars(current):
            break
        previous.unpersist()
    else:
        raise RuntimeError(f"connected_components did not converge in {max_rounds} rounds")

    return (
        nodes.join(current, nodes["node"] == current["src"], "left")
        .select(nodes["node"], F.coalesce(current["dst"], nodes["node"]).alias("component"))
    )


def _is_stars(edges) -> bool:
    """Whether the edges are stars: every node links to at most one node, and a node linked to
    links to none. Each star is then a whole component, its centre its smallest node."""
    from pyspark.sql import functions as F

    linked = edges.groupBy("src").agg(F.count("*").alias("n"))
    if linked.where(F.col("n") > 1).limit(1).count():
        return False
    centres = edges.select(F.col("dst").alias("c")).distinct()
    return centres.join(edges, centres["c"] == edges["src"], "left_semi").limit(1).count() == 0
