"""Speculative decoding with the model's own MTP (multi-token prediction) layers asked ("with mtp",
"speculative decoding" with no draft model named): the flag of the engine that runs them, the memory
of those layers, and the speed at a stated acceptance rate.

- vLLM: `--speculative-config '{"method":"mtp","num_speculative_tokens":1}'`; its MTP page
  (docs.vllm.ai features/speculative_decoding/mtp) calls 1 "a good default to start with".
- SGLang: MTP runs through its EAGLE path, `--speculative-algorithm EAGLE --speculative-num-steps 1
  --speculative-eagle-topk 1 --speculative-num-draft-tokens 2` (docs.sglang.io advanced_features/
  speculative_decoding, "Multi Token Prediction").
- llama.cpp (and Ollama, LM Studio on it), MLX and ExLlama load no MTP layer.
- The speed: one drafted token per step, accepted at the rate DeepSeek-V3's technical report measured
  for its MTP module (arXiv 2412.19437, section 5.4.3: 85-90 % for the second token, 1.8x the tokens
  per second); each step also reads the MTP layer, a cost in proportion to its share of the weights."""

from __future__ import annotations

import re

from sizing import Estimate, Question
from sizing.catalog import mtp_params

from ._draft import SPECULATIVE, draft_split

_MTP = r"\bmtp\b|\bmulti[\s-]*token[\s-]+predict\w*|\bnext-?n\s+(?:layers?|heads?|predict\w*)"
# the low end of the acceptance DeepSeek-V3's report measured for its MTP module
ACCEPTANCE = 0.85
SPECULATIVE_TOKENS = 1
_VLLM_FLAG = f'--speculative-config \'{{"method":"mtp","num_speculative_tokens":{SPECULATIVE_TOKENS}}}\''
_SGLANG_FLAG = (
    "--speculative-algorithm EAGLE --speculative-num-steps 1 --speculative-eagle-topk 1 "
    "--speculative-num-draft-tokens 2"
)
_SOURCE = "the low end of the 85-90% DeepSeek-V3's technical report measured for its MTP module"


def mtp_asked(q: Question) -> bool:
    """The text asks for MTP speculative decoding, or for speculative decoding with no draft named."""
    if re.search(_MTP, q.text, re.IGNORECASE):
        return True
    return draft_split(q) is None and re.search(SPECULATIVE, q.text, re.IGNORECASE) is not None


def mtp_speedup(e: Estimate) -> float:
    """Tokens per second with MTP over those without: (1 + accepted drafts) per step, each step reading
    the MTP layer beside the model (a share of the weights like its share of the parameters)."""
    share = mtp_params(e.model) / (e.model.params_b * 1e9)
    return (1 + ACCEPTANCE * SPECULATIVE_TOKENS) / (1 + SPECULATIVE_TOKENS * share)


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
            "does not speculate with it; vLLM and SGLang do (vLLM: --speculative-config "
            f'\'{{"method":"mtp","num_speculative_tokens":{SPECULATIVE_TOKENS}}}\'). The speed shown is '
            "without it.",
            None,
        )
    factor = mtp_speedup(e)
    flag = _VLLM_FLAG if e.engine == "vllm" else _SGLANG_FLAG
    where = "out of the KV cache pool it preallocates" if e.engine == "vllm" else "out of its KV cache pool"
    return (
        f"MTP speculative decoding ({flag}): the model's MTP {layers} (~{params / 1e9:.1f}B parameters, "
        f"~{size / 1e9:.1f} GB at {e.quant.id}) loads beside it, {where}. At {ACCEPTANCE:.0%} of the drafted "
        f"tokens accepted ({_SOURCE}), generation runs at ~{e.speed.decode_tps * factor:,.0f} tokens/s "
        f"({factor:.1f}x the ~{e.speed.decode_tps:,.0f} shown); text that is hard to guess accepts fewer, "
        "and with many users at once the GPUs have less idle time to fill, so the gain shrinks.",
        flag,
    )


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
