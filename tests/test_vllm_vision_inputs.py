"""vLLM's start-up profiling of a Qwen-VL-style vision encoder, by release, and the inputs an asker
rules out (text only, no video) from the question through the answer, its cache key and its command."""

from __future__ import annotations

import pytest

from bot.answers import answer_question, cache_key_parts, engine_options
from bot.canirun_cli import CliError, engine_options_of
from sizing import EngineOptions, Estimate, Question, default_catalog, estimate, parse_hardware, read_question
from sizing.catalog import ModelSpec
from sizing.commands import launch_command
from sizing.engines import vllm_encoder_profile
from sizing.memory import MemoryEstimate

GiB = 1024**3
_NO_VIDEO = """--limit-mm-per-prompt '{"video": 0}'"""


def _model(model_id: str) -> ModelSpec:
    return default_catalog().resolve(model_id).model


def _profile(model_id: str, version: str | None, mml: int, **kw: object) -> float:
    return vllm_encoder_profile(
        _model(model_id),
        version=version,
        max_model_len=mml,
        max_num_batched_tokens=8192,
        **kw,  # type: ignore[arg-type]
    )


# --- the profiling peak, by release ---------------------------------------------------------------


@pytest.mark.parametrize("version", ["0.8.5", "0.10.2", "0.11.0", "0.17.1", "v1"])
def test_through_0_17_the_dummy_video_of_qwen3_vl_fills_the_context(version: str) -> None:
    assert _profile("qwen3-vl-8b", version, 262144) > 4 * _profile("qwen3-vl-8b", version, 16384)


@pytest.mark.parametrize("version", [None, "current", "0.24", "0.27.1"])
def test_later_releases_profile_one_item_whatever_the_context(version: str | None) -> None:
    assert _profile("qwen3-vl-8b", version, 262144) == _profile("qwen3-vl-8b", version, 16384)


def test_the_context_filling_profile_is_gigabytes_and_the_later_one_about_one() -> None:
    assert _profile("qwen3-vl-8b", "0.11.0", 262144) > 15 * GiB
    assert 0.5 * GiB < _profile("qwen3-vl-8b", None, 262144) < 3 * GiB


def test_qwen2_5_vl_videos_stop_at_their_frame_cap() -> None:
    assert _profile("qwen2.5-vl-7b", "0.9.2", 128000) == _profile("qwen2.5-vl-7b", "0.9.2", 98304)


@pytest.mark.parametrize("version", ["0.11.0", None])
def test_without_video_the_largest_image_is_profiled(version: str | None) -> None:
    images = _profile("qwen3-vl-8b", version, 262144, video=False)
    assert images == _profile("qwen3-vl-8b", None, 262144)


@pytest.mark.parametrize(
    ("model_id", "version"),
    [
        ("gemma-3-27b", "0.11.0"),
        ("llama-3.2-11b-vision", None),
        ("qwen2.5-7b", "0.11.0"),
        ("gemma-3-27b", "v0"),
    ],
)
def test_no_profile_for_fixed_size_images_text_models_or_other_v0_models(model_id: str, version: str) -> None:
    assert _profile(model_id, version, 131072) == 0.0


def test_tensor_parallel_ranks_split_the_encoder_mlp() -> None:
    one = _profile("qwen3-vl-235b-a22b", "0.11.0", 32768)
    eight = _profile("qwen3-vl-235b-a22b", "0.11.0", 32768, tensor_parallel=8)
    assert 0.3 * one < eight < one


# --- the placement and the setting it prints -----------------------------------------------------


def _vllm(version: str, **opts: object) -> MemoryEstimate:
    e = estimate(
        _model("qwen3-vl-8b"),
        parse_hardware("A800 80GB"),
        quant="BF16-HF",
        engine="vllm",
        engine_options=EngineOptions(version=version, **opts),  # type: ignore[arg-type]
    )
    return e.memory


def test_a_release_that_fills_the_context_with_video_is_tight_and_told_to_drop_video() -> None:
    m = _vllm("0.11.0")
    assert m.placement.fit == "tight"
    assert _NO_VIDEO in [s.flag for s in m.placement.settings]


def test_the_same_rig_without_video_fits() -> None:
    m = _vllm("0.11.0", no_video=True)
    assert m.placement.fit == "fits"
    assert any(n.startswith(_NO_VIDEO) for n in m.notes)


