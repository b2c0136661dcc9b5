"""At 1-2 bits a weight the quality cost is quoted from an 8B model's scoreboard; for the largest
models the answer says they lose far less, and it downloads the dynamic build the repo publishes."""

from __future__ import annotations

import pytest

from bot.answers import answer_text
from sizing import Catalog

_HUGE_NOTE = "loses far less at these bits"


def test_a_671b_model_at_two_bits_downloads_the_dynamic_build_its_repo_publishes(catalog: Catalog) -> None:
    a = answer_text("can I run deepseek r1 0528 on 1x 4090 and 192GB DDR5?", catalog)
    assert a.options and a.options[0].quant.startswith("UD-")
    assert a.options[0].quant in a.options[0].command


@pytest.mark.parametrize(
    ("question", "noted"),
    [
        ("can I run deepseek r1 0528 on 1x 4090 and 192GB DDR5?", True),
        ("llama 3.1 8b at IQ1_S on a gtx 1050 2gb", False),
    ],
)
def test_the_low_bit_cost_is_put_in_scale_only_for_huge_models(
    catalog: Catalog, question: str, noted: bool
) -> None:
    a = answer_text(question, catalog)
    assert "loses a lot of quality" in a.verdict
    assert (_HUGE_NOTE in a.verdict) is noted
