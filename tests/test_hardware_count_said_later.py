"""Cards named in the plural and counted later in the same sentence, after a verb of owning ("A4000s
were on sale so we bought four of them"), are that many; the sentence's end in between keeps the
count from reaching back."""

from __future__ import annotations

import pytest

from sizing import parse_hardware


@pytest.mark.parametrize(
    ("text", "name", "count"),
    [
        ("A4000s were on sale so we bought four of them", "A4000", 4),
        ("my P100s, I have 3 of those, can they run mixtral?", "P100", 3),
        ("Mi50s are cheap, i got five of these.", "MI50", 5),
    ],
)
def test_a_count_said_later_of_them_counts_the_cards_named(text: str, name: str, count: int) -> None:
    gpus = parse_hardware(text).gpus
    assert len(gpus) == 1 and name.lower() in gpus[0].name.lower() and gpus[0].count == count


def test_a_new_sentence_does_not_count_the_cards_before_it() -> None:
    gpus = parse_hardware("I have two A4000s. My friends got five of them too").gpus
    assert [g.count for g in gpus] == [2]
