"""The quantizer's mix per layer (`gguf_tensor_types`) is `gguf_tensor_type` asked layer by layer."""

from __future__ import annotations

import pytest

from sizing import default_catalog
from sizing.catalog import MixContext, gguf_tensor_type, gguf_tensor_types, load_quants, tensor_inventory

# every tensor name the catalog's inventories hold, and one no rule names
NAMES = sorted({g.name for m in default_catalog().models for g in tensor_inventory(m)} | {"attn_kv_b"})
# every file type a catalog quantization is written as, and the unquantized ones
FTYPES = sorted({q.ftype for q in load_quants() if q.ftype} | {"F16", "BF16", "F32"})
CONTEXTS = (
    MixContext(n_gqa=8, n_expert=0, is_70b_class=True, has_output=True),
    MixContext(n_gqa=4, n_expert=8, is_70b_class=False, has_output=False),
    MixContext(n_gqa=1, n_expert=128, is_70b_class=False, has_output=True),
)


@pytest.mark.parametrize("ftype", FTYPES)
def test_types_per_layer_are_the_types_asked_layer_by_layer(ftype: str) -> None:
    for name in NAMES:
        for n in (0, 1, 7, 61):
            for ne0 in (4096, 2880):
                for ctx in CONTEXTS:
                    for is_expert in (False, True):
                        each = tuple(
                            gguf_tensor_type(ftype, name, i, n, ne0, ctx, is_expert=is_expert)
                            for i in range(n)
                        )
                        assert gguf_tensor_types(ftype, name, n, ne0, ctx, is_expert=is_expert) == each
