"""Unsloth's dynamic GGUF quants of big MoEs, sized by the recipe of the repo the command downloads.

The January 2025 DeepSeek-R1 uploads keep every routed expert tensor (down_proj too) at the base
type and the rest at 4-6 bits; later uploads follow the quantizer's mix for the experts. Folder
sizes are the published ones (decimal GB).
"""

from __future__ import annotations

import pytest

from sizing import default_catalog, resolve_quant, weight_bytes
from sizing.catalog import TensorClass, tensor_inventory


@pytest.mark.parametrize(
    ("model", "quant", "published_gb"),
    [
        ("deepseek-r1", "UD-IQ1_S", 140.2),  # unsloth/DeepSeek-R1-GGUF DeepSeek-R1-UD-IQ1_S, 3 splits
        ("deepseek-r1", "UD-Q2_K_XL", 227.0),  # unsloth/DeepSeek-R1-GGUF DeepSeek-R1-UD-Q2_K_XL
        ("kimi-k2.5", "UD-TQ1_0", 240.0),  # unsloth's Kimi K2.5 guide
        ("kimi-k2.5", "UD-Q2_K_XL", 375.0),
    ],
)
def test_dynamic_quant_lands_on_the_published_folder(model: str, quant: str, published_gb: float) -> None:
    w = weight_bytes(default_catalog().by_id[model], resolve_quant(quant))
    assert w.total / 1e9 == pytest.approx(published_gb, rel=0.02)


def test_first_recipe_keeps_routed_down_proj_at_the_base_type() -> None:
    """The first recipe: routed experts all at Q2_K (2.625 bits), attention at 6 bits; a later
    upload's build (UD-Q4_K_XL, from the R1-0528 repo) keeps attention at 8."""
    r1 = default_catalog().by_id["deepseek-r1"]
    params = {k: 0 for k in TensorClass}
    for g in tensor_inventory(r1):
        params[g.klass] += g.params
    v1 = dict(weight_bytes(r1, resolve_quant("UD-Q2_K_XL")).by_class)
    later = dict(weight_bytes(r1, resolve_quant("UD-Q4_K_XL")).by_class)
    assert v1[TensorClass.EXPERTS] * 8 / params[TensorClass.EXPERTS] == pytest.approx(2.625, rel=0.01)
    assert v1[TensorClass.ATTENTION] * 8 / params[TensorClass.ATTENTION] == pytest.approx(6.5625, rel=0.02)
    assert later[TensorClass.ATTENTION] * 8 / params[TensorClass.ATTENTION] == pytest.approx(8.5, rel=0.02)
