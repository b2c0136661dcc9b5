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

from . import vocabulary
from ._errors import CatalogError, EstimateError, HardwareError, SizingError, UnknownModelError
from ._kv import KvBytes, kv_cache_bytes
from ._speed_evidence import Measurement, measured_speeds
from ._weights import WeightBytes, weight_bytes
from .advise import Advice, Fix, Option, advise, quality_label
from .best import BestModel, best_models, rank_best
from .capacity import Capacity, capacity
from .catalog import Catalog, ModelSpec, QuantSpec, default_catalog, resolve_quant
from .compare import compare, reference_model
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
from .question import MAX_QUESTION_CHARS, HubRef, Question, read_hub_refs, read_question
from .requirements import Requirements, requirements
from .speed import SpeedEstimate, SpeedPoint, estimate_speed

ESTIMATOR_VERSION = "3"  # bump when the numbers an estimate gives change: cached answers expire with it

__all__ = [
    "ESTIMATOR_VERSION",
    "MAX_QUESTION_CHARS",
    "Advice",
    "BestModel",
    "Capacity",
    "Catalog",
    "CatalogEntry",
    "CatalogError",
    "DeviceContract",
    "DeviceEntry",
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
    "QuantSpec",
    "Question",
    "Requirements",
    "SizingError",
    "SpeedContract",
    "SpeedEstimate",
    "SpeedPoint",
    "UnknownModelError",
    "WeightBytes",
    "advise",
    "best_models",
    "capacity",
    "compare",
    "default_catalog",
    "default_database",
    "estimate",
    "estimate_memory",
    "estimate_or_none",
    "estimate_speed",
    "kv_cache_bytes",
    "measured_speeds",
    "parse_hardware",
    "quality_label",
    "rank_best",
    "read_hub_refs",
    "read_question",
    "reference_model",
    "requirements",
    "resolve_quant",
    "vocabulary",
    "weight_bytes",
]
