"""What unpacking a quantized weight costs a batch-1 step: on a CPU a k-quant's nibbles and an IQ4
table look-up cost the same per weight, on a GPU the table look-up costs more; the sub-4-bit I-quants'
codebooks cost more everywhere. Where the cores set the
pace (a big MoE decoded on a few CPU cores), a smaller file of the same unpacking cost decodes no
slower than a larger one."""

from __future__ import annotations

import pytest

from sizing import Catalog, estimate_memory, parse_hardware
from sizing.catalog import resolve_quant
from sizing.speed import alu_ops_per_byte, decode_features, decode_seconds, load_speed_params


def _per_weight(quant: str, *, cpu: bool) -> float:
    q = resolve_quant(quant)
    return alu_ops_per_byte(q, cpu=cpu) * q.bits / 8


@pytest.mark.parametrize("table", ["IQ4_XS", "IQ4_NL"])
def test_on_a_cpu_an_iq4_table_quant_unpacks_at_a_k_quants_cost_per_weight(table: str) -> None:
    assert _per_weight(table, cpu=True) == pytest.approx(_per_weight("Q4_K_M", cpu=True))


@pytest.mark.parametrize("table", ["IQ4_XS", "IQ4_NL"])
def test_on_a_gpu_an_iq4_table_quant_unpacks_at_more_than_a_k_quants_cost(table: str) -> None:
    assert _per_weight(table, cpu=False) > _per_weight("Q4_K_M", cpu=False)


@pytest.mark.parametrize("cpu", [True, False])
@pytest.mark.parametrize(
    ("codebook", "kquant"), [("IQ3_XXS", "Q3_K_M"), ("IQ2_XXS", "Q2_K"), ("IQ3_M", "Q3_K_M")]
)
def test_a_sub_4_bit_codebook_i_quant_costs_more_per_weight_than_a_k_quant(
    codebook: str, kquant: str, cpu: bool
) -> None:
    assert _per_weight(codebook, cpu=cpu) > 1.5 * _per_weight(kquant, cpu=cpu)


def _tokens_per_s(catalog: Catalog, quant: str) -> float:
    spec = catalog.by_id["deepseek-v3"]
    hw = parse_hardware("EPYC 7302 + 512GB DDR4")
    q = resolve_quant(quant)
    mem = estimate_memory(spec, q, hw, context=4096, engine="llama.cpp", backend="cpu")
    return 1 / decode_seconds(decode_features(spec, mem, hw, "cpu", q), load_speed_params())


@pytest.mark.parametrize(
    ("smaller", "larger"), [("IQ4_XS", "Q5_K_M"), ("Q4_K_M", "Q5_K_M"), ("Q5_K_M", "Q6_K")]
)
def test_on_a_cpu_a_smaller_file_of_the_same_unpacking_cost_decodes_no_slower(
    catalog: Catalog, smaller: str, larger: str
) -> None:
    assert _tokens_per_s(catalog, smaller) >= _tokens_per_s(catalog, larger)
