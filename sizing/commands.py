"""Launch commands that give an estimate's placement, for every engine, naming real repositories.

`launch_command(estimate)` -> the command lines (joined by newlines), or None when nothing runs.

Every flag is the engine's own, as its --help and docs spell it:
- llama.cpp `llama-server` (build 11434 --help): -hf <user>/<model>[:quant] | -m FILE, -ngl N,
  --n-cpu-moe N, -c N, -fa on|off, -ctk/-ctv TYPE, -sm layer|row|tensor, -ts N0,N1,... (--fit, on by
  default, only adjusts what is not set).
- Ollama: the server reads OLLAMA_CONTEXT_LENGTH, OLLAMA_FLASH_ATTENTION, OLLAMA_KV_CACHE_TYPE and
  OLLAMA_NUM_PARALLEL (github ollama/ollama envconfig/config.go @fb307609; the context by
  docs/faq.mdx); `ollama run hf.co/<user>/<repo>:<quant>` runs a Hugging Face GGUF
  (https://huggingface.co/docs/hub/ollama).
- LM Studio `lms` (github lmstudio-ai/lms src/subcommands/get.ts, load.ts @07b7252d): `lms get
  https://huggingface.co/<user>/<repo>@<quant> -y`, `lms load <key> --gpu off|max|0..1
  --context-length N [--parallel N] -y` (the key is matched fuzzily); flash attention is a load
  setting of the app with no lms flag, so the command says it in a comment.
- vLLM: `vllm serve <repo>` with --tensor-parallel-size, --pipeline-parallel-size, --max-model-len,
  --kv-cache-dtype fp8 (https://docs.vllm.ai/en/latest/features/quantization/quantized_kvcache/),
  --quantization fp8 (online dynamic FP8 of a BF16 checkpoint,
  https://docs.vllm.ai/en/stable/features/quantization/fp8/), --gpu-memory-utilization,
  --max-num-seqs; quantized checkpoints name their method in their config.
- SGLang (github sgl-project/sglang docs/advanced_features/server_arguments.md @b36e8e19):
  `python -m sglang.launch_server --model-path <repo>` with --tp, --pipeline-parallel-size,
  --context-length, --kv-cache-dtype fp8_e5m2, --quantization fp8 | modelopt_fp4 (NVFP4, as
  NVIDIA's DGX Spark playbook nvidia/sglang/README.md @0db7c141 says), --mem-fraction-static,
  --max-running-requests.
- MLX: `mlx_lm.server --model <repo>` (github ml-explore/mlx-lm mlx_lm/server.py @d78bf58e); where
  no conversion is listed, `mlx_lm.convert --hf-path <repo> -q --q-bits N --mlx-path DIR` makes one
  from the official weights (mlx_lm/convert.py @d78bf58e); the
  cache grows with the conversation, so no context flag; --prefill-step-size N and
  --prompt-cache-bytes NG where the estimate needs them (mlx_lm/server.py @0130d3b7 parses the
  value with parse_size: a number followed by nothing, M, G, MB or GB, in powers of 1000).
- ExLlama through TabbyAPI (github theroyallab/tabbyAPI common/args.py, config_sample.yml
  @e632af41): `python main.py download <repo>`, then `python main.py --model-name <folder>
  --max-seq-len N --cache-mode FP16|Q8|Q6|Q4 [--tensor-parallel true]`.

Repositories come from catalog/data/repos.yaml (each row cites where it is published). Where none
is known, a vLLM/SGLang command takes the most downloaded match from a Hugging Face Hub search (a
line before it, with the search page to check it on); other commands carry a placeholder in angle
brackets that says what to fill, and nothing is guessed.
"""

from __future__ import annotations

import functools
import json
import re
from typing import TYPE_CHECKING

from ._compute_capability import BF16_MIN, compute_capability
from ._engine_ollama import ollama_default_context
from ._engines import DEFAULT_CONTEXT_SAID, engine_family, rocm_overrides
from ._ollama_tags import tag_quant
from ._overhead import GiB
from ._placement import KV_POOL_PART
from .catalog import (
    ModelRepo,
    ModelSpec,
    QuantSpec,
    RepoKind,
    default_catalog,
    default_repos,
    is_gguf_repo,
    load_finetunes,
)
from .memory import LMSTUDIO_FLASH_ATTENTION_SETTING, NO_MMPROJ_SETTING

if TYPE_CHECKING:
    from .estimate import Estimate

__all__ = ["PLACEHOLDER", "launch_command", "model_reference", "repo_named"]

PLACEHOLDER = re.compile(r"<[^<>]+>")  # what a user fills in a printed command
# TabbyAPI's cache modes for a KV cache type (config_sample.yml: FP16, Q8, Q6, Q4)
_TABBY_CACHE = {"f16": "FP16", "q8_0": "Q8", "q6": "Q6", "q4_0": "Q4"}
# the repo kind that holds each safetensors precision
_GPTQ_BITS = re.compile(r"(?i)(?:int|-)([48])(?:bits?)?$")  # "-GPTQ-Int4", "-Chat-8bits"
_SERVED_KIND: dict[str, RepoKind] = {"fp8": "fp8", "nvfp4": "nvfp4", "awq": "awq", "gptq": "gptq"}


def _repos(model: ModelSpec, kind: RepoKind) -> tuple[ModelRepo, ...]:
    return tuple(r for r in default_repos().for_model(model.id) if r.kind == kind)


_CHAT_TUNED = re.compile(r"(?i)instruct|chat|-it(?:$|-)")


def _official(model: ModelSpec) -> str | None:
    """The official repo people serve: the catalog's own where listed, else a chat-tuned one."""
    found = [r.repo for r in _repos(model, "official")]
    own = model.hf_repo if model.hf_repo is not None and not is_gguf_repo(model.hf_repo) else None
    if own is not None and (own in found or not found):
        return own
    tuned = [r for r in found if _CHAT_TUNED.search(r.split("/", 1)[1])]
    return (tuned or found)[0] if found else None


# Unsloth's dynamic quants ("UD-Q4_K_XL") are published only in unsloth's own GGUF repos, named after
# the official repo ("unsloth/Qwen3-30B-A3B-GGUF"), and loaded by that tag: "llama-server -hf
# unsloth/Qwen3.6-27B-GGUF:UD-Q4_K_XL" (https://unsloth.ai/docs/integrations/connections/
# connect-llama.cpp-to-unsloth-run-ggufs-with-llama-server)
_UNSLOTH = "unsloth"
_UNSLOTH_SOURCE = "https://unsloth.ai/docs/integrations/connections/connect-llama.cpp-to-unsloth-run-ggufs-with-llama-server"


