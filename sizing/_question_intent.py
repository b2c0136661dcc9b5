"""What a sentence asks for, beyond the model and the rig: the kind of question and the wishes that
shape its answer.

Kinds: "what hardware do I need for X" / "how many 4090s for X" (requirements), "what's the largest
model I can run on Y" (capacity), and the cues of a choice between rigs or models (compare).
Wishes: the slowest speed that will do ("at least 5 tok/s", "10+ t/s"), what comes first
("fastest", "best quality", "cheapest"), the context depth the speed is wanted at ("at 32k context
filled") and the kinds of rig named as candidates ("a Mac", "consumer cards", "data-center GPUs").
Cues are written for English first, then for the languages people ask in most (German, French,
Spanish, Portuguese, Russian, Chinese, Japanese, Korean). Every function reads lowercased text.
"""

from __future__ import annotations

import functools
import re

from ._lazy_re import AnyMatch, LazyPattern
from .vocabulary import MAX_CONTEXT, Prefer, RigKind

__all__ = [
    "COMPARED_THAN",
    "asks_capacity",
    "asks_context_limit",
    "asks_how_many",
    "asks_memory_need",
    "asks_requirements",
    "asks_requirements_beyond_a_mac",
    "budget_words",
    "choice_words",
    "context_per_slot",
    "gloss",
    "not_a_language_model",
    "owns_hardware",
    "read_best",
    "read_both_speeds",
    "read_budget",
    "read_depth",
    "read_max_usd",
    "read_min_tps",
    "read_prefer",
    "read_prompt_speed",
    "read_ram_budget",
    "read_users",
    "reads_uncensored",
    "rig_kinds_named",
    "shared_context",
    "someone_elses_rig",
    "spaced",
    "with_question_words",
    "without_ram_budget",
]

_GPU_NOUN = (
    r"(?:gpus?|cards?|graphics\s*cards?|video\s*cards?|accelerators?|macs?|mac\s*studios?|mac\s*minis?|macbooks?|"
    r"(?:dgx\s*)?sparks?|nodes?|servers?|(?:[a-z]{1,3}\s?)?\d{2,4}(?:\s?(?:ti|xtx|xt|super|pro))?s|"
    r"[abh]\d{2,3}s|mi\d{3}x?s|[pv]\d{2,3}s)"
)
_BRANDS = r"(?:(?:nvidia|amd|intel|rtx|gtx|rx|radeon|geforce|tesla|instinct|used|new|more|of)\s+)*"
# a card's name, then the noun counted: "h100 gpus", "4090 cards", "rtx pro 6000 gpus", "a100 80gb cards"
_NAMED_CARDS = (
    r"(?:[a-z]{1,3}\s?)?\d{2,4}(?:\s?(?:ti|xtx|xt|x|super|pro|ada|blackwell))?(?:\s?\d{2,3}\s?gb?)?"
    r"\s+(?:gpus?|cards?|graphics\s*cards?|units?)\b"
)
_RIG_NOUN = (
    r"(?:hardware|gpus?|graphics\s*cards?|cards?|rig|setup|machine|pc|computer|mac|macbook|mac\s*studio|"
    r"build|config(?:uration)?|system|box|server|specs?|vram)"
)
_DC = r"(?:h100|a100|h200|b200|gb200|mi300x?|mi325x?|data\s*-?\s*cent(?:er|re)|datacenter|server|enterprise)"

# "how many 4090s", "what hardware do I need", "minimum GPU for", "would it need H100s", "can a Mac run"
_REQUIREMENTS = LazyPattern(
    "|".join(
        (
            rf"\bhow\s+many\s+{_BRANDS}{_GPU_NOUN}\b",
            # a card's number left singular where the question ends or goes on to the need: "how many
            # rtx pro 6000?", "how many 3090 do I need", "how many h100 for ..."
            rf"\bhow\s+many\s+{_BRANDS}(?:[a-z]{{1,3}}\s?\d{{2,4}}|\d{{3,4}})"
            r"(?:\s?(?:ti|xtx|xt|x|super|pro|ada|blackwell))?"
            r"(?=\s*(?:[?？]|$|(?:do|would|will|should|to|for|are|is|i|we|needed|required)\b))",
            # ... or with the noun after the card's name: "how many h100 gpus can deploy r1", "how many 4090
            # cards would it take"
            rf"\bhow\s+many\s+{_BRANDS}{_NAMED_CARDS}",
            r"\bhow\s+much\s+(?:v?ram|memory|gpu\s+memory|unified\s+memory|hardware|compute)\b"
            r".{0,40}?\b(?:need|needed|require|required|take|for|to\s+run|at)\b",
            # the question ends on it, the model named before: "llama 3.3 70b, how much vram?"
            r"\bhow\s+much\s+(?:v?ram|memory|gpu\s+memory|unified\s+memory)\s*(?:[?？]|$)",
            # "how much vram total with a q4_0 cache?", "how much memory in total"
            r"\bhow\s+much\s+(?:v?ram|memory|gpu\s+memory|unified\s+memory)\s+(?:in\s+)?total\b",
            # ("which model should a Mac Studio run" asks for a model: no "model" among the words skipped)
            rf"\b(?:what|which)(?:'s|s)?\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?"
            rf"(?:(?!models?\b|llms?\b)\w+\s+){{0,2}}?{_RIG_NOUN}\b"
            r".{0,40}?\b(?:need|needed|require|required|to\s+run|take|buy|get|for|"
            r"(?:would|could|can|will)\s+(?:run|handle))\b",
            r"\b(?:hardware|system|gpu|vram|ram|memory|minimum)\s+(?:requirements?|reqs?)\b",
            # "help me with the hardware configuration and setup that will be required to deploy"
            r"\b(?:hardware|gpu|server)\s+(?:configuration|config|setup|specs?)\b[^?.!\n]{0,40}?"
            r"\b(?:required|needed)\b",
            # "detailed specification of the computer hardware to run X", "what kind of processor is needed"
            r"\bspecifications?\s+of\s+the\s+(?:\w+\s+)?hardware\b",
            r"\bwhat\s+(?:kind|sort|type)\s+of\s+(?:processor|cpu|ram|memory)\s+(?:is|are)\s+(?:needed|required)\b",
            r"\brequirements?\s+(?:for|to\s+run|of)\b|\bwhat\s+are\s+the\s+requirements\b",
            rf"\b(?:minimum|min|cheapest|least\s+expensive|lowest\s+cost|most\s+affordable|budget|smallest)"
            rf"\s+(?:\w+\s+)?{_RIG_NOUN}\b",
            r"\bwhat\s+(?:would|will|does|do)\s+(?:it|that|this)\s+(?:take|need)\b",
            r"\b(?:cheapest|least\s+expensive|most\s+affordable|best)\s+(?:way|setup|option|build|rig)\s+to\s+run\b",
            r"\bwhat\s+(?:does\s+it|would\s+it|will\s+it)\s+take\s+to\s+run\b",
            rf"\b(?:best|good|recommended|ideal)\s+(?:\w+\s+)?{_RIG_NOUN}\b[^?.!]{{0,24}}?\b(?:for|to\s+run|to\s+buy)\b",
            r"\bwhat\s+(?:can|could|should|do)\s+i\s+run\s+[^?.!]{1,60}?\s+on\s*[?.!]*\s*$",
            r"\bwhat\s+(?:do|would|will|should)\s+i\s+(?:need|buy|get)\b|\bwhat\s+(?:to|should\s+we)\s+buy\b",
            r"\b(?:do|would|will)\s+i\s+need\b",
            rf"\b(?:need|needs|needed|require|requires)\s+(?:an?\s+|some\s+|\d+x?\s+|multiple\s+|several\s+)?"
            rf"{_DC}",
            r"\b(?:can|could|would|will|is)\s+(?:a|an|any|one|some)\s+(?:(?:single\s+)?(?:mac|macbook|"
            r"mac\s*studio|mac\s*mini|consumer|gaming|regular|normal|home)|single\s+(?:gpu|card|graphics\s*card))\b",
            r"\bon\s+(?:consumer|gaming|regular|normal|home|desktop)\s+(?:hardware|gpus?|cards?|pcs?|machines?)\b",
            # "能否在消费级电脑跑 X", "消费级显卡能跑 X 吗": on a consumer-grade computer, card or platform
            r"(?:在|用)\s*消费级\s*(?:的\s*)?(?:电脑|显卡|硬件|平台|gpu|pc)"
            r"|消费级\s*(?:的\s*)?(?:电脑|显卡|硬件|平台|gpu|pc)\s*上?\s*(?:能|可以|跑|部署|运行)",
            # "can macs run X", "should I buy a mac or a pc for X": kinds of rig asked about, none owned
            r"\b(?:can|could|would|will|do)\s+(?:macs|macbooks|mac\s*studios|mac\s*minis|laptops|"
            r"(?:consumer|gaming)\s+(?:gpus|cards|pcs))\b",
            r"\bshould\s+i\s+(?:buy|get|build)\s+(?:an?\s+)?(?:mac|macbook|mac\s*studio|mac\s*mini|pc|laptop|"
            r"desktop|server|workstation|gpu|card)\b",
            r"\b(?:consumer|gaming)\s+(?:hardware|gpus?|cards?)\s+(?:do|run|handle)\b",
            # German, French, Spanish, Portuguese, Russian, Chinese, Japanese, Korean
            r"\bwelche\s+(?:hardware|grafikkarte|gpu|karte)|\bbrauche\s+ich\b|\bbenötige\s+ich\b"
            r"|\bwie\s+viele\s+(?:grafikkarten|gpus|karten)\b|\b(?:hardware|system)anforderungen\b",
            r"\bquel\s+(?:matériel|gpu|pc|config)|\bai-je\s+besoin\b|\bcombien\s+de\s+(?:gpu|cartes)\b"
            r"|\bconfiguration\s+requise\b",
            r"\bqu[ée]\s+(?:hardware|gpu|tarjeta|equipo)\b.{0,30}\bnecesit|\bcu[áa]ntas\s+(?:gpus?|tarjetas)\b"
            r"|\brequisitos\b|\bquantas\s+(?:gpus?|placas)\b|\bque\s+hardware\s+preciso\b",
            r"сколько\s+(?:видеокарт|gpu|карт)|какое\s+железо|какая\s+видеокарта|что\s+нужно|требования"
            r"|нужно\s+для|нужна\s+для",
            # "显存需要多少", "推理显存要多少" (the memory named first, then how much it needs)
            r"(?:显存|內存|内存)\s*(?:需要|需|要|得)\s*(?:多少|多大)|"
            # "是否内存需要满足700+", "显存要达到80G吗": whether the memory must reach an amount
            r"(?:显存|內存|内存)\s*(?:需要|需|要|得|必须)\s*(?:满足|达到|大于|超过|至少)|"
            r"多少显存|多少内存|多少(?:张|块)(?:显卡|卡)|需要什么(?:型号|规格|样)?的?\s*(?:配置|显卡|硬件|gpu)|推荐什么配置"
            r"|最低(?:显存|内存|硬件)?配置|配置要求|硬件要求",
            # "所需的配置", "所需硬件" (the configuration a model needs; "所需显存为292G" tells a figure)
            r"所需\s*的?\s*(?:配置|硬件|显卡)",
            # "硬件需求是什么", "需要多少的gpu", "在哪些GPU芯片可以跑", "最小GPU内存", "要什么配置"
            r"(?:硬件|显卡|显存|gpu)\s*需求|需要多少的?\s*(?:gpu|显卡|卡)|哪些\s*(?:gpu|显卡|卡)"
            r"|最小\s*(?:的\s*)?(?:gpu\s*)?(?:显存|内存)|要什么(?:样的)?\s*(?:配置|显卡|硬件|gpu)"
            # "需要多大显存" / "多大的显存" (how large a memory), often typed "多大得显存"
            r"|多大\s*[的得]?\s*(?:显存|内存|gpu\s*内存)",
            r"何枚|必要な\s*(?:vram|スペック|gpu|メモリ)|どれくらいの\s*(?:vram|メモリ)|推奨スペック",
            r"몇\s*장|얼마나\s+필요|권장\s+사양|필요한\s+사양|어떤\s*(?:그래픽\s*카드|gpu|사양|하드웨어)\s*\S{0,2}\s*필요",
        )
    )
)
# more ways of asking what a model needs: "cheapest way to get X running", "..., which GPU?", and
# the amount of memory asked in German, French, Spanish, Portuguese and Russian
_REQUIREMENTS_MORE = LazyPattern(
    "|".join(
        (
            r"\b(?:cheapest|least\s+expensive|most\s+affordable|best|easiest)\s+(?:way|setup|option|build|rig)\s+"
            r"to\s+(?:get|have)\b[^?.!]{1,60}?\b(?:running|going|working|up|local(?:ly)?)\b",
            r"\b(?:with\s+|on\s+)?(?:what|which)\s+(?:\w+\s+)?(?:gpus?|cards?|graphics\s*cards?|hardware)\s*[?!.]*\s*$",
            # "how can I get 300 tok/s with X? with which GPU or how?", "how many GB does X require?"
            r"\b(?:with|on)\s+(?:what|which)\s+(?:kind\s+of\s+)?(?:gpus?|cards?|graphics\s*cards?|hardware)\b",
            r"\bhow\s+many\s+(?:gb|gigs?|gigabytes)\b[^?.!]{0,40}?\b(?:need|needs|require|requires|required|take)\b",
            # how much memory a model takes when it runs as it should: "how much VRAM should X use?",
            # "how much memory is X supposed to take", "X 正常运行显存应占用多少", "显存占用多少"
            r"\bhow\s+much\s+(?:v?ram|memory|gpu\s+memory)\s+(?:should|is)\s+(?:[^?.!]{1,50}?\s)?"
            r"(?:use|take|consume|occupy|supposed\s+to\s+(?:use|take))\b"
            r"|(?:显存|内存)\s*应该?\s*(?:占用|占)\s*(?:多少|多大)|正常\s*(?:运行|推理|使用)?[^?？。，,]{0,8}?占用\s*多少",
            # "advice on the most suitable CPU and GPU configurations", "recommendations for the GPU"
            rf"\b(?:most\s+)?suitable\s+(?:\w+\s+){{0,3}}?{_RIG_NOUN}\b",
            # "is there a gpu that can run X", "hardware needed for X", "X 需要几张 4090"
            rf"\bis\s+there\s+(?:a|an|any)\s+(?:\w+\s+)?{_RIG_NOUN}\s+(?:that|which)\s+(?:can|could|will|would)\s+"
            r"(?:run|handle|fit|load)\b",
            rf"\b{_RIG_NOUN}\s+(?:needed|required)\s+(?:for|to\s+run)\b",
            r"几\s*(?:张|块|台)",
            # whether it takes that many cards: "does it really need 8 GPUs to run?", "要8卡才能跑吗"
            r"\b(?:need|needs|require|requires)\s+(?:\d{1,2}|two|three|four|six|eight)\s*x?\s*(?:[a-z]{0,3}\d{2,4}\w*\s+)?"
            r"(?:gpus?|cards?|graphics\s*cards?)\b[^?.!]{0,16}[?]"
            r"|(?:需要|要)\s*\d{1,2}\s*(?:张|块)?\s*(?:显)?卡\s*(?:才(?:能|可以)(?:跑|运行|部署)(?:起来)?)?\s*(?:吗|么|嘛|[?？])",
            # "需要多少个A100的GPU", "大概需要多少算力"
            r"多少\s*(?:个|张|块|台)\s*(?:(?:[a-z]+\s*)?\d+\w*|gpu|显卡|卡)|多少\s*(?:的\s*)?算力|什么\s*算力",
            rf"\brecommendations?\s+for\s+(?:the\s+|a\s+)?(?:\w+\s+){{0,2}}?{_RIG_NOUN}\b",
            r"\bwie\s*viel\s+(?:v?ram|speicher|grafikspeicher|arbeitsspeicher)\b|\b(?:braucht|benötigt)\s+man\b",
            r"\bcombien\s+de\s+(?:v?ram|mémoire)\b|\bfaut[\s-]il\b",
            r"\bcu[áa]nta\s+(?:v?ram|memoria)\b|\bnecesit(?:o|a|as|amos|aría)\b"
            r"|\bquanta\s+(?:v?ram|memória)\b|\bpreciso\b",
            r"сколько\s+(?:видеопамяти|памяти|vram|озу|оперативн)",
            # "which card gets me the most tok/s", "budget is $600", "预算5000元，买什么"
            r"\b(?:what|which)\s+(?:\w+\s+)?(?:gpus?|cards?|graphics\s*cards?|hardware|mac|setup)\s+"
            r"(?:gets?|gives?|would\s+(?:get|give)|runs?|handles?)\b",
            r"\bbudget\s+(?:is|of|around|about|~|:)?\s*[$€£]?\s*\d|买什么|买哪个|买哪款|预算",
            # "most cost effective way to run X", "gpu recommendation for X", "is it possible on a Mac?"
            r"\b(?:most\s+)?cost[\s-]*effective\s+(?:way|setup|option|build|rig|gpus?|cards?|hardware)\b",
            # "what do llama3 8b and 70b need?", "what does qwen3 235b need to run?"
            r"\bwhat\s+(?:do|does|would|will)\s+(?!i\b|you\b|we\b)(?:[^?.!;]|(?<=\d)\.(?=\d)){1,60}?\s+need\b",
            # "hardware specifications required to run the models", "memory footprints of X, Y and Z"
            r"\b(?:hardware|gpu|system)\s+spec(?:ification)?s?\s+(?:required|needed|for|to\s+run)\b"
            r"|\bmemory\s+footprints?\s+(?:of|for)\b",
            # "the bare minimum to run X", "looking to buy hardware for X"
            r"\b(?:bare\s+)?minimum\s+(?:to\s+run|needed|required|i\s+need)\b",
            # "evaluating whether to go full Intel for my next inference build": hardware to buy
            r"\b(?:my|our|the|a)\s+next\s+(?:\w+\s+)?(?:build|rig|machine|pc|server|setup|workstation|box)\b",
            # "minimal GPU memory needed to run X", "对GPU有什么硬性要求"
            r"\b(?:minimal|minimum|min)\s+(?:\w+\s+){0,2}?(?:v?ram|memory)\s+(?:needed|required|to\s+run)\b",
            r"硬性要求|有什么(?:硬性)?要求|(?:gpu|显卡|显存|硬件)\s*(?:的\s*)?要求",
            r"\b(?:buy|buying|build|building)\s+(?:a\s+|some\s+|new\s+)?(?:hardware|gpus?|rig|pc|machine|computer|"
            r"setup|server)\s+(?:for|to\s+run)\b",
            r"\b(?:gpu|hardware|card|rig|build|pc|mac|setup)\s+(?:recommendations?|suggestions?|advice)\b",
            r"\b(?:on|with)\s+(?:a|an|any)\s+(?:mac(?:book(?:\s+(?:pro|air))?|\s*studio|\s*mini)?|laptop|"
            r"gaming\s+(?:pc|laptop)|consumer\s+(?:gpu|card|hardware))\s*[?.!]*\s*$",
        )
    )
)
_HOW_MANY = LazyPattern(
    rf"\bhow\s+many\s+{_BRANDS}(?:{_GPU_NOUN}\b|{_NAMED_CARDS})|сколько\s+(?:видеокарт|gpu|карт)|多少(?:张|块)|几\s*(?:张|块)|何枚"
)

