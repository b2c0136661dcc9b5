"""Speculative decoding with a model's own MTP (multi-token prediction) layers: the engine flag that
runs them and the speed-up they bring.

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

from .catalog import ModelSpec, mtp_params

__all__ = [
    "MTP_ACCEPTANCE",
    "MTP_SOURCE",
    "MTP_SPEEDUP_ONE_USER",
    "MTP_SPEEDUP_SEVERAL",
    "eagle_head_bytes",
    "mtp_flag",
    "mtp_speedup",
]

# vLLM's DeepSeek MTP benchmark (R1, one speculative token): drafts accepted, and the speed-up in time
# per output token at 1 and at 2 requests a second
MTP_ACCEPTANCE = 0.81
MTP_SPEEDUP_ONE_USER = 55.47 / 33.99  # 1.63x
MTP_SPEEDUP_SEVERAL = 57.58 / 48.8  # 1.18x, the most several users at once get
MTP_SOURCE = "vLLM's DeepSeek-R1 MTP benchmark, https://github.com/vllm-project/vllm/pull/12755"
# R1's MTP module, in the measured figure already: "685B ... 671B of the Main Model weights and 14B of the
# Multi-Token Prediction (MTP) Module weights" (huggingface.co/deepseek-ai/DeepSeek-V3, model card)
_R1_MTP_SHARE = 14.0 / 685
_SPECULATIVE_TOKENS = 1
_FLAGS = {
    "vllm": f'--speculative-config \'{{"method":"mtp","num_speculative_tokens":{_SPECULATIVE_TOKENS}}}\'',
    "sglang": (
        "--speculative-algorithm EAGLE --speculative-num-steps 1 --speculative-eagle-topk 1 "
        "--speculative-num-draft-tokens 2"
    ),
}


def mtp_flag(engine: str) -> str | None:
    """The flag that makes `engine` speculate with the model's MTP layers; None where it loads none."""
    return _FLAGS.get(engine)


def mtp_speedup(model: ModelSpec, users: int = 1) -> float:
    """Tokens per second with MTP over those without, for `users` at once: the measured speed-up for
    one, the one measured with more requests for several, each step reading the MTP layer beside the
    model (a share of the weights like its share of the parameters, counted beyond R1's own)."""
    share = mtp_params(model) / (model.params_b * 1e9)
    measured = MTP_SPEEDUP_ONE_USER if users <= 1 else MTP_SPEEDUP_SEVERAL
    return max(1.0, measured * (1 + _R1_MTP_SHARE) / (1 + _SPECULATIVE_TOKENS * share))


# an EAGLE-3 drafter is one decoder layer of the target's width, fed by a layer that fuses three of
# the target's hidden states (3 x hidden -> hidden): vLLM's speculative_config method "eagle3"
# (https://docs.vllm.ai/en/latest/features/speculative_decoding/eagle/), SGLang's
# --speculative-algorithm EAGLE3; the heads are published apart, at BF16
_EAGLE_HEAD_BYTES_PER_PARAM = 2.0


def eagle_head_bytes(model: ModelSpec) -> float:
    """Bytes of an EAGLE-3 head trained for `model`: about one of its layers plus the fusing layer."""
    layer_params = model.params_b * 1e9 / max(model.layers, 1)
    return (layer_params + 3 * model.hidden * model.hidden) * _EAGLE_HEAD_BYTES_PER_PARAM