def _stem(repo: str) -> str:
    """A repo's name without its publisher and format suffix, in lower case, separators as "-":
    "unsloth/DeepSeek-R1-0528-GGUF" -> "deepseek-r1-0528"."""
    name = repo.split("/", 1)[-1].lower().replace("_", "-").replace(".", "-")
    return _FORMAT_SUFFIX.sub("", name)


_FORMAT_SUFFIX = re.compile(r"-(?:gguf|mlx|\d+-?bits?|bf16|fp8|awq|gptq(?:-int[48])?|exl[23])$")
_SEPARATORS = re.compile(r"[\s_.]+")


@functools.lru_cache(maxsize=256)  # an answer asks twice per model: for its cache key, and for its commands
def repo_named(model: ModelSpec, text: str) -> str | None:
    """The repo of `model` a question names, to download from: a Hugging Face id written out
    ("someorg/Qwen3-32B-GGUF"), a point release the catalog folds into one entry
    ("DeepSeek-R1-0528-UD-Q2_K_XL.gguf" names deepseek-ai/DeepSeek-R1-0528, whose GGUF builds are
    then preferred), a GGUF publisher ("unsloth Q3 or Q4?" names the unsloth repo), a thinking /
    instruct build where both are listed, or a listed fine-tune's own checkpoint. None when the text
    names none of these, or only the repo taken anyway."""
    written = _hub_id_named(model, text)  # a Hugging Face id written out names the repo itself
    if written is not None:
        return written
    words = _SEPARATORS.sub("-", text.lower())
    listed = default_repos().for_model(model.id)
    releases = [r.repo for r in listed if r.kind == "official" and _point_release(model, r.repo)]
    # a point release named in full ("deepseek-r1-0528") or by the date it adds alone ("kimi k2 0905":
    # Kimi-K2-Instruct-0905)
    named = [r for r in releases if _stem(r) in words or _release_date_named(model, r, words)]
    if named:
        return max(named, key=lambda r: len(_stem(r)))
    gguf = [r for r in listed if r.kind == "gguf"]
    by_publisher = [r.repo for r in gguf if re.search(rf"\b{re.escape(r.publisher.lower())}\b", words)]
    if by_publisher and by_publisher[0] != gguf[0].repo:
        return by_publisher[0]
    # the thinking or instruct build of a model listed with both ("qwen3 next 80b thinking")
    for variant in _BUILD_VARIANTS:
        if re.search(rf"\b{variant}\b", words):
            builds = [r.repo for r in gguf if variant in r.repo.lower()]
            if builds and len(builds) < len(gguf) and builds[0] != gguf[0].repo:
                return builds[0]
    return _finetune_named(model, words)


# (names are ASCII: one glued to CJK text, "Qwen/Qwen2.5-VL-7B-Instruct-AWQ到底需要多大显存", ends where the
# text starts)
_HUB_ID = re.compile(r"(?<![\w./-])([A-Za-z0-9][\w.-]{0,95}/[A-Za-z0-9][\w.-]{0,95})", re.ASCII)
# the Hub's host before an id ("hf.co/unsloth/...", as Ollama pulls it; "https://huggingface.co/...")
_HUB_HOST = re.compile(r"(?<![\w.-])(?:https?://)?(?:www\.)?(?:hf\.co|huggingface\.co)/", re.IGNORECASE)


def _hub_id_named(model: ModelSpec, text: str) -> str | None:
    """A Hugging Face id written in the question whose name is this model's ("unsloth/gpt-oss-120b-
    GGUF:F16", "zai-org/GLM-4.5-Air-FP8", "someorg/DeepSeek-V3.1-Terminus-GGUF"): the repo the asker
    downloads from."""
    official = [r.repo for r in _repos(model, "official")]
    stems = {_stem(model.id), *(_stem(r) for r in official)}
    if model.hf_repo is not None:
        stems.add(_stem(model.hf_repo))
    # a GGUF publisher's name that leads with the original publisher's ("bartowski/Qwen_Qwen3-14B-GGUF",
    # "bartowski/google_gemma-3-12b-it-GGUF": bartowski's "<org>_<model>" naming)
    orgs = tuple(f"{r.split('/', 1)[0].lower()}_" for r in official if "/" in r)
    for m in _HUB_ID.finditer(_HUB_HOST.sub("", text)):
        repo = m.group(1).rstrip(".")
        name = repo.split("/", 1)[1]
        lead = next((o for o in orgs if name.lower().startswith(o)), None)
        names = {_stem(repo), _stem(name[len(lead) :])} if lead else {_stem(repo)}
        if any(stem == s or stem.startswith(s + "-") for stem in names for s in stems if s):
            return repo
    return None


def _finetune_named(model: ModelSpec, words: str) -> str | None:
    """The Hub checkpoint of a listed fine-tune of this model the question names ("hermes 4 405b"
    is NousResearch/Hermes-4-405B, sized as Llama 3.1 405B): its weights, not the base's, are the
    ones to download."""
    for f in load_finetunes():
        if f.base != model.id or not re.search(rf"\b{re.escape(f.name.replace(' ', '-'))}\b", words):
            continue
        url = re.match(r"https://huggingface\.co/([\w.-]+/[\w.-]+)", f.source)
        if url is not None:
            return url.group(1)
    return None


def _foreign_repo(model: ModelSpec) -> str | None:
    """The repo a question named for a catalog model where it is none of the catalog's repos for it
    (a fine-tune's checkpoint, a publisher's build the catalog does not list): used as named."""
    named = model.hf_repo
    if named is None or any(r.repo == named for r in default_repos().for_model(model.id)):
        return None
    own = default_catalog().by_id.get(model.id)
    return None if own is None or own.hf_repo == named else named


_BUILD_VARIANTS = ("thinking", "instruct")


