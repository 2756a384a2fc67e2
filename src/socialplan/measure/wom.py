"""Word-of-mouth cascades: size, depth and structural virality of the trees under own posts.

A cascade is the tree of replies, shares and quotes that descends from one post
(``interaction_edges``: ``source_id`` answers or passes on ``target_id``; ``mention`` edges are
not part of a tree). Structural virality is the mean distance between all pairs of nodes of
the tree (Goel, Anderson, Hofman and Watts 2016): 1 for a star (broadcast: everyone shares the
original), growing with long person-to-person chains.

Why Python: the three measures need a walk up and down the tree, which SQL engines express
only with recursive queries that Ibis does not offer on every backend. Ibis reads the edges
(on any backend); nodes become dense integers (see :func:`cascade_stats`); this module then
works on integer arrays with NumPy in O(edges x log depth):

- roots and depths by pointer jumping (each step doubles the distance walked);
- subtree sizes by adding every node's size into its parent, deepest level first;
- the Wiener index of each tree, the sum of all pairwise distances, as the sum over the tree's
  edges of ``size_below x (n - size_below)`` (each edge lies on exactly that many paths);
- structural virality = Wiener index / (n (n - 1) / 2).

A node with two parents keeps the earliest edge; nodes caught in a cycle (bad data) are dropped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

from socialplan.measure.metrics import Filters, MetricValue, Period, Tables, posts_filtered

TREE_EDGE_KINDS = ("reply", "share", "quote")
_MAX_JUMPS = 64  # 2**64 levels: pointer jumping has converged long before, unless there is a cycle

IntArray = npt.NDArray[np.int64]


def cascade_trees(parent: IntArray) -> tuple[IntArray, IntArray, IntArray, npt.NDArray[np.float64], IntArray]:
    """For a forest given as ``parent`` (-1 at roots): root, depth, subtree size, Wiener index
    and the depth of the deepest node of each tree.

    ``root`` is -1 for nodes in or under a cycle; ``wiener`` and ``tree_depth`` are indexed by
    node and meaningful at roots.
    """
    n = parent.size
    idx = np.arange(n, dtype=np.int64)
    has_parent = parent >= 0
    jump = np.where(has_parent, parent, idx)
    dist = has_parent.astype(np.int64)
    for _ in range(_MAX_JUMPS):
        nxt = jump[jump]
        if np.array_equal(nxt, jump):
            break
        dist = dist + dist[jump]
        jump = nxt
    in_cycle = (jump[jump] != jump) | (has_parent & (jump == idx))
    in_cycle |= in_cycle[jump]  # hanging under a cycle is as bad as being in one
    root = np.where(in_cycle, -1, jump)
    depth = np.where(in_cycle, -1, dist)

    size = np.where(in_cycle, 0.0, 1.0)
    tree_depth = np.zeros(n, dtype=np.int64)
    ok = ~in_cycle & has_parent
    nodes = idx[ok]
    if nodes.size:
        levels = depth[nodes]
        # Radix sort for the usual shallow trees; a general sort for pathological chains.
        order = np.argsort(levels.astype(np.int16) if levels.max() < 2**15 else levels, kind="stable")
        nodes, levels = nodes[order], levels[order]
        cuts = np.flatnonzero(np.diff(levels)) + 1
        by_level = np.split(nodes, cuts)
        for level in by_level:  # shallow to deep: the last level seen is the deepest
            tree_depth[root[level]] = depth[level[0]]
        for level in reversed(by_level):  # deep to shallow: each size is complete before use
            if level.size * 64 > n:
                size += np.bincount(parent[level], weights=size[level], minlength=n)
            else:
                np.add.at(size, parent[level], size[level])
    tree_size = np.zeros(n)
    tree_size[~in_cycle] = size[root[~in_cycle]]
    below = size[ok]
    wiener = np.bincount(root[ok], weights=below * (tree_size[ok] - below), minlength=n)
    return root, depth, size.astype(np.int64), np.asarray(wiener, dtype=np.float64), tree_depth


@dataclass(frozen=True)
class CascadeStats:
    """The cascade under each filtered own post, independent of any window."""

    published: npt.NDArray[np.datetime64]  # day each post was published
    size: IntArray  # nodes in its cascade, itself included
    depth: IntArray  # longest chain under it
    wiener: npt.NDArray[np.float64]  # sum of all pairwise distances in its cascade


def cascade_stats(tables: Tables, filters: Filters) -> CascadeStats:
    """Walk every cascade under the filtered posts once: two plain reads, then NumPy.

    Nodes are (platform, id) pairs turned into dense integers. On DuckDB the backend hashes
    each pair to 64 bits (fast, in parallel; the chance that two of four million nodes share a
    hash is below one in a million); elsewhere, where the hash may be 32 bits (Spark), the ids
    are dictionary-encoded exactly with Arrow.
    """
    posts = posts_filtered(tables, filters)
    edges = tables.interaction_edges
    if filters.platforms:
        edges = edges.filter(edges.platform.isin(list(filters.platforms)))
    post_rows, size, depth, wiener = cascade_walk(posts, edges, {"day": posts.published_at.date()})
    return CascadeStats(
        published=np.asarray(post_rows["day"].to_numpy(zero_copy_only=False), dtype="datetime64[D]"),
        size=size,
        depth=depth,
        wiener=wiener,
    )


def cascade_walk(
    posts: ir.Table, edges: ir.Table, columns: dict[str, ir.Value]
) -> tuple[pa.Table, IntArray, IntArray, npt.NDArray[np.float64]]:
    """The cascade under each row of ``posts``: the rows' ``columns``, then size, depth and
    Wiener index aligned with them.

    A post's cascade depends only on its node, (platform, id), and on the tree edges of its
    platform: the same post gets the same numbers whichever other posts or platforms are read.
    """
    edges = edges.filter(edges.kind.isin(list(TREE_EDGE_KINDS)))
    if ibis.get_backend(posts).name == "duckdb":
        post_rows = posts.select(node=_node_hash(posts.platform, posts.post_id), **columns).to_pyarrow()
        arrow = edges.select(
            source=_node_hash(edges.platform, edges.source_id),
            target=_node_hash(edges.platform, edges.target_id),
            created_at=edges.created_at,
        ).to_pyarrow()
        keys = np.concatenate([_ints(post_rows["node"]), _ints(arrow["source"]), _ints(arrow["target"])])
        ids = np.asarray(pd.factorize(keys)[0], dtype=np.int64)
    else:
        # Key columns under names of their own: ``columns`` may hold a platform or post id too.
        post_rows = posts.select(__platform=posts.platform, __post_id=posts.post_id, **columns).to_pyarrow()
        arrow = edges.select("platform", "source_id", "target_id", "created_at").to_pyarrow()
        keys = pa.table({"platform": post_rows["__platform"], "post_id": post_rows["__post_id"]})
        ids = _exact_ids(keys, arrow)
    n_posts, n_edges = post_rows.num_rows, arrow.num_rows
    post_nodes = ids[:n_posts]
    sources = ids[n_posts : n_posts + n_edges]
    targets = ids[n_posts + n_edges :]
    # One parent per node: the earliest edge (a quote of a reply may also be logged as a share);
    # a tie in time goes to the smaller node code.
    n_nodes = int(ids.max(initial=-1)) + 1
    parent = np.full(n_nodes, -1, dtype=np.int64)
    several = np.bincount(sources, minlength=n_nodes)[sources] > 1
    parent[sources[~several]] = targets[~several]
    if several.any():  # only these need ordering, usually a handful
        rows = np.flatnonzero(several)
        created = arrow["created_at"].cast(pa.int64()).take(pa.array(rows))
        times = np.asarray(created.fill_null(np.iinfo(np.int64).max).to_numpy(), dtype=np.int64)
        order = rows[np.lexsort((targets[rows], times, sources[rows]))]
        first = order[np.r_[True, np.diff(sources[order]) != 0]]
        parent[sources[first]] = targets[first]

    root, depth, size, wiener, tree_depth = cascade_trees(parent)
    # An own post that is itself a reply or share roots its cascade at someone else's post;
    # its cascade is then the subtree under it.
    return (
        post_rows.select(list(columns)),
        size[post_nodes],
        _subtree_depth(post_nodes, parent, depth, root, tree_depth),
        _subtree_wiener(post_nodes, parent, root, size, wiener),
    )


def _node_hash(platform: ir.StringValue, node_id: ir.StringValue) -> ir.IntegerValue:
    return platform.concat(":", node_id).hash()


def _ints(column: pa.ChunkedArray) -> IntArray:
    return np.asarray(column.to_numpy(zero_copy_only=False), dtype=np.int64)


def _exact_ids(posts: pa.Table, edges: pa.Table) -> IntArray:
    """Dense node integers for posts, then sources, then targets, by exact (platform, id)."""
    ids = _codes([posts["post_id"], edges["source_id"], edges["target_id"]])
    platform_codes = _codes([posts["platform"], edges["platform"]])
    edge_platforms = platform_codes[posts.num_rows :]
    node_platforms = np.concatenate([platform_codes[: posts.num_rows], edge_platforms, edge_platforms])
    seen = np.full(int(ids.max(initial=-1)) + 1, -1, dtype=np.int64)
    seen[ids] = node_platforms
    if np.array_equal(seen[ids], node_platforms):  # every id lives on one network: the id is the node
        return ids
    platforms = int(platform_codes.max(initial=0)) + 1
    return np.asarray(pd.factorize(ids * platforms + node_platforms)[0], dtype=np.int64)


def _codes(parts: list[pa.ChunkedArray]) -> IntArray:
    """One integer per string over all the parts (a dictionary shared by every chunk)."""
    joined = pa.chunked_array([chunk for part in parts for chunk in part.chunks], type=pa.string())
    encoded = joined.dictionary_encode()
    if not encoded.num_chunks:
        return np.zeros(0, dtype=np.int64)
    return np.concatenate(
        [np.asarray(chunk.indices.to_numpy(zero_copy_only=False), dtype=np.int64) for chunk in encoded.chunks]
    )


def cascade_window_metrics(stats: CascadeStats, windows: Sequence[Period]) -> list[dict[str, MetricValue]]:
    """``cascade_size``, ``cascade_depth`` and ``structural_virality`` per window."""
    results: list[dict[str, MetricValue]] = []
    for window in windows:
        here = (stats.published >= np.datetime64(window.start)) & (stats.published <= np.datetime64(window.end))
        count = int(here.sum())
        sizes = stats.size[here].astype(np.float64)
        multi = sizes >= 2
        pairs = sizes[multi] * (sizes[multi] - 1) / 2
        virality = stats.wiener[here][multi] / pairs
        results.append(
            {
                "cascade_size": MetricValue(
                    float(sizes.sum() / count) if count else None, float(sizes.sum()), float(count)
                ),
                "cascade_depth": MetricValue(float(stats.depth[here].max()) if count else None),
                # fsum: the exactly rounded sum, the same whatever order the posts were read in
                # (from the canonical tables or from the rollup).
                "structural_virality": MetricValue(
                    math.fsum(virality) / virality.size if virality.size else None,
                    math.fsum(virality),
                    float(virality.size),
                ),
            }
        )
    return results


def cascade_metrics(tables: Tables, windows: Sequence[Period], filters: Filters) -> list[dict[str, MetricValue]]:
    """Cascade metrics per window in one call."""
    return cascade_window_metrics(cascade_stats(tables, filters), windows)


def _subtree_depth(nodes: IntArray, parent: IntArray, depth: IntArray, root: IntArray, max_depth: IntArray) -> IntArray:
    """Depth of the subtree under each node; exact for roots, which own posts nearly always are."""
    is_root = parent[nodes] < 0
    out = np.where(is_root, max_depth[nodes], 0)
    for i in np.flatnonzero(~is_root):
        out[i] = _descend_depth(int(nodes[i]), parent, depth, root)
    return out


def _subtree_wiener(
    nodes: IntArray, parent: IntArray, root: IntArray, size: IntArray, wiener: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    is_root = parent[nodes] < 0
    out = np.where(is_root, wiener[nodes], 0.0)
    for i in np.flatnonzero(~is_root):
        out[i] = _descend_wiener(int(nodes[i]), parent, root, size)
    return out


def _descendants(node: int, parent: IntArray, root: IntArray) -> IntArray:
    """Every node under ``node`` (itself included), by walking down level by level."""
    members = np.flatnonzero(root == root[node])
    found = np.array([node], dtype=np.int64)
    frontier = found
    while frontier.size:
        frontier = members[np.isin(parent[members], frontier)]
        found = np.concatenate([found, frontier])
    return found


def _descend_depth(node: int, parent: IntArray, depth: IntArray, root: IntArray) -> int:
    if root[node] < 0:
        return 0
    return int(depth[_descendants(node, parent, root)].max() - depth[node])


def _descend_wiener(node: int, parent: IntArray, root: IntArray, size: IntArray) -> float:
    if root[node] < 0:
        return 0.0
    under = _descendants(node, parent, root)
    below = size[under[1:]].astype(np.float64)
    return float((below * (size[node] - below)).sum())
