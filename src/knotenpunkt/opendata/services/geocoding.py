"""The Land (federal state) of a cluster, for DCAT-AP.de's political geocoding.

A cluster has an address but no Land field. The official district key (AGS) of a region
starts with the Land's key (01 Schleswig-Holstein ... 16 Thuringia), so the Land is read
from the regions the platform knows: the region of an organisation at the cluster's own
postcode, else the Land most of the cluster's member organisations are in.
"""

from collections import Counter

from knotenpunkt.directory.models import Cluster, Organisation

STATE_LEVEL = "http://dcat-ap.de/def/politicalGeocoding/Level/state"
STATE_KEY_BASE = "http://dcat-ap.de/def/politicalGeocoding/stateKey/"
STATE_KEYS = {f"{number:02d}" for number in range(1, 17)}


def _most_common(keys) -> str | None:
    counts = Counter(key for key in keys if key in STATE_KEYS)
    if not counts:
        return None
    # On a tie the lower key, so the answer never flickers.
    return min(counts, key=lambda key: (-counts[key], key))


def _near_postcode(postcode: str) -> str | None:
    """The Land of the organisations nearest by postcode: those sharing the most digits."""
    located = Organisation.objects.filter(
        region__isnull=False, postcode__startswith=postcode[:3]
    ).values_list("postcode", "region__ags")
    by_length: dict[int, list[str]] = {}
    for other, ags in located:
        shared = next((n for n in range(len(postcode), 2, -1) if other[:n] == postcode[:n]), 0)
        by_length.setdefault(shared, []).append(ags[:2])
    return _most_common(by_length[max(by_length)]) if by_length else None


def state_key(cluster: Cluster) -> str | None:
    """The two-digit key of the cluster's Land, or None when no region says."""
    if len(cluster.postcode) == 5:
        key = _near_postcode(cluster.postcode)
        if key:
            return key
    members = Organisation.objects.filter(region__isnull=False, memberships__cluster=cluster)
    return _most_common(ags[:2] for ags in members.values_list("region__ags", flat=True))


def state_uri(cluster: Cluster) -> str | None:
    key = state_key(cluster)
    return f"{STATE_KEY_BASE}{key}" if key else None
