"""Wishes said without a number, and numbers said in other words: a long context wanted ("for long
documents", "RAG over big PDFs", "max context"), the time a long prompt takes ("how long does it take
to process a 100k token document"), how many users a rig serves ("how many users can it serve",
"concurrent requests?"), the RAM a question asks about ("is 64GB RAM enough for X on my 4090"), and
the share of a model a pasted `ollama ps` shows on the CPU ("21%/79% CPU/GPU"). Every function reads
lowercased text (a team read as its users is `read_users`, beside the other user counts).
"""

from __future__ import annotations

import re

from ._lazy_re import LazyPattern

__all__ = [
    "asks_nvlink",
    "asks_prompt_time",
    "asks_users_served",
    "read_asked_ram",
    "read_context_each",
    "read_cpu_share_shown",
    "read_speed_seen",
    "wants_long_context",
    "without_formats_not_understood",
]

# "want long context", "for long documents", "long-context work", "RAG over big PDFs", "max context",
# "as much context as possible", "the whole codebase in context", "长上下文", "长文档"
_LONG_CONTEXT = LazyPattern(
    r"\blong(?:er)?[\s-]+(?:context|ctx|documents?|docs?|pdfs?|papers?|books?|reports?|transcripts?|prompts?)\b"
    r"|\b(?:big|large|huge|lengthy|many)\s+(?:documents?|docs?|pdfs?|codebases?|books?)\b"
    r"|\brag\b|\bretrieval[\s-]augmented\b"
    r"|\b(?:max(?:imum)?|most|largest|biggest|longest)\s+(?:possible\s+)?(?:context|ctx)(?:\s+(?:length|window|size))?\b"
    r"|\bas\s+much\s+context\s+as\b|\bwhole\s+(?:codebase|repo|book|document)\b"
    r"|长上下文|长文档|长文本|超长上下文|長いコンテキスト|長文"
)


def wants_long_context(s: str) -> bool:
    """The asker wants a long context, with no length said: long documents, RAG, "max context"."""
    return bool(_LONG_CONTEXT.search(s))


# "how long does it take to process a 100k token document", "how long to read 50k tokens", "time to
# first token", "ttft", "wait before it answers"
_PROMPT_TIME = LazyPattern(
    r"\bhow\s+long\s+(?:does|would|will)\s+(?:it|that|this)\s+take\s+to\s+"
    r"(?:process|read|ingest|summari[sz]e|digest|prefill|load|go\s+through|analy[sz]e|chew\s+through)\b"
    r"|\bhow\s+long\s+to\s+(?:process|read|ingest|summari[sz]e|prefill|go\s+through)\b"
    r"|\btime\s+to\s+first\s+token\b|\bttft\b"
    # "how long for an M2 Max to process a 30k prompt", "prefill on a 20k prompt"
    r"|\bhow\s+long\s+(?:for|would|will|does)\b[^.?!\n]{0,60}?\bto\s+(?:process|read|ingest|prefill)\b"
    r"|\b(?:prefill|prompt\s+processing)\b[^.?!\n]{0,30}?\b\d+(?:\.\d+)?\s*k\s*(?:-?\s*tokens?\s+)?"
    r"(?:prompt|document|input)\b"
    r"|\bhow\s+long\s+(?:do\s+i|will\s+i|would\s+i)\s+wait\b"
    # "prompt processing time for 64k", "prefill time at 32k", "time to process a 100k prompt"
    r"|\b(?:prompt[\s-]+processing|prefill|pp)\s+(?:time|latency|duration)\b"
    r"|\b(?:time|seconds|minutes)\s+to\s+(?:process|read|prefill|ingest)\b"
    # the prompt itself the subject: "how long does a 50k token prompt take", "how long will my 30k
    # document take to get through", "how many seconds for a 100k prompt"
    r"|\bhow\s+(?:long|many\s+(?:seconds|minutes))\s+(?:does|would|will|do|for)\s+(?:a|an|my|the|this|that|one)\s+"
    r"\d+(?:\.\d+)?\s*k\s*(?:-?\s*tokens?\s+)?(?:long\s+)?(?:prompt|document|doc|file|input|transcript|context|codebase)\b"
    # the wait before the answer starts: "how long until first token", "how long before it starts
    # answering", "how long would it take if I paste a 100k codebase"
    r"|\bhow\s+long\s+(?:until|till|'?til|before|to)\s+(?:the\s+|i\s+(?:get|see)\s+(?:the\s+)?)?first\s+"
    r"(?:token|word|output|response|reply)\b"
    r"|\bhow\s+long\s+(?:until|till|before)\s+(?:it|the\s+model)\s+(?:starts?|begins?)\s+"
    r"(?:answering|responding|replying|generating|writing|to\s+answer|to\s+respond|to\s+reply|to\s+generate)\b"
    r"|\bhow\s+long\b[^.?!\n]{0,40}?\b(?:if|when|after)\s+i\s+(?:paste|feed|give\s+it|send|drop|dump|throw)\b"
)


