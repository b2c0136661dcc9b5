"""Model and quant names as people paste them: the model part, the quant part, and what the form says.

    llama-bench labels   "qwen3moe 30B.A3B Q4_K - Medium", "llama 8B BF16", "gemma3n E4B Q4_0"
    GGUF file names      "Qwen3-30B-A3B-UD-Q5_K_XL-00001-of-00002.gguf", "Qwen_Qwen3-32B-Q4_K_M.gguf"
    MLX repo names       "mlx-community/Qwen3-14B-4bit", "Mistral-Small-24B-Instruct-8bit"
    HF ids and URLs      "Qwen/Qwen3-8B", "https://huggingface.co/unsloth/X-GGUF/resolve/main/X-Q4_K_M.gguf"
    Ollama tags          "llama3.3:70b-instruct-q4_K_M", "hf.co/bartowski/X-GGUF:Q4_K_M"
    names in other text  "Qwen3 32B吗", "**Qwen3.5-27B** @ Q5_K_M", "「Qwen3-30B-A3B」のQ8"

Nothing here knows the catalog: `read_pasted_name` splits the text, the resolver (_resolve.py)
looks the parts up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .._lazy_re import LazyPattern

__all__ = [
    "LLAMA_ARCHES",
    "MAX_NAME_CHARS",
    "QUANT_PATTERN",
    "NameForm",
    "PastedName",
    "SizeLabel",
    "clean_text",
    "read_pasted_name",
    "read_size_label",
    "unglue",
]

MAX_NAME_CHARS = 300  # longer text is not a model name (an HF URL to a shard is ~150)

NameForm = Literal["llama-bench", "gguf-file", "mlx-repo", "hf-id", "hf-url", "ollama-tag", "text"]

# Architecture names llama.cpp prints first in a llama-bench model label and stores in
# general.architecture (src/llama-arch.cpp LLM_ARCH_NAMES, github ggml-org/llama.cpp
# @00395eb285c7c6821ff372e3ca41dae9da33c2c7); text models only.
LLAMA_ARCHES = frozenset(
    {
        "llama", "llama4", "deci", "falcon", "grok", "gpt2", "gptj", "gptneox", "mpt", "baichuan",
        "starcoder", "refact", "bloom", "stablelm", "qwen", "qwen2", "qwen2moe", "qwen2vl", "qwen3",
        "qwen3moe", "qwen3next", "qwen3vl", "qwen3vlmoe", "qwen35", "qwen35moe", "phi2", "phi3", "phimoe",
        "plamo", "plamo2", "orion", "internlm2", "minicpm", "minicpm3", "gemma", "gemma2", "gemma3",
        "gemma3n", "gemma4", "starcoder2", "mamba", "mamba2", "jamba", "falcon-h1", "xverse", "command-r",
        "cohere2", "dbrx", "olmo", "olmo2", "olmoe", "openelm", "arctic", "deepseek", "deepseek2",
        "deepseek32", "deepseek4", "chatglm", "glm4", "glm4moe", "glm-dsa", "bitnet", "jais", "nemotron",
        "nemotron_h", "nemotron_h_moe", "exaone", "exaone4", "exaone-moe", "rwkv6", "rwkv7", "granite",
        "granitemoe", "granitehybrid", "bailingmoe", "bailingmoe2", "dots1", "arcee", "ernie4_5",
        "ernie4_5-moe", "hunyuan-moe", "hunyuan-dense", "smollm3", "gpt-oss", "lfm2", "lfm2moe",
        "seed_oss", "apertus", "minimax-m2", "mistral3", "mistral4", "mimo2", "step35", "kimi-linear",
    }
)  # fmt: skip

# A quant as written anywhere in a name or a sentence (group 1). Bounded by anything but a letter or
# digit, so "Q8" right after CJK text ("のQ8") or inside a file name ("-Q4_K_M.gguf") is found.
# a llama.cpp type written with hyphens for underscores ("IQ4-XS", "Q4-K-M", "UD-IQ4-XS"): only its own
# suffixes, so that "Q4-70B" stays a quant and a size
_HYPHENATED = r"i?q\d(?:-(?:k|0|1|xxs|xs|s|m|l|xl|nl))+(?![a-z0-9])"
QUANT_PATTERN = (
    r"(?<![a-z0-9])("
    r"ud[-_](?:" + _HYPHENATED + r"|i?q\d(?:_[a-z0-9]+)*|tq\d_0)"  # unsloth dynamic: UD-Q4_K_XL, UD-IQ1_S
    r"|i?q\d_k\s*-\s*(?:extra\s+small|small|medium|large)"  # llama.cpp's file type names
    r"|iq3_s\s+mix"  # llama.cpp prints IQ3_M as "IQ3_S mix - 3.66 bpw"
    r"|" + _HYPHENATED + r""
    r"|i?q\d(?:_[a-z0-9]+)*"  # Q4_K_M, IQ4_XS, Q4_0, Q8_K_XL, Q4
    r"|q[2-8]k(?:xl|[sml])?"  # written without underscores: Q4KM, Q5KS, Q6K
    r"|iq[1-4](?:xxs|xs|nl|s|m)"  # and IQ4XS, IQ3XXS, IQ2M
    r"|tq[12]_0"
    r"|mxfp4(?:[_ ]moe)?"
    r"|nvfp4|fp4|fp8(?:[-_]dynamic)?|w8a8(?:[-_]fp8)?|w4a16|int[48]"
    r"|bf16|fp16|f16|fp32|f32"
    r"|awq|gptq(?:[-_ ]?int[48])?|bnb(?:[-_ ]?(?:4bit|nf4))?|nf4"
    r"|exl[23](?:[-_ ]\d+(?:\.\d+)?\s*bpw|-\d(?:\.\d+)?(?![\w.]))?"
    r"|\d+(?:\.\d+)?\s*bpw"
    # the four average-bit figures unsloth names its dynamic DeepSeek-R1 quants by ("1.58-bit"); any
    # other "4.5 bits" is no quant name
    r"|(?:1\.58|1\.73|2\.22|2\.51)[-_ ]?bits?"
    r"|qat"
    r")(?![a-z0-9])"
)
_QUANT = LazyPattern(QUANT_PATTERN, re.IGNORECASE)
_BITS = LazyPattern(r"(?<![a-z0-9.])([2-8])[-_ ]?bits?(?![a-z0-9])", re.IGNORECASE)

# invisible and control characters; lone surrogates are dropped separately
_CONTROL = LazyPattern(r"[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_MARKUP = LazyPattern(r"[*`「」『』【】〈〉《》\"“”‘’]|(?<!\w)_+|_+(?!\w)")
# Chinese, Japanese and Korean script: a name glued to it ends (or starts) there
_CJK = LazyPattern(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+)")
# "deepseek蒸馏的qwen 14b": the Chinese for "distilled" between two families
_CJK_WORDS = (("蒸馏", " distill "), ("蒸餾", " distill "), ("模型", " model "), ("参数", " params "))

_HF_URL = LazyPattern(r"^(?:https?://)?(?:www\.)?(?:huggingface\.co|hf\.co)/(?P<path>\S+)", re.IGNORECASE)
_OLLAMA_URL = LazyPattern(r"^(?:https?://)?(?:www\.)?ollama\.com/(?:library/)?(?P<path>\S+)", re.IGNORECASE)
_HF_ID = LazyPattern(r"^(?P<org>[A-Za-z0-9][\w.\-]{0,95})/(?P<repo>[A-Za-z0-9][\w.\-]{0,120})(?P<rest>.*)$")
_OLLAMA_TAG = LazyPattern(r"^(?P<name>[a-z0-9][\w.\-]*):(?P<tag>[\w.\-]+)$", re.IGNORECASE)
# a model a user published on ollama.com under their own name: "someuser/name:tag" (an HF id has no tag)
_USER_TAG = LazyPattern(r"^[a-z0-9][\w.\-]*/(?P<tag>[a-z0-9][\w.\-]*:[\w.\-]+)$", re.IGNORECASE)
# GGUF files, and GGML's older .bin files ("llama-2-7b-chat.ggmlv3.q4_0.bin")
_GGUF = LazyPattern(r"^(?P<stem>\S+?)\.(?:gguf|bin)(?P<rest>.*)$", re.IGNORECASE)
_GGML_TAG = LazyPattern(r"[-_.]ggml(?:v\d)?(?=[-_.]|$)", re.IGNORECASE)
_SHARD = LazyPattern(r"[-_.]?(?:\d{1,5})-of-(?P<n>\d{1,5})$|[-_.]part(?:\d+)of(?P<m>\d+)$", re.IGNORECASE)
_BENCH = LazyPattern(
    r"^(?P<arch>[a-z][a-z0-9_\-]*)\s+(?P<size>\?B|\d+(?:\.\d+)?[MBT](?:\.A\d+(?:\.\d+)?B)?"
    r"|\d+x\d+(?:\.\d+)?B|E\d+(?:\.\d+)?B|\d+(?:\.\d+)?Bx\d+E(?:\s*\([a-z]+\))?)(?:\s+(?P<ftype>.*))?$",
    re.IGNORECASE,
)
# "Org_Model" (bartowski's file names): a leading org joined by one underscore
_ORG_PREFIX = LazyPattern(r"^(?P<org>[A-Za-z][\w\-]*?)_(?P<rest>[A-Za-z].*)$")
_PAREN = LazyPattern(r"\(([^()]*)\)")
# a quant glued to the size before it: "R1-Qwen-7BQ4", "Llama-3.1-8BQ4_K_M" (the place between them)
_SIZE_QUANT = LazyPattern(r"(?i)(?<=\d[b])(?=(?:i?q[2-8](?:_|k|\b)|bf16\b|fp16\b|f16\b|fp8\b))")
_MLX_ORGS = frozenset({"mlx-community", "lmstudio-community"})


@dataclass(frozen=True, slots=True)
class SizeLabel:
    """A llama-bench size label: "8B", "30B.A3B" (total.active), "E4B" (effective), "17Bx16E"
    (active x experts), "8x7B" (experts x expert size)."""

    total_b: float | None = None
    active_b: float | None = None
    effective_b: float | None = None
    experts: int | None = None
    nickname: str | None = None  # "(Scout)"


@dataclass(frozen=True, slots=True)
class PastedName:
    """A pasted model/quant name split into its parts."""

    text: str  # the input, cleaned of control characters and markup
    model: str  # the model part: no URL, org, extension, shard suffix, quant or packaging
    quant: str | None  # the quant as written ("UD-Q5_K_XL", "Q4_K - Medium", "4bit", "3.5bpw")
    form: NameForm
    org: str | None = None
    arch: str | None = None  # the llama.cpp architecture of a llama-bench label
    size: SizeLabel | None = None  # the size label of a llama-bench label
    shards: int | None = None  # "-00001-of-00005" -> 5
    alternatives: tuple[str, ...] = ()  # other readings of the model part, in order of preference
    engine: str | None = None  # the engine the form implies (MLX repos: "mlx")


def clean_text(text: str) -> str:
    """Text without lone surrogates, control or invisible characters, in NFKC form (full-width
    "（Ｑ４）" -> "(Q4)"), whitespace collapsed."""
    s = "".join(ch for ch in text if not "\ud800" <= ch <= "\udfff")
    s = unicodedata.normalize("NFKC", s)
    s = _CONTROL.sub(" ", s)
    return " ".join(s.split())


def unglue(s: str) -> str:
    """Spaces instead of CJK runs and markup, so "Qwen3 32B吗" reads "Qwen3 32B" and "30B的模型"
    reads "30B model"."""
    for word, replacement in _CJK_WORDS:
        s = s.replace(word, replacement)
    s = _CJK.sub(" ", s)
    s = _MARKUP.sub(" ", s)
    s = re.sub(r"(?<=\S)@(?=\s)|(?<=\s)@(?=\S)|\s@\s", " ", s)
    return " ".join(s.split())


def read_size_label(label: str) -> SizeLabel | None:
    """A llama-bench size label (llama.cpp's llm_type_name) -> sizes; None when it is not one."""
    s = label.strip().lower()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)([mbt])(?:\.a(\d+(?:\.\d+)?)b)?", s)
    if m:
        scale = {"m": 0.001, "b": 1.0, "t": 1000.0}[m.group(2)]
        return SizeLabel(float(m.group(1)) * scale, float(m.group(3)) if m.group(3) else None)
    m = re.fullmatch(r"(\d+)x(\d+(?:\.\d+)?)b", s)
    if m:
        return SizeLabel(
            experts=int(m.group(1)), active_b=None, total_b=None, nickname=f"{m.group(1)}x{m.group(2)}b"
        )
    m = re.fullmatch(r"e(\d+(?:\.\d+)?)b", s)
    if m:
        return SizeLabel(effective_b=float(m.group(1)))
    m = re.fullmatch(r"(\d+(?:\.\d+)?)bx(\d+)e(?:\s*\(([a-z]+)\))?", s)
    if m:
        return SizeLabel(active_b=float(m.group(1)), experts=int(m.group(2)), nickname=m.group(3))
    return None


