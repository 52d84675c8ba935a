"""Loading the bundled mapping sets (vocabularies/mappings/*.sssom.tsv) at first start."""

from __future__ import annotations

import pytest

from registry.bundle import load_files
from registry.bundled_mappings import bundled_mapping_files, load_mapping_sets
from registry.errors import InvalidInput
from tests.conftest import VOCABULARIES_DIR


def test_the_bundle_ships_the_three_labour_market_sets():
    assert [p.name for p in bundled_mapping_files(VOCABULARIES_DIR)] == [
        "esco-occupation-essential-skills.sssom.tsv", "learning-outcomes-esco.sssom.tsv", "mbo-esco-occupations.sssom.tsv"]


def test_a_set_whose_vocabularies_are_not_loaded_is_left_out(empty_registry):
    store, catalogue = empty_registry
    load_files(store, catalogue, [("learning-outcomes", VOCABULARIES_DIR / "learning-outcomes.ttl")])
    assert load_mapping_sets(store, catalogue, bundled_mapping_files(VOCABULARIES_DIR)) == []


def test_a_table_without_its_sources_is_refused(empty_registry, tmp_path):
    store, catalogue = empty_registry
    table = tmp_path / "broken.sssom.tsv"
    table.write_text("# mapping_set_title: x\nsubject_id\tpredicate_id\tobject_id\tmapping_justification\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="broken.sssom.tsv: the metadata block needs subject_source"):
        load_mapping_sets(store, catalogue, [table])
