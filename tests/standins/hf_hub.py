"""A local stand-in of the Hugging Face Hub (the part `canirun-admin catalog import-hf` uses), on 127.0.0.1.

Routes, as the real hub lays them out:
    GET /{org}/{name}/resolve/{revision}/{file}      config.json, model.safetensors.index.json,
                                                     model.safetensors and GGUF files (by Range)
    GET /api/models/{org}/{name}[/revision/{rev}]    {"id", "sha", "safetensors": {"parameters", "total"}}

Errors the way the hub gives them: a gated repo without a token answers 401 (X-Error-Code
GatedRepo), with a token lacking access 403; an unknown repo 404 (RepoNotFound), an unknown
revision 404 (RevisionNotFound), a missing file 404 (EntryNotFound). `delay_s` per repo plays a
slow hub. Every request is recorded in `requests` (path, whether it carried a token).

The config dicts below are the public config.json contents of real models (the fields the
importer reads, values as published); each names its source.
"""

from __future__ import annotations

import asyncio
import json
import re
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

from tests.standins.loopback import serve_on_loopback

__all__ = [
    "CONFIGS",
    "REPOS",
    "TOKEN",
    "TRUE_PARAMS",
    "HubRepo",
    "HubStandIn",
    "Request",
    "safetensors_header",
]

TOKEN = "hf_standin_token"

