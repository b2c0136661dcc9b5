"""Speculative decoding with the model's own MTP (multi-token prediction) layers asked ("with mtp",
"speculative decoding" with no draft model named): the flag of the engine that runs them, the memory
of those layers, and the speed at a stated acceptance rate.

- vLLM: `--speculative-config '{"method":"mtp","num_speculative_tokens":1}'`; its MTP page
  (docs.vllm.ai features/speculative_decoding/mtp) calls 1 "a good default to start with".
- SGLang: MTP runs through its EAGLE path, `--speculative-algorithm EAGLE --speculative-num-steps 1
  --speculative-eagle-topk 1 --speculative-num-draft-tokens 2` (docs.sglang.io advanced_features/
  speculative_decoding, "Multi Token Prediction").
- llama.cpp (and Ollama, LM Studio on it), MLX and ExLlama load no MTP layer.
- The speed: one drafted token per step, as vLLM's own DeepSeek MTP benchmark measured it on R1 with
  one speculative token (https://github.com/vllm-project/vllm/pull/12755: 81-82.3 % of drafts
  accepted; time per output token 55.47 -> 33.99 ms at 1 request a second, 1.63x, and 57.58 ->
  48.8 ms at 2, 1.18x): the first for one user, the second, an upper bound, for several at once (the
  batch leaves the GPUs less idle time for the drafts to fill); each step also reads the MTP layer,
  in proportion to its share of the weights beyond R1's."""

from __future__ import annotations

import re

from sizing import Estimate, Question
from sizing.catalog import mtp_params

from ._draft import SPECULATIVE, draft_split

_MTP = r"\bmtp\b|\bmulti[\s-]*token[\s-]+predict\w*|\bnext-?n\s+(?:layers?|heads?|predict\w*)"
# vLLM's DeepSeek MTP benchmark (R1, one speculative token): drafts accepted, and the speed-up in time
# per output token at 1 and at 2 requests a second
ACCEPTANCE = 0.81
SPEEDUP_ONE_USER = 55.47 / 33.99  # 1.63x
SPEEDUP_SEVERAL = 57.58 / 48.8  # 1.18x, the most several users at once get
_R1_MTP_SHARE = 14.0 / 685  # R1's MTP layer with its embedding copies, in the measured figure already
SPECULATIVE_TOKENS = 1
_VLLM_FLAG = f'--speculative-config \'{{"method":"mtp","num_speculative_tokens":{SPECULATIVE_TOKENS}}}\''
_SGLANG_FLAG = (
    "--speculative-algorithm EAGLE --speculative-num-steps 1 --speculative-eagle-topk 1 "
    "--speculative-num-draft-tokens 2"
)
_SOURCE = "vLLM's DeepSeek-R1 MTP benchmark, https://github.com/vllm-project/vllm/pull/12755"


def mtp_asked(q: Question) -> bool:
    """The text asks for MTP speculative decoding, or for speculative decoding with no draft named."""
    if re.search(_MTP, q.text, re.IGNORECASE):
        return True
    return draft_split(q) is None and re.search(SPECULATIVE, q.text, re.IGNORECASE) is not None


def mtp_speedup(e: Estimate, users: int = 1) -> float:
    """Tokens per second with MTP over those without, for `users` at once: the measured speed-up for
    one, the one measured with more requests for several, each step reading the MTP layer beside the
    model (a share of the weights like its share of the parameters, counted beyond R1's own)."""
    share = mtp_params(e.model) / (e.model.params_b * 1e9)
    measured = SPEEDUP_ONE_USER if users <= 1 else SPEEDUP_SEVERAL
    return max(1.0, measured * (1 + _R1_MTP_SHARE) / (1 + SPECULATIVE_TOKENS * share))


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
    words = (
        f"MTP speculative decoding ({flag}): the model's MTP {layers} (~{params / 1e9:.1f}B parameters, "
        f"~{size / 1e9:.1f} GB at {e.quant.id}) loads beside it, {where}. At about {ACCEPTANCE:.0%} of the "
        f"drafted tokens accepted and {SPEEDUP_ONE_USER:.2f}x for one user ({_SOURCE}), generation runs at "
        f"~{e.speed.decode_tps * factor:,.0f} tokens/s ({factor:.2f}x the ~{e.speed.decode_tps:,.0f} "
        "shown); text that is hard to guess accepts fewer."
    )
    serving = e.speed.serving
    if serving is not None and serving.users > 1:
        several = mtp_speedup(e, serving.users)
        words += (
            f" With {serving.users} users at once the GPUs have less idle time for the drafts: the same "
            f"benchmark measured {SPEEDUP_SEVERAL:.2f}x at two requests a second, so at most "
            f"~{serving.per_user_tps * several:,.0f} tokens/s each (~{serving.aggregate_tps * several:,.0f} "
            f"in all, over the ~{serving.per_user_tps:,.0f} each without it), less as the batch grows."
        )
    else:
        words += f" With several users at once the gain shrinks (measured: {SPEEDUP_SEVERAL:.2f}x at two)."
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
