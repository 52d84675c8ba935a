"""The validate-only service on a real `eduvoc serve`: the API, the page, and the CLI's remote mode
(--server), with a plain-JSON learning record whose SLO goal is deprecated."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from tests.conftest import PROJECT_ROOT
from tests.dataset_descriptions import leerlingen_vo, to_turtle
from tests.registry.metadata.records import (
    DEPRECATED_KERNDOEL,
    REPLACEMENT_KERNDOEL,
    activity,
    as_json,
)

pytestmark = pytest.mark.integration


def eduvoc(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *arguments], cwd=PROJECT_ROOT, capture_output=True,
                          text=True, timeout=300, env={**os.environ}, check=False)


def test_validate_over_http_and_from_the_cli_against_the_server(server, tmp_path):
    response = httpx.post(f"{server}/validate", params={"profile": "learning-activity"}, content=as_json(activity(learningGoal=DEPRECATED_KERNDOEL)),
                          headers={"Content-Type": "application/json", "Accept-Language": "en"}, timeout=60)
    assert response.status_code == 200
    report = response.json()
    assert report["conforms"] is False and REPLACEMENT_KERNDOEL in report["findings"][0]["message"]

    page = httpx.get(f"{server}/validate", timeout=30)
    assert page.status_code == 200 and "<form" in page.text
    assert httpx.get(f"{server}/contexts/learning-activity.jsonld", timeout=30).json()["@context"]["learningGoal"]["@id"] == "eduvoc:learningGoal"

    record = tmp_path / "record.json"
    record.write_text(json.dumps(activity(learningGoal=DEPRECATED_KERNDOEL)), encoding="utf-8")
    remote = eduvoc("validate", str(record), "--profile", "learning-activity", "--server", server, "--lang", "en")
    assert remote.returncode == 1, remote.stderr
    assert REPLACEMENT_KERNDOEL in remote.stdout and "does NOT conform" in remote.stdout

    dataset = tmp_path / "dataset.ttl"
    dataset.write_text(to_turtle(leerlingen_vo()), encoding="utf-8")
    for report_format in ("text", "csv", "turtle", "json"):
        done = eduvoc("validate", str(dataset), "--profile", "dataset", "--server", server, "--report", report_format)
        assert done.returncode == 0, (report_format, done.stdout, done.stderr)

    unknown = eduvoc("validate", str(dataset), "--profile", "nope", "--server", server)
    assert unknown.returncode == 2 and "404" in unknown.stderr
