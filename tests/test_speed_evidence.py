"""Measured evidence beside the estimate: public measurements of the same setup, with sources."""

from __future__ import annotations

import csv
from pathlib import Path

from sizing import Catalog, estimate, parse_hardware
from sizing.speed import device_key, measured_speeds
from tests.public_sources import is_local_path

DATA = Path(__file__).resolve().parents[1] / "sizing" / "data" / "measured_speeds.csv"


def test_a_measured_setup_comes_with_its_source(catalog: Catalog) -> None:
    found = measured_speeds(catalog.by_id["gpt-oss-20b"], parse_hardware("AMD Ryzen AI Max+ 395 128GB"))
    assert found and all(m.exact_model for m in found)
    assert all(m.source.startswith("https://github.com/") for m in found)
    assert all(0 < m.low <= m.high for m in found)


def test_decode_evidence_comes_first(catalog: Catalog) -> None:
    found = measured_speeds(catalog.by_id["gpt-oss-20b"], parse_hardware("AMD Ryzen AI Max+ 395 128GB"))
    assert found[0].kind == "decode"


def test_a_model_of_the_same_family_and_size_stands_in(catalog: Catalog) -> None:
    spec = catalog.by_id["llama-3.1-8b"].model_copy(update={"id": "llama-3.1-8b-finetune"})
    found = measured_speeds(spec, parse_hardware("AMD Ryzen AI Max+ 395 128GB"))
    assert found and not any(m.exact_model for m in found)


def test_other_devices_are_not_evidence(catalog: Catalog) -> None:
    assert measured_speeds(catalog.by_id["gpt-oss-20b"], parse_hardware("Radeon 780M")) == ()


def test_the_gpu_count_must_match(catalog: Catalog) -> None:
    assert device_key(parse_hardware("2x RTX 3090")) != device_key(parse_hardware("RTX 3090"))


def test_the_estimate_contract_shows_the_evidence(catalog: Catalog) -> None:
    c = estimate(catalog.by_id["gpt-oss-20b"], parse_hardware("AMD Ryzen AI Max+ 395 128GB")).to_contract()
    measured = c["speed"]["measured"]
    assert measured and {"source", "tps_range", "device", "test"} <= set(measured[0])


def test_every_evidence_row_names_a_public_source() -> None:
    with DATA.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    assert rows
    for r in rows:
        assert r["source"] and not is_local_path(r["source"]), r


def test_every_row_is_evidence_for_its_model_on_its_devices(catalog: Catalog) -> None:
    with DATA.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    rigs = {key: parse_hardware(key) for key in {r["device_key"] for r in rows}}
    read_back = {key for key, hw in rigs.items() if device_key(hw) == key}
    assert len(read_back) >= 0.9 * len(rigs)  # the keys name devices as the rig reader reads them
    checked = 0
    for key in read_back:
        for model_id in {r["model"] for r in rows if r["device_key"] == key} & set(catalog.by_id):
            written = {
                (r["test"], float(r["low"]), r["source"])
                for r in rows
                if (r["device_key"], r["model"]) == (key, model_id)
            }
            found = measured_speeds(catalog.by_id[model_id], rigs[key], limit=len(rows))
            assert {(m.test, m.low, m.source) for m in found if m.exact_model} == written, (key, model_id)
            checked += 1
    assert checked
