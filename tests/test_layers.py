"""Imports flow one way: HTTP/CLI -> registry -> store. The domain never imports the web or CLI."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

FORBIDDEN_IN_REGISTRY = ("api", "cli", "fastapi", "starlette", "uvicorn", "typer", "rich", "converters")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted((PROJECT_ROOT / "registry").rglob("*.py")), ids=lambda p: p.name)
def test_the_domain_does_not_import_http_or_cli(path):
    bad = {m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN_IN_REGISTRY}
    assert bad == set()


@pytest.mark.parametrize("path", sorted((PROJECT_ROOT / "registry").rglob("*.py")), ids=lambda p: p.name)
def test_only_the_oxigraph_adapter_opens_an_oxigraph_store(path):
    if path.name == "oxigraph_store.py":
        return
    assert "pyoxigraph.Store(" not in path.read_text(encoding="utf-8")
