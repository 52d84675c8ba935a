"""MBO qualifications (kwalificatiestructuur 2015) → vocabulary `mbo-kwalificaties`.

Source: Bijlage 1 of the Regeling vaststelling kwalificatiedossiers 2015 (BWBR0036352) in
`sources/nl-onderwijsregelgeving/`. The table lists, per opleidingsdomein, the kwalificatiedossiers
(crebo, name) and their kwalificaties (crebo, name, niveau 1–4, soort opleiding, leerweg); the Entree
dossiers belong to no domain. The vocabulary is the tree domain → dossier → kwalificatie, each with its
code (domain code or crebo) as skos:notation. Niveau is `eduvoc:educationLevel` to the OOAPI level
`secondary_vocational_education_<n>`; soort opleiding and leerweg are a Dutch scope note.

The parser fails, naming file and line, on a row it cannot place: a qualification before any dossier,
a continuation row naming another dossier, a crebo listed twice with different names, a bad niveau.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, URIRef

from converters.regulation import Regulation, SourceRowError, table_cells
from converters.vocabulary_file import EDUVOC_DEF, EDUVOC_VOCAB, SchemeInfo, new_scheme_graph

SLUG = "mbo-kwalificaties"
REGULATION = Regulation("BWBR0036352", "kwalificatiedossiers-2015-BWBR0036352.md",
                        "Regeling vaststelling kwalificatiedossiers 2015", "2015-02-01", "2015-08-01")
LEVEL = EDUVOC_VOCAB["ooapi-level/secondary_vocational_education_"]
DOMAIN_ROW = re.compile(r"^\|\s*\*Opleidingsdomein\*\s*\*(\d+)\.\s*(.+?)\s+(\d{5})\*\s*\|\s*$")
UNASSIGNED = "niet toebedeeld aan Opleidingsdomeinen"
HEADER = "Crebonummer"
END = "###Bijlage 2"


@dataclass
class Node:
    kind: str  # domein | dossier | kwalificatie
    code: str
    label: str
    line: int
    parent: str | None = None  # code of the broader node
    niveau: str | None = None
    soort: str | None = None
    leerweg: str | None = None
    notes: list[str] = field(default_factory=list)


def crebo(cell: str) -> str:
    """A crebo as digits: the source writes one as `25.080`."""
    return cell.replace(".", "").strip()


def parse(text: str, file: str) -> dict[str, Node]:
    """Every domain, dossier and qualification of Bijlage 1, by code."""
    nodes: dict[str, Node] = {}
    domain: str | None = None
    dossier: Node | None = None
    in_table = False

    def place(node: Node) -> None:
        known = nodes.get(node.code)
        if known is None:
            nodes[node.code] = node
        elif (known.kind, known.label, known.parent) != (node.kind, node.label, node.parent):
            raise SourceRowError(file, node.line, f"code {node.code} is listed twice with different names or places "
                                 f"({known.label!r} on line {known.line}, {node.label!r} here)")

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith(END):
            break
        if line.startswith("###Bijlage 1"):
            in_table = True
        if not in_table:
            continue
        if UNASSIGNED in line:
            domain, dossier = None, None
            continue
        match = DOMAIN_ROW.match(line)
        if match:
            domain, dossier = match.group(3), None
            place(Node("domein", domain, match.group(2).strip(), number))
            continue
        if not line.startswith("|") or HEADER in line or line.startswith("|:"):
            continue
        cells = table_cells(line)
        if len(cells) != 10:
            raise SourceRowError(file, number, f"expected 10 cells, found {len(cells)}")
        dossier_crebo, _, dossier_name, qualification, name, niveau, _, soort, _, leerweg = cells
        if qualification == "---":
            if dossier_name != "---" or crebo(dossier_crebo) != domain:
                raise SourceRowError(file, number, "a row without a qualification that is not the domain's own row")
            continue
        if dossier_crebo != "---":
            dossier = Node("dossier", crebo(dossier_crebo), dossier_name, number, domain)
            place(dossier)
        elif dossier is None or dossier_name != dossier.label:
            raise SourceRowError(file, number, f"qualification {qualification} continues dossier {dossier_name!r}, "
                                 f"but the current dossier is {dossier.label if dossier else None!r}")
        if niveau not in {"1", "2", "3", "4"}:
            raise SourceRowError(file, number, f"niveau {niveau!r} is not 1-4")
        place(Node("kwalificatie", crebo(qualification), name, number, dossier.code, niveau, soort, leerweg))
    if not nodes:
        raise SourceRowError(file, 1, "no Bijlage 1 table found")
    return nodes


def iri(node: Node) -> URIRef:
    return EDUVOC_VOCAB[f"{SLUG}/{node.kind}-{node.code}"]


def scheme_info() -> SchemeInfo:
    return REGULATION.info(
        SLUG, "MBO-kwalificaties (kwalificatiedossiers 2015)", "MBO qualifications (qualification files 2015)",
        "De kwalificatiestructuur van het mbo: opleidingsdomeinen, kwalificatiedossiers en kwalificaties met hun "
        "crebonummer (skos:notation), niveau (1-4), soort opleiding en leerweg, uit Bijlage 1 van de regeling.",
        "The Dutch MBO (secondary vocational) qualification structure: training domains, qualification files and "
        "qualifications with their crebo number (skos:notation), level (1-4), kind of programme and learning path "
        "(BOL school-based / BBL work-based), from annex 1 of the regulation. Dutch labels only, as in the source.",
    )


def build_scheme(nodes: dict[str, Node]) -> Graph:
    info = scheme_info()
    graph = new_scheme_graph(info)
    scheme = info.scheme_iri
    REGULATION.annotate(graph, scheme)
    by_code = {node.code: node for node in nodes.values()}
    for node in nodes.values():
        concept = iri(node)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.prefLabel, Literal(node.label, lang="nl")))
        graph.add((concept, SKOS.notation, Literal(node.code)))
        if node.parent is None:
            graph.add((concept, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, concept))
        else:
            parent = iri(by_code[node.parent])
            graph.add((concept, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, concept))
        if node.kind == "kwalificatie":
            graph.add((concept, EDUVOC_DEF.educationLevel, URIRef(f"{LEVEL}{node.niveau}")))
            graph.add((concept, SKOS.scopeNote, Literal(
                f"MBO-niveau {node.niveau}, {node.soort}; leerweg {node.leerweg.replace('/', ' en ')}.", lang="nl")))
        elif node.kind == "dossier":
            graph.add((concept, SKOS.scopeNote, Literal("Kwalificatiedossier (crebo van het dossier).", lang="nl")))
        else:
            graph.add((concept, SKOS.scopeNote, Literal("Opleidingsdomein (code van het domein).", lang="nl")))
    return graph


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    path = REGULATION.path(sources)
    nodes = parse(path.read_text(encoding="utf-8"), path.name)
    return [(scheme_info(), build_scheme(nodes))]
