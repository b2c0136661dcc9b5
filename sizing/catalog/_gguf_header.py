"""The GGUF header and tensor table, read from the first bytes of a file.

A small reader of the GGUF layout (versions 2 and 3; github ggml-org/ggml docs/gguf.md):

    magic "GGUF" | u32 version | u64 tensor_count | u64 kv_count
    kv_count x (string key | u32 value type | value)      strings are u64 length + UTF-8 bytes
    tensor_count x (string name | u32 n_dims | n_dims x u64 ne | u32 ggml type | u64 offset)
    padding to general.alignment (32), then the tensor data

It works on a prefix of the file: when the prefix ends inside the header it raises NeedMoreBytes
saying how far it got, so a caller reading over HTTP can fetch a longer range. Tensor bytes come
from each ggml type's block size (ggml-common.h; gguf.constants.GGML_QUANT_SIZES holds the same).
Long arrays (the tokenizer's vocabulary) are walked but kept only as their length.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._errors import CatalogError
from ._ggml import GGML_TYPES

__all__ = [
    "FILE_TYPES",
    "GGML_TYPE_NAMES",
    "KEEP_ARRAY",
    "ArrayInfo",
    "GgufFormatError",
    "GgufHeader",
    "GgufTensor",
    "NeedMoreBytes",
    "parse_gguf_header",
]

MAGIC = b"GGUF"
DEFAULT_ALIGNMENT = 32
KEEP_ARRAY = 1024  # arrays longer than this are kept as their length only

# ggml_type enum (ggml.h) -> name
GGML_TYPE_NAMES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 6: "Q5_0", 7: "Q5_1", 8: "Q8_0", 9: "Q8_1",
    10: "Q2_K", 11: "Q3_K", 12: "Q4_K", 13: "Q5_K", 14: "Q6_K", 15: "Q8_K", 16: "IQ2_XXS",
    17: "IQ2_XS", 18: "IQ3_XXS", 19: "IQ1_S", 20: "IQ4_NL", 21: "IQ3_S", 22: "IQ2_S", 23: "IQ4_XS",
    24: "I8", 25: "I16", 26: "I32", 27: "I64", 28: "F64", 29: "IQ1_M", 30: "BF16", 34: "TQ1_0",
    35: "TQ2_0", 39: "MXFP4", 40: "NVFP4",
}  # fmt: skip
# (weights per block, bytes per block) beyond the quant types sizing.catalog._ggml knows
_MORE_BLOCKS = {"Q8_1": (32, 40), "Q8_K": (256, 292), "I8": (1, 1), "I16": (1, 2), "I32": (1, 4)}
_MORE_BLOCKS |= {"I64": (1, 8), "F64": (1, 8)}
# llama_ftype (general.file_type) -> quant id in quants.yaml
FILE_TYPES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K",
    11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S",
    17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS",
    23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M",
    30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0", 38: "MXFP4",
}  # fmt: skip
# GGUF value types: fixed-size scalars as struct formats (little endian)
_SCALARS = {
    0: "<B",
    1: "<b",
    2: "<H",
    3: "<h",
    4: "<I",
    5: "<i",
    6: "<f",
    7: "<?",
    10: "<Q",
    11: "<q",
    12: "<d",
}
_STRING, _ARRAY = 8, 9
_MAX_STRING = 1 << 26
_MAX_COUNT = 1 << 31


class GgufFormatError(CatalogError):
    """The bytes are not a GGUF file this reader understands."""


class NeedMoreBytes(Exception):
    """The prefix ended inside the header; `needed` bytes at least are required to go on."""

    def __init__(self, needed: int) -> None:
        super().__init__(f"GGUF header continues past byte {needed}")
        self.needed = needed


@dataclass(frozen=True, slots=True)
class ArrayInfo:
    """A long metadata array, kept as its element type and length."""

    value_type: int
    length: int


@dataclass(frozen=True, slots=True)
class GgufTensor:
    name: str
    type_id: int
    shape: tuple[int, ...]  # ggml order: ne0 (row length) first
    offset: int  # from the start of the data section

    @property
    def type_name(self) -> str:
        return GGML_TYPE_NAMES.get(self.type_id, f"type{self.type_id}")

    @property
    def n_elements(self) -> int:
        return math.prod(self.shape) if self.shape else 1

    @property
    def n_bytes(self) -> int:
        name = self.type_name
        t = GGML_TYPES.get(name)
        block, size = (t.block, t.bytes) if t is not None else _MORE_BLOCKS.get(name, (0, 0))
        if not block:
            raise GgufFormatError(f"tensor {self.name}: unknown ggml type {self.type_id}")
        return self.n_elements * size // block


@dataclass(frozen=True, slots=True)
class GgufHeader:
    version: int
    metadata: Mapping[str, Any]
    tensors: tuple[GgufTensor, ...]
    data_offset: int  # where tensor data starts: the header's size in bytes

    @property
    def tensor_bytes(self) -> dict[str, int]:
        """The exact per-tensor byte map."""
        return {t.name: t.n_bytes for t in self.tensors}

    @property
    def params(self) -> int:
        return sum(t.n_elements for t in self.tensors)


class _Cursor:
    def __init__(self, data: bytes | memoryview) -> None:
        self.data = memoryview(data)
        self.pos = 0

    def take(self, n: int) -> memoryview:
        end = self.pos + n
        if end > len(self.data):
            raise NeedMoreBytes(end)
        out = self.data[self.pos : end]
        self.pos = end
        return out

    def scalar(self, fmt: str) -> Any:
        size = struct.calcsize(fmt)
        return struct.unpack(fmt, self.take(size))[0]

    def count(self, what: str) -> int:
        n = int(self.scalar("<Q"))
        if n > _MAX_COUNT:
            raise GgufFormatError(f"implausible {what} ({n}): not a GGUF file or a corrupt one")
        return n

    def string(self) -> str:
        n = int(self.scalar("<Q"))
        if n > _MAX_STRING:
            raise GgufFormatError(f"implausible string length {n} at byte {self.pos}")
        return bytes(self.take(n)).decode("utf-8", errors="replace")

    def value(self, vtype: int) -> Any:
        if vtype in _SCALARS:
            return self.scalar(_SCALARS[vtype])
        if vtype == _STRING:
            return self.string()
        if vtype == _ARRAY:
            itype = int(self.scalar("<I"))
            n = self.count("array length")
            if itype in _SCALARS and n > KEEP_ARRAY:
                self.take(n * struct.calcsize(_SCALARS[itype]))
                return ArrayInfo(itype, n)
            items = [self.value(itype) for _ in range(n)]
            return ArrayInfo(itype, n) if n > KEEP_ARRAY else items
        raise GgufFormatError(f"unknown GGUF value type {vtype} at byte {self.pos}")


def parse_gguf_header(data: bytes | memoryview) -> GgufHeader:
    """Parse the header and tensor table from a prefix of a GGUF file.

    Raises NeedMoreBytes when the prefix is too short, GgufFormatError when it is not GGUF.
    """
    cur = _Cursor(data)
    if bytes(cur.take(4)) != MAGIC:
        raise GgufFormatError("not a GGUF file (the first four bytes are not 'GGUF')")
    version = int(cur.scalar("<I"))
    if version not in (2, 3):
        raise GgufFormatError(f"GGUF version {version} is not supported (2 and 3 are)")
    n_tensors = cur.count("tensor count")
    n_kv = cur.count("metadata count")
    metadata: dict[str, Any] = {}
    for _ in range(n_kv):
        key = cur.string()
        metadata[key] = cur.value(int(cur.scalar("<I")))
    tensors: list[GgufTensor] = []
    for _ in range(n_tensors):
        name = cur.string()
        n_dims = int(cur.scalar("<I"))
        if n_dims > 8:
            raise GgufFormatError(f"tensor {name}: {n_dims} dimensions")
        shape = tuple(int(cur.scalar("<Q")) for _ in range(n_dims))
        type_id = int(cur.scalar("<I"))
        offset = int(cur.scalar("<Q"))
        tensors.append(GgufTensor(name, type_id, shape, offset))
    align = metadata.get("general.alignment", DEFAULT_ALIGNMENT)
    if not isinstance(align, int) or align <= 0 or align & (align - 1):
        raise GgufFormatError(f"general.alignment {align!r} is not a power of two")
    data_offset = -(-cur.pos // align) * align
    return GgufHeader(version, metadata, tuple(tensors), data_offset)
