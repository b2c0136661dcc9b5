"""What a rig's words say about the machine around its GPUs: whether Windows drives them (its display
driver model, WDDM, keeps a share of the card, also under WSL2) and whether a screen hangs on them at
all (a headless box keeps no desktop share).

Reads the normalised text (lower case, see `_tokens.normalise`); pure and cheap: plain substring tests
gate every pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._lazy_re import LazyPattern

__all__ = ["Host", "read_host"]

# Windows by name, its Linux layer, its driver model or its tools; "context windows" and "sliding
# windows" are attention, not the OS
_WINDOWS = LazyPattern(
    r"(?<!context )(?<!sliding )(?<!attention )\bwindows\b|\bwin ?1[01]\b|\bwsl ?2?\b|\bwddm\b"
    r"|\btask manager\b|\bdirectml\b"
)
_WINDOWS_GATES = ("win", "wsl", "wddm", "task manager", "directml")
# a Linux layer on that Windows: WSL2, or a Docker/Podman container (Docker Desktop runs them in WSL2's
# VM), where Linux-only engines (vLLM, SGLang) run
_LINUX_LAYER = LazyPattern(r"\bwsl ?2?\b|\bdocker\b|\bpodman\b")
# no screen on the cards: said outright, reached over SSH, a server or rented cloud machine, or a
# cluster node; "llama-server", "ollama server" and "the server runs out of memory" are programs, so
# "server" counts only as the machine ("my server", "ubuntu server", "a server with", or a list item
# of its own), and "cloud" only as a machine rented there (not "cloud APIs")
_HEADLESS = LazyPattern(
    r"\bheadless\b|\bno (?:monitor|display|screen)s?\b|\bwithout (?:a |any )?(?:monitor|display|screen)s?\b"
    r"|\bssh\b|\b(?:rented|runpod|vast\.?ai|kubernetes|k8s|talos|proxmox)\b"
    r"|\bcloud (?:gpus?|instances?|machines?|vms?|servers?|boxe?s?)\b"
    r"|\b(?:my|our|home|rack|gpu|ubuntu|debian|linux) server\b|\bserver (?:with|has|box|rig)\b"
    r"|(?:^|[,;(]) ?server\b"
)
_HEADLESS_GATES = (
    "headless", "monitor", "display", "screen", "ssh", "rented", "cloud", "runpod", "vast", "kubernetes",
    "k8s", "talos", "proxmox", "server",
)  # fmt: skip
# each tuple of gates as one scan of the text (a rig is read in tens of microseconds: one search, not a
# substring test per gate)
_WINDOWS_GATE = re.compile("|".join(map(re.escape, _WINDOWS_GATES)))
_HEADLESS_GATE = re.compile("|".join(map(re.escape, _HEADLESS_GATES)))


@dataclass(frozen=True, slots=True)
class Host:
    windows: bool = False  # Windows (or WSL2 on it) drives the GPUs
    linux_layer: bool = False  # WSL2 or a container said: Linux programs run on that Windows
    headless: bool = False  # no screen on any of the GPUs


def read_host(norm: str) -> Host:
    """What `norm` (a normalised rig text) says about the OS and the screen."""
    windows = _WINDOWS_GATE.search(norm) is not None and _WINDOWS.search(norm) is not None
    headless = _HEADLESS_GATE.search(norm) is not None and _HEADLESS.search(norm) is not None
    linux_layer = windows and _LINUX_LAYER.search(norm) is not None
    return Host(windows=windows, headless=headless and not windows, linux_layer=linux_layer)