def _point_release(model: ModelSpec, repo: str) -> bool:
    """An official repo of `model` whose name extends the base release's ("DeepSeek-R1-0528" of
    "DeepSeek-R1"): a later release the catalog folds into the same entry."""
    official = [_stem(r.repo) for r in _repos(model, "official")]
    stem = _stem(repo)
    return stem in official and any(
        stem != o and stem.startswith(o + "-") and not _BUILD_SUFFIX.fullmatch(stem[len(o) + 1 :])
        for o in official
    )


def _release_date_named(model: ModelSpec, repo: str, words: str) -> bool:
    """Whether `words` carry the release date (a year and month, "2507", or a month and day, "0905")
    that the point release `repo` adds to its base release's name."""
    stem = _stem(repo)
    for o in (_stem(r.repo) for r in _repos(model, "official")):
        added = stem[len(o) + 1 :] if stem != o and stem.startswith(o + "-") else ""
        if len(added) == 4 and added.isdigit() and re.search(rf"(?<![a-z0-9]){added}(?![a-z0-9])", words):
            return True
    return False


# the chat build of a base release ("gemma-3-27b-it" of "gemma-3-27b", "...-instruct", "...-chat"): the
# same release tuned, not a later one
_BUILD_SUFFIX = re.compile(r"(?:it|instruct|chat|hf)(?:-hf)?")


@functools.lru_cache(maxsize=1024)
def _gguf_repo(model: ModelSpec, quant: QuantSpec) -> tuple[ModelRepo | None, bool]:
    """(a GGUF repo, whether its cited listing shows this quant): one that lists it first. An
    unsloth dynamic quant of a model with GGUF files comes from an unsloth repo: the one listed,
    else the one named after the official repo the way unsloth names them. A repo the model names
    (`hf_repo`: a GGUF repo, or an official release whose name a GGUF repo carries) comes first.
    Kept by value (specs, quants and the bundled repo table never change): every option of a model
    on every rig asks it again, each launch command twice."""
    foreign = _foreign_repo(model)
    if foreign is not None:  # a repo the question named: its GGUF files, or none known
        source = f"https://huggingface.co/{foreign}"
        return (
            (ModelRepo(kind="gguf", repo=foreign, source=source), False)
            if is_gguf_repo(foreign)
            else (None, False)
        )
    found = _repos(model, "gguf")
    of_release: list[ModelRepo] = []  # GGUF builds of the point release named ("deepseek-r1-0528")
    if model.hf_repo is not None:
        own = model.hf_repo.lower()
        release = _stem(own) if _point_release(model, model.hf_repo) else None
        # where several releases are listed, GGUF builds named after the model's own release
        # ("bartowski/mistralai_Magistral-Small-2509-GGUF" of mistralai/Magistral-Small-2509) first
        releases = [r.repo.lower() for r in _repos(model, "official")]
        after = _stem(own) if len(releases) > 1 and own in releases else None
        first = [
            r
            for r in found
            if r.repo.lower() == own
            or _stem(r.repo) in (release, after)
            or (after is not None and _stem(r.repo).endswith("-" + after))
        ]
        found = (*first, *(r for r in found if r not in first))
        of_release = [r for r in first if release is not None and _stem(r.repo) == release]
    if quant.id.startswith("UD-") and found:  # GGUF files of it are known to exist
        found = tuple(r for r in found if r.publisher == _UNSLOTH)
        official = _official(model)
        if not found and official is not None:
            name = official.split("/", 1)[1]
            found = (ModelRepo(kind="gguf", repo=f"{_UNSLOTH}/{name}-GGUF", source=_UNSLOTH_SOURCE),)
    if _is_iquant(quant):
        # a publisher none of whose listed repos shows an i-quant (TheBloke, whose uploads predate
        # llama.cpp's i-quants) is not offered with one it never published
        found = tuple(r for r in found if r.publisher.lower() not in _publishers_without_iquants())
    # the release's own builds go through the same publisher rules: a repo that cannot publish this
    # quant (a UD file outside unsloth's repos) is never the one downloaded
    of_release = [r for r in of_release if r in found]
    listed = [r for r in found if quant.id in r.quants or (quant.id == "MXFP4" and "MXFP4_MOE" in r.quants)]
    if listed and (not of_release or listed[0] in of_release):
        return listed[0], True
    if of_release:  # the release asked, even where its listing shows other quants: never another release
        return of_release[0], False
    if not found and model.hf_repo is not None and is_gguf_repo(model.hf_repo):
        # a model read from (or named by) a GGUF repo on the Hub: that repo holds its files
        named = ModelRepo(kind="gguf", repo=model.hf_repo, source=f"https://huggingface.co/{model.hf_repo}")
        return named, False
    # no listing shows this quant: a repo named after another single quant ("...-qat-q4_0-gguf" holds
    # Q4_0 alone) is the last one to try it from
    other = [r for r in found if not _named_for_other_quant(r.repo, quant)]
    return (other[0] if other else found[0] if found else None), False


# a GGUF type in a repo's name ("google/gemma-3-27b-it-qat-q4_0-gguf"): the one quant it was made for
_QUANT_IN_NAME = re.compile(
    r"(?:^|[-_.])((?:ud-)?i?q\d(?:_[0-9a-z]+)*|bf16|f16|f32)(?=[-_.]|$)", re.IGNORECASE
)


def _named_for_other_quant(repo: str, quant: QuantSpec) -> bool:
    """Whether the repo's name carries a GGUF type other than `quant` (a single-quant upload)."""
    m = _QUANT_IN_NAME.search(repo.split("/", 1)[-1])
    return m is not None and m.group(1).upper() != quant.id.upper()


@functools.cache
def _publishers_without_iquants() -> frozenset[str]:
    """GGUF publishers whose repos the catalog lists with quants, none of them an i-quant, over at
    least a few repos (one short listing says little of what a publisher makes)."""
    table = default_repos()
    listed: dict[str, list[tuple[str, ...]]] = {}
    for model_id in table.models:
        for r in table.for_model(model_id):
            if r.kind == "gguf" and r.quants:
                listed.setdefault(r.publisher.lower(), []).append(r.quants)
    return frozenset(
        p
        for p, quants in listed.items()
        if len(quants) >= _IQUANT_EVIDENCE and not any(_is_iquant_name(n) for q in quants for n in q)
    )


_IQUANT_EVIDENCE = 5  # listed repos of a publisher that, with no i-quant among them, show it makes none


def _is_iquant_name(name: str) -> bool:
    """An i-quant file name ("IQ4_XS", "UD-IQ2_M"): llama.cpp's importance-matrix types."""
    return name.upper().removeprefix("UD-").startswith("IQ")


