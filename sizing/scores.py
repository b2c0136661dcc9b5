"""Open-weight model quality from public evaluations (sizing/data/model_scores.yaml): one 0-100
value per model and task, with the source, date and listed name behind it."""

from . import _scores
from ._scores import *  # noqa: F403

__all__ = _scores.__all__