def test_the_current_release_fits_with_video_allowed() -> None:
    m = _vllm("0.27.1")
    assert m.placement.fit == "fits"
    assert _NO_VIDEO not in [s.flag for s in m.placement.settings]


def test_language_model_only_profiles_no_encoder() -> None:
    full, text = _vllm("0.11.0", no_video=True), _vllm("0.11.0", language_model_only=True)
    assert text.placement.devices[0].compute < full.placement.devices[0].compute


@pytest.mark.parametrize(
    ("opts", "flag"),
    [({"language_model_only": True}, "--language-model-only"), ({"no_video": True}, _NO_VIDEO)],
)
def test_the_printed_command_carries_the_inputs_asked(opts: dict[str, bool], flag: str) -> None:
    e = estimate(
        _model("qwen3-vl-8b"),
        parse_hardware("RTX 4090"),
        quant="AWQ-INT4",
        context=8192,
        engine="vllm",
        engine_options=EngineOptions(**opts),  # type: ignore[arg-type]
    )
    assert flag in (launch_command(e) or "")


# --- the question reader --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "text_only", "no_video"),
    [
        ("qwen3 vl 8b on a 3090 with vllm, text only", True, False),
        ("will qwen3-vl 8b fit on my 4090? i won't send images", True, False),
        ("qwen3 vl 8b on a 4090, no vision needed", True, False),
        ("vllm serve qwen3-vl-8b --language-model-only on a 3090", True, False),
        (
            """vllm serve qwen3-vl-8b --limit-mm-per-prompt '{"image": 0, "video": 0}' on a 3090""",
            True,
            False,
        ),
        ("""vllm serve qwen3-vl-8b --limit-mm-per-prompt '{"video": 0}' on a 3090""", False, True),
        (
            """vllm serve qwen3-vl-8b --limit-mm-per-prompt '{"image": 4, "video": 0}' on a 3090""",
            False,
            True,
        ),
        ("vllm serve qwen3-vl-8b --limit-mm-per-prompt.video 0 on a 3090", False, True),
        ("qwen3 vl 8b on a 4090 for screenshots, no video", False, True),
        ("qwen3 vl 8b on a 4090, images only", False, True),
        ("""vllm serve qwen3-vl-8b --limit-mm-per-prompt '{"image": 0}' on a 3090""", False, False),
        ("qwen3 vl 8b on a 4090 for video captions", False, False),
        ("can I run qwen3 32b on an rtx 3090?", False, False),
    ],
)
def test_the_question_says_which_inputs_are_ruled_out(text: str, text_only: bool, no_video: bool) -> None:
    q = read_question(text, default_catalog().index)
    assert (q.text_only, q.no_video) == (text_only, no_video)


def test_read_question_carries_the_inputs() -> None:
    q = read_question("qwen3 vl 8b on an rtx 4090 with vllm, text only", default_catalog().index)
    assert q.text_only and not q.no_video
    assert engine_options(q) == EngineOptions(language_model_only=True)


def test_the_inputs_are_part_of_the_cache_key() -> None:
    index = default_catalog().index
    plain = read_question("qwen3 vl 8b on an rtx 4090 with vllm", index)
    text = read_question("qwen3 vl 8b on an rtx 4090 with vllm, text only", index)
    images = read_question("qwen3 vl 8b on an rtx 4090 with vllm, no video", index)
    assert len({cache_key_parts(plain), cache_key_parts(text), cache_key_parts(images)}) == 3


def _asked(text: str) -> Question:
    return read_question(text, default_catalog().index)


def test_the_answer_echoes_the_inputs_in_its_wishes() -> None:
    q = _asked("what hardware do I need for qwen3 vl 8b on vllm, no video?")
    wishes = answer_question(q, default_catalog()).to_contract()["wishes"]
    assert (wishes["text_only"], wishes["no_video"]) == (False, True)


def test_a_plain_question_gives_no_engine_options() -> None:
    q = read_question("qwen3 vl 8b on an rtx 4090 with vllm", default_catalog().index)
    assert engine_options(q) is None