def _find_quant(s: str) -> tuple[str, int, int] | None:
    """The first quant written in `s` (as written, with its span)."""
    m = _QUANT.search(s)
    bits = _BITS.search(s)
    if bits is not None and (m is None or bits.start() < m.start()):
        return bits.group(0), bits.start(), bits.end()
    if m is None:
        return None
    return m.group(1), m.start(1), m.end(1)


def _strip_quants(s: str) -> tuple[str, str | None]:
    """`s` without its quant words; the first quant found, as written."""
    first = _find_quant(s)
    out = _QUANT.sub(" ", s)
    out = _BITS.sub(" ", out)
    return " ".join(out.split()), (first[0] if first else None)


def _strip_shard(stem: str) -> tuple[str, int | None]:
    m = _SHARD.search(stem)
    if m is None:
        return stem, None
    n = m.group("n") or m.group("m")
    return stem[: m.start()], int(n) if n else None


def _org_alternative(name: str) -> tuple[str, ...]:
    m = _ORG_PREFIX.match(name)
    return (m.group("rest"),) if m else ()


def _hf_path(path: str) -> tuple[str | None, str, str | None, str | None]:
    """'org/repo[:tag][/resolve|tree|blob/rev/.../file]' -> org, repo, file, tag."""
    parts = [p for p in path.split("/") if p]
    if len(parts) < 2:
        return None, parts[0] if parts else "", None, None
    org, repo = parts[0], parts[1]
    tag = None
    if ":" in repo:
        repo, tag = repo.split(":", 1)
    file = None
    if len(parts) > 3 and parts[2] in ("resolve", "tree", "blob"):
        file = parts[-1] if len(parts) > 4 else None
    elif len(parts) > 2:
        file = parts[-1]
    if file is not None and ":" in file:
        file, tag = file.split(":", 1)
    return org, repo, file, tag


