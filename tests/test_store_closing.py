"""Closing the embedded store while reads and writes are in flight on worker threads: each call
ends with its value or StoreUnavailable, never a crash, and nothing runs on a closed store."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.stores import EmbeddedStore, StoreUnavailable


@pytest.mark.parametrize("create_on_write", [False, True])
async def test_closing_under_load_ends_every_call_cleanly(tmp_path: Path, create_on_write: bool) -> None:
    store = EmbeddedStore(tmp_path / "state.sqlite3", create_on_write=create_on_write)
    calls = [
        *(store.kv_set(f"k{i}", str(i)) for i in range(40)),
        *(store.kv_get(f"k{i}") for i in range(40)),
        *(store.rig_get("discord", f"u{i}") for i in range(40)),
    ]
    tasks = [asyncio.ensure_future(c) for c in calls]
    await asyncio.sleep(0)
    await store.close()
    results = await asyncio.gather(*tasks, return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    assert all(isinstance(e, StoreUnavailable) for e in errors)


async def test_a_closed_store_refuses_reads_and_writes(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "state.sqlite3")
    await store.kv_set("a", "1")
    await store.close()
    with pytest.raises(StoreUnavailable):
        await store.kv_get("a")
    with pytest.raises(StoreUnavailable):
        await store.kv_set("b", "2")


async def test_writes_cancelled_mid_flight_then_a_close_end_cleanly(tmp_path: Path) -> None:
    """A cancelled caller lets go of the store at once while its worker thread is still writing:
    the close that follows must wait for that thread, not close the connection under it."""
    for round_ in range(20):
        store = EmbeddedStore(tmp_path / f"state{round_}.sqlite3")
        tasks = [asyncio.ensure_future(store.kv_set(f"k{i}", "v" * 1000)) for i in range(20)]
        tasks += [asyncio.ensure_future(store.rig_set("reddit", f"u{i}", "RTX 3090")) for i in range(20)]
        await asyncio.sleep(0)
        for t in tasks:
            t.cancel()
        await store.close()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        assert all(r is None or isinstance(r, (asyncio.CancelledError, StoreUnavailable)) for r in results)
