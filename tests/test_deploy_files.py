"""The files in deploy/ parse and name what a deployment needs.

Dockerfile and systemd units are read as text, everything else with yaml.safe_load_all. Beyond
"it is there", the checks tie the files to the code: every CANIRUN_* value they set loads as a
setting, the ConfigMap's config.yaml loads with `load_settings`, the health-check command passes
against a real HealthServer, the shard entrypoint turns a pod name into a shard id, and the
constraints pin every dependency pyproject.toml names, within its range.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from bot.config import SECRET_ENV, load_settings
from bot.health import HealthServer, Metrics

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
UNITS = sorted((DEPLOY / "systemd").glob("*.service"))
BOTS = ("discord", "reddit", "web")  # every frontend: one process each, from the one image
DATA_DIR = "/var/lib/canirun"


# --- readers -----------------------------------------------------------------------------------


@cache
def _docs(path: Path) -> list[Any]:
    """Parsed once per run; tests only read the result."""
    return [d for d in yaml.safe_load_all(path.read_text(encoding="utf-8")) if d is not None]


@cache
def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in (DEPLOY / "Dockerfile").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        word, _, rest = (pending + line).partition(" ")
        out.append((word.upper(), rest.strip()))
        pending = ""
    return out


def _instr(name: str) -> list[str]:
    return [args for word, args in _dockerfile() if word == name]


def _unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """systemd unit sections as (key, value) lists (keys may repeat, e.g. Environment=)."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = line.strip("[]")
            sections.setdefault(current, [])
        else:
            key, _, value = line.partition("=")
            sections[current].append((key.strip(), value.strip()))
    return sections


def _values(section: list[tuple[str, str]], key: str) -> list[str]:
    return [v for k, v in section if k == key]


def _compose() -> dict[str, Any]:
    (doc,) = _docs(DEPLOY / "compose.yaml")
    return doc  # type: ignore[no-any-return]


def _k8s() -> list[dict[str, Any]]:
    return [d for p in sorted(K8S.glob("*.yaml")) if p.name != "kustomization.yaml" for d in _docs(p)]


def _one(kind: str, name: str) -> dict[str, Any]:
    (found,) = [d for d in _k8s() if d["kind"] == kind and d["metadata"]["name"] == name]
    return found


def _workloads() -> list[dict[str, Any]]:
    return [d for d in _k8s() if d["kind"] in ("Deployment", "StatefulSet")]


def _bot_workloads() -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(bot, workload, its container) for the Discord and Reddit workloads."""
    for w in _workloads():
        component = w["spec"]["template"]["metadata"]["labels"]["app.kubernetes.io/component"]
        if component in BOTS:
            (container,) = w["spec"]["template"]["spec"]["containers"]
            yield component, w, container


def _env_literals(container: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e["value"] for e in container.get("env", []) if "value" in e}


def _health_cmd(test: list[str]) -> list[str]:
    """A health-check command in exec form, run with this interpreter instead of the image's."""
    args = test[1:] if test[0] == "CMD" else test
    assert args[0] == "python"
    return [sys.executable, *args[1:]]


# --- everything parses -------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(DEPLOY.rglob("*.yaml")), ids=lambda p: str(p.relative_to(DEPLOY)))
def test_yaml_file_parses_into_mappings(path: Path) -> None:
    docs = _docs(path)
    assert docs and all(isinstance(d, dict) for d in docs)


def test_kustomization_lists_every_manifest_but_the_secret_example() -> None:
    (kust,) = _docs(K8S / "kustomization.yaml")
    on_disk = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml", "secret.example.yaml"}
    assert set(kust["resources"]) == on_disk
    assert "namespace" not in kust


# --- image -------------------------------------------------------------------------------------


def test_dockerfile_is_multi_stage_on_a_slim_base() -> None:
    froms = _instr("FROM")
    assert len(froms) >= 2 and " AS builder" in froms[0]
    (arg,) = [a for a in _instr("ARG") if a.startswith("PYTHON_IMAGE=")]
    assert arg.endswith("-slim") and froms[-1] == "${PYTHON_IMAGE}"


def test_dockerfile_final_stage_runs_as_a_non_root_user() -> None:
    words = [w for w, _ in _dockerfile()]
    final_stage = max(i for i, w in enumerate(words) if w == "FROM")
    users = [args for i, (w, args) in enumerate(_dockerfile()) if w == "USER" and i > final_stage]
    assert users and users[-1].split(":")[0] not in ("root", "0")


def test_dockerfile_has_a_health_check_and_runs_a_bot() -> None:
    (hc,) = _instr("HEALTHCHECK")
    assert "/healthz" in hc and "urllib" in hc and "8080" in hc
    assert json.loads(_instr("ENTRYPOINT")[-1]) == ["canirun-bot"]
    assert json.loads(_instr("CMD")[-1])[0] in BOTS
    assert "8080" in _instr("EXPOSE")[-1].split()
    assert DATA_DIR in _instr("VOLUME")[-1] and f"CANIRUN_DATA_DIR={DATA_DIR}" in " ".join(_instr("ENV"))


