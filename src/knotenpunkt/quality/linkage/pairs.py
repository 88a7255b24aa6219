"""The result of a linkage run and its transitive closure."""

from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class LinkedPair:
    """Two records judged to describe the same person or organisation.

    `a` < `b` (record ids as strings, compared as numbers when both are digits, so
    that database primary keys keep their order: "9" < "10"); `score` is the match
    probability (0..1); `agreements` names the compared fields that agreed, empty for
    a pair that was never compared directly but follows from others by transitivity.
    """

    a: str
    b: str
    score: float
    agreements: tuple[str, ...] = ()


def id_order(record_id: str) -> tuple[int, int, str]:
    """Sort key of record ids: digit-only ids by value (before the others), the rest
    as text."""
    if record_id.isdigit():
        return (0, int(record_id), record_id)
    return (1, 0, record_id)


def ordered(a: str, b: str) -> tuple[str, str]:
    """The two ids in the order a LinkedPair keeps them."""
    return (a, b) if id_order(a) <= id_order(b) else (b, a)


class _Components:
    """Union-find over record ids."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        parent = self.parent.setdefault(item, item)
        root = item
        while parent != root:
            root, parent = parent, self.parent[parent]
        # Path compression keeps later look-ups flat on long chains.
        while item != root:
            item, self.parent[item] = self.parent[item], root
        return root

    def union(self, a: str, b: str) -> bool:
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        self.parent[root_b] = root_a
        return True


def components(pairs: list[LinkedPair]) -> list[list[str]]:
    """The connected components (sorted lists of ids) of the graph the pairs form."""
    forest = _Components()
    for pair in pairs:
        forest.union(pair.a, pair.b)
    groups: dict[str, list[str]] = defaultdict(list)
    for item in forest.parent:
        groups[forest.find(item)].append(item)
    return sorted(sorted(group, key=id_order) for group in groups.values())


def transitive_pairs(pairs: list[LinkedPair]) -> list[LinkedPair]:
    """Every pair within each connected component, sorted by (a, b) in `id_order`.

    A pair that was linked directly keeps its score and agreements. A pair implied by
    others gets the score of the weakest link on the strongest path between the two
    (the bottleneck on the maximum spanning tree), so that a chain is never more certain
    than its weakest step, and no agreements.
    """
    direct: dict[tuple[str, str], LinkedPair] = {}
    for pair in pairs:
        key = ordered(pair.a, pair.b)
        known = direct.get(key)
        if known is None or pair.score > known.score:
            direct[key] = LinkedPair(key[0], key[1], pair.score, pair.agreements)

    # Kruskal on descending scores builds the maximum spanning forest.
    forest = _Components()
    tree: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for pair in sorted(direct.values(), key=lambda p: (-p.score, p.a, p.b)):
        if forest.union(pair.a, pair.b):
            tree[pair.a].append((pair.b, pair.score))
            tree[pair.b].append((pair.a, pair.score))

    closure = dict(direct)
    for group in components(list(direct.values())):
        if len(group) < 3:
            continue
        for start in group:
            # Walk the tree from `start`, carrying the smallest score seen on the way.
            bottleneck = {start: 1.0}
            stack = [start]
            while stack:
                node = stack.pop()
                for neighbour, score in tree[node]:
                    if neighbour not in bottleneck:
                        bottleneck[neighbour] = min(bottleneck[node], score)
                        stack.append(neighbour)
            for other, score in bottleneck.items():
                key = ordered(start, other)
                if key[0] == start and start != other and key not in closure:
                    closure[key] = LinkedPair(start, other, score)
    return [closure[key] for key in sorted(closure, key=lambda k: (id_order(k[0]), id_order(k[1])))]
