"""Which of the models a question names it asks about.

People name the model they already run, tried, or someone else runs before the one they ask about:
"Llama 3.1 8B runs fine on my 3060. Would Qwen3 14B also fit?", "coming from gpt-oss-20b, which fits
nicely, I wonder whether qwen3 30b would fit too", "my friend runs Llama 3.3 70B; can I run Qwen3
32B?". Those are background: the answer is about the others. A choice between models ("X or Y")
keeps them all; so does a question whose every model is background.

"the 70b distill", "the 32b one": a size said of a family just named names that family's model of
that size ("DeepSeek R1 671B is out of reach, but what about the 70b distill?"); so do sizes offered
as a choice after a family named without one ("for Gemma 3, which is better: 27b at 4 bit or 12b
at fp16?"). A family named again without its size is the model named with it ("LLaMA 2 (70B) ...
the capabilities of LLaMA 2"), and a size named again without the version is that model too
("llama-2-7b-chat ... I used a K80 for Llama-7B-chat").
"""

from __future__ import annotations

from itertools import pairwise

from ._errors import UnknownModelError
from ._lazy_re import LazyPattern
from ._question_intent import choice_words
from .catalog import ModelIndex, Resolution, resolve_model

__all__ = [
    "all_background",
    "asked_models",
    "named_again",
    "referred_models",
    "with_base_names_joined",
    "without_better_than",
    "without_sizes_told",
]