def test_dockerfile_installs_with_the_constraints_file() -> None:
    runs = " ".join(_instr("RUN"))
    assert "pip install -c deploy/constraints.txt '.[bot]'" in runs
    assert any(a.split()[0] == "deploy/constraints.txt" for a in _instr("COPY"))


def test_dockerignore_keeps_everything_the_image_copies() -> None:
    kept = {
        line[1:] for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines() if line[:1] == "!"
    }
    sources = [s.rstrip("*") for a in _instr("COPY") if "--from" not in a for s in a.split()[:-1]]
    assert sources and all(s in kept for s in sources)


def test_constraints_pin_every_dependency_within_its_range() -> None:
    lines = [
        line for line in (DEPLOY / "constraints.txt").read_text().splitlines() if line and line[0] != "#"
    ]
    pins = {canonicalize_name(n): v for n, _, v in (line.partition("==") for line in lines)}
    assert all(re.fullmatch(r"[\w.\-]+==[\w.\-+]+", line) for line in lines)
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for spec in [*project["dependencies"], *project["optional-dependencies"]["bot"]]:
        req = Requirement(spec)
        name = canonicalize_name(req.name)
        assert name in pins, f"{req.name} is not pinned"
        assert req.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} vs {spec}"
        for extra in req.extras:  # redis[hiredis]
            assert canonicalize_name(extra) in pins


# --- health-check commands work against the real health server ---------------------------------


def _health_commands() -> dict[str, list[str]]:
    """Each distinct bot health-check command, named for where it first appears."""
    (hc,) = _instr("HEALTHCHECK")
    found = [("Dockerfile", json.loads(hc[hc.index("CMD") + 3 :].strip()))]
    for name, svc in _compose()["services"].items():
        if name != "redis" and not svc.get("healthcheck", {}).get("disable"):
            found.append((f"compose {name}", svc["healthcheck"]["test"]))
    unique: dict[tuple[str, ...], str] = {}
    for where, test in found:
        unique.setdefault(tuple(_health_cmd(test)), where)
    return {where: list(cmd) for cmd, where in unique.items()}


