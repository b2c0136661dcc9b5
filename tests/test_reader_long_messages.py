"""Words read right before another word, late in a long message: the reader looks back only as far as
they can reach (a negation up to three words before a vision task, an OS's name right before a count),
and finds them there as in a short message."""

import pytest

from sizing import default_catalog, parse_hardware, read_question

_PAD = "I have been reading about local models for weeks and finally built a machine for it. " * 3


@pytest.mark.parametrize(
    ("tail", "needs_images"),
    [
        ("I do not want it to caption", False),  # "do not" and three words: the task is negated
        ("I do  not\nwant it  to caption", False),  # any spaces between the words
        ("I do not really want it to caption", True),  # four words: too far back to negate it
        ("I want it to caption", True),
    ],
)
def test_a_negation_before_a_vision_task_late_in_a_long_message(tail: str, needs_images: bool) -> None:
    for pad in ("", _PAD):
        q = read_question(f"{pad}qwen3 vl 8b with vllm on a 3090, {tail}", default_catalog().index)
        assert q.needs_images is needs_images


@pytest.mark.parametrize(
    ("tail", "count"),
    [
        ("my windows   11 machines each have a 4090", 1),  # a version, no count of machines
        ("my 11 machines each have a 4090", 11),
        ("my xwindows 11 machines each have a 4090", 11),  # no OS's name: a word that ends like one
    ],
)
def test_an_os_version_before_a_count_late_in_a_long_message(tail: str, count: int) -> None:
    for pad in ("", _PAD):
        assert parse_hardware(pad + tail).gpu_count == count
