"""A pasted tool table made short enough to read: the rule lines of its box drawing (nvidia-smi's
"+----+", "|====|", rocm-smi's "======"), the process list nvidia-smi prints under the GPUs, and runs
of padding spaces carry nothing the reader uses, so a question is measured against its length limit
on what is left (a standard eight-GPU nvidia-smi paste is read, not refused)."""

from __future__ import annotations

import re

__all__ = ["compacted"]

# a line of box drawing alone: "+-----+-----+", "|=====+=====|", "=====", "|     |     |"
_RULE_LINE = re.compile(r"[ \t]*[+|=\-─━═┃│┌┐└┘├┤┬┴┼╇╈╋┏┓┗┛┡┩ \t]*[ \t]*")
# nvidia-smi's process table: its heading, its column names and one row per process
_PROCESSES = re.compile(r"^\|?\s*Processes:\s*\|?\s*$", re.I)
_PROCESS_ROW = re.compile(
    r"^\|?\s*(?:GPU\s+GI\s+CI|ID\s+ID|\d+\s+(?:N/A|\d+)\s+(?:N/A|\d+)\s+\d+\s+[CGM+]+\s|No running processes)"
    r"[^\n]*$",
    re.I,
)
_PADDING = re.compile(r"[ \t]{2,}")


def compacted(text: str) -> str:
    """`text` without box-drawing rule lines, nvidia-smi's process table and padding runs of spaces
    (each run one space); every other character kept in order."""
    lines: list[str] = []
    in_processes = False
    for line in text.splitlines():
        if _PROCESSES.match(line):
            in_processes = True
            continue
        if in_processes and (_PROCESS_ROW.match(line) or _RULE_LINE.fullmatch(line)):
            continue
        in_processes = False
        if line.strip() and _RULE_LINE.fullmatch(line):
            continue
        lines.append(_PADDING.sub(" ", line).strip())
    return "\n".join(lines)