@pytest.mark.parametrize("where,cmd", list(_health_commands().items()), ids=list(_health_commands()))
async def test_health_check_command_passes_when_up_and_fails_when_down(where: str, cmd: list[str]) -> None:
    async def ready() -> bool:
        return True

    server = HealthServer(Metrics(), ready, host="127.0.0.1", port=0)
    port = await server.start()
    env = {**os.environ, "CANIRUN_HEALTH__PORT": str(port)}

    async def run() -> int:
        proc = await asyncio.create_subprocess_exec(
            *cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        return await asyncio.wait_for(proc.wait(), timeout=10)

    try:
        assert await run() == 0
    finally:
        await server.stop()
    assert await run() != 0


# --- compose -----------------------------------------------------------------------------------


def test_compose_redis_is_append_only_with_a_health_check_and_a_volume() -> None:
    doc = _compose()
    redis = doc["services"]["redis"]
    assert redis["image"].startswith("redis:")
    cmd = redis["command"]
    assert cmd[cmd.index("--appendonly") + 1] == "yes"
    assert "redis-cli ping" in " ".join(redis["healthcheck"]["test"])
    volume = redis["volumes"][0].split(":")
    assert volume[1] == "/data" and volume[0] in doc["volumes"]


@pytest.mark.parametrize("bot", BOTS)
def test_compose_runs_the_bot_on_redis_with_env_file_secrets(bot: str) -> None:
    svc = _compose()["services"][bot]
    assert svc["build"]["dockerfile"] == "deploy/Dockerfile" and svc["command"] == [bot]
    assert svc["env_file"] == ["canirun.env"]
    assert svc["environment"]["CANIRUN_REDIS_URL"] == "redis://redis:6379/0"
    assert svc["depends_on"]["redis"]["condition"] == "service_healthy"
    assert svc["restart"] == "unless-stopped" and "/healthz" in " ".join(svc["healthcheck"]["test"])
    assert not set(svc["environment"]) & set(SECRET_ENV)


def test_env_example_names_every_secret_empty_and_the_real_file_is_ignored() -> None:
    text = (DEPLOY / "canirun.env.example").read_text()
    values = dict(line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    assert set(SECRET_ENV) <= set(values) and not any(values[k] for k in SECRET_ENV)
    assert "canirun.env" in (DEPLOY / ".gitignore").read_text().split()


# --- kubernetes --------------------------------------------------------------------------------


def test_reddit_runs_as_a_two_replica_deployment_with_a_disruption_budget() -> None:
    dep = _one("Deployment", "canirun-reddit")
    assert dep["spec"]["replicas"] == 2
    assert dep["spec"]["template"]["spec"]["containers"][0]["args"] == ["reddit"]
    labels = dep["spec"]["template"]["metadata"]["labels"]
    pdb = _one("PodDisruptionBudget", "canirun-reddit")
    assert pdb["spec"]["minAvailable"] == 1
    assert pdb["spec"]["selector"]["matchLabels"].items() <= labels.items()


def test_discord_shards_run_as_a_stateful_set_with_one_shard_per_pod() -> None:
    sts = _one("StatefulSet", "canirun-discord")
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    assert container["args"] == ["canirun-bot", "discord"]
    assert int(_env_literals(container)["CANIRUN_DISCORD__SHARD_COUNT"]) == sts["spec"]["replicas"]
    (pod_name,) = [e for e in container["env"] if e["name"] == "POD_NAME"]
    assert pod_name["valueFrom"]["fieldRef"]["fieldPath"] == "metadata.name"
    assert _one("Service", sts["spec"]["serviceName"])["spec"]["clusterIP"] == "None"


@pytest.mark.parametrize(
    "pod,shard_ids,code",
    [("canirun-discord-0", "[0]", 0), ("canirun-discord-12", "[12]", 0), ("canirun", "", 2), ("x-", "", 2)],
)
def test_shard_entrypoint_derives_the_shard_from_the_pod_ordinal(pod: str, shard_ids: str, code: int) -> None:
    (container,) = _one("StatefulSet", "canirun-discord")["spec"]["template"]["spec"]["containers"]
    shell, flag, script, arg0 = container["command"]
    show = [sys.executable, "-c", "import os; print(os.environ['CANIRUN_DISCORD__SHARD_IDS'], end='')"]
    done = subprocess.run(
        [shell, flag, script, arg0, *show],
        env={"POD_NAME": pod, "PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert (done.returncode, done.stdout) == (code, shard_ids)


def test_redis_stateful_set_is_append_only_on_a_volume_claim() -> None:
    sts = _one("StatefulSet", "canirun-redis")
    (container,) = sts["spec"]["template"]["spec"]["containers"]
    args = container["args"]
    assert args[0] == "redis-server" and args[args.index("--appendonly") + 1] == "yes"
    (claim,) = sts["spec"]["volumeClaimTemplates"]
    mounts = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert mounts[claim["metadata"]["name"]] == args[args.index("--dir") + 1] == "/data"
    assert container["livenessProbe"] and container["readinessProbe"]


@pytest.mark.parametrize("bot", BOTS)
def test_bot_containers_have_probes_resources_and_a_locked_down_filesystem(bot: str) -> None:
    ((_, workload, c),) = [(b, w, c) for b, w, c in _bot_workloads() if b == bot]
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
        get = c[probe]["httpGet"]
        assert get["path"] == path and ports.get(get["port"], get["port"]) == 8080
    assert {"cpu", "memory"} <= set(c["resources"]["requests"]) and "memory" in c["resources"]["limits"]
    sc = c["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True and sc["allowPrivilegeEscalation"] is False
    volumes = {v["name"]: v for v in workload["spec"]["template"]["spec"]["volumes"]}
    (tmp,) = [m for m in c["volumeMounts"] if m["mountPath"] == "/tmp"]
    assert "emptyDir" in volumes[tmp["name"]]


@pytest.mark.parametrize("name", ["canirun-reddit", "canirun-discord", "canirun-web", "canirun-redis"])
def test_every_pod_runs_as_non_root(name: str) -> None:
    (w,) = [w for w in _workloads() if w["metadata"]["name"] == name]
    pod = w["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True and pod["securityContext"]["runAsUser"] != 0
    assert all(c.get("securityContext", {}).get("runAsNonRoot", True) for c in pod["containers"])


def test_no_literal_secrets_in_the_manifests() -> None:
    assert not [d for d in _k8s() if d["kind"] == "Secret" and d["metadata"]["name"] != "canirun-secrets"]
    (example,) = _docs(K8S / "secret.example.yaml")
    assert set(example["stringData"]) == set(SECRET_ENV) and not any(example["stringData"].values())
    for w in _workloads():
        for c in w["spec"]["template"]["spec"]["containers"]:
            for e in c.get("env", []):
                if e["name"] in SECRET_ENV or re.search("TOKEN|PASSWORD|SECRET", e["name"]):
                    ref = e["valueFrom"]["secretKeyRef"]
                    assert "value" not in e and ref == {**ref, "name": "canirun-secrets", "key": e["name"]}
            assert all("secretRef" in s or "configMapRef" in s for s in c.get("envFrom", []))


def test_config_map_holds_a_config_that_loads_and_points_at_the_redis_service(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("CANIRUN_")]:
        monkeypatch.delenv(key)
    path = tmp_path / "config.yaml"
    path.write_text(_one("ConfigMap", "canirun-config")["data"]["config.yaml"])
    settings = load_settings(path)
    assert settings.redis_url == "redis://canirun-redis:6379/0" and settings.health.port == 8080
    _one("Service", "canirun-redis")


def test_metrics_services_are_annotated_for_prometheus_and_select_the_bots() -> None:
    scraped = [
        d
        for d in _k8s()
        if d["kind"] == "Service" and "prometheus.io/scrape" in d["metadata"].get("annotations", {})
    ]
    assert {s["spec"]["selector"]["app.kubernetes.io/component"] for s in scraped} == set(BOTS)
    for s in scraped:
        assert s["metadata"]["annotations"]["prometheus.io/port"] == "8080"
        assert s["metadata"]["annotations"]["prometheus.io/path"] == "/metrics"


def test_the_web_runs_as_replicas_behind_a_service_on_its_configured_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("CANIRUN_")]:
        monkeypatch.delenv(key)
    path = tmp_path / "config.yaml"
    path.write_text(_one("ConfigMap", "canirun-config")["data"]["config.yaml"])
    port = load_settings(path).web.port
    dep = _one("Deployment", "canirun-web")
    (container,) = dep["spec"]["template"]["spec"]["containers"]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert dep["spec"]["replicas"] >= 2 and container["args"] == ["web"] and ports["http"] == port
    service = _one("Service", "canirun-web")
    assert [p["targetPort"] for p in service["spec"]["ports"]] == ["http"]
    assert service["spec"]["selector"].items() <= dep["spec"]["template"]["metadata"]["labels"].items()
    assert _one("PodDisruptionBudget", "canirun-web")["spec"]["minAvailable"] == 1


def test_compose_publishes_the_page_on_its_port_to_this_machine_only() -> None:
    svc = _compose()["services"]["web"]
    port = svc["environment"]["CANIRUN_WEB__PORT"]
    assert f"127.0.0.1:{port}:{port}" in svc["ports"]


# --- systemd -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_unit_runs_the_bot_as_a_hardened_non_root_user(path: Path) -> None:
    service = _unit(path)["Service"]
    bot = path.stem.removeprefix("canirun-")
    assert _values(service, "User")[0] not in ("root", "0")
    assert _values(service, "EnvironmentFile") == ["/etc/canirun/canirun.env"]
    program, *args = _values(service, "ExecStart")[0].split()
    assert (Path(program).name, args) == ("canirun-bot", [bot])
    for key, value in (("Restart", "on-failure"), ("NoNewPrivileges", "yes"), ("ProtectSystem", "strict")):
        assert _values(service, key) == [value]
    assert DATA_DIR in _values(service, "ReadWritePaths")[0].split()


def test_systemd_units_are_one_per_bot_on_distinct_health_ports() -> None:
    assert sorted(p.stem for p in UNITS) == [f"canirun-{b}" for b in BOTS]
    ports = [
        v.split("=", 1)[1]
        for p in UNITS
        for v in _values(_unit(p)["Service"], "Environment")
        if v.startswith("CANIRUN_HEALTH__PORT=")
    ]
    assert len(ports) == len(set(ports)) == len(UNITS)


# --- every CANIRUN_* value the files set is a valid setting -------------------------------------


def _canirun_env_sources() -> list[tuple[str, dict[str, str]]]:
    sources = [(f"compose {n}", dict(s.get("environment", {}))) for n, s in _compose()["services"].items()]
    sources += [(f"k8s {b}", _env_literals(c)) for b, _, c in _bot_workloads()]
    sources += [
        (p.name, dict(v.split("=", 1) for v in _values(_unit(p)["Service"], "Environment"))) for p in UNITS
    ]
    example = (DEPLOY / "canirun.env.example").read_text()
    sources.append(("env example", dict(re.findall(r"^#?(CANIRUN_\w+)=(.*)$", example, re.M))))
    return [(name, {k: v for k, v in env.items() if k.startswith("CANIRUN_")}) for name, env in sources]


@pytest.mark.parametrize("where,env", _canirun_env_sources(), ids=[w for w, _ in _canirun_env_sources()])
def test_canirun_environment_values_load_as_settings(
    where: str, env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for key in [k for k in os.environ if k.startswith("CANIRUN_")]:
        monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)  # no ./config.yaml; CANIRUN_CONFIG names a file on the target only
    for key, value in env.items():
        if key != "CANIRUN_CONFIG":
            monkeypatch.setenv(key, value)
    settings = load_settings()
    if "CANIRUN_HEALTH__PORT" in env:
        assert settings.health.port == int(env["CANIRUN_HEALTH__PORT"])
