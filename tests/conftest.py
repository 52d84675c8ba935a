"""Fixtures shared by the whole suite."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from rdflib import Graph

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VOCABULARIES_DIR = PROJECT_ROOT / "vocabularies"
SOURCES_DIR = PROJECT_ROOT / "sources"


@cache
def _parse_bundled(slug: str) -> Graph:
    path = VOCABULARIES_DIR / f"{slug}.ttl"
    if not path.exists():
        raise FileNotFoundError(f"bundled vocabulary {path} is missing; run `make vocabularies`")
    return Graph().parse(path, format="turtle")


@pytest.fixture(scope="session")
def bundled_vocabulary() -> Callable[[str], Graph]:
    """Parse `vocabularies/<slug>.ttl` once per session; treat the graph as read-only."""
    return _parse_bundled


@pytest.fixture(scope="session")
def sources_dir() -> Path:
    """The pinned real source data the converters read."""
    return SOURCES_DIR


# --- registry fixtures -------------------------------------------------------------------------

from registry.bundle import bundled_files, load_files  # noqa: E402
from registry.catalogue import Catalogue  # noqa: E402
from registry.config import Settings  # noqa: E402
from registry.oxigraph_store import OxigraphStore  # noqa: E402

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"


@pytest.fixture(scope="session")
def test_settings() -> Settings:
    return Settings(store=":memory:", vocabularies_dir=VOCABULARIES_DIR, ontology_dir=ONTOLOGY_DIR)


@pytest.fixture(scope="session")
def bundled_registry(test_settings: Settings) -> tuple[OxigraphStore, Catalogue]:
    """An in-memory store with every bundled vocabulary loaded, shared by read-only tests."""
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR))
    from registry.bundled_mappings import bundled_mapping_files, load_mapping_sets

    load_mapping_sets(store, catalogue, bundled_mapping_files(VOCABULARIES_DIR))  # as `eduvoc serve` does at first start
    return store, catalogue


@pytest.fixture
def empty_registry() -> tuple[OxigraphStore, Catalogue]:
    """A fresh in-memory store for a test that writes."""
    store = OxigraphStore()
    return store, Catalogue(store)