CONFIGS: dict[str, dict[str, Any]] = {
    # https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct/blob/main/config.json (gated)
    "meta-llama/Llama-3.1-8B-Instruct": {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_attention_heads": 32,
        "num_hidden_layers": 32,
        "num_key_value_heads": 8,
        "vocab_size": 128256,
        "max_position_embeddings": 131072,
        "rope_theta": 500000.0,
        "rms_norm_eps": 1e-05,
        "tie_word_embeddings": False,
        "attention_bias": False,
        "mlp_bias": False,
        "head_dim": 128,
        "torch_dtype": "bfloat16",
        "rope_scaling": {
            "factor": 8.0,
            "high_freq_factor": 4.0,
            "low_freq_factor": 1.0,
            "original_max_position_embeddings": 8192,
            "rope_type": "llama3",
        },
    },
    # https://huggingface.co/Qwen/Qwen3-30B-A3B/blob/main/config.json
    "Qwen/Qwen3-30B-A3B": {
        "architectures": ["Qwen3MoeForCausalLM"],
        "model_type": "qwen3_moe",
        "hidden_size": 2048,
        "intermediate_size": 6144,
        "moe_intermediate_size": 768,
        "num_attention_heads": 32,
        "num_key_value_heads": 4,
        "head_dim": 128,
        "num_hidden_layers": 48,
        "num_experts": 128,
        "num_experts_per_tok": 8,
        "decoder_sparse_step": 1,
        "mlp_only_layers": [],
        "norm_topk_prob": True,
        "vocab_size": 151936,
        "max_position_embeddings": 40960,
        "max_window_layers": 48,
        "use_sliding_window": False,
        "sliding_window": None,
        "rope_theta": 1000000.0,
        "tie_word_embeddings": False,
        "attention_bias": False,
        "torch_dtype": "bfloat16",
    },
    # https://huggingface.co/deepseek-ai/DeepSeek-V3/blob/main/config.json
    "deepseek-ai/DeepSeek-V3": {
        "architectures": ["DeepseekV3ForCausalLM"],
        "model_type": "deepseek_v3",
        "hidden_size": 7168,
        "intermediate_size": 18432,
        "moe_intermediate_size": 2048,
        "num_hidden_layers": 61,
        "num_attention_heads": 128,
        "num_key_value_heads": 128,
        "n_shared_experts": 1,
        "n_routed_experts": 256,
        "num_experts_per_tok": 8,
        "first_k_dense_replace": 3,
        "moe_layer_freq": 1,
        "kv_lora_rank": 512,
        "q_lora_rank": 1536,
        "qk_rope_head_dim": 64,
        "qk_nope_head_dim": 128,
        "v_head_dim": 128,
        "n_group": 8,
        "topk_group": 4,
        "routed_scaling_factor": 2.5,
        "scoring_func": "sigmoid",
        "topk_method": "noaux_tc",
        "num_nextn_predict_layers": 1,
        "vocab_size": 129280,
        "max_position_embeddings": 163840,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
        "quantization_config": {
            "activation_scheme": "dynamic",
            "fmt": "e4m3",
            "quant_method": "fp8",
            "weight_block_size": [128, 128],
        },
        "rope_scaling": {
            "beta_fast": 32,
            "beta_slow": 1,
            "factor": 40,
            "mscale": 1.0,
            "mscale_all_dim": 1.0,
            "original_max_position_embeddings": 4096,
            "type": "yarn",
        },
    },
    # https://huggingface.co/openai/gpt-oss-20b/blob/main/config.json
    "openai/gpt-oss-20b": {
        "architectures": ["GptOssForCausalLM"],
        "model_type": "gpt_oss",
        "hidden_size": 2880,
        "intermediate_size": 2880,
        "num_hidden_layers": 24,
        "num_attention_heads": 64,
        "num_key_value_heads": 8,
        "head_dim": 64,
        "num_local_experts": 32,
        "num_experts_per_tok": 4,
        "experts_per_token": 4,
        "vocab_size": 201088,
        "sliding_window": 128,
        "layer_types": ["sliding_attention", "full_attention"] * 12,
        "max_position_embeddings": 131072,
        "attention_bias": True,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
        "swiglu_limit": 7.0,
        "quantization_config": {
            "quant_method": "mxfp4",
            "modules_to_not_convert": [
                "model.layers.*.self_attn",
                "model.layers.*.mlp.router",
                "model.embed_tokens",
                "lm_head",
            ],
        },
        "rope_scaling": {
            "beta_fast": 32.0,
            "beta_slow": 1.0,
            "factor": 32.0,
            "original_max_position_embeddings": 4096,
            "rope_type": "yarn",
            "truncate": False,
        },
    },
    # https://huggingface.co/google/gemma-3-27b-it/blob/main/config.json (gated; text_config nesting,
    # vocab_size and sliding_window_pattern left to Gemma3TextConfig's defaults, as in the file)
    "google/gemma-3-27b-it": {
        "architectures": ["Gemma3ForConditionalGeneration"],
        "model_type": "gemma3",
        "boi_token_index": 255999,
        "eoi_token_index": 256000,
        "eos_token_id": [1, 106],
        "image_token_index": 262144,
        "initializer_range": 0.02,
        "mm_tokens_per_image": 256,
        "text_config": {
            "head_dim": 128,
            "hidden_size": 5376,
            "intermediate_size": 21504,
            "model_type": "gemma3_text",
            "num_attention_heads": 32,
            "num_hidden_layers": 62,
            "num_key_value_heads": 16,
            "query_pre_attn_scalar": 168,
            "rope_scaling": {"factor": 8.0, "rope_type": "linear"},
            "sliding_window": 1024,
        },
        "torch_dtype": "bfloat16",
        "vision_config": {
            "hidden_size": 1152,
            "image_size": 896,
            "intermediate_size": 4304,
            "model_type": "siglip_vision_model",
            "num_attention_heads": 16,
            "num_hidden_layers": 27,
            "patch_size": 14,
            "vision_use_head": False,
        },
    },
    # https://huggingface.co/mistralai/Mixtral-8x7B-v0.1/blob/main/config.json
    "mistralai/Mixtral-8x7B-v0.1": {
        "architectures": ["MixtralForCausalLM"],
        "model_type": "mixtral",
        "hidden_size": 4096,
        "intermediate_size": 14336,
        "num_attention_heads": 32,
        "num_key_value_heads": 8,
        "num_hidden_layers": 32,
        "num_local_experts": 8,
        "num_experts_per_tok": 2,
        "vocab_size": 32000,
        "max_position_embeddings": 32768,
        "sliding_window": None,
        "rope_theta": 1000000.0,
        "rms_norm_eps": 1e-05,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    },
    # https://huggingface.co/Qwen/Qwen3-Next-80B-A3B-Instruct/blob/main/config.json
    "Qwen/Qwen3-Next-80B-A3B-Instruct": {
        "architectures": ["Qwen3NextForCausalLM"],
        "model_type": "qwen3_next",
        "hidden_size": 2048,
        "intermediate_size": 5120,
        "moe_intermediate_size": 512,
        "shared_expert_intermediate_size": 512,
        "num_attention_heads": 16,
        "num_key_value_heads": 2,
        "head_dim": 256,
        "num_hidden_layers": 48,
        "num_experts": 512,
        "num_experts_per_tok": 10,
        "decoder_sparse_step": 1,
        "mlp_only_layers": [],
        "norm_topk_prob": True,
        "full_attention_interval": 4,
        "linear_conv_kernel_dim": 4,
        "linear_key_head_dim": 128,
        "linear_value_head_dim": 128,
        "linear_num_key_heads": 16,
        "linear_num_value_heads": 32,
        "partial_rotary_factor": 0.25,
        "vocab_size": 151936,
        "max_position_embeddings": 262144,
        "rope_theta": 10000000,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    },
    # https://huggingface.co/zai-org/GLM-4.5-Air/blob/main/config.json
    "zai-org/GLM-4.5-Air": {
        "architectures": ["Glm4MoeForCausalLM"],
        "model_type": "glm4_moe",
        "attention_bias": True,
        "first_k_dense_replace": 1,
        "head_dim": 128,
        "hidden_size": 4096,
        "intermediate_size": 10944,
        "max_position_embeddings": 131072,
        "moe_intermediate_size": 1408,
        "n_group": 1,
        "n_routed_experts": 128,
        "n_shared_experts": 1,
        "norm_topk_prob": True,
        "num_attention_heads": 96,
        "num_experts_per_tok": 8,
        "num_hidden_layers": 46,
        "num_key_value_heads": 8,
        "num_nextn_predict_layers": 1,
        "partial_rotary_factor": 0.5,
        "rope_theta": 1000000,
        "routed_scaling_factor": 1.0,
        "tie_word_embeddings": False,
        "topk_group": 1,
        "torch_dtype": "bfloat16",
        "use_qk_norm": False,
        "vocab_size": 151552,
    },
    # https://huggingface.co/nvidia/NVIDIA-Nemotron-Nano-9B-v2/blob/main/config.json (hybrid Mamba2)
    "nvidia/NVIDIA-Nemotron-Nano-9B-v2": {
        "architectures": ["NemotronHForCausalLM"],
        "model_type": "nemotron_h",
        "hidden_size": 4480,
        "intermediate_size": 15680,
        "num_attention_heads": 40,
        "num_key_value_heads": 8,
        "head_dim": 128,
        "num_hidden_layers": 56,
        "hybrid_override_pattern": "M-M-M-MM-M-M-M*-M-M-M*-M-M-M-M*-M-M-M-M*-M-MM-M-M-M-M-M-",
        "mamba_num_heads": 128,
        "mamba_head_dim": 80,
        "ssm_state_size": 128,
        "n_groups": 8,
        "conv_kernel": 4,
        "mlp_hidden_act": "relu2",
        "vocab_size": 131072,
        "max_position_embeddings": 131072,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    },
    # Not in the bundled catalog -------------------------------------------------------------
    # https://huggingface.co/HuggingFaceTB/SmolLM2-1.7B-Instruct/blob/main/config.json
    "HuggingFaceTB/SmolLM2-1.7B-Instruct": {
        "architectures": ["LlamaForCausalLM"],
        "model_type": "llama",
        "attention_bias": False,
        "hidden_act": "silu",
        "hidden_size": 2048,
        "intermediate_size": 8192,
        "max_position_embeddings": 8192,
        "mlp_bias": False,
        "num_attention_heads": 32,
        "num_hidden_layers": 24,
        "num_key_value_heads": 32,
        "rms_norm_eps": 1e-05,
        "rope_scaling": None,
        "rope_theta": 130000,
        "tie_word_embeddings": True,
        "torch_dtype": "bfloat16",
        "vocab_size": 49152,
    },
    # https://huggingface.co/allenai/OLMoE-1B-7B-0125-Instruct/blob/main/config.json
    "allenai/OLMoE-1B-7B-0125-Instruct": {
        "architectures": ["OlmoeForCausalLM"],
        "model_type": "olmoe",
        "hidden_size": 2048,
        "intermediate_size": 1024,
        "num_attention_heads": 16,
        "num_key_value_heads": 16,
        "num_hidden_layers": 16,
        "num_experts": 64,
        "num_experts_per_tok": 8,
        "vocab_size": 50304,
        "max_position_embeddings": 4096,
        "norm_topk_prob": False,
        "rope_theta": 10000.0,
        "tie_word_embeddings": False,
        "torch_dtype": "bfloat16",
    },
}

