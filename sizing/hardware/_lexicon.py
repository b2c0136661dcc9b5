"""Words people use around hardware, in the languages our users write in.

Everything here is data for the parser: no logic. Keys are lowercase, NFKC-normalised.
"""

from __future__ import annotations

__all__ = [
    "BANDWIDTH_UNITS",
    "BOARD_PARTNERS",
    "CACHE_CUES",
    "CARVEOUT_CUES",
    "CJK_COUNT_CHARS",
    "CJK_PARTICLES",
    "CLASSIFIERS",
    "CONNECTORS",
    "COUNT_WORDS",
    "DESKTOP_CUES",
    "GENERIC_MEMORY_CUES",
    "GLUED_REJECT",
    "GLUED_SUFFIX_OK",
    "HYPOTHETICAL_AFTER",
    "HYPOTHETICAL_BEFORE",
    "HYPO_QUANTITY",
    "LAPTOP_CUES",
    "MEMORY_UNITS",
    "NETWORK_CUES",
    "NO_GPU_CUES",
    "OTHER_MACHINE_WORDS",
    "OTHER_PEOPLE",
    "PER_CARD_CUES",
    "PLURAL_SUFFIXES",
    "RAM_CUES",
    "STICK_WORDS",
    "STORAGE_CUES",
    "TOTAL_CUES",
    "TYPO_FIXES",
    "UNIFIED_CUES",
    "VRAM_CUES",
    "WEAK_COUNT_WORDS",
]

# Board partners and their product lines, written between a count and the card ("4x EVGA RTX 3090",
# "two Sapphire Nitro+ 7900 XTX", "2x ASUS TUF 4070 Ti Super")
BOARD_PARTNERS = frozenset(
    {
        "evga", "msi", "asus", "gigabyte", "zotac", "sapphire", "pny", "xfx", "powercolor", "asrock",
        "palit", "gainward", "inno3d", "galax", "kfa2", "colorful", "leadtek", "manli", "biostar",
        "maxsun", "yeston", "acer", "sparkle", "tuf", "strix", "rog", "nitro", "pulse", "hellhound",
        "suprim", "ventus", "aorus", "eagle", "windforce", "trinity", "ftw3", "xc3", "founders",
        "phantom", "challenger", "taichi", "red", "devil", "steel", "legend", "merc", "qick", "swft",
    }
)  # fmt: skip

# Number words -> count. Only words that mean a quantity of devices.
COUNT_WORDS: dict[str, int] = {
    "one": 1,
    "single": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "dual": 2,
    "twin": 2,
    "pair": 2,
    "couple": 2,
    "double": 2,
    "three": 3,
    "triple": 3,
    "four": 4,
    "quad": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "octa": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "dozen": 12,
    "sixteen": 16,
    # German, French, Spanish, Portuguese, Italian
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "acht": 8,
    "sechs": 6,
    "sieben": 7,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "huit": 8,
    "sept": 7,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "três": 3,
    "duas": 2,
    "dois": 2,
    "quatro": 4,
    "sete": 7,
    "oito": 8,
    "due": 2,
    "quattro": 4,
    "sette": 7,
    "otto": 8,
    # Russian
    "два": 2,
    "две": 2,
    "три": 3,
    "четыре": 4,
    "шесть": 6,
    "семь": 7,
    "восемь": 8,
    # Chinese / Japanese numerals (classifier handled separately)
    "一": 1,
    "两": 2,
    "二": 2,
    "双": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    # Korean
    "두": 2,
    "세": 3,
    "네": 4,
}
# The "a"/"an"/"one" words only count when directly before a device (never as a bare number).
WEAK_COUNT_WORDS = frozenset({"a", "an", "one", "single", "couple"})

# Counters after a number in CJK: 4张4090, 2块3090, 8个, 8卡, 2枚, 2장, 2대
# 路 ("way"): "4路4090", "双路3090"
CLASSIFIERS = frozenset({"张", "張", "块", "塊", "个", "個", "片", "台", "枚", "장", "대", "개", "卡", "路"})
CJK_COUNT_CHARS = "".join(CLASSIFIERS)
# Particles that may sit between a device and its count ("RTX 3090を2枚", "A6000を4枚")
CJK_PARTICLES = frozenset({"を", "が", "は", "も", "の", "을", "를", "이", "가", "은", "는", "で"})

