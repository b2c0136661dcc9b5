"""canirun's sizing core: will a model run on a rig, how, and how fast.

Pure and synchronous: no network, no bot imports; the only I/O is loading the bundled data.

    from sizing import default_catalog, parse_hardware, estimate, advise
    hw = parse_hardware("2x RTX 3090, 64GB DDR4")
    model = default_catalog().resolve("llama 3.3 70b").model
    print(estimate(model, hw, quant="Q4_K_M", context=8192).contract())

Everything outside the package imports from here, `sizing.vocabulary` (the words: engines,
backends, tasks, verdicts, answer kinds, defaults and tolerances), `sizing.catalog` or
`sizing.hardware`.
"""

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from . import vocabulary
from ._errors import CatalogError, EstimateError, HardwareError, SizingError, UnknownModelError

if TYPE_CHECKING:
    from ._compute_capability import fp8_compute
    from ._embeddings import (
        EMBEDDING_PARAMS_B,
        Companion,
        companion_models,
        embedding_asked,
        embedding_size_b,
        embedding_weights_gb,
    )
    from ._engine_fit import EngineOptions
    from ._kv import KvBytes, kv_cache_bytes
    from ._ollama_tags import ollama_tag_named
    from ._question_kv import engine_kv_name
    from ._routing import engine_name
    from ._siblings import smaller_sibling
    from ._speed_evidence import Measurement, measured_speeds
    from ._weights import WeightBytes, weight_bytes
    from .advise import (
        Advice,
        Fix,
        Option,
        advise,
        fits_on_gpus_below,
        format_builds,
        gpu_only_words,
        quality_label,
    )
    from .best import BestModel, best_heading, best_models, models_of_about, rank_best
    from .capacity import Capacity, capacity
    from .catalog import Catalog, ModelSpec, QuantSpec, default_catalog, resolve_quant
    from .commands import model_reference, repo_named
    from .compare import Comparison, compare, quality_verdict, reference_model
    from .contract import (
        CatalogEntry,
        DeviceContract,
        DeviceEntry,
        EstimateContract,
        MemoryContract,
        ModelBrief,
        ModelRef,
        PlacementContract,
        SpeedContract,
    )
    from .data_cache import cache_dir, own_file_bytes
    from .estimate import Estimate, estimate, estimate_again, estimate_or_none, refuse_impossible_ram
    from .hardware import GpuContract, Hardware, HardwareContract, default_database, parse_hardware
    from .memory import MemoryEstimate, estimate_memory
    from .quant_policy import quality_band
    from .question import MAX_QUESTION_CHARS, HubRef, Question, question_length, read_hub_refs, read_question
    from .requirements import Requirements, requirements
    from .shop import DESKTOP_CARDS, Purchase, Shopping, shop
    from .speed import SpeedEstimate, SpeedPoint, estimate_speed


# every other name is imported on first use (PEP 562): a caller pays only for the parts it uses
# (a question about one model on one rig never imports the ranking, pricing or comparison code)
_LAZY = {
    "EngineOptions": "._engine_fit",
    "fp8_compute": "._compute_capability",
    "KvBytes": "._kv",
    "kv_cache_bytes": "._kv",
    "engine_kv_name": "._question_kv",
    "engine_name": "._routing",
    "Measurement": "._speed_evidence",
    "measured_speeds": "._speed_evidence",
    "MTP_ACCEPTANCE": "._speculative_mtp",
    "MTP_SOURCE": "._speculative_mtp",
    "MTP_SPEEDUP_ONE_USER": "._speculative_mtp",
    "MTP_SPEEDUP_SEVERAL": "._speculative_mtp",
    "eagle_head_bytes": "._speculative_mtp",
    "mtp_flag": "._speculative_mtp",
    "mtp_speedup": "._speculative_mtp",
    "WeightBytes": "._weights",
    "weight_bytes": "._weights",
    "Advice": ".advise",
    "Fix": ".advise",
    "Option": ".advise",
    "advise": ".advise",
    "max_context_on_gpu": ".advise",
    "memory_need_words": ".memory_need",
    "quality_label": ".advise",
    "gpu_only_words": ".advise",
    "fits_on_gpus_below": ".advise",
    "format_builds": ".advise",
    "quality_band": ".quant_policy",
    "BestModel": ".best",
    "best_heading": ".best",
    "best_models": ".best",
    "models_of_about": ".best",
    "smaller_sibling": "._siblings",
    "ollama_tag_named": "._ollama_tags",
    "rank_best": ".best",
    "Capacity": ".capacity",
    "capacity": ".capacity",
    "Catalog": ".catalog",
    "ModelSpec": ".catalog",
    "QuantSpec": ".catalog",
    "default_catalog": ".catalog",
    "resolve_quant": ".catalog",
    "Comparison": ".compare",
    "compare": ".compare",
    "quality_verdict": ".compare",
    "reference_model": ".compare",
    "CatalogEntry": ".contract",
    "DeviceContract": ".contract",
    "DeviceEntry": ".contract",
    "EstimateContract": ".contract",
    "MemoryContract": ".contract",
    "ModelBrief": ".contract",
    "ModelRef": ".contract",
    "PlacementContract": ".contract",
    "SpeedContract": ".contract",
    "cache_dir": ".data_cache",
    "own_file_bytes": ".data_cache",
    "Estimate": ".estimate",
    "estimate": ".estimate",
    "estimate_again": ".estimate",
    "estimate_or_none": ".estimate",
    "refuse_impossible_ram": ".estimate",
    "GpuContract": ".hardware",
    "Hardware": ".hardware",
    "HardwareContract": ".hardware",
    "default_database": ".hardware",
    "parse_hardware": ".hardware",
    "MemoryEstimate": ".memory",
    "estimate_memory": ".memory",
    "MAX_QUESTION_CHARS": ".question",
    "HubRef": ".question",
    "Question": ".question",
    "question_length": ".question",
    "read_hub_refs": ".question",
    "read_question": ".question",
    "model_reference": ".commands",
    "repo_named": ".commands",
    "Requirements": ".requirements",
    "requirements": ".requirements",
    "DESKTOP_CARDS": ".shop",
    "EMBEDDING_PARAMS_B": "._embeddings",
    "Companion": "._embeddings",
    "companion_models": "._embeddings",
    "embedding_asked": "._embeddings",
    "embedding_size_b": "._embeddings",
    "embedding_weights_gb": "._embeddings",
    "Purchase": ".shop",
    "Shopping": ".shop",
    "shop": ".shop",
    "SpeedEstimate": ".speed",
    "SpeedPoint": ".speed",
    "estimate_speed": ".speed",
}


