"""registry.validation finds exactly what pySHACL finds, on the same data and shapes.

Compared per result: (focus node, result path, value, severity, source shape), as multisets (so
duplicates pySHACL reports are reported too), and the messages of every result whose shape
declares sh:message (pySHACL drops the language tag of SPARQL-based messages, so messages are
compared as text). Fixtures: the NL-SBB example thesaurus, every VocPub example, bundled
vocabularies, and bundled vocabularies with every profile defect introduced.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from registry.quality import VOCABULARY_PROFILE
from registry.validation import load_shapes
from tests.conftest import SOURCES_DIR, VOCABULARIES_DIR
from tests.validation.defects import all_defects_in
from tests.validation.reference import engine_results, pyshacl_results

CORE_COMPONENTS = Path(__file__).parent / "data" / "core-components.ttl"
VOCPUB_EXAMPLES = sorted((SOURCES_DIR / "vocpub-profile" / "examples").glob("*.ttl"))
NL_SBB_THESAURUS = SOURCES_DIR / "nl-sbb" / "concepts" / "thesaurus.ttl"
BUNDLED = ["werkvormen", "slo-niveaus", "xapi-verbs", "eu-file-type", "aggregation-level"]
SLOW = pytest.mark.skipif(not os.environ.get("EDUVOC_SLOW_TESTS"), reason="pySHACL needs minutes; set EDUVOC_SLOW_TESTS=1")


def assert_same(data: Path, shapes_path: Path) -> int:
    """Run both engines; assert identical results; return how many there are."""
    shapes = load_shapes(shapes_path)
    report, engine_keys, engine_messages = engine_results(data, shapes)
    conforms, reference_keys, reference_messages = pyshacl_results(data, shapes_path)
    assert set(engine_keys) == set(reference_keys), (
        f"only engine: {sorted(set(engine_keys) - set(reference_keys))[:5]}; "
        f"only pySHACL: {sorted(set(reference_keys) - set(engine_keys))[:5]}"
    )
    assert engine_keys == reference_keys, "same results, different multiplicities"
    assert report.conforms == conforms
    declared = _declared_messages(shapes_path)
    for key in engine_keys:
        mine = {m for m in engine_messages[key] if (key[4], m[0]) in declared or (key[4], "*") in declared}
        theirs = {m for m in reference_messages[key] if (key[4], m[0]) in declared or (key[4], "*") in declared}
        assert mine == theirs, key
    return sum(engine_keys.values())


def _declared_messages(shapes_path: Path) -> set[tuple[str, str]]:
    """(shape, component) pairs whose results carry messages from the shapes graph ("*": every
    component); other results carry each engine's own wording and are not compared."""
    graph = Graph().parse(shapes_path)
    declared = {(f"<{s}>", "*") for s in graph.subjects(SH.message, None)}
    declared |= {(f"<{s}>", "SPARQLConstraintComponent") for s, c in graph.subject_objects(SH.sparql) if (c, SH.message, None) in graph}
    return declared


NL_SBB_PROFILE = SOURCES_DIR / "nl-sbb" / "profiles" / "skos-ap-nl.ttl"


def test_nl_sbb_profile_on_its_example_thesaurus():
    """NL-SBB's own SKOS-AP-NL profile (sh:or, sh:disjoint, SHACL-SPARQL) compiles and agrees."""
    assert assert_same(NL_SBB_THESAURUS, NL_SBB_PROFILE) >= 1


@pytest.mark.parametrize("slug", ["werkvormen", "xapi-verbs"])
def test_nl_sbb_profile_on_bundled_vocabularies(slug):
    assert_same(VOCABULARIES_DIR / f"{slug}.ttl", NL_SBB_PROFILE)


def test_nl_sbb_example_thesaurus():
    assert assert_same(NL_SBB_THESAURUS, VOCABULARY_PROFILE) >= 1


@pytest.mark.parametrize("example", VOCPUB_EXAMPLES, ids=lambda p: p.stem)
def test_vocpub_examples(example):
    assert assert_same(example, VOCABULARY_PROFILE) > 0


@pytest.mark.parametrize("slug", BUNDLED)
def test_bundled_vocabularies(slug):
    assert_same(VOCABULARIES_DIR / f"{slug}.ttl", VOCABULARY_PROFILE)


@SLOW  # esco-skills is full ESCO now (232k triples): too long for pySHACL in CI; isco-08 is ESCO's too
@pytest.mark.parametrize("slug", ["isco-08", "slo-kerndoelen"])
def test_large_bundled_vocabularies(slug):
    assert_same(VOCABULARIES_DIR / f"{slug}.ttl", VOCABULARY_PROFILE)


@pytest.mark.parametrize("slug", ["werkvormen", "slo-niveaus", "xapi-verbs"])
def test_bundled_vocabularies_with_every_defect(slug, tmp_path):
    vocabulary, expected = all_defects_in(slug)
    path = vocabulary.write(tmp_path / f"{slug}-defects.nt")
    found = assert_same(path, VOCABULARY_PROFILE)
    assert found >= len(expected)


@pytest.mark.parametrize("slug", ["werkvormen", "xapi-verbs", "slo-niveaus"])
def test_every_supported_construct(slug):
    """Test shapes with every compiled construct (targets, paths, core components, SHACL-SPARQL)."""
    assert assert_same(VOCABULARIES_DIR / f"{slug}.ttl", CORE_COMPONENTS) > 100