def _is_iquant(quant: QuantSpec) -> bool:
    return quant.is_gguf and _is_iquant_name(quant.id)


def _gptq_bits_match(repo: str, quant: QuantSpec) -> bool:
    """A GPTQ repo whose name states its bits (Int4 / Int8) serves only that precision."""
    stated = _GPTQ_BITS.search(repo)
    return stated is None or stated.group(1) == ("8" if quant.bits > 6 else "4")


def _placeholder(what: str) -> str:
    return "<" + what.replace("<", "").replace(">", "") + ">"


def model_reference(model: ModelSpec, quant: QuantSpec, engine: str) -> str:
    """The repository (or Ollama tag) to load `model` at `quant` with `engine`, or a placeholder."""
    family = engine_family(engine)
    if family == "mlx":
        if quant.id == "MXFP4" and model.native_dtype == "mxfp4":
            # mlx-lm loads a checkpoint released in MXFP4 as it is (mlx_lm/utils.py maps quant_method
            # "mxfp4" to its mxfp4 mode: github ml-explore/mlx-lm @d78bf58)
            return _official(model) or _placeholder(f"Hugging Face repo of {model.name}")
        bits = round(quant.bits - 0.5)  # MLX-4bit is 4 bits plus 0.5 of scales
        foreign = _foreign_repo(model)
        if foreign is not None:  # the repo named, where it is an MLX build; else which to fill in
            return (
                foreign if "mlx" in foreign.lower() else _placeholder(f"MLX repo of {foreign} at {bits} bits")
            )
        mlx = [r for r in _repos(model, "mlx") if r.bits is not None and round(r.bits) == bits]
        return mlx[0].repo if mlx else _placeholder(f"MLX repo of {model.name} at {bits} bits")
    if family == "exllama":
        foreign = _foreign_repo(model)
        if foreign is not None:
            named_exl = quant.format in foreign.lower()
            return foreign if named_exl else _placeholder(f"{quant.format.upper()} repo of {foreign}")
        exl = [r for r in _repos(model, "exl3") + _repos(model, "exl2") if r.kind == quant.format]
        return exl[0].repo if exl else _placeholder(f"{quant.format.upper()} repo of {model.name}")
    if family == "paged":
        foreign = _foreign_repo(model)
        if foreign is not None and not is_gguf_repo(foreign):
            # the checkpoint named: as it is where it holds this precision (or is the full-precision one
            # vLLM quantizes to FP8 itself), else the precision's repo of it to fill in
            tagged = _HUB_TAG.get(quant.format, "").lower()
            if quant.format in ("safetensors", "fp8") or (tagged and tagged in foreign.lower()):
                return foreign
            return _placeholder(f"{quant.id} repo of {foreign}")
        if model.native_dtype == "int4" and quant.format in ("gptq", "awq"):
            return _official(model) or _placeholder(f"Hugging Face repo of {model.name}")  # released in INT4
        if _as_shipped(model, quant):
            return _official(model) or _placeholder(f"Hugging Face repo of {model.name}")  # released in FP4
        if quant.format in _SERVED_KIND:
            served = _repos(model, _SERVED_KIND[quant.format])
            if quant.format == "gptq":
                served = tuple(r for r in served if _gptq_bits_match(r.repo, quant))
            if served:
                return served[0].repo
            if quant.format != "fp8":
                return _placeholder(f"{quant.id} repo of {model.name}")
        return _official(model) or _placeholder(f"Hugging Face repo of {model.name}")
    repo, _ = _gguf_repo(model, quant)
    foreign = _foreign_repo(model)
    if repo is None and foreign is not None:
        return _placeholder(f"{quant.id} .gguf file of {foreign}")
    if repo is None:
        return _placeholder(f"{model.name} {quant.id} .gguf file")
    return f"{repo.repo}:{'MXFP4' if quant.id == 'MXFP4' else quant.id}"


def launch_command(e: Estimate) -> str | None:
    """The lines that start `e`'s engine with `e`'s placement, or None when it does not fit."""
    if e.verdict == "no":
        return None
    family = engine_family(e.engine)
    if family == "gguf" and e.engine not in ("ollama", "lmstudio") and e.memory.rig.phone_os is not None:
        return _phone_app(e)
    if e.engine == "ollama":
        lines = _ollama(e)
    elif e.engine == "lmstudio":
        lines = _lmstudio(e)
    elif family == "gguf":
        lines = _llama_server(e)
    elif family == "paged":
        lines = _paged(e)
    elif family == "mlx":
        lines = _mlx(e)
    else:
        lines = _tabby(e)
    return "\n".join(_with_variables(lines))


# what a placeholder names -> the shell variable the printed command takes it in and the example value
# its own line sets (a command is pasted as it is: every value to fill in is one labelled line)
_MACHINE = re.compile(r"address of machine (\d+)")


def _variable(what: str) -> tuple[str, str, str]:
    """(name, example value, label) of the shell variable that stands for the placeholder `what`."""
    machine = _MACHINE.fullmatch(what)
    if machine is not None:
        n = machine.group(1)
        return f"MACHINE_{n}", f"192.168.1.{n}", f"set MACHINE_{n} to machine {n}'s address on your network"
    if what.startswith("its ") and what.endswith(".gguf file"):
        return "HF_FILE", "name-of-the-file.gguf", f"set HF_FILE to {what[4:]}'s name in that repo"
    if what.endswith(".gguf file"):
        return (
            "MODEL_FILE",
            "/path/to/your-model.gguf",
            f"no public {what} is known here: set MODEL_FILE to yours",
        )
    if "tag" in what:
        return "MODEL_TAG", "your-model:tag", f"no public {what} is known here: set MODEL_TAG to yours"
    if "key" in what:
        return "MODEL_KEY", "your-model-key", f"set MODEL_KEY to the {what}"
    return "MODEL_REPO", "your-org/your-repo", f"no public {what} is known here: set MODEL_REPO to one"


