"""A GPU named only by its memory ("a 24GB card") is given the bandwidth of the cards of that size on
file, and the assumption says where the figure came from."""

from __future__ import annotations

import pytest

from sizing import default_catalog, estimate, parse_hardware


@pytest.mark.parametrize(
    ("rig", "basis"),
    [
        ("a 24gb gpu", "the median of the 24 GB desktop cards on file"),
        ("a 13gb gpu", "a mid-range card's (no 13 GB desktop card on file)"),
    ],
)
def test_an_unnamed_gpu_says_where_its_bandwidth_came_from(rig: str, basis: str) -> None:
    model = default_catalog().resolve("llama 3.1 8b").model
    e = estimate(model, parse_hardware(rig))
    note = next(a for a in e.assumptions if a.startswith("unnamed"))
    assert note.endswith(basis)
