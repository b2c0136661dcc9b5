"""Input that makes no sense gets a clear refusal or a note saying what was read, never a quiet guess.

Random characters are no question; a quantization name that no engine has is refused with the
names it most likely meant (a name whose bits are readable is sized as the nearest known one, and
the estimate says so); a GPU count past what the reader takes is not echoed as the capped figure;
a unified memory larger than any such machine is sold with is read as the chip's largest size.
"""

from __future__ import annotations

import random
import string

import pytest

from bot.answers import answer_text
from sizing import (
    HardwareError,
    UnknownModelError,
    default_catalog,
    estimate,
    parse_hardware,
    read_question,
    resolve_quant,
)
from sizing.catalog import Catalog


def _random_printable(seed: int, n: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(string.printable[:95]) for _ in range(n))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_characters_are_refused_as_no_question(catalog: Catalog, seed: int) -> None:
    with pytest.raises(HardwareError, match="random characters"):
        read_question(_random_printable(seed, 3000), catalog.index)


def test_random_characters_get_an_error_answer_not_an_estimate(catalog: Catalog) -> None:
    answer = answer_text(_random_printable(7, 2000), catalog)
    assert answer.kind == "error"


@pytest.mark.parametrize(
    "text",
    [
        "+----------------------+ | NVIDIA-SMI 550.54 Driver Version: 550.54 CUDA Version: 12.4 | "
        "| 0 NVIDIA GeForce RTX 4090 Off | 00000000:01:00.0 On | N/A | 30% 41C P8 20W / 450W | "
        "812MiB / 24564MiB | 1% Default | can I run qwen3 32b on this with 64gb ram?",
        '{"hidden_size": 5120, "num_attention_heads": 40, "num_key_value_heads": 8, '
        '"num_hidden_layers": 64, "vocab_size": 151936} will this fit on two 3090s?',
        "llama-server -m model.gguf -ngl 99 -c 32768 -fa on --n-cpu-moe 20 -ctk q8_0 -ctv q8_0 "
        "-ot '.ffn_.*_exps.=CPU' on my 4090 with 128GB DDR5, is that the best split?",
        "我有一张4090和128G内存，能跑多大的模型？",
    ],
)
def test_pastes_and_other_scripts_are_still_read(catalog: Catalog, text: str) -> None:
    read_question(text, catalog.index)  # no refusal


def test_a_quant_with_more_bits_than_any_ggml_type_is_refused_with_close_names() -> None:
    with pytest.raises(UnknownModelError) as err:
        resolve_quant("Q9_K")
    assert err.value.hint is not None and "Q8_0" in err.value.hint.split("?")[0]


def test_an_unknown_quant_sized_as_the_nearest_one_is_noted_in_the_estimate() -> None:
    model = default_catalog().resolve("qwen3 8b").model
    e = estimate(model, parse_hardware("RTX 4090, 32GB RAM"), quant="Q7K")
    assert e.quant.id == "Q6_K"
    assert any("'Q7K' is not a quantization" in n for n in e.assumptions)


def test_a_gpu_count_past_the_reader_is_not_echoed_as_the_capped_figure(catalog: Catalog) -> None:
    q = read_question("can I run llama 3.3 70b on 1000000x RTX 4090", catalog.index)
    assert q.problems and q.problems[0].startswith("That many GPUs")
    assert "1,024" not in q.problems[0]  # one limit said: the rig size sized, not the reader's cap


def test_the_refusal_for_too_many_gpus_counts_the_cards_the_model_needs(catalog: Catalog) -> None:
    answer = answer_text("can I run llama 3.3 70b on 1000000x RTX 4090", catalog)
    said = answer.message or ""
    assert "of those 24 GB GPUs" in said and "one of those GPUs runs it" not in said


def test_unified_memory_past_any_machine_sold_is_read_as_the_chips_largest() -> None:
    hw = parse_hardware("mac with an M2 and 20480gb")
    assert hw.unified_memory_gb == 24
    assert any("no Apple M2" in a and "read as 24 GB" in a for a in hw.assumptions)


def test_unified_memory_a_chip_is_not_sold_with_but_others_are_is_kept_with_a_note() -> None:
    hw = parse_hardware("M2 with 48gb")
    assert hw.unified_memory_gb == 48
    assert any("not sold with 48 GB" in a for a in hw.assumptions)
