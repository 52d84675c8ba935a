"""The ESCO v1.2 English CSV subset (`sources/esco-v1.2-en-csv-subset/`), read for `learning-outcomes`.

The full ESCO vocabularies are built by `converters.esco` from ESCO v1.1.1; the learning-outcome list
still reads the DigComp collection of this v1.2 subset (its collection CSV carries the broader links).
What follows is the original description of the subset.

Source: the English ESCO v1.2 CSV subset in `sources/esco-v1.2-en-csv-subset/` (see its SOURCE.md).
The subset holds the whole skills-pillar hierarchy (640 skill groups, levels 0-3, including the
ISCED-F based knowledge groups) and five collections of individual skills, but not the full skill
list (`skills_en.csv`). So the vocabulary contains the 640 groups plus every skill that is a member
of at least one collection; broader links from those skills to skills outside the subset are left
out (the source gives only their label, and a label-only stub would hang loose from the hierarchy).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import SKOS, Graph, Literal, Namespace, URIRef

from converters.vocabulary_file import EDUVOC_VOCAB, Publisher

SOURCE_FOLDER = "esco-v1.2-en-csv-subset"
SLUG = "esco-skills"
LANGUAGE = "en"

ESCO_MODEL = Namespace("http://data.europa.eu/esco/model#")
SCHEME_IRI = "http://data.europa.eu/esco/concept-scheme/skills"
SOURCE_COMMIT = "08e104822027b932f1437831b748278b17ef97ab"
SOURCE_URL = f"https://github.com/OzLe/esco-semantic/tree/{SOURCE_COMMIT}/data/esco"
VERSION = f"ESCO v1.2.0 (English CSV, OzLe/esco-semantic@{SOURCE_COMMIT[:10]})"
#: Commission Decision 2011/833/EU on the reuse of Commission documents (ESCO's reuse terms)
LICENCE = "http://data.europa.eu/eli/dec/2011/833/oj"
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
PUBLISHER = Publisher("european-commission", "European Commission (ESCO)")

#: CSV skillType value -> ESCO skill-type concept
SKILL_TYPES: dict[str, URIRef] = {
    "skill/competence": URIRef("http://data.europa.eu/esco/skill-type/skill"),
    "knowledge": URIRef("http://data.europa.eu/esco/skill-type/knowledge"),
}
REUSE_LEVEL_BASE = "http://data.europa.eu/esco/skill-reuse-level/"


@dataclass(frozen=True)
class CollectionSpec:
    """One ESCO skill collection CSV and the names eduvoc gives the skos:Collection."""

    key: str
    file: str
    label_en: str
    label_nl: str

    @property
    def iri(self) -> URIRef:
        return EDUVOC_VOCAB[f"{SLUG}/collection-{self.key}"]


COLLECTIONS: tuple[CollectionSpec, ...] = (
    CollectionSpec("digcomp", "digCompSkillsCollection_en.csv", "DigComp skills collection",
                   "ESCO-collectie DigComp-vaardigheden"),
    CollectionSpec("green", "greenSkillsCollection_en.csv", "Green skills collection",
                   "ESCO-collectie groene vaardigheden"),
    CollectionSpec("language", "languageSkillsCollection_en.csv", "Language skills collection",
                   "ESCO-collectie taalvaardigheden"),
    CollectionSpec("research", "researchSkillsCollection_en.csv", "Research skills collection",
                   "ESCO-collectie onderzoeksvaardigheden"),
    CollectionSpec("transversal", "transversalSkillsCollection_en.csv", "Transversal skills collection",
                   "ESCO-collectie transversale vaardigheden"),
)


@dataclass(frozen=True)
class SkillGroup:
    """A node of the skills-pillar hierarchy (skillGroups_en.csv)."""

    iri: str
    code: str
    label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    description: str
    scope_note: str


@dataclass(frozen=True)
class Skill:
    """An individual skill or knowledge item, as listed in a collection CSV."""

    iri: str
    label: str
    alt_labels: tuple[str, ...]
    description: str
    skill_type: str
    reuse_level: str
    broader: tuple[str, ...]


def read_csv(path: Path) -> list[dict[str, str]]:
    """All rows of an ESCO CSV; some cells exceed csv's default 128 KB field limit."""
    csv.field_size_limit(2**31 - 1)
    with path.open(encoding="utf-8", newline="") as handle:
        return [{key: (value or "") for key, value in row.items()} for row in csv.DictReader(handle)]


def split_values(cell: str) -> tuple[str, ...]:
    """A multi-valued cell (newline- or ' | '-separated) as stripped, non-empty values."""
    return tuple(value.strip() for value in re.split(r"\n|\|", cell) if value.strip())


def read_collection(folder: Path, spec: CollectionSpec) -> list[Skill]:
    """The member skills of one collection, in file order."""
    return [
        Skill(
            iri=row["conceptUri"],
            label=row["preferredLabel"].strip(),
            alt_labels=split_values(row["altLabels"]),
            description=row["description"].strip(),
            skill_type=row["skillType"].strip(),
            reuse_level=row["reuseLevel"].strip(),
            broader=split_values(row["broaderConceptUri"]),
        )
        for row in read_csv(folder / spec.file)
    ]


def assert_acyclic(links: Iterable[tuple[str, str]]) -> None:
    """Raise if the (narrower, broader) links contain a cycle: SKOS hierarchies must not loop."""
    parents: dict[str, set[str]] = {}
    for child, parent in links:
        parents.setdefault(child, set()).add(parent)
    done: set[str] = set()

    def visit(node: str, trail: tuple[str, ...]) -> None:
        if node in trail:
            raise ValueError(f"skos:broader cycle through {node}")
        if node in done:
            return
        for parent in parents.get(node, ()):
            visit(parent, (*trail, node))
        done.add(node)

    for node in list(parents):
        visit(node, ())


def add_labels(graph: Graph, concept: URIRef, label: str, alt: Iterable[str], hidden: Iterable[str] = ()) -> None:
    """English pref/alt/hidden labels, kept pairwise disjoint (SKOS S13): ESCO repeats some."""
    graph.add((concept, SKOS.prefLabel, Literal(label, lang=LANGUAGE)))
    seen = {label}
    for predicate, values in ((SKOS.altLabel, alt), (SKOS.hiddenLabel, hidden)):
        for value in values:
            if value not in seen:
                seen.add(value)
                graph.add((concept, predicate, Literal(value, lang=LANGUAGE)))