# --- the CLI ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("req", "expected"),
    [
        ({"language_model_only": True}, EngineOptions(language_model_only=True)),
        ({"limit_mm_per_prompt": '{"video": 0}'}, EngineOptions(no_video=True)),
        ({"limit_mm_per_prompt": {"image": 0, "video": 0}}, EngineOptions(language_model_only=True)),
        ({"limit_mm_per_prompt": {"video": {"count": 0}}}, EngineOptions(no_video=True)),
        ({"limit_mm_per_prompt": '{"image": 2}'}, None),
        ({}, None),
    ],
)
def test_the_cli_reads_vllm_input_flags(req: dict[str, object], expected: EngineOptions | None) -> None:
    assert engine_options_of(req) == expected


@pytest.mark.parametrize(
    "req",
    [
        {"limit_mm_per_prompt": "{video"},
        {"limit_mm_per_prompt": "[1, 2]"},
        {"limit_mm_per_prompt": '{"video": -1}'},
        {"limit_mm_per_prompt": '{"video": "none"}'},
        {"language_model_only": "yes"},
    ],
)
def test_the_cli_refuses_bad_input_flags_with_a_clear_error(req: dict[str, object]) -> None:
    with pytest.raises(CliError):
        engine_options_of(req)


# --- a vision task needs images -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "text_only", "needs_images"),
    [
        # "no pictures" or "no images" about something else is no wish for text only
        (
            "No pictures of my build yet, sorry. Can I run qwen2.5-vl 7b on vllm on my 3090 to caption "
            "product photos?",
            False,
            True,
        ),
        (
            "qwen2.5-vl 7b with vllm on a 4060 ti, I'll send it screenshots, no images bigger than 1080p",
            False,
            True,
        ),
        ("no photos of the rig, but will qwen2.5-vl 7b run on vllm with my 3060?", False, False),
        ("qwen2.5-vl 7b on vllm for OCR of receipts, is a 3060 enough?", False, True),
        ("qwen2.5-vl 7b on a 4090 with vllm to describe the images in my archive", False, True),
        ("用vllm跑qwen2.5-vl 7b看图，4090够吗？", False, True),
        ("glm-4.5v on 2x 3090 with vllm for image understanding", False, True),
        ("qwen3 vl 8b in vllm on a 4090, for photos from my phone", False, True),
        ("qwen3 vl 8b with vllm on a 3090 with images", False, True),
        ("qwen3 vl 8b with vllm on a 3090 without images", False, False),
        # the text-only wishes bound to the model's input still read
        ("qwen3 vl 8b on a 3090 with vllm, text only", True, False),
        ("qwen3 vl 8b on a 4090 with vllm, no image input needed", True, False),
        ("qwen3 vl 8b on a 4090 with vllm, I don't need vision", True, False),
        # pasted flags are the asker's own setting, whatever the task
        ("vllm serve qwen3-vl-8b --language-model-only on a 3090 to caption images", True, False),
    ],
)
def test_a_vision_task_means_images_are_needed(text: str, text_only: bool, needs_images: bool) -> None:
    q = _asked(text)
    assert (q.text_only, q.needs_images) == (text_only, needs_images)


def _vl32_on_a_3090(**opts: bool) -> MemoryEstimate:
    return estimate(
        _model("qwen2.5-vl-32b"),
        parse_hardware("RTX 3090"),
        quant="AWQ-INT4",
        context=8192,
        engine="vllm",
        engine_options=EngineOptions(**opts),
    ).memory


@pytest.mark.parametrize(("needs_images", "text_only"), [(False, True), (True, False)])
def test_vllm_falls_back_to_text_only_unless_images_are_needed(needs_images: bool, text_only: bool) -> None:
    m = _vl32_on_a_3090(needs_images=needs_images)
    assert ("--language-model-only" in [s.flag for s in m.placement.settings]) is text_only


@pytest.mark.parametrize(
    ("text", "says_text_only"),
    [
        ("can I run qwen2.5-vl 32b awq with vllm on a 3090?", True),
        ("can I run qwen2.5-vl 32b awq with vllm on a 3090 to caption images?", False),
        ("can I run qwen2.5-vl 7b awq with vllm on a 4090?", False),
    ],
)
def test_the_verdict_says_text_only_where_the_fit_drops_images(text: str, says_text_only: bool) -> None:
    verdict = answer_question(_asked(text), default_catalog()).to_contract()["verdict"]
    assert ("text only" in str(verdict)) is says_text_only


