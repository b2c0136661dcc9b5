"""Which llama.cpp split mode a question asks for, if any.

llama.cpp shares a model across GPUs by layers (`-sm layer`, the default), by rows of each matrix
(`-sm row`, deprecated) or by tensor parallelism (`-sm tensor`, experimental; llama-server --help and
docs/multi-gpu.md). A question names one as a pasted flag ("-sm layer", "--split-mode row",
"--split-mode=tensor") or in words ("layer split", "split by layers", "row split", "tensor
parallel", "with tp", "tp=2"). `--tensor-split` / `-ts` is the per-GPU share, not a mode: it is not
read as one. Every function reads lowercased text.
"""

from __future__ import annotations

from typing import Literal

from ._lazy_re import LazyPattern

__all__ = ["AskedSplitMode", "read_split_mode"]

AskedSplitMode = Literal["layer", "row", "tensor"]

# a pasted flag: -sm layer, --split-mode row, --split-mode=tensor
_FLAG = LazyPattern(r"(?<![a-z0-9-])(?:-sm|--split-mode)(?:\s*=\s*|\s+)(layer|row|tensor)(?![a-z])")
# words: "layer split", "layer-split", "split by layer(s)", "split mode layer", "row split", ...; a
# "tensor split" followed by proportions ("tensor-split 3,1") is the per-GPU share
_WORDS = LazyPattern(
    r"(?<![a-z-])(?:(layer|row|tensor)[- ]?(?:wise )?split(?:ting)?(?![a-z-])(?!\s*=?\s*\d)|"
    r"split(?:ting)?(?: mode)?(?: by| across| on)? (layers?|rows?)(?![a-z]))"
)
# tensor parallelism in words, or its short form with a size or after a verb ("tp=2", "with tp")
_TENSOR_PARALLEL = LazyPattern(
    r"(?<![a-z])(?:tensor[- ]parallel(?:ism)?|tp\s*(?:=\s*)?\d+|(?:with|using|via|in) tp)(?![a-z0-9])"
)


def read_split_mode(s: str) -> AskedSplitMode | None:
    """The split mode a question asks llama.cpp for, or None where it names none."""
    flag = _FLAG.search(s)
    if flag is not None:
        return _mode(flag.group(1))
    words = _WORDS.search(s)
    if words is not None:
        return _mode(words.group(1) or words.group(2))
    if _TENSOR_PARALLEL.search(s):
        return "tensor"
    return None


def _mode(word: str) -> AskedSplitMode:
    stem = word.rstrip("s")
    if stem == "row":
        return "row"
    if stem == "tensor":
        return "tensor"
    return "layer"
