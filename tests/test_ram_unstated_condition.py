"""With the system RAM unstated, a "With N GB of system RAM or more, yes" headline is about the
quantization asked, offloaded into that RAM, and no fix makes more RAM the condition of a
quantization that already runs on the GPUs with the RAM assumed."""

from __future__ import annotations

import re

import pytest

from bot.answers import answer_text
from sizing import Catalog

_RAM_FIX = re.compile(r"with \d+ GB of system RAM or more \(you did not say how much\) to run (\S+)")


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("rtx a6000 48gb plus two rtx 3090s, can it do glm 4.5 air at q8?", "Q8_0"),
        ("glm 4.5 air at q8_0 on four rtx 4090s?", "Q8_0"),
        ("gpt-oss-120b mxfp4 on two 3090s", "MXFP4"),
    ],
)
def test_the_ram_condition_is_for_the_quantization_asked(catalog: Catalog, text: str, asked: str) -> None:
    a = answer_text(text, catalog)
    assert re.match(r"With \d+ GB of system RAM or more, yes", a.verdict)
    assert f"at {asked} " in a.verdict.split(". ")[0]
    ram_fixes = [m.group(1) for f in a.fixes if (m := _RAM_FIX.search(f.change))]
    assert ram_fixes == [asked]  # once, and for no quantization that fits on the GPUs anyway


def test_a_quantization_that_fits_on_the_gpus_is_offered_without_a_ram_condition(catalog: Catalog) -> None:
    a = answer_text("rtx a6000 48gb plus two rtx 3090s, can it do glm 4.5 air at q8?", catalog)
    assert any(f.change.startswith("use Q5_K_M") and "fully on the GPU" in f.change for f in a.fixes)
