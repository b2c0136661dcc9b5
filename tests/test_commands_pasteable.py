"""Every printed command pastes and runs as it is: a value no public source gives (a file of a generic
or unlisted model, a repo of a format nobody published, another machine's address) is a shell variable
set on a labelled line of its own before it, never angle-bracket text in what runs."""

from __future__ import annotations

import re
from typing import Any

import pytest

from bot.answers import answer_text
from sizing import Catalog, estimate, parse_hardware
from sizing.commands import PLACEHOLDER, launch_command

_USED = re.compile(r"\$\{?([A-Z][A-Z0-9_]*)")
_SET = re.compile(r"^([A-Z][A-Z0-9_]*)=\S+  # \S")

CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("dbrx", "4x RTX 3090", {"quant": "Q4_K_M"}),  # no GGUF repo listed
    ("qwen3-8b", "RTX 3090", {"engine": "exllama", "quant": "EXL3-4.0"}),  # no EXL3 repo listed
    ("llama-3.3-70b", "2x RTX 3090", {"engine": "exllama", "quant": "EXL2-4.0"}),
    ("mixtral-8x7b", "RTX 2060 6GB, 32GB RAM", {"quant": "IQ4_XS"}),  # the listed publisher has no i-quants
    ("llama-3.3-70b", "2x Mac Studio M2 Ultra 192GB", {"quant": "Q8_0"}),  # two machines over RPC
]


def _assert_pasteable(command: str) -> None:
    defined: set[str] = set()
    for line in command.split("\n"):
        code = line.partition("  #")[0]
        assert not PLACEHOLDER.search(code), line
        for name in _USED.findall(code):
            assert name in defined or name == "MODEL", (name, command)
        if (m := _SET.match(line)) is not None:
            defined.add(m.group(1))


@pytest.mark.parametrize(("model", "rig", "kw"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_a_command_with_a_value_to_fill_in_sets_it_on_a_labelled_line(
    catalog: Catalog, model: str, rig: str, kw: dict[str, Any]
) -> None:
    command = launch_command(estimate(catalog.by_id[model], parse_hardware(rig), **kw))
    assert command is not None
    _assert_pasteable(command)


@pytest.mark.parametrize(
    "text",
    [
        "is it worth selling my 4090 for two 3090s? mostly a 70b dense model",
        "a 45b dense model at q5 on 2x 3090",
    ],
)
def test_a_generic_model_says_no_public_file_is_known(catalog: Catalog, text: str) -> None:
    command = next(o.command for o in answer_text(text, catalog).options if o.command)
    assert command.startswith("MODEL_FILE=") and "no public generic" in command.split("\n")[0]
    _assert_pasteable(command)
