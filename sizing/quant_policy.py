"""Which quantization to recommend: quality first, speed as a warning.

Quality is read in bands of mean KL divergence against FP16 (llama.cpp's Llama 3 8B scoreboard,
catalog/data/quants.yaml), the same bands `quality_label` words:

    0  good        KLD < 0.05   practically lossless or a small loss: Q8_0 ... Q4_K_M, IQ4_XS, FP8, AWQ
    1  acceptable  KLD < 0.15   a noticeable loss, about 3.5 bits: Q3_K_M, IQ3_M, Q4_0
    2  costly      KLD < 0.5    a large loss: IQ3_XXS, Q2_K
    3  severe      KLD >= 0.5   1-2 bits: IQ2_XXS, IQ1_S

The pick, from the options that run at the asked context:

1. Of the acceptable ones (bands 0-1) that are usable (fully on the GPUs, or offloaded yet at the
   wished speed): the best band; in it, on the GPUs before offloaded; then step 4.
2. Else of the acceptable ones at any speed (a slow, offloaded run at 4 bits beats 1-2 bits on the
   GPU): the same order.
3. Else of everything that runs: the best band first. Below ~3.5 bits only when nothing better runs.
4. Inside one band and placement: the best quality when it keeps the wished speed; otherwise the
   best quality among those within 10 % of the fastest reachable speed (speeds that close are one
   speed within an estimate's range), so a slow run is not made slower for a loss no one can see.
   Offloaded (layers or experts in system RAM, or CPU only), the best quality among those within
   10 % of the fastest of the band, whatever the wish: there every token reads the offloaded bytes
   from system RAM, so speed falls with each bit (Qwen3 30B A3B on an 8 GB laptop GPU: Q4_K_M at
   ~24 tokens/s against Q8_0 at ~14), while inside the good band the loss stays below what the
   KLD scoreboard calls small. Except where the band is costly or severe (2-3) and none of it
   reaches the wished speed: then the best quality of the band, since every option is too slow
   either way and a step there is a large loss (Qwen3-Coder 480B on two 3090s and 128 GB: IQ2_XXS,
   mean KLD 0.81, at ~4.1 tokens/s rather than IQ1_S, 2.21, at ~4.6).
   System RAM keeps the OS's share in every placement (the pools).
   An option that holds the asked context with an f16 KV cache comes before one that needs a quantized
   cache for it: a quantized cache at the asked context is a fit at the edge, with no room to grow the
   context (Qwen3 32B on a 24 GB card: Q4_K_M with room, not Q5_K_M at 8k). Unless the option with an
   8-bit cache is better even with the cache's own loss counted and clearly faster (by more than the 10 %
   the speed estimate is trusted to): an 8-bit (q8_0) K and V cache adds about 0.0008 to the mean KL
   divergence (github ggml-org/llama.cpp PR 7412, f16/q8_0/q8_0 0.00098 against 0.00019 all-f16), far less
   than a step between weight quantizations (Phi-4 on a 12 GB card: Q4_K_M with a q8_0 cache, faster than
   IQ4_XS with f16, is the pick; Qwen3 30B A3B at 128k on a 32 GB card: Q6_K with a q8_0 cache at ~115
   tokens/s, not Q4_K_M with f16 at ~95, whose larger cache is read at every token).
   16-bit weights give way to a narrower practically lossless option (FP8, Q8_0: mean KLD below 0.01)
   that is clearly faster: the same quality to a reader at about twice the speed (Gemma 4 31B on three
   3090s under vLLM: FP8 at ~20 tokens/s, not BF16 at ~13).
5. A fit that holds only under an OS setting that takes memory from the OS (a raised macOS GPU
   wired limit) is not usable in step 1, and inside a band and placement a fit within the OS's
   default share comes first: Llama 3.3 70B on a 64 GB Mac is MLX-4bit inside the default limit,
   with the raise named as the way to MLX-6bit. The raise is picked when nothing acceptable runs
   without it.

So the chosen option's band is never worse than that of any option that fits fully on the GPUs or
runs at the wished speed, and no option in its band and placement is both better and as fast.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .vocabulary import SEVERE_KLD

__all__ = [
    "ACCEPTABLE_KLD",
    "AS_FAST",
    "CACHE_8BIT_KLD",
    "GOOD_KLD",
    "PRACTICALLY_LOSSLESS_KLD",
    "SPEED_TOLERANCE",
    "WIRED_LIMIT_SETTING",
    "Candidate",
    "pick",
    "placement_rank",
    "quality_band",
    "raises_os_limit",
]

# below: practically lossless (Q8_0 0.0014, FP8 ~0.0015, Q6_K 0.0055), the words of `quality_label`
PRACTICALLY_LOSSLESS_KLD = 0.01
GOOD_KLD = 0.05  # below: a small loss at most (Q4_K_M 0.031, IQ4_XS 0.036)
# the mean KL divergence an 8-bit K and V cache adds (llama.cpp PR 7412: 0.00098 with q8_0 K and V,
# 0.00019 with f16)
CACHE_8BIT_KLD = 0.0008
ACCEPTABLE_KLD = 0.15  # below: about 3.5 bits and up (Q3_K_M 0.102, IQ3_M 0.103; IQ3_XXS is 0.184)
SPEED_TOLERANCE = 0.9  # speeds within 10 % of each other count as one speed
AS_FAST = 0.97  # a speed at least this share of another's is as fast, within the estimate's noise
_PLACEMENT_RANK = {"gpu": 0, "partial": 1, "cpu": 2, "no": 3}


def quality_band(kld: float) -> int:
    """0 good, 1 acceptable, 2 costly, 3 severe (see the module text)."""
    if kld < GOOD_KLD:
        return 0
    if kld < ACCEPTABLE_KLD:
        return 1
    if kld < SEVERE_KLD:
        return 2
    return 3


def placement_rank(verdict: str) -> int:
    return _PLACEMENT_RANK[verdict]


# the setting that lets a Mac's GPU wire more of the unified memory than macOS's default share
# (`sudo sysctl iogpu.wired_limit_mb=N`: github ml-explore/mlx-lm README.md @d78bf58e, "Large Models")
WIRED_LIMIT_SETTING = "iogpu.wired_limit_mb"


def raises_os_limit(flags: Iterable[str]) -> bool:
    """Whether a placement's settings (their flags as written) raise an OS memory limit: memory the
    OS keeps by default goes to the model."""
    return any(WIRED_LIMIT_SETTING in f for f in flags)


@dataclass(frozen=True, slots=True)
class Candidate:
    """What the pick reads of one option: its quality, where it runs, how fast."""

    kld: float
    verdict: str  # gpu, partial, cpu or no
    decode_tps: float
    kv_penalty: int = 0  # 0 for an f16 KV cache, 1 for an 8-bit one, 2 below: a (small) loss too
    raised_limit: bool = False  # fits only under a raised OS limit (macOS's GPU wired limit)
    bits: float = 0.0  # the weights' bits (16 for BF16); 0 where not told

    @property
    def band(self) -> int:
        return quality_band(self.kld)

    @property
    def offloaded(self) -> bool:
        return placement_rank(self.verdict) > placement_rank("gpu")

    def usable(self, min_tps: float) -> bool:
        return not self.raised_limit and (self.verdict == "gpu" or self.decode_tps >= min_tps)


def _in_band(pool: list[tuple[int, Candidate]], min_tps: float) -> int:
    band = min(c.band for _, c in pool)
    same = [(i, c) for i, c in pool if c.band == band]
    rank = min(placement_rank(c.verdict) for _, c in same)
    same = [(i, c) for i, c in same if placement_rank(c.verdict) == rank]
    if any(not c.raised_limit for _, c in same):
        same = [(i, c) for i, c in same if not c.raised_limit]  # the OS's default share first (step 5)

    def quality(item: tuple[int, Candidate]) -> tuple[int, float, int]:
        return (item[1].kv_penalty, item[1].kld, item[0])

    top = _eight_bits_for_sixteen(min(same, key=quality), same)
    fastest = max(c.decode_tps for _, c in same)
    if top[1].offloaded and fastest < min_tps and top[1].band >= 2:
        return _with_8bit_cache(top, same)  # too slow either way, and a step costs much quality (step 4)
    if top[1].offloaded:
        target = fastest  # offloaded, every bit is read from system RAM each token (step 4)
    elif top[1].decode_tps >= min_tps:
        return _with_8bit_cache(top, same)
    else:
        target = min(min_tps, fastest)
    chosen = min(((i, c) for i, c in same if c.decode_tps >= SPEED_TOLERANCE * target), key=quality)
    return _with_8bit_cache(chosen, same)


def _eight_bits_for_sixteen(
    chosen: tuple[int, Candidate], same: list[tuple[int, Candidate]]
) -> tuple[int, Candidate]:
    """The chosen option, or where it is 16-bit weights, the best of the narrower practically lossless
    ones (FP8, Q8_0) that is clearly faster: the same quality to a reader, at the speed of half the bytes
    (step 4's exception)."""
    c = chosen[1]
    if c.bits < 16:
        return chosen
    faster = [
        (i, o)
        for i, o in same
        if 0 < o.bits < 16
        and o.kld < PRACTICALLY_LOSSLESS_KLD
        and o.kv_penalty <= c.kv_penalty
        and o.decode_tps * SPEED_TOLERANCE > c.decode_tps
    ]
    return min(faster, key=lambda item: (item[1].kld, item[0])) if faster else chosen


def _with_8bit_cache(chosen: tuple[int, Candidate], same: list[tuple[int, Candidate]]) -> int:
    """The chosen option (an f16 cache), or the best option with an 8-bit cache that is better with the
    cache's loss counted and at least as fast, within noise (step 4's exception): finer weights at no
    cost in speed are never named after a coarser pick as "the best quality"."""
    c = chosen[1]
    if c.kv_penalty != 0:
        return chosen[0]
    better = [
        (i, o)
        for i, o in same
        if o.kv_penalty == 1 and o.kld + CACHE_8BIT_KLD < c.kld and o.decode_tps >= AS_FAST * c.decode_tps
    ]
    return min(better, key=lambda item: (item[1].kld, item[0]))[0] if better else chosen[0]


def pick(candidates: Sequence[Candidate], min_tps: float) -> int | None:
    """Index of the option to recommend, or None when none runs."""
    runs = [(i, c) for i, c in enumerate(candidates) if c.verdict != "no"]
    acceptable = [(i, c) for i, c in runs if c.band <= 1]
    usable = [(i, c) for i, c in acceptable if c.usable(min_tps)]
    for pool in (usable, acceptable, runs):
        if pool:
            return _in_band(pool, min_tps)
    return None
