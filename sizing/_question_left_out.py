"""Models named in a question that the answer cannot size, said rather than dropped: a name given as
one side of a choice ("qwen3 14b or foobar 14b", "X vs deepcoder 14b") that no catalog model covers,
and an image, speech or video model named beside a language model ("flux dev and qwen3 8b at the
same time"). Each becomes a note beside the answer for the models that were read."""

from __future__ import annotations

from ._lazy_re import LazyPattern

__all__ = ["names_left_out", "unknown_name_asked"]

# a name and its size on one side of "or" / "vs": one or two words, then the size ("foobar 14b",
# "deep coder 14b", "my-model-7b")
_NAME = r"(?:[a-z][a-z0-9.]*[ -]){1,2}?\d+(?:\.\d+)?b\b"
_AFTER_CHOICE = LazyPattern(rf"(?:\bor\b|\bvs\.?|\bversus\b)\s+(?P<name>{_NAME})")
_BEFORE_CHOICE = LazyPattern(rf"(?<![a-z0-9.-])(?P<name>{_NAME})\s+(?:or|vs\.?|versus)\b")
# words that open a size said of no name ("a 14b", "the dense 32b", "any 70b"), or a quant
_NOT_A_NAME = frozenset(
    {
        "a", "an", "the", "any", "some", "one", "two", "dense", "moe", "model", "models", "bigger", "smaller",
        "larger", "or", "vs", "and", "with", "like", "maybe", "about", "around", "than", "plus", "also",
        "size", "sized", "params", "parameters", "at", "in", "on", "to", "for", "of", "is", "it", "my",
    }
)  # fmt: skip


def _a_name(text: str) -> bool:
    words = text.replace("-", " ").split()[:-1]
    first = words[0] if words else ""
    return (
        len(first) >= 3
        and first not in _NOT_A_NAME
        and not (first[0] == "q" and first[1:2].isdigit())
        and not any(w in _NOT_A_NAME for w in words)
    )


def names_left_out(
    s: str, spans: list[tuple[int, int]], read: list[str], other_kind: str | None
) -> tuple[str, ...]:
    """Notes for the models `s` names that the answer leaves out: a side of a choice no span of a model
    read covers, and a model of another kind (`other_kind`, "FLUX is an image model; ...") named beside
    the models read (`read`, their names). Empty when no model was read: the answer asks back then."""
    if not read:
        return ()
    notes: list[str] = []
    for m in [*_BEFORE_CHOICE.finditer(s), *_AFTER_CHOICE.finditer(s)]:
        a, b = m.span("name")
        name = m.group("name").strip()
        if any(x < b and a < y for x, y in spans) or not _a_name(name):
            continue
        note = f"'{name}' is not a model canirun knows: the answer is for {', '.join(read)} alone"
        if note not in notes:
            notes.append(note)
    if other_kind is not None:
        notes.append(f"{other_kind}: the answer is for {', '.join(read)} alone")
    return tuple(notes)


# a proper name as the thing asked to run: "can I run LongCat Flash on 4x 3090?", "would Foo-Chat 2
# fit in my 4090", "running Bar Model with vllm". One to four words, each capitalized or holding a
# figure, between the verb and the place or engine it runs on
_RUN_VERB = r"(?:run|running|runs|use|using|load|loading|host|hosting|fit|fits|try|trying)"
_PROPER = r"(?:[A-Z][\w.+-]*|[a-z][\w.+-]*\d[\w.+-]*)"
_ASKED_NAME = LazyPattern(
    rf"\b{_RUN_VERB}\s+(?P<name>{_PROPER}(?:[ \t]+{_PROPER}){{0,3}})"
    r"(?=\s*(?:$|[?!.,;:]|\s(?:on|with|in|at|using|locally|fully|at all|for)\b))"
)
# the same said in Chinese: "运行 WebGLM 的最低硬件", "部署FooChat需要多少显存", "能跑 Bar-Chat 吗",
# "很难跑起来foochat2这个模型了" (the verb's "起来"/"得动" and "这个模型" after the name)
_ASKED_NAME_ZH = LazyPattern(
    r"(?:运行|跑(?:起来|得起来|得动|通)?|部署|加载|使用|推理)"
    rf"\s*(?P<name>{_PROPER}(?:[ \t]+{_PROPER}){{0,3}})"
    r"(?=\s*(?:$|[的在需要吗么嘛？?，,。：:；;（(、了]|这个|这款|模型))"
)
# capitalized words that are no model's name: engines, apps, systems, pronouns and generic words
_NO_MODEL_WORDS = frozenset(
    {
        "i", "it", "this", "that", "these", "those", "them", "what", "which", "anything", "something",
        "ollama", "llama.cpp", "vllm", "sglang", "exllama", "exllamav2", "exllamav3", "mlx", "lm", "studio",
        "lmstudio", "koboldcpp", "kobold", "jan", "gpt4all", "docker", "windows", "linux", "mac", "macos",
        "ubuntu", "wsl", "ai", "llm", "llms", "models", "model", "local", "gguf", "cuda", "rocm", "vulkan",
        "comfyui", "open", "webui", "sillytavern", "the", "a", "an", "my", "both", "two",
    }
)  # fmt: skip


def unknown_name_asked(text: str) -> str | None:
    """The name written where the model to run goes ("can I run LongCat Flash on 4x 3090?") when no
    catalog model was read from the question: a capitalized name or one with a figure, which is no
    engine, app, system or generic word; None when there is none. Lower-case plain words ("can I run
    big models") are not read as a name."""
    for m in [*_ASKED_NAME.finditer(text), *_ASKED_NAME_ZH.finditer(text)]:
        name = m.group("name").strip(" .,")
        words = name.lower().split()
        if any(w in _NO_MODEL_WORDS for w in words) or all(c.isdigit() or c in "x." for c in name.lower()):
            continue
        if any(ch.isdigit() for ch in name) and not any(ch.isalpha() for ch in name.replace("x", "")):
            continue
        return name
    return None
