"""Shared fixtures: the bundled catalog and device database, loaded once per session."""

from __future__ import annotations

import pytest

from sizing import Catalog, default_catalog, default_database
from sizing.hardware import DeviceDatabase


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return default_catalog()


@pytest.fixture(scope="session")
def db() -> DeviceDatabase:
    return default_database()
