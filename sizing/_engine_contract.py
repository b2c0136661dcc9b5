"""Keys the engine memory models add to the `canirun estimate --json` contract (added, never renamed).

placement.fit              "fits" | "tight" | "no": how comfortable the placement is under the
                           engine's defaults
placement.settings         [{"flag", "why"}]: settings the printed command needs (they turn "tight"
                           into "fits")
placement.engine_defaults  {name: value}: the engine defaults the estimate assumes
devices[].reserve_gb       memory assumed taken outside the engine (the desktop's share of a display GPU)
devices[].memory_parts     {name: GB}: what the engine holds on the device besides weights and the
                           context's KV: activation peak, CUDA graphs, CUDA context ..., and for vLLM
                           and SGLang the whole KV pool they preallocate
"""

from __future__ import annotations

from typing import Any

from ._placement import Placement

__all__ = ["add_engine_keys"]

GB = 1e9


def add_engine_keys(contract: dict[str, Any], placement: Placement) -> dict[str, Any]:
    """`contract` (an Estimate's to_contract() shape) with the engine keys added."""
    p = contract["placement"]
    p["fit"] = placement.fit
    p["settings"] = [{"flag": s.flag, "why": s.why} for s in placement.settings]
    p["engine_defaults"] = dict(placement.engine_defaults)
    for device, load in zip(p["devices"], placement.devices, strict=True):
        device["reserve_gb"] = round(load.reserve / GB, 2)
        device["memory_parts"] = {name: round(value / GB, 2) for name, value in load.parts}
    return contract
