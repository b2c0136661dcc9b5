"""How a reading is compared with a corpus case: rigs, models, quants, contexts.

A GPU, chip or model whose expected `id` is null is matched by name (any of its `accept` strings,
else its name without the vendor) so that devices and models the database gains later still count
once they are read. A model with an id the loaded catalog lacks is matched by family word and size
within 10%. Only public reading results are used (Hardware, ModelSpec, quant names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sizing import SizingError, resolve_quant

ANY = "*"  # "any value" in a corpus field
_VENDOR = re.compile(r"\b(nvidia|amd|intel|apple|google|huawei|geforce|radeon|mediatek|qualcomm|broadcom)\b")
MODEL_TOLERANCE = 0.10


def norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _close(got: float | None, want: float | None, rel: float = 0.02, floor: float = 0.6) -> bool:
    if want is None or got is None:
        return (want or None) == (got or None)
    return abs(got - want) <= max(floor, rel * want)


def _name_ok(expected: dict[str, Any], got_name: str, got_id: str | None) -> bool:
    hay = norm(f"{got_name} {got_id or ''}")
    accept = expected.get("accept") or [_VENDOR.sub(" ", (expected.get("name") or "").lower())]
    return any(norm(a) and norm(a) in hay for a in accept)


def _gpu_ok(exp: dict[str, Any], got: Any) -> bool:
    any_size = exp["vram_gb"] == "*"  # a card whose memory the text leaves open (sold in several sizes)
    if exp["count"] != got.count or not (any_size or _close(got.vram_gb, exp["vram_gb"], rel=0.03)):
        return False
    if exp["id"] is not None:
        return bool(got.id == exp["id"])
    if exp.get("name") is None:  # an unnamed card ("a 16GB card")
        return got.id is None
    return _name_ok(exp, got.name, got.id)


def _gpus_ok(expected: Sequence[dict[str, Any]], got: Sequence[Any]) -> bool:
    left = list(got)
    for exp in expected:
        hit = next((g for g in left if _gpu_ok(exp, g)), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


def _soc_ok(exp: dict[str, Any] | None, got: Any) -> bool:
    if exp is None:
        return got is None
    if got is None:
        return False
    if exp["id"] == ANY:
        return True
    if exp["id"] is not None:
        if got.id != exp["id"]:
            return False
    elif not _name_ok(exp, got.name, got.id):
        return False
    cores = exp.get("gpu_cores")
    return bool((not cores or got.gpu_cores == cores) and exp.get("count", 1) == got.count)


def _cpu_ok(exp: str | None, hw: Any) -> bool:
    got = hw.cpu
    if exp == ANY:
        return True
    if exp is None:  # a chip or an APU reads its CPU as part of the device
        return got is None or hw.soc is not None or any(g.kind == "igpu" for g in hw.gpus)
    if got is None:
        return False
    hay = norm(f"{got.name} {got.family or ''}")
    return norm(exp) in hay


def rig_misses(expected: dict[str, Any], hw: Any) -> list[str]:
    """The fields of a Hardware reading that differ from a corpus expectation (empty: read right).
    `hw` None stands for "no hardware read"."""
    if hw is None:
        wrong = []
        if expected["gpus"]:
            wrong.append("gpus")
        if expected.get("soc"):
            wrong.append("soc")
        for key, name in (("unified_memory_gb", "unified"), ("ram_gb", "ram"), ("cpu", "cpu")):
            if expected.get(key) not in (None, ANY):
                wrong.append(name)
        return wrong
    wrong = []
    if not _gpus_ok(expected["gpus"], hw.gpus):
        wrong.append("gpus")
    if not _soc_ok(expected.get("soc"), hw.soc):
        wrong.append("soc")
    memory = (("unified_memory_gb", "unified", hw.unified_memory_gb), ("ram_gb", "ram", hw.ram_gb))
    for key, name, got in memory:
        want = expected.get(key)
        if want != ANY and not _close(got, want):
            wrong.append(name)
    if not _cpu_ok(expected.get("cpu"), hw):
        wrong.append("cpu")
    return wrong


def rig_misses_any(expectations: Sequence[dict[str, Any]], hw: Any) -> list[str]:
    """Right when any of the accepted readings matches; the misses of the first one otherwise."""
    first = rig_misses(expectations[0], hw)
    if not first:
        return []
    for alt in expectations[1:]:
        if not rig_misses(alt, hw):
            return []
    return first


def _refresh_of(got: Any, expected_id: str) -> bool:
    """A later release of the same weights' shape under its own entry (Qwen3 30B A3B's 2507 refreshes:
    "qwen3-30b-a3b-instruct-2507" of "qwen3-30b-a3b"): the cases name the model, labelled when one
    entry stood for every release of it."""
    if not got.id.startswith(expected_id + "-"):
        return False
    base = _catalog_model(expected_id)
    return base is not None and (base.params_b, base.layers, base.hidden, base.moe) == (
        got.params_b,
        got.layers,
        got.hidden,
        got.moe,
    )


def _catalog_model(model_id: str) -> Any:
    from sizing import default_catalog

    return next((m for m in default_catalog().models if m.id == model_id), None)


def model_ok(expected: dict[str, Any], got: Any, catalog_ids: frozenset[str]) -> bool:
    """By catalog id when the expected entry exists in the loaded catalog, else by family word and
    total (and active) parameters within 10%."""
    if expected.get("id") and expected["id"] in catalog_ids:
        return bool(got.id == expected["id"]) or _refresh_of(got, expected["id"])
    family = expected.get("family")
    if family and norm(family) not in norm(f"{got.id} {got.name} {got.family}"):
        return False
    if not _close(got.params_b, expected["params_b"], rel=MODEL_TOLERANCE, floor=0.05):
        return False
    active = expected.get("active_params_b")
    if active == ANY:
        return True
    if active is None:
        return got.active_params_b is None
    got_active = got.active_params_b
    return got_active is not None and _close(got_active, active, rel=MODEL_TOLERANCE, floor=0.3)


def models_ok(expected: Sequence[dict[str, Any]], got: Sequence[Any], catalog_ids: frozenset[str]) -> bool:
    left = list(got)
    for exp in expected:
        hit = next((m for m in left if model_ok(exp, m, catalog_ids)), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


def quant_id(text: str | None) -> str | None:
    """canirun's id for a quant name as read, or the name itself when canirun does not know it."""
    if not text:
        return None
    try:
        return resolve_quant(text).id
    except SizingError:
        return text.upper()


def quant_ok(expected: str | None, got: str | None) -> bool:
    got_id = quant_id(got)
    if expected is None or got_id is None:
        return expected == got_id
    return got_id.upper() == expected.upper()


def context_ok(expected: int | None, got: int | None) -> bool:
    return _close(float(got) if got else None, float(expected) if expected else None, rel=0.03, floor=1)