def read_pasted_name(text: str) -> PastedName:
    """Split a pasted name into model and quant parts (never raises; empty text gives an empty
    model part)."""
    raw = clean_text(text[: MAX_NAME_CHARS * 4])[:MAX_NAME_CHARS]
    s = _SIZE_QUANT.sub("-", unglue(raw))
    bench = _BENCH.match(s)
    if bench is not None and bench.group("arch").lower() in LLAMA_ARCHES:
        size = read_size_label(bench.group("size"))
        ftype = bench.group("ftype") or ""
        found = _find_quant(ftype)
        words = [bench.group("arch")]
        if size is not None and size.nickname and size.nickname.isalpha():
            words.append(size.nickname)
        return PastedName(
            raw,
            " ".join([*words, bench.group("size")]),
            found[0] if found else None,
            "llama-bench",
            arch=bench.group("arch").lower(),
            size=size,
        )
    for rx in (_HF_URL, _OLLAMA_URL):
        url = rx.match(s)
        if url is not None:
            return _from_url(raw, url.group("path"), hf=rx is _HF_URL)
    tag = _OLLAMA_TAG.match(s)
    if tag is not None and "/" not in s:
        model, quant = _strip_quants(f"{tag.group('name')} {tag.group('tag').replace('-', ' ')}")
        return PastedName(raw, model, quant, "ollama-tag", alternatives=(tag.group("name"),))
    user_tag = _USER_TAG.match(s)
    if user_tag is not None:
        inner = read_pasted_name(user_tag.group("tag"))
        return PastedName(raw, inner.model, inner.quant, "ollama-tag", alternatives=inner.alternatives)
    hf = _HF_ID.match(s)
    if hf is not None:
        return _from_repo(raw, hf.group("org"), hf.group("repo"), hf.group("rest"), "hf-id")
    gguf = _GGUF.match(s)
    if gguf is not None:
        return _from_file(raw, gguf.group("stem"), gguf.group("rest"), None)
    model, quant = _strip_quants(s)
    model = model.strip(" -_.")
    form: NameForm = "text"
    if re.search(r"-[2-8]bit$", s, re.IGNORECASE):
        form = "mlx-repo"  # "Mistral-Small-24B-Instruct-8bit": mlx-community's naming
    return PastedName(raw, model, quant, form, alternatives=_org_alternative(model))


