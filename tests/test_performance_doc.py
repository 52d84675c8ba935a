"""docs/performance.md's generated tables agree with the benchmark artefacts (bench/results/)."""

from __future__ import annotations

import json
import shutil

from bench.artefacts import RESULTS_DIR
from bench.report import DOC, render


def test_the_generated_tables_are_in_step_with_the_artefacts():
    text = DOC.read_text(encoding="utf-8")
    assert "<!-- generated: startup -->" in text
    assert render(text) == text, "run `python -m bench.report` after a benchmark (or `make bench-speed`)"


def test_a_changed_artefact_changes_the_document(tmp_path):
    text = DOC.read_text(encoding="utf-8")
    shutil.copytree(RESULTS_DIR, tmp_path, dirs_exist_ok=True)
    artefact = json.loads((tmp_path / "startup.json").read_text(encoding="utf-8"))
    artefact["figures"]["help"]["cpu_s"] = 9.87
    (tmp_path / "startup.json").write_text(json.dumps(artefact), encoding="utf-8")
    changed = render(text, tmp_path)
    assert changed != text and "9.87 s CPU" in changed and "**missed**" in changed
