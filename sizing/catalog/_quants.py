"""Quantization types: what they are, which engines load them, how much quality they cost."""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .._errors import CatalogError, UnknownModelError
from .._yaml import load_yaml
from ..vocabulary import Loader
from ._ggml import FTYPE_BASE

__all__ = [
    "QuantFormat",
    "QuantSpec",
    "load_quants",
    "normalize_quant_name",
    "quant_by_id",
    "quant_engines",
    "resolve_quant",
]

QuantFormat = Literal["gguf", "safetensors", "fp8", "awq", "gptq", "nvfp4", "mlx", "exl2", "exl3", "bnb"]


class QuantSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    id: str
    format: QuantFormat
    ftype: str | None = None  # llama.cpp file type whose per-tensor mix applies (GGUF only)
    # "ik_llama": a type of ik_llama.cpp's own, which mainline llama.cpp cannot load
    variant: Literal["bartowski_l", "unsloth_ud", "ik_llama"] | None = None
    bits: float = Field(gt=0, le=32)  # nominal bits per weight of the bulk tensors
    kld: float = Field(ge=0)  # mean KL divergence vs FP16 (Llama 3 8B); lower is better
    kld_estimated: bool = False
    kld_source: str | None = None
    engines: tuple[Loader, ...] = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    # whole-file average bits per weight of published files (unsloth's dynamic mixes differ from
    # their nominal type), with the files it comes from
    file_bpw: float | None = Field(default=None, gt=0, le=32)
    file_bpw_source: str | None = None
    # set when an unknown name was read as this quant (resolve_quant): say so to the user
    note: str | None = None

    @property
    def is_gguf(self) -> bool:
        return self.format == "gguf"

    def __hash__(self) -> int:
        # equal quants agree on these: hashing them alone keeps the caches keyed by a quant cheap
        # (the default hashes every field at every lookup)
        return hash((self.id, self.format, self.ftype, self.bits, self.kld))


def _quant_file() -> Path:
    return Path(__file__).parent / "data" / "quants.yaml"


@functools.cache
def load_quants() -> tuple[QuantSpec, ...]:
    """The bundled quantization table, best quality first."""
    raw = load_yaml(_quant_file())
    out: list[QuantSpec] = []
    problems: list[str] = []
    for item in raw:
        try:
            q = QuantSpec.model_validate(item)
        except ValidationError as err:
            problems.append(f"quants.yaml[{item.get('id')}]: {err.errors()[0]['msg']}")
            continue
        if q.is_gguf and (q.ftype is None or q.ftype not in FTYPE_BASE):
            problems.append(f"quants.yaml[{q.id}]: GGUF quant needs a known ftype")
        if q.variant == "unsloth_ud" and q.file_bpw is None:
            problems.append(f"quants.yaml[{q.id}]: an unsloth dynamic quant needs file_bpw from public files")
        if (q.file_bpw is None) != (q.file_bpw_source is None):
            problems.append(f"quants.yaml[{q.id}]: file_bpw and file_bpw_source go together")
        out.append(q)
    if problems:
        raise CatalogError("quant table has problems:\n  " + "\n  ".join(problems), problems=tuple(problems))
    return tuple(sorted(out, key=lambda q: q.kld))


@functools.lru_cache(maxsize=1024)  # pure; every quantization looked up by name passes here
def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "", text.lower())


@functools.cache
def _index() -> dict[str, QuantSpec]:
    """Ids first, then aliases: an id always means its own row ("BF16" is the GGUF file type, not
    the alias of the HF checkpoint)."""
    idx: dict[str, QuantSpec] = {}
    quants = load_quants()
    for q in quants:
        idx.setdefault(_key(q.id), q)
    for q in quants:
        for name in q.aliases:
            idx.setdefault(_key(name), q)
    return idx


def quant_by_id(quant_id: str) -> QuantSpec:
    q = _index().get(_key(quant_id))
    if q is None:
        raise UnknownModelError(f"unknown quantization '{quant_id}'")
    return q