def _with_variables(lines: list[str]) -> list[str]:
    """`lines` with each value to fill in (`<what>`) taken from a shell variable, set on a labelled
    line of its own right before the first line that uses it (on the machine that runs that line):
    the command pastes and runs once that line is edited."""
    found: set[str] = set()
    out: list[str] = []
    for line in lines:
        code, sep, comment = line.partition("  #")  # a comment's words are no part of what runs
        if "<" not in code:
            out.append(line)
            continue
        for m in PLACEHOLDER.finditer(code):
            name, value, label = _variable(m.group(0)[1:-1])
            if name not in found:
                found.add(name)
                out.append(f"{name}={value}  # {label}")
        used = PLACEHOLDER.sub(lambda m: f'"${_variable(m.group(0)[1:-1])[0]}"', code)
        out.append(used + sep + comment)
    return out


# --- llama.cpp ---------------------------------------------------------------------------------


def _ngl(e: Estimate) -> str:
    p = e.memory.placement
    if p.strategy == "cpu" or p.verdict == "cpu":
        return "-ngl 0"
    if p.strategy == "layer_offload":
        output = any(d.holds_output for d in p.devices if d.kind == "gpu")
        return f"-ngl {p.gpu_layers + (1 if output else 0)}"
    if p.strategy == "expert_offload":
        return f"-ngl 99 --n-cpu-moe {p.cpu_moe_layers}"
    return "-ngl 99"


def _tensor_split(e: Estimate) -> str | None:
    """-ts with each GPU's layers where the plan is not llama.cpp's own split: it splits layers in
    proportion to each GPU's free memory, so evenly over identical GPUs, which puts a MoE model's
    expert-holding last layers on the last GPU when --n-cpu-moe keeps the first layers' experts in
    RAM; llama.cpp's --fit does not correct a split once -ngl is given."""
    gpus = [d for d in e.memory.placement.devices if d.kind == "gpu" and not d.unified]
    if len(gpus) < 2 or e.split_mode != "layer" or e.memory.rig.machines > 1:
        return None  # over RPC the other machines' GPUs come first in llama.cpp's device list
    # llama.cpp splits n_layer + 1 layers: the output layer is the last one, on the GPU that holds it
    layers = [d.layers + (1 if d.holds_output else 0) for d in gpus]
    total = sum(layers)
    if total == 0:
        return None
    if len({round(d.total / GiB) for d in gpus}) < 2:
        even = total / len(gpus)
        if all(abs(n - even) <= 1 for n in layers):
            return None
    return "-ts " + ",".join(str(n) for n in layers)


def _llama_server(e: Estimate) -> list[str]:
    repo, listed = _gguf_repo(e.model, e.quant)
    ik = e.quant.variant == "ik_llama"
    if ik and not listed:
        # ik_llama.cpp's own types: a repo listed with them, else the file to fill in (no repo guessed)
        repo = None
    if ik:
        # ik_llama.cpp's llama-server takes --hf-repo with --hf-file, not -hf repo:quant
        # (github ikawrakow/ik_llama.cpp common/common.cpp @8337e4cd)
        source = (
            f"--hf-repo {repo.repo} --hf-file <its {e.quant.id} .gguf file>"
            if repo is not None
            else f"-m {_placeholder(f'{e.model.name} {e.quant.id} .gguf file')}"
        )
    else:
        source = (
            f"-hf {model_reference(e.model, e.quant, e.engine)}"
            if repo
            else (f"-m {model_reference(e.model, e.quant, e.engine)}")
        )
    # several users: llama-server splits -c among its -np slots, so each slot gets the context asked,
    # for as many users as the memory holds (llama-server --help: "-np, --parallel N")
    serving = e.speed.serving
    slots = min(serving.users, max(1, serving.users_held or 1)) if serving is not None else 1
    context = f"-c {e.context * slots} -np {slots}" if slots > 1 else f"-c {e.context}"
    flags = [source, _ngl(e), context, "-fa on" if e.memory.flash_attention else "-fa off"]
    kv = e.memory.kv_type
    if kv != "f16":
        flags.append(f"-ctk {kv} -ctv {kv}")
    if e.split_mode in ("row", "tensor"):
        flags.append(f"-sm {e.split_mode}")
    flags.extend(_yarn_flags(e))
    ts = _tensor_split(e)
    if ts:
        flags.append(ts)
    if repo is not None and any(s.flag == NO_MMPROJ_SETTING for s in e.memory.placement.settings):
        flags.append(NO_MMPROJ_SETTING)
    flags.extend(s.flag for s in e.memory.placement.settings if s.flag.startswith("--fit-target "))
    machines = max(e.memory.rig.machines, sum(1 for p in e.memory.rig.gpus if p.unified))
    if machines > 1:
        flags.append(
            "--rpc " + ",".join(f"<address of machine {k}>:{_RPC_PORT}" for k in range(2, machines + 1))
        )
    line = "".join(f"{k}={v} " for k, v in _rocm_override(e).items()) + "llama-server " + " ".join(flags)
    if ik:
        line += (
            f"  # ik_llama.cpp's llama-server (github ikawrakow/ik_llama.cpp): mainline llama.cpp cannot "
            f"load {e.quant.id}"
        )
    elif repo is not None and not listed:
        line += f"  # check {repo.repo} has {e.quant.id}, else take its nearest quant"
    elif repo is None and _foreign_repo(e.model) is None and not e.model.is_generic:
        line += "  # " + _where_to_get(e.model, e.quant)
    if machines > 1:
        # several machines (two Mac Studios, three DGX Sparks) are one model only over llama.cpp's RPC
        # backend: rpc-server on each of the others, llama-server --rpc host:port on the first (tools/rpc
        # README of github ggml-org/llama.cpp; llama-server --help: "--rpc SERVERS")
        others = "machine 2" if machines == 2 else f"machines 2-{machines}"
        worker = f"rpc-server -H 0.0.0.0 -p {_RPC_PORT}  # on {others} (llama.cpp built with -DGGML_RPC=ON)"
        return [worker, line]
    return [line]


_RPC_PORT = 50052  # rpc-server's port in llama.cpp's RPC examples


def _where_to_get(model: ModelSpec, quant: QuantSpec) -> str:
    """Where a GGUF file no listed repo publishes comes from: a listed GGUF repo's nearest file, or
    llama.cpp's llama-quantize run on the full-precision weights (an i-quant with an importance
    matrix: `--imatrix`, tools/quantize README of github ggml-org/llama.cpp)."""
    imatrix = " --imatrix <file>" if _is_iquant(quant) else ""
    make = f"or make it: llama-quantize{imatrix} <{model.name} F16 .gguf> {quant.id}"
    listed = [r for r in _repos(model, "gguf") if r.quants]
    if listed:
        return f"no listed repo has {quant.id}: {listed[0].repo} has {', '.join(listed[0].quants)}; {make}"
    return f"no listed repo has {quant.id}: search the Hugging Face Hub for {model.name} GGUF, {make}"


