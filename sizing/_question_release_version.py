"""A release version written after a model's name ("Nemotron Super 49B v1.5", "Foo-7B-v2") that none
of the names and repos of the model it resolves to carries: the catalog has another release of that
name, sized in its place, and the answer says so (its command downloads the release the catalog has,
never the one asked as if it were it)."""

from __future__ import annotations

import re

from .catalog import ModelSpec, Resolution, default_repos

__all__ = ["with_release_version_said"]

# "v1.5", "v1_5", "V2": a v and its number, standing alone or glued by a dash to the name before it
_VERSION = re.compile(r"(?<![a-z0-9])v(\d{1,2})(?:[._](\d{1,2}))?(?![0-9a-z.])", re.I)
_NOT_IN_CATALOG = "is not in the catalog"


def _carries(text: str, major: str, minor: str | None) -> bool:
    """Whether `text` (a name or a repo id) carries version `major`.`minor`."""
    tail = rf"[._\-]{minor}(?!\d)" if minor is not None else r"(?![\d]|[._]\d)"
    return re.search(rf"(?<![a-z0-9])v{major}{tail}", text, re.I) is not None


def _repos(model: ModelSpec) -> list[str]:
    """Where the model's files are downloaded from: the repo named for it and the catalog's repos."""
    return [
        *([model.hf_repo] if model.hf_repo else []),
        *(r.repo for r in default_repos().for_model(model.id)),
    ]


def with_release_version_said(written: str, found: Resolution) -> Resolution:
    """`found` with a note where `written` (the name as asked) gives a release version that no download
    of the model resolved to carries; `found` as it is otherwise."""
    if found.model.is_generic or any(_NOT_IN_CATALOG in a for a in found.assumptions):
        return found
    model = found.model
    repos = _repos(model)
    for m in _VERSION.finditer(written):
        major, minor = m.group(1), m.group(2)
        if any(_carries(t, major, minor) for t in repos):
            continue
        asked = f"v{major}" + (f".{minor}" if minor is not None else "")
        # a version the catalog lists as a name of the same entry has its shape; any other is assumed to
        listed = any(_carries(t, major, minor) for t in (model.id, model.name, *model.aliases))
        shape = (
            "which has the same shape"
            if listed
            else f"a {asked} of the same size is assumed to have its shape"
        )
        note = (
            f"'{written.strip()}' sized as {model.name} ({shape}); the catalog knows no download of {asked}, "
            f"so the command fetches the release it lists, not {asked}"
        )
        return Resolution(model, (*found.assumptions, note))
    return found
