"""The JSON API's request and response models: what `/v1/openapi.json` is generated from.

Requests are the `canirun` CLI's options as JSON (`canirun estimate --hardware T --model M` is
`{"hardware": T, "model": M}`); responses are the CLI's `--json` contracts, byte for byte.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict

from sizing import CatalogEntry
from sizing.vocabulary import Backend, Engine, Task

from .parsing import HARDWARE_TEXT_MAX, MODEL_TEXT_MAX, QUESTION_MAX

__all__ = [
    "AskRequest",
    "BestRequest",
    "ErrorBody",
    "EstimateRequest",
    "KvTypeOffered",
    "ParseRequest",
    "SplitModeForced",
    "Suggestions",
]

# what `canirun estimate` offers (sizing.vocabulary KV_TYPES_OFFERED, FORCEABLE_SPLIT_MODES)
KvTypeOffered = Literal["f16", "q8_0", "q4_0"]
SplitModeForced = Literal["layer", "row", "tensor"]
# JSON's true/false are no numbers: a strict int (Python's bool is an int, and pydantic's lax mode
# reads true as 1)
Count = Annotated[int, Strict()]
Tokens = Count | str  # 32768, or "32k"


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AskRequest(_Request):
    """A whole question in words: model(s), rig, context and wishes, in any language."""

    text: str = Field(
        min_length=1,
        description=f"the question; at most {QUESTION_MAX:,} characters are read (longer: an error answer)",
        examples=["can I run qwen3 30b on an RTX 3090 with 32GB RAM?"],
    )
    offline: Annotated[bool, Strict()] = Field(
        False,
        description="true: a Hugging Face repo the catalog lacks is sized from its name alone, never read "
        "from the Hub (as `canirun ask --offline`)",
    )


class EstimateRequest(_Request):
    """One model on one rig: memory per device, placement and speed (`canirun estimate`)."""

    hardware: str = Field(min_length=1, max_length=HARDWARE_TEXT_MAX, examples=["2x RTX 3090, 64GB RAM"])
    model: str = Field(min_length=1, max_length=MODEL_TEXT_MAX, examples=["llama 3.3 70b"])
    quant: str | None = Field(
        None, max_length=40, description="Q4_K_M, IQ4_XS, MXFP4, AWQ-INT4, MLX-4bit ..."
    )
    context: Tokens | None = Field(None, description='tokens: 8192, or "32k" (512 to 1,048,576)')
    engine: Engine | None = None
    backend: Backend | None = None
    kv_type: KvTypeOffered | None = Field(None, description="KV cache type (default f16)")
    depth: Tokens | None = Field(
        None, description="speed with this many tokens already in the context; 0 allowed"
    )
    users: Count | None = Field(None, ge=1, le=1024, description="also the speed for this many users at once")
    split_mode: SplitModeForced | None = Field(None, description="force llama.cpp's -sm")


class BestRequest(_Request):
    """The best models for a rig (`canirun best`)."""

    hardware: str = Field(min_length=1, max_length=HARDWARE_TEXT_MAX, examples=["M2 Max 64GB"])
    context: Tokens | None = Field(None, description='tokens: 8192, or "32k" (512 to 1,048,576)')
    task: Task | None = None
    min_tps: Annotated[float, Strict()] | None = Field(
        None, gt=0, le=100_000, description="slowest acceptable tokens/s (default 10)"
    )


class ParseRequest(_Request):
    """A rig in words, read into devices (`canirun parse`)."""

    text: str = Field(min_length=1, max_length=QUESTION_MAX, examples=["2x 3090, 64GB DDR5"])


class ErrorBody(BaseModel):
    """A refused request: what went wrong, and how to ask so it works (the CLI's `--json` error)."""

    model_config = ConfigDict(frozen=True)

    error: str
    hint: str | None


class Suggestions(BaseModel):
    """Models whose names look like the text typed so far, best first."""

    model_config = ConfigDict(frozen=True)

    models: list[CatalogEntry]
