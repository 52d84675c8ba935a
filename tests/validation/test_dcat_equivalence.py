"""DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 shapes, as published: registry.validation finds exactly what
pySHACL finds, on the official examples and on defects introduced into them.

Compared per result: (focus node, path, value, source shape, constraint component, severity), as
multisets; blank-node source shapes are named by their content. pySHACL's results are computed
once per session (tests/validation/dcat.py). The shape-based components (sh:node, sh:or, sh:and,
sh:not, sh:xone, sh:closed) are also run with test shapes (data/logical-components.ttl) that pass
on some nodes of the examples and fail on others.
"""

from __future__ import annotations

import os

import pytest

from registry.errors import RdfSyntaxError
from registry.validation import load_shapes, validate_document
from tests.validation.dcat import (
    COMBINATIONS,
    DEFECTS,
    EXAMPLES_DIR,
    LOGICAL_SHAPES,
    NL_UNPARSEABLE,
    SPLIT,
    UNPARSEABLE,
    components,
    dcat_ap_examples,
    engine_keys,
    mutated,
    nl_catalogue,
    nl_examples,
    pyshacl_keys,
)

SLOW = pytest.mark.skipif(not os.environ.get("EDUVOC_SLOW_TESTS"), reason="many pySHACL runs; set EDUVOC_SLOW_TESTS=1")
EXAMPLES = dcat_ap_examples()
NL_EXAMPLES = nl_examples()


def assert_same(data: bytes | str, rdf_format: str, combination) -> int:
    mine = engine_keys(data, rdf_format, combination)
    theirs = pyshacl_keys(data, rdf_format, combination)
    assert set(mine) == set(theirs), (
        f"only engine: {sorted(set(mine) - set(theirs))[:3]}; only pySHACL: {sorted(set(theirs) - set(mine))[:3]}"
    )
    assert mine == theirs, "same results, different multiplicities"
    return sum(mine.values())


@pytest.mark.parametrize("combination", sorted(COMBINATIONS))
def test_every_combination_compiles(combination):
    shapes = load_shapes(*COMBINATIONS[combination])
    assert len(shapes.constraints) > 50


def test_what_is_not_shacl_is_ignored_and_said():
    notes = load_shapes(*SPLIT).ignored
    assert sum("sh:shape" in n for n in notes) == 5  # shapes.ttl's five sh:shape :DateOrDateTimeDataType_Shape
    assert any("not defined" in n for n in load_shapes(*COMBINATIONS["dcat-ap-shacl"]).ignored)


@pytest.mark.parametrize("name", sorted(UNPARSEABLE))
def test_the_two_broken_examples_are_refused_with_their_position(name):
    line, column = UNPARSEABLE[name]
    with pytest.raises(RdfSyntaxError) as raised:
        validate_document((EXAMPLES_DIR / name).read_bytes(), "turtle", load_shapes(*SPLIT), name=name)
    assert raised.value.location == f"{name}:{line}:{column}"


@pytest.mark.parametrize("name", sorted(NL_UNPARSEABLE))
def test_the_broken_dcat_ap_nl_example_is_refused_with_its_position(name):
    line, column = NL_UNPARSEABLE[name]
    with pytest.raises(RdfSyntaxError) as raised:
        validate_document(NL_EXAMPLES[name], "turtle", load_shapes(*SPLIT), name=name)
    assert raised.value.location == f"{name}:{line}:{column}"


def test_every_example_is_covered():
    assert len(EXAMPLES) + len(UNPARSEABLE) == len(list(EXAMPLES_DIR.glob("*.ttl"))) == 15
    assert len(NL_EXAMPLES) == 7


@pytest.mark.parametrize("combination", sorted(COMBINATIONS))
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem.removeprefix("example-bee-population"))
def test_dcat_ap_examples(example, combination):
    assert_same(example.read_bytes(), "turtle", combination)


@pytest.mark.parametrize("combination", sorted(COMBINATIONS))
@pytest.mark.parametrize("name", sorted(set(NL_EXAMPLES) - set(NL_UNPARSEABLE)))
def test_dcat_ap_nl_examples(name, combination):
    assert_same(NL_EXAMPLES[name], "turtle", combination)


@pytest.mark.parametrize("combination", sorted(COMBINATIONS))
def test_dcat_ap_nl_examples_together(combination):
    assert assert_same(nl_catalogue(), "turtle", combination) > 0


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_defects_in_the_dcat_ap_nl_examples(defect):
    """Each defect changes the results of its component, and both engines agree before and after."""
    base = nl_catalogue()
    if defect.than is not None:
        base = mutated(base, next(d for d in DEFECTS if d.name == defect.than)).decode("utf-8")
    changed = mutated(nl_catalogue(), defect)
    assert_same(changed, "ntriples", "everything")
    before = components(engine_keys(base, "turtle", "everything"))[defect.component]
    after = components(engine_keys(changed, "ntriples", "everything"))[defect.component]
    assert (after > before) if defect.adds else (after < before), (before, after)


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_defects_against_dcat_ap_nl_as_published(defect):
    assert_same(mutated(nl_catalogue(), defect), "ntriples", "dcat-ap-nl")


def test_shape_based_components_pass_and_fail():
    """Every shape-based component reports results on the examples, and not for every focus node."""
    combination = (LOGICAL_SHAPES,)
    documents = [nl_catalogue(), *(p.read_text(encoding="utf-8") for p in EXAMPLES)]
    found = sum((components(engine_keys(d, "turtle", combination)) for d in documents), start=components({}))
    for component in ("Closed", "Not", "And", "Node", "Or", "Xone"):
        assert found[f"{component}ConstraintComponent"] > 0, component
    for document in documents:
        assert_same(document, "turtle", combination)


def test_shape_based_components_let_valid_nodes_pass():
    shapes = load_shapes(LOGICAL_SHAPES)
    report = validate_document(nl_catalogue(), "turtle", shapes)
    failing = {(f.focus_node, f.source_shape.value) for f in report.findings}
    # the NL example's period of time has a start and an end date and nothing else: closed and xone pass
    assert not any(shape.endswith("#ClosedPeriod") for _, shape in failing)
    assert not any(f.constraint_component.value.endswith("XoneConstraintComponent") and "endDate" in str(f.path) for f in report.findings)


@SLOW
@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem.removeprefix("example-bee-population"))
def test_defects_in_every_dcat_ap_example(example, defect):
    assert_same(mutated(example.read_text(encoding="utf-8"), defect), "ntriples", "everything")


@SLOW
@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_defects_with_the_logical_test_shapes(defect):
    assert_same(mutated(nl_catalogue(), defect), "ntriples", (LOGICAL_SHAPES,))
