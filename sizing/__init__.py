"""canirun's sizing core: will a model run on a rig, how, and how fast.

Pure and synchronous: no network, no bot imports; the only I/O is loading the bundled data.

    from sizing import default_catalog, parse_hardware, estimate, advise
    hw = parse_hardware("2x RTX 3090, 64GB DDR4")
    model = default_catalog().resolve("llama 3.3 70b").model
    print(estimate(model, hw, quant="Q4_K_M", context=8192).contract())

Everything outside the package imports from here, `sizing.catalog` or `sizing.hardware`.
"""

from . import vocabulary
from ._errors import CatalogError, EstimateError, HardwareError, SizingError, UnknownModelError
from ._kv import KvBytes, kv_cache_bytes
from ._weights import WeightBytes, weight_bytes
from .advise import Advice, Fix, Option, advise, quality_label
from .best import best_models
from .catalog import Catalog, ModelSpec, QuantSpec, default_catalog, resolve_quant
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
from .estimate import Estimate, estimate, estimate_or_none
from .hardware import GpuContract, Hardware, HardwareContract, default_database, parse_hardware
from .memory import MemoryEstimate, estimate_memory
from .question import MAX_QUESTION_CHARS, Question, read_question
from .speed import SpeedEstimate, estimate_speed
from .vocabulary import (
    ANSWER_KINDS,
    BACKENDS,
    DEFAULT_CONTEXT,
    DEFAULT_MIN_TPS,
    ENGINES,
    KV_TYPES,
    KV_TYPES_OFFERED,
    MAX_CONTEXT,
    PARAM_TOLERANCE,
    SEVERE_KLD,
    TASKS,
    VERDICTS,
    AnswerKind,
    Backend,
    Engine,
    KvType,
    Strategy,
    Task,
    Verdict,
)

ESTIMATOR_VERSION = "1"  # bump when the numbers an estimate gives change: cached answers expire with it

__all__ = [
    "ANSWER_KINDS",
    "BACKENDS",
    "DEFAULT_CONTEXT",
    "DEFAULT_MIN_TPS",
    "ENGINES",
    "ESTIMATOR_VERSION",
    "KV_TYPES",
    "KV_TYPES_OFFERED",
    "MAX_CONTEXT",
    "MAX_QUESTION_CHARS",
    "PARAM_TOLERANCE",
    "SEVERE_KLD",
    "TASKS",
    "VERDICTS",
    "Advice",
    "AnswerKind",
    "Backend",
    "Catalog",
    "CatalogEntry",
    "CatalogError",
    "DeviceContract",
    "DeviceEntry",
    "Engine",
    "Estimate",
    "EstimateContract",
    "EstimateError",
    "Fix",
    "GpuContract",
    "Hardware",
    "HardwareContract",
    "HardwareError",
    "KvBytes",
    "KvType",
    "MemoryContract",
    "MemoryEstimate",
    "ModelBrief",
    "ModelRef",
    "ModelSpec",
    "Option",
    "PlacementContract",
    "QuantSpec",
    "Question",
    "SizingError",
    "SpeedContract",
    "SpeedEstimate",
    "Strategy",
    "Task",
    "UnknownModelError",
    "Verdict",
    "WeightBytes",
    "advise",
    "best_models",
    "default_catalog",
    "default_database",
    "estimate",
    "estimate_memory",
    "estimate_or_none",
    "estimate_speed",
    "kv_cache_bytes",
    "parse_hardware",
    "quality_label",
    "read_question",
    "resolve_quant",
    "vocabulary",
    "weight_bytes",
]
