"""Speculative decoding with the model's own MTP (multi-token prediction) layers asked ("with mtp",
"speculative decoding" with no draft model named): the engine's flag, the memory of those layers and
the speed at the measured acceptance, in words (the flags and speed-ups: sizing's MTP figures)."""

from __future__ import annotations

import re

from sizing import (
    MTP_ACCEPTANCE,
    MTP_SOURCE,
    MTP_SPEEDUP_ONE_USER,
    MTP_SPEEDUP_SEVERAL,
    Estimate,
    Question,
    eagle_head_bytes,
    mtp_flag,
    mtp_speedup,
)
from sizing.catalog import mtp_params

from ._draft import SPECULATIVE, draft_split

_MTP = r"\bmtp\b|\bmulti[\s-]*token[\s-]+predict\w*|\bnext-?n\s+(?:layers?|heads?|predict\w*)"


_EAGLE = r"\beagle[\s-]*[123]?\b"


def mtp_asked(q: Question) -> bool:
    """The text asks for MTP speculative decoding, or for speculative decoding with no draft named (and
    no EAGLE head: a drafter of its own, not the model's MTP layers)."""
    if re.search(_MTP, q.text, re.IGNORECASE):
        return True
    if eagle_asked(q):
        return False
    return draft_split(q) is None and re.search(SPECULATIVE, q.text, re.IGNORECASE) is not None


def eagle_asked(q: Question) -> bool:
    """The text asks for speculative decoding with an EAGLE drafter ("eagle3", "EAGLE-3")."""
    return re.search(_EAGLE, q.text, re.IGNORECASE) is not None and draft_split(q) is None


# vLLM's speculative_config method "eagle3", SGLang's --speculative-algorithm EAGLE3
_EAGLE_DOCS = "https://docs.vllm.ai/en/latest/features/speculative_decoding/eagle/"


def eagle_flag(e: Estimate) -> str | None:
    """The EAGLE-3 flag of the engine's server line (vLLM's --speculative-config, SGLang's
    --speculative-algorithm), None where the engine runs no EAGLE head."""
    head = f"an EAGLE-3 head trained for {e.model.name}"
    if e.engine == "vllm":
        config = f'{{"method": "eagle3", "model": "<{head}>", "num_speculative_tokens": 3}}'
        return f"--speculative-config '{config}'"
    if e.engine == "sglang":
        return f"--speculative-algorithm EAGLE3 --speculative-draft-model-path <{head}>"
    return None


def eagle_words(e: Estimate) -> str:
    """The sentence on EAGLE-3 speculative decoding for the answer's first option: the flag of the engine,
    the drafter's memory (about one layer of the model), and that its speed-up is not modelled."""
    model = e.model
    head_gb = eagle_head_bytes(model) / 1e9
    head = f"an EAGLE-3 head trained for {model.name}"
    flag = eagle_flag(e)
    if flag is None:
        return (
            f"EAGLE-3: vLLM and SGLang speculate with {head} ({_EAGLE_DOCS}); {e.engine} runs none, so "
            "the speed shown is without it: name a small draft model of the same family for speculative "
            "decoding here."
        )
    return (
        f"EAGLE-3 speculative decoding ({flag}; {_EAGLE_DOCS}): the head is about one layer of the model "
        f"(~{head_gb:.1f} GB at BF16) and loads beside it. Its speed-up is not modelled here: the "
        f"~{e.speed.decode_tps:,.0f} tokens/s shown is {model.name} alone; an EAGLE-3 head that guesses "
        "well speeds up generation for one user, less as more users share the GPUs."
    )


def mtp_words(e: Estimate) -> tuple[str, str | None]:
    """The sentence on MTP for the answer's first option, and the flag for its command (None where the
    engine runs no MTP layer or the model has none)."""
    model = e.model
    params = mtp_params(model)
    if params == 0:
        return (
            f"MTP: canirun's catalog records no MTP (multi-token prediction) layer in {model.name}'s "
            "checkpoint, so there is nothing to speculate with: name a small draft model of the same family "
            "for speculative decoding instead.",
            None,
        )
    layers = "layer" if model.mtp_layers == 1 else f"{model.mtp_layers} layers"
    size = params * e.memory.weights_bytes / (model.params_b * 1e9)
    if e.engine not in ("vllm", "sglang"):
        return (
            f"MTP: {model.name} ships an MTP {layers} (~{params / 1e9:.1f}B parameters), but {e.engine} "
            f"does not speculate with it; vLLM and SGLang do (vLLM: {mtp_flag('vllm')}). The speed shown "
            "is without it.",
            None,
        )
    factor = mtp_speedup(model)
    flag = mtp_flag(e.engine)
    assert flag is not None  # vLLM and SGLang run MTP layers
    where = "out of the KV cache pool it preallocates" if e.engine == "vllm" else "out of its KV cache pool"
    words = (
        f"MTP speculative decoding ({flag}): the model's MTP {layers} (~{params / 1e9:.1f}B parameters, "
        f"~{size / 1e9:.1f} GB at {e.quant.id}) loads beside it, {where}. At about "
        f"{MTP_ACCEPTANCE:.0%} of the drafted tokens accepted and {MTP_SPEEDUP_ONE_USER:.2f}x for one user "
        f"({MTP_SOURCE}), generation runs at "
        f"~{e.speed.decode_tps * factor:,.0f} tokens/s ({factor:.2f}x the ~{e.speed.decode_tps:,.0f} "
        "shown); text that is hard to guess accepts fewer."
    )
    serving = e.speed.serving
    if serving is not None and serving.users > 1:
        several = mtp_speedup(model, serving.users)
        words += (
            f" With {serving.users} users at once the GPUs have less idle time for the drafts: the same "
            f"benchmark measured {MTP_SPEEDUP_SEVERAL:.2f}x at two requests a second, so at most "
            f"~{serving.per_user_tps * several:,.0f} tokens/s each (~{serving.aggregate_tps * several:,.0f} "
            f"in all, over the ~{serving.per_user_tps:,.0f} each without it), less as the batch grows."
        )
    else:
        words += (
            f" With several users at once the gain shrinks (measured: {MTP_SPEEDUP_SEVERAL:.2f}x at two)."
        )
    return words, flag


def with_mtp(command: str | None, flag: str) -> str | None:
    """The server line of `command` (vllm serve, sglang.launch_server) with the MTP flag added."""
    if command is None:
        return None
    lines = command.split("\n")
    for i, line in enumerate(lines):
        if "vllm serve" in line or "sglang.launch_server" in line:
            code, sep, comment = line.partition("  #")
            lines[i] = f"{code} {flag}{sep}{comment}"
            break
    return "\n".join(lines)
