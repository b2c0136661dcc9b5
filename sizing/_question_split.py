"""Which llama.cpp split mode a question asks for, if any.

llama.cpp shares a model across GPUs by layers (`-sm layer`, the default), by rows of each matrix
(`-sm row`, deprecated) or by tensor parallelism (`-sm tensor`, experimental; llama-server --help and
docs/multi-gpu.md). A question names one as a pasted flag ("-sm layer", "--split-mode row",
"--split-mode=tensor") or in words ("layer split", "split by layers", "row split", "tensor
parallel", "with tp", "tp=2"). `--tensor-split` / `-ts` is the per-GPU share, not a mode: it is not
read as one. Two modes put side by side ("-sm row or layer?", "row vs layer split") ask which to use:
no mode is forced, so the answer takes the faster (the layer split, the default, where the row split is
gone from recent builds). Every function reads lowercased text.
"""

from __future__ import annotations

from typing import Literal

from ._lazy_re import LazyPattern

__all__ = ["AskedSplitMode", "read_split_mode", "read_split_modes_compared"]

AskedSplitMode = Literal["layer", "row", "tensor"]

# a pasted flag: -sm layer, --split-mode row, --split-mode=tensor
_FLAG = LazyPattern(r"(?<![a-z0-9-])(?:-sm|--split-mode)(?:\s*=\s*|\s+)(layer|row|tensor)(?![a-z])")
# a second mode offered beside the pasted one: "-sm row or layer", "-sm layer vs -sm row",
# "row or -sm layer"
_MODE_WORD = r"(?:(?:-sm|--split-mode)(?:\s*=\s*|\s+))?(?:layer|row|tensor)s?"
_EITHER_AFTER = LazyPattern(r"\s*(?:,\s*)?(?:or|vs\.?|versus|/)\s*" + _MODE_WORD + r"(?![a-z])")
_EITHER_BEFORE = LazyPattern(r"(?<![a-z-])" + _MODE_WORD + r"\s*(?:or|vs\.?|versus|/)\s*$")
# words: "layer split", "layer-split", "split by layer(s)", "split mode layer", "row split", ...;
# "tensor split" is llama.cpp's name for the per-GPU share (-ts 3,1), never a mode
_WORDS = LazyPattern(
    r"(?<![a-z-])(?:(layer|row)[- ]?(?:wise )?split(?:ting)?(?![a-z-])|"
    r"split(?:ting)?(?: mode)?(?: by| across| on)? (layers?|rows?)(?![a-z]))"
)
# tensor parallelism in words, or its short form with a size or after a verb ("tp=2", "with tp");
# not "tp-link"
_TENSOR_PARALLEL = LazyPattern(
    r"(?<![a-z])(?:tensor[- ]parallel(?:ism)?|tp\s*(?:=\s*)?\d+|(?:with|using|via|in) tp)(?![a-z0-9-])"
)
# a mode put aside: "no tensor parallel", "not a layer split", "without tp"
_NEGATED = LazyPattern(r"(?<![a-z])(?:no|not|without|never|don'?t|dont)(?:\s+\S+){0,2}\s*$")
# layers shared between the GPU and the CPU or RAM (a partial offload), not between GPUs
_OFFLOAD_NEAR = ("cpu", "ram", "offload")
# engines whose tensor parallelism is their own ("vllm serve ... -tp 2"), not llama.cpp's -sm tensor
_OTHER_ENGINES = ("vllm", "sglang", "exllama", "tabby", "tensorrt", "mlx")
_SWITCHED_TP = ("exllama", "tabby")
_SIZED_TP = ("vllm", "sglang", "tensorrt")


def read_split_mode(s: str) -> AskedSplitMode | None:
    """The split mode a question asks llama.cpp for, or None where it names none, names two, or puts
    the one it names aside."""
    flag = _FLAG.search(s)
    if flag is not None:
        if _EITHER_AFTER.match(s, flag.end()) or _EITHER_BEFORE.search(s[: flag.start()]):
            return None  # "-sm row or layer?": which to use is the question
        return _mode(flag.group(1))
    if any(engine in s for engine in _OTHER_ENGINES):
        # TabbyAPI's tensor parallelism is a switch over every GPU (--tensor-parallel true), asked in
        # words ("exllama with tensor parallel"); the other engines' is a size of their own
        tabby = any(engine in s for engine in _SWITCHED_TP) and not any(e in s for e in _SIZED_TP)
        asked = [m for m in _TENSOR_PARALLEL.finditer(s) if not _NEGATED.search(s[: m.start()])]
        return "tensor" if tabby and asked else None
    if _WORDS_EITHER.search(s):
        return None  # "split mode row or layer?", "row vs layer split": which to use is the question
    found: set[AskedSplitMode] = set()
    for m in _WORDS.finditer(s):
        near = s[max(0, m.start() - 30) : m.end() + 30]
        if _NEGATED.search(s[: m.start()]) or any(word in near for word in _OFFLOAD_NEAR):
            continue
        found.add(_mode(m.group(1) or m.group(2)))
    for m in _TENSOR_PARALLEL.finditer(s):
        if not _NEGATED.search(s[: m.start()]):
            found.add("tensor")
    return found.pop() if len(found) == 1 else None


def read_split_modes_compared(s: str) -> tuple[AskedSplitMode, ...]:
    """The split modes put side by side ("-sm row or layer?"), in the order named; () where the
    question forces one or names none."""
    flag = _FLAG.search(s)
    if flag is None:
        words = _WORDS_EITHER.search(s)
        if words is None or any(engine in s for engine in _OTHER_ENGINES):
            return ()
        return tuple(dict.fromkeys((_mode(words.group(1)), _mode(words.group(2)))))
    after = _EITHER_AFTER.match(s, flag.end())
    if after is not None:
        other = _MODE_NAME.search(after.group(0))
        pair = (_mode(flag.group(1)), _mode(other.group(0))) if other else ()
    else:
        before = _EITHER_BEFORE.search(s[: flag.start()])
        other = _MODE_NAME.search(before.group(0)) if before else None
        pair = (_mode(other.group(0)), _mode(flag.group(1))) if other else ()
    return tuple(dict.fromkeys(pair))


_MODE_NAME = LazyPattern(r"(?:layer|row|tensor)")
# two modes named side by side in words: "split mode row or layer", "row vs layer split", "layer or
# tensor split?"
_WORDS_EITHER = LazyPattern(
    r"(?<![a-z-])(layers?|rows?|tensor)(?:[- ]?split)?\s*(?:or|vs\.?|versus)\s*(?:-sm\s+)?"
    r"(layers?|rows?|tensor)(?:[- ]?split)?(?![a-z])(?=[^.!?\n]{0,40}(?:split|-sm|\?))"
)


def _mode(word: str) -> AskedSplitMode:
    stem = word.rstrip("s")
    if stem == "row":
        return "row"
    if stem == "tensor":
        return "tensor"
    return "layer"