# where a statement ends: sentences, "; ", a "but" that turns from one model to another
_CLAUSE_END = LazyPattern(r"[.!?;。！？\n]\s|[;。！？\n]|\bbut\b|\bhowever\b|$")
# one sought better than a model named next: "anything better than", "any model stronger than",
# "another option smarter than", "alternatives to"; a question between two named models ("is X
# better than Y") names no such one
_BETTER = r"(?:better|stronger|smarter|faster|more\s+capable|more\s+powerful)\s+than"
_BETTER_THAN_BEFORE = (
    rf"\b(?:(?:anything|something)\s+(?:\w+\s+)?{_BETTER}"
    rf"|(?:any|another|other|some|a|an)\s+(?:\w+\s+)?(?:models?|llms?|options?|choices?|ones?)\s+{_BETTER}"
    r"|alternatives?\s+(?:to|for))\s+(?:the\s+)?"
)
# a tool, a program or a version of one putting a model forward
_TOOL_SAYS = (
    r"\b(?:engine|app|application|tool|version|recommender|checker|downloader|calculator|website|site|ui|"
    r"wizard|installer|launcher)\s+(?:(?:is|was|now|currently|still|also)\s+)*"
    r"(?:recommends?|recommended|recommending|suggests?|suggested|suggesting|picks?|picked|picking|says?|said|"
    r"proposes?|proposed|offers?|offered|defaults?\s+to)"
)
# said of a model before it, in its clause: it is the asker's present or past one, or someone else's
_BEFORE = LazyPattern(
    r"\b(?:(?:been|am|i'm|im|i am|we're|currently|already|was|were)\s+(?:using|running|on)"
    # "we've been optimizing X to run in 16GB", "been benchmarking X": work already going on with it
    r"|been\s+(?:optimi[sz]ing|benchmarking|testing|serving|fine-?tuning|quantizing|deploying)"
    # "after some hours of testing (X)", "after a week of using X": a model tried already
    r"|after\s+(?:\w+\s+){0,4}?(?:testing|using|running|trying)"
    r"|(?<!can )(?<!could )(?<!would )(?<!will )(?<!should )(?<!to )i\s+(?:use|used|run|ran)"
    # "I get 20 t/s on X", "we're getting 12 tok/s with X": a speed had with it now
    r"|(?:get|got|getting|see|seeing)\s+(?:about\s+|around\s+|~\s*)?\d+(?:\.\d+)?\s*(?:t/s|tok/s|tokens?/s|tps)\s+"
    r"(?:on|with|from|using)"
    r"|currently(?:\s+\w+)?|coming from|(?:switch|switched|switching|moved|upgraded|upgrading)\s+from"
    r"|daily driver(?:\s+is)?|tried|tested|used to(?:\s+run|\s+use)?|previously(?:\s+\w+)?"
    r"|(?:been\s+)?(?:playing|messing|experimenting|tinkering|toying)(?:\s+around)?\s+with"
    r"|(?:friend|colleague|coworker|buddy|brother|boss)(?:'s)?(?:\s+\w+)?"
    # what already ran: "Successfully run `ollama run X`", "since it was able to run X on 24 GB", "I
    # managed to load X" (not "how to successfully run", "will it be able to run", "has anyone managed
    # to fit X?")
    r"|(?<!to )(?<!can )(?<!could )(?<!how )successfully\s+"
    r"(?:run|ran|loaded|load|used|deployed|tested|served)"
    r"(?:\s+[`'\"]?(?:ollama\s+(?:run|pull)|vllm\s+serve|lms\s+load))?"
    r"|\b(?:was|were|have\s+been|has\s+been|had\s+been|i've\s+been|we've\s+been)\s+able\s+to\s+"
    r"(?:run|load|fit|use|serve|deploy)"
    r"|\b(?:i|we|i've|we've|finally|already)\s+managed\s+to\s+(?:run|load|fit|get)"
    # "I replace `gpt-oss-120b` with `gpt-oss-20b`", "instead of qwen3 32b": the model put aside
    r"|(?:replace|replaced|replacing|swap|swapped|swapping)|instead\s+of)\s+(?:\w+\s+){0,2}[`'\"(]?$"
    # the model a better one is sought against: "anything better than X", "a model stronger than X",
    # "alternatives to X"
    rf"|{_BETTER_THAN_BEFORE}\s*$"
    # what a tool or program puts forward: "the recommendation engine is suggesting X", "the current
    # version recommends X for 48GB", "the downloader says X is a tight fit"
    rf"|{_TOOL_SAYS}\s+(?:\w+\s+)?[`'\"(]?$"
)
# the control a problem is told against, right before it: "nvidia is set up right and is working with
# LLAMA2" (named again in a choice, it is still no option)
_CONTROL_BEFORE = LazyPattern(r"\b(?:is|are|was|were|it's|it\s+is)\s+working\s+(?:fine\s+|well\s+)?with\s+$")
# the same said in Chinese, right before the model: "之前推理Qwen2-VL 7B", "以前在3090上跑 qwen2.5 14b",
# "以前都是单卡跑的glm6b" (a few words of how between: "都是单卡", "一直")
_BEFORE_ZH = LazyPattern(
    r"(?:之前|以前|先前)[^，,。；;？?！!\n]{0,12}?(?:推理|跑|运行|部署|用|使用)(?:了|过|的)?\s*$"
    # "有比 X 更好的选择吗": the model a better one is sought against
    r"|有(?:没有|沒有)?(?:什么|哪些|其他|别的)?(?:模型)?比\s*$"
)
# said of a model after it, before the next model or the end of its clause: it already works, or is
# out of the question
_AFTER = LazyPattern(
    r"\b(?:runs?|ran|running|works?|worked|working|fits?|loads?)\b[^.?!;]{0,40}?"
    r"\b(?:fine|great|(?<!as )well|nicely|ok|okay|perfectly|smoothly)\b"
    r"|\b(?:runs?|ran|running|get|getting|got|gets|does|doing)\s+(?:at\s+|with\s+)?(?:~|about\s+|around\s+)?"
    r"\d+(?:\.\d+)?\s*(?:t/s|tok/s|tokens?/s|tps|tokens? per second)"
    # "GLM-4.1V-9B 可以顺利运行": it runs fine, said in Chinese
    r"|(?:可以|能)?\s*(?:顺利|正常|流畅)\s*(?:运行|跑)(?:起来)?(?!\s*(?:吗|么|嘛|不|[?？]))"
    r"|跑得(?:很)?(?:动|快|流畅)(?!\s*(?:吗|么|嘛|[?？]))"
    r"|\bout of (?:reach|the question)\b|\b(?:is|was|were|are)\s+(?:(?:way|much|far|really|so|painfully)\s+)?"
    r"too\s+(?:slow|big|large|much)\b"
    # the one that behaved: "Gemma2 27B did not do this and used far less", "X never had this problem"
    r"|\b(?:did\s*(?:not|n't)|does\s*(?:not|n't)|never)\s+(?:do|did|does|have|had|has)\s+(?:this|that|it)\b"
    r"|\bused\s+(?:far|much|way|a\s+lot)\s+less\b"
    r"|(?:都|也)?(?:是)?可以的|都(?:没|沒)(?:有)?问题|都正常"
)
# said of a model after it, where another fails: the working control ("yi34B可以推理，qwen32B OOM", "yi
# 34b is fine but qwen 32b goes OOM"); a report of models that all run ("671b的R1也能跑，不报错") keeps them
_WORKS_AFTER = LazyPattern(
    r"(?:可以|能)\s*(?:推理|运行|跑|加载|部署)(?:起来|了)?(?=\s*(?:[，,。.;；!！、]|$))"
    r"|\b(?:is|was)\s+(?:fine|ok|okay)\s*(?:[,;]|$)"
)
_FAILS = LazyPattern(
    r"\boom\b|out\s+of\s+memory|\bfail(?:s|ed|ing)?\b|\bcrash(?:es|ed)?\b|显存(?:不足|溢出|不够)|爆显存"
    r"|跑不(?:起来|动)|(?<!不)报错"
)
# said right after a model: the one in use ("Mistral Small 24B is what I run today", "X is my daily
# model")
_IN_USE_AFTER = LazyPattern(
    r"\s*(?:is|was)\s+(?:what|the\s+one)\s+(?:i|we)\s+(?:use|run|have|ran|used)\b"
    r"|\s*is\s+my\s+(?:daily|current|usual|main|go-to)\b"
    # the example a script or a guide is written for: "以InternVL2.5-8B为例子的脚本", "with X as the
    # example"
    r"|\s*(?:为例|為例|作为例子|作为示例)|\s*as\s+(?:an?\s+|the\s+)?example\b"
)

