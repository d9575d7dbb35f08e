"""Optics per fabric tier: how many link ends each tier has and the power of one end there.

``optics_<tier> = 2 · links_<tier>`` (a transceiver, or a passive cable end, at each end of each link), and
``p_optics_w = Σ over tiers of optics_<tier> · w_<tier>``, where ``w_<tier>`` is
``fabric.optics_by_tier.<tier>`` or, when absent, ``fabric.optic_w_per_link_end``.
"""

from __future__ import annotations

from .model import Fabric, Ranged
from .topology import Topology

TIERS = ("host_leaf", "leaf_spine", "spine_core")
"""The link tiers, bottom up (host↔leaf, leaf↔spine, spine↔core)."""


def link_end_w(fabric: Fabric) -> tuple[Ranged, Ranged, Ranged]:
    """W per link end of each tier in [`TIERS`][clustersize.optics.TIERS] order, as configured."""
    by_tier = fabric.optics_by_tier
    fallback = fabric.optic_w_per_link_end
    if by_tier is None:
        return fallback, fallback, fallback
    chosen = [getattr(by_tier, tier) for tier in TIERS]
    hl, ls, sc = (fallback if w is None else w for w in chosen)
    return hl, ls, sc


def links(topo: Topology) -> tuple[int, int, int]:
    """Links of each tier in [`TIERS`][clustersize.optics.TIERS] order (totals over all planes)."""
    return topo.links_host_leaf, topo.links_leaf_spine, topo.links_spine_core


def ends(topo: Topology) -> tuple[int, int, int]:
    """Optics (link ends) of each tier: ``2 · links``."""
    hl, ls, sc = links(topo)
    return 2 * hl, 2 * ls, 2 * sc