# llama.cpp's printed file type names (llama_model_ftype_name, src/llama-model-loader.cpp):
# "Q4_K - Medium" is Q4_K_M, "Q2_K - Medium" is plain Q2_K, "IQ3_S mix - 3.66 bpw" is IQ3_M
_FTYPE_NAME = re.compile(r"^(i?q\d)_k\s*-\s*(extra small|small|medium|large)\b")
_SIZE_LETTER = {"extra small": "XS", "small": "S", "medium": "M", "large": "L"}
_BPW = re.compile(r"(\d+(?:\.\d+)?)\s*bpw")
_DECORATION = re.compile(r"^mostly\s+|\s*guessed$|(?<=[a-z0-9])\s*-\s*\d+(?:\.\d+)?\s*bpw(?:\s+ternary)?$")
_UD_ONLY_XL = re.compile(r"^Q[245678]_K_XL$")  # only unsloth's dynamic files carry these names
_SAFE_CHARS = re.compile(r"[^a-z0-9_.\- ]+")
MAX_QUANT_CHARS = 80


def _bpw_text(bpw: float) -> str:
    """4.65 -> '4.65', 3.0 -> '3.0' (ids keep one decimal at least, like 'EXL2-4.0')."""
    text = f"{bpw:.3f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def normalize_quant_name(text: str, context: str = "") -> str:
    """A quant as written -> canirun's spelling: "Q4_K - Medium" -> "Q4_K_M", "ud-q5_k_xl" ->
    "UD-Q5_K_XL", "Q2_K_XL" -> "UD-Q2_K_XL", "exl2" with "4.5bpw" in `context` -> "EXL2-4.5",
    "3.0bpw" -> "EXL2-3.0", "mxfp4 moe" -> "MXFP4", "gptq-int4" -> "GPTQ-INT4". Other names come
    back upper-cased; `resolve_quant` reads aliases ("Q4", "QAT") and unknown names."""
    raw = " ".join(_SAFE_CHARS.sub(" ", text.lower()).split())
    # llama.cpp's decorations: "mostly Q4_0", "IQ4_XS - 4.25 bpw", "TQ1_0 - 1.69 bpw ternary", "(guessed)"
    raw = _DECORATION.sub("", raw).strip()
    ctx = context.lower()
    m = _FTYPE_NAME.match(raw)
    if m:
        base, size = m.group(1).upper(), _SIZE_LETTER[m.group(2)]
        return f"{base}_K" if (base == "Q2" and size == "M") else f"{base}_K_{size}"
    if raw.startswith("iq3_s mix"):
        return "IQ3_M"
    if re.fullmatch(r"mxfp4[_ ]moe", raw):
        return "MXFP4"
    exl = re.fullmatch(r"(exl[23])?[-_ ]?(\d+(?:\.\d+)?)\s*bpw", raw)
    if exl:
        family = exl.group(1) or ("exl3" if "exl3" in ctx else "exl2")
        return f"{family.upper()}-{_bpw_text(float(exl.group(2)))}"
    if raw in ("exl2", "exl3"):
        bpw = _BPW.search(ctx)
        return f"{raw.upper()}-{_bpw_text(float(bpw.group(1)))}" if bpw else raw.upper()
    gptq = re.fullmatch(r"gptq[-_ ]?int([48])", raw)
    if gptq:
        return f"GPTQ-INT{gptq.group(1)}"
    ggml = re.fullmatch(r"(ud[-_])?(i?q\d(?:_[a-z0-9]+)*|tq\d_0)", raw)
    if ggml:
        body = ggml.group(2).upper()
        return f"UD-{body}" if ggml.group(1) or _UD_ONLY_XL.match(body) else body
    return raw.upper().replace(" ", "-")


_EXL = re.compile(r"^(exl[23])[-_ ]?(?:(\d+(?:\.\d+)?)\s*(?:bpw|bits?|b)?)?$")
# llama.cpp's quantized block types run from 1 to 8 bits (IQ1_S ... Q8_0: ggml/include/ggml.h enum ggml_type)
_GGML_MAX_BITS = 8
_FIGURE = re.compile(
    r"^(?:ud-)?i?q(?P<q>\d)|(?P<x>\d+(?:\.\d+)?)\s*(?:bpw|bits?)\b|int(?P<i>\d)|w(?P<w>\d)a\d+|fp(?P<f>\d+)"
)


