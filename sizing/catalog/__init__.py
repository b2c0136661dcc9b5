"""The model catalog: architecture facts, quantization types, engines, name resolution."""

from ._catalog import Catalog, default_catalog
from ._gguf_header import entry_from_gguf, parse_gguf_header
from ._hf_config import entry_from_hf_config
from ._load import bundled_model_files, load_models, parse_model_entries
from ._names import PastedName, read_pasted_name
from ._quants import QuantSpec, load_quants, normalize_quant_name, quant_by_id, quant_engines, resolve_quant
from ._repos import ModelRepo, ModelRepos, RepoKind, RepoTable, default_repos, load_repos, parse_repo_entries
from ._resolve import ModelIndex, Resolution, hypothetical_model, resolve_model
from ._schema import MLA, Attention, ClassBytes, GgufFile, LinearMixer, ModelSpec, MoE
from ._tensors import TensorClass, TensorGroup, active_params, tensor_inventory, total_params

__all__ = [
    "MLA",
    "Attention",
    "Catalog",
    "ClassBytes",
    "GgufFile",
    "LinearMixer",
    "MoE",
    "ModelIndex",
    "ModelRepo",
    "ModelRepos",
    "ModelSpec",
    "PastedName",
    "QuantSpec",
    "RepoKind",
    "RepoTable",
    "Resolution",
    "TensorClass",
    "TensorGroup",
    "active_params",
    "bundled_model_files",
    "default_catalog",
    "default_repos",
    "entry_from_gguf",
    "entry_from_hf_config",
    "hypothetical_model",
    "load_models",
    "load_quants",
    "load_repos",
    "normalize_quant_name",
    "parse_gguf_header",
    "parse_model_entries",
    "parse_repo_entries",
    "quant_by_id",
    "quant_engines",
    "read_pasted_name",
    "resolve_model",
    "resolve_quant",
    "tensor_inventory",
    "total_params",
]
