"""Clients for the page tests: the session's bundled registry, and a registry holding one real
vocabulary file with a hostile label and title."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.bundle import load_files
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.oxigraph_store import OxigraphStore
from tests.conftest import VOCABULARIES_DIR

HOSTILE = '<script>alert("x")</script> & <b>bold</b>'
HOSTILE_CONCEPT = "https://w3id.org/eduvoc/vocab/werkvormen/begeleidingsgesprek"


@pytest.fixture(scope="session")
def client(bundled_registry, test_settings: Settings) -> Iterator[TestClient]:
    """An in-process client over every bundled vocabulary (read-only tests)."""
    store, _ = bundled_registry
    with TestClient(create_app(test_settings, store=store)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_client(tmp_path_factory: pytest.TempPathFactory, test_settings: Settings) -> Iterator[TestClient]:
    """The real werkvormen file with markup in one concept's Dutch label and in the list's title."""
    text = (VOCABULARIES_DIR / "werkvormen.ttl").read_text(encoding="utf-8")
    escaped = HOSTILE.replace('"', '\\"')
    assert '"Begeleidingsgesprek"@nl' in text
    text = text.replace('"Begeleidingsgesprek"@nl', f'"{escaped} Begeleidingsgesprek"@nl')
    title = '(werkvormen)"@en,\n        "Werkvormen"@nl'
    assert title in text
    text = text.replace(title, title.replace('"Werkvormen"', f'"{escaped} Werkvormen"'))
    path: Path = tmp_path_factory.mktemp("hostile") / "werkvormen.ttl"
    path.write_text(text, encoding="utf-8")
    store = OxigraphStore()
    load_files(store, Catalogue(store), [("werkvormen", path)])
    with TestClient(create_app(test_settings, store=store)) as test_client:
        yield test_client
