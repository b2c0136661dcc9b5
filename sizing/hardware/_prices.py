"""Rough, dated public prices of devices and of system RAM (data/prices.yaml).

Each row names its public source and the date the price applied; a rig's cost is an estimate
for sizing answers ("about $3,000 for two used RTX 3090s"), never a quote.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .._errors import CatalogError
from .._yaml import YamlSyntaxError, load_yaml

__all__ = [
    "NEW_KINDS",
    "DevicePrice",
    "MemoryPrice",
    "PriceKind",
    "PriceTable",
    "device_price",
    "load_prices",
    "memory_price_per_gb",
    "parse_prices",
    "price_table",
]

PriceKind = Literal["launch_msrp", "list_price", "new_street", "used_market"]
NEW_KINDS: tuple[PriceKind, ...] = ("launch_msrp", "list_price", "new_street")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _as_date_text(value: object) -> object:
    """YAML reads 2026-01-08 as a date and 2026 as an int; keep every form as 'YYYY[-MM[-DD]]'."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _period_start(text: str) -> dt.date:
    m = _DATE.match(text)
    if m is None:  # unreachable after validation
        raise ValueError(f"not a date: {text}")
    return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class _Dated(_Frozen):
    kind: PriceKind
    date: str = Field(pattern=_DATE.pattern)
    source: str = Field(pattern=r"^https://\S+$")
    note: str | None = None

    @field_validator("date", mode="before")
    @classmethod
    def _date_text(cls, value: object) -> object:
        return _as_date_text(value)

    @field_validator("date", mode="after")
    @classmethod
    def _real_date(cls, value: str) -> str:
        try:
            _period_start(value)
        except ValueError as err:  # a month 13 or a day 32
            raise ValueError(f"not a calendar date: {value} ({err})") from None
        return value

    @property
    def as_of(self) -> dt.date:
        """The first day of the period the price is dated to (for ordering rows)."""
        return _period_start(self.date)


class DevicePrice(_Dated):
    """One dated price of one device configuration."""

    device: str = Field(pattern=r"^[a-z0-9][a-z0-9.\-]*$")
    memory_gb: float = Field(gt=0)
    gpu_cores: int | None = Field(default=None, gt=0)
    system: str | None = None  # the box the price buys, where the chip is sold only inside one
    price_usd: float = Field(gt=0)
    price_usd_high: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _range_ordered(self) -> DevicePrice:
        if self.price_usd_high is not None and self.price_usd_high < self.price_usd:
            raise ValueError("price_usd_high is below price_usd")
        return self

    @property
    def midpoint_usd(self) -> float:
        """The middle of the range, or the single figure."""
        high = self.price_usd_high if self.price_usd_high is not None else self.price_usd
        return (self.price_usd + high) / 2

    def describe(self) -> str:
        """'$1,599 (launch MSRP, 2022-09-20)' or '$700-900 (used, 2026-05-16)'."""
        span = f"${self.price_usd:,.0f}"
        if self.price_usd_high is not None and self.price_usd_high != self.price_usd:
            span += f"-{self.price_usd_high:,.0f}"
        return f"{span} ({_KIND_WORDS[self.kind]}, {self.date})"


class MemoryPrice(_Dated):
    """One dated price of system RAM per GB."""

    type: Literal["DDR4", "DDR5"]
    price_usd_per_gb: float = Field(gt=0)


_KIND_WORDS: dict[PriceKind, str] = {
    "launch_msrp": "launch MSRP",
    "list_price": "list price",
    "new_street": "new, street",
    "used_market": "used",
}