def _from_url(raw: str, path: str, *, hf: bool) -> PastedName:
    if not hf:  # ollama.com/library/name:tag
        inner = read_pasted_name(path)
        return PastedName(raw, inner.model, inner.quant, "ollama-tag", alternatives=inner.alternatives)
    org, repo, file, tag = _hf_path(path)
    if file is not None:
        stem = file[:-5] if file.lower().endswith(".gguf") else file
        named = _from_file(raw, stem, "", org)
        model = named.model
        extra = tuple(a for a in (*named.alternatives, _strip_quants(_clean_repo(repo))[0]) if a)
        in_tag = _find_quant(tag) if tag else None
        quant = named.quant or (in_tag[0] if in_tag else None)
        return PastedName(raw, model, quant, "hf-url", org=org, shards=named.shards, alternatives=extra)
    named = _from_repo(raw, org or "", repo, f":{tag}" if tag else "", "hf-url")
    return named


def _clean_repo(repo: str) -> str:
    """A repo name without its packaging suffix ("-GGUF", "-MLX", "-i1-GGUF")."""
    return re.sub(
        r"(?:[-_](?:i1|imatrix))?[-_](?:gguf|ggml|mlx|awq|gptq|exl2|exl3)$", "", repo, flags=re.IGNORECASE
    )


