"""`canirun-admin`: the live model catalog (list, show, validate, add, remove, diff, publish, history,
rollback, export, import-hf, import-gguf, provisional list|publish|drop), the answer cache, saved
rigs (privacy requests) and the Discord command sync. Rich tables by default, `--json` on every
command.

    _main           the argument parser; the one place errors become messages and exit codes
    _session        one command's settings, output, store and draft
    _catalog        catalog list/show/validate/add/remove/diff/publish/history/rollback/export
    _publish        drafts, publishing and rollback: one version at a time, never a skipped number
    _imports        catalog import-hf / import-gguf: an entry from the source, staged in the draft
    _hf, _gguf      reading a hub repo's config.json and shapes; a GGUF header by range requests
    hub             those readers for the answer service (a repo a question names): an entry or a reason
    _provisional    catalog provisional list/publish/drop: the entries read from the Hub for questions
    _maintenance    cache stats|flush, rigs export|delete (privacy requests), discord sync
    _common         errors, output (rich or JSON), progress
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ._imports import merge_import
from ._main import run
from ._publish import Change, latest, publish

__all__ = ["Change", "latest", "main", "merge_import", "publish"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one admin command; returns the exit code (0 done, 1 failed, 2 usage/configuration)."""
    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