# a speed said right after a model ("qwen3 32b at 30 t/s"): it already runs
# (also told with a verb or a colon: "qwen-7b-chat是60+tokens/s", "X does 45 tok/s", "X: 30 t/s")
_SPEED_AFTER = LazyPattern(
    r"\s*(?:at|@|~|about|around|is|does|gets|got|did|runs|ran|是|有|跑|能跑|:|：|\s)*\d+(?:\.\d+)?\+?\s*"
    r"(?:t/s|tok/s|tokens?/s|tps|tokens? per second)"
)

# a model got working, said around it: "I got the 7B working", "was able to get the 13b model to work",
# "managed to get the 8b running"
_GOT_BEFORE = LazyPattern(
    r"\b(?:i|we|i've|we've|finally|already|have|has|had)\s+(?:got|gotten)\s+(?:the\s+|a\s+|my\s+)?$"
    r"|\b(?:was|were|been)\s+able\s+to\s+get\s+(?:the\s+|a\s+|my\s+)?$"
    r"|\bmanaged\s+to\s+get\s+(?:the\s+|a\s+|my\s+)?$"
)
_GOT_WORKING_AFTER = LazyPattern(
    r"(?:\s+(?:model|version|one))?\s+(?:to\s+)?(?:work|working|run|running|going)\b"
)

_JOINED = LazyPattern(r"\s*(?:,|and|&|\+|und|y|et|e|и|和|与|跟|や|と)?\s*")


def _clause_start(s: str, at: int) -> int:
    start = 0
    for m in _CLAUSE_END.finditer(s, 0, at):
        if m.end() <= at and m.start() != m.end():
            start = m.end()
    return start


def _clause_end(s: str, at: int) -> int:
    m = _CLAUSE_END.search(s, at)
    return m.start() if m is not None else len(s)


