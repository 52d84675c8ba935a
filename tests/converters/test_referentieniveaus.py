"""The bundled `referentieniveaus-taal` against Bijlage 1 of the Besluit referentieniveaus (BWBR0027879),
recounted from the Markdown grids with a plain split (not through the converter)."""

from __future__ import annotations

import re

import pytest
from rdflib import RDF, SKOS, URIRef
from rdflib.namespace import DCTERMS

SLUG = "referentieniveaus-taal"
FILE = "referentieniveaus-taal-rekenen-BWBR0027879.md"
LEVEL = URIRef("https://w3id.org/eduvoc/def/educationLevel")


@pytest.fixture(scope="module")
def graph(bundled_vocabulary):
    return bundled_vocabulary(SLUG)


@pytest.fixture(scope="module")
def cells(sources_dir) -> list[tuple[str, str]]:
    """(level, statement) of every filled cell in a grid whose header names levels 1F-4F."""
    annex = (sources_dir / "nl-onderwijsregelgeving" / FILE).read_text(encoding="utf-8").split("### Bijlage 1", 1)[1]
    found, levels = [], []
    for line in annex.splitlines():
        if not line.startswith("|") or line.startswith("|:"):
            continue
        row = [re.sub(r"\s+", " ", c.replace("*", "")).strip() for c in line.strip().strip("|").split("|")]
        heads = [re.fullmatch(r"(?:Niveau )?([1-4]F)", c) for c in row[1:]]
        if any(heads):
            levels = [h.group(1) if h else None for h in heads]
            continue
        if levels and len(row) == len(levels) + 1 and row[0] not in ("", "---"):
            found += [(level, row[0] if cell == "+" else cell) for level, cell in zip(levels, row[1:], strict=False) if level and cell not in ("", "---")]
    return found


def test_one_learning_outcome_per_filled_cell(graph, cells) -> None:
    outcomes = set(graph.subjects(RDF.type, URIRef("http://data.europa.eu/snb/model/elm/LearningOutcome")))
    assert len(outcomes) == len(cells) > 200
    assert sorted((str(graph.value(o, SKOS.notation)).split()[-1], str(graph.value(o, SKOS.definition))) for o in outcomes) == sorted(cells)


def test_levels_point_to_the_slo_level_concepts(graph, bundled_vocabulary) -> None:
    slo = bundled_vocabulary("slo-niveaus")
    for outcome in graph.subjects(LEVEL, None):
        level = graph.value(outcome, LEVEL)
        assert str(slo.value(level, SKOS.notation)) == str(graph.value(outcome, SKOS.prefLabel)).rsplit("(", 1)[1].rstrip(")")


def test_domain_subdomain_descriptor_tree(graph) -> None:
    tops = {str(graph.value(t, SKOS.notation)) for t in graph.objects(None, SKOS.hasTopConcept)}
    assert tops == {"1", "2", "3", "4"}
    for outcome in graph.subjects(LEVEL, None):
        parent = graph.value(outcome, SKOS.broader)
        assert str(graph.value(outcome, SKOS.notation)).startswith(str(graph.value(parent, SKOS.notation)) + " ")


def test_scheme_carries_the_decree(graph) -> None:
    scheme = next(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert graph.value(scheme, DCTERMS.isVersionOf) == URIRef("https://wetten.overheid.nl/BWBR0027879")
    assert str(graph.value(scheme, DCTERMS.issued)) == "2010-06-17"


def test_a_table_before_any_domain_fails_naming_the_line() -> None:
    from converters.referentieniveaus import parse
    from converters.regulation import SourceRowError

    with pytest.raises(SourceRowError, match=r"x\.md line 2: a level table before any domain"):
        parse("### Bijlage 1\n|--- |  *Niveau 1F*   |\n| a | b |\n", "x.md")


def test_build_matches_the_committed_file(graph, sources_dir) -> None:
    from converters.referentieniveaus import build

    [(info, built)] = build(sources_dir)
    assert info.slug == SLUG and len(built) == len(graph)