# True parameter counts (for the tests; sources in each comment)
TRUE_PARAMS = {
    # sum of the config's tensor shapes; HF lists the model as 8.03B
    "meta-llama/Llama-3.1-8B-Instruct": 8_030_261_248,
    # HF API safetensors total of Qwen/Qwen3-30B-A3B (the card's 30.5B)
    "Qwen/Qwen3-30B-A3B": 30_532_122_624,
    # sum of the config's tensor shapes; card 46.7B
    "mistralai/Mixtral-8x7B-v0.1": 46_702_792_704,
    # sum of the config's tensor shapes (24 x 67,112,960 + embedding + final norm); card 1.7B
    "HuggingFaceTB/SmolLM2-1.7B-Instruct": 1_711_376_384,
    # full tensor count of OLMoE-1B-7B-0125 (6.92B), per its published safetensors
    "allenai/OLMoE-1B-7B-0125-Instruct": 6_919_161_856,
}


def safetensors_header(config: dict[str, Any]) -> dict[str, Any]:
    """The tensor table of a plain Llama checkpoint with these shapes (BF16), as a safetensors header."""
    h, f, n = config["hidden_size"], config["intermediate_size"], config["num_hidden_layers"]
    heads, kv = config["num_attention_heads"], config["num_key_value_heads"]
    hd = h // heads
    shapes: dict[str, list[int]] = {
        "model.embed_tokens.weight": [config["vocab_size"], h],
        "model.norm.weight": [h],
    }
    for i in range(n):
        p = f"model.layers.{i}."
        shapes |= {
            p + "self_attn.q_proj.weight": [heads * hd, h],
            p + "self_attn.k_proj.weight": [kv * hd, h],
            p + "self_attn.v_proj.weight": [kv * hd, h],
            p + "self_attn.o_proj.weight": [h, heads * hd],
            p + "mlp.gate_proj.weight": [f, h],
            p + "mlp.up_proj.weight": [f, h],
            p + "mlp.down_proj.weight": [h, f],
            p + "input_layernorm.weight": [h],
            p + "post_attention_layernorm.weight": [h],
        }
    header: dict[str, Any] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, shape in shapes.items():
        size = 2
        for d in shape:
            size *= d
        header[name] = {"dtype": "BF16", "shape": shape, "data_offsets": [offset, offset + size]}
        offset += size
    return header