# a model in parentheses right after a memory figure: the example of what needs it ("minimum RAM
# starting at 36GB (Gemma-4-26b)"), not the model asked about
_EXAMPLE_OF_SIZE = LazyPattern(r"\d+(?:\.\d+)?\s*(?:gb|gib|g)\s*\(\s*[`'\"]?$")
_CLOSES = LazyPattern(r"[`'\"]?\s*\)")


def _background(s: str, spans: list[tuple[int, int]], i: int) -> bool:
    a, b = spans[i]
    if _EXAMPLE_OF_SIZE.search(s, max(0, a - 24), a) and _CLOSES.match(s, b):
        return True
    clause = _clause_start(s, a)
    start = max(clause, spans[i - 1][1] if i > 0 else 0)
    before = s[start:a]
    # "I use qwen3 8b and gemma 3 12b": said of both (a model in the clause before, joined to this one;
    # not one that ends a sentence before this one starts: "X uses 40GB. Y did not do this")
    if i > 0 and spans[i - 1][1] >= clause and _JOINED.fullmatch(before):
        return _background(s, spans, i - 1)
    if _BEFORE.search(before) or _BEFORE_ZH.search(before) or _CONTROL_BEFORE.search(before):
        return True
    if _GOT_BEFORE.search(before) and _GOT_WORKING_AFTER.match(s, b):
        return True
    limit = min(_clause_end(s, b), spans[i + 1][0] if i + 1 < len(spans) else len(s))
    return (
        _AFTER.search(s, b, limit) is not None
        or _SPEED_AFTER.match(s, b, limit) is not None
        or _IN_USE_AFTER.match(s, b, limit) is not None
        or (_WORKS_AFTER.search(s, b, limit) is not None and _FAILS.search(s) is not None)
    )


# the model a better one is sought against, told by its size alone: "anything better than a 70B for
# my rig", "有比 distill 的 70B 更好的选择吗"
_BETTER_THAN_REF = LazyPattern(
    rf"(?i){_BETTER_THAN_BEFORE}(?P<ref>[^,.;?!\n]{{1,40}}?)"
    r"(?=\s+(?:for|that|which|i|we|to|on|in|with|at)\b|[,.;?!\n]|$)"
    r"|有(?:没有|沒有)?(?:什么|哪些|其他|别的)?(?:模型)?比(?P<ref_zh>[^?？。，,]{1,40}?)更(?:好|强|合适|适合|优)"
)


def without_better_than(s: str) -> str:
    """`s` with the model a better one is sought against blanked (the length kept): its size names
    no model asked about."""
    out = list(s)
    for m in _BETTER_THAN_REF.finditer(s):
        a, b = m.span("ref") if m.group("ref") is not None else m.span("ref_zh")
        out[a:b] = " " * (b - a)
    return "".join(out)


# a size standing for a model: "7b", "the 33B", "13.5b"
_SIZE = LazyPattern(r"(?<![\w.])\d+(?:\.\d+)?\s*b\b")


def without_sizes_told(s: str) -> str:
    """`s` (lower case) with the sizes told as background blanked (the length kept), when another size
    is left: "I got the 7B working; might the 33B version run?" asks about the 33B alone."""
    spans = [m.span() for m in _SIZE.finditer(s)]
    told = [_background(s, spans, i) for i in range(len(spans))]
    if not any(told) or all(told):
        return s
    out = list(s)
    for (a, b), t in zip(spans, told, strict=True):
        if t:
            out[a:b] = " " * (b - a)
    return "".join(out)


def all_background(s: str, spans: list[tuple[int, int]]) -> bool:
    """Every model named is told as background ("currently running Mistral Nemo on my old 1070",
    "I use qwen2.5 7b daily on my 4060, which llm is best for it?"), none asked about."""
    return bool(spans) and all(_background(s, spans, i) for i in range(len(spans)))


# the end of a sentence: ".", "!" or "?" before a space (not the dot of "3.1"), or a new line
_SENTENCE_END = LazyPattern(r"[.!?。！？](?=\s)|[\n。！？]")


def _closing_question(s: str) -> int | None:
    """Where the sentence of the text's last question mark starts, or None without one."""
    mark = max(s.rfind("?"), s.rfind("？"))
    if mark < 0:
        return None
    start = 0
    for m in _SENTENCE_END.finditer(s, 0, mark):
        start = m.end()
    return start