def resolve_quant(text: str, engine: str | None = None) -> QuantSpec:
    """'q4_k_m', 'Q4', 'Q4_K - Medium', 'awq', 'exl2 4.65bpw', 'mlx 4bit', 'UD-Q4_K_XL', 'Q2_K_XL',
    'UD-Q4_K_S' -> a QuantSpec. `engine` picks between formats of one name ("BF16" is a GGUF file
    type for llama.cpp, the HF checkpoint for vLLM). A name canirun does not know but whose bits it
    can read ("IQ5_K", "Q3_K_XXL") gets the nearest known quant with a `note`; anything else raises
    UnknownModelError."""
    return _resolved(text, engine)


@functools.lru_cache(maxsize=1024)  # pure in its text; upgrades and routing look up the same few names
def _resolved(text: str, engine: str | None) -> QuantSpec:
    raw = " ".join(text.strip().split())
    if not raw:
        raise UnknownModelError("no quantization named", hint="Try Q4_K_M, Q8_0, AWQ or MLX-4bit.")
    if len(raw) > MAX_QUANT_CHARS:
        raise UnknownModelError(f"that quantization name is too long (over {MAX_QUANT_CHARS} characters)")
    name = normalize_quant_name(raw)
    low = name.lower()
    m = _EXL.match(low) or re.match(r"^(exl[23])-(\d+(?:\.\d+)?)$", low)
    if m and (m.group(2) or m.group(1)):
        return _exl(m.group(1).upper(), float(m.group(2) or 4.0))
    found = _index().get(_key(name)) or _index().get(_key(raw))
    if found is not None:
        return _for_engine(found, engine)
    mlx = re.match(r"^mlx[-_ ]?(\d)[-_ ]?bits?$|^(\d)[-_ ]?bits?[-_ ]?mlx$", raw.lower())
    if mlx:
        return quant_by_id(f"MLX-{mlx.group(1) or mlx.group(2)}bit")
    bits = re.fullmatch(r"([2-8])[-_ ]?bits?", raw.lower())
    if bits:
        return _for_engine(quant_by_id(f"Q{bits.group(1)}"), engine, bits=int(bits.group(1)))
    if name.startswith("UD-"):
        base = _index().get(_key(name[3:]))
        if (
            base is not None
            and base.is_gguf
            and base.variant is None
            and base.ftype not in ("F32", "F16", "BF16")
        ):
            return base.model_copy(
                update={
                    "id": name,
                    "variant": "unsloth_ud",
                    "kld": base.kld * 0.85,
                    "kld_estimated": True,
                    "kld_source": f"unsloth Dynamic 2.0 over {base.id}: estimated 15% below its KLD",
                    "aliases": (),
                }
            )
    nearest = _nearest_by_bits(name, raw)
    if nearest is not None:
        return nearest
    known = [q.id for q in load_quants() if q.is_gguf and q.variant is None]
    close = difflib.get_close_matches(name.upper(), known, n=4, cutoff=0.5)
    figure = _FIGURE.search(low)
    if figure is not None and figure.group("q") and int(figure.group("q")) > _GGML_MAX_BITS:
        close = ["Q8_0", "Q6_K", "BF16"]  # the most bits llama.cpp's types keep, then unquantized
    if close:  # "Q9_K": name the few a typo most likely meant, not every type
        hint = "Did you mean " + ", ".join(close) + "? Known GGUF types: " + ", ".join(known)
    else:
        hint = "Known GGUF types: " + ", ".join(known)
    raise UnknownModelError(f"unknown quantization '{text}'", hint=hint)


def _exl(family: str, bpw: float) -> QuantSpec:
    if not 2.0 <= bpw <= 8.0:
        raise UnknownModelError(f"{family} needs 2 to 8 bits per weight, not {bpw:g}")
    base = quant_by_id(f"{family}-4.0")
    # quality between the GGUF points at the same bits (log-linear in bits)
    kld = _interpolated_kld(bpw) * (0.8 if family == "EXL3" else 1.0)
    return base.model_copy(
        update={"id": f"{family}-{_bpw_text(bpw)}", "bits": bpw, "kld": kld, "aliases": ()}
    )


