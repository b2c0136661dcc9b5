"""Hardware: the device database and the reader of free-text rig descriptions."""

from ._contract import GpuContract, HardwareContract
from ._counts import MAX_COUNT
from ._database import DeviceDatabase, compact, default_database
from ._load import DeviceData, load_device_data
from ._models import CpuInfo, GpuGroup, Hardware, SocInfo
from ._parser import parse_hardware
from ._prices import (
    DevicePrice,
    MemoryPrice,
    PriceTable,
    device_price,
    load_prices,
    memory_price_per_gb,
    parse_prices,
    price_table,
)
from ._schema import Architecture, CpuFamily, DeviceSpec, MemoryPlatform, Vendor
from ._tokens import MAX_TEXT_CHARS

__all__ = [
    "MAX_COUNT",
    "MAX_TEXT_CHARS",
    "Architecture",
    "CpuFamily",
    "CpuInfo",
    "DeviceData",
    "DeviceDatabase",
    "DevicePrice",
    "DeviceSpec",
    "GpuContract",
    "GpuGroup",
    "Hardware",
    "HardwareContract",
    "MemoryPlatform",
    "MemoryPrice",
    "PriceTable",
    "SocInfo",
    "Vendor",
    "compact",
    "default_database",
    "device_price",
    "load_device_data",
    "load_prices",
    "memory_price_per_gb",
    "parse_hardware",
    "parse_prices",
    "price_table",
]