def asked_models(
    s: str, models: list[Resolution], spans: list[tuple[int, int]], choice: bool
) -> tuple[list[Resolution], list[tuple[int, int]]]:
    """The models asked about and their spans (in `s`, lower case): the background ones left out
    when others remain and the question is no choice between them."""
    if len(models) < 2 or len(spans) != len(models):
        return models, spans
    if choice:
        return _beside_the_choice(s, models, spans)
    asked_from = _closing_question(s)
    in_question = [asked_from is not None and a >= asked_from for a, _ in spans]
    background = [_background(s, spans, i) for i in range(len(spans))]
    if any(in_question) and not all(in_question):  # the question is in the last line: the rest is told
        # ... less the ones it tells as run before ("以前都是单卡跑的 X，想用两张 3090 跑 Y"); where it
        # tells nothing else (Y named first in the title), the model not told as background is asked
        keep = [q and not b for q, b in zip(in_question, background, strict=True)]
        if not any(keep):
            keep = [not b for b in background]
    else:
        keep = [not b for b in background]
    keep = _without_controls(models, keep, background)
    if not any(keep) or all(keep):
        return models, spans
    kept = [i for i, k in enumerate(keep) if k]
    return [models[i] for i in kept], [spans[i] for i in kept]


def _without_controls(models: list[Resolution], keep: list[bool], background: list[bool]) -> list[bool]:
    """`keep` less the other mentions of a model told as background once (the working control: "is
    working with LLAMA2 ... when using Mistral:7b or LLAMA2"), where a model never told so is kept."""
    told = {models[i].model.id for i, b in enumerate(background) if b}
    if not any(k and models[i].model.id not in told for i, k in enumerate(keep)):
        return keep
    return [k and models[i].model.id not in told for i, k in enumerate(keep)]


def _control(s: str, spans: list[tuple[int, int]], i: int) -> bool:
    a = spans[i][0]
    start = max(_clause_start(s, a), spans[i - 1][1] if i > 0 else 0)
    return _CONTROL_BEFORE.search(s[start:a]) is not None


def _beside_the_choice(
    s: str, models: list[Resolution], spans: list[tuple[int, int]]
) -> tuple[list[Resolution], list[tuple[int, int]]]:
    """A choice between models keeps them all, less one named apart from the choice and told as run
    before ("X or Y? ... with that hardware I got Z running at 170 t/s")."""
    words = choice_words(s)
    offered: set[int] = set()
    for i, (left, right) in enumerate(pairwise(spans)):
        if any(left[1] <= a and b <= right[0] for a, b in words):
            offered |= {i, i + 1}
    background = [_background(s, spans, i) for i in range(len(spans))]
    keep = [i in offered or not background[i] for i in range(len(spans))]
    if not offered or all(keep) or sum(keep) < 2:
        return models, spans
    # a model offered in the choice but told as the working control elsewhere ("is working with LLAMA2
    # ... when using Mistral:7b or LLAMA2") is no option
    controls = [i not in offered and _control(s, spans, i) for i in range(len(spans))]
    keep = _without_controls(models, keep, controls)
    kept = [i for i, k in enumerate(keep) if k]
    return [models[i] for i in kept], [spans[i] for i in kept]


# "the 70b distill", "the 32B one", "the 14b version"; a variant or version is another of the family
# named before without "the" too ("slower than 30b variant"), a bare "30b model" a model of its own
_REFERRED = LazyPattern(
    r"\bthe\s+(\d+(?:\.\d+)?)\s*b\s+(distill(?:ed)?|distillation|one|version|variant|model)\b"
    r"|(?<![\w.])(\d+(?:\.\d+)?)\s*b\s+(distill(?:ed)?|version|variant)\b"
)
_SIZE_WORD = LazyPattern(
    r"(?<![a-z0-9])\d+(?:\.\d+)?\s*[bm](?![a-z0-9])|(?<![a-z0-9])a\d+(?:\.\d+)?b(?![a-z0-9])"
)


