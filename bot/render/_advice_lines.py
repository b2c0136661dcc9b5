"""The advice lines every renderer adds to an estimate: the command to run, what the engine holds on
each device beyond weights and KV cache, how comfortable the fit is, and the longest context per KV
cache type."""

from __future__ import annotations

from sizing import EstimateContract, engine_kv_name

from ._words import fmt_gb

__all__ = ["command_lines", "device_parts", "fit_text", "kv_contexts"]


def command_lines(option: EstimateContract) -> list[str]:
    """The launch command, one line per entry (Ollama serves in one terminal and runs in another)."""
    return [line for line in (option.command or "").split("\n") if line.strip()]


def device_parts(option: EstimateContract) -> list[str]:
    """'NVIDIA GeForce RTX 3090: compute buffer 0.4 GB + runtime (CUDA context) 0.5 GB; 0.9 GB left to
    the desktop' for each device whose engine memory or reserve is known."""
    out = []
    for d in option.placement.devices:
        parts = [f"{name} {fmt_gb(gb)}" for name, gb in d.memory_parts.items() if gb > 0]
        if d.reserve_gb > 0:
            parts.append(f"{fmt_gb(d.reserve_gb)} kept free for the desktop (not counted as used)")
        if parts:
            out.append(f"{d.name}: " + " + ".join(parts))
    return out


def fit_text(option: EstimateContract) -> str:
    """For a tight fit: 'tight under vllm's settings (gpu_memory_utilization 0.9, ...); the command
    sets --max-model-len 8192'. '' for a comfortable fit or none."""
    p = option.placement
    if p.fit != "tight":
        return ""
    defaults = ", ".join(f"{k} {v}" for k, v in p.engine_defaults.items())
    text = f"fit: tight under {option.engine}'s settings" + (f" ({defaults})" if defaults else "")
    flags = [s.flag for s in p.settings]
    # a setting whose option the command gives another value (the asked "-sm row" where "-sm layer"
    # would hold the cache) is advice, not what the command sets
    command = " " + " ".join((option.command or "").split()) + " "  # a line break parts flags too
    met = [f for f in flags if f" {f} " not in command and _met_by(f, command)]
    overridden = [
        f for f in flags if f" {f} " not in command and f" {f.split()[0]} " in command and f not in met
    ]
    # a command-line option the command does not give at all is not one it sets (vLLM's --max-model-len
    # where the command lets the server take the model's own context, which the pool holds)
    absent = [f for f in flags if f.startswith("-") and f" {f.split()[0]} " not in command]
    kept = [f for f in flags if f not in overridden and f not in met and f not in absent]
    if kept:
        text += "; the command sets " + ", ".join(kept)
    # a context the command gives the server beyond the one sized (none asked: the longest its KV pool
    # holds) is the server's, not the asker's
    served = [f for f in overridden if _served_past(f, command, option.context)]
    overridden = [f for f in overridden if f not in served]
    if overridden:
        text += "; " + ", ".join(overridden) + " would hold it with room (the command keeps what was asked)"
    for f in served:
        flag = f.split()[0]
        given = command.split(f" {flag} ", 1)[1].split()[0]
        text += (
            f"; the command sets {flag} {given}, which its KV pool holds for one request "
            f"({f} would leave more room)"
        )
    return text


_CONTEXT_FLAGS = frozenset({"--max-model-len", "--context-length"})


def _served_past(setting: str, command: str, context: int) -> bool:
    """Whether the command gives `setting`'s context flag a value longer than the context sized."""
    flag = setting.split()[0]
    if flag not in _CONTEXT_FLAGS or f" {flag} " not in command:
        return False
    given = command.split(f" {flag} ", 1)[1].split()[0]
    return given.isdigit() and int(given) > context


# engine limits whose memory grows with the value (sequences batched, tokens per request or batch,
# llama.cpp's context and slots): a command that sets one lower than a setting needs no more memory
_MEMORY_GROWS_WITH = frozenset(
    {"--max-num-seqs", "--max-model-len", "--max-num-batched-tokens", "--max-running-requests", "-c", "-np"}
)


def _met_by(setting: str, command: str) -> bool:
    """Whether `command` already gives the room `setting` would ('--max-num-seqs 64' where the command
    sets --max-num-seqs 5): a count that costs memory set no higher is no contrary advice."""
    flag, _, value = setting.partition(" ")
    if flag not in _MEMORY_GROWS_WITH or not value.isdigit():
        return False
    words = command.split()
    given = [words[i + 1] for i, w in enumerate(words[:-1]) if w == flag and words[i + 1].isdigit()]
    return bool(given) and all(int(g) <= int(value) for g in given)


def _k(tokens: int) -> str:
    return f"{tokens // 1024}k" if tokens >= 1024 and tokens % 1024 == 0 else f"{tokens:,}"


def kv_contexts(by_kv: dict[str, int | None], engine: str = "") -> str:
    """'f16 32k · q8_0 64k': the longest context each KV cache type keeps, '-' where none does, each
    type as the engine names it (ExLlama's 'FP16 32k · Q8 64k · Q4 128k')."""
    return " · ".join(f"{engine_kv_name(kv, engine)} {_k(n) if n else '-'}" for kv, n in by_kv.items())
