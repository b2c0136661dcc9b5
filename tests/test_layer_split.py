"""Splitting layers over devices: the quick yes/no a placement search asks is the split's own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sizing.memory import layers_fit, split_layers

GIB = 2**30
layer = st.floats(min_value=0, max_value=4 * GIB, allow_nan=False)
cap = st.floats(min_value=0, max_value=96 * GIB, allow_nan=False)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(layer, max_size=96),
    st.lists(cap, max_size=8),
    st.floats(min_value=0, max_value=2 * GIB, allow_nan=False),
)
def test_layers_fit_exactly_when_split_layers_finds_a_split(
    layers: list[float], caps: list[float], tail: float
) -> None:
    assert layers_fit(layers, caps, tail) == (split_layers(layers, caps, tail) is not None)


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 96),
    st.floats(0.1, 2.0),
    st.lists(st.floats(0.5, 1.5), min_size=2, max_size=8),
    st.floats(0, 1),
)
def test_uniform_layers_on_cards_sized_near_the_model(
    n: int, layer_gib: float, shares: list[float], tail_gib: float
) -> None:
    """The boundary cases that matter: cards that hold almost exactly the model."""
    layers = [layer_gib * GIB] * n
    total = n * layer_gib * GIB + tail_gib * GIB
    caps = [total * s / sum(shares) for s in shares]
    assert layers_fit(layers, caps, tail_gib * GIB) == (
        split_layers(layers, caps, tail_gib * GIB) is not None
    )


def test_one_device_holds_everything_or_nothing() -> None:
    assert split_layers([1.0, 2.0], [3.0], 0.0) == [[0, 1]]
    assert split_layers([1.0, 2.0], [1.5], 0.0) is None
    assert layers_fit([1.0, 2.0], [3.0], 0.0) and not layers_fit([1.0, 2.0], [1.5], 0.0)


def test_no_device_holds_only_nothing() -> None:
    assert split_layers([], [], 0.0) == [] and layers_fit([], [], 0.0)
    assert split_layers([1e9], [], 0.0) is None and not layers_fit([1e9], [], 0.0)