# the words that offer sizes as alternatives ("27b or 12b", "8b vs 14b", "8b oder 14b", "8b还是14b");
# "compared to 9b, 27b is slow" states a difference, it offers no choice
_OFFERED = LazyPattern(r"\b(?:or|vs\.?|versus|oder|ou|o|или|либо)\b|还是|或者|或|還是|아니면|또는")
# sizes listed together, each asked about: "Llama 3.1 70B and 405B", "qwen3 8b, 14b", "7b和13b"
_LISTED = LazyPattern(r"\s*(?:,|&|/|\band\b|\bund\b|\bet\b|\by\b|和|与|及|、)\s*")
# a size standing alone, with no family of its own: "27b", "12B" (not "4bit", "8x7b" or "a3b")
_BARE_SIZE = LazyPattern(r"(?<![a-z0-9.x])(\d+(?:\.\d+)?)\s*b(?![a-z0-9])")


def _sizes_offered(
    s: str, models: list[Resolution], spans: list[tuple[int, int]], index: ModelIndex
) -> tuple[list[Resolution], list[tuple[int, int]]]:
    """One family named, then sizes offered as a choice ("Gemma 3, 27b or 12b?", "qwen3 8b or
    14b?") or listed ("Llama 3.1 70B and 405B"): the family's model of each size (the family's
    default dropped when the name had no size)."""
    if len(spans) != 1:
        # one model named twice (a title and its body): the sizes may follow either mention
        if len(spans) > 1 and len(spans) == len(models) and len({r.model.id for r in models}) == 1:
            for r, span in zip(models, spans, strict=True):
                found, found_spans = _sizes_offered(s, [r], [span], index)
                if len(found) > 1:
                    return found, found_spans
        return models, spans
    a, b = spans[0]
    has_size = _SIZE_WORD.search(s[a:b]) is not None
    items: list[tuple[int, int, str | None]] = [(a, b, None)]
    items += [(m.start(), m.end(), m.group(1)) for m in _BARE_SIZE.finditer(s, b)]
    words = [m.span() for m in _OFFERED.finditer(s)]
    offered: list[tuple[int, int, str | None]] = []
    for left, right in pairwise(items):
        # a list runs on from the name itself ("compared to 9b, 27b is slow" lists nothing)
        listed = (left == items[0] or left in offered) and _LISTED.fullmatch(s, left[1], right[0]) is not None
        if listed or any(left[1] <= w0 and w1 <= right[0] for w0, w1 in words):
            offered += [i for i in (left, right) if i not in offered]
    sizes = [i for i in offered if i[2] is not None]
    if not sizes or (not has_size and len(sizes) < 2):
        return models, spans
    family = _SIZE_WORD.sub(" ", s[a:b]).strip(" -_.:/")
    found = [models[0]] if has_size and offered[0][2] is None else []
    found_spans = [spans[0]] if found else []
    for start, end, size in sizes:
        try:
            found.append(resolve_model(f"{family} {size}b", index))
        except UnknownModelError:
            return models, spans
        found_spans.append((start, end))
    return found, found_spans


# what may stand between a base model's name and the name of a release built on it: "llama 3.1 nemotron"
_NAME_GLUE = LazyPattern(r"[\s\-_]*")
_NAME_WORD = LazyPattern(r"[a-z0-9.]+")


def with_base_names_joined(
    s: str, models: list[Resolution], spans: list[tuple[int, int]]
) -> tuple[list[Resolution], list[tuple[int, int]]]:
    """The models without a base model's name, with no size, written right before the name of a release
    built on it whose own name carries it: "llama 3.1 nemotron 70b" is Llama-3.1-Nemotron-70B, not
    Llama 3.1 8B beside it; "llama 3.3 nemotron super 49b" one model too."""
    if len(models) < 2 or len(spans) != len(models):
        return models, spans
    keep = [True] * len(models)
    original, joined = spans, list(spans)
    for i in range(len(models) - 1):
        (a, b), (c, d) = joined[i], joined[i + 1]
        if b > c or _NAME_GLUE.fullmatch(s, b, c) is None or _SIZE_WORD.search(s[a:b]) is not None:
            continue
        said = {m.group() for m in _NAME_WORD.finditer(s[a:b])}
        carried = {m.group() for m in _NAME_WORD.finditer(models[i + 1].model.name.lower().replace("-", " "))}
        if said and said <= carried and models[i].model.id != models[i + 1].model.id:
            keep[i] = False
            joined[i + 1] = (a, d)
    if all(keep):
        return models, original
    return (
        [r for r, k in zip(models, keep, strict=True) if k],
        [x for x, k in zip(joined, keep, strict=True) if k],
    )


