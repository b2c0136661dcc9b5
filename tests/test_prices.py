"""Dated public prices: the bundled rows name real device variants, and lookups pick the right row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sizing import CatalogError
from sizing.hardware import (
    DevicePrice,
    device_price,
    load_device_data,
    load_prices,
    memory_price_per_gb,
    parse_prices,
    price_table,
)

PRICES = load_prices()
DEVICES = load_device_data().devices


def _row(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "device": "card",
        "memory_gb": 24,
        "price_usd": 1000,
        "kind": "launch_msrp",
        "date": "2024-01-01",
        "source": "https://example.org/price",
    }
    return {**base, **fields}


def _table(*rows: dict[str, Any], memory: list[dict[str, Any]] | None = None) -> Any:
    return parse_prices({"prices": list(rows), "memory": memory or []})


@pytest.mark.parametrize("row", PRICES.devices, ids=lambda r: f"{r.device}-{r.memory_gb:g}-{r.kind}-{r.date}")
def test_every_price_names_a_device_variant_of_the_database(row: DevicePrice) -> None:
    variants = [
        d
        for d in DEVICES
        if d.id == row.device
        and (d.memory_gb == row.memory_gb or row.memory_gb in d.memory_options_gb)
        and (row.gpu_cores is None or d.gpu_cores == row.gpu_cores)
    ]
    assert variants, f"{row.device} has no {row.memory_gb:g} GB variant"


@pytest.mark.parametrize(
    "device",
    ["rtx-3090", "rtx-4090", "rtx-5090", "rx-7900-xtx", "rtx-pro-6000-blackwell", "h100-sxm", "dgx-spark"],
)
def test_the_rigs_requirements_propose_first_are_priced(device: str) -> None:
    assert device_price(device) is not None


@pytest.mark.parametrize("memory_type", ["DDR4", "DDR5", "ddr5"])
def test_system_ram_is_priced_per_gb(memory_type: str) -> None:
    price = memory_price_per_gb(memory_type)
    assert price is not None
    assert 0.5 < price.price_usd_per_gb < 50


def test_the_cached_loader_returns_one_table() -> None:
    assert price_table() is price_table()
    assert len(price_table().devices) == len(PRICES.devices)


def test_the_latest_new_price_is_the_newest_row() -> None:
    table = _table(
        _row(date="2022-09-20", price_usd=1599),
        _row(kind="new_street", date="2026-02", price_usd=2200, price_usd_high=2800),
        _row(kind="used_market", date="2026-05-16", price_usd=700),
    )
    latest = table.latest("card")
    assert latest is not None
    assert (latest.kind, latest.price_usd) == ("new_street", 2200)


def test_used_prices_are_asked_for_explicitly() -> None:
    table = _table(_row(), _row(kind="used_market", date="2023-01", price_usd=600))
    used = table.latest("card", used=True)
    assert used is not None and used.price_usd == 600
    assert _table(_row()).latest("card", used=True) is None


def test_on_the_same_date_a_street_price_wins_over_a_list_price() -> None:
    table = _table(
        _row(kind="launch_msrp", date="2025-03", price_usd=1),
        _row(kind="list_price", date="2025-03", price_usd=2),
        _row(kind="new_street", date="2025-03", price_usd=3),
    )
    latest = table.latest("card")
    assert latest is not None and latest.price_usd == 3


def test_a_memory_size_picks_its_variant() -> None:
    table = _table(_row(memory_gb=96, price_usd=3999), _row(memory_gb=512, price_usd=9499, date="2025-01-01"))
    small = table.latest("card", 96)
    assert small is not None and small.price_usd == 3999
    assert table.latest("card", 256) is None


def test_an_unpriced_device_has_no_price() -> None:
    assert device_price("no-such-card") is None


@pytest.mark.parametrize(
    ("fields", "text"),
    [
        ({}, "$1,000 (launch MSRP, 2024-01-01)"),
        (
            {"kind": "used_market", "price_usd": 700, "price_usd_high": 900, "date": "2026-05"},
            "$700-900 (used, 2026-05)",
        ),
        ({"kind": "new_street", "price_usd": 30000, "date": 2026}, "$30,000 (new, street, 2026)"),
    ],
)
def test_a_price_describes_itself(fields: dict[str, Any], text: str) -> None:
    assert DevicePrice.model_validate(_row(**fields)).describe() == text


def test_a_range_midpoint() -> None:
    assert DevicePrice.model_validate(_row(price_usd=700, price_usd_high=900)).midpoint_usd == 800
    assert DevicePrice.model_validate(_row()).midpoint_usd == 1000


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)))
def test_a_yaml_date_keeps_its_day(day: dt.date) -> None:
    row = DevicePrice.model_validate(_row(date=day))
    assert row.date == day.isoformat()
    assert row.as_of == day


@pytest.mark.parametrize(("value", "as_of"), [(2026, dt.date(2026, 1, 1)), ("2025-03", dt.date(2025, 3, 1))])
def test_a_year_or_month_dates_the_start_of_the_period(value: object, as_of: dt.date) -> None:
    assert DevicePrice.model_validate(_row(date=value)).as_of == as_of


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"date": "2026-13"}, "date"),
        ({"date": "last year"}, "date"),
        ({"price_usd": 900, "price_usd_high": 800}, "below price_usd"),
        ({"price_usd": 0}, "price_usd"),
        ({"kind": "rumour"}, "kind"),
        ({"source": "a forum post"}, "source"),
        ({"device": "RTX 4090"}, "device"),
        ({"memory_gb": None}, "memory_gb"),
    ],
)
def test_bad_rows_are_reported(fields: dict[str, Any], problem: str) -> None:
    with pytest.raises(CatalogError) as err:
        _table(_row(**fields))
    assert any(problem in p for p in err.value.problems), err.value.problems


def test_a_row_listed_twice_is_reported() -> None:
    with pytest.raises(CatalogError) as err:
        _table(_row(), _row())
    assert any("listed twice" in p for p in err.value.problems)


def test_every_problem_is_listed_at_once() -> None:
    with pytest.raises(CatalogError) as err:
        _table(_row(date="x"), _row(kind="x"), memory=[{"type": "DDR3"}])
    assert len(err.value.problems) >= 3


@pytest.mark.parametrize("raw", [None, [], {"memory": []}, {"prices": [], "memory": {}}])
def test_a_malformed_document_is_a_catalog_error(raw: Any) -> None:
    with pytest.raises(CatalogError):
        parse_prices(raw)
