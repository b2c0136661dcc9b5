"""The build of a quantization that an engine has kernels for on a rig's GPUs."""

from __future__ import annotations

from ._compute_capability import quant_capability_problem
from .catalog import QuantSpec, quant_by_id
from .hardware import Hardware

__all__ = ["build_with_kernels"]


def build_with_kernels(engine: str, quant: QuantSpec, hw: Hardware) -> QuantSpec | None:
    """`quant` where the engine has its kernels on this rig, else the GPTQ build of its width (GPTQ's
    kernels run from Volta: AWQ needs Turing, FP8 Ada or newer), else None."""
    if quant_capability_problem(engine, quant.format, hw) is None:
        return quant
    gptq = quant_by_id("GPTQ-INT8" if quant.bits > 6 else "GPTQ-INT4")
    return gptq if quant_capability_problem(engine, gptq.format, hw) is None else None
