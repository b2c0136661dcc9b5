"""A rig's rough cost from the dated public prices (sizing/hardware/data/prices.yaml).

The cards (or the Mac or unified-memory box) are priced at the most recent dated price of that
configuration, new or used, at the middle of its range; system RAM is priced per GB when the
rig's point is its RAM (one GPU with the MoE experts in RAM, or the CPU alone). What has no public
price on file (the rest of a PC, a server's CPU and board) is left out and the words say so. An
estimate for an answer, never a quote.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .hardware import DevicePrice, Hardware, device_price, memory_price_per_gb, price_table

__all__ = ["RigPrice", "mac_price_floor", "rig_price"]


@dataclass(frozen=True, slots=True)
class RigPrice:
    usd: float
    sources: tuple[str, ...]  # the public pages of the prices used
    words: str  # "4x $700-900 (used, 2026-05-16); GPUs only"
    # a server CPU and its board are part of the rig and not in the price (no price of theirs on file)
    server_left_out: bool = False

    @property
    def said_by_asker(self) -> tuple[bool, ...]:
        """For each device priced, whether its price is the one the asker gives (not a dated one)."""
        return tuple(s == _SAID for s in self.sources)

    @property
    def covers(self) -> str:
        """What the price buys, in words: 'the cards', 'the cards and RAM', 'the RAM' or 'the whole
        computer' (its words end with the scope)."""
        scope = self.words.rsplit("; ", 1)[-1]
        return _COVERS.get(scope, "the whole computer")

    @property
    def least_usd(self) -> float:
        """The least the whole rig costs: the price, plus the floor of a server CPU and board where
        those are left out of it."""
        return self.usd + (SERVER_PLATFORM_FLOOR_USD if self.server_left_out else 0.0)


# what a price's scope words say it buys
_COVERS = {
    "GPUs only": "the cards",
    "GPU and RAM only": "the cards and RAM",
    "RAM only": "the RAM",
    "the computer": "the whole computer",
}

# the least a server platform (board and CPU, with its registered memory) adds over a desktop one:
# a 4x RTX 3090 build on an ASRock Rack ROMED8-2T with an EPYC 7252 at ~$4,314 against ~$3,487 for the
# same GPUs on a mining board (https://thinksmart.life/research/posts/gpu-rig-budget-vs-pro); a newer
# EPYC or Xeon costs more, so an answer may say "at least" this much more
SERVER_PLATFORM_FLOOR_USD = 800.0


def _latest(device: str, memory_gb: float) -> DevicePrice | None:
    """The most recent price of the configuration, new or used (new on the same date)."""
    rows = [r for r in (device_price(device, memory_gb), device_price(device, memory_gb, used=True)) if r]
    if not rows:
        return None
    return max(rows, key=lambda r: (r.as_of, r.kind != "used_market"))


def rig_price(
    hw: Hardware, *, ram_type: str | None = None, said: Mapping[str, float] | None = None
) -> RigPrice | None:
    """The cost of the rig's GPUs or chip (and of its RAM when `ram_type` is given), or None when a
    device of it has no public price on file. `said` holds the prices the asker gives by device id (US
    dollars a unit): what they pay stands in for the dated price on file."""
    said = said or {}
    total = 0.0
    sources: list[str] = []
    words: list[str] = []
    for g in hw.gpus:
        if g.id is not None and g.id in said:
            total += g.count * said[g.id]
            sources.append(_SAID)
            words.append(f"{g.count}x ${said[g.id]:,.0f}" if g.count > 1 else f"${said[g.id]:,.0f}")
            continue
        if g.id is None or g.vram_gb is None:
            return None
        row = _latest(g.id, g.vram_gb)
        if row is None:
            return None
        total += g.count * row.midpoint_usd
        sources.append(row.source)
        words.append(f"{g.count}x {row.describe()}" if g.count > 1 else row.describe())
    if hw.soc is not None:
        if hw.soc.id is not None and hw.soc.id in said:
            total += hw.soc.count * said[hw.soc.id]
            sources.append(_SAID)
            words.append(f"${said[hw.soc.id]:,.0f}")
            return _priced(hw, total, sources, words, ram_type)
        if hw.soc.id is None or hw.unified_memory_gb is None:
            return None
        row = _latest(hw.soc.id, hw.unified_memory_gb)
        if row is None:
            return None
        total += hw.soc.count * row.midpoint_usd
        sources.append(row.source)
        words.append((f"{row.system}: " if row.system else "") + row.describe())
    return _priced(hw, total, sources, words, ram_type)


_SAID = "the price the question gives"


def _priced(
    hw: Hardware, total: float, sources: list[str], words: list[str], ram_type: str | None
) -> RigPrice | None:
    """The rig's price from its devices' (`total`, their `sources` and `words`), with its RAM."""
    if not words and (ram_type is None or not hw.ram_gb):
        return None
    scope = "the computer" if hw.soc is not None and not hw.gpus else "GPUs only"
    if ram_type is not None and hw.ram_gb:
        ram = memory_price_per_gb(ram_type)
        if ram is None:
            return None
        total += hw.ram_gb * ram.price_usd_per_gb
        sources.append(ram.source)
        words.append(f"{hw.ram_gb:g} GB {ram.type} at ${ram.price_usd_per_gb:g}/GB ({ram.date})")
        scope = "GPU and RAM only" if words[:-1] else "RAM only"
    # a platform of 8 or more memory channels a socket is a server's (EPYC, Xeon, Threadripper Pro)
    server = ram_type is not None and bool(hw.ram_gb) and (hw.ram_channels or 0) >= _SERVER_CHANNELS
    return RigPrice(
        math.floor(total / 10 + 0.5) * 10,  # to tens, halves up: a part added keeps its own price
        tuple(dict.fromkeys(sources)),
        " + ".join(words) + f"; {scope}",
        server_left_out=server,
    )


_SERVER_CHANNELS = 8


def mac_price_floor(hw: Hardware) -> RigPrice | None:
    """For a Mac whose chip and memory have no price on file: what the dearest Mac of that chip with
    less memory costs (Apple charges more for more memory, never less, so each smaller one's price is a
    floor and the dearest the closest), as a floor: `usd` is that price and `words` say "at least"; None
    for a priced or non-Mac rig, or a chip with no smaller one priced."""
    soc, memory = hw.soc, hw.unified_memory_gb
    if hw.gpus or soc is None or soc.id is None or memory is None or _latest(soc.id, memory) is not None:
        return None
    rows = [r for r in price_table().rows_for(soc.id) if r.memory_gb < memory and r.kind != "used_market"]
    if not rows:
        return None
    closest = max(rows, key=lambda r: (r.price_usd, r.as_of.toordinal()))
    size = f"the {closest.memory_gb:g} GB"
    box = f"{size} {closest.system}" if closest.system else f"{size} one"
    return RigPrice(
        closest.price_usd,
        (closest.source,),
        f"at least ${closest.price_usd:,.0f}, what {box} costs ({closest.describe()}); the computer",
    )
