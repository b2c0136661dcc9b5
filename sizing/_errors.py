"""The exception tree of the sizing core, in one place.

    SizingError                  base of everything sizing raises on bad input or data
    ├── CatalogError             a catalog/device data file is malformed (lists every problem)
    ├── UnknownModelError        a model name matched nothing, or several things (see .suggestions)
    ├── HardwareError            hardware text could not be read, or describes no usable device
    └── EstimateError            impossible requests: zero devices, absurd counts, bad context

Callers (CLI, bots) catch SizingError and show `str(err)` plus `err.hint` to the user.
"""

from __future__ import annotations

__all__ = ["CatalogError", "EstimateError", "HardwareError", "SizingError", "UnknownModelError"]


class SizingError(Exception):
    """Base class: a friendly message in str(), an optional hint on how to fix the input."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class CatalogError(SizingError):
    def __init__(self, message: str, *, problems: tuple[str, ...] = (), hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.problems = problems


class UnknownModelError(SizingError):
    def __init__(self, message: str, *, suggestions: tuple[str, ...] = (), hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.suggestions = suggestions


class HardwareError(SizingError):
    pass


class EstimateError(SizingError):
    pass
