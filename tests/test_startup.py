"""Start-up stays cheap: the app and the CLI import heavy libraries only where they are used.

sssom pulls in linkml, pandas, numpy and sqlalchemy (~1 s of CPU); pySHACL and rdflib are only
for tests and comparisons; openpyxl only for spreadsheets. Importing `api.app` (every start of
the server) or `cli.main` (every `eduvoc` command, `--help` included) must not load them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from registry.config import PROJECT_ROOT

HEAVY = ("pandas", "numpy", "sssom", "sssom_schema", "linkml", "linkml_runtime", "sqlalchemy", "pyshacl", "rdflib", "openpyxl", "curies")


def _imported_by(module: str) -> set[str]:
    code = f"import json, sys; import {module}; print(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=120, check=True)
    return set(json.loads(result.stdout.splitlines()[-1]))


@pytest.mark.parametrize("module", ["api.app", "cli.main"])
def test_importing_does_not_load_heavy_libraries(module):
    assert _imported_by(module) & set(HEAVY) == set()


def test_the_cli_does_not_import_the_web_stack_or_the_store_for_help():
    assert _imported_by("cli.main") & {"fastapi", "starlette", "jinja2", "tantivy", "httpx", "pydantic_settings"} == set()
