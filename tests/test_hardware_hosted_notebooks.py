"""A hosted notebook named by its plan is the accelerator and RAM that plan gives."""

import pytest

from sizing.hardware import parse_hardware


@pytest.mark.parametrize(
    ("text", "card", "count", "ram"),
    [
        ("what can I run on colab free tier", "tesla-t4", 1, 12.7),
        ("on a free colab notebook", "tesla-t4", 1, 12.7),
        ("kaggle t4 x2, which model?", "tesla-t4", 2, 30.0),
        ("on Kaggle P100, 16gb", "tesla-p100", 1, 30.0),
        ("kaggle t4x2", "tesla-t4", 2, 30.0),
        ("kaggle p100", "tesla-p100", 1, 30.0),
    ],
)
def test_a_hosted_notebook_plan_reads_as_its_cards_and_ram(
    text: str, card: str, count: int, ram: float
) -> None:
    h = parse_hardware(text)
    assert [(g.id, g.count) for g in h.gpus] == [(card, count)]
    assert h.ram_gb == ram


def test_a_paid_notebook_card_named_is_that_card_not_the_free_one() -> None:
    h = parse_hardware("colab pro with an L4")
    assert [(g.id, g.count) for g in h.gpus] == [("l4", 1)]
