"""Which inputs a vision model is asked to take on vLLM, beyond text.

Text only: words bound to the model's input ("text only", "no image input", "no vision needed",
"without the vision tower", "won't send images"), a pasted `--language-model-only`, or a pasted
`--limit-mm-per-prompt` that sets every modality it names, image and video both, to 0 (vLLM then
loads no multimodal modules: "a text-only mode can be enabled by setting all multimodal modalities to
0 using --language-model-only", vLLM's multimodal-models docs).
Images without video: "no video", "images only", or a pasted `--limit-mm-per-prompt '{"video": 0}'`
(its dotted form `--limit-mm-per-prompt.video 0` too). Images needed: a vision task named (caption,
describe an image or photo, OCR, screenshots, 看图, 图片); the words above are then read as no wish
for text only ("No pictures of my build yet" is about the asker's build, not the model's input).
Every function reads lowercased text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._lazy_re import LazyPattern, tail_runs_start

__all__ = ["InputsAsked", "read_inputs"]

_LANGUAGE_MODEL_ONLY = LazyPattern(r"--language[-_]model[-_]only(?![a-z-])")
# the JSON form ('{"image": 2, "video": 0}') and the dotted one (--limit-mm-per-prompt.video 0)
_LIMITS_JSON = LazyPattern(r"--limit[-_]mm[-_]per[-_]prompt(?:\s*=\s*|\s+)['\"]?\{([^}]{0,200})\}")
_LIMITS_DOTTED = LazyPattern(r"--limit[-_]mm[-_]per[-_]prompt\.(image|video|audio)(?:\s*=\s*|\s+)(\d+)")
_LIMIT_PAIR = re.compile(r"['\"]?(image|video|audio)['\"]?\s*:\s*(\d+)")
# bound to the model's input: "no images" alone is ordinary English ("no images bigger than 1080p")
_TEXT_ONLY = LazyPattern(
    r"(?<![a-z])(?:text[- ]only|only (?:for )?text(?! and)|"
    r"no (?:images?|vision|pictures?|photos?|multi-?modal) (?:inputs?|support|encoder|tower|needed)(?![a-z])|"
    r"without (?:the )?(?:vision|image) (?:tower|encoder|part|inputs?|support)(?![a-z])|"
    r"(?:don'?t|do not|won'?t|will not) (?:need|use|send) (?:the |any )?"
    r"(?:images?|vision|pictures?)(?![a-z]))"
)
# a task that needs the model to see: then no reading falls back to text only
_VISION_TASK = LazyPattern(
    r"(?<![a-z])(?:caption\w*|ocr|screenshots?|"
    r"(?:describ|read|look at|analy[sz]|understand|tag|classify|label)\w* (?:\w+ ){0,2}"
    r"(?:images?|photos?|pictures?)|"
    # "for image understanding", "vision tasks", "with images", "for photos"
    r"(?:images?|photos?|pictures?|vision)[- ](?:understanding|inputs?|tasks?|recognition|analysis|prompts?)|"
    r"(?:with|for) (?:\w+ )?(?:images|photos|pictures))(?![a-z])|看图|图片|识图"
)
# a task put aside: "I don't need it to read images", "no captioning", "never OCR"
_NEGATED_BEFORE = LazyPattern(r"(?<![a-z])(?:no|not|never|don'?t|do not|won'?t|without)(?:\s+\S+){0,3}\s*$")
_NO_VIDEO = LazyPattern(
    r"(?<![a-z])(?:no videos?|without videos?|images? only|only images?|"
    r"(?:don'?t|do not|won'?t|will not) (?:need|use|send) videos?)(?![a-z])"
)


@dataclass(frozen=True, slots=True)
class InputsAsked:
    text_only: bool = False  # no images or video: vLLM's --language-model-only
    no_video: bool = False  # images but no video: --limit-mm-per-prompt '{"video": 0}'
    needs_images: bool = False  # a vision task: never served text only


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
    if _LANGUAGE_MODEL_ONLY.search(s) or pasted_text_only:
        return InputsAsked(text_only=True)
    # a negation and up to 3 words before the task: 5 runs of non-space at most ("do not" is two)
    needs_images = any(
        not _NEGATED_BEFORE.search(s, tail_runs_start(s, m.start(), 5), m.start())
        for m in _VISION_TASK.finditer(s)
    )
    if not needs_images and _TEXT_ONLY.search(s):
        return InputsAsked(text_only=True)
    no_video = limits.get("video") == 0 or _NO_VIDEO.search(s) is not None
    return InputsAsked(no_video=no_video, needs_images=needs_images)