@pytest.mark.parametrize(
    "text",
    [
        "qwen2.5 vl 7b on a 3060 12gb with vllm? I don't need it to read images, text only",
        "qwen2.5 vl 7b with vllm on a 3060, no vision needed, I won't describe any pictures",
    ],
)
def test_a_vision_task_put_aside_leaves_text_only_standing(text: str) -> None:
    q = read_question(text, default_catalog().index)
    assert (q.text_only, q.needs_images) == (True, False)


# --- Qwen2/2.5-VL on the V0 engine: every dummy request carries an image and a video ----------------


def _v0(mml: int, batched: int, **kw: object) -> float:
    return vllm_encoder_profile(
        _model("qwen2.5-vl-7b"), version="0.7", max_model_len=mml, max_num_batched_tokens=batched, **kw
    )  # type: ignore[arg-type]


def test_v0_fills_the_context_with_the_image_and_the_video_up_to_the_frame_cap() -> None:
    assert _v0(32768, 32768) == pytest.approx(2 * _v0(16384 + 1, 16384 + 1), rel=0.01)
    capped = _v0(16384 + 98304, 16384 + 98304)
    assert _v0(131072, 131072) == capped > _v0(65536, 65536)


def test_v0_profiles_as_many_requests_as_the_batched_tokens_hold() -> None:
    one = _v0(32768, 32768)
    assert _v0(32768, 4 * 32768) == pytest.approx(4 * one)
    assert _v0(32768, 4 * 32768, max_num_seqs=2) == pytest.approx(2 * one)


def test_v0_without_video_profiles_the_largest_image_once_per_request() -> None:
    image = _v0(8192, 8192, video=False)
    assert image == _v0(131072, 8192, video=False) < _v0(131072, 131072)
    assert _v0(131072, 4 * 16384, video=False) == pytest.approx(4 * image)


def test_v0_profile_of_a_long_context_is_gigabytes() -> None:
    assert 5 * GiB < _v0(128000, 128000) < 15 * GiB


# --- Llama 3.2 Vision on the V0 engine: one full-size image per profiled request --------------------


@pytest.mark.parametrize("version", ["0.6.3", "0.5.4", "v0"])
def test_v0_profiles_llama_3_2_vision_with_an_image_for_every_request(version: str) -> None:
    many = _profile("llama-3.2-11b-vision", version, 4096, max_num_seqs=256)
    few = _profile("llama-3.2-11b-vision", version, 4096, max_num_seqs=64)
    assert many == pytest.approx(4 * few) and many > 0


def test_the_default_256_requests_of_images_are_tens_of_gigabytes() -> None:
    assert 50 * GiB < _profile("llama-3.2-11b-vision", "0.6.3", 4096) < 100 * GiB


@pytest.mark.parametrize("version", ["0.11.0", None, "current"])
def test_no_image_per_request_once_the_engine_is_v1(version: str | None) -> None:
    assert _profile("llama-3.2-11b-vision", version, 4096) == 0.0


def test_tensor_parallel_ranks_split_the_cross_attention_images() -> None:
    one = _profile("llama-3.2-11b-vision", "0.6.3", 4096)
    two = _profile("llama-3.2-11b-vision", "0.6.3", 4096, tensor_parallel=2)
    assert 0.5 * one < two < one


def _old_release_on_an_h100() -> Estimate:
    """Llama 3.2 11B Vision asked with images on vLLM 0.6.3 (its V0 engine) on one H100 96GB."""
    return estimate(
        _model("llama-3.2-11b-vision"),
        parse_hardware("H100 96GB"),
        quant="BF16-HF",
        engine="vllm",
        context=4096,
        engine_options=EngineOptions(version="0.6.3", needs_images=True),
    )


def test_an_old_release_needs_fewer_sequences_for_llama_3_2_vision_on_one_big_card() -> None:
    p = _old_release_on_an_h100().memory.placement
    assert p.verdict == "gpu" and p.fit != "fits"
    assert any(s.flag.startswith("--max-num-seqs") for s in p.settings)


def test_the_fewer_sequences_setting_names_the_images_it_saves() -> None:
    settings = _old_release_on_an_h100().memory.placement.settings
    why = next(s.why for s in settings if s.flag.startswith("--max-num-seqs"))
    assert "image" in why
