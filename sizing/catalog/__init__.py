"""The model catalog: architecture facts, quantization types, engines, name resolution."""

from ._load import bundled_model_files, load_models, parse_model_entries
from ._schema import MLA, Attention, LinearMixer, ModelSpec, MoE
from ._tensors import TensorClass, TensorGroup, active_params, tensor_inventory, total_params

__all__ = [
    "MLA",
    "Attention",
    "LinearMixer",
    "ModelSpec",
    "MoE",
    "TensorClass",
    "TensorGroup",
    "active_params",
    "bundled_model_files",
    "load_models",
    "parse_model_entries",
    "tensor_inventory",
    "total_params",
]
