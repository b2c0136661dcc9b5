"""Unsloth's dynamic GGUF quants ("UD-Q4_K_XL") of a big MoE, where the catalog lists them: the builds
people download for these models, in place of the plain quant of the same base type."""

from __future__ import annotations

import functools

from ._errors import SizingError
from .catalog import ModelSpec, QuantSpec, default_repos, quant_by_id
from .commands import _gguf_repo

__all__ = ["dynamic_twin", "from_a_repo", "published_dynamic", "shown_by_a_repo"]

# a big MoE: experts are most of its weights, and unsloth's dynamic quants keep the layers that are
# sensitive wider at about the same size ("Unsloth Dynamic 2.0 GGUFs",
# https://unsloth.ai/blog/dynamic-v2); what people download for these models where unsloth publishes them
_BIG_MOE_B = 100.0


def published_dynamic(
    model: ModelSpec, ladder: list[QuantSpec], *, others: bool = True, twins: bool = False
) -> list[QuantSpec]:
    """The GGUF ladder of a big MoE whose unsloth repo lists dynamic quants: each step's unsloth build
    of the same base type where it is listed (sized by its published files), plus (with `others`) the
    listed ones of other types down to the ladder's narrowest, by width; any other model's ladder as
    it is, in its order. With `twins` the plain quant stays right after the dynamic build that takes
    its place, for the caller to keep whichever of the two serves better (`dynamic_twin`)."""
    if model.active_params_b is None or model.params_b < _BIG_MOE_B:
        return ladder
    return list(_published(model, tuple(ladder), others, twins))


@functools.lru_cache(maxsize=512)
def _published(
    model: ModelSpec, ladder: tuple[QuantSpec, ...], others: bool, twins: bool
) -> tuple[QuantSpec, ...]:
    """`published_dynamic` of a big MoE, kept by value (specs, quants and the bundled repo table never
    change): every answer about the model asks it again for its ladder and each upgrade's."""
    listed: list[QuantSpec] = []
    for r in default_repos().for_model(model.id):
        if r.kind != "gguf" or r.publisher != "unsloth":
            continue
        for quant_id in r.quants:
            try:
                q = quant_by_id(quant_id)
            except SizingError:
                continue
            # listed by the repo the command downloads from (a point release's own repo)
            if q.variant == "unsloth_ud" and q not in listed and _gguf_repo(model, q)[1]:
                listed.append(q)
    if not listed:
        return ladder
    by_type = {q.ftype: q for q in listed}
    out = [
        step
        for q in ladder
        for step in (
            (by_type[q.ftype], q)
            if twins and q.ftype in by_type and _downloadable(model, q)
            else (by_type.get(q.ftype, q),)
        )
    ]
    lowest = min(q.bits for q in ladder)
    if not others:
        return tuple(dict.fromkeys(out))
    out += [q for q in listed if q not in out and q.bits >= lowest]
    # (a stable sort: a plain twin, narrower than its dynamic build, never rises above it)
    return tuple(sorted(dict.fromkeys(out), key=lambda q: -q.bits))


def _downloadable(model: ModelSpec, quant: QuantSpec) -> bool:
    """A repo the command would download `quant` from shows it, or lists no files to say it lacks it
    (unsloth's DeepSeek-R1 repo, listing only dynamic 1-2 bit builds, has no plain IQ2_XXS)."""
    repo, listed = _gguf_repo(model, quant)
    return listed or (repo is not None and not repo.quants)


def shown_by_a_repo(model: ModelSpec, quant: QuantSpec) -> bool:
    """The repo the command downloads `quant` from shows it in its cited listing."""
    return _gguf_repo(model, quant)[1]


def from_a_repo(model: ModelSpec, quant: QuantSpec) -> bool:
    """A listed repo the command downloads `quant` from (its listing showing it or not): False where
    the file is to be made with llama-quantize."""
    return _gguf_repo(model, quant)[0] is not None


def dynamic_twin(dynamic: QuantSpec, plain: QuantSpec) -> bool:
    """`plain` is the plain quant a dynamic build took the place of (the same base type)."""
    return dynamic.variant == "unsloth_ud" and plain.variant != "unsloth_ud" and dynamic.ftype == plain.ftype
