"""llama.cpp architectures -> the catalog families whose GGUF files carry them.

A llama-bench row names a model by architecture and size ("qwen3moe 30B.A3B", "llama 70B",
"deepseek2 671B"): llama.cpp writes general.architecture from the checkpoint's class, so one
architecture covers several releases (Llama 2, 3, 3.1 and 3.3 are all "llama"; Qwen2 and Qwen2.5
are "qwen2"; DeepSeek V2, V3, R1 and Kimi K2 are "deepseek2"). The first tuple holds the families
named after the architecture, the second other families converted to it (fine-tunes and
relatives), tried when none of the first has the size.
Architecture names: src/llama-arch.cpp LLM_ARCH_NAMES, github ggml-org/llama.cpp
@00395eb285c7c6821ff372e3ca41dae9da33c2c7; which releases use which: their convert_hf_to_gguf.py
model classes and the general.architecture their GGUF files carry.
"""

from __future__ import annotations

__all__ = ["ARCH_FAMILIES"]

ARCH_FAMILIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "llama": (
        ("LLaMA", "Llama 2", "Llama 3", "Llama 3.1", "Llama 3.2", "Llama 3.3"),
        (
            "Code Llama", "Llama Nemotron", "TinyLlama", "Mistral 7B", "Mistral Nemo", "Mistral Small",
            "Mistral Small 3", "Mistral Large", "Codestral", "Devstral", "Magistral", "Ministral",
            "DeepSeek LLM", "DeepSeek Coder", "DeepSeek R1 Distill", "Yi", "Yi-1.5", "Falcon3",
        ),
    ),
    "deci": (("Llama Nemotron",), ()),
    "llama4": (("Llama 4",), ()),
    "qwen2": (("Qwen2", "Qwen2.5"), ("Qwen1.5", "Qwen2.5-Coder", "QwQ", "DeepSeek R1 Distill")),
    "qwen2moe": (("Qwen2", "Qwen1.5"), ()),
    "qwen2vl": (("Qwen2.5-VL",), ()),
    "qwen3": (("Qwen3",), ("DeepSeek R1 Distill",)),
    "qwen3moe": (("Qwen3",), ("Qwen3-Coder",)),
    "qwen3next": (("Qwen3-Next",), ("Qwen3-Coder",)),
    "qwen3vl": (("Qwen3-VL",), ()),
    "qwen3vlmoe": (("Qwen3-VL",), ()),
    "qwen35": (("Qwen3.5", "Qwen3.6"), ("Qwen3.8",)),
    "qwen35moe": (("Qwen3.5", "Qwen3.6"), ("Qwen3.8",)),
    "phi2": (("Phi-2", "Phi-1.5"), ()),
    "phi3": (("Phi-3", "Phi-3.5", "Phi-4"), ()),
    "phimoe": (("Phi-3.5",), ()),
    "gemma": (("Gemma",), ()),
    "gemma2": (("Gemma 2",), ()),
    "gemma3": (("Gemma 3",), ()),
    "gemma3n": (("Gemma 3n",), ()),
    "gemma4": (("Gemma 4",), ()),
    "starcoder2": (("StarCoder2",), ()),
    "command-r": (("Command R",), ()),
    "cohere2": (("Command A",), ()),
    "dbrx": (("DBRX",), ()),
    "grok": (("Grok",), ()),
    "gpt2": (("GPT-2",), ()),
    "falcon": (("Falcon",), ()),
    "olmo2": (("OLMo 2",), ("Olmo 3",)),
    "deepseek2": (("DeepSeek V2", "DeepSeek V3", "DeepSeek R1"), ("DeepSeek-Coder-V2", "Kimi K2")),
    "deepseek32": (("DeepSeek V3",), ()),
    "deepseek4": (("DeepSeek V4",), ()),
    "glm4": (("GLM-4",), ()),
    "glm4moe": (("GLM-4.5", "GLM-4.6", "GLM-4.7"), ()),
    "glm-dsa": (("GLM-5",), ()),
    "exaone": (("EXAONE 3.5",), ()),
    "exaone4": (("EXAONE 4.0",), ()),
    "granite": (("Granite 3.3",), ()),
    "granitehybrid": (("Granite 4.0",), ()),
    "bailingmoe2": (("Ling 2.0",), ()),
    "ernie4_5": (("ERNIE 4.5",), ()),
    "ernie4_5-moe": (("ERNIE 4.5",), ()),
    "hunyuan-moe": (("Hunyuan",), ()),
    "smollm3": (("SmolLM3",), ()),
    "gpt-oss": (("gpt-oss",), ()),
    "lfm2": (("LFM2",), ()),
    "lfm2moe": (("LFM2",), ()),
    "seed_oss": (("Seed-OSS",), ()),
    "minimax-m2": (("MiniMax M2",), ()),
    "mistral3": (("Mistral Small 3", "Ministral 3"), ("Magistral", "Devstral", "Mistral Large")),
    "mistral4": (("Mistral Small 4",), ()),
    "mimo2": (("MiMo-V2",), ()),
    "step35": (("Step 3.5",), ()),
    "kimi-linear": (("Kimi Linear",), ()),
    "nemotron_h": (("Nemotron Nano v2",), ()),
    "nemotron_h_moe": (("Nemotron 3", "Nemotron 3.5"), ()),
}  # fmt: skip
