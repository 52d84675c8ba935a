"""curriculum-kerndoelen -> `slo-kerndoelen`: the 2006 kerndoelen (PO, VO onderbouw, SO, VSO).

Shape: the 26 `kerndoel_vakleergebied` groupings are the top concepts, their `kerndoel_domein`s
are narrower, and each kerndoel is narrower than every grouping that lists it (polyhierarchy:
e.g. a VO kerndoel under Biologie, Natuurkunde, ...). The groupings are SLO entities with their
own UUIDs and successors, so they are concepts rather than collections; a collection per kerndoel
series ("PO Kerndoel", "VSO Kerndoel AM", ...) lets a consumer select the kerndoelen proper.

In the source `title` is the full goal text (-> skos:definition) and `description` the short
label; `kerndoelLabel` is the same short label in its corrected spelling and is the prefLabel.
All entries of deprecated.json (kerndoelen and groupings) become deprecated concepts outside the
hierarchy, with dct:isReplacedBy to their successors.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from rdflib import DCTERMS, SKOS, Graph, URIRef

from converters.slo.basis import niveau_ids, vakleergebied_ids
from converters.slo.scheme_builder import EDUCATION_LEVEL, SUBJECT_AREA, SchemeBuilder, known_ids, slo_iri
from converters.slo.sources import KERNDOELEN, LICENSE, PUBLISHER, Record, label_text, note_text
from converters.vocabulary_file import SchemeInfo

KERNDOEL = "kerndoel"
#: deprecated.json `types` that this vocabulary holds (in kerndoelen 2025.3: all of its entries)
KEPT_TYPES = frozenset({KERNDOEL, "kerndoel_vakleergebied", "kerndoel_domein"})
_SERIES = re.compile(r"^(?P<series>.*?)\s+\d+(?:\.\d+)*$")


def series_of(notation: str) -> str:
    """'VSO Kerndoel DB 54.8' -> 'VSO Kerndoel DB' (the code without its number)."""
    match = _SERIES.match(notation)
    return match["series"] if match else notation


def deprecated_notation(prefix: str) -> str:
    """Deprecated kerndoelen carry 'VO Kerndoel 31: Processen in de natuur'; the code is before ':'."""
    return label_text(prefix.split(":", 1)[0])


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isalnum())


def description_predicate(label: str, description: str) -> URIRef | None:
    """Where a `description` that differs from `kerndoelLabel` goes: misspelling, alternative or note."""
    if not description or description == label:
        return None
    if _folded(description) == _folded(label):
        return SKOS.hiddenLabel  # e.g. "Strategieen hanteren"
    if description.endswith("."):
        return SKOS.scopeNote  # a sentence about the target group, not a name
    return SKOS.altLabel


def build(sources: Path) -> tuple[SchemeInfo, Graph]:
    """The kerndoelen scheme; see the module docstring for the shape."""
    kerndoelen = KERNDOELEN.records(sources, "data/kerndoelen.json")
    groupings = KERNDOELEN.records(sources, "data/vakleergebieden.json")
    domeinen = KERNDOELEN.records(sources, "data/domeinen.json")
    deprecated = KERNDOELEN.records(sources, "data/deprecated.json")
    builder = SchemeBuilder(
        SchemeInfo(
            slug="slo-kerndoelen",
            title_nl="SLO-kerndoelen",
            title_en="SLO core objectives (kerndoelen)",
            description_nl=(
                "De wettelijke kerndoelen (2006) voor primair onderwijs, onderbouw voortgezet onderwijs, speciaal "
                "en voortgezet speciaal onderwijs uit de SLO-curriculumdatabase, gegroepeerd naar "
                "kerndoel-vakleergebied en -domein, met vervallen versies en hun opvolgers."
            ),
            description_en=(
                "The statutory core objectives (2006) for primary, lower secondary, special and secondary special "
                "education from the SLO curriculum database, grouped by learning area and domain, with retired "
                "versions and their successors."
            ),
            publisher=PUBLISHER,
            license=LICENSE,
            source=KERNDOELEN.tree_url,
            version=KERNDOELEN.version,
        ),
        KERNDOELEN,
    )
    levels, subjects = niveau_ids(sources), vakleergebied_ids(sources)
    kept_deprecated = [r for r in deprecated if KEPT_TYPES & set(r["types"])]
    builder.drop("deprecated.json entries of other types", len(deprecated) - len(kept_deprecated))

    grouping_iris = _add_groupings(builder, groupings, domeinen, levels, subjects)
    kerndoel_ids = known_ids(kerndoelen)
    parents: dict[str, list[URIRef]] = defaultdict(list)
    for record in [*groupings, *domeinen]:
        for uuid in record.get("kerndoel_id", []):
            if uuid.lower() in kerndoel_ids:
                parents[uuid.lower()].append(grouping_iris[record["id"].lower()])
            else:
                builder.drop("grouping kerndoel_id not in kerndoelen.json")

    series: dict[str, list[URIRef]] = defaultdict(list)
    for record in kerndoelen:
        own_parents = parents[record["id"].lower()]
        iri = _add_kerndoel(builder, record, label_text(record["prefix"]), levels, top=not own_parents)
        for parent in own_parents:
            builder.narrower(parent, iri)
        for subject in _subject_areas(builder.graph, own_parents):
            builder.graph.add((iri, SUBJECT_AREA, subject))
        series[series_of(label_text(record["prefix"]))].append(iri)

    for record in kept_deprecated:
        if KERNDOEL in record["types"]:
            _add_kerndoel(builder, record, deprecated_notation(record.get("prefix", "")), levels)
        else:
            builder.concept(record["id"], label_text(record["title"]), definition=note_text(record.get("description")))
    _link_replacements(builder, [*kerndoelen, *groupings, *domeinen], kept_deprecated)

    for name, members in sorted(series.items()):
        builder.collection(_slug(name), f"Kerndoelen, reeks {name}", members)
    builder.note(
        "Top concepts are SLO's kerndoel_vakleergebied groupings, with kerndoel_domein and kerndoelen below them "
        "(polyhierarchy where a kerndoel belongs to several groupings). eduvoc:subjectArea on a kerndoel is derived "
        "from its groupings' vakleergebied_id. Deprecated entries (kerndoelen and groupings) are outside the "
        "hierarchy; a deprecated kerndoel keeps its code as notation, so a notation may also occur on its successor."
    )
    return builder.finish()


def _add_groupings(
    builder: SchemeBuilder,
    groupings: list[Record],
    domeinen: list[Record],
    levels: frozenset[str],
    subjects: frozenset[str],
) -> dict[str, URIRef]:
    """Vakleergebied groupings (top) and their domeinen; returns UUID -> IRI for both."""
    iris: dict[str, URIRef] = {}
    domein_parents: dict[str, list[URIRef]] = defaultdict(list)
    domein_ids = known_ids(domeinen)
    for record in groupings:
        iri = builder.concept(
            record["id"], label_text(record["title"]), top=True, definition=note_text(record.get("description"))
        )
        iris[record["id"].lower()] = iri
        for uuid in record.get("vakleergebied_id", []):
            builder.link(
                iri, SUBJECT_AREA, uuid, subjects, "kerndoel_vakleergebied vakleergebied_id not in slo-vakleergebieden"
            )
        for uuid in record.get("niveau_id", []):
            builder.link(iri, EDUCATION_LEVEL, uuid, levels, "kerndoel_vakleergebied niveau_id not in slo-niveaus")
        for uuid in record.get("kerndoel_domein_id", []):
            if uuid.lower() in domein_ids:
                domein_parents[uuid.lower()].append(iri)
            else:
                builder.drop("kerndoel_vakleergebied kerndoel_domein_id not in domeinen.json")
    for record in domeinen:
        own_parents = domein_parents[record["id"].lower()]
        iri = builder.concept(
            record["id"],
            label_text(record["title"]),
            top=not own_parents,
            definition=note_text(record.get("description")),
        )
        iris[record["id"].lower()] = iri
        for parent in own_parents:
            builder.narrower(parent, iri)
    return iris


def _add_kerndoel(
    builder: SchemeBuilder, record: Record, notation: str, levels: frozenset[str], *, top: bool = False
) -> URIRef:
    """One kerndoel (current or deprecated): short label, code, full text, niveaus."""
    description = label_text(record.get("description"))
    label = label_text(record.get("kerndoelLabel")) or description or label_text(record["prefix"].split(":", 1)[-1])
    definition = note_text(record["title"])
    iri = builder.concept(record["id"], label, top=top, notation=notation or None, definition=definition)
    if predicate := description_predicate(label, description):
        builder.text(iri, predicate, description)
    for uuid in record.get("niveau_id", []):
        builder.link(iri, EDUCATION_LEVEL, uuid, levels, "kerndoel niveau_id not in slo-niveaus")
    return iri


def _subject_areas(graph: Graph, parents: Iterable[URIRef]) -> set[URIRef]:
    """The subject areas of a kerndoel's groupings, looking through a domein to its vakleergebied."""
    found: set[URIRef] = set()
    for parent in parents:
        found.update(graph.objects(parent, SUBJECT_AREA))
        for grandparent in graph.objects(parent, SKOS.broader):
            found.update(graph.objects(grandparent, SUBJECT_AREA))
    return found


def _link_replacements(builder: SchemeBuilder, current: list[Record], deprecated: list[Record]) -> None:
    """replacedBy -> dct:isReplacedBy (on the deprecated entry), replaces -> dct:replaces."""
    for record in deprecated:
        iri = slo_iri(record["id"])
        successors = [slo_iri(u) for u in record.get("replacedBy", []) if slo_iri(u) in builder.concepts]
        unresolved = len(record.get("replacedBy", [])) - len(successors)
        builder.drop("deprecated replacedBy not defined in this vocabulary", unresolved)
        builder.deprecate(iri, successors)
    for record in [*current, *deprecated]:
        for uuid in record.get("replaces", []):
            if slo_iri(uuid) in builder.concepts:
                builder.graph.add((slo_iri(record["id"]), DCTERMS.replaces, slo_iri(uuid)))
            else:
                builder.drop("'replaces' of an entity not in deprecated.json")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
