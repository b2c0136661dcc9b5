"""Speculative decoding asked ("llama 3.3 70b with a llama 3.2 1b draft"): the draft model is not a
second answer. The answer sizes the main model, counts the draft's memory beside it, puts the draft in
the llama-server command (-hfd, --hf-repo-draft: the draft's -hf, as llama-server --help lists it) and
says that the speed-up is not modelled."""

from __future__ import annotations

import re

from sizing import Estimate, Hardware, Question, SizingError, estimate, model_reference
from sizing.catalog import ModelSpec, Resolution

# "speculative decoding", "spec decoding", "draft model", "as a draft", "with qwen3 0.6b draft"
SPECULATIVE = r"\bspec(?:ulative)?[\s-]+decod\w*|\bdraft(?:\s+models?)?\b|\bdrafting\b"
# a draft this small keeps most of its quality at Q8_0, the size llama.cpp's examples use for one
DRAFT_QUANT = "Q8_0"


def draft_split(q: Question) -> tuple[Resolution, ModelSpec] | None:
    """(the main model, the draft) where the text asks for speculative decoding and names two models:
    the draft is the smaller. None otherwise."""
    named = [r for r in q.models if not r.model.is_generic]
    if len(named) != 2 or re.search(SPECULATIVE, q.text, re.IGNORECASE) is None:
        return None
    main, draft = sorted(named, key=lambda r: -r.model.params_b)
    if draft.model.params_b >= main.model.params_b:
        return None
    return main, draft.model


def draft_words(main: Estimate, draft: ModelSpec, hw: Hardware) -> tuple[str, str | None]:
    """The sentence on the draft (its memory beside the main model's, where it goes, the speed-up not
    modelled) and the flags that load and place it in the main command (None where the engine is not
    llama.cpp, or where the draft is better left out). Where the GPUs cannot hold the draft beside the
    main model, an MoE draft keeps its experts in system RAM (-cmoed, --cpu-moe-draft: "keep all
    Mixture of Experts (MoE) weights in the CPU for the draft model", llama-server --help); a dense
    one would run on the CPU, slower than the main model's own step, so the answer drops it."""
    try:
        d = estimate(draft, hw, engine="llama.cpp", quant=DRAFT_QUANT, context=main.context)
    except SizingError:
        return f"Speculative decoding with {draft.name} as the draft is not modelled here.", None
    need = d.memory.weights_bytes + d.memory.kv_bytes  # it shares the main model's process and context
    lead = (
        f"Speculative decoding with {draft.name} as the draft: the draft at {DRAFT_QUANT} needs about "
        f"{need / 1e9:.1f} GB with its KV cache"
    )
    tail = (
        f" The speed-up is not modelled: the speed shown is {main.model.name} alone; a draft of the same "
        "family that guesses well often speeds up generation on code and repetitive text, less on free prose."
    )
    if main.verdict == "no":
        return f"{lead}, beside a main model that does not fit as sized: size the rig for both.{tail}", None
    ref = model_reference(draft, d.quant, "llama.cpp")  # repo:quant, or <what to fill> where none is known
    known = not ref.startswith("<") and main.engine == "llama.cpp"
    devices = main.memory.placement.devices
    free = sum(max(0.0, dev.free) for dev in devices if dev.kind == "gpu")
    ram_free = sum(max(0.0, dev.free) for dev in devices if dev.kind == "cpu")
    if free >= need:
        return f"{lead}, and the {free / 1e9:.1f} GB left on the GPUs holds it.{tail}", (
            f"-hfd {ref}" if known else None
        )
    w = d.memory.weights
    experts = sum(w.layer_experts)
    if experts > 0 and need - experts <= free and experts <= ram_free:
        room = (
            f"; only {free / 1e9:.1f} GB is left on the GPUs, so the command keeps the draft's experts "
            f"({experts / 1e9:.1f} GB) in system RAM (-cmoed) and the rest of it on the GPUs; reading "
            "them from RAM slows each draft step, which eats into the gain"
        )
        return f"{lead}{room}.{tail}", (f"-hfd {ref} -cmoed" if known else None)
    room = (
        f"; only {free / 1e9:.1f} GB is left on the GPUs, too little for it, and a draft run from system "
        f"RAM is no faster than {main.model.name} itself: drop the draft (the command leaves it out), or "
        "free GPU memory for it with a shorter context or a smaller quantization of the main model"
    )
    return f"{lead}{room}.{tail}", None


def with_draft(command: str | None, flag: str) -> str | None:
    """The llama-server line of `command` with the draft's flag added (before a trailing comment)."""
    if command is None:
        return None
    lines = command.split("\n")
    for i, line in enumerate(lines):
        if line.lstrip().startswith("llama-server"):
            code, sep, comment = line.partition("  #")
            lines[i] = f"{code} {flag}{sep}{comment}"
            break
    return "\n".join(lines)