# "what's the largest model I can run", "how big a model fits", "max model size", "biggest MoE"
_CAPACITY = LazyPattern(
    "|".join(
        (
            r"\b(?:largest|biggest|max(?:imum)?|largest\s+possible|biggest\s+possible)\s+(?:\w+\s+){0,2}?"
            r"(?:models?|llms?|moes?|dense|model\s+sizes?|params?|parameters?|parameter\s+counts?)\b",
            r"\bhow\s+(?:big|large)\s+(?:of\s+)?(?:an?\s+)?(?:\w+\s+)?(?:models?|llms?|moes?)\b",
            r"\bhow\s+(?:big|large)\s+(?:can|could|may)\s+(?:the\s+|a\s+|my\s+)?(?:models?|llms?)\b",
            r"\bwhat\s+(?:size|sizes|size\s+of)\s+(?:of\s+)?(?:\w+\s+)?(?:models?|llms?|moes?)\b",
            r"\bwhat\s+model\s+sizes?\b|\bmax(?:imum)?\s+model\s+size\b|\bmodel\s+size\s+limit\b",
            r"\bhow\s+many\s+(?:parameters|params|billions?|b)\b",
            # "would this let me run the larger models?", "to run bigger models"
            r"\brun\s+(?:the\s+|even\s+)?(?:larger|bigger)\s+(?:models?|llms?|ones)\b",
            # "up to what size can I go", "what size can I run"
            r"\bup\s+to\s+what\s+size\b|\bwhat\s+size\s+can\s+(?:i|we)\s+(?:go|run|load|fit)\b",
            # "the largest qwen I can run", "biggest one we could fit", "upper limit of model size"
            r"\b(?:largest|biggest)\s+(?:\w+\s+){0,2}?(?:i|we|you)\s+(?:can|could)\s+(?:run|fit|load|use|host)\b",
            r"\blimit\s+(?:of|on|for)\s+(?:the\s+)?model\s+sizes?\b|\bmodel\s+size\s+(?:ceiling|cap)\b",
            r"\bhow\s+(?:big|large|high)\s+(?:of\s+a\s+model\s+)?can\s+(?:i|we|you|it)\s+go\b"
            r"|\bwhat\s+(?:parameter|param)\s+(?:count|size)s?\b",
            r"\bgrößte[ns]?\s+(?:\w+\s+)?modell|\bwie\s+groß(?:e[ns]?)?\s+(?:\w+\s+){0,2}modell",
            r"\bmodelo\s+más\s+grande\b|\bqué\s+tamaño\s+de\s+modelo\b|\bmaior\s+modelo\b"
            r"|\b(?:qu[ée]\s+tan|cu[áa]n|quão)\s+grande\b[^?.!]{0,30}\bmodelo\b",
            r"\bplus\s+(?:grand|gros)\s+modèle\b|\bquelle\s+taille\s+de\s+modèle\b",
            r"самую\s+большую\s+модель|самая\s+большая\s+модель|модель\s+какого\s+размера",
            r"最大(?:能|可以)(?:跑|部署|运行|加载)|(?:能|可以)(?:跑|部署|运行|加载)(?:得了|的)?多大|最大的模型"
            r"|能(?:跑|部署|运行)的最大|最大のモデル|どのくらいの(?:大きさ|サイズ)のモデル"
            # "at most, which / what size can it run": "最多能部署哪个 Qwen 模型", "最多可以运行到哪个
            # 模型规模"
            r"|最多(?:能|可以|可)(?:跑|部署|运行|加载|推理|用)(?:得了|到)?[^?？。!！]{0,16}?(?:哪|什么|多大|多少)"
            r"|(?:가장|제일)\s*큰\s*모델",
        )
    )
)