MEMORY_UNITS: dict[str, float] = {
    # unit -> factor to GB (binary units read as the nominal size people mean, see parser)
    "gb": 1.0,
    "g": 1.0,
    "gig": 1.0,
    "gigs": 1.0,
    "giga": 1.0,
    "gigas": 1.0,
    "gigabyte": 1.0,
    "gigabytes": 1.0,
    "gbytes": 1.0,  # "16 GBytes" (HWiNFO, CPU-Z)
    "go": 1.0,
    "gib": 1.0,
    "gbs": 1.0,
    "bg": 1.0,  # "64 bg ram": the letters swapped
    "гб": 1.0,
    "гиг": 1.0,
    "гига": 1.0,
    "гигов": 1.0,
    "гигабайт": 1.0,
    "기가": 1.0,
    "gi": 1.0,  # `free -h`
    "tb": 1024.0,
    "tib": 1024.0,
    "to": 1024.0,
    "t": 1024.0,
    "mib": 1 / 1024,
    "mi": 1 / 1024,
    "mb": 1 / 1024,
    "mbytes": 1 / 1024,  # "4096 MBytes of GDDR5" (HWiNFO)
    "megabytes": 1 / 1024,
    "m": 1 / 1024,
    "ギガ": 1.0,
    "g大": 1.0,
}
# Units only accepted when glued to the number ("24g", "1t", "24564m"), never spaced ("24 g").
GLUED_ONLY_UNITS = frozenset({"g", "t", "m", "to", "gi", "mi", "bg"})

BANDWIDTH_UNITS = frozenset({"gbps", "gb/s", "tb/s", "mt/s", "mts", "mhz", "ghz", "gt/s"})

VRAM_CUES = frozenset(
    {
        "vram",
        "gddr6",
        "gddr6x",
        "gddr7",
        "gddr5",
        "gddr5x",
        "hbm",
        "hbm2",
        "hbm2e",
        "hbm3",
        "hbm3e",
        "显存",
        "顯存",
        "videospeicher",
        "grafikspeicher",
        "vidéo",
        "видеопамяти",
        "видеопамять",
        "ビデオメモリ",
        "uma",
        "bios",
        "carve",
        "每卡",
        "비램",
    }
)
RAM_CUES = frozenset(
    {
        "ram",
        "ran",
        "ddr",
        "ddr3",
        "ddr4",
        "ddr5",
        "lpddr4",
        "lpddr4x",
        "lpddr5",
        "lpddr5x",
        "dimm",
        "dimms",
        "rdimm",
        "udimm",
        "sodimm",
        "sticks",
        "stick",
        "ecc",
        "memtotal",  # /proc/meminfo's key, as people copy it ("MemTotal: 256G")
        "dram",  # "448GB DRAM", "server DRAM (1 TB)"
        "arbeitsspeicher",
        "werkgeheugen",  # Dutch
        "แรม",  # Thai
        "оперативной",
        "оперативка",
        "оперативки",
        "оперативку",
        "оперативная",
        "озу",
        "system",
        "sys",
        "vive",
        "运行内存",
        "系统内存",
        "內存",
        "系統記憶體",
        "램",
        "メモリ",
    }
)
# "memory" words: RAM unless they sit right next to a GPU (then VRAM) or a Mac (then unified)
GENERIC_MEMORY_CUES = frozenset(
    {
        "memory",
        "mem",
        "内存",
        "記憶體",
        "mémoire",
        "memoire",
        "speicher",
        "memoria",
        "memória",
        "память",
        "памяти",
        "メモリ",
        "메모리",
        "installed",
    }
)
UNIFIED_CUES = frozenset({"unified", "shared", "统一内存", "ユニファイドメモリ", "unificada", "unifiée"})
STORAGE_CUES = frozenset(
    {
        "ssd",
        "ssds",
        "nvme",
        "hdd",
        "hdds",
        "disk",
        "disks",
        "drive",
        "drives",
        "storage",
        "m.2",
        "sata",
        "硬盘",
        "固态",
        "festplatte",
        "disque",
        "disco",
        "диск",
        "storage:",
    }
)
TOTAL_CUES = frozenset(
    {
        "total",
        "pooled",
        "combined",
        "altogether",
        "between",
        "spread",
        "across",
        "insgesamt",
        "共",
        "总",
        "總",
        "合計",
        "всего",
    }
)
# words that name a BIOS carve-out of system RAM for an iGPU
CARVEOUT_CUES = frozenset({"uma", "bios", "carve", "carveout", "vga", "dedicated"})

