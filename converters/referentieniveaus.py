"""Referentieniveaus Nederlandse taal → vocabulary `referentieniveaus-taal`: real Dutch learning outcomes.

Source: Bijlage 1 of the Besluit referentieniveaus Nederlandse taal en rekenen (BWBR0027879) in
`sources/nl-onderwijsregelgeving/`. The annex is a grid per domain (1 Mondelinge taalvaardigheid,
2 Lezen, 3 Schrijven, 4 Begrippenlijst en taalverzorging) and subdomain (1.1 Gesprekken, ...): rows
are descriptors (tasks, features of the performance), columns the levels 1F–4F, cells the statement.
Each filled cell becomes one learning outcome (domain → subdomain → descriptor), its level
`eduvoc:educationLevel` → the SLO level concept with that notation (`slo-niveaus`), its statement the
definition; a `+` cell (the spelling grid) states that the row is mastered at that level. The
rekenen annex is not in the source snapshot, so rekenen is not converted.

Fails, naming file and line, on a table before any domain, a descriptor twice at one level, or a level column it does not know.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef

from converters.regulation import Regulation, SourceRowError, table_cells
from converters.vocabulary_file import EDUVOC_DEF, EDUVOC_VOCAB, VOCABULARIES_DIR, SchemeInfo, new_scheme_graph

SLUG = "referentieniveaus-taal"
REGULATION = Regulation("BWBR0027879", "referentieniveaus-taal-rekenen-BWBR0027879.md",
                        "Besluit referentieniveaus Nederlandse taal en rekenen", "2010-06-17", "2010-08-01")
ELM = Namespace("http://data.europa.eu/snb/model/elm/")
LEVELS = ("1F", "2F", "3F", "4F")
SECTION = re.compile(r"^###\s+(\d+(?:\.\d+)*)\s*$")
TITLE = re.compile(r"^####\s*(.+?)\s*$")
LEVEL_CELL = re.compile(r"^\*?\s*(?:Niveau\s+)?([1-4][FS])\s*\*?$")


@dataclass
class Outcome:
    section: str
    row: str
    level: str
    text: str
    line: int


def clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.replace("*", "")).strip()


def parse(text: str, file: str) -> tuple[dict[str, str], list[Outcome]]:
    """Sections (code -> title) and every filled grid cell of Bijlage 1."""
    sections: dict[str, str] = {}
    outcomes: list[Outcome] = []
    current: str | None = None
    pending: str | None = None
    levels: list[str | None] = []
    in_annex = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("### Bijlage 1"):
            in_annex = True
            continue
        if not in_annex:
            continue
        match = SECTION.match(line)
        if match:
            pending = match.group(1)
            continue
        match = TITLE.match(line)
        if match and pending:
            title = re.sub(r"^vervolg\s+", "", match.group(1)).strip()
            sections.setdefault(pending, title[:1].upper() + title[1:])
            current, pending = pending, None
            continue
        if not line.startswith("|") or line.startswith("|:"):
            continue
        cells = table_cells(line)
        found = [LEVEL_CELL.match(clean(c)) for c in cells[1:]]
        if any(found):
            if current is None:
                raise SourceRowError(file, number, "a level table before any domain")
            levels = [m.group(1) if m else None for m in found]
            if not set(filter(None, levels)) <= set(LEVELS):
                raise SourceRowError(file, number, f"unknown level in {levels}")
            continue
        if not levels or len(cells) != len(levels) + 1:
            continue
        label = clean(cells[0])
        if not label or label == "---":
            continue
        for level, cell in zip(levels, cells[1:], strict=False):
            value = clean(cell)
            if level is None or value in ("", "---"):
                continue
            outcomes.append(Outcome(current, label, level, label if value == "+" else value, number))
    return sections, outcomes


def slug_of(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def scheme_info() -> SchemeInfo:
    return REGULATION.info(
        SLUG, "Referentieniveaus Nederlandse taal (leeruitkomsten)", "Reference levels for Dutch language (learning outcomes)",
        "De beschrijvingen van de referentieniveaus Nederlandse taal (1F-4F) als leeruitkomsten: domein, subdomein en per "
        "descriptor en niveau de tekst van het besluit; het niveau met eduvoc:educationLevel naar slo-niveaus. De bijlage "
        "rekenen ontbreekt in de bron.",
        "The descriptors of the Dutch language reference levels (1F-4F) as learning outcomes: domain, subdomain and, per "
        "descriptor and level, the text of the decree (Dutch); the level with eduvoc:educationLevel into slo-niveaus. The "
        "arithmetic annex is missing from the source.",
    )


def level_concepts(vocabularies: Path = VOCABULARIES_DIR) -> dict[str, URIRef]:
    """The SLO level concepts (bundled `slo-niveaus`) of the reference levels, by notation."""
    slo = Graph().parse(vocabularies / "slo-niveaus.ttl", format="turtle")
    found = {str(o): s for s, o in slo.subject_objects(SKOS.notation) if str(o) in LEVELS}
    missing = sorted(set(LEVELS) - set(found))
    if missing:
        raise ValueError(f"slo-niveaus.ttl has no level concept for {missing}")
    return found


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    levels = level_concepts()
    path = REGULATION.path(sources)
    sections, outcomes = parse(path.read_text(encoding="utf-8"), path.name)
    info = scheme_info()
    graph = new_scheme_graph(info)
    graph.bind("elm", ELM)
    scheme = info.scheme_iri
    REGULATION.annotate(graph, scheme)
    base = f"{SLUG}/"

    def section_iri(code: str) -> URIRef:
        return EDUVOC_VOCAB[f"{base}{code}"]

    used = {o.section for o in outcomes}
    used |= {code.split(".")[0] for code in used}
    for code in sorted(used, key=lambda c: [int(p) for p in c.split(".")]):
        concept = section_iri(code)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.prefLabel, Literal(f"{code} {sections[code]}", lang="nl")))
        graph.add((concept, SKOS.notation, Literal(code)))
        if "." in code:
            parent = section_iri(code.rsplit(".", 1)[0] if code.count(".") > 1 else code.split(".")[0])
            graph.add((concept, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, concept))
        else:
            graph.add((concept, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, concept))
    seen: dict[URIRef, int] = {}
    for outcome in outcomes:
        concept = EDUVOC_VOCAB[f"{base}{outcome.section}/{slug_of(outcome.row)}-{outcome.level.lower()}"]
        if concept in seen:
            raise SourceRowError(path.name, outcome.line, f"descriptor {outcome.row!r} at {outcome.level} also on line {seen[concept]}")
        seen[concept] = outcome.line
        parent = section_iri(outcome.section)
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, RDF.type, ELM.LearningOutcome))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.prefLabel, Literal(f"{outcome.row} ({outcome.level})", lang="nl")))
        graph.add((concept, SKOS.definition, Literal(outcome.text, lang="nl")))
        graph.add((concept, SKOS.notation, Literal(f"{outcome.section} {outcome.level}")))
        graph.add((concept, EDUVOC_DEF.educationLevel, levels[outcome.level]))
        graph.add((concept, SKOS.broader, parent))
        graph.add((parent, SKOS.narrower, concept))
    return [(info, graph)]