# "best model for", "what should I run", "fastest decent model", "good model for roleplay"
_BEST = LazyPattern(
    r"\b(best|which|what)\b.{0,40}\b(models?|llms?)\b|\brecommend|\bsuggest"
    r"|\bbest\s+(?:coding|code|chat|reasoning)\b"
    r"|\bwhat\s+(?:should|can|could|would)\s+i\s+(?:run|try|download|pick)\b|\bwhat\s+to\s+(?:run|try)\b"
    r"|\bwhat\s+(?:can|could|will|would)\s+(?:a|an|my|the|this|these|two|\d+x?)\b[^?.!]{0,60}?\brun\b"
    r"|\bwhat\s+(?:(?:can|will|would)\s+)?runs?\s+(?:well\s+|best\s+)?on\b"
    # "what runs best for coding on X"
    r"|\bwhat\s+(?:(?:can|will|would)\s+)?runs?\s+(?:best|well)\s+(?:for|as)\b"
    r"|\b(?:run|handle)\s+(?:anything|something)(?:\s+(?:decent|good|useful|usable|worth))?\b"
    r"|\b(?:anything|something)\s+(?:decent|good|useful|usable|worth\s+\w+)\b[^?.!]{0,40}?\brun\b"
    r"|\b(?:fastest|good|decent|top|strongest|smartest|recommended)\b.{0,30}\b(?:models?|llms?)\b"
    r"|\bwhat\s+(?:should|can|could|would)\s+i\s+be\s+(?:running|using)\b"
    r"|\b(?:smartest|best|strongest|most\s+capable)\s+(?:thing|one|option|stuff)\b"
    r"|\bwhat(?:'s|\s+is|s)\s+the\s+(?:best|smartest|strongest)\s+(?:i|we|you)\s+(?:can|could)\s+(?:run|load|fit)\b"
    r"|\bwhat\s+(?:do|does|are|would)\s+(?:people|you|you\s+guys|folks|others|everyone|y'all)\s+"
    r"(?:run|use|running|using|recommend)\b"
    # "what's good for coding on X", "worth running on", "what can I do with X", "best all-rounder",
    # "good options for 12GB", "looking for a model for reasoning", "where do I start"
    r"|\bwhat(?:'s|\s+is|s)?\s+(?:good|decent|best|worth\s+running)\s+(?:for|to|on)\b|\bworth\s+(?:running|trying)\b"
    # the question left at the end of a clause: "..., he wants a local chatbot, what's good?", "what
    # would be decent?"; and asked for someone else: "what should he run", "what could my kid try"
    r"|\bwhat(?:'s|\s+is|s|\s+would\s+be|\s+are)\s+(?:good|decent|best|usable|worth\s+it)(?:\s+(?:ones?|options?))?"
    r"\s*(?:[?.!,)]|\blol\b|$)"
    r"|\bwhat\s+(?:should|can|could|would)\s+(?:he|she|they|my\s+\w+)\s+(?:run|try|download|pick)\b"
    r"|\bwhat\s+can\s+(?:i|we|you)\s+do\s+with\b|\bwhere\s+(?:do|should|can)\s+(?:i|we)\s+start\b"
    r"|\b(?:best|good|decent|solid)\s+(?:all[\s-]?rounders?|daily\s+drivers?|options?|picks?|choices?)\b"
    r"|\b(?:looking|searching)\s+for\s+(?:an?\s+|some\s+)?(?:\w+\s+)?(?:models?|llms?)\b"
    # "what else choice do I have", "what other options do I have", "a shortlist of candidate models"
    r"|\bwhat\s+(?:else|other)\s+(?:choices?|options?)\b|\bwhat\s+(?:choices?|options?)\s+do\s+(?:i|we)\s+have\b"
    r"|\b(?:shortlist|candidates?)\b[^?.!]{0,40}?\b(?:models?|llms?)\b"
    # "is there any model which will give fast answers on it?"
    r"|\bany\s+(?:good\s+|decent\s+|fast\s+)?(?:models?|llms?)\s+(?:which|that)\b"
    # a better one sought against a model named: "anything better than X", "any model stronger than X",
    # "alternatives to X", "有比 X 更好的选择吗"
    r"|\b(?:anything|something|(?:any|another|other|some)\s+(?:\w+\s+)?(?:models?|llms?|options?|choices?))\s+"
    r"(?:better|stronger|smarter|more\s+capable|more\s+powerful)\s+than\b|\balternatives?\s+(?:to|for)\b"
    r"|有(?:没有|沒有)?(?:什么|哪些|其他|别的)?(?:模型)?比[^?？。，,]{1,40}?更(?:好|强|合适|适合|优)"
    # "can we get a model supported for 24GB RAM?", "is there a model that fits a 12GB card?"
    r"|\b(?:get|find|is\s+there)\s+(?:a|an|some)\s+(?:\w+\s+)?(?:models?|llms?)\s+"
    r"(?:supported|that|which|for|to\s+(?:run|fit)|fitting|running)\b"
    # German, French, Spanish, Portuguese, Russian, Chinese, Japanese, Korean
    r"|\bwelche[snmr]?\s+(?:\w+\s+)?(?:modell|llm|ki)\b|\bwas\s+(?:kann|soll|sollte)\s+ich\b[^?.!]{0,40}?\blaufen\b"
    # "was empfehlt ihr für eine 4090?", "que me conseillez-vous pour une 4090 ?"
    r"|\bempf(?:ehl|iehl)\w*|\bconseill(?:ez|es|er)\b"
    r"|\bquel(?:le)?s?\s+(?:\w+\s+)?(?:modèles?|llms?)\b|\bque\s+(?:puis-je|peut-on)\s+faire\s+tourner\b"
    r"|\bqu[ée]\s+(?:\w+\s+)?(?:modelos?|llms?)\b|\bqual\s+(?:\w+\s+)?(?:modelos?|llms?)\b|\brecomi?end"
    r"|\bкак(?:ую|ая|ие|ой|ое)\s+(?:\w+\s+)?(?:модел|llm)|посоветуйте|порекомендуйте"
    r"|что\s+(?:можно\s+|стоит\s+|лучше\s+)?(?:запустить|поставить|гонять)"
    r"|\bqu[ée]\s+puedo\s+(?:correr|ejecutar)\b|\bo\s+que\s+(?:posso|consigo)\s+rodar\b"
    # "哪个模型", and with a family named between: "哪个qwen的模型", "什么 Qwen 模型"
    r"|(?:什么|哪个|哪款|哪些)\s*(?:[a-z][a-z0-9.\-]*\s*)?的?\s*模型|推荐.{0,6}模型|模型推荐"
    r"|(?:最好|最强|最聪明).{0,4}模型"
    r"|どのモデル|おすすめ|(?:一番|最も|最強).{0,6}モデル|어떤\s*모델|추천"
)

# what follows 还是 when it means "still": a verb of what happened, a negation, an adverb
_STILL_AFTER = (
    r"(?:不|没|沒|报|報|会|會|很|太|一样|一樣|出现|出現|跑不|无法|無法|慢|爆|卡"
    r"|失败|失敗|提示|显示|顯示|发生|發生|遇到|出错|出錯|oom|out\s+of)"
)
# any comparative before "than" weighs two things ("is X quicker than Y", "more accurate than",
# "schneller als"); a bound is no choice ("smaller than 14b but bigger than 7b", "older than 2024")
# "then" typed for "than" counts where a size follows it ("slower then 30b variant"); "faster then I'll
# buy it" is a clause
COMPARED_THAN = (
    r"(?!other\b|weniger\b|smaller\b|bigger\b|larger\b|greater\b|fewer\b|newer\b|older\b|under\b)"
    r"\w+er\s+(?:than|als|then(?=\s+(?:the\s+|an?\s+)?\d))|(?:more|less)\s+[a-z]+\s+than"
)
# a choice between two things (models or rigs): "3090 or 4090", "qwen3 32b vs gemma 3 27b",
# "a 4090 over two 3090s", "4090 oder zwei 3090", a comparative before "than"
_CHOICE_WORDS = (
    # ("compared to other architectures", "... to others": no second thing named, no choice)
    r"\b(?:or|vs\.?|versus|compared\s+(?:to|with)(?!\s+(?:the\s+)?(?:other|others|rest|previous)\b)|against|"
    r"instead\s+of|rather\s+than|over|"
    rf"{COMPARED_THAN}|beats?|outperforms?|oder|или|либо|против)\b"
    # Spanish/Italian "o", French "ou": a word between spaces, never a letter of "d.o.c.p." or "i/o"
    r"|(?<![^\s(])(?:ou|o)(?![^\s)])"
    r"|と|或者|或"
    # 还是 is "or" between two things, and "still" before what happened: "11GB 还是报错" (still fails),
    # "8*A10 还是没办法跑起来" (still cannot run it)
    # ("但是还是", "可是还是": "but still", never "or")
    rf"|(?<!但是)(?<!可是)(?<!但)(?<!却)(?<!卻)(?:还是|還是)(?!\s*{_STILL_AFTER})"
)
# "A 和 B 哪个": "and" asked as "which" (each 和 looks ahead to its clause's end: tried only where 哪 is)
_AND_WHICH = r"|和(?=[^?？。]*(?:哪个|哪一个|哪款|哪個))"
_CHOICE_REST = (
    # Korean "A와 B 중", "A 또는 B" (particles apart after `spaced`)
    r"|(?<=\s)[와과](?=\s)|또는|아니면"
    # Chinese "A比B慢很多吗", "A 比 B 快多少": a comparative weighs the two ("比较慢" is "rather slow",
    # "比如" "for example": no second thing)
    r"|(?<![对對相])比(?![较較如例率特])(?=[^，,。？?！!\n]{1,40}?(?:快|慢|好|强|強|差|聪明|聰明|省|大|小|高|低))"
    # "how much faster is a 5090 than a 4090", "schneller als eine 4090", "быстрее чем 3090": "than"
    # before a device, apart from its adjective
    r"|\b(?:than|als|чем)(?=\s+(?:an?\s+|the\s+|my\s+|one\s+|two\s+|eine[nmr]?\s+|meine[nmr]?\s+|zwei\s+|\d+\s*x\s*)?"
    r"(?:rtx\s*|gtx\s*|rx\s*|radeon\s*)?"
    r"(?:\d{4}|[abhl]\d{2,3}|m[1-5]|mi\d{2,3}|p\d{2})\b)"
)
CHOICE = LazyPattern(_CHOICE_WORDS + _AND_WHICH + _CHOICE_REST)
_CHOICE_BUT_WHICH = LazyPattern(_CHOICE_WORDS + _CHOICE_REST)  # the same for text with no 哪

# "my 3090", "I have 2x 3090", "mein", "我有": the rig is the asker's own
_OWNS = LazyPattern(
    # (not "my next build", "my future rig": one to buy)
    r"\b(?:my(?!\s+(?:next|future|planned|upcoming)\b)|mine|i\s+have|i've\s+got|i\s+got|i\s+own|i'?m\s+on"
    r"|currently\s+(?:have|running|using))\b"
    # "I'm now using M3 with 10 gpu cores": the rig in use is the asker's
    r"|\bi(?:'m|\s+am)\s+(?:now\s+|currently\s+)?using\b"
    r"|\bmeine?[mnrs]?\b|\bmon\b|\bma\b|\bmes\b|\bmi\b|\bmis\b|\bmeu\b|\bminha\b|у\s+меня|мо[йяё]|我有|我的|私の|내\s"
    # "我 8*A10 还是跑不起来", "我只有一张48G的显卡", "我用两张4090", "我这边是8卡A100"
    r"|我\s+(?=\d)|我(?:只有|手上有|用|这边|们有|们的)"
    # "我是用X，使用4张3090", "我在用", "我目前使用": the rig in use is the asker's
    r"|我(?:是|在|正在|目前|现在)(?:用|使用)"
    # what it did on the rig: "X on rtx 3090 runs slow", "it OOMs on my card"
    r"|\b(?:runs?|running|ran|is|was)\s+(?:very\s+|really\s+|so\s+|too\s+|quite\s+|extremely\s+)?"
    r"(?:slow|slowly)\b|\booms\b|\bruns?\s+out\s+of\s+memory\b"
    # "会爆显存", "提示显存不足", "显存溢出": it ran out of memory on the rig told
    r"|爆显存|显存不足|显存溢出"
    # "调小参数都还无法启动，显存为24g,4090": it would not even start on the rig told
    r"|无法启动|启动不了|起不来"
    # "使用4张4090加载X报错了", "it fails to load on 2x 3090": a load that failed on the rig told;
    # "performance with M1 Pro 16GB: is it normal?": what the rig told does, judged
    r"|报错|加载失败|运行失败|跑不起来|跑不动|\b(?:fails?|failed)\s+to\s+(?:load|run|start)\b"
    r"|\bis\s+(?:it|this|that)\s+normal\b|正常吗"
)