# NVLink asked about: "do I need nvlink for 2x 3090", "is an nvlink bridge required", "nv-link"
_NVLINK = LazyPattern(r"\bnv[\s-]?link\b")


def asks_nvlink(s: str) -> bool:
    """The question asks about NVLink (whether the cards need it)."""
    return "link" in s and _NVLINK.search(s) is not None


def asks_prompt_time(s: str) -> bool:
    """The question asks how long reading a prompt takes (the time to the first token)."""
    return bool(_PROMPT_TIME.search(s))


# "how many users can it serve", "how many concurrent requests", "how many people at once",
# "concurrent requests?", "how many parallel sessions"
_USERS_SERVED = LazyPattern(
    r"\bhow\s+many\s+(?:concurrent\s+|simultaneous\s+|parallel\s+)?"
    r"(?:users|people|clients|requests|sessions|seats|streams|chats|conversations|sequences)\b"
    r"|\b(?:concurrent|simultaneous|parallel)\s+(?:users|requests|sessions|clients|streams)\s*[?.!]*\s*$"
    r"|\bmax(?:imum)?\s+(?:number\s+of\s+)?(?:concurrent|simultaneous|parallel)\s+(?:users|requests|sessions)\b"
    r"|能(?:支持|服务|承载)多少(?:个)?(?:用户|人|并发)|多少并发"
)


def asks_users_served(s: str) -> bool:
    """The question asks how many users (or requests) the rig serves at once, with no number."""
    return bool(_USERS_SERVED.search(s))


# "how many users at 32k each", "8k per user", "with 16k context per request"
_CONTEXT_EACH = LazyPattern(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*k\s+(?:tokens?\s+)?(?:of\s+)?(?:context\s+|ctx\s+)?"
    r"(?:each|apiece|per\s+(?:user|request|person|seat|session|client|stream|chat))\b"
)
_MAX_EACH_K = 10_240  # 10M tokens


def read_context_each(s: str) -> int | None:
    """The context each user has, where the question says one apart from the server's ("128k
    context, how many users at 32k each?"), in tokens; else None."""
    m = _CONTEXT_EACH.search(s)
    if m is None:
        return None
    k = float(m.group(1))
    return int(k * 1024) if 0 < k <= _MAX_EACH_K else None


# "is 64gb ram enough", "would 128 GB of system memory be enough", "will 96gb ddr5 do": the RAM the
# question asks about, which the rig is then sized with
_ASKED_RAM = LazyPattern(
    r"\b(?:is|would|will|are|does)\s+(\d{1,4})\s*(?:gb|gigs?|g)\s+(?:of\s+)?(?:system\s+)?"
    r"(?:ram|ddr\d?|memory\s+\(?ram\)?|system\s+memory)\s+(?:be\s+)?(?:enough|sufficient|ok|okay|do|cut\s+it)\b"
)
MAX_RAM_GB = 4096


def read_asked_ram(s: str) -> int | None:
    """The system RAM a question asks is enough ("is 64gb ram enough for X"), in GB, or None."""
    m = _ASKED_RAM.search(s)
    if m is None:
        return None
    gb = int(m.group(1))
    return gb if 1 <= gb <= MAX_RAM_GB else None


# `ollama ps`'s PROCESSOR column: "21%/79% CPU/GPU" (split), "100% CPU", "100% GPU"
# (https://github.com/ollama/ollama/blob/main/docs/faq.md, "How can I tell if my model was loaded onto
# the GPU?")
_OLLAMA_PS_SPLIT = LazyPattern(r"(?<![\d.])(\d{1,3})%\s*/\s*(\d{1,3})%\s*cpu\s*/\s*gpu\b")
_OLLAMA_PS_CPU = LazyPattern(r"(?<![\d.])100%\s*cpu\b(?!\s*/)")


