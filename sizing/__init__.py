"""canirun's sizing core: will a model run on a rig, how, and how fast.

Pure and synchronous: no network, no bot imports; the only I/O is loading the bundled data.

    from sizing import default_catalog, parse_hardware, estimate, advise
    hw = parse_hardware("2x RTX 3090, 64GB DDR4")
    model = default_catalog().resolve("llama 3.3 70b").model
    print(estimate(model, hw, quant="Q4_K_M", context=8192).to_contract())
"""

from ._errors import CatalogError, EstimateError, HardwareError, SizingError, UnknownModelError
from ._speed_evidence import Measurement, measured_speeds
from .advise import Advice, Fix, Option, advise, best_models, quality_label
from .catalog import Catalog, ModelSpec, QuantSpec, default_catalog, resolve_quant
from .estimate import Estimate, estimate
from .hardware import Hardware, default_database, parse_hardware
from .question import Question, read_question
from .speed import SpeedPoint

ESTIMATOR_VERSION = "2"  # bump when the numbers an estimate gives change: cached answers expire with it

__all__ = [
    "ESTIMATOR_VERSION",
    "Advice",
    "Catalog",
    "CatalogError",
    "Estimate",
    "EstimateError",
    "Fix",
    "Hardware",
    "HardwareError",
    "Measurement",
    "ModelSpec",
    "Option",
    "QuantSpec",
    "Question",
    "SizingError",
    "SpeedPoint",
    "UnknownModelError",
    "advise",
    "best_models",
    "default_catalog",
    "default_database",
    "estimate",
    "measured_speeds",
    "parse_hardware",
    "quality_label",
    "read_question",
    "resolve_quant",
]