class PriceTable(_Frozen):
    devices: tuple[DevicePrice, ...]
    memory: tuple[MemoryPrice, ...]

    def rows_for(self, device: str, memory_gb: float | None = None) -> tuple[DevicePrice, ...]:
        """Every row of a device family (one memory size when given), oldest first."""
        rows = (
            r for r in self.devices if r.device == device and (memory_gb is None or r.memory_gb == memory_gb)
        )
        return tuple(sorted(rows, key=lambda r: r.as_of))

    def latest(
        self, device: str, memory_gb: float | None = None, *, used: bool = False
    ) -> DevicePrice | None:
        """The most recent new price (or used price, with `used`) of a device, None when unpriced.

        On the same date a street price wins over a list price, which wins over a launch MSRP.
        """
        kinds: tuple[PriceKind, ...] = ("used_market",) if used else NEW_KINDS
        rows = [r for r in self.rows_for(device, memory_gb) if r.kind in kinds]
        if not rows:
            return None
        return max(rows, key=lambda r: (r.as_of, kinds.index(r.kind)))

    def memory_per_gb(self, memory_type: str) -> MemoryPrice | None:
        """The most recent per-GB price of DDR4 or DDR5 (any case), None for other types."""
        rows = [m for m in self.memory if m.type == memory_type.upper()]
        return max(rows, key=lambda m: m.as_of) if rows else None

    def priced_devices(self) -> frozenset[str]:
        return frozenset(r.device for r in self.devices)


def _rows(
    raw: Iterable[Any], model: type[DevicePrice] | type[MemoryPrice], where: str
) -> tuple[list[Any], list[str]]:
    out: list[Any] = []
    problems: list[str] = []
    for i, item in enumerate(raw):
        label = item.get("device", item.get("type", i)) if isinstance(item, dict) else i
        try:
            out.append(model.model_validate(item))
        except ValidationError as err:
            for e in err.errors():
                loc = ".".join(str(x) for x in e["loc"]) or "(row)"
                problems.append(f"{where}[{i}:{label}]: {loc}: {e['msg']}")
    return out, problems


def parse_prices(raw: Any, where: str = "prices.yaml") -> PriceTable:
    """Validate a parsed document ({prices: [...], memory: [...]}); CatalogError lists every problem."""
    if not isinstance(raw, dict) or not isinstance(raw.get("prices"), list):
        raise CatalogError(f"{where}: expected a mapping with a 'prices' list")
    memory_raw = raw.get("memory", [])
    if not isinstance(memory_raw, list):
        raise CatalogError(f"{where}: 'memory' must be a list")
    devices, problems = _rows(raw["prices"], DevicePrice, f"{where} prices")
    memory, more = _rows(memory_raw, MemoryPrice, f"{where} memory")
    problems += more
    seen: set[tuple[str, float, int | None, str, str]] = set()
    for r in devices:
        key = (r.device, r.memory_gb, r.gpu_cores, r.kind, r.date)
        if key in seen:
            problems.append(f"{where}: {r.device} {r.memory_gb:g} GB {r.kind} {r.date} listed twice")
        seen.add(key)
    if problems:
        raise CatalogError("prices have problems:\n  " + "\n  ".join(problems), problems=tuple(problems))
    return PriceTable(devices=tuple(devices), memory=tuple(memory))


def _bundled_path() -> Path:
    return Path(__file__).parent / "data" / "prices.yaml"


def load_prices(path: Path | None = None) -> PriceTable:
    """Read and validate a prices file (the bundled one by default)."""
    where = path or _bundled_path()
    try:
        raw = load_yaml(where)
    except (OSError, YamlSyntaxError) as err:
        raise CatalogError(f"{where.name}: cannot read: {err}") from None
    return parse_prices(raw, where.name)


@lru_cache(maxsize=1)
def price_table() -> PriceTable:
    """The bundled prices, loaded once."""
    return load_prices()


def device_price(device: str, memory_gb: float | None = None, *, used: bool = False) -> DevicePrice | None:
    """The most recent bundled new (or used) price of a device configuration (PriceTable.latest)."""
    return price_table().latest(device, memory_gb, used=used)


def memory_price_per_gb(memory_type: str) -> MemoryPrice | None:
    """The most recent bundled per-GB price of DDR4 or DDR5 system RAM."""
    return price_table().memory_per_gb(memory_type)
