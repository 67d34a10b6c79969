"""The definitions load the way a deployment loads them: `dagster definitions validate`, and
`dagster dev` serving the asset graph on a loopback port (with config/dagster.yaml as the
instance config), queried over HTTP and then stopped."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
STARTUP_TIMEOUT = 240


def _env(home: Path) -> dict[str, str]:
    env = dict(os.environ, DAGSTER_HOME=str(home), PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    for name in ("CHANCERY_LANDING_DIR", "CHANCERY_DBT_DATABASE"):  # as a fresh deployment has it
        env.pop(name, None)
    return env


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO / "config" / "dagster.yaml", home / "dagster.yaml")
    return home


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_definitions_validate(tmp_path: Path, dbt_manifest: Path) -> None:
    cmd = [str(BIN / "dagster"), "definitions", "validate", "-m", "orchestration.definitions"]
    proc = subprocess.run(cmd, cwd=REPO, env=_env(_home(tmp_path)), capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "passed validation" in proc.stdout + proc.stderr


def _get(url: str, data: bytes | None = None) -> dict:
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.loads(resp.read())


QUERY = """{ assetNodes { assetKey { path } groupName }
  workspaceOrError { ... on Workspace { locationEntries { name locationOrLoadError {
    ... on RepositoryLocation { repositories { name schedules { name } sensors { name } jobs { name } } }
    ... on PythonError { message } } } } } }"""


def test_dagster_dev_serves_the_asset_graph(tmp_path: Path, dbt_manifest: Path) -> None:
    port = _free_port()
    log = open(tmp_path / "dagster-dev.log", "w")
    proc = subprocess.Popen(
        [str(BIN / "dagster"), "dev", "-m", "orchestration.definitions", "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO, env=_env(_home(tmp_path)), stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        nodes: list = []
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                info = _get(f"{base}/server_info")
                data = _get(f"{base}/graphql", json.dumps({"query": QUERY}).encode())["data"]
                nodes = data["assetNodes"]
                if nodes:
                    break
            except (OSError, ValueError, KeyError, TypeError):
                pass
            time.sleep(1)
        if not nodes:
            pytest.fail("dagster dev did not serve the asset graph:\n"
                        + (tmp_path / "dagster-dev.log").read_text()[-3000:])
        assert "dagster_webserver_version" in info
        keys = {"/".join(n["assetKey"]["path"]) for n in nodes}
        assert {"raw_articles", "extracted_events", "published_warehouse", "reextracted_days"} <= keys
        assert any(k.startswith("marts/") for k in keys)  # dbt models with their lineage
        [entry] = data["workspaceOrError"]["locationEntries"]
        [repo] = entry["locationOrLoadError"]["repositories"]
        assert {"feed_poll_schedule"} <= {s["name"] for s in repo["schedules"]}
        assert {"landing_folder_sensor", "landing_archive_sensor"} <= {s["name"] for s in repo["sensors"]}
        assert {"build_warehouse_job", "reextract_job"} <= {j["name"] for j in repo["jobs"]}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