_TPS_UNIT = r"(?:t/s|tok/s|tks?/s|tokens?/s(?:ec)?|tokens?\s+(?:a|per)\s+sec(?:ond)?|tps)"
_TPS_UNIT_SAID = LazyPattern(_TPS_UNIT)  # what every match of _MIN_TPS holds
_MIN_TPS = (
    re.compile(
        r"(?:at\s+least|min(?:imum)?|>=?|over|above|more\s+than|faster\s+than|still\s+gives?|gives?|"
        r"keeps?|at|with|of|mindestens|au\s+moins|al\s+menos|не\s+меньше|至少)\s*~?\s*"
        rf"(\d+(?:\.\d+)?)\s*\+?\s*{_TPS_UNIT}"
    ),
    re.compile(rf"(?<!\d)(\d+(?:\.\d+)?)\s*\+\s*{_TPS_UNIT}"),
    re.compile(rf"(?<!\d)(\d+(?:\.\d+)?)\s*{_TPS_UNIT}\s+or\s+(?:more|faster|better|higher|above)"),
    # a need said without "at least" (a speed aimed at): "I need 100 tok/s", "we require 50 t/s", "aiming
    # for 40 tps", "how can I get 300 tokens per second", "want to achieve 50+ t/s",
    # "target of 30 tok/s", "can it hit 80 tok/s", "enough to reach 60 t/s", "brauche 50 tok/s",
    # "can a 7950x hit 50 tok/s", "需要100 tok/s"; and after the figure: "100 tok/s minimum",
    # "50 t/s is a must" ("I get 30 tok/s" reports a speed, and is no need)
    LazyPattern(
        r"(?:\bneeds?|\bneeded|\bwants?|\brequires?|\brequired|\blooking\s+for|\baim(?:ing)?\s+(?:for|at)"
        r"|\btarget(?:ing)?(?:\s+(?:of|is))?|\bgoal\s+(?:of|is)|\bmust\s+(?:do|hit|reach|get|be)"
        r"|\b(?:can|could|will|would|does|do)\s+(?:i|it|we|that|this|they)\s+(?:get|hit|reach|achieve|do|manage)"
        r"|\bto\s+(?:get|hit|reach|achieve|do|manage)|(?<!\bi\s)(?<!\bwe\s)(?<!only\s)\b(?:hit|reach)"
        r"|\bbrauche|\bbenötige|\bnecesito|\bbesoin\s+de|需要|要)"
        rf"\s*(?:about\s+|around\s+|roughly\s+)?~?\s*(\d+(?:\.\d+)?)\s*\+?\s*{_TPS_UNIT}"
    ),
    LazyPattern(
        rf"(?<![\d.])(\d+(?:\.\d+)?)\s*{_TPS_UNIT}\s+(?:minimum|min\b|needed|required|is\s+a\s+must"
        r"|is\s+(?:the\s+)?(?:minimum|goal|target)|at\s+(?:the\s+)?(?:least|minimum))"
    ),
)
# A number is matched from its first digit ((?<!\d)): the leftmost match starts there anyway, and
# without it a long run of digits costs time quadratic in its length.
# a generating rate as people write it: "t/s", "tok/s", "tokens/s", "tps", "tokens per second"
_RATE = r"(?:t/s|tk/s|tok/s|toks/s|tokens?/s(?:ec)?|tps|tokens?\s+(?:per|a)\s+sec(?:ond)?)(?![\w/])"
_PREFER: tuple[tuple[Prefer, LazyPattern], ...] = (
    (
        # speed for the money: "fastest per dollar", "best value", "price/performance", "tok/s per $"
        # (before "fastest" and "cheapest", which these words hold)
        "value",
        LazyPattern(
            r"\bper\s+(?:dollar|buck|euro|\$|€)|/\s*\$|\b(?:best|better|good|great|most)\s+value\b"
            r"|\bvalue\s+for\s+(?:the\s+|your\s+)?money\b|\bprice[\s/-]*(?:to[\s-]*)?perf(?:ormance)?\b"
            r"|\bperf(?:ormance)?\s*(?:per|/)\s*(?:dollar|price|\$)"
        ),
    ),
    (
        "cost",
        LazyPattern(
            # ("got a K80 for cheap", "so cheap" say what a card cost, not what comes first; the look
            # behind is tried only where a word starts, not at every character of a long message)
            r"\bcheap(?:est|er)\b|\b(?<!\bfor )(?<!\bso )cheap\b|\bbudget\b|\bleast\s+expensive\b"
            r"|\blowest\s+cost\b|\baffordable\b"
            r"|\bcost[\s-]*effective\b|\bbang\s+for\s+(?:the\s+|your\s+)?buck\b"
        ),
    ),
    (
        "quality",
        LazyPattern(
            r"\b(?:best|highest|top|max(?:imum)?)\s+quality\b|\bmost\s+accurate\b|\bquality\s+first\b"
            r"|\bleast\s+(?:quality\s+)?loss\b|\bsmartest\s+quant"
        ),
    ),
    (
        "speed",
        LazyPattern(
            r"\bfastest\b|\bfaster\b|\bquickest\b|\bmost\s+tok(?:ens)?/s\b|\bhighest\s+speed\b"
            # one vocabulary for "more speed": "which gives more t/s?", "higher tok/s", "tok/s is
            # higher on which", "quicker", "speedier", "more tokens per second", "哪个更快"
            rf"|\b(?:more|higher|most|highest|better|max(?:imum)?)\s+{_RATE}"
            rf"|{_RATE}\s+(?:is\s+|are\s+|would\s+be\s+)?(?:higher|better|more)\b"
            r"|\bquicker\b|\bspeedier\b|\bhigher\s+throughput\b|更快|最快|速度快"
            # speed named as what decides: "for speed, A or B?", "speed-wise", "which is better ... speed?"
            r"|\bfor\s+(?:raw\s+)?speed\b|\bspeed[\s-]?wise\b|\bin\s+terms\s+of\s+speed\b"
            r"|\bprioriti[sz]e\s+speed\b|\bbetter\b[^?？.]{0,80}?\bspeed\s*[?？]"
        ),
    ),
)
# "at 32k context filled", "with 32k tokens in the context", "32k into the chat", "at a depth of 16k"
_DEPTH = LazyPattern(
    r"(?:at|with)\s+(\d+(?:\.\d+)?)\s*k\s+(?:tokens?\s+)?(?:of\s+)?(?:context\s+)?"
    r"(?:filled|full|used|already\s+in|in\s+(?:the\s+)?(?:context|cache|chat|conversation)|deep)\b"
    r"|(?<!\d)(\d+(?:\.\d+)?)\s*k\s+(?:tokens?\s+)?(?:into|deep\s+into)\s+(?:the\s+|a\s+)?(?:context|chat|conversation)"
    r"|\bdepth\s+(?:of\s+)?(\d+(?:\.\d+)?)\s*k\b|\bcontext\s+(?:filled|full)\s+(?:to|at|with)\s+(\d+(?:\.\d+)?)\s*k\b"
    r"|\bat\s+(?:a\s+)?(\d+(?:\.\d+)?)\s*k\s+(?:tokens?\s+)?(?:of\s+)?depth\b"  # "at 32k depth"
    # the speed asked, or seen to fall, once that many tokens are in: "what speed should I see at 30k",
    # "drops to 20 at 30k"
    r"|\bwhat\s+(?:speed|tok/s|t/s|tokens?/s|tps)\s+(?:should|would|will|do|can|could|might)\s+(?:i|we)\s+"
    r"(?:see|get|expect)\s+at\s+(\d+(?:\.\d+)?)\s*k\b"
    rf"|\b(?:drops?|dropping|falls?|falling|slows?(?:\s+down)?|goes\s+down|dips?)\s+to\s+~?\d+(?:\.\d+)?\s*"
    rf"(?:{_TPS_UNIT}\s*)?(?:at|by|around)\s+(\d+(?:\.\d+)?)\s*k\b"
)
# a speed seen once that many tokens are in: "drops to 20 at 30k", "15 t/s at 32k"
_SEEN_AT = LazyPattern(
    rf"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:{_TPS_UNIT}\s*)?(?:at|by|around)\s+(\d+(?:\.\d+)?)\s*k\b"
)


def read_speed_seen_at(s: str, depth: int | None) -> float | None:
    """The speed the asker sees once `depth` tokens are in ("drops to 20 at 30k"), or None."""
    if depth is None:
        return None
    for m in _SEEN_AT.finditer(s):
        if int(float(m.group(2)) * 1024) != depth:
            continue
        if _FALLS.search(s[max(0, m.start() - 30) : m.start()]) or _reported(s, m.start()):
            value = float(m.group(1))
            return value if 0 < value <= 100_000 else None
    return None


_FALLS = LazyPattern(r"\b(?:drops?|dropping|falls?|falling|slows?(?:\s+down)?|goes\s+down|dips?)\s+to\s+~?$")
_PROMPT = LazyPattern(
    r"\bprompt\s+(?:processing|eval(?:uation)?|speed)\b|\bprefill\b|\bpp\s?512\b|\btime\s+to\s+first"
)
# generating asked beside it ("prompt processing and generation", "pp512 and tg128", "prefill vs decode")
_GENERATION = LazyPattern(r"\b(?:(?:token\s+)?generation|generating|decod(?:e|ing)|tg\s?128)\b")

# kinds of rig named as candidates, not as the asker's own
_RIG_KINDS: tuple[tuple[RigKind, LazyPattern], ...] = (
    (
        "mac",
        LazyPattern(
            r"\b(?:a|any|which|what|the|one)\s+(?:mac|macbook(?:\s+pro)?|mac\s*studio|mac\s*mini)s?\b|\bmacs\b"
            r"|\b(?:mac\s*studios|mac\s*minis|macbooks)\b"
        ),
    ),
    (
        "consumer",
        LazyPattern(
            r"\b(?:consumer|gaming|desktop|home)\s+(?:hardware|gpus?|cards?|pcs?)\b|\bat\s+home\b"
            r"|消费级\s*(?:的\s*)?(?:电脑|显卡|硬件|平台|gpu|pc)"  # "consumer-grade computer"
        ),
    ),
    (
        "datacenter",
        LazyPattern(
            r"\bdata\s*-?\s*cent(?:er|re)\b|\bdatacenter\b|\bserver\s+gpus?\b|\benterprise\s+gpus?\b"
        ),
    ),
    ("workstation", LazyPattern(r"\bworkstation\b")),
    (
        "unified",
        LazyPattern(r"\bunified[\s-]+memory\s+(?:box|machine|pc|computer|system)s?\b|\bmini\s*pcs?\b"),
    ),
    (
        "offload",
        LazyPattern(r"\b(?:system\s+)?ram\s+offload|\bexperts?\s+in\s+(?:system\s+)?ram\b|\bcpu\s+offload"),
    ),
    (
        "cpu",
        LazyPattern(
            r"\bcpu\s*-?\s*only\b|\bonly\s+(?:on\s+)?(?:the\s+|a\s+)?cpu\b|\bwith(?:out|\s+no)\s+(?:a\s+|any\s+)?gpus?\b"
            r"|\bno\s+gpus?\b|\bgpu\s*-?\s*less\b|\b(?:on|with)\s+(?:just\s+|only\s+)?(?:the\s+|a\s+)?cpu(?:s|'s)?"
            r"(?:\s+and\s+(?:system\s+)?ram)?\s*(?:alone|only)?(?=\s*[?.!,]|\s*$)|\bcpu\s+inference\b"
            r"|\b(?:system\s+)?ram\s+(?:alone|only)\b|\b(?:just|only)\s+(?:system\s+)?ram\b"
            r"|纯\s*cpu|只用\s*cpu|不用\s*(?:gpu|显卡)|没有\s*(?:gpu|显卡)"
        ),
    ),
)