def _phone_app(e: Estimate) -> str:
    """A phone runs GGUF models in an app (PocketPal, ChatterUI, LLM Farm: each loads a .gguf file
    with llama.cpp inside), not a server: the file to load and the context to set there."""
    apps = "PocketPal, LLM Farm" if e.memory.rig.phone_os == "ios" else "PocketPal, ChatterUI"
    return (
        f"in a phone app ({apps}): load {model_reference(e.model, e.quant, e.engine)} (GGUF), "
        f"context {e.context:,}"
    )


# --- Ollama and LM Studio ----------------------------------------------------------------------


def _ollama_tag(e: Estimate) -> str:
    foreign = _foreign_repo(e.model)
    if foreign is not None and is_gguf_repo(foreign):  # a GGUF repo the asker named ("hf.co/unsloth/...")
        return f"hf.co/{foreign}:{e.quant.id}"
    for r in _repos(e.model, "ollama"):
        if tag_quant(e.model, r.repo).upper() == e.quant.id.upper():
            return r.repo
    repo, _ = _gguf_repo(e.model, e.quant)
    if repo is not None:
        return f"hf.co/{repo.repo}:{e.quant.id}"
    return _placeholder(f"Ollama tag of {e.model.name} at {e.quant.id}")


def _gpu_vram_bytes(e: Estimate) -> float:
    """Ollama picks its default context by the total VRAM the driver reports, in GiB against its
    23/47 GiB tiers (server/routes.go): a "24 GB" card holds 24 GiB and gets the 32k tier."""
    return sum(p.total for p in e.memory.rig.gpus if not p.unified)


def _rocm_override(e: Estimate) -> dict[str, str]:
    """HSA_OVERRIDE_GFX_VERSION where ROCm runs a card only as a supported sibling (gfx1031 as gfx1030;
    github ROCm/ROCm issues/2353)."""
    versions = set(rocm_overrides(e.backend, (p.spec for p in e.memory.rig.gpus)).values())
    return {"HSA_OVERRIDE_GFX_VERSION": versions.pop()} if len(versions) == 1 else {}


def _ollama(e: Estimate) -> list[str]:
    env: dict[str, str] = dict(_rocm_override(e))
    default_ctx = ollama_default_context(
        _gpu_vram_bytes(e), e.model.shipped_context, e.memory.options.version
    )
    if e.context != default_ctx:
        env["OLLAMA_CONTEXT_LENGTH"] = str(e.context)
    for s in e.memory.placement.settings:
        name, eq, value = s.flag.partition("=")
        if eq and name.startswith("OLLAMA_"):
            env[name] = value
    if e.memory.kv_type != "f16":
        env["OLLAMA_FLASH_ATTENTION"] = "1"
        env["OLLAMA_KV_CACHE_TYPE"] = e.memory.kv_type
    run = f"ollama run {_ollama_tag(e)}"
    if not env:
        return [run]
    serve = " ".join(f"{k}={v}" for k, v in sorted(env.items())) + " ollama serve"
    return [serve, run + "  # in a second terminal, once the server is up"]


def _lms_ratio(e: Estimate) -> str:
    p = e.memory.placement
    if p.verdict == "cpu" or p.strategy == "cpu":
        return "off"
    if p.strategy == "layer_offload":
        return f"{p.gpu_layers / e.model.layers:.2f}"
    return "max"


def _lmstudio(e: Estimate) -> list[str]:
    repo, listed = _gguf_repo(e.model, e.quant)
    if repo is None:
        get = f"lms get {_placeholder(f'{e.model.name} GGUF repo')}@{e.quant.id} -y"
        key = _placeholder(f"{e.model.name} model key from lms ls")
    else:
        get = f"lms get https://huggingface.co/{repo.repo}@{e.quant.id} -y"
        key = re.sub(r"[-_.]?gguf$", "", repo.repo.split("/", 1)[1], flags=re.IGNORECASE)
        if not listed:
            get += f"  # check {repo.repo} has {e.quant.id}, else take its nearest quant"
    settings = [s.flag for s in e.memory.placement.settings]
    parallel = "".join(f" {flag}" for flag in settings if flag.startswith("--parallel "))
    load = f"lms load {key} --gpu {_lms_ratio(e)} --context-length {e.context}{parallel} -y"
    kv = e.memory.kv_type
    if kv != "f16":
        # a quantized V cache runs only with flash attention (llama.cpp), which LM Studio loads off
        load += (
            f"  # with K and V cache quantization at {kv} and Flash Attention on in the model's load "
            "settings (LM Studio loads both off)"
        )
    elif LMSTUDIO_FLASH_ATTENTION_SETTING in settings:
        load += "  # with Flash Attention on in the model's load settings (LM Studio loads it off)"
    if e.memory.placement.strategy == "expert_offload":
        load += (
            "  # keep the MoE expert weights in system RAM (LM Studio's load option for experts on the CPU)"
        )
    return [get, load]


# --- vLLM and SGLang ---------------------------------------------------------------------------


def _no_bf16(e: Estimate) -> bool:
    """A GPU of the rig has no BF16 arithmetic (NVIDIA older than Ampere: a V100, a T4)."""
    for pool in e.memory.rig.gpus:
        cc = compute_capability(pool.spec) if pool.spec is not None else None
        if cc is not None and cc < BF16_MIN:
            return True
    return False


def _flag_name(flag: str) -> str:
    return flag.split(" ", 1)[0]