LAPTOP_CUES = frozenset(
    {
        "laptop",
        "laptops",
        "notebook",
        "mobile",
        "maxq",
        "max-q",
        "zephyrus",
        "legion",
        "rog",
        "tuf",
        "alienware",
        "predator",
        "omen",
        "razer",
        "blade",
        "xps",
        "gaming-laptop",
        "笔记本",
        "筆電",
        "ноутбук",
        "ноутбуке",
        "ноутбука",
        "ноутбуком",
        "raider",
        "katana",
        # laptop-only product lines: a card named beside them is the laptop's
        "thinkpad",
        "thinkbook",
        "ideapad",
        "vivobook",
        "zenbook",
        "victus",
        "stellaris",
        "portátil",
        "portable",
        "portatil",
        "ordinateur portable",
        "ノートパソコン",
        "노트북",
    }
)
DESKTOP_CUES = frozenset({"desktop", "tower", "workstation", "server", "rack"})

# Words that start a new item: a cue after an amount stops here ("192GB and no graphics card")
CONNECTORS = frozenset(
    {"and", "with", "plus", "&", "no", "und", "et", "y", "e", "и", "mit", "avec", "con", "com"}
)
# Glued letters after a device number that still name the device ("5090fe", "3060m", "p40s")
# the product line typed after the number, glued: "5090rtx", "1080gtx"; the word for it: "3060gpu"
GLUED_SUFFIX_OK = frozenset(
    {"s", "es", "er", "ern", "fe", "m", "gb", "go", "gib", "mib", "rtx", "gtx", "gpu", "gpus", "card"}
)
# "each", "per card": an amount next to several cards is per card
PER_CARD_CUES = frozenset(
    {
        "each",
        "apiece",
        "per",
        "je",
        "各",
        "每卡",
        "每张",
        "每張",
        "每块",
        "每個",
        "每个",
        "jeweils",
        "chacune",
        "cada",
        "каждая",
        "ずつ",
        "씩",
    }
)
# Memory modules: "2 sticks of 48GB", "16 DIMMs of 32GB"
STICK_WORDS = frozenset({"sticks", "stick", "dimms", "dimm", "modules", "module", "rdimms", "sodimms"})
# Caches, not memory: "GPU system level cache: 48 MB", "L3 32MB", "8GB KV cache"
CACHE_CUES = frozenset({"cache", "caches", "l1", "l2", "l3", "l1d", "l1i", "slc", "缓存", "快取"})
# Networks, not memory: "200G ConnectX", "100GbE"
NETWORK_CUES = frozenset(
    {
        "connectx",
        "gbe",
        "ethernet",
        "ports",
        "port",
        "link",
        "links",
        "network",
        "nic",
        "infiniband",
        "ib",
        "qsfp",
        "networking",
    }
)
# Someone else's rig: "my friend has 2x 4090"
OTHER_PEOPLE = frozenset(
    {
        "friend",
        "friends",
        "friend's",
        "colleague",
        "colleagues",
        "coworker",
        "buddy",
        "brother",
        "sister",
        "dad",
        "boss",
        "he",
        "she",
        "they",
        "someone",
        "somebody",
        "wife",
        "wife's",
        "husband",
        "husband's",
        "son",
        "son's",
        "daughter",
        "girlfriend",
        "boyfriend",
        "roommate",
        "devs",
        "developers",
        # CJK runs hold these unspaced ("看别人视频2080ti": a 2080 Ti in someone else's video)
        "别人",
        "別人",
        "朋友",
        "同事",
        "人家",
    }
)
# "my other PC", "another machine", "the other config": a second computer; what follows in its sentence is
# that computer's (never "the other card": a second card of the same rig)
OTHER_MACHINE_WORDS = frozenset(
    {
        "pc",
        "pcs",
        "machine",
        "machines",
        "computer",
        "box",
        "rig",
        "config",
        "setup",
        "system",
        "desktop",
        "server",
    }
)
# Before an amount: memory the user could get, not memory they have
HYPO_QUANTITY = frozenset(
    {
        "order",
        "upgrade",
        "upgrading",
        "buy",
        "add",
        "adding",
        "could",
        "supports",
        "support",
        "expand",
        "plan",
        "planning",
        "considering",
        "want",
        "would",
        "will",
        "if",
        "should",
        "going",
    }
)

