"""A small writable registry for the mapping tests: the werkvormen, xAPI activity types and OOAPI
learning component types vocabularies (bundled, real), two organisations and their editors."""

from __future__ import annotations

import pytest

from registry.auth import Principal, Role
from registry.bundle import bundled_files, load_files
from registry.catalogue import Catalogue
from registry.mappings import service
from registry.organisations import ensure_organisation
from registry.oxigraph_store import OxigraphStore
from tests.conftest import ONTOLOGY_DIR, VOCABULARIES_DIR

VOCABULARIES = ("werkvormen", "xapi-activity-types", "ooapi-learning-component-type")
OWNER = Principal("https://w3id.org/eduvoc/token/owner", "kennisnet", Role.EDITOR)
OTHER = Principal("https://w3id.org/eduvoc/token/other", "surf", Role.EDITOR)
ADMIN = Principal("https://w3id.org/eduvoc/token/admin", "eduvoc", Role.ADMIN)


@pytest.fixture
def registry():
    """A fresh store with three bundled vocabularies and the organisations kennisnet and surf."""
    store = OxigraphStore()
    catalogue = Catalogue(store)
    load_files(store, catalogue, [f for f in bundled_files(VOCABULARIES_DIR, ONTOLOGY_DIR) if f[0] in VOCABULARIES])
    for slug, name in (("kennisnet", "Kennisnet"), ("surf", "SURF")):
        ensure_organisation(store, slug, name)
    return store, catalogue


@pytest.fixture
def xapi_set(registry):
    """An empty set werkvormen -> xAPI activity types owned by kennisnet."""
    store, catalogue = registry
    service.create_mapping_set(store, catalogue, OWNER, set_id="werkvormen-xapi", source="werkvormen",
                               target="xapi-activity-types", title="Werkvormen naar xAPI")
    return "werkvormen-xapi"