@dataclass
class HubRepo:
    config: dict[str, Any]
    gated: bool = False
    api_total: int | None = None  # /api/models safetensors total
    index: dict[str, Any] | None = None  # model.safetensors.index.json
    single_file: bool = False  # serve model.safetensors (header + zeros) for range reads
    delay_s: float = 0.0
    revisions: tuple[str, ...] = ("main",)
    files: dict[str, Path] = field(default_factory=dict)  # other files (GGUF), served by range


def _repos() -> dict[str, HubRepo]:
    smol = CONFIGS["HuggingFaceTB/SmolLM2-1.7B-Instruct"]
    return {
        "meta-llama/Llama-3.1-8B-Instruct": HubRepo(
            CONFIGS["meta-llama/Llama-3.1-8B-Instruct"],
            gated=True,
            api_total=TRUE_PARAMS["meta-llama/Llama-3.1-8B-Instruct"],
        ),
        "Qwen/Qwen3-30B-A3B": HubRepo(
            CONFIGS["Qwen/Qwen3-30B-A3B"], api_total=TRUE_PARAMS["Qwen/Qwen3-30B-A3B"]
        ),
        # an FP8 checkpoint (illustrative byte total): its index cannot be turned into a parameter count
        "deepseek-ai/DeepSeek-V3": HubRepo(
            CONFIGS["deepseek-ai/DeepSeek-V3"],
            index={"metadata": {"total_size": 688_000_000_000}, "weight_map": {}},
        ),
        "openai/gpt-oss-20b": HubRepo(CONFIGS["openai/gpt-oss-20b"]),
        "google/gemma-3-27b-it": HubRepo(CONFIGS["google/gemma-3-27b-it"], gated=True),
        "mistralai/Mixtral-8x7B-v0.1": HubRepo(
            CONFIGS["mistralai/Mixtral-8x7B-v0.1"],
            index={
                "metadata": {"total_size": 2 * TRUE_PARAMS["mistralai/Mixtral-8x7B-v0.1"]},
                "weight_map": {},
            },
        ),
        "Qwen/Qwen3-Next-80B-A3B-Instruct": HubRepo(CONFIGS["Qwen/Qwen3-Next-80B-A3B-Instruct"]),
        "zai-org/GLM-4.5-Air": HubRepo(CONFIGS["zai-org/GLM-4.5-Air"], revisions=("main", "v1.0")),
        "nvidia/NVIDIA-Nemotron-Nano-9B-v2": HubRepo(CONFIGS["nvidia/NVIDIA-Nemotron-Nano-9B-v2"]),
        "HuggingFaceTB/SmolLM2-1.7B-Instruct": HubRepo(smol, single_file=True),
        "allenai/OLMoE-1B-7B-0125-Instruct": HubRepo(
            CONFIGS["allenai/OLMoE-1B-7B-0125-Instruct"],
            index={
                "metadata": {"total_size": 2 * TRUE_PARAMS["allenai/OLMoE-1B-7B-0125-Instruct"]},
                "weight_map": {},
            },
        ),
        "canirun-test/slow-model": HubRepo(smol, delay_s=5.0),
        "canirun-test/not-json": HubRepo({}),
    }