def read_cpu_share_shown(s: str) -> int | None:
    """The percent of the model a pasted `ollama ps` shows on the CPU, where some is; else None."""
    m = _OLLAMA_PS_SPLIT.search(s)
    if m is not None:
        cpu = int(m.group(1))
        return cpu if 0 < cpu <= 100 else None
    return 100 if _OLLAMA_PS_CPU.search(s) else None


# a format the asker says they do not understand is no format they want: "got lost in all the acronyms
# (GGUF? EXL2??)", "I don't know what GGUF or EXL2 even mean", "no idea what AWQ is", "what does bpw mean"
_NOT_UNDERSTOOD = LazyPattern(
    r"\b(?:(?:do\s*n[o']?t|didn'?t|dont|never)\s+(?:really\s+)?(?:know|understand|get|grasp|heard\s+of)"
    r"|no\s+(?:idea|clue)|(?:lost|confused|overwhelmed)\s+(?:in|by|with|about|among)"
    r"|what\s+(?:does|do)(?=\s[^.?!\n]{1,40}?\s(?:even\s+)?mean\b))\b",
    re.IGNORECASE,
)
_FORMAT_WORD = LazyPattern(
    r"\b(?:gguf|ggml|exl[23]|exllama(?:v[23])?|awq|gptq|mlx|safetensors|bpw|imatrix|[ik][\s-]?quants?)\b",
    re.IGNORECASE,
)
_UNDERSTOOD_REACH = 80  # how far after the words of not knowing the formats named are looked for


def without_formats_not_understood(s: str) -> str:
    """`s` with the format names blanked that follow words of not knowing them (to the
    end of the sentence; a question mark inside brackets does not end it)."""
    low = s.lower()
    if not any(w in low for w in ("gguf", "ggml", "ex", "q", "mlx", "bpw", "safetensors", "imatrix")):
        return s
    out = s
    for m in _NOT_UNDERSTOOD.finditer(s):
        end, depth = min(len(s), m.end() + _UNDERSTOOD_REACH), 0
        for i in range(m.end(), end):
            c = s[i]
            depth += (c in "([") - (c in ")]")
            if c in ".!\n" or (c == "?" and depth <= 0):
                end = i
                break
        out = (
            out[: m.end()] + _FORMAT_WORD.sub(lambda f: " " * len(f.group()), out[m.end() : end]) + out[end:]
        )
    return out


# the generation speed the asker sees now: a llama.cpp timing line ("eval time = ... ms / 128 tokens
# (... ms per token, 4.57 tokens per second)"; not its "prompt eval time" line), Ollama's --verbose
# "eval rate: 30.1 tokens/s", or words ("mine shows 30", "I'm getting 12 tok/s", "it does 8 t/s")
_SPEED_SEEN = LazyPattern(
    r"(?<!prompt )(?<!prompt_)\beval\s+time\s*=\s*[\d.]+\s*ms\s*/\s*\d+\s*(?:tokens|runs)\s*"
    r"\(\s*[\d.]+\s*ms\s+per\s+token,\s*([\d.]+)\s*tokens\s+per\s+second"
    r"|(?<!prompt )\beval\s+rate\s*:\s*([\d.]+)\s*tokens/s"
    r"|\b(?:mine|it|ollama|lm\s*studio|llama\.cpp)\s+(?:shows?|says|reads|reports|gives(?:\s+me)?)\s+(?:about\s+|around\s+|~\s*|only\s+)?"
    r"(\d{1,4}(?:\.\d+)?)(?!\s*(?:gb|gib|%|k\b|b\b|layers|ms))"
    r"|(?<!can\s)(?<!could\s)(?<!would\s)(?<!will\s)(?<!to\s)(?<!do\s)\b(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+(?:only\s+)?"
    r"(?:get|got|getting|see|seeing)\s+(?:about\s+|around\s+|~\s*)?(\d{1,4}(?:\.\d+)?)\s*"
    r"(?:t/s|tok/s|tokens?/s|tps|tokens?\s+(?:per|a)\s+sec(?:ond)?)"
)


def read_speed_seen(s: str) -> float | None:
    """The generation speed the asker reports seeing now, in tokens/s (a pasted timing line, or words),
    or None."""
    if "eval" not in s and not any(
        w in s for w in ("mine", "show", "says", "read", "report", "giv", "get", "got", "see")
    ):
        return None
    m = _SPEED_SEEN.search(s)
    if m is None:
        return None
    value = float(next(g for g in m.groups() if g))
    return value if 0 < value <= 10_000 else None
