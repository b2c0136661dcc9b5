"""The model catalog: architecture facts, quantization types, name resolution, and the importers
that turn a Hugging Face config.json or a GGUF file's header into a catalog entry."""

import importlib
from typing import TYPE_CHECKING, Any

from ._arches import ARCH_FAMILIES
from ._catalog import Catalog, default_catalog
from ._generic import ROW_BLOCK, GenericShape, generic_model
from ._ggml import GGML_TYPES, GgmlType, MixContext, gguf_tensor_type, gguf_tensor_types
from ._lineage import FineTune, load_finetunes
from ._load import bundled_model_files, load_models, parse_model_entries
from ._names import LLAMA_ARCHES, QUANT_PATTERN, PastedName, SizeLabel, read_pasted_name, read_size_label
from ._quants import QuantSpec, load_quants, normalize_quant_name, quant_by_id, quant_engines, resolve_quant
from ._repos import (
    ModelRepo,
    ModelRepos,
    RepoKind,
    RepoTable,
    default_repos,
    is_gguf_repo,
    load_repos,
    parse_repo_entries,
)
from ._resolve import ModelIndex, Resolution, exact_model, hypothetical_model, resolve_model, suggest_models
from ._schema import MLA, Attention, ClassBytes, EngineGap, GgufFile, Indexer, LinearMixer, ModelSpec, MoE
from ._tensors import TensorClass, TensorGroup, active_params, mtp_params, tensor_inventory, total_params
from ._versions import with_version_dots

if TYPE_CHECKING:
    from ._gguf_header import (
        FILE_TYPES,
        GGML_TYPE_NAMES,
        KEEP_ARRAY,
        ArrayInfo,
        GgufFormatError,
        GgufHeader,
        GgufTensor,
        NeedMoreBytes,
        parse_gguf_header,
    )
    from ._gguf_import import GgufImport, entry_from_gguf, quant_from_file
    from ._hf_config import HfImport, entry_from_hf_config, params_from_index, params_from_safetensors_header

# the importers (a GGUF header, a Hugging Face config) are imported on first use: answering a
# question never needs them
_IMPORTERS = {
    "FILE_TYPES": "._gguf_header",
    "GGML_TYPE_NAMES": "._gguf_header",
    "KEEP_ARRAY": "._gguf_header",
    "ArrayInfo": "._gguf_header",
    "GgufFormatError": "._gguf_header",
    "GgufHeader": "._gguf_header",
    "GgufTensor": "._gguf_header",
    "NeedMoreBytes": "._gguf_header",
    "parse_gguf_header": "._gguf_header",
    "GgufImport": "._gguf_import",
    "entry_from_gguf": "._gguf_import",
    "quant_from_file": "._gguf_import",
    "HfImport": "._hf_config",
    "entry_from_hf_config": "._hf_config",
    "params_from_index": "._hf_config",
    "params_from_safetensors_header": "._hf_config",
}


def __getattr__(name: str) -> Any:
    where = _IMPORTERS.get(name)
    if where is None:
        raise AttributeError(f"module 'sizing.catalog' has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_IMPORTERS})


__all__ = [
    "ARCH_FAMILIES",
    "FILE_TYPES",
    "GGML_TYPES",
    "GGML_TYPE_NAMES",
    "KEEP_ARRAY",
    "LLAMA_ARCHES",
    "MLA",
    "QUANT_PATTERN",
    "ROW_BLOCK",
    "ArrayInfo",
    "Attention",
    "Catalog",
    "ClassBytes",
    "EngineGap",
    "FineTune",
    "GenericShape",
    "GgmlType",
    "GgufFile",
    "GgufFormatError",
    "GgufHeader",
    "GgufImport",
    "GgufTensor",
    "HfImport",
    "Indexer",
    "LinearMixer",
    "MixContext",
    "MoE",
    "ModelIndex",
    "ModelRepo",
    "ModelRepos",
    "ModelSpec",
    "NeedMoreBytes",
    "PastedName",
    "QuantSpec",
    "RepoKind",
    "RepoTable",
    "Resolution",
    "SizeLabel",
    "TensorClass",
    "TensorGroup",
    "active_params",
    "bundled_model_files",
    "default_catalog",
    "default_repos",
    "entry_from_gguf",
    "entry_from_hf_config",
    "exact_model",
    "generic_model",
    "gguf_tensor_type",
    "gguf_tensor_types",
    "hypothetical_model",
    "is_gguf_repo",
    "load_finetunes",
    "load_models",
    "load_quants",
    "load_repos",
    "mtp_params",
    "normalize_quant_name",
    "params_from_index",
    "params_from_safetensors_header",
    "parse_gguf_header",
    "parse_model_entries",
    "parse_repo_entries",
    "quant_by_id",
    "quant_engines",
    "quant_from_file",
    "read_pasted_name",
    "read_size_label",
    "resolve_model",
    "resolve_quant",
    "suggest_models",
    "tensor_inventory",
    "total_params",
    "with_version_dots",
]
