"""GGUF weight sizes follow llama.cpp's quantizer: checked against real file sizes."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest

from sizing import weight_bytes
from sizing.catalog import Catalog, resolve_quant

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks import gguf_size_rows

GiB = 1024**3


@pytest.mark.parametrize(
    ("quant", "gib"),
    # github ggml-org/llama.cpp tools/quantize/README.md: the table for meta-llama/Llama-3.1-8B
    [
        ("Q4_K_M", 4.58),
        ("Q4_K_S", 4.36),
        ("Q5_K_M", 5.33),
        ("Q6_K", 6.14),
        ("Q8_0", 7.95),
        ("Q3_K_M", 3.74),
        ("Q2_K", 2.95),
        ("IQ2_XS", 2.42),
        ("IQ3_M", 3.52),
        ("F16", 14.96),
    ],
)
def test_llama_3_1_8b_file_sizes(catalog: Catalog, quant: str, gib: float) -> None:
    w = weight_bytes(catalog.by_id["llama-3.1-8b"], resolve_quant(quant))
    assert w.total / GiB == pytest.approx(gib, rel=0.01)


def test_median_error_against_real_files_is_under_two_percent(catalog: Catalog) -> None:
    errors = []
    for row in gguf_size_rows():
        spec = catalog.by_id.get(row.model_id)
        try:
            q = resolve_quant(row.quant)
        except Exception:  # quant names the table uses that we do not model (e.g. ARM repacks)
            continue
        assert spec is not None, row.model_id
        errors.append(abs(weight_bytes(spec, q).total / row.size_bytes - 1))
    assert len(errors) > 200
    assert statistics.median(errors) <= 0.02


def test_token_embedding_stays_in_host_memory_size(catalog: Catalog) -> None:
    # llama.cpp print: "CPU model buffer size = 281.81 MiB" for Llama 3.1 8B Q4_K_M (memory_measurements 1.1)
    w = weight_bytes(catalog.by_id["llama-3.1-8b"], resolve_quant("Q4_K_M"))
    assert w.embedding / 1024**2 == pytest.approx(281.81, rel=0.001)


def test_gpt_oss_keeps_mxfp4_experts_under_other_quants(catalog: Catalog) -> None:
    m = catalog.by_id["gpt-oss-20b"]
    q4, mx = weight_bytes(m, resolve_quant("Q4_K_M")), weight_bytes(m, resolve_quant("MXFP4"))
    assert abs(q4.total / mx.total - 1) < 0.1  # 11.6 GB vs 12.1 GB in unsloth's files


def test_bartowski_l_files_are_bigger_by_q8_embed_and_output(catalog: Catalog) -> None:
    m = catalog.by_id["phi-4"]
    assert weight_bytes(m, resolve_quant("Q4_K_L")).total > weight_bytes(m, resolve_quant("Q4_K_M")).total


@pytest.mark.parametrize("quant", ["AWQ-INT4", "GPTQ-INT4", "FP8", "BF16-HF", "MLX-4bit", "EXL2-4.65"])
def test_other_formats_scale_with_their_bits(catalog: Catalog, quant: str) -> None:
    m = catalog.by_id["llama-3.1-8b"]
    q = resolve_quant(quant)
    total = weight_bytes(m, q).total
    # AWQ and GPTQ checkpoints keep the token embedding and the output matrix in 16 bits
    embedding_and_output_f16 = 2 * 128256 * 4096 * 2
    assert 8.03e9 * q.bits / 8 * 0.9 < total < 8.03e9 * max(q.bits, 4) / 8 * 1.1 + embedding_and_output_f16
