"""ESCO v1.1.1 in full → four vocabularies: `esco-skills`, `esco-occupations`, `isco-08`, `isced-f-2013`.

Source: the Commission's CSV downloads in `sources/esco-v1.1.1-en/` (English) plus the Dutch v1.2 CSVs
in `sources/esco-v1.2-nl/` (occupations, ISCO-08 groups, skill groups; no individual skills). Every
concept keeps ESCO's IRI and lives in exactly one vocabulary:

- `esco-skills` (scheme `concept-scheme/skills`): the 13,896 skills and knowledge items and the skill
  groups of the skills hierarchy that are not ISCED-F fields, with the skill–skill relations
  (`esco:relatedEssentialSkill` / `esco:relatedOptionalSkill`) and the six skill collections;
- `isced-f-2013` (scheme `concept-scheme/isced-f`): the ISCED-F 2013 fields ESCO uses as knowledge groups;
- `isco-08` (scheme `concept-scheme/isco`): the ISCO-08 groups;
- `esco-occupations` (scheme `concept-scheme/occupations`): the occupations, each under its ISCO-08 unit
  group or a broader occupation, with their essential and optional skills and the research collection.

Links between the four (a knowledge skill under an ISCED-F field, an occupation under an ISCO group) are
skos:broader across schemes, as in ESCO. A relation or broader row whose ends are not both in the
download is left out and counted (`Dropped`); everything else must place or the build fails.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, SKOS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS

from converters.esco_source import EscoSource, add_labels, add_text, split_values
from converters.vocabulary_file import EDUVOC_VOCAB, Publisher, SchemeInfo, new_scheme_graph

ESCO_MODEL = Namespace("http://data.europa.eu/esco/model#")
SOURCE_COMMIT = "1a8a32efb786c7f72052c893b144beb911fa7db1"
SOURCE_URL = f"https://github.com/tabiya-tech/tabiya-esco-datasets-and-tools/tree/{SOURCE_COMMIT}/datasets/esco/v1.1.1"
VERSION = "ESCO v1.1.1 (English CSV download of 2022-09-13; Dutch labels from ESCO v1.2 where present)"
#: Commission Decision 2011/833/EU on the reuse of Commission documents (ESCO's reuse terms)
LICENCE = "http://data.europa.eu/eli/dec/2011/833/oj"
ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
PUBLISHER = Publisher("european-commission", "European Commission (ESCO)")
SKILL_TYPES: dict[str, URIRef] = {
    "skill/competence": URIRef("http://data.europa.eu/esco/skill-type/skill"),
    "knowledge": URIRef("http://data.europa.eu/esco/skill-type/knowledge"),
}
REUSE_LEVEL_BASE = "http://data.europa.eu/esco/skill-reuse-level/"
RELATION = {"essential": ESCO_MODEL.relatedEssentialSkill, "optional": ESCO_MODEL.relatedOptionalSkill}
NO_DUTCH_SKILLS_NL = (
    "Nederlandse labels van de afzonderlijke vaardigheden zijn niet beschikbaar in de bronnen: zij staan hier in het "
    "Engels (niet machinaal vertaald); de vaardigheidsgroepen hebben wel Nederlandse labels (ESCO v1.2). "
)
NO_DUTCH_SKILLS_EN = (
    "Dutch labels of the individual skills are not in the sources: they are given in English (never machine-"
    "translated); the skill groups do have Dutch labels (ESCO v1.2). "
)


@dataclass(frozen=True)
class CollectionSpec:
    """One ESCO collection CSV and the names eduvoc gives the skos:Collection."""

    slug: str
    key: str
    file: str
    label_en: str
    label_nl: str

    @property
    def iri(self) -> URIRef:
        return EDUVOC_VOCAB[f"{self.slug}/collection-{self.key}"]


COLLECTIONS: tuple[CollectionSpec, ...] = (
    CollectionSpec("esco-skills", "digcomp", "digCompSkillsCollection_en.csv", "DigComp skills collection",
                   "ESCO-collectie DigComp-vaardigheden"),
    CollectionSpec("esco-skills", "digital", "digitalSkillsCollection_en.csv", "Digital skills collection",
                   "ESCO-collectie digitale vaardigheden"),
    CollectionSpec("esco-skills", "green", "greenSkillsCollection_en.csv", "Green skills collection",
                   "ESCO-collectie groene vaardigheden"),
    CollectionSpec("esco-skills", "language", "languageSkillsCollection_en.csv", "Language skills collection",
                   "ESCO-collectie taalvaardigheden"),
    CollectionSpec("esco-skills", "research", "researchSkillsCollection_en.csv", "Research skills collection",
                   "ESCO-collectie onderzoeksvaardigheden"),
    CollectionSpec("esco-skills", "transversal", "transversalSkillsCollection_en.csv", "Transversal skills collection",
                   "ESCO-collectie transversale vaardigheden"),
    CollectionSpec("esco-occupations", "research", "researchOccupationsCollection_en.csv",
                   "Research occupations collection", "ESCO-collectie onderzoeksberoepen"),
)


@dataclass
class Dropped:
    """Rows of the download left out because an end is not in it (reported in the README)."""

    counts: Counter = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def add(self, file: str, row_number: int, why: str) -> None:
        self.counts[file] += 1
        self.examples.setdefault(file, []).append(f"row {row_number}: {why}")


@dataclass
class Part:
    """One of the four vocabularies while it is being built."""

    info: SchemeInfo
    graph: Graph
    concepts: set[str] = field(default_factory=set)

    @property
    def scheme(self) -> URIRef:
        return self.info.scheme_iri


def scheme_info(slug: str, iri: str, title_nl: str, title_en: str, description_nl: str, description_en: str) -> SchemeInfo:
    return SchemeInfo(
        slug=slug, title_nl=title_nl, title_en=title_en,
        description_nl=description_nl + " Bron: ESCO v1.1.1 (Engels), Nederlandse labels uit ESCO v1.2. " + ATTRIBUTION,
        description_en=description_en + " Source: ESCO v1.1.1 (English), Dutch labels from ESCO v1.2. " + ATTRIBUTION,
        publisher=PUBLISHER, license=LICENCE, source=SOURCE_URL, version=VERSION, iri=iri,
        extra_prefixes={"esco": str(ESCO_MODEL)},
    )


SCHEMES = (
    scheme_info(
        "esco-skills", "http://data.europa.eu/esco/concept-scheme/skills",
        "ESCO-vaardigheden", "ESCO skills",
        "Alle vaardigheden en kennisitems van ESCO met vaardigheidstype, hergebruiksniveau, alternatieve en verborgen "
        "labels en beschrijvingen, de vaardigheidsgroepen van de hiërarchie (taal, vaardigheden, kennis, transversaal), "
        "de relaties tussen vaardigheden (esco:relatedEssentialSkill/relatedOptionalSkill) en zes ESCO-collecties. "
        "De kennisgroepen volgen ISCED-F 2013 (vocabulaire isced-f-2013). " + NO_DUTCH_SKILLS_NL,
        "All ESCO skills and knowledge items with skill type, reuse level, alternative and hidden labels and "
        "descriptions, the skill groups of the hierarchy (language, skills, knowledge, transversal), the skill-skill "
        "relations (esco:relatedEssentialSkill/relatedOptionalSkill) and six ESCO collections. The knowledge groups "
        "follow ISCED-F 2013 (vocabulary isced-f-2013). " + NO_DUTCH_SKILLS_EN,
    ),
    scheme_info(
        "esco-occupations", "http://data.europa.eu/esco/concept-scheme/occupations",
        "ESCO-beroepen", "ESCO occupations",
        "Alle beroepen van ESCO, elk onder zijn ISCO-08-beroepsgroep (vocabulaire isco-08) of een breder beroep, met "
        "Nederlandse en Engelse labels en beschrijvingen en de essentiële en optionele vaardigheden per beroep "
        "(esco:relatedEssentialSkill/relatedOptionalSkill naar esco-skills).",
        "All ESCO occupations, each under its ISCO-08 unit group (vocabulary isco-08) or a broader occupation, with "
        "Dutch and English labels and descriptions and the essential and optional skills of each occupation "
        "(esco:relatedEssentialSkill/relatedOptionalSkill into esco-skills).",
    ),
    scheme_info(
        "isco-08", "http://data.europa.eu/esco/concept-scheme/isco",
        "ISCO-08-beroepenclassificatie", "ISCO-08 occupation groups",
        "De International Standard Classification of Occupations 2008 zoals ESCO die publiceert: hoofdgroepen tot "
        "beroepsgroepen (1 tot 4 cijfers), Nederlands en Engels.",
        "The International Standard Classification of Occupations 2008 as ESCO publishes it: major to unit groups "
        "(1 to 4 digits), Dutch and English.",
    ),
    scheme_info(
        "isced-f-2013", "http://data.europa.eu/esco/concept-scheme/isced-f",
        "ISCED-F 2013 opleidingsgebieden", "ISCED-F 2013 fields of education and training",
        "De velden van onderwijs en opleiding van ISCED-F 2013 (brede, smalle en gedetailleerde velden) zoals ESCO ze "
        "als kennisgroepen gebruikt, Nederlands en Engels.",
        "The fields of education and training of ISCED-F 2013 (broad, narrow and detailed) as ESCO uses them as "
        "knowledge groups, Dutch and English.",
    ),
)


def unique(rows: list[dict[str, str]], file: str) -> dict[str, dict[str, str]]:
    """Rows by conceptUri; a repeated IRI fails the build, naming file and row."""
    by_iri: dict[str, dict[str, str]] = {}
    for number, row in enumerate(rows, start=2):
        if row["conceptUri"] in by_iri:
            raise ValueError(f"{file} row {number}: duplicate IRI {row['conceptUri']}")
        by_iri[row["conceptUri"]] = row
    return by_iri


def assert_acyclic(links: Iterable[tuple[str, str]]) -> None:
    """Raise if the (narrower, broader) links contain a cycle: SKOS hierarchies must not loop."""
    parents: dict[str, set[str]] = {}
    for child, parent in links:
        parents.setdefault(child, set()).add(parent)
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in parents:
        stack = [(start, iter(parents.get(start, ())))]
        state[start] = state.get(start, 1) if state.get(start) == 2 else 1
        while stack:
            node, pending = stack[-1]
            nxt = next(pending, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                raise ValueError(f"skos:broader cycle through {nxt}")
            elif state.get(nxt) is None:
                state[nxt] = 1
                stack.append((nxt, iter(parents.get(nxt, ()))))


def add_concept(part: Part, iri: str, en: dict[str, str], nl: dict[str, str] | None, description: str = "description") -> URIRef:
    """A concept with its English (and Dutch, when given) labels, notation, definition and scope note."""
    concept = URIRef(iri)
    if iri in part.concepts:
        raise ValueError(f"{part.info.slug}: duplicate concept {iri}")
    part.concepts.add(iri)
    part.graph.add((concept, RDF.type, SKOS.Concept))
    part.graph.add((concept, SKOS.inScheme, part.scheme))
    for language, row in (("en", en), ("nl", nl)):
        if row is None or not row["preferredLabel"].strip():
            continue
        add_labels(part.graph, concept, language, row["preferredLabel"].strip(), split_values(row.get("altLabels", "")),
                   split_values(row.get("hiddenLabels", "")))
        add_text(part.graph, concept, SKOS.definition, row.get(description, "") or row.get("definition", ""), language)
        add_text(part.graph, concept, SKOS.scopeNote, row.get("scopeNote", ""), language)
    if en.get("code", "").strip():
        part.graph.add((concept, SKOS.notation, Literal(en["code"].strip())))
    return concept


def link(owner: Part, child: str, parent: str, parent_part: Part | None) -> None:
    """skos:broader in the child's file; skos:narrower in the parent's file when it is a different one."""
    owner.graph.add((URIRef(child), SKOS.broader, URIRef(parent)))
    (parent_part or owner).graph.add((URIRef(parent), SKOS.narrower, URIRef(child)))


def add_top(part: Part, iri: str) -> None:
    part.graph.add((URIRef(iri), SKOS.topConceptOf, part.scheme))
    part.graph.add((part.scheme, SKOS.hasTopConcept, URIRef(iri)))


def build_parts(sources: Path) -> tuple[dict[str, Part], Dropped]:
    src = EscoSource(sources)
    parts = {info.slug: Part(info, new_scheme_graph(info)) for info in SCHEMES}
    for part in parts.values():
        part.graph.add((part.scheme, DCTERMS.rights, Literal(ATTRIBUTION, lang="en")))
    skills_part, occupations_part, isco_part, isced_part = (parts[s] for s in ("esco-skills", "esco-occupations", "isco-08", "isced-f-2013"))
    dropped = Dropped()

    groups = unique(src.classification("skillGroups_en.csv"), "skillGroups_en.csv")
    skills = unique(src.classification("skills_en.csv"), "skills_en.csv")
    isco = unique(src.classification("ISCOGroups_en.csv"), "ISCOGroups_en.csv")
    occupations = unique(src.classification("occupations_en.csv"), "occupations_en.csv")
    groups_nl, isco_nl, occupations_nl = src.dutch("skillGroups_nl.csv"), src.dutch("ISCOGroups_nl.csv"), src.dutch("occupations_nl.csv")

    home: dict[str, Part] = {}
    for iri, row in groups.items():
        part = isced_part if "/isced-f/" in iri else skills_part
        add_concept(part, iri, row, groups_nl.get(iri))
        home[iri] = part
    for iri, row in skills.items():
        concept = add_concept(skills_part, iri, row, None)
        skills_part.graph.add((concept, RDF.type, ESCO_MODEL.Skill))
        if row["skillType"].strip():
            skills_part.graph.add((concept, ESCO_MODEL.skillType, SKILL_TYPES[row["skillType"].strip()]))
        if row["reuseLevel"].strip():
            skills_part.graph.add((concept, ESCO_MODEL.skillReuseLevel, URIRef(REUSE_LEVEL_BASE + row["reuseLevel"].strip())))
        home[iri] = skills_part
    for iri, row in isco.items():
        add_concept(isco_part, iri, row, isco_nl.get(iri))
        home[iri] = isco_part
    for iri, row in occupations.items():
        concept = add_concept(occupations_part, iri, row, occupations_nl.get(iri))
        occupations_part.graph.add((concept, RDF.type, ESCO_MODEL.Occupation))
        home[iri] = occupations_part

    links: list[tuple[str, str]] = []
    for file in ("broaderRelationsSkillPillar.csv", "broaderRelationsOccPillar.csv"):
        for number, row in enumerate(src.relations(file), start=2):
            child, parent = row["conceptUri"], row["broaderUri"]
            if child not in home or parent not in home:
                dropped.add(file, number, f"{child} -> {parent} (not in the download)")
                continue
            links.append((child, parent))
            owner, parent_part = home[child], home[parent]
            if owner is isced_part and parent_part is not isced_part:
                add_top(isced_part, child)  # a broad field: top of ISCED-F, under "knowledge" in the skills hierarchy
                skills_part.graph.add((URIRef(parent), SKOS.narrower, URIRef(child)))
                continue
            if owner is occupations_part and parent_part is isco_part:
                add_top(occupations_part, child)
            link(owner, child, parent, parent_part)
    assert_acyclic(links)
    has_parent = {child for child, _ in links}
    for iri, _row in isco.items():
        if iri not in has_parent:
            add_top(isco_part, iri)
    for row in src.classification("skillsHierarchy_en.csv"):
        if not row["Level 1 URI"]:
            add_top(skills_part, row["Level 0 URI"])

    for number, row in enumerate(src.relations("occupationSkillRelations.csv"), start=2):
        occupation, skill = row["occupationUri"], row["skillUri"]
        if home.get(occupation) is not occupations_part or home.get(skill) is not skills_part:
            dropped.add("occupationSkillRelations.csv", number, f"{occupation} -> {skill} (not in the download)")
            continue
        occupations_part.graph.add((URIRef(occupation), RELATION[row["relationType"]], URIRef(skill)))
    for number, row in enumerate(src.relations("skillSkillRelations.csv"), start=2):
        original, related = row["originalSkillUri"], row["relatedSkillUri"]
        if home.get(original) is not skills_part or home.get(related) is not skills_part:
            dropped.add("skillSkillRelations.csv", number, f"{original} -> {related} (not in the download)")
            continue
        skills_part.graph.add((URIRef(original), RELATION[row["relationType"]], URIRef(related)))

    for spec in COLLECTIONS:
        part = parts[spec.slug]
        graph = part.graph
        graph.add((spec.iri, RDF.type, SKOS.Collection))
        graph.add((spec.iri, SKOS.prefLabel, Literal(spec.label_en, lang="en")))
        graph.add((spec.iri, SKOS.prefLabel, Literal(spec.label_nl, lang="nl")))
        graph.add((spec.iri, DCTERMS.source, URIRef(f"{SOURCE_URL.replace('/tree/', '/blob/')}/classification")))
        for number, row in enumerate(src.classification(spec.file), start=2):
            if row["conceptUri"] not in part.concepts:
                raise ValueError(f"{spec.file} row {number}: member {row['conceptUri']} is not in {spec.slug}")
            graph.add((spec.iri, SKOS.member, URIRef(row["conceptUri"])))
    return parts, dropped


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    parts, _ = build_parts(sources)
    return [(part.info, part.graph) for part in parts.values()]