def _paged(e: Estimate) -> list[str]:
    sglang = e.engine == "sglang"
    p = e.memory.placement
    ref = model_reference(e.model, e.quant, e.engine)
    lines = _hub_search(e.model, e.quant) if PLACEHOLDER.fullmatch(ref) else []
    if lines:
        ref = '"$MODEL"'
    head = f"python -m sglang.launch_server --model-path {ref}" if sglang else f"vllm serve {ref}"
    flags: dict[str, str] = {}

    def put(flag: str) -> None:
        flags.setdefault(_flag_name(flag), flag)

    context_flag = "--context-length" if sglang else "--max-model-len"
    cut = [
        int(x.flag.split()[-1])
        for x in p.settings
        if _flag_name(x.flag) == context_flag and x.flag[-1].isdigit()
    ]
    # no context asked: the model's own, as far as the KV pool holds it (a shorter one the fit needs stands)
    served = None if any(c < e.context for c in cut) else _served_context(e)
    for s in p.settings:  # the settings the estimate needs come first and win
        if s.flag.startswith("--") and not (served is not None and _flag_name(s.flag) == context_flag):
            put(s.flag)
    if not sglang and e.memory.options.language_model_only:
        put("--language-model-only")  # the inputs asked for: text only
    elif not sglang and e.memory.options.no_video:
        put("""--limit-mm-per-prompt '{"video": 0}'""")  # images but no video
    if e.model.remote_code:
        put("--trust-remote-code")  # its model code ships in the repository (the catalog's remote_code)
    if not sglang and _no_bf16(e):
        put("--dtype half")  # vLLM refuses a BF16 checkpoint below compute capability 8.0
    tp_flag = "--tp" if sglang else "--tensor-parallel-size"
    # vLLM's data-parallel ranks take --tensor-parallel-size GPUs each: under data-parallel attention
    # the group is --data-parallel-size alone (SGLang's --tp N --dp N names the one group twice)
    if p.tensor_parallel > 1 and (sglang or p.data_parallel <= 1):
        put(f"{tp_flag} {p.tensor_parallel}")
    if served is None:
        put(f"{context_flag} {e.context}")
    elif served < e.model.shipped_context and not sglang:
        put(f"{context_flag} {served}")  # vLLM refuses a max_model_len its KV pool cannot hold
    yarn = _yarn_json(e, sglang)
    if yarn:
        put(yarn)
    if e.memory.kv_type in ("fp8", "q8_0"):
        put("--kv-cache-dtype fp8_e5m2" if sglang else "--kv-cache-dtype fp8")
    serving = e.speed.serving
    if serving is not None and serving.users > 1:
        # the users asked, as many as the KV pool holds at the context: vLLM's --max-num-seqs, SGLang's
        # --max-running-requests (server_arguments.md @b36e8e19); the others queue rather than preempt
        running = min(serving.users, max(1, serving.users_held or serving.users))
        name = "--max-running-requests" if sglang else "--max-num-seqs"
        fitted = flags.get(name)  # a cap the fit set to make it start: the smaller of the two
        if fitted is not None and fitted.split()[-1].isdigit():
            running = min(running, int(fitted.split()[-1]))
        flags[name] = f"{name} {running}"
    foreign = _foreign_repo(e.model)
    served_fp8 = "fp8" in foreign.lower() if foreign is not None else bool(_repos(e.model, "fp8"))
    if e.quant.format == "fp8" and not served_fp8 and e.model.native_dtype in ("bf16", "fp16", "fp32"):
        put("--quantization fp8")  # FP8 made on the fly from the 16-bit checkpoint
    if sglang and e.quant.format == "nvfp4" and not _as_shipped(e.model, e.quant):
        put("--quantization modelopt_fp4")
    line = head + "".join(f" {f}" for f in flags.values())
    pool = _pool_tokens(e) if sglang and served is not None else None
    if pool is not None:
        # SGLang takes the config's context and caps each request at its KV pool, and starts:
        # max_req_len = min(context_len - 1, max_total_num_tokens - 1) (github sgl-project/sglang
        # python/sglang/srt/managers/tp_worker.py)
        own = e.model.shipped_context
        held = (
            "holds one request of it"
            if pool >= own
            else f"holds ~{_tokens_said(pool)} tokens, a request's cap"
        )
        line += f"  # context: the model's own {own:,} (its config); the KV pool {held}"
    return [*lines, line]


_VLLM_CONTEXT_NOTE = "; the command lets the server take the model's own context"
_MAX_MODEL_LEN = re.compile(r"--max-model-len (\d+)")


def context_note_said(e: Estimate, command: str | None) -> tuple[str, ...]:
    """`e`'s assumptions with the note on a vLLM context none asked for told by the printed `command`:
    the --max-model-len it sets (and why, where longer than the context sized), or the model's own
    context where it sets none."""
    out = []
    for a in e.assumptions:
        head, found, _ = a.partition(_VLLM_CONTEXT_NOTE)
        if found and command is not None:
            m = _MAX_MODEL_LEN.search(command)
            own = e.model.shipped_context
            if m is None:
                a = (
                    f"{head}; the command leaves vLLM the model's own {own:,} (its config), which its KV "
                    "pool holds for one request"
                )
            elif int(m.group(1)) > e.context:
                a = (
                    f"{head}; the command sets --max-model-len {m.group(1)}, the longest context its KV pool "
                    f"holds for one request (the model's own is {own:,}; vLLM refuses a longer one than "
                    "it holds)"
                )
            else:
                a = f"{head}; the command sets --max-model-len {m.group(1)}, the context sized"
        out.append(a)
    return tuple(out)


def _tokens_said(tokens: float) -> str:
    """'16k', '3.5k', '900' for a count of tokens."""
    if tokens >= 10_000:
        return f"{tokens / 1000:.0f}k"
    return f"{tokens / 1000:.1f}k" if tokens >= 1000 else f"{tokens:.0f}"


# contexts a server command is given where none was asked, longest first (multiples of 1,024)
_SERVED_CONTEXTS = (131072, 98304, 65536, 49152, 32768, 24576, 16384)


def _served_context(e: Estimate) -> int | None:
    """With no context asked, the context a vLLM or SGLang command gives the server: the model's own
    (its config's, `shipped_context`) where the preallocated KV pool holds one request of it, else the
    longest of _SERVED_CONTEXTS it holds (never below the context sized); None where a context was asked
    (the command sets that one). A request's KV cache grows with its tokens, so one of n tokens takes
    n / context of the cache sized for the context on each device."""
    if not any(
        a.startswith("context ") and f"(none asked; {DEFAULT_CONTEXT_SAID})" in a for a in e.assumptions
    ):
        return None
    tokens = _pool_tokens(e)
    if tokens is None:
        return None
    shipped = e.model.shipped_context
    if tokens >= shipped:
        return shipped
    return next((c for c in _SERVED_CONTEXTS if e.context < c <= tokens and c < shipped), e.context)