class _Package(types.ModuleType):
    """The package, whose names that are also submodules ("estimate", "compare") stay the
    functions: importing a submodule binds it on its package, which would hide the function."""

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and name in _LAZY:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'sizing' has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


ESTIMATOR_VERSION = "3"  # bump when the numbers an estimate gives change: cached answers expire with it

__all__ = [
    "DESKTOP_CARDS",
    "EMBEDDING_PARAMS_B",
    "ESTIMATOR_VERSION",
    "MAX_QUESTION_CHARS",
    "MTP_ACCEPTANCE",
    "MTP_SOURCE",
    "MTP_SPEEDUP_ONE_USER",
    "MTP_SPEEDUP_SEVERAL",
    "Advice",
    "BestModel",
    "Capacity",
    "Catalog",
    "CatalogEntry",
    "CatalogError",
    "Companion",
    "Comparison",
    "DeviceContract",
    "DeviceEntry",
    "EngineOptions",
    "Estimate",
    "EstimateContract",
    "EstimateError",
    "Fix",
    "GpuContract",
    "Hardware",
    "HardwareContract",
    "HardwareError",
    "HubRef",
    "KvBytes",
    "Measurement",
    "MemoryContract",
    "MemoryEstimate",
    "ModelBrief",
    "ModelRef",
    "ModelSpec",
    "Option",
    "PlacementContract",
    "Purchase",
    "QuantSpec",
    "Question",
    "Requirements",
    "Shopping",
    "SizingError",
    "SpeedContract",
    "SpeedEstimate",
    "SpeedPoint",
    "UnknownModelError",
    "WeightBytes",
    "advise",
    "best_heading",
    "best_models",
    "cache_dir",
    "capacity",
    "companion_models",
    "compare",
    "default_catalog",
    "default_database",
    "eagle_head_bytes",
    "embedding_asked",
    "embedding_size_b",
    "embedding_weights_gb",
    "engine_kv_name",
    "engine_name",
    "estimate",
    "estimate_again",
    "estimate_memory",
    "estimate_or_none",
    "estimate_speed",
    "fits_on_gpus_below",
    "format_builds",
    "fp8_compute",
    "gpu_only_words",
    "kv_cache_bytes",
    "max_context_on_gpu",
    "measured_speeds",
    "memory_need_words",
    "model_reference",
    "models_of_about",
    "mtp_flag",
    "mtp_speedup",
    "ollama_tag_named",
    "own_file_bytes",
    "parse_hardware",
    "quality_band",
    "quality_label",
    "quality_verdict",
    "question_length",
    "rank_best",
    "read_hub_refs",
    "read_question",
    "reference_model",
    "refuse_impossible_ram",
    "repo_named",
    "requirements",
    "resolve_quant",
    "shop",
    "smaller_sibling",
    "vocabulary",
    "weight_bytes",
]
