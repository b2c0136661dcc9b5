"""GGUF header -> catalog entry with exact tensor bytes: files written here with the real `gguf` package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from gguf import GGUFReader
from gguf.constants import GGML_QUANT_SIZES, GGMLQuantizationType, LlamaFileType

from bot.admin import main
from sizing import estimate, parse_hardware, weight_bytes
from sizing.catalog import (
    FILE_TYPES,
    GGML_TYPE_NAMES,
    ArrayInfo,
    GgufFormatError,
    GgufTensor,
    NeedMoreBytes,
    entry_from_gguf,
    parse_gguf_header,
    quant_by_id,
    quant_from_file,
)
from tests.standins.files import TinyModel, write_gguf


@pytest.fixture(scope="module")
def dense(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("gguf") / "tiny-llama-Q4_K_M.gguf"
    return path, write_gguf(path)


@pytest.fixture(scope="module")
def moe(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("gguf") / "tiny-moe.gguf"
    return path, write_gguf(path, TinyModel(name="Tiny MoE", layers=3, experts=8, file_type=7))


def admin(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_type_tables_match_the_gguf_package() -> None:
    for t in GGMLQuantizationType:
        if t.name in GGML_TYPE_NAMES.values():
            tensor = GgufTensor("x", t.value, (256, 4), 0)
            block, size = GGML_QUANT_SIZES[t]
            assert GGML_TYPE_NAMES[t.value] == t.name
            assert tensor.n_bytes == 256 * 4 * size // block
    for ft in LlamaFileType:
        if ft.value in FILE_TYPES:
            assert (
                ft.name.removeprefix("MOSTLY_").removeprefix("ALL_").replace("_MOE", "")
                == FILE_TYPES[ft.value]
            )


def test_reader_agrees_with_the_gguf_package(dense: tuple[Path, dict[str, int]]) -> None:
    path, sizes = dense
    header = parse_gguf_header(path.read_bytes())
    reader = GGUFReader(str(path))
    assert header.data_offset == reader.data_offset
    assert [(t.name, t.type_id, t.shape) for t in header.tensors] == [
        (t.name, int(t.tensor_type), tuple(int(d) for d in t.shape)) for t in reader.tensors
    ]
    assert header.tensor_bytes == sizes == {t.name: int(t.n_bytes) for t in reader.tensors}
    assert header.metadata["llama.block_count"] == 2
    assert header.metadata["general.name"] == "Tiny Llama Test"
    assert header.metadata["tokenizer.ggml.tokens"] == ArrayInfo(8, 2000)  # long arrays: length only


def test_a_short_prefix_asks_for_more(dense: tuple[Path, dict[str, int]]) -> None:
    data = dense[0].read_bytes()
    header = parse_gguf_header(data)
    with pytest.raises(NeedMoreBytes) as more:
        parse_gguf_header(data[: header.data_offset // 2])
    assert header.data_offset // 2 < more.value.needed <= header.data_offset


def test_junk_is_not_gguf() -> None:
    with pytest.raises(GgufFormatError, match="not a GGUF file"):
        parse_gguf_header(b"PK\x03\x04" + b"\0" * 100)


def test_dense_entry_and_exact_weights(dense: tuple[Path, dict[str, int]]) -> None:
    path, sizes = dense
    imported = entry_from_gguf(parse_gguf_header(path.read_bytes()), file=path.name)
    spec = imported.spec
    assert imported.quant == "Q4_K_M"
    assert (spec.layers, spec.hidden, spec.heads, spec.kv_heads, spec.ffn, spec.vocab) == (
        2,
        256,
        4,
        2,
        512,
        2000,
    )
    assert imported.derived_params == imported.params  # the shapes explain every tensor
    w = weight_bytes(spec, quant_by_id("Q4_K_M"))
    assert w.exact
    assert w.total == pytest.approx(sum(sizes.values()), rel=0.01)
    assert w.total == sum(sizes.values())


def test_estimates_at_the_files_quant_use_its_bytes(dense: tuple[Path, dict[str, int]]) -> None:
    path, sizes = dense
    spec = entry_from_gguf(parse_gguf_header(path.read_bytes()), file=path.name).spec
    e = estimate(spec, parse_hardware("RTX 3060 12GB"), quant="Q4_K_M", context=2048)
    assert e.memory.weights.total == sum(sizes.values())
    other = estimate(spec, parse_hardware("RTX 3060 12GB"), quant="Q8_0", context=2048)
    assert not other.memory.weights.exact  # another quant: the quantizer-mix model


def test_moe_entry_splits_expert_bytes(moe: tuple[Path, dict[str, int]]) -> None:
    path, sizes = moe
    imported = entry_from_gguf(parse_gguf_header(path.read_bytes()), file=path.name)
    assert imported.quant == "Q8_0"  # from general.file_type: the name does not say
    assert imported.spec.moe is not None and (imported.spec.moe.experts, imported.spec.moe.active) == (8, 2)
    expert_bytes = sum(n for name, n in sizes.items() if "_exps" in name)
    assert sum(imported.file["layer_experts"]) == expert_bytes
    assert weight_bytes(imported.spec, quant_by_id("Q8_0")).total == sum(sizes.values())


def test_quant_from_the_file_name_before_the_file_type() -> None:
    assert quant_from_file("Qwen3-30B-A3B-UD-Q4_K_XL.gguf", 15) == "UD-Q4_K_XL"
    assert quant_from_file("model.gguf", 18) == "Q6_K"
    assert quant_from_file("model.gguf", None) is None


def test_cli_imports_a_local_file_and_publishes_it(
    env: Path, dense: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, sizes = dense
    code, out = admin(capsys, "catalog", "import-gguf", str(path))
    assert code == 0, out
    assert out["id"] == "tiny-llama-test" and out["total_params_b"] == pytest.approx(0.002204928, rel=1e-5)
    assert out["gguf"]["tensor_bytes_total"] == sum(sizes.values()) and out["staged"]
    code, published = admin(capsys, "catalog", "publish", "--note", "tiny model")
    assert code == 0 and published["version"] == 1
    code, shown = admin(capsys, "catalog", "show", "tiny-llama-test")
    assert code == 0 and shown["gguf_files"][0]["quant"] == "Q4_K_M"


def test_cli_adds_a_second_quant_to_the_same_model(
    env: Path, dense: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    q8 = env / "tiny-llama-Q8_0.gguf"
    write_gguf(q8, TinyModel(file_type=7))
    assert admin(capsys, "catalog", "import-gguf", str(dense[0]))[0] == 0
    code, out = admin(capsys, "catalog", "import-gguf", str(q8), "--model", "tiny-llama-test")
    assert code == 0, out
    assert out["attached_to"] == "tiny-llama-test"
    assert sorted(f["quant"] for f in out["gguf_files"]) == ["Q4_K_M", "Q8_0"]


def test_cli_refuses_a_file_of_another_shape(
    env: Path, dense: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = admin(capsys, "catalog", "import-gguf", str(dense[0]), "--model", "qwen3-8b")
    assert code == 1 and "36 layers" in out["error"]


def test_cli_refuses_a_file_that_is_not_gguf(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    junk = env / "junk.gguf"
    junk.write_bytes(b"not a gguf file at all" * 10)
    code, out = admin(capsys, "catalog", "import-gguf", str(junk))
    assert code == 1 and "not a readable GGUF" in out["error"]
    code, out = admin(capsys, "catalog", "import-gguf", str(env / "missing.gguf"))
    assert code == 1 and "no such file" in out["error"]
