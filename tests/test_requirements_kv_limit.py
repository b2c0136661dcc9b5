"""Requirements where the KV cache (users x context), not the weights, is what no rig holds: the
answer says so with the cache's size, proposes a rig that holds it (or says none does), lists the
rigs too small for one reason in one line, and names every model asked."""

from __future__ import annotations

from bot.answers import answer_text
from sizing import Catalog, requirements


def test_the_kv_cache_of_many_users_is_named_as_the_limit(catalog: Catalog) -> None:
    spec = catalog.get("qwen3-235b-a22b")
    assert spec is not None
    req = requirements(spec, context=131072, users=50, quant="Q4_K_M")
    told = " ".join((req.summary, *req.notes))
    assert "1,262 GB of KV cache" in told and "50 users at 131,072 tokens each" in told
    assert "(142 GB of weights)" not in req.summary  # the weights alone are not what is short
    # rigs too small for one reason: one line, not a line per rig
    assert len(req.notes) <= 4 and all(n.count("cannot hold it") == 1 for n in req.notes)


def test_a_rig_is_proposed_when_one_holds_every_users_cache(catalog: Catalog) -> None:
    a = answer_text("what hardware do I need for qwen3 235b at 128k context for 50 users?", catalog)
    assert a.rigs and "KV cache" in a.verdict  # type: ignore[attr-defined]
    assert all(r.estimate.memory.total_gb > 140 for r in a.rigs)  # type: ignore[attr-defined]


def test_no_model_asked_is_dropped_from_a_requirements_answer(catalog: Catalog) -> None:
    a = answer_text(
        "what hardware do I need for deepseek r1, kimi k2, qwen3 235b, llama 3.1 405b and glm 4.5 at 128k?",
        catalog,
    )
    assert "Not sized here: GLM-4.5 355B-A32B" in a.verdict and "ask about it on its own" in a.verdict