def _pool_tokens(e: Estimate) -> float | None:
    """The tokens the preallocated KV pool of a vLLM or SGLang estimate holds, the fewest of any device
    (a request's KV cache grows with its tokens: n tokens take n / context of the cache sized for the
    context); None where no pool is sized."""
    held: list[float] = []
    for d in e.memory.placement.devices:
        pool = sum(size for name, size in d.parts if name == KV_POOL_PART)
        if d.kv > 0 and pool > 0:
            held.append(pool / d.kv * e.context)
    return min(held) if held else None


def _as_shipped(model: ModelSpec, quant: QuantSpec) -> bool:
    """FP4 of a model released in FP4 (DeepSeek V4's FP4 experts, FP8 elsewhere): its own checkpoint,
    whose config names its quantization, loads as shipped (no other FP4 repo, no quantization flag)."""
    return quant.format == "nvfp4" and model.native_dtype == "fp4" and not _repos(model, "nvfp4")


# the checkpoint's tag in repo names: "-AWQ", "-GPTQ-Int4", "-GPTQ-Int8", "-FP8", "-FP4"
_HUB_TAG = {"awq": "AWQ", "fp8": "FP8", "nvfp4": "FP4"}


def _hub_search(model: ModelSpec, quant: QuantSpec) -> list[str]:
    """Where no checkpoint at `quant` is listed: a line that takes the most downloaded match from
    the Hugging Face Hub (huggingface_hub ships with vLLM and SGLang; HfApi.list_models with
    search, sort and limit: https://huggingface.co/docs/huggingface_hub/package_reference/hf_api),
    after a comment with the search page to check it on. Empty where no name to search by is known."""
    official = _official(model)
    if official is None:
        return []
    tag = _HUB_TAG.get(quant.format) or f"GPTQ-Int{'8' if quant.bits > 6 else '4'}"
    term = f"{official.split('/', 1)[1]}-{tag}"
    pick = (
        "from huggingface_hub import HfApi; "
        f"m = next(iter(HfApi().list_models(search='{term}', sort='downloads', limit=1)), None); "
        "print(m.id if m else '')"
    )
    return [
        f"# no {quant.id} checkpoint of {model.name} is listed here: this serves the most downloaded match "
        f"on the Hub, check it first at https://huggingface.co/models?search={term}",
        f'MODEL=$(python3 -c "{pick}")',
        f'test -n "$MODEL" || echo "no match on the Hub: set MODEL to a checkpoint from '
        f'https://huggingface.co/models?search={term}"',
    ]


# --- MLX and ExLlama -----------------------------------------------------------------------------


def _mlx(e: Estimate) -> list[str]:
    lines = [s.flag for s in e.memory.placement.settings if s.flag.startswith("sudo sysctl")]
    flags = "".join(f" {s.flag}" for s in e.memory.placement.settings if s.flag.startswith("--"))
    ref = model_reference(e.model, e.quant, e.engine)
    foreign = _foreign_repo(e.model)
    # a checkpoint the question named (a fine-tune's) converts as the official one would
    official = foreign if foreign is not None and not is_gguf_repo(foreign) else _official(e.model)
    if PLACEHOLDER.fullmatch(ref) and official is not None:
        # no conversion listed at these bits: make one from the official weights (minutes, once)
        bits = round(e.quant.bits - 0.5)
        folder = f"{official.split('/', 1)[1]}-{bits}bit"
        convert = f"mlx_lm.convert --hf-path {official} -q --q-bits {bits} --mlx-path {folder}"
        return [*lines, convert, f"mlx_lm.server --model {folder}{flags}"]
    return [*lines, f"mlx_lm.server --model {ref}{flags}"]


def _tabby(e: Estimate) -> list[str]:
    ref = model_reference(e.model, e.quant, e.engine)
    exl = [r for r in _repos(e.model, "exl3") + _repos(e.model, "exl2") if r.repo == ref]
    if exl:
        revision = "" if exl[0].bits is not None else f" --revision {e.quant.bits:.1f}bpw"
        download = f"python main.py download {ref}{revision}"
        folder = ref.split("/", 1)[1]
    else:  # the repo to fill in: TabbyAPI downloads it into models/ under its name without the owner
        download = f"python main.py download {ref}"
        folder = (
            '"${MODEL_REPO#*/}"'
            if PLACEHOLDER.fullmatch(ref)
            else _placeholder("the folder it downloaded to")
        )
    flags = [
        f"--model-name {folder}",
        f"--max-seq-len {e.context}",
        f"--cache-mode {_TABBY_CACHE.get(e.memory.kv_type, 'FP16')}",
    ]
    if e.memory.placement.tensor_parallel > 1:
        flags.append("--tensor-parallel true")
    return [download, "python main.py " + " ".join(flags)]


def _yarn_json(e: Estimate, sglang: bool) -> str | None:
    """vLLM's and SGLang's override that switches the card's YaRN on past the config's context: vLLM
    takes it as rope_parameters in --hf-overrides (docs.vllm.ai features/context_extension: "--rope-
    scaling ... is no longer supported"), SGLang as rope_scaling in --json-model-override-args (Qwen's
    SGLang guide)."""
    yarn = e.model.yarn_for(e.context)
    if yarn is None:
        return None
    factor, original = yarn
    scaling: dict[str, object] = {
        "rope_type": "yarn",
        "factor": int(factor) if factor.is_integer() else factor,
        "original_max_position_embeddings": original,
    }
    if sglang:
        return f"--json-model-override-args '{json.dumps({'rope_scaling': scaling})}'"
    scaling["rope_theta"] = round(e.model.rope_theta or 0.0)
    return f"--hf-overrides '{json.dumps({'rope_parameters': scaling})}'"


def _yarn_flags(e: Estimate) -> list[str]:
    """llama.cpp's YaRN switches for a context past what the GGUF was trained on (its n_ctx_train is
    the config's length): the model card's factor over its original length (llama-server --help:
    --rope-scaling, --rope-scale, --yarn-orig-ctx; Qwen's llama.cpp guide uses the same three)."""
    yarn = e.model.yarn_for(e.context)
    if yarn is None:
        return []
    factor, original = yarn
    return [f"--rope-scaling yarn --rope-scale {factor:g} --yarn-orig-ctx {original}"]