REPOS = _repos()
_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


@dataclass
class Request:
    path: str
    token: bool
    range: str | None


@dataclass
class HubStandIn:
    repos: dict[str, HubRepo] = field(default_factory=_repos)
    requests: list[Request] = field(default_factory=list)
    bytes_served: int = 0
    _runner: web.AppRunner | None = None
    url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_get("/api/models/{org}/{name}", self._api)
        app.router.add_get("/api/models/{org}/{name}/revision/{rev}", self._api)
        app.router.add_get("/{org}/{name}/resolve/{rev}/{file}", self._file)
        # handler_cancellation: a client that gives up ends its handler
        self._runner, port = await serve_on_loopback(app, handler_cancellation=True)
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    def _error(self, status: int, code: str, message: str) -> web.Response:
        return web.json_response({"error": message}, status=status, headers={"X-Error-Code": code})

    async def _lookup(self, request: web.Request) -> tuple[HubRepo | None, web.Response | None]:
        auth = request.headers.get("Authorization", "")
        self.requests.append(Request(request.path, auth.startswith("Bearer "), request.headers.get("Range")))
        repo_id = f"{request.match_info['org']}/{request.match_info['name']}"
        repo = self.repos.get(repo_id)
        if repo is None:
            return None, self._error(404, "RepoNotFound", "Repository not found")
        if repo.delay_s:
            await asyncio.sleep(repo.delay_s)
        rev = request.match_info.get("rev", "main")
        if rev not in repo.revisions:
            return None, self._error(404, "RevisionNotFound", f"Invalid rev id: {rev}")
        if repo.gated and request.path.find("/resolve/") >= 0:
            if not auth:
                return None, self._error(401, "GatedRepo", "Access to this model is restricted: log in")
            if auth != f"Bearer {TOKEN}":
                return None, self._error(403, "GatedRepo", "Your token has no access to this gated model")
        return repo, None

    async def _api(self, request: web.Request) -> web.Response:
        repo, error = await self._lookup(request)
        if error is not None:
            return error
        assert repo is not None
        body: dict[str, Any] = {
            "id": f"{request.match_info['org']}/{request.match_info['name']}",
            "sha": "0" * 40,
        }
        if repo.api_total:
            body["safetensors"] = {"parameters": {"BF16": repo.api_total}, "total": repo.api_total}
        return web.json_response(body)

    async def _file(self, request: web.Request) -> web.StreamResponse:
        repo, error = await self._lookup(request)
        if error is not None:
            return error
        assert repo is not None
        name = request.match_info["file"]
        if name == "config.json":
            if not repo.config:
                return web.Response(text="<html>not json</html>", content_type="text/html")
            return web.json_response(repo.config)
        if name == "model.safetensors.index.json" and repo.index is not None:
            return web.json_response(repo.index)
        if name == "model.safetensors" and repo.single_file:
            return self._ranged(request, repo)
        if name in repo.files:
            return self._ranged_file(request, repo.files[name])
        return self._error(404, "EntryNotFound", f"{name} not found")

    def _ranged_file(self, request: web.Request, path: Path) -> web.Response:
        size = path.stat().st_size
        m = _RANGE.match(request.headers.get("Range", ""))
        if m is None:
            return web.Response(status=400, text="this stand-in serves files by range only")
        start = int(m.group(1))
        if start >= size:
            return web.Response(status=416, headers={"Content-Range": f"bytes */{size}"})
        end = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
        with path.open("rb") as f:
            f.seek(start)
            chunk = f.read(end - start + 1)
        self.bytes_served += len(chunk)
        headers = {"Content-Range": f"bytes {start}-{end}/{size}", "Accept-Ranges": "bytes"}
        return web.Response(status=206, body=chunk, headers=headers)

    def _ranged(self, request: web.Request, repo: HubRepo) -> web.Response:
        header = json.dumps(safetensors_header(repo.config)).encode()
        prefix = struct.pack("<Q", len(header)) + header
        size = len(prefix) + 2 * 1_711_376_384
        m = _RANGE.match(request.headers.get("Range", ""))
        if m is None:
            return web.Response(status=400, text="this stand-in serves model.safetensors by range only")
        start = int(m.group(1))
        end = min(int(m.group(2)) if m.group(2) else size - 1, size - 1)
        chunk = prefix[start : end + 1] if start < len(prefix) else b""
        chunk += b"\0" * (end + 1 - start - len(chunk))
        self.bytes_served += len(chunk)
        return web.Response(
            status=206,
            body=chunk,
            headers={"Content-Range": f"bytes {start}-{end}/{size}", "Accept-Ranges": "bytes"},
        )