_CJK = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_CJK_EDGE = re.compile(rf"(?<=[{_CJK}])(?=[A-Za-z0-9])|(?<=[A-Za-z0-9])(?=[{_CJK}])")
# words that make "30B的模型" a model by size for the reader of generic models (English cues only)
_GLOSS = LazyPattern(r"模型|モデル|\bmodels\b|\bmodell\b|\bmodelo\b|\bmodèle\b|модель|모델")


# "qwen的14b", "千问3的32B": the possessive 的 between a name and its size ("Qwen's 14B") joins them
_OF_SIZE = re.compile(r"(?<=[A-Za-z0-9])\s*[的之]\s*(?=\d+(?:\.\d+)?\s*[bB](?![A-Za-z]))")


# "gemma3 27BQ4", "qwen3 32bq4_k_m", "llama 3.1 8BQ8_0,": a quant glued to the size that ends a name
# written in words (a file name or repo id, with a dot, dash, slash or colon after, is left whole)
_SIZE_QUANT_GLUED = LazyPattern(
    r"(?i)(?<=\d[b])(?=(?:i?q[2-8](?:_k(?:_[sml]|_xl)?|_[01]|_k)?|bf16|fp16|f16|fp8)(?![\w.\-/:]))"
)


def spaced(text: str) -> str:
    """Text with a space where Chinese, Japanese or Korean script meets Latin letters or digits:
    "跑Qwen3 32B吗" reads like "跑 Qwen3 32B 吗", so names and sizes end where they end; a name and
    its size joined by 的 ("qwen的14b") read as one name; a quant glued to the size ("27BQ4") reads
    as the size and the quant apart."""
    return _SIZE_QUANT_GLUED.sub(" ", _CJK_EDGE.sub(" ", _OF_SIZE.sub(" ", text)))


def gloss(s: str) -> str:
    """`s` with "model" in other languages written as "model" (for the reader of generic sizes)."""
    return _GLOSS.sub(" model ", s)


# the searches that only say whether a cue is there, its word-led alternatives tried only where a word
# starts (several times faster on a long message)
_ANY_REQUIREMENTS = AnyMatch(_REQUIREMENTS.pattern, _REQUIREMENTS.flags)
_ANY_REQUIREMENTS_MORE = AnyMatch(_REQUIREMENTS_MORE.pattern, _REQUIREMENTS_MORE.flags)
_ANY_CAPACITY = AnyMatch(_CAPACITY.pattern, _CAPACITY.flags)
_ANY_BEST = AnyMatch(_BEST.pattern, _BEST.flags)


def asks_requirements(s: str) -> bool:
    return _ANY_REQUIREMENTS(s) or _ANY_REQUIREMENTS_MORE(s)


# "can a Mac mini run X": a kind of machine asked about, unless the question goes on to name which
# one ("can a mac mini m4 16gb run X" asks of that machine)
_A_MAC_ASKED = LazyPattern(
    r"\b(?:can|could|would|will|is)\s+(?:a|an|any|one|some)\s+(?:single\s+)?"
    r"(?:mac\s*studio|mac\s*mini|macbook(?:\s+(?:pro|air))?|mac)\b",
    re.IGNORECASE,
)


def asks_requirements_beyond_a_mac(s: str) -> bool:
    """Whether `s` asks what a model needs in words other than "can a Mac ... run it"."""
    return asks_requirements(_A_MAC_ASKED.sub(lambda m: " " * len(m.group()), s))


# the amount of memory a model needs, asked: "how much memory does it need?", "how much VRAM for X",
# "how many GB does it take", "需要多少显存", "显存要多大" (not the system RAM beside cards, "how much
# system RAM", where "system" stands between)
_MEMORY_NEED = LazyPattern(
    r"\bhow\s+much\s+(?:v?ram|memory|gpu\s+memory|unified\s+memory)\b"
    r"|\bhow\s+many\s+(?:gb|gigs?|gigabytes)\b"
    r"|多少\s*g?\s*(?:的\s*)?(?:显存|内存)|(?:显存|内存)\s*(?:需要|需|要|得)\s*(?:多少|多大)|多大\s*[的得]?\s*(?:显存|内存)"
)


def asks_memory_need(s: str) -> bool:
    """Whether `s` asks how much memory a model needs."""
    return _MEMORY_NEED.search(s) is not None


def asks_how_many(s: str) -> bool:
    return bool(_HOW_MANY.search(s))


def asks_capacity(s: str) -> bool:
    return _ANY_CAPACITY(s)


def read_best(s: str) -> bool:
    return _ANY_BEST(s)


# "torn between a used A6000 and two 3090s", "zwischen einer 3090 und einer 4090": the "and" after
# "between" is the choice; so is the "and" (or "with") after "compare": "compare X and Y", "compare
# qwen3 32b on a 3090 with a 4090", "vergleiche X und Y"
_SAME_CLAUSE = r"(?:[^?.!;]|(?<=\d)\.(?=\d)){1,60}?"  # a version's dot ("llama 3.1") ends no clause
_BETWEEN_AND = LazyPattern(
    rf"\b(?:between|zwischen|entre|между)\s+{_SAME_CLAUSE}\s(?P<and>and|und|et|y|e|и)\s"
    rf"|\b(?:compare|comparing|comparison\s+of|vergleich(?:e|en)?)\s+{_SAME_CLAUSE}\s(?P<with>and|und|with|mit)\s"
)


def choice_words(s: str) -> list[tuple[int, int]]:
    """Where the words of a choice are ("or", "vs", "oder", "と", "and" after "between"): (start,
    end) each, in order (a new list each call: callers add to it)."""
    return list(_choice_spans(s))


# one reading of a question asks for the choice words of the same text from several stages (the kind,
# the models, the rigs compared); on a long message each search costs about a millisecond
@functools.lru_cache(maxsize=16)
def _choice_spans(s: str) -> tuple[tuple[int, int], ...]:
    rx = CHOICE if "哪" in s else _CHOICE_BUT_WHICH
    found = [(m.start(), m.end()) for m in rx.finditer(s)]
    found += [m.span("and" if m.group("and") else "with") for m in _BETWEEN_AND.finditer(s)]
    return tuple(sorted(found))


# a rig of someone else's: "my friend's 4090", "my brother's PC", "a coworker's 3090", "朋友的4090"
_SOMEONE_ELSES = LazyPattern(
    r"\b(?:my|a|his|her|our|their)\s+(?:\w+\s+)?(?:friend|buddy|mate|brother|sister|dad|father|mom|mum|mother|"
    r"son|daughter|cousin|uncle|aunt|colleague|coworker|co-worker|boss|roommate|flatmate|neighbou?r|wife|husband|"
    r"partner|girlfriend|boyfriend|client|customer)(?:'s|s'|’s)\s"
    r"|(?:朋友|同事|同学|哥哥|弟弟|兄弟|老板|客户)(?:的|那)"
)


def someone_elses_rig(s: str) -> bool:
    """Whether the rig told is someone else's ("my friend's 4090 fails to load X"), not the asker's."""
    return _SOMEONE_ELSES.search(s) is not None


def owns_hardware(s: str) -> bool:
    return bool(_OWNS.search(s))


# "3*24G 4090 doesn't work?", "will 2x 3090 work?", "8张4090够吗": whether a rig named does it, the
# rig asked about rather than candidates for a list of what the model needs
_WORKS_ON = LazyPattern(
    r"\b(?:does|doesn'?t|do|don'?t|will|won'?t|would|wouldn'?t|can|can'?t|could)\s+(?:it\s+|that\s+|this\s+|they\s+)?"
    r"work\b|\bis\s+(?:it|that|this)\s+enough\b|够吗|够不够|能不能行|行不行|能行吗"
    # "I'm interested in running X on Y", "trying to run X on Y": the rig it is to run on
    r"|\b(?:interested\s+in|trying\s+to|tried\s+to|planning\s+to|hoping\s+to)\s+run(?:ning)?\s+[^?!\n]{1,80}?\s+on\b"
    # "is it possible to run the 14B model in a 12GB GPU?", "can I run it on a 3090?": a rig put to the test
    r"|\b(?:is\s+it\s+possible|would\s+it\s+be\s+possible|can\s+(?:i|we|you|one))\s+(?:to\s+)?run\s+[^?!\n]{1,80}?"
    # ("on such a system: i9, 3090, 96GB", "on these specs", "on the following machine": the rig told next)
    r"\s+(?:on|in|with)\s+(?:a|an|one|two|my|this|such|these|our|the\s+following|\d)"
    # kept within an amount: "can I keep it within 16GB?", "能限制它在16G以内吗"
    r"|\b(?:keep|limit|fit|squeeze|get)\s+(?:it|this|that|the\s+model)\s+(?:with)?in(?:to)?\s+\d{1,3}\s*(?:gb|gigs?)\b"
    r"|(?:限制|控制|压缩|压)\s*(?:它|到)?\s*在?\s*\d{1,3}\s*g(?:b)?\s*(?:显存\s*)?(?:以内|之内|内)"
)


def asks_if_rig_works(s: str) -> bool:
    return bool(_WORKS_ON.search(s))


def read_tps_now(s: str) -> float | None:
    """The generating speed the asker measures now ("my 4090 runs it at 60 tok/s"), or None."""
    if _TPS_UNIT_SAID.search(s) is None:
        return None
    for rx in (_MIN_TPS[0], _ANY_TPS):
        for m in rx.finditer(s):
            if _reported(s, m.start()) and (rx is _MIN_TPS[0] or not _SOUGHT.search(_clause(s, m.start()))):
                value = float(m.group(1))
                return value if 0 < value <= 100_000 else None
    return None


# any speed with its unit ("17 t/s", "about 20 tok/s"): one had now where its clause tells it so, and
# does not seek a part or a model that would give it ("what gpu gets 50 tok/s", "anything that hits 30")
_ANY_TPS = LazyPattern(rf"(?<![\d.])(\d+(?:\.\d+)?)\s*{_TPS_UNIT}")
_SOUGHT = LazyPattern(r"\b(?:what|which|anything|something|any|best|cheapest|who)\b")


def read_min_tps(s: str) -> float | None:
    """The slowest generation speed that will do, in tokens/s, or None when none is asked."""
    if _TPS_UNIT_SAID.search(s) is None:
        return None  # every pattern holds a speed's unit: one scan spares them all
    for rx in _MIN_TPS:
        m = rx.search(s)
        if m is not None and rx is _MIN_TPS[0] and (_reported(s, m.start()) or _reported_own(s, m.start(1))):
            m = rx.search(s, m.end())  # "my 4090 runs X at 60 tok/s": a speed had now, not one asked
        if m is not None:
            value = float(m.group(1))
            return value if 0 < value <= 100_000 else None
    return None


# a speed told as had now, in the clause before "at 60 tok/s": "my 4090 runs it", "I'm getting", "it
# currently does"; not where that clause asks or wishes ("can my 4090 run it at 60 tok/s", "want it at")
_REPORT_CUE = LazyPattern(
    r"\b(?:runs|gets|generates|outputs|manages|averages|hovers|sits|crawls|gives|gave|hits|reaches|does|did)\b"
    r"|\b(?:i|we)(?:'m|\s+am|'re|\s+are)?\s+(?:currently\s+|only\s+)?(?:get|got|getting|see|seeing|saw|run|running|ran)\b"
    r"|\b(?:and|but)\s+(?:only\s+)?(?:get|got|see|saw)\b"
    # "running qwen3 32b at 35 t/s on my box", "getting 30 t/s on gemma 3 27b with a 4090"
    r"|^\s*(?:currently\s+|been\s+)?(?:running|using|getting|seeing)\b"
    r"|\b(?:currently|right\s+now|at\s+the\s+moment)\b"
)
_WISH_CUE = LazyPattern(
    r"\b(?:can|could|would|will|should|does|do|want|wants|need|needs|hope|goal|target|aim|like)\b|\bto\s+(?:run|get)\b"
)
_CLAUSE_END = re.compile(r"[?!;,\n]|\.(?!\d)")  # a version's dot ("glm-4.7") ends no clause


