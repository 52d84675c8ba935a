"""The bundled `mbo-kwalificaties` against Bijlage 1 of the Regeling vaststelling kwalificatiedossiers 2015.

Expected values are recounted from the Markdown table with a plain split (not through the converter).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import RDF, SKOS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

SLUG = "mbo-kwalificaties"
BASE = "https://w3id.org/eduvoc/vocab/mbo-kwalificaties/"
FILE = "kwalificatiedossiers-2015-BWBR0036352.md"


@pytest.fixture(scope="module")
def graph(bundled_vocabulary) -> Graph:
    return bundled_vocabulary(SLUG)


@pytest.fixture(scope="module")
def table(sources_dir: Path) -> list[list[str]]:
    """The data rows of Bijlage 1 (10 cells each)."""
    text = (sources_dir / "nl-onderwijsregelgeving" / FILE).read_text(encoding="utf-8")
    annex = text.split("###Bijlage 1")[1].split("###Bijlage 2")[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in annex.splitlines() if line.startswith("| ")]
    return [r for r in rows if len(r) == 10 and r[0] != "Crebonummer"]


def of_kind(graph: Graph, kind: str) -> dict[str, str]:
    return {str(s).removeprefix(BASE + kind + "-"): str(graph.value(s, SKOS.prefLabel))
            for s in graph.subjects(RDF.type, SKOS.Concept) if str(s).startswith(BASE + kind + "-")}


def test_qualifications_are_the_rows_with_a_crebo(graph, table) -> None:
    expected = {r[3].replace(".", ""): r[4] for r in table if r[3] != "---"}
    assert of_kind(graph, "kwalificatie") == expected
    assert len(expected) == len([r for r in table if r[3] != "---"])  # no crebo repeated


def test_dossiers_and_domains(graph, table, sources_dir) -> None:
    assert of_kind(graph, "dossier") == {r[0]: r[2] for r in table if r[0] != "---" and r[3] != "---"}
    text = (sources_dir / "nl-onderwijsregelgeving" / FILE).read_text(encoding="utf-8")
    domains = dict((code, name) for name, code in re.findall(r"\*Opleidingsdomein\*\s+\*\d+\. (.+?) (\d{5})\*", text))
    assert of_kind(graph, "domein") == domains


def test_tree_domain_dossier_qualification(graph, table) -> None:
    dossier = None
    for row in table:
        if row[3] == "---":
            continue
        dossier = row[0] if row[0] != "---" else dossier
        qualification = URIRef(f"{BASE}kwalificatie-{row[3].replace('.', '')}")
        assert graph.value(qualification, SKOS.broader) == URIRef(f"{BASE}dossier-{dossier}")
        assert graph.value(qualification, SKOS.notation) == Literal(row[3].replace(".", ""))
        assert graph.value(qualification, URIRef("https://w3id.org/eduvoc/def/educationLevel")) == URIRef(
            f"https://w3id.org/eduvoc/vocab/ooapi-level/secondary_vocational_education_{row[5]}")
        assert row[9] in str(graph.value(qualification, SKOS.scopeNote)).replace(" en ", "/")
    tops = set(graph.objects(None, SKOS.hasTopConcept))
    assert {str(t).split("/")[-1].split("-")[0] for t in tops} == {"domein", "dossier"}  # Entree has no domain


def test_scheme_carries_the_regulation(graph) -> None:
    scheme = next(graph.subjects(RDF.type, SKOS.ConceptScheme))
    assert graph.value(scheme, DCTERMS.isVersionOf) == URIRef("https://wetten.overheid.nl/BWBR0036352")
    assert str(graph.value(scheme, DCTERMS.issued)) == "2015-02-01"
    assert "2015-08-01" in str(graph.value(scheme, DCTERMS.valid))


def test_a_crebo_twice_with_different_names_fails_naming_the_line() -> None:
    from converters.mbo_kwalificaties import parse
    from converters.regulation import SourceRowError

    head = "###Bijlage 1\n|  *Opleidingsdomein*    *1. Bouw en infra 79000*   |\n"
    row = "| 23045  | 1,30  | Betonboren  | 25078  | {}  | 3  | 1,30  | vakopleiding  | --- | BOL/BBL  |\n"
    assert len(parse(head + row.format("Betonboorder") * 2, "x.md")) == 3  # the same row twice is harmless
    with pytest.raises(SourceRowError, match=r"x\.md line 4: code 25078 is listed twice"):
        parse(head + row.format("Betonboorder") + row.format("Iets anders"), "x.md")


def test_a_row_continuing_an_unknown_dossier_fails() -> None:
    from converters.mbo_kwalificaties import parse
    from converters.regulation import SourceRowError

    text = ("###Bijlage 1\n|  *Opleidingsdomein*    *1. Bouw en infra 79000*   |\n"
            "| --- | --- | Betonreparatie  | 25.080  | Betonreparateur  | 2  | 1,30  | basis  | --- | BOL/BBL  |\n")
    with pytest.raises(SourceRowError, match=r"line 3: qualification 25\.080 continues dossier 'Betonreparatie'"):
        parse(text, "x.md")


def test_build_matches_the_committed_file(graph, sources_dir) -> None:
    from converters.mbo_kwalificaties import build

    [(info, built)] = build(sources_dir)
    assert info.slug == SLUG and len(built) == len(graph)