def _from_repo(raw: str, org: str, repo: str, rest: str, form: NameForm) -> PastedName:
    """'org/repo' plus whatever follows it (":Q4_K_M", " (4.5bpw branch)")."""
    name = _clean_repo(repo)
    model, quant = _strip_quants(name)
    model = model.strip(" -_.")
    packaging = repo[len(name) :].strip("-_").lower()
    if quant is None and rest:
        found = _find_quant(rest)
        quant = found[0] if found else None
        if quant is not None and packaging in ("exl2", "exl3"):
            quant = f"{packaging} {quant}"
    if quant is None and packaging in ("awq", "gptq", "exl2", "exl3"):
        quant = packaging
    engine = None
    if org.lower() in _MLX_ORGS or re.search(r"[-_]mlx(?:[-_]|$)", repo, re.IGNORECASE):
        engine = "mlx"
        form = "mlx-repo" if form == "hf-id" else form
    alternatives = _org_alternative(model)
    paren = _PAREN.search(rest)
    if paren is not None and not _find_quant(paren.group(1)):
        alternatives += (paren.group(1),)
    return PastedName(raw, model, quant, form, org=org, alternatives=alternatives, engine=engine)


def _from_file(raw: str, stem: str, rest: str, org: str | None) -> PastedName:
    """A GGUF file's stem ("Qwen3-30B-A3B-UD-Q5_K_XL-00001-of-00002") plus text after it."""
    stem, shards = _strip_shard(_GGML_TAG.sub("", stem))
    model, quant = _strip_quants(stem)
    model = model.strip(" -_.")
    model = re.sub(r"(?i)\b(?:ggml|gguf)[-_ ]?model\b", " ", model).strip(" -_.")
    alternatives = _org_alternative(model)
    paren = _PAREN.search(rest)
    if paren is not None:
        alternatives += (paren.group(1),)
    return PastedName(raw, model, quant, "gguf-file", org=org, shards=shards, alternatives=alternatives)