def _clause(s: str, at: int) -> str:
    """The clause of `s` up to `at`."""
    return s[max((m.end() for m in _CLAUSE_END.finditer(s, 0, at)), default=0) : at]


# a speed the asker goes on to ask about: "at 17 t/s, is that low?", "20 tok/s. normal?"
_JUDGED_AFTER = LazyPattern(
    r"[^?!\n]{0,30}?[,.;:\-]\s*(?:(?:is|isn'?t)\s+(?:that|this|it)\s+|that'?s\s+|it\s+seems\s+)?(?:\w+\s+)?"
    r"(?:low|slow|normal|expected|right|ok|okay|reasonable|fine|too\s+slow|bad|good)\b"
)


# the asker's own card doing a speed, the figure right after the verb: "my 3090 does 25 tok/s", "my
# 4090 gives about 60 t/s" (a "does" that asks, "does my 3090 do 25?", puts no figure after it)
_OWN_CARD_DOES = LazyPattern(
    # (not in a clause that wishes: "a model for my M4 that still gives 20 tok/s")
    r"\b(?:my|our|mine)\b(?:(?!\b(?:that|which|still|would|could|will|can|to|if|should)\b)[^?])*?"
    r"\b(?:does|did|gives|gave|gets|got|runs|manages|averages|hits|pushes)\s+"
    r"(?:it\s+)?(?:at\s+)?(?:about\s+|around\s+|roughly\s+|~\s*|only\s+|just\s+)?$"
)


def _reported(s: str, at: int) -> bool:
    """Whether the speed at `at` is one the asker has now (told in the same clause, or asked about
    after it), not one asked."""
    clause = _clause(s, at)
    if _OWN_CARD_DOES.search(clause):
        return True
    if _WISH_CUE.search(clause):
        return False
    return bool(_REPORT_CUE.search(clause)) or (
        _OWN_RIG.search(clause) is not None and _JUDGED_AFTER.match(s, at) is not None
    )


_OWN_RIG = LazyPattern(r"\b(?:my|our|mine)\b")


def _reported_own(s: str, at: int) -> bool:
    """Whether the figure at `at` is a speed the asker's own card does ("my 3090 gives 110 tok/s")."""
    return _OWN_CARD_DOES.search(_clause(s, at)) is not None


# A price cap: "under $2000", "below 1.5k usd", "budget of $3k", "$2,500 budget", "max 2000 dollars",
# "for less than €1500", "bis 2000€", "预算2000美元", "under 15k rmb", "预算两万块". A bare figure counts
# only with a currency or the word budget beside it: "under 24GB" and "under 10 tok/s" are no prices.
_TEN_THOUSANDS = r"(?:万|千)"  # "2万" is 20,000: the figure alone is no amount
_AMOUNT = (
    rf"(?<![\d.,])(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?!\d|[.,]\d)\s*(?P<k>k\b)?"
    rf"(?!\s*{_TEN_THOUSANDS})"
)
# without a currency, a figure beside "budget" is a price only in thousands ("2k budget"): "a 3060
# budget build" names a card
_THOUSANDS = r"(?<![\d.])(?P<num>\d+(?:\.\d+)?)(?!\d|\.\d)\s*(?P<k>k)\b"
_CURRENCY = (
    r"(?P<cur>\$|usd\b|us\$|dollars?\b|bucks\b|€|eur\b|euros?\b|£|gbp\b|pounds?\b|美元|美金|刀"
    r"|人民币|rmb\b|cny\b|yuan\b|元|块|¥|円|yen\b|jpy\b|₹|inr\b|rupees?\b|\brs\.?(?=\s*\d))"
)
_CAP_WORD = (
    r"(?:under|below|less\s+than|no\s+more\s+than|not\s+more\s+than|at\s+most|up\s+to|max(?:imum)?|within|"
    r"<=?|≤|sub|cheaper\s+than|unter|bis|moins\s+de|menos\s+de|hasta|не\s+дороже|до|以内|以下|不超过|低于)"
)
# what stands between "budget" and its amount: "budget is about", "budget approved is about", "budget
# we have is around", "budget for this: up to", "budget of"
_BUDGET_LINK = (
    r"(?:\s+(?:approved|allocated|available|limit|cap|total|overall|set|we\s+have|i\s+have|we've\s+got|"
    r"i've\s+got|for\s+(?:this|it|hardware|the\s+\w+)))?\s*(?:is|was|of|:|=|would\s+be|will\s+be|should\s+be)?"
    r"\s*(?:about|around|roughly|approximately|approx\.?|~|up\s+to|under|below|at\s+most|max(?:imum)?)?\s*"
)
# a question of what to buy: "what should I buy", "what to get", "what would you buy", "what gpu should I
# buy", "which card can I get", "what graphics card for", "best gpu I can get"
_HARDWARE_NOUN = (
    r"(?:gpus?|graphics\s+cards?|video\s+cards?|cards?|rigs?|builds?|setups?|hardware|pcs?|systems?|macs?)"
)
_WHAT_TO_BUY = (
    r"(?:\b(?:what|which)\b(?:'s|\s+is)?(?:\s+(?:the\s+)?[\w-]+){0,3}?\s+"
    r"(?:(?:should|do|would|could|can)\s+(?:i|we|you)\s+(?:buy|get|pick|choose|recommend|build|go\s+with)"
    r"|to\s+(?:buy|get|pick|choose))\b"
    rf"|\b(?:what|which|best)\s+(?:[\w-]+\s+)?{_HARDWARE_NOUN}(?=\s+(?:for|to|should|would|can|do|under|with)\b|\s*[,?]))"
)
_MAX_USD = (
    LazyPattern(rf"{_CAP_WORD}\s*(?:about\s+|around\s+|~\s*)?{_CURRENCY}\s*{_AMOUNT}"),
    LazyPattern(rf"{_CAP_WORD}\s*(?:about\s+|around\s+|~\s*)?{_AMOUNT}\s*{_CURRENCY}"),
    LazyPattern(rf"\bbudget{_BUDGET_LINK}{_CURRENCY}\s*{_AMOUNT}"),
    LazyPattern(rf"\bbudget{_BUDGET_LINK}{_AMOUNT}\s*{_CURRENCY}"),
    LazyPattern(rf"\bbudget{_BUDGET_LINK}{_THOUSANDS}"),
    LazyPattern(rf"{_CURRENCY}\s*{_AMOUNT}\s*(?:total\s+)?budget\b"),
    LazyPattern(rf"{_AMOUNT}\s*{_CURRENCY}\s*(?:total\s+)?budget\b"),
    LazyPattern(rf"(?<![\d.]){_THOUSANDS}\s*(?:total\s+)?budget\b"),
    LazyPattern(rf"{_AMOUNT}\s*{_CURRENCY}\s*(?:以内|以下|左右)"),
    # money of one's own to spend: "I have $1500 for code completion", "€1.8k to spend"
    LazyPattern(
        rf"\b(?:i\s+have|i've\s+got|i\s+can\s+spend)\s+(?:about\s+|around\s+|~\s*)?{_CURRENCY}\s*{_AMOUNT}"
    ),
    LazyPattern(
        rf"\b(?:i\s+have|i've\s+got|i\s+can\s+spend)\s+(?:about\s+|around\s+|~\s*)?{_AMOUNT}\s*{_CURRENCY}"
    ),
    LazyPattern(rf"(?<![\w$€£]){_CURRENCY}\s*{_AMOUNT}\s+to\s+spend\b"),
    LazyPattern(rf"{_AMOUNT}\s*{_CURRENCY}\s+to\s+spend\b"),
    # an amount in the sentence that asks what to buy: "$3000 for coding, what should I buy?", "with
    # $2000 what should I get for chat?", "what to buy for coding with $3000?"
    # (a price said for a card, "a 3090 at $600", or one of several amounts, is no budget)
    LazyPattern(
        rf"(?<![\w$€£])(?<!\bat\s)(?<!\bat){_CURRENCY}\s*{_AMOUNT}(?!\s*for\s+(?:a|an|one|the|\d+x?)\s)(?=(?:(?![$€£]\s*\d)[^?.!\n]){{0,60}}?{_WHAT_TO_BUY})"
    ),
    LazyPattern(
        rf"(?<![\w$€£])(?<!\bat\s)(?<!\bat){_AMOUNT}\s*{_CURRENCY}(?!\s*for\s+(?:a|an|one|the|\d+x?)\s)(?=(?:(?![$€£]\s*\d)[^?.!\n]){{0,60}}?{_WHAT_TO_BUY})"
    ),
    LazyPattern(
        rf"{_WHAT_TO_BUY}[^?.!\n$€£]{{0,60}}?\bwith\s+(?:only\s+|just\s+|about\s+|around\s+|~\s*)?{_CURRENCY}\s*{_AMOUNT}"
    ),
    # "for $1500" after the question of what to buy, not a price said for a card ("a 3090 for $700")
    LazyPattern(
        rf"{_WHAT_TO_BUY}[^?.!\n$€£]{{0,60}}?(?<!\d\s)(?<!\ds\s)(?<!\bti\s)\b(?:for|under)\s+"
        rf"(?:only\s+|just\s+|about\s+|around\s+|~\s*)?{_CURRENCY}\s*{_AMOUNT}(?!\s*(?:each|apiece|a\s+piece|per)\b)"
    ),
    LazyPattern(
        rf"{_WHAT_TO_BUY}[^?.!\n$€£]{{0,60}}?(?<!\d\s)(?<!\ds\s)(?<!\bti\s)\b(?:for|under|with)\s+"
        rf"(?:only\s+|just\s+|about\s+|around\s+|~\s*)?{_AMOUNT}\s*{_CURRENCY}(?!\s*(?:each|apiece|a\s+piece|per)\b)"
    ),
    # money to spend said at a sentence's start or as the amount spent: "with $1500, ...", "looking to
    # spend around $1500 on a gpu"
    LazyPattern(
        rf"(?:^|[.;!?:]\s*)with\s+(?:only\s+|just\s+|about\s+|around\s+|~\s*)?{_CURRENCY}\s*{_AMOUNT}"
        r"(?!\s*(?:each|apiece|a\s+piece|per)\b)"
    ),
    LazyPattern(
        rf"\bspend(?:ing)?\s+(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|up\s+to\s+|~\s*)?{_CURRENCY}\s*{_AMOUNT}"
    ),
)
# what every match of _MAX_USD without "budget" holds (tried only where a currency's first character
# stands: the alternatives at every character of a long message cost more than the patterns spared)
_CURRENCY_SAID = LazyPattern(rf"(?=[$udbe€£gp美刀人rcy元块¥円j₹i]){_CURRENCY}")
# a figure in Chinese, in units of ten thousand (万) or a thousand (千), spoken ones included:
# "预算两万块人民币" (20,000 yuan), "1.5万以内", "一万五" (15,000), "预算8000元"
_CN_DIGITS = "一二两三四五六七八九"
_CN_BUDGET = LazyPattern(
    r"(?:预算|予算)\s*(?:是|为|は|が|大概|大约|约|在|有|只有)?\s*"
    rf"(?P<num>(?<![\d.])\d+(?:\.\d+)?|[{_CN_DIGITS}十]{{1,2}})\s*(?P<unit>万|千)?(?P<tail>[{_CN_DIGITS}](?![万千]))?\s*"
    r"(?P<cur>块钱|块|元|円|人民币|rmb|cny|美元|美金|刀|usd|\$|欧元|€)?"
    r"|(?P<num2>(?<![\d.])\d+(?:\.\d+)?|[一二两三四五六七八九十]{1,2})\s*(?P<unit2>万|千)(?P<tail2>[一二三四五六七八九](?![万千]))?"
    r"\s*(?P<cur2>块钱|块|元|円|人民币|rmb|美元|美金|刀)?\s*(?:以内|以下|左右|预算|予算)"
)
_CN_VALUES = dict(zip("一二两三四五六七八九十", (1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10), strict=True))
# US dollars per unit of each currency read, from the ECB's euro foreign exchange reference rates of
# 28 February 2025 (per euro: USD 1.0411, GBP 0.82608, CNY 7.5782, JPY 156.96, INR 90.9710;
# https://www.ecb.europa.eu/stats/policy_and_exchange_rates/euro_reference_exchange_rates/html/index.en.html):
# a budget is converted at them, and the answer says so
EXCHANGE_RATES_DATE = "28 February 2025"
_EUR_USD = 1.0411
USD_PER_UNIT: dict[str, float] = {
    "USD": 1.0,
    "EUR": _EUR_USD,
    "GBP": _EUR_USD / 0.82608,
    "CNY": _EUR_USD / 7.5782,
    "JPY": _EUR_USD / 156.96,
    "INR": _EUR_USD / 90.9710,
}
_CURRENCY_CODES = (
    ("EUR", ("€", "eur", "euro", "euros", "欧元")),
    ("GBP", ("£", "gbp", "pound", "pounds")),
    ("CNY", ("人民币", "rmb", "cny", "yuan", "元", "块", "块钱")),
    ("JPY", ("円", "yen", "jpy")),
    ("INR", ("₹", "inr", "rupee", "rupees", "rs", "rs.")),
)
_CURRENCY_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "CNY": "¥", "JPY": "¥", "INR": "₹"}
_KANA = LazyPattern(r"[\u3040-\u30ff]")
# a cap below this is no rig's price ("under $5 an hour"), above it none the answer proposes matters
_MIN_CAP_USD = 100.0
_MAX_CAP_USD = 10_000_000.0