def named_again(
    s: str, models: list[Resolution], spans: list[tuple[int, int]]
) -> tuple[list[Resolution], list[tuple[int, int]]]:
    """The models without those that name one already read again: its family without a size, or
    its size without the family's version, when no choice is put between the two."""
    if len(models) < 2 or len(spans) != len(models):
        return models, spans
    words = choice_words(s)
    sized = [_SIZE_WORD.search(s[a:b]) is not None for a, b in spans]
    keep = [True] * len(models)
    for i, (r, (a, b)) in enumerate(zip(models, spans, strict=True)):
        for j, other in enumerate(models):
            if j == i or not keep[j] or r.model.is_generic or other.model.is_generic:
                continue
            x, y = sorted((spans[i], spans[j]))
            if any(
                x[1] <= w0 and w1 <= y[0] and not _sentence_ends(s[x[1] : w0] + " " + s[w1 : y[0]])
                for w0, w1 in words
            ):
                continue  # "llama 7b or llama 2 7b?": a choice, two models ("... 20k. Is it a bug, or is
                # Gemma 3's cache bigger?" puts no choice between the names a sentence apart, nor does "run
                # qwen3-vl with vLLM instead of llama.cpp? For example Qwen3-VL-235B")
            gap = _between(s, spans, x, y)
            same_family = r.model.family == other.model.family
            if not sized[i] and sized[j] and same_family:
                keep[i] = False  # "LLaMA 2" after "LLaMA 2 (70B)"
            elif same_family and _name_words(s[a:b]) < _name_words(s[spans[j][0] : spans[j][1]]):
                keep[i] = False  # "branch kimi_k2" beside "Kimi-K2-Thinking": the shorter name of it
            elif (
                sized[i]
                and (j < i or not _listed_together(gap))
                and not same_family
                and _first_word(r.model.family) == _first_word(other.model.family)
                and not any(c.isdigit() for c in _SIZE_WORD.sub(" ", s[a:b]))
                and abs(r.model.params_b - other.model.params_b) <= 0.1 * other.model.params_b
            ):
                keep[i] = False  # "Llama-7B-chat" after "llama-2-7B-chat", or "llama 7b" before its HF URL
            elif (
                _point_release_of(r.model.family, other.model.family)
                and _same_size(r, other)
                and not _listed_together(gap)
            ):
                keep[i] = False  # "Llama-3 70b" in a title, "Llama-3.3-70b" in its body
            elif _bench_label(s, a, b) and not _bench_label(s, *spans[j]) and _same_size(r, other):
                keep[i] = False  # "| qwen2 7B Q4_K - Medium |" under "-m DeepSeek-R1-Distill-Qwen-7B.gguf"
    return [m for m, k in zip(models, keep, strict=True) if k], [
        x for x, k in zip(spans, keep, strict=True) if k
    ]


# llama-bench's model column: the GGUF file's architecture and size, then its type's name, in a
# table cell ("| qwen2 7B Q4_K - Medium |", "| qwen3moe 30B.A3B Q8_0 |"): the file the command
# line names, not another model (https://github.com/ggml-org/llama.cpp/tree/master/tools/llama-bench)
_BENCH_LABEL = LazyPattern(r"^[a-z][a-z0-9]*\s+\d+(?:\.\d+)?b(?:\.a\d+(?:\.\d+)?b)?$")
_BENCH_TYPE_AFTER = LazyPattern(r"\s+[a-z0-9_]+(?:\s*-\s*[a-z]+(?:\s+[a-z]+)?)?\s*\|")


