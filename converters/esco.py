"""ESCO skills pillar → vocabulary `esco-skills`: the skill-group hierarchy plus five skill collections.

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

from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from converters.vocabulary_file import EDUVOC_VOCAB, Publisher, SchemeInfo, new_scheme_graph

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


def read_skill_groups(folder: Path) -> dict[str, SkillGroup]:
    """The 640 skill groups by IRI."""
    return {
        row["conceptUri"]: SkillGroup(
            iri=row["conceptUri"],
            code=row["code"].strip(),
            label=row["preferredLabel"].strip(),
            alt_labels=split_values(row["altLabels"]),
            hidden_labels=split_values(row["hiddenLabels"]),
            description=row["description"].strip(),
            scope_note=row["scopeNote"].strip(),
        )
        for row in read_csv(folder / "skillGroups_en.csv")
    }


def read_hierarchy(folder: Path) -> tuple[list[str], set[tuple[str, str]]]:
    """The level-0 roots and the (narrower, broader) pairs of skillsHierarchy_en.csv."""
    roots: list[str] = []
    links: set[tuple[str, str]] = set()
    for row in read_csv(folder / "skillsHierarchy_en.csv"):
        path = [row[f"Level {level} URI"] for level in range(4) if row[f"Level {level} URI"]]
        if path and path[0] not in roots:
            roots.append(path[0])
        links.update(zip(path[1:], path[:-1], strict=True))
    return roots, links


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


def scheme_info() -> SchemeInfo:
    """Catalogue metadata of `esco-skills`."""
    return SchemeInfo(
        slug=SLUG,
        title_nl="ESCO-vaardigheden (hiërarchie en collecties)",
        title_en="ESCO skills (hierarchy and collections)",
        description_nl=(
            "De hiërarchie van de vaardighedenpijler van ESCO v1.2 (640 vaardigheidsgroepen in vier "
            "niveaus: taal, vaardigheden, kennis en transversale vaardigheden; kennisgroepen volgen "
            "ISCED-F 2013) plus alle vaardigheden uit vijf ESCO-collecties (DigComp, groen, taal, "
            "onderzoek, transversaal), elk als skos:Collection. Alleen Engelstalige labels en "
            "definities: er zijn geen Nederlandse termen opgenomen. Dit is een deelverzameling: de "
            "overige ESCO-vaardigheden, de beroepen en de relaties tussen beroepen en vaardigheden "
            "ontbreken. " + ATTRIBUTION
        ),
        description_en=(
            "The skills-pillar hierarchy of ESCO v1.2 (640 skill groups in four levels: language, "
            "skills, knowledge and transversal skills; knowledge groups follow ISCED-F 2013) plus all "
            "skills of five ESCO collections (DigComp, green, language, research, transversal), each "
            "as a skos:Collection. English labels and definitions only: no Dutch terms are included. "
            "This is a subset: the other ESCO skills, the occupations and the occupation-skill "
            "relations are not included. " + ATTRIBUTION
        ),
        publisher=PUBLISHER,
        license=LICENCE,
        source=SOURCE_URL,
        version=VERSION,
        iri=SCHEME_IRI,
        extra_prefixes={"esco": str(ESCO_MODEL)},
    )


def add_skill_group(graph: Graph, scheme: URIRef, group: SkillGroup) -> URIRef:
    """One skill group: labels, notation (its ESCO/ISCED-F code), definition, scope note."""
    concept = URIRef(group.iri)
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, SKOS.inScheme, scheme))
    add_labels(graph, concept, group.label, group.alt_labels, group.hidden_labels)
    graph.add((concept, SKOS.notation, Literal(group.code)))
    if group.description:
        graph.add((concept, SKOS.definition, Literal(group.description, lang=LANGUAGE)))
    if group.scope_note:
        graph.add((concept, SKOS.scopeNote, Literal(group.scope_note, lang=LANGUAGE)))
    return concept


def add_skill(graph: Graph, scheme: URIRef, skill: Skill) -> URIRef:
    """One collection skill: labels, definition, ESCO skill type and reuse level."""
    concept = URIRef(skill.iri)
    graph.add((concept, RDF.type, SKOS.Concept))
    graph.add((concept, RDF.type, ESCO_MODEL.Skill))
    graph.add((concept, SKOS.inScheme, scheme))
    add_labels(graph, concept, skill.label, skill.alt_labels)
    if skill.description:
        graph.add((concept, SKOS.definition, Literal(skill.description, lang=LANGUAGE)))
    if skill.skill_type:
        graph.add((concept, ESCO_MODEL.skillType, SKILL_TYPES[skill.skill_type]))
    if skill.reuse_level:
        graph.add((concept, ESCO_MODEL.skillReuseLevel, URIRef(REUSE_LEVEL_BASE + skill.reuse_level)))
    return concept


def read_member_skills(folder: Path) -> tuple[dict[str, Skill], dict[CollectionSpec, list[str]]]:
    """All distinct collection skills by IRI, and each collection's member IRIs.

    A skill in several collections must be described identically in each (checked)."""
    skills: dict[str, Skill] = {}
    members: dict[CollectionSpec, list[str]] = {}
    for spec in COLLECTIONS:
        rows = read_collection(folder, spec)
        members[spec] = [skill.iri for skill in rows]
        for skill in rows:
            if skills.setdefault(skill.iri, skill) != skill:
                raise ValueError(f"{skill.iri} is described differently in {spec.file}")
    return skills, members


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """The `esco-skills` scheme: hierarchy, collection skills, and the five collections."""
    folder = sources / SOURCE_FOLDER
    info = scheme_info()
    graph = new_scheme_graph(info)
    scheme = info.scheme_iri
    graph.add((scheme, DCTERMS.rights, Literal(ATTRIBUTION, lang="en")))

    groups = read_skill_groups(folder)
    roots, group_links = read_hierarchy(folder)
    skills, members = read_member_skills(folder)
    known = groups.keys() | skills.keys()
    skill_links = {(skill.iri, parent) for skill in skills.values() for parent in skill.broader if parent in known}
    links = group_links | skill_links
    assert_acyclic(links)

    for group in groups.values():
        add_skill_group(graph, scheme, group)
    for skill in skills.values():
        add_skill(graph, scheme, skill)
    for root in roots:
        graph.add((URIRef(root), SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, URIRef(root)))
    for child, parent in links:
        graph.add((URIRef(child), SKOS.broader, URIRef(parent)))
        graph.add((URIRef(parent), SKOS.narrower, URIRef(child)))
    for spec, iris in members.items():
        graph.add((spec.iri, RDF.type, SKOS.Collection))
        graph.add((spec.iri, SKOS.prefLabel, Literal(spec.label_en, lang="en")))
        graph.add((spec.iri, SKOS.prefLabel, Literal(spec.label_nl, lang="nl")))
        graph.add((spec.iri, DCTERMS.source, URIRef(f"{SOURCE_URL.replace('/tree/', '/blob/')}/{spec.file}")))
        for iri in iris:
            graph.add((spec.iri, SKOS.member, URIRef(iri)))
    return [(info, graph)]
