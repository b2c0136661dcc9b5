"""Speed at a KV depth: the curve every estimate carries, and `depth` asked explicitly."""

from __future__ import annotations

import pytest

from sizing import Catalog, EstimateError, estimate, estimate_again, parse_hardware
from sizing.speed import curve_depths


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (4096, (0, 4096)),
        (8192, (0, 8192)),
        (16384, (0, 8192, 16384)),
        (131072, (0, 8192, 32768, 131072)),
    ],
)
def test_the_curve_has_0_8k_32k_and_the_context(context: int, expected: tuple[int, ...]) -> None:
    assert curve_depths(context) == expected


def test_decode_slows_as_the_cache_fills(catalog: Catalog) -> None:
    e = estimate(catalog.by_id["qwen3-8b"], parse_hardware("RTX 4090"), quant="Q4_K_M", context=65536)
    decode = [p.decode_tps for p in e.speed.curve]
    assert decode == sorted(decode, reverse=True) and decode[-1] < 0.8 * decode[0]


def test_prefill_slows_as_the_cache_fills(catalog: Catalog) -> None:
    e = estimate(catalog.by_id["llama-3.1-8b"], parse_hardware("RTX 3090"), quant="Q4_K_M", context=65536)
    prefill = [p.prefill_tps for p in e.speed.curve]
    assert prefill == sorted(prefill, reverse=True)


def test_a_depth_gives_the_speed_at_that_depth(catalog: Catalog) -> None:
    spec, hw = catalog.by_id["qwen3-8b"], parse_hardware("RTX 4090")
    at = estimate(spec, hw, quant="Q4_K_M", context=32768, depth=32768)
    point = next(p for p in at.speed.curve if p.depth == 32768)
    assert at.speed.depth == 32768
    assert at.speed.decode_tps == pytest.approx(point.decode_tps)
    assert at.speed.prefill_tps == pytest.approx(point.prefill_tps)


def test_a_depth_beyond_the_context_grows_the_context(catalog: Catalog) -> None:
    e = estimate(catalog.by_id["qwen3-8b"], parse_hardware("RTX 4090"), quant="Q4_K_M", depth=20000)
    assert e.context == 20000
    assert any("20,000" in a for a in e.assumptions)


def test_a_depth_past_the_model_maximum_is_refused(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-2-7b"]
    with pytest.raises(EstimateError, match="at most"):
        estimate(spec, parse_hardware("RTX 4090"), depth=spec.max_context * 2)


def test_sliding_window_layers_read_a_bounded_cache(catalog: Catalog) -> None:
    # gpt-oss keeps half its layers on a 128-token window: it slows less with depth than a model
    # whose every layer attends to the whole cache
    def slowdown(model: str) -> float:
        e = estimate(catalog.by_id[model], parse_hardware("RTX 5090"), context=65536)
        return e.speed.curve[-1].decode_tps / e.speed.curve[0].decode_tps

    assert slowdown("gpt-oss-20b") > slowdown("qwen3-8b")


def test_the_contract_carries_the_curve_and_the_depth(catalog: Catalog) -> None:
    c = estimate(
        catalog.by_id["qwen3-8b"], parse_hardware("RTX 4090"), context=32768, depth=8192
    ).to_contract()
    speed = c["speed"]
    assert speed["depth"] == 8192
    assert [p["depth"] for p in speed["curve"]] == [0, 8192, 32768]
    assert all(p["decode_tps"] > 0 and p["prefill_tps"] > 0 for p in speed["curve"])


def test_the_cli_takes_a_depth(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from bot.canirun_cli import main

    code = main(["estimate", "--hardware", "RTX 4090", "--model", "qwen3 8b", "--depth", "16k", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and out["speed"]["depth"] == 16384 and out["context"] >= 16384


def test_a_batch_line_takes_a_depth(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    from pathlib import Path

    from bot.canirun_cli import main

    path = Path(str(tmp_path)) / "requests.jsonl"
    path.write_text(json.dumps({"hardware": "RTX 4090", "model": "qwen3 8b", "depth": 8192}) + "\n")
    main(["estimate", "--batch", str(path), "--json"])
    line = json.loads(capsys.readouterr().out.splitlines()[0])
    assert line["speed"]["depth"] == 8192


def test_an_estimate_sized_again_keeps_its_configuration_and_takes_the_change(catalog: Catalog) -> None:
    hw = parse_hardware("RTX 4090")
    e = estimate(catalog.by_id["qwen3-8b"], hw, quant="Q6_K", context=16384, kv_type="q8_0")
    again = estimate_again(e, hw, depth=8192)
    assert again is not None
    assert (again.quant.id, again.context, again.memory.kv_type, again.speed.depth) == (
        "Q6_K",
        16384,
        "q8_0",
        8192,
    )