# Before a device: the user does not have it (yet / any more)
HYPOTHETICAL_BEFORE = frozenset(
    {
        "add",
        "adding",
        "buy",
        "buying",
        "purchase",
        "purchasing",
        "considering",
        "consider",
        "thinking",
        "planning",
        "plan",
        "planned",
        "want",
        "wanted",
        "wish",
        "upgrade",
        "upgrading",
        "instead",
        "versus",
        "vs",
        "previously",
        "previous",
        "former",
        "used",
        "sold",
        "than",
        "thought",
        "replace",
        "old",
        "get",
        "getting",
        "order",
        "ordering",
        "swap",
        "switch",
        "tempted",
        "eyeing",
        "returned",
        "gave",
        "maybe",
        "would",
        "should",
        "could",
        "if",
        "suppose",
        "supposing",
        "hypothetically",
        "imagine",
        "想买",
        "打算",
        "考虑",
        # "建议用4x pro 6000", "推荐买两张3090": a card suggested, not one the asker has
        "建议",
        "建議",
    }
)
# After a device: "... 3090 before", "... M2 Air I'm replacing"
HYPOTHETICAL_AFTER = frozenset(
    {
        "before",
        "previously",
        "replacing",
        "earlier",
        "ago",
        "ordered",
        "arriving",
        "shipped",
        "coming",
        "soon",
        "tomorrow",
    }
)
# After a device: it cannot be had ("A100国内很难买到" - A100s are hard to buy here; "H100s are
# unobtainable"): a card weighed and set aside, not the rig. CJK runs match on substrings.
UNOBTAINABLE_AFTER = frozenset(
    {
        "unavailable",
        "unobtainable",
        "unaffordable",
        "难买",
        "买不到",
        "买不起",
        "缺货",
        "難買",
        "買不到",
        "買不起",
    }
)

# After a device in a CJK clause: it is weighed as a plan ("4x pro 6000 可能是比较合理的方式", a
# reasonable way; "两张3090更划算", better value), not a card the user has
SUGGESTED_AFTER = frozenset({"合理", "划算", "好的选择", "好的方案"})
# Before a card the user wants to get hold of: "where to find a 3090", "looking for a used 4090",
# "trying to rent an H100" (the word before "find"/"rent" says it is sought, "I find my 3090 slow" is not)
SOUGHT_BEFORE = frozenset({"find", "rent", "source"})
SEEKING = frozenset({"to", "where", "can't", "cannot", "couldn't"})

# Words that cancel a hypothetical cue when they sit between it and the device ("upgrade to" is
# hypothetical, "used to" is past, but "I used my 3090" is not): handled in the parser.

NO_GPU_CUES = (
    "without videocard",
    "without a gpu",
    "without gpu",
    "no gpu",
    "no dedicated gpu",
    "no dgpu",
    "cpu only",
    "cpu-only",
    "cpu inference only",
    "no graphics card",
    "without graphics card",
    "sans gpu",
    "ohne gpu",
    "ohne grafikkarte",
    "没有显卡",
    "无显卡",
    "纯cpu",
)

# Glued letters after a number that mean it is not a device ("1080p", "3090mhz", "4090w")
GLUED_REJECT = frozenset(
    {
        "p",
        "i",
        "hz",
        "mhz",
        "ghz",
        "w",
        "fps",
        "k",
        "b",
        "mah",
        "nm",
        "mm",
        "cm",
        "ms",
        "h",
        "u",
        "hs",
        "hx",
        "g",
        "f",
        "kf",
        "ks",
        "t",
        "v",
        "d",
        "x",
        "xlarge",
        "x3d",
    }
)

PLURAL_SUFFIXES = frozenset({"s", "es"})

# Misspellings seen in the wild -> the word meant
TYPO_FIXES: dict[str, str] = {
    "ultral": "ultra",
    "utlra": "ultra",
    "ulta": "ultra",
    "geforece": "geforce",
    "gefore": "geforce",
    "nvdia": "nvidia",
    "nivida": "nvidia",
    "nvida": "nvidia",
    "nvidea": "nvidia",
    "radon": "radeon",
    "raedon": "radeon",
    "supper": "super",
    "supr": "super",
    "tesia": "tesla",
    "quadra": "quadro",
    "macbok": "macbook",
    "stuido": "studio",
    "studoi": "studio",
    "sutdio": "studio",
    "makbook": "macbook",
    "rtz": "rtx",
    "rxt": "rtx",
    "gtz": "gtx",
    "laptpo": "laptop",
    "labtop": "laptop",
    "thredripper": "threadripper",
    "threadriper": "threadripper",
    "rizen": "ryzen",
    "ryzn": "ryzen",
    "xoen": "xeon",
    "epic": "epyc",
    "tis": "tisuper",
}


# words that name a sibling of a card, written after its number ("3090 Ti", "7900 XTX", "7900 GRE")
SIBLING_WORDS = frozenset({"ti", "super", "xt", "xtx", "gre"})
# product lines written before a card's number ("RTX 3090", "GTX 1080", "RX 7900")
SERIES_WORDS = frozenset({"rtx", "gtx", "rx"})
# words that say a card's memory was changed from what it is sold with
MOD_WORDS = frozenset({"modded", "modified", "魔改", "魔改版"})
# words for a graphics card ("my card has 12GB", "2 cards (3090)")
CARD_WORDS = frozenset({"card", "gpu", "graphics", "vga", "videocard", "graphicscard"})
