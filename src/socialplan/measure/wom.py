"""Word-of-mouth cascades: size, depth and structural virality of the trees under own posts.

A cascade is the tree of replies, shares and quotes that descends from one post
(``interaction_edges``: ``source_id`` answers or passes on ``target_id``; ``mention`` edges are
not part of a tree). Structural virality is the mean distance between all pairs of nodes of
the tree (Goel, Anderson, Hofman and Watts 2016): 1 for a star (broadcast: everyone shares the
original), growing with long person-to-person chains.

Why Python: the three measures need a walk up and down the tree, which SQL engines express
only with recursive queries that Ibis does not offer on every backend. Ibis selects and
de-duplicates the edges (on any backend); this module then works on integer arrays with NumPy
in O(edges x log depth):

- roots and depths by pointer jumping (each step doubles the distance walked);
- subtree sizes by adding every node's size into its parent, deepest level first;
- the Wiener index of each tree, the sum of all pairwise distances, as the sum over the tree's
  edges of ``size_below x (n - size_below)`` (each edge lies on exactly that many paths);
- structural virality = Wiener index / (n (n - 1) / 2).

A node with two parents keeps the earliest edge; nodes caught in a cycle (bad data) are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from socialplan.measure.metrics import Filters, MetricValue, Period, Tables, posts_in_scope

TREE_EDGE_KINDS = ("reply", "share", "quote")
_MAX_JUMPS = 64  # 2**64 levels: pointer jumping has converged long before, unless there is a cycle

IntArray = npt.NDArray[np.int64]


def _node_key(platform: pa.ChunkedArray, node_id: pa.ChunkedArray) -> pa.ChunkedArray:
    return pc.binary_join_element_wise(platform, node_id, ":")


def cascade_trees(parent: IntArray) -> tuple[IntArray, IntArray, IntArray, npt.NDArray[np.float64]]:
    """For a forest given as ``parent`` (-1 at roots): root, depth, subtree size, Wiener index.

    ``root`` is -1 for nodes in a cycle; ``wiener`` is indexed by node and meaningful at roots.
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
    in_cycle = jump[jump] != jump
    in_cycle |= has_parent & (jump == idx)
    root = np.where(in_cycle, -1, jump)
    depth = np.where(in_cycle, -1, dist)

    size = np.where(in_cycle, 0, 1).astype(np.int64)
    ok = ~in_cycle & has_parent
    order = idx[ok][np.argsort(-depth[ok], kind="stable")]
    if order.size:
        levels = depth[order]
        cuts = np.flatnonzero(np.diff(levels)) + 1
        for level in np.split(order, cuts):
            np.add.at(size, parent[level], size[level])
    tree_size = np.zeros(n, dtype=np.int64)
    tree_size[~in_cycle] = size[root[~in_cycle]]
    below = size[ok].astype(np.float64)
    wiener = np.bincount(root[ok], weights=below * (tree_size[ok] - below), minlength=n)
    return root, depth, size, np.asarray(wiener, dtype=np.float64)


def cascade_metrics(
    tables: Tables, windows: Sequence[Period], filters: Filters
) -> list[dict[str, MetricValue]]:
    """``cascade_size``, ``cascade_depth`` and ``structural_virality`` per window."""
    posts = posts_in_scope(tables, windows, filters).select("platform", "post_id", "w").to_pyarrow()
    edges = tables.interaction_edges
    edges = edges.filter(edges.kind.isin(list(TREE_EDGE_KINDS)))
    if filters.platforms:
        edges = edges.filter(edges.platform.isin(list(filters.platforms)))
    # One parent per node: the earliest edge (a quote of a reply may also be logged as a share).
    edges = edges.group_by(["platform", "source_id"]).aggregate(
        target_id=edges.target_id.argmin(edges.created_at)
    )
    arrow = edges.to_pyarrow()

    root_keys = _node_key(posts["platform"], posts["post_id"])
    source_keys = _node_key(arrow["platform"], arrow["source_id"])
    target_keys = _node_key(arrow["platform"], arrow["target_id"])
    every_key = pa.chunked_array(
        [*root_keys.chunks, *source_keys.chunks, *target_keys.chunks], type=pa.string()
    )
    codes = np.asarray(
        every_key.combine_chunks().dictionary_encode().indices.to_numpy(zero_copy_only=False),
        dtype=np.int64,
    )
    n_posts, n_edges = len(root_keys), len(source_keys)
    post_nodes = codes[:n_posts]
    sources = codes[n_posts : n_posts + n_edges]
    targets = codes[n_posts + n_edges :]
    n_nodes = int(codes.max()) + 1 if codes.size else 0
    parent = np.full(n_nodes, -1, dtype=np.int64)
    parent[sources] = targets

    root, depth, size, wiener = cascade_trees(parent)
    max_depth = np.zeros(n_nodes, dtype=np.int64)
    alive = root >= 0
    np.maximum.at(max_depth, root[alive], depth[alive])

    # Own posts that are themselves replies or shares of someone else's post root elsewhere;
    # their cascade is still the subtree under them.
    post_size = size[post_nodes]
    post_depth = _subtree_depth(post_nodes, parent, depth, root, max_depth)
    post_wiener = _subtree_wiener(post_nodes, parent, root, size, wiener)
    window = np.asarray(posts["w"].to_numpy(zero_copy_only=False), dtype=np.int64)

    results: list[dict[str, MetricValue]] = []
    for w in range(len(windows)):
        here = window == w
        count = int(here.sum())
        sizes = post_size[here].astype(np.float64)
        multi = sizes >= 2
        pairs = sizes[multi] * (sizes[multi] - 1) / 2
        virality = post_wiener[here][multi] / pairs
        results.append(
            {
                "cascade_size": MetricValue(
                    float(sizes.sum() / count) if count else None, float(sizes.sum()), float(count)
                ),
                "cascade_depth": MetricValue(float(post_depth[here].max()) if count else None),
                "structural_virality": MetricValue(
                    float(virality.mean()) if virality.size else None,
                    float(virality.sum()),
                    float(virality.size),
                ),
            }
        )
    return results


def _subtree_depth(
    nodes: IntArray, parent: IntArray, depth: IntArray, root: IntArray, max_depth: IntArray
) -> IntArray:
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