def _bench_label(s: str, a: int, b: int) -> bool:
    return (
        s[:a].rstrip().endswith("|")
        and _BENCH_LABEL.match(s[a:b]) is not None
        and _BENCH_TYPE_AFTER.match(s, b) is not None
    )


_NAME_WORDS = LazyPattern(r"[a-z]+|\d+(?:\.\d+)?")
# what joins two names listed side by side ("qwen2 7b and qwen2.5 7b", "llama 3 8b, llama 3.1 8b")
_JOINERS = frozenset({"", "and", "&", "+", "und", "et", "y", "和", "与", "與", "以及"})


def _listed_together(gap: str) -> bool:
    """Whether the text between two model names only lists them: two models, not one named twice."""
    return gap.strip(" ,;/、，").lower() in _JOINERS


def _between(s: str, spans: list[tuple[int, int]], x: tuple[int, int], y: tuple[int, int]) -> str:
    """The text between two names with every other name in it read as a comma: "Llama-3.1-8B,
    Llama-3.1-70B, Llama-3-8B" lists the first and the last side by side."""
    gap = list(s[x[1] : y[0]])
    for a, b in spans:
        if x[1] <= a and b <= y[0]:
            gap[a - x[1] : b - x[1]] = "," + " " * (b - a - 1)
    return "".join(gap)


# a sentence's end inside a stretch of text: a full stop, question or exclamation mark and a space or a
# line's end ("left. Is this a bug"), never the one right before the next word ("32B? Or 30B?")
_SENTENCE_END = LazyPattern(r"[.?!。？！](?:\s|$)|\n")


def _sentence_ends(gap: str) -> bool:
    return _SENTENCE_END.search(gap.rstrip(" .?!。？！\n,;:")) is not None


_FAMILY_VERSION = LazyPattern(r"^([a-z][a-z-]*?)\s*(\d+)(\.\d+)?$")


def _point_release_of(family: str, other: str) -> bool:
    """Whether `family` is written with the major version alone of which `other` is a point release
    of the same line: "Llama 3" of "Llama 3.3" (never "Llama 3.1" of "Llama 3.3")."""
    mine = _FAMILY_VERSION.match(family.lower())
    theirs = _FAMILY_VERSION.match(other.lower())
    if mine is None or theirs is None or mine.group(3) is not None or theirs.group(3) is None:
        return False
    return mine.group(1).strip() == theirs.group(1).strip() and mine.group(2) == theirs.group(2)


def _same_size(a: Resolution, b: Resolution) -> bool:
    return abs(a.model.params_b - b.model.params_b) <= 0.1 * b.model.params_b and (
        a.model.active_params_b is None
    ) == (b.model.active_params_b is None)


def _name_words(name: str) -> frozenset[str]:
    """The words and numbers a model name is written with: "kimi_k2" -> {kimi, k, 2}."""
    return frozenset(m.group() for m in _NAME_WORDS.finditer(name))


def _first_word(family: str) -> str:
    return family.split()[0].lower() if family.split() else ""


def referred_models(
    s: str, models: list[Resolution], spans: list[tuple[int, int]], index: ModelIndex
) -> tuple[list[Resolution], list[tuple[int, int]]]:
    """The models with those named by a size and the family named before it added, in text order."""
    models, spans = _sizes_offered(s, list(models), list(spans), index)
    for m in _REFERRED.finditer(s):
        if any(a <= m.start() < b for a, b in spans):
            continue
        earlier = [i for i, (_, b) in enumerate(spans) if b <= m.start()]
        if not earlier:
            continue
        a, b = spans[earlier[-1]]
        family = _SIZE_WORD.sub(" ", s[a:b]).strip(" -_.:/")
        size, word = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
        qualifier = "distill" if word.startswith("distill") else ""
        try:
            found = resolve_model(f"{family} {qualifier} {size}b", index)
        except UnknownModelError:
            continue
        at = earlier[-1] + 1
        models.insert(at, found)
        spans.insert(at, (m.start(), m.end()))
    return models, spans
