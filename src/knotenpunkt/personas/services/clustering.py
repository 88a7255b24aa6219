"""Clustering of feature vectors with scikit-learn's KMeans (docs/personas.md, "Method").

k is chosen by the silhouette score among 2 … min(8, n // 5) (or given, as by the demo);
a cluster of fewer than MIN_SIZE people is merged into the cluster with the nearest
centroid until every cluster has at least MIN_SIZE people. With fewer than MIN_SIZE
people in all there are no personas. Everything is deterministic: people in id order,
features in name order, a fixed random_state.
"""

import warnings
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.exceptions import ConvergenceWarning
from sklearn.metrics import silhouette_score

MIN_SIZE = 5
MAX_K = 8
RANDOM_STATE = 0
SILHOUETTE_SAMPLE = 2000


@dataclass
class Segment:
    person_ids: list[int]
    centroid: dict[str, float]


@dataclass
class Result:
    segments: list[Segment] = field(default_factory=list)
    tried: dict[int, float] = field(default_factory=dict)  # k → silhouette score
    chosen_k: int = 0
    merged: int = 0
    dropped: int = 0


def _matrix(vectors: dict[int, dict[str, float]]) -> tuple[list[int], list[str], np.ndarray]:
    ids = sorted(vectors)
    names = sorted({name for vector in vectors.values() for name in vector})
    column = {name: i for i, name in enumerate(names)}
    matrix = np.zeros((len(ids), max(1, len(names))))
    for row, person_id in enumerate(ids):
        for name, value in vectors[person_id].items():
            matrix[row, column[name]] = value
    return ids, names, matrix


def _kmeans(matrix: np.ndarray, k: int) -> np.ndarray:
    with warnings.catch_warnings():
        # Fewer distinct people than k: KMeans says so and returns fewer clusters; fine.
        warnings.simplefilter("ignore", ConvergenceWarning)
        return KMeans(n_clusters=k, random_state=RANDOM_STATE, n_init=10).fit_predict(matrix)


def _choose_k(matrix: np.ndarray, fixed: int | None) -> tuple[np.ndarray, dict[int, float], int]:
    n = matrix.shape[0]
    k_max = min(MAX_K, n // MIN_SIZE)
    if fixed is not None and min(fixed, k_max) >= 2:
        k = min(fixed, k_max)
        return _kmeans(matrix, k), {}, k
    if k_max < 2:
        return np.zeros(n, dtype=int), {}, 1
    best = (None, -2.0, 1)
    tried = {}
    for k in range(2, k_max + 1):
        labels = _kmeans(matrix, k)
        if len(set(labels.tolist())) < 2:
            continue
        score = float(
            silhouette_score(
                matrix,
                labels,
                sample_size=min(n, SILHOUETTE_SAMPLE),
                random_state=RANDOM_STATE,
            )
        )
        tried[k] = round(score, 4)
        if score > best[1] + 1e-9:
            best = (labels, score, k)
    if best[0] is None:
        return np.zeros(n, dtype=int), tried, 1
    return best[0], tried, best[2]


def _merge_small(matrix: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, int]:
    """Merge clusters below MIN_SIZE, smallest first, into the one with the nearest centroid."""
    labels = labels.copy()
    merged = 0
    while True:
        present, sizes = np.unique(labels, return_counts=True)
        small = [
            (size, label) for label, size in zip(present, sizes, strict=True) if size < MIN_SIZE
        ]
        if not small or len(present) < 2:
            return labels, merged
        _size, label = min(small)
        centroids = {other: matrix[labels == other].mean(axis=0) for other in present}
        own = centroids[label]
        nearest = min(
            (other for other in present if other != label),
            key=lambda other: (float(np.linalg.norm(centroids[other] - own)), other),
        )
        labels[labels == label] = nearest
        merged += 1


def cluster(vectors: dict[int, dict[str, float]], k: int | None = None) -> Result:
    """Segments of at least MIN_SIZE people, largest first, with their centroids; `k` fixes
    the number of clusters tried (the demo wants three) instead of the silhouette's choice."""
    if len(vectors) < MIN_SIZE:
        return Result(dropped=len(vectors))
    ids, names, matrix = _matrix(vectors)
    labels, tried, chosen_k = _choose_k(matrix, k)
    labels, merged = _merge_small(matrix, labels)
    segments = []
    for label in np.unique(labels):
        rows = np.flatnonzero(labels == label)
        centre = matrix[rows].mean(axis=0)
        centroid = {
            names[i]: round(float(v), 4)
            for i, v in enumerate(centre)
            if i < len(names) and abs(v) >= 1e-4
        }
        segments.append(Segment([ids[r] for r in rows], centroid))
    segments.sort(key=lambda s: (-len(s.person_ids), s.person_ids[0]))
    return Result(segments, tried, chosen_k, merged, 0)
