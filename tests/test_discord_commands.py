"""Real INTERACTION_CREATE payloads through discord.py's own CommandTree, answered over HTTP to a
local stand-in of Discord's API; the assertions read the wire JSON the stand-in recorded.

The payload snapshot lives in tests/data/discord_commands.json. When a command changes on
purpose, regenerate it and review the diff:

    .venv/bin/canirun-bot discord --print-commands > tests/data/discord_commands.json
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.discord import CanirunBot
from bot.discord import main as discord_main
from bot.render.discord_limits import embed_size
from bot.stores import MemoryStore
from sizing.vocabulary import MAX_CONTEXT
from tests.conftest import MakeBot
from tests.standins.discord_api import USER_ID, DiscordStandIn, Recorded

SNAPSHOT = Path(__file__).parent / "data" / "discord_commands.json"
EPHEMERAL = 64


async def ask(
    bot: CanirunBot, standin: DiscordStandIn, payload: dict[str, Any], n: int = 1
) -> list[Recorded]:
    """Dispatch like the gateway does, then wait for `n` successful requests about it."""
    return await standin.deliver(bot, payload, n)


def message_data(rec: Recorded) -> dict[str, Any]:
    """The message part of a callback (`data`) or of a followup/edit (the body itself)."""
    return (rec.json or {}).get("data", {}) if rec.route == "callback" else (rec.json or {})


def embed_of(rec: Recorded) -> dict[str, Any]:
    embeds = message_data(rec)["embeds"]
    assert len(embeds) == 1
    return embeds[0]


def is_private(rec: Recorded) -> bool:
    return bool(int(message_data(rec).get("flags") or 0) & EPHEMERAL)


def rendered_text(rec: Recorded) -> str:
    """Everything Discord shows from a message: content, embeds, menu labels (not custom_ids)."""
    data = message_data(rec)
    shown: list[Any] = [data.get("content"), data.get("embeds")]
    for row in data.get("components") or []:
        for c in row.get("components") or []:
            shown += [
                c.get("placeholder"),
                [(o.get("label"), o.get("description")) for o in c.get("options", [])],
            ]
    return json.dumps(shown, ensure_ascii=False)


def assert_no_pings(rec: Recorded) -> None:
    assert message_data(rec)["allowed_mentions"] == {"parse": []}


# --- the command payloads ------------------------------------------------------------------


def test_printed_commands_match_the_snapshot(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)  # printing needs no token
    assert discord_main(["--print-commands"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(SNAPSHOT.read_text()), (
        "command payloads changed: if on purpose, run "
        "`.venv/bin/canirun-bot discord --print-commands > tests/data/discord_commands.json`"
    )


def test_every_command_installs_for_guilds_and_users_and_works_in_dms() -> None:
    for cmd in json.loads(SNAPSHOT.read_text()):
        assert cmd["integration_types"] == [0, 1]
        assert cmd["contexts"] == [0, 1, 2]
        assert len(cmd["description"]) <= 100
    canirun = next(c for c in json.loads(SNAPSHOT.read_text()) if c["name"] == "canirun")
    opts = {o["name"]: o for o in canirun["options"]}
    assert opts["model"]["autocomplete"] and opts["model"]["required"]
    assert opts["quant"]["autocomplete"] and not opts["hardware"]["required"]
    assert (opts["context"]["min_value"], opts["context"]["max_value"]) == (512, MAX_CONTEXT)
    assert "llama.cpp" in [c["value"] for c in opts["engine"]["choices"]]


# --- /canirun ------------------------------------------------------------------------------


async def test_canirun_answers_directly_with_embed_chart_and_menus(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-30b-a3b", "hardware": "RTX 3090, 64GB RAM"})
    [rec] = await ask(bot, standin, p)
    assert rec.route == "callback" and rec.json["type"] == 4
    data = message_data(rec)
    assert not data.get("flags", 0) & EPHEMERAL  # public
    assert_no_pings(rec)
    e = embed_of(rec)
    assert "Qwen3 30B A3B" in e["title"] and e["image"]["url"] == "attachment://memory.png"
    assert embed_size(e) <= 6000 and len(e["fields"]) <= 25 and len(e["description"]) <= 4096
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 for f in e["fields"])
    assert [(f.filename, f.data[:8]) for f in rec.files] == [("memory.png", b"\x89PNG\r\n\x1a\n")]
    assert data["attachments"][0]["filename"] == "memory.png"
    ids = [row["components"][0]["custom_id"] for row in data["components"]]
    assert [i[:10] for i in ids] == ["canirun:q:", "canirun:c:"] and all(len(i) <= 100 for i in ids)


async def test_slow_answer_is_deferred_then_sent_as_one_followup(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot(ack_within_s=0)
    p = standin.slash("canirun", {"model": "gpt-oss-20b", "hardware": "RTX 4060 8GB, 32GB DDR5"})
    defer, followup = await ask(bot, standin, p, 2)
    assert defer.route == "callback" and defer.json["type"] == 5
    assert not (defer.json.get("data") or {}).get("flags", 0) & EPHEMERAL  # public "thinking"
    assert followup.route == "followup" and followup.query.get("wait") in ("1", "true")
    assert_no_pings(followup)
    assert embed_of(followup)["image"]["url"] == "attachment://memory.png"
    assert followup.files[0].filename == "memory.png"
    assert len(standin.of("followup")) == 1


async def test_model_autocomplete_returns_ranked_choices(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    p = standin.autocomplete("canirun", {"model": "qwen3 30"}, "model")
    [rec] = await ask(bot, standin, p)
    assert rec.json["type"] == 8
    choices = rec.json["data"]["choices"]
    assert choices[0]["value"] == "qwen3-30b-a3b"
    assert 1 <= len(choices) <= 25 and all(len(c["name"]) <= 100 for c in choices)


async def test_quant_autocomplete_follows_the_chosen_engine(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    p = standin.autocomplete("canirun", {"model": "qwen3-8b", "engine": "vllm", "quant": "int4"}, "quant")
    [rec] = await ask(bot, standin, p)
    values = [c["value"] for c in rec.json["data"]["choices"]]
    assert values and "Q4_K_M" not in values and {"AWQ-INT4", "GPTQ-INT4"} & set(values)


async def test_owner_select_edits_the_answer_with_the_new_context(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-30b-a3b", "hardware": "RTX 3090, 64GB RAM"})
    await ask(bot, standin, p)
    msg = standin.original(p)
    assert msg is not None
    ctx_menu = msg["components"][1]["components"][0]["custom_id"]
    sel = standin.select(msg, ctx_menu, ["32768"])
    [rec] = await ask(bot, standin, sel)
    assert rec.route == "callback" and rec.json["type"] == 7  # the message itself changes
    assert "32,768 ctx" in embed_of(rec)["fields"][0]["value"]
    assert rec.files and rec.files[0].filename == "memory.png"
    assert_no_pings(rec)
    edited = standin.messages[msg["id"]]
    defaults = [o["value"] for o in edited["components"][1]["components"][0]["options"] if o.get("default")]
    assert defaults == ["32768"]


async def test_someone_elses_select_gets_a_private_answer(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-30b-a3b", "hardware": "RTX 3090, 64GB RAM"})
    await ask(bot, standin, p)
    msg = standin.original(p)
    assert msg is not None
    before = json.dumps(msg["embeds"])
    quant_menu = msg["components"][0]["components"][0]["custom_id"]
    sel = standin.select(msg, quant_menu, ["Q8_0"], user_id=USER_ID + 1)
    [rec] = await ask(bot, standin, sel)
    assert rec.json["type"] == 4 and is_private(rec)
    assert "Q8\\_0" in embed_of(rec)["fields"][0]["value"]
    assert json.dumps(standin.messages[msg["id"]]["embeds"]) == before


async def test_menu_whose_question_is_gone_says_so_privately(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-30b-a3b", "hardware": "RTX 3090, 64GB RAM"})
    await ask(bot, standin, p)
    msg = standin.original(p)
    assert msg is not None
    msg["components"][0]["components"][0]["custom_id"] = "canirun:q:k0123456789abcdef0123"  # no stored state
    sel = standin.select(msg, "canirun:q:k0123456789abcdef0123", ["Q8_0"])
    [rec] = await ask(bot, standin, sel)
    assert is_private(rec)
    assert "expired" in embed_of(rec)["title"]


async def test_long_rig_menus_keep_their_question_in_the_store(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    rig = "RTX 3090 and RTX 3090 Ti and RTX 4090, 128GB DDR4 3200 on a Threadripper 3970X, PCIe 4.0"
    p = standin.slash("canirun", {"model": "llama-3.3-70b", "hardware": rig})
    await ask(bot, standin, p)
    msg = standin.original(p)
    assert msg is not None
    menu = msg["components"][0]["components"][0]["custom_id"]
    assert menu.startswith("canirun:q:k")
    sel = standin.select(msg, menu, ["Q3_K_M"])
    [rec] = await ask(bot, standin, sel)
    assert rec.json["type"] == 7 and "Q3\\_K\\_M" in embed_of(rec)["fields"][0]["value"]


# --- errors are private, with a hint and an example ------------------------------------------


async def test_unknown_model_says_did_you_mean_privately(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "mistral small", "hardware": "RTX 3090"})
    [rec] = await ask(bot, standin, p)
    assert rec.json["type"] == 4 and is_private(rec)
    e = embed_of(rec)
    assert "Did you mean" in json.dumps(e) and "Example" in [f["name"] for f in e["fields"]]
    assert not rec.files and not message_data(rec).get("components")


async def test_no_rig_saved_asks_for_hardware_privately(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    [rec] = await ask(bot, standin, standin.slash("canirun", {"model": "qwen3-8b"}))
    assert is_private(rec)
    assert "/rig set" in json.dumps(embed_of(rec))


async def test_unreadable_hardware_asks_again_privately(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    [rec] = await ask(
        bot, standin, standin.slash("canirun", {"model": "qwen3-8b", "hardware": "asdf qwerty"})
    )
    assert is_private(rec)
    assert "hardware" in embed_of(rec)["description"].lower()


async def test_context_out_of_range_in_a_crafted_payload_is_refused(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-8b", "hardware": "RTX 3090", "context": 100})
    [rec] = await ask(bot, standin, p)
    assert is_private(rec)
    assert "512" in embed_of(rec)["description"]


async def test_deferred_answer_that_turns_out_an_error_ends_private(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot(ack_within_s=0)
    p = standin.slash("canirun", {"model": "zzzz unknown", "hardware": "RTX 3090"})
    recs = await ask(bot, standin, p, 3)
    assert [r.route for r in recs] == ["callback", "delete_message", "followup"]
    assert is_private(recs[2])


async def test_mentions_in_user_text_never_ping_or_link(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    evil = "@everyone <@&123> <@42> [x](javascript:alert(1))"
    answered = [
        await ask(
            bot, standin, standin.slash("canirun", {"model": "qwen3-8b", "hardware": f"RTX 4090 {evil}"})
        ),
        await ask(bot, standin, standin.slash("canirun", {"model": evil, "hardware": "RTX 4090"})),
        await ask(bot, standin, standin.slash("rig", {"text": f"RTX 3090 {evil}"}, sub="set")),
    ]
    for recs in answered:
        for rec in recs:
            blob = rendered_text(rec)
            for live in ("@everyone", "<@&123>", "<@42>", "](javascript", "javascript:alert"):
                assert live not in blob
            assert_no_pings(rec)


# --- /rig, /best, /canirun-help ----------------------------------------------------------------


async def test_rig_set_shows_the_reading_and_asks_about_guesses(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    [rec] = await ask(bot, standin, standin.slash("rig", {"text": "2x 3060, 32GB"}, sub="set"))
    assert is_private(rec)
    e = embed_of(rec)
    assert e["title"] == "Rig saved"
    fields = {f["name"]: f["value"] for f in e["fields"]}
    assert "2× NVIDIA GeForce RTX 3060" in fields["Read as"] and "System RAM: 32 GB" in fields["Read as"]
    assert "8 GB" in fields["I guessed"] and "Is that right?" in fields


async def test_unreadable_rig_gets_a_hint_and_is_not_saved(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    store = MemoryStore()
    bot = await make_bot(store)
    [rec] = await ask(bot, standin, standin.slash("rig", {"text": "my trusty potato"}, sub="set"))
    e = embed_of(rec)
    assert is_private(rec) and e["fields"][0]["name"] == "Hint"
    assert await store.rig_get("discord", str(USER_ID)) is None


async def test_saved_rig_answers_when_hardware_is_left_empty(
    make_bot: MakeBot, standin: DiscordStandIn, redis_url: str
) -> None:
    from bot.stores import RedisStore

    bot = await make_bot(RedisStore(redis_url))
    await ask(bot, standin, standin.slash("rig", {"text": "RTX 4090, 64GB DDR5"}, sub="set"))
    [shown] = await ask(bot, standin, standin.slash("rig", sub="show"))
    assert "RTX 4090" in embed_of(shown)["fields"][0]["value"]
    [rec] = await ask(bot, standin, standin.slash("canirun", {"model": "qwen3-32b"}))
    assert not is_private(rec)
    assert "RTX 4090" in embed_of(rec)["description"]
    [cleared] = await ask(bot, standin, standin.slash("rig", sub="clear"))
    assert "forgotten" in embed_of(cleared)["description"]
    [none] = await ask(bot, standin, standin.slash("rig", sub="show"))
    assert embed_of(none)["title"] == "No rig saved"


async def test_best_lists_models_for_the_rig(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    p = standin.slash("best", {"hardware": "RTX 4090, 64GB DDR5", "task": "code"})
    [rec] = await ask(bot, standin, p)
    e = embed_of(rec)
    assert "code" in e["title"] and e["fields"][0]["name"].startswith("1. ")
    assert not rec.files and not is_private(rec)


async def test_help_is_private_with_examples(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot()
    [rec] = await ask(bot, standin, standin.slash("canirun-help"))
    assert is_private(rec)
    assert "/canirun model:" in json.dumps(embed_of(rec))


@pytest.mark.parametrize("context", ["dm", "private"])
async def test_works_in_dms_and_group_dms(make_bot: MakeBot, standin: DiscordStandIn, context: str) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-8b", "hardware": "M2 Max 64GB"}, context=context)
    [rec] = await ask(bot, standin, p)
    assert rec.json["type"] == 4 and embed_of(rec)["image"]["url"] == "attachment://memory.png"


async def test_slow_rig_reply_is_deferred_privately(make_bot: MakeBot, standin: DiscordStandIn) -> None:
    bot = await make_bot(ack_within_s=0)
    defer, followup = await ask(bot, standin, standin.slash("rig", {"text": "M2 Max 96GB"}, sub="set"), 2)
    assert defer.json["type"] == 5 and defer.json["data"]["flags"] & EPHEMERAL
    assert followup.route == "followup" and is_private(followup)


async def test_slow_owner_select_is_deferred_then_edits_in_place(
    make_bot: MakeBot, standin: DiscordStandIn
) -> None:
    bot = await make_bot()
    p = standin.slash("canirun", {"model": "qwen3-30b-a3b", "hardware": "RTX 3090, 64GB RAM"})
    await ask(bot, standin, p)
    msg = standin.original(p)
    assert msg is not None
    bot.deps.ack_within_s = 0
    sel = standin.select(msg, msg["components"][0]["components"][0]["custom_id"], ["Q4_K_M"])
    defer, edit = await ask(bot, standin, sel, 2)
    assert defer.json == {"type": 6}  # deferred update: no "thinking" message
    assert edit.route == "edit_message" and edit.match["mid"] == "@original"
    assert "Q4\\_K\\_M" in embed_of(edit)["fields"][0]["value"] and edit.files
    assert "Q4\\_K\\_M" in standin.messages[msg["id"]]["embeds"][0]["fields"][0]["value"]
    assert not standin.of("followup")