def _code(word: str | None, s: str) -> str:
    """The currency a word names (US dollars for none); "¥" is yen in Japanese text, else yuan."""
    if word is None:
        return "USD"
    w = word.lower()
    if w == "¥":
        return "JPY" if _KANA.search(s) or "yen" in s.lower() else "CNY"
    return next((code for code, words in _CURRENCY_CODES if w in words), "USD")


def _cn_number(num: str, unit: str | None, tail: str | None) -> float:
    """ "两"+"万" is 20,000, "一"+"万"+"五" 15,000, "1.5"+"万" 15,000, "8000" 8,000."""
    if num[0].isdigit():
        value = float(num)
    elif "十" in num:  # "十" 10, "二十" 20, "十五" 15
        tens, _, ones = num.partition("十")
        value = float((_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0))
    else:
        value = float(_CN_VALUES[num[0]])
    scale = {"万": 10_000, "千": 1_000}.get(unit or "", 1)
    return value * scale + (_CN_VALUES[tail] * scale / 10 if tail else 0.0)


# an amount to spend on more system RAM, not on the rig: "a budget of $500 for extra ram", "$300 on
# more memory", "budget is 400 usd for ddr5"
_FOR_RAM = LazyPattern(
    r"\s*(?:to\s+spend\s+)?(?:for|on)\s+(?:some\s+|an?\s+)?(?:extra|more|additional|added|new|an?\s+upgrade\s+of)?"
    r"\s*(?:system\s+)?(?:ram|memory|ddr[45])\b"
)


def read_ram_budget(s: str) -> float | None:
    """An amount said for more system RAM ("a budget of $500 for extra ram"), in US dollars; None
    where no budget is said or it is the rig's."""
    return _in_usd(_read_budget(s, for_ram=True))


def without_ram_budget(s: str) -> str:
    """`s` with an amount said for more system RAM blanked out (as many spaces): no budget of the rig,
    so it neither makes the question one of buying a rig nor asks for the cheapest."""
    if "budget" not in s and _CURRENCY_SAID.search(s) is None:
        return s
    for rx in _MAX_USD:
        m = rx.search(s)
        tail = _FOR_RAM.match(s, m.end()) if m is not None else None
        if m is not None and tail is not None:
            return s[: m.start()] + " " * (tail.end() - m.start()) + s[tail.end() :]
    return s


def read_budget(s: str) -> tuple[float, str] | None:
    """The most the asker will spend on the rig as written: (amount, ISO currency code), or None (an
    amount for more RAM is no cap on the rig)."""
    return _read_budget(s, for_ram=False)


def _read_budget(s: str, *, for_ram: bool) -> tuple[float, str] | None:
    """The budget as written: the rig's, or with `for_ram` the one said for more system RAM."""
    # each match of _CN_BUDGET holds 预算/予算 or 万/千: without them it is not run over the text
    cn = "预算" in s or "予算" in s or "万" in s or "千" in s
    m = _CN_BUDGET.search(s) if cn else None
    if m is not None and not for_ram:
        num, unit, tail, cur = (
            (m["num"], m["unit"], m["tail"], m["cur"])
            if m["num"] is not None
            else (m["num2"], m["unit2"], m["tail2"], m["cur2"])
        )
        if cur in ("美元", "美金", "刀", "usd", "$"):
            code = "USD"
        elif cur is None:  # a budget said in Chinese or Japanese, in its own money
            code = "JPY" if _KANA.search(s) else "CNY"
        else:
            code = _code(cur, s)
        return _cn_number(num, unit, tail), code
    if "budget" not in s and _CURRENCY_SAID.search(s) is None:
        return None  # every pattern of _MAX_USD holds a currency or the word budget
    for rx in _MAX_USD:
        m = rx.search(s)
        if m is None or (_FOR_RAM.match(s, m.end()) is not None) != for_ram:
            continue
        groups = m.groupdict()
        value = float(m["num"].replace(",", "")) * (1000 if m["k"] else 1)
        return value, _code(groups.get("cur"), s)
    return None


def read_max_usd(s: str) -> float | None:
    """The most the asker will spend, in US dollars (another currency at the dated reference rates
    above: "预算两万块" is about $2,750), or None."""
    return _in_usd(read_budget(s))


def _in_usd(budget: tuple[float, str] | None) -> float | None:
    """A budget as read, in US dollars; None past the caps a budget is read within."""
    if budget is None:
        return None
    value = budget[0] * USD_PER_UNIT[budget[1]]
    return value if _MIN_CAP_USD <= value <= _MAX_CAP_USD else None


def budget_words(s: str) -> str | None:
    """A budget said in another currency than US dollars, as said and converted ("¥20,000, about $2,748
    at the ECB's reference rates of 28 February 2025"); None for dollars or no budget."""
    budget = read_budget(s)
    usd = _in_usd(budget)
    if budget is None or usd is None or budget[1] == "USD":
        return None
    amount, code = budget
    return (
        f"{_CURRENCY_SIGNS[code]}{amount:,.0f} ({code}), about ${usd:,.0f} at the ECB's reference rates of "
        f"{EXCHANGE_RATES_DATE}"
    )


# several users at once: "for 8 users", "serving 20 people", "10 concurrent requests", "5 users at once",
# "32k context, 8 users"
_USERS = LazyPattern(
    # "50 concurrent users", "50 concurrent chat users": one word may say what the users do
    r"(?<![\d.])(\d{1,5})\s+(?:concurrent|simultaneous|parallel)\s+(?:[a-z]+\s+)?"
    r"(?:users|people|clients|requests|sessions|streams)\b"
    r"|\b(?:for|with|serving|serve|by)\s+(?:up\s+to\s+|about\s+|around\s+|~)?(?<![\d.])(\d{1,5})\s+"
    r"(?:users|people|clients|colleagues|employees|students|seats|devs|developers|engineers|coworkers)\b"
    # the model between: "serve Llama-3.3-70b to about 5 people", "serving qwen3 32b to 20 users"
    r"|\b(?:serve|serving)\s(?:[^.?!;]|\.(?=\d)){1,60}?\bto\s+(?:up\s+to\s+|about\s+|around\s+|~)?(?<![\d.])(\d{1,5})\s+"
    r"(?:users|people|clients|colleagues|employees|students|devs|developers|engineers|coworkers)\b"
    r"|(?<![\d.])(\d{1,5})\s+(?:users|people|requests)\s+(?:at\s+once|at\s+the\s+same\s+time|simultaneously|concurrently)\b"
    # "64 users 4k ctx each", "10 users at 8k context": users with the context each has
    r"|(?<![\d.])(\d{1,5})\s+(?:users|clients)\s*[,(]?\s*(?:with\s+|at\s+)?\d+(?:\.\d+)?\s*k\b"
    # a list item of the setup: "tp 2, 32k context, 8 users", "and 8 users" (not "8 users a day")
    r"|(?:[,;(]|\band)\s*(\d{1,5})\s+users\b(?=\s*(?:[,;.)?!\-–]|$|and\b|at\b|with\b|in\s+parallel\b))"
    # a speed asked per user: "4 users, tok/s each?", "8 people ... how fast for each"
    r"|(?<![\d.])(\d{1,5})\s+(?:users|people)\b(?=[^.?!\n]{0,30}\beach\b)"
)
# llama-server's slots, one conversation each: "--parallel 4", "-np 8" (github ggml-org/llama.cpp
# tools/server/README.md: "-np, --parallel N  number of server slots")
_SLOTS = LazyPattern(r"(?<![\w-])(?:--parallel|-np)[\s=]+(\d{1,3})(?![\w.])")
# llama-server's whole context, which its slots share: "-c 65536", "--ctx-size 32768"
_SERVER_CONTEXT = LazyPattern(r"(?<![\w-])(?:-c|--ctx-size)[\s=]+(\d{1,8})(?![\w.])")
# a group whose members use the model at once: "a team of 10 devs", "for my company of 30 people", "a
# 12-person team", "our 8 developers", "a lab of 5 researchers"
_TEAM = LazyPattern(
    r"\b(?:team|company|office|lab|group|class|department|startup|org(?:anization)?)\s+of\s+(?:about\s+|~|around\s+)?"
    r"(\d{1,5})\b"
    r"|(?<![\d.])(\d{1,5})[\s-]+(?:person|people|member|dev|developer|engineer|seat)\s+"
    r"(?:team|company|office|lab|group|startup|shop|agency|firm|studio|practice|clinic)\b"
    r"|\b(?:for|with|serving|our|my|the)\s+(?:about\s+|~|around\s+)?(?<![\d.])(\d{1,5})\s+"
    r"(?:devs|developers|engineers|programmers|coders|researchers|analysts|staff|teammates|co-?workers|lawyers|"
    r"doctors|agents)\b"
)
# users said in other common frames, English and Chinese: a count of users or seats anywhere ("a 16
# users chatbot", "vllm 64 users, flags?", "a 10-seat license"; not "100 users a day", nor a card's
# number: "3090 users say"), people in a sentence about who uses it ("we are ~15 people", "30 people
# will use it", "shared by 12 colleagues"), and "给 30 个人用", "30个人同时用", "并发 20", "团队 8 人"
_USERS_SAID = LazyPattern(
    r"(?<![\d.])(?<!rtx\s)(?<!gtx\s)(?<!rx\s)(?<!arc\s)(?<![a-z])(?!\d0[5-9]0\b|[5-9][5-9]00\b)(\d{1,5})"
    r"\s*-?\s*(?:concurrent\s+|simultaneous\s+|parallel\s+|active\s+)?(?:users?|seats?)\b"
    r"(?!\s*(?:a|an|per|each|every)\s+(?:day|week|month|year|hour)|\s*(?:daily|weekly|monthly|in\s+total|total))"
    # users who said something are no load: "3 users said it was slow", "2 users here report 40 t/s"
    r"(?!(?:\s+(?:here|on\s+\w+))?\s+(?:said|say|says|report\w*|told|tell|complain\w*|mention\w*|noticed|found|"
    r"think|claim\w*|agree\w*|confirm\w*|recommend\w*|suggest\w*|swear|got|get|see|saw))"
    r"|\b(?:we\s+are|we're|we\s+have|there\s+are|there're|shared\s+by|used\s+by)\s+(?:about\s+|around\s+|roughly\s+|"
    r"~\s*|maybe\s+)?(\d{1,5})\s+(?:people|persons|users|colleagues|employees|staff|devs|developers|engineers|"
    r"students|researchers|coworkers|co-workers)\b"
    r"|(?<![\d.])(\d{1,5})\s+(?:people|persons|colleagues|employees|devs|developers|engineers|students|coworkers)\s+"
    r"(?:will|would|are\s+going\s+to|gonna|could|may|might)?\s*(?:use|using|share|sharing|access|accessing|hit|hitting)\b"
    # (the optional word keeps its own spaces: an optional word then spaces would retry every run of spaces)
    r"|(?:(?:给|供|让)\s*)?(?<![\d.])(\d{1,5})\s*(?:个|名|位)?\s*(?:人|用户|同事|员工|学生)\s*(?:同时|一起|并发)?\s*"
    r"(?:用|使用|访问|在线|共用)"
    r"|(?:并发|同时在线)\s*(?:用户|数|量)?\s*(?:数)?\s*(\d{1,5})"
    r"|(?<![\d.])(\d{1,5})\s*(?:个|路)?\s*并发"
    r"|(?:团队|公司|部门|实验室)[^\d\s]{0,6}\s*(\d{1,5})\s*(?:个|名|位)?\s*人",
    re.IGNORECASE,
)
# two people sharing one box, said without a number: "me and my wife both use it", "my son and I would
# share it", "the two of us", "we both use it at once"; with a verb of using it after (not "me and my
# brother both have a 3090")
_PEOPLE = (
    r"(?:wife|husband|partner|gf|girlfriend|bf|boyfriend|spouse|son|daughter|kid|brother|sister|dad|mom|"
    r"father|mother|roommate|flatmate|friend|buddy|colleague|coworker|co-worker|cofounder|co-founder)"
)
_TWO_OF_US = LazyPattern(
    rf"(?:\b(?:me|i)\s+and\s+my\s+{_PEOPLE}|\bmy\s+{_PEOPLE}\s+and\s+(?:i|me)|\b(?:the\s+)?two\s+of\s+us"
    r"|\bboth\s+of\s+us|\bwe\s+both|\bwe\s+two)\b"
    r"(?=[^.?!\n]{0,60}?\b(?:use|using|share|sharing|chat|chatting|query|querying|hit|hitting|access|prompt)\b)"
)
# a head count said as "N of us" ("3 of us in the lab want X", "three of us would share it", "the 5 of
# us each at 16k"), with a verb of using or wanting it after (not "two of us have a 3090 already")
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_N_OF_US = LazyPattern(
    r"(?<![\d.])\b(\d{1,4}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+of\s+us\b"
    r"(?=[^.?!\n]{0,60}?\b(?:use|using|share|sharing|chat|chatting|query|querying|hit|hitting|access|prompt|"
    r"want|wants|need|needs|each|at\s+once|concurrently|simultaneously)\b)"
)
MAX_USERS = 10_000


