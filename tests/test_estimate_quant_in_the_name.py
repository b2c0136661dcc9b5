"""An estimate asked of a model named by a file or tag that carries its quant ("Qwen3-8B-Q8_0.gguf")
is sized at that quant; a quant asked beside it that differs wins, and the answer says which was used."""

from __future__ import annotations

import pytest

from bot.answers import estimate_quant
from sizing import Catalog


@pytest.mark.parametrize(
    ("model", "asked", "used", "said"),
    [
        ("gemma-3-12b-it-Q6_K.gguf", None, "Q6_K", "Q6_K read from the model name"),
        ("hf.co/bartowski/Qwen3-14B-GGUF:Q5_K_M", None, "Q5_K_M", "Q5_K_M read from the model name"),
        ("gemma-3-12b-it-Q6_K.gguf", "Q4_K_M", "Q4_K_M", "The quant asked, Q4_K_M, is used, not the Q6_K"),
        ("gemma-3-12b-it-Q6_K.gguf", "q6_k", "q6_k", None),
        ("gemma 3 12b", "Q4_K_M", "Q4_K_M", None),
        ("gemma 3 12b", None, None, None),
    ],
)
def test_the_quant_a_name_carries_is_used_or_said_over(
    catalog: Catalog, model: str, asked: str | None, used: str | None, said: str | None
) -> None:
    quant, notes = estimate_quant(model, asked, catalog)
    assert quant == used
    if said is None:
        assert notes == ()
    else:
        assert len(notes) == 1 and notes[0].startswith(said)