# the checkpoint formats a GPU serving engine loads where a GGUF name was given
_CHECKPOINT_FOR = {"BF16": "BF16-HF", "F16": "BF16-HF", "F32": "BF16-HF", "Q8_0": "FP8", "Q4_K_M": "AWQ-INT4"}


def _for_engine(q: QuantSpec, engine: str | None, bits: int | None = None) -> QuantSpec:
    """The row of this name that `engine` loads: MLX's own 4-bit on MLX, the HF checkpoint on vLLM
    for "BF16", ExLlama's bits for "4bit"."""
    if (
        engine is None
        or engine in q.engines
        or (engine in ("ollama", "lmstudio") and "llama.cpp" in q.engines)
    ):
        return q
    if engine == "mlx" and q.is_gguf:
        n = bits or max(3, min(8, round(q.bits - 0.5)))
        mlx_id = f"MLX-{n}bit"
        return quant_by_id(mlx_id) if _key(mlx_id) in _index() else q
    if engine == "exllama" and q.is_gguf and bits is not None:
        return _exl("EXL2", float(bits))
    if engine in ("vllm", "sglang", "transformers") and q.id in _CHECKPOINT_FOR:
        return quant_by_id(_CHECKPOINT_FOR[q.id])
    return q


def _nearest_by_bits(name: str, written: str) -> QuantSpec | None:
    """An unknown quant whose bits per weight the name tells ("IQ5_K", "Q3_K_XXL", "3.2 bits"):
    the known quant nearest in bits, of the same format where the name says one, with a note."""
    m = _FIGURE.search(name.lower())
    if m is None:
        return None
    if m.group("q"):
        if not 1 <= int(m.group("q")) <= _GGML_MAX_BITS:
            return None  # "Q9_K", "Q0": no ggml block type has that many bits, so nothing is near it
        target = int(m.group("q")) + 0.5  # ggml block types carry about half a bit of scales
    else:
        target = float(next(g for g in (m.group("x"), m.group("i"), m.group("w"), m.group("f")) if g))
    if not 1.0 <= target <= 32.0:
        return None
    low = name.lower()
    fmt: str | None = next(
        (f for f in ("awq", "gptq", "nvfp4", "fp8", "mlx", "exl2", "exl3") if f in low), None
    )
    # llama.cpp's own types, measured (MXFP4 is gpt-oss's native format, not a general choice)
    plain_gguf = [q for q in load_quants() if q.is_gguf and q.variant is None and not q.kld_estimated]
    pool = [q for q in load_quants() if q.format == fmt] if fmt else plain_gguf
    if not pool:
        return None
    best = min(pool, key=lambda q: (abs(q.bits - target), q.kld))
    note = (
        f"'{written}' is not a quantization canirun knows: sized as {best.id}, "
        f"the nearest known at ~{best.bits:g} bits per weight"
    )
    return best.model_copy(update={"note": note})


def quant_engines(text: str) -> tuple[Loader, ...]:
    """The engines that load a quant named as people write it ("UD-Q4_K_XL", "AWQ", "NVFP4",
    "exl3 3.0bpw", "MLX 4bit"): where a question should be answered."""
    return resolve_quant(text).engines


def _interpolated_kld(bits: float) -> float:
    points = sorted(
        (q.bits, q.kld)
        for q in load_quants()
        if q.is_gguf
        and not q.kld_estimated
        and q.variant is None
        and q.ftype in ("Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_M", "Q2_K")
    )
    import math

    if bits <= points[0][0]:
        return points[0][1]
    for (b0, k0), (b1, k1) in itertools.pairwise(points):
        if b0 <= bits <= b1:
            t = (bits - b0) / (b1 - b0)
            return math.exp(math.log(k0) * (1 - t) + math.log(k1) * t)
    return points[-1][1]