# a head count written as a word before the people it counts ("two users at the same time", "four
# people"), or as a Chinese numeral before its measure word ("四个人同时用", "两个人"): read as its figure
_COUNT_WORD_PEOPLE = LazyPattern(
    r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)(?=\s+(?:concurrent\s+|"
    r"simultaneous\s+|parallel\s+)?(?:users|people|persons|colleagues|employees|devs|developers|engineers|"
    r"students|coworkers|clients)\b)"
)
_CHINESE_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_CHINESE_COUNT_PEOPLE = LazyPattern(
    r"(?<![第一两二三四五六七八九十百千万\d])([两二三四五六七八九十])(?=\s*(?:个|名|位)\s*(?:人|用户|同事|员工|学生))"
)


def _count_figures(s: str) -> str:
    """`s` with head counts written in words told as figures ("four people" -> "4 people")."""
    s = _COUNT_WORD_PEOPLE.sub(lambda m: str(_COUNT_WORDS[m.group(1)]), s)
    return _CHINESE_COUNT_PEOPLE.sub(lambda m: str(_CHINESE_COUNT[m.group(1)]), s)


def read_users(s: str) -> int | None:
    """How many people use the model at once ("for 8 users", "10 concurrent requests", "a team of 10
    devs", "me and my wife both use it", "three of us want it", "四个人同时用"), or None."""
    s = _count_figures(s)
    m = _USERS.search(s) or _TEAM.search(s) or _SLOTS.search(s) or _USERS_SAID.search(s)
    if m is None:
        of_us = _N_OF_US.search(s)
        if of_us is not None:
            word = of_us.group(1)
            users = _COUNT_WORDS[word] if word in _COUNT_WORDS else int(word)
            return users if 2 <= users <= MAX_USERS else None
        return 2 if _TWO_OF_US.search(s) else None
    users = int(next(g for g in m.groups() if g))
    return users if 2 <= users <= MAX_USERS else None


def read_prefer(s: str) -> Prefer | None:
    """What the asker puts first: cost ("cheapest"), quality ("best quality") or speed ("fastest").
    A budget with its amount ("budget $1000", "my budget is 2k") is a limit, not a wish for the
    cheapest: rigs over it are out, and among the rest the usual verdict stands."""
    for name, rx in _PREFER:
        m = rx.search(s)
        if m is None:
            continue
        if name == "cost" and _only_a_budget(s, rx):
            continue
        return name
    return None


def _only_a_budget(s: str, cost: re.Pattern[str] | LazyPattern) -> bool:
    """Whether every word of cost in `s` is "budget" and an amount is said for it."""
    said = {m.group(0).lower() for m in cost.finditer(s)}
    return said == {"budget"} and read_budget(s) is not None


# the speed asked once the context asked is full, no figure said again: "tok/s once the context is
# full", "when the window fills up", "at full context"
_FULL_CONTEXT = LazyPattern(
    r"\b(?:once|when|after|by\s+the\s+time)\s+(?:the\s+|my\s+|it'?s?\s+)?(?:context|ctx|window|cache|chat)\s+"
    r"(?:is\s+|gets\s+|has\s+|was\s+)?(?:full|filled|fills(?:\s+up)?|maxed)\b"
    r"|\b(?:at|with)\s+(?:a\s+|the\s+)?(?:full|filled|maxed(?:[\s-]out)?)\s+(?:context|ctx|window)\b"
)


def read_depth(s: str, context: int | None = None) -> int | None:
    """Tokens already in the context the speed is asked at ("at 32k context filled"; "once the context
    is full": the whole `context` asked), or None."""
    m = _DEPTH.search(s)
    if m is None:
        full = context is not None and _FULL_CONTEXT.search(s) is not None
        return context if full else None
    value = float(next(g for g in m.groups() if g))
    tokens = int(value * 1024)
    return tokens if 0 < tokens <= MAX_CONTEXT else None


# the asker wants a model that does not refuse: fine-tunes of a base ("abliterated", "uncensored")
_UNCENSORED = LazyPattern(r"\b(?:uncensored|abliterated|unfiltered|unaligned|nsfw|erp)\b|无审查|未审查")


# "what context can I get", "max context for X on 24GB", "how long a context fits"
_CONTEXT_LIMIT = LazyPattern(
    r"\b(?:what|how\s+much|how\s+long(?:\s+of)?(?:\s+a)?|max(?:imum)?|longest|biggest|largest|most)\s+"
    r"(?:\w+\s+)?(?:context|ctx)\b(?!\s+(?:filled|full|of\s+\d))|\bcontext\s+(?:length\s+)?(?:can|could|would)\s+i\b"
)


# models people ask about that are no language models: image, speech and video generators
_NOT_LLM: tuple[tuple[str, str, LazyPattern], ...] = (
    ("FLUX", "an image model", LazyPattern(r"\bflux(?:\.\d)?(?:[\s-](?:dev|schnell|pro|kontext|krea))?\b")),
    (
        "Stable Diffusion",
        "an image model",
        LazyPattern(r"\bstable[\s-]?diffusion\b|\bsdxl\b|\bsd\s?(?:1\.5|2\.1|3(?:\.5)?)\b"),
    ),
    (
        "Whisper",
        "a speech-to-text model",
        LazyPattern(r"\bwhisper(?:[\s-](?:large|medium|small|base|tiny|turbo))?\b"),
    ),
    (
        "that text-to-speech model",
        "a speech model",
        LazyPattern(r"\b(?:xtts(?:v2)?|kokoro|f5[\s-]?tts|bark)\b"),
    ),
    ("Wan", "a video model", LazyPattern(r"\bwan\s?2\.[125]\b")),
    ("HunyuanVideo", "a video model", LazyPattern(r"\bhunyuan[\s-]?video\b")),
)


def not_a_language_model(s: str) -> str | None:
    """'FLUX is an image model' when the question names an image, speech or video model, else None."""
    for name, what, rx in _NOT_LLM:
        if rx.search(s):
            return f"{name} is {what}; canirun sizes language models (LLMs)"
    return None


def asks_context_limit(s: str) -> bool:
    """The question asks how long a context fits ("what context can I get with X on 24GB?")."""
    return bool(_CONTEXT_LIMIT.search(s))


def reads_uncensored(s: str) -> bool:
    """The question asks for an uncensored (abliterated) model."""
    return bool(_UNCENSORED.search(s))


def read_prompt_speed(s: str) -> bool:
    """The question is about reading the prompt (prompt processing, prefill), not generating."""
    return bool(_PROMPT.search(s)) and not _GENERATION.search(s)


def read_both_speeds(s: str) -> bool:
    """The question asks both speeds: reading the prompt and generating ("for prompt processing and
    generation", "pp and tg")."""
    return bool(_PROMPT.search(s)) and bool(_GENERATION.search(s))


def rig_kinds_named(s: str) -> tuple[RigKind, ...]:
    """The kinds of rig a question names as candidates: "can a Mac run it", "consumer cards"."""
    return tuple(kind for kind, rx in _RIG_KINDS if rx.search(s))


def context_per_slot(s: str, context: int | None) -> int | None:
    """The context each conversation has: llama-server splits its -c among the slots set with
    --parallel ("-np 4 -c 65536" is 16,384 tokens a slot); `context` itself otherwise."""
    shared = shared_context(s)
    if context is None or shared is None or context != shared[0]:
        # a context said in words beside the pasted flags ("-np 4 -c 32768, is that 8k per user?")
        # is what each conversation has: never divided again
        return context
    whole, n = shared
    return max(512, whole // n)


def shared_context(s: str) -> tuple[int, int] | None:
    """llama-server's whole context and the slots that share it, both pasted ("--parallel 4 -c
    32768": (32768, 4)); None where either is missing or there is one slot."""
    slots, server = _SLOTS.search(s), _SERVER_CONTEXT.search(s)
    if slots is None or server is None:
        return None
    n, whole = int(slots.group(1)), int(server.group(1))
    return (whole, n) if n >= 2 and whole >= 128 else None


# question words as typed in a hurry ("wat model can i run", "wich one", "cna i run", "hwo many"): read
# as the words they stand for, so a misspelling never hides what kind of question it is
_QUESTION_WORD_SLIPS = {
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "waht": "what",
    "whta": "what",
    "wats": "what's",
    "wich": "which",
    "whcih": "which",
    "wihch": "which",
    "whihc": "which",
    "cna": "can",
    "hwo": "how",
    "shoud": "should",
    "shuold": "should",
    "coud": "could",
    "woud": "would",
    # the words of a size asked, typed as fast: "the bigest modle", "largst model", "wich modles"
    "bigest": "biggest",
    "biggst": "biggest",
    "bigets": "biggest",
    "largets": "largest",
    "largst": "largest",
    "modle": "model",
    "modles": "models",
    "mdoel": "model",
    "mdoels": "models",
    "moedl": "model",
    "modl": "model",
}
_QUESTION_WORD_SLIP = LazyPattern(
    r"(?<![\w'-])(?:" + "|".join(sorted(_QUESTION_WORD_SLIPS, key=len, reverse=True)) + r")(?![\w'-])",
    re.IGNORECASE,
)


def with_question_words(text: str) -> str:
    """`text` with misspelled question words written as meant ("wat model" -> "what model")."""
    return _QUESTION_WORD_SLIP.sub(lambda m: _QUESTION_WORD_SLIPS[m.group().lower()], text)
