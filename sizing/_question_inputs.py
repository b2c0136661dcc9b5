"""Which inputs a vision model is asked to take on vLLM, beyond text.

Text only: "text only", "no images", "no vision", "without the vision tower", a pasted
`--language-model-only`, or a pasted `--limit-mm-per-prompt` that sets every modality it names, image
and video both, to 0 (vLLM then loads no multimodal modules: "a text-only mode can be enabled by
setting all multimodal modalities to 0 using --language-model-only", vLLM's multimodal-models docs).
Images without video: "no video", "images only", or a pasted `--limit-mm-per-prompt '{"video": 0}'`
(its dotted form `--limit-mm-per-prompt.video 0` too). Every function reads lowercased text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lazy_re import LazyPattern

__all__ = ["InputsAsked", "read_inputs"]

_LANGUAGE_MODEL_ONLY = LazyPattern(r"--language[-_]model[-_]only(?![a-z-])")
# the JSON form ('{"image": 2, "video": 0}') and the dotted one (--limit-mm-per-prompt.video 0)
_LIMITS_JSON = LazyPattern(r"--limit[-_]mm[-_]per[-_]prompt(?:\s*=\s*|\s+)['\"]?\{([^}]{0,200})\}")
_LIMITS_DOTTED = LazyPattern(r"--limit[-_]mm[-_]per[-_]prompt\.(image|video|audio)(?:\s*=\s*|\s+)(\d+)")
_LIMIT_PAIR = re.compile(r"['\"]?(image|video|audio)['\"]?\s*:\s*(\d+)")
_TEXT_ONLY = LazyPattern(
    r"(?<![a-z])(?:text[- ]only|only (?:for )?text(?! and)|"
    r"no (?:images?|vision|pictures?|photos?|multi-?modal)(?![a-z])|"
    r"without (?:any )?(?:images?|vision|pictures?|the vision (?:tower|encoder|part))(?![a-z])|"
    r"(?:don'?t|do not|won'?t|will not) (?:need|use|send) (?:the )?(?:images?|vision|pictures?)(?![a-z]))"
)
_NO_VIDEO = LazyPattern(
    r"(?<![a-z])(?:no videos?|without videos?|images? only|only images?|"
    r"(?:don'?t|do not|won'?t|will not) (?:need|use|send) videos?)(?![a-z])"
)


@dataclass(frozen=True, slots=True)
class InputsAsked:
    text_only: bool = False  # no images or video: vLLM's --language-model-only
    no_video: bool = False  # images but no video: --limit-mm-per-prompt '{"video": 0}'


def _pasted_limits(s: str) -> dict[str, int]:
    limits: dict[str, int] = {}
    json_form = _LIMITS_JSON.search(s)
    if json_form is not None:
        limits.update((m, int(n)) for m, n in _LIMIT_PAIR.findall(json_form.group(1)))
    dotted = _LIMITS_DOTTED.compiled().finditer(s)
    limits.update((m.group(1), int(m.group(2))) for m in dotted)
    return limits


def read_inputs(s: str) -> InputsAsked:
    """The inputs beyond text that a question rules out."""
    limits = _pasted_limits(s)
    pasted_text_only = limits.get("image") == 0 and limits.get("video") == 0
    if _LANGUAGE_MODEL_ONLY.search(s) or pasted_text_only or _TEXT_ONLY.search(s):
        return InputsAsked(text_only=True)
    if limits.get("video") == 0 or _NO_VIDEO.search(s):
        return InputsAsked(no_video=True)
    return InputsAsked()
