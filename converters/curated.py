"""eduvoc's own curated value lists: one YAML format, turned into one SKOS concept scheme each.

No public Dutch list of werkvormen (and of the supporting lists) exists, so eduvoc authors them
in `sources/eduvoc/*.yaml`, holding the scheme metadata and the concepts (labels, definitions,
hierarchy, mappings). Conventions of that format:

- concept IRI `https://w3id.org/eduvoc/vocab/<slug>/<id>`, `skos:notation` = the id;
- no `broader` = top concept; `skos:narrower` and `skos:hasTopConcept` are derived;
- `matches` become SKOS mapping triples to IRIs built from a *source key* (xapi, ooapi, slo,
  role), so the target can be checked against the source it claims to come from;
- `lom` relations (IEEE LOM / NL-LOM learningResourceType) have no dereferenceable IRIs and name
  resource types, not teaching forms: they become a `skos:editorialNote`, never a SKOS mapping.

Every list is marked `adms:status` UnderDevelopment: these are proposals open for review.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, Namespace, URIRef

from converters.vocabulary_file import (
    ADMS,
    EDUVOC,
    EDUVOC_VOCAB,
    SLO_UUID,
    Publisher,
    SchemeInfo,
    new_scheme_graph,
)

SOURCE_SUBDIR = "eduvoc"
LICENCE = "http://spdx.org/licenses/CC-BY-4.0"
PUBLISHER = Publisher("eduvoc", "eduvoc")
#: where the curated YAML lives in the eduvoc repository, as an IRI under eduvoc's own base
SOURCE_BASE = EDUVOC + "sources/eduvoc/"
UNDER_DEVELOPMENT = URIRef("http://purl.org/adms/status/UnderDevelopment")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
LANGUAGES = ("nl", "en")

MATCH_RELATIONS: dict[str, URIRef] = {
    "exactMatch": SKOS.exactMatch,
    "closeMatch": SKOS.closeMatch,
    "broadMatch": SKOS.broadMatch,
    "narrowMatch": SKOS.narrowMatch,
    "relatedMatch": SKOS.relatedMatch,
}
#: source key in a `matches` entry -> the YAML value must be a full IRI (checked against the source)
IRI_KEYS = ("xapi", "role")
LOM_V1 = "LOMv1.0"

Concept = Mapping[str, Any]


def kebab_case(name: str) -> str:
    """OOAPI enumeration name to the slug part used by `converters.ooapi` (modeOfDelivery -> mode-of-delivery)."""
    out: list[str] = []
    for index, char in enumerate(name):
        if char.isupper() and index and not name[index - 1].isupper():
            out.append("-")
        out.append(char.lower())
    return "".join(out)


def match_target(entry: Mapping[str, Any]) -> URIRef:
    """The IRI a `matches` entry points to, built from its one source key."""
    keys = [key for key in entry if key != "relation"]
    if len(keys) != 1:
        raise ValueError(f"a mapping needs exactly one source key besides 'relation': {dict(entry)}")
    key, value = keys[0], str(entry[keys[0]])
    if key in IRI_KEYS:
        if not value.startswith(("http://", "https://")):
            raise ValueError(f"{key} mapping target must be a full IRI: {value!r}")
        return URIRef(value)
    if key == "ooapi":
        enumeration, _, code = value.partition("/")
        if not enumeration or not code:
            raise ValueError(f"ooapi mapping must be '<enumeration>/<code>': {value!r}")
        return EDUVOC_VOCAB[f"ooapi-{kebab_case(enumeration)}/{code}"]
    if key == "slo":
        return SLO_UUID[value]
    raise ValueError(f"unknown mapping source key {key!r} in {dict(entry)}")


def lom_note(entry: Mapping[str, Any]) -> Literal:
    """An editorial note recording a relation to a LOM learningResourceType value (no IRI exists)."""
    relation, source, value = entry["relation"], str(entry["source"]), str(entry["value"])
    if relation not in MATCH_RELATIONS:
        raise ValueError(f"unknown LOM relation {relation!r}")
    which = "IEEE LOM (LOMv1.0)" if source == LOM_V1 else f"NL-LOM vocabulary {source}"
    return Literal(
        f"LOM learningResourceType {relation}: {which} value '{value}' (a learning resource type, "
        "not a teaching form; LOM values have no dereferenceable IRI, so this is a note, not a SKOS mapping).",
        lang="en",
    )


def texts(concept: Concept, key: str, required: bool = True) -> dict[str, str]:
    """A {language: text} field, checking that both nl and en are present when required."""
    value = concept.get(key) or {}
    if required and any(not str(value.get(lang, "")).strip() for lang in LANGUAGES):
        raise ValueError(f"concept {concept.get('id')!r}: {key} needs both nl and en")
    return {lang: " ".join(str(text).split()) for lang, text in value.items()}


def check_hierarchy(concepts: list[Concept]) -> None:
    """Unique ids, broader/related ids that exist in the list, and no broader cycles."""
    ids = [str(c["id"]) for c in concepts]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise ValueError(f"duplicate concept ids: {sorted(duplicates)}")
    parents = {str(c["id"]): [str(b) for b in c.get("broader") or []] for c in concepts}
    for concept in concepts:
        links = [str(i) for i in (concept.get("broader") or []) + (concept.get("related") or [])]
        unknown = [i for i in links if i not in parents]
        if unknown:
            raise ValueError(f"concept {concept['id']!r}: unknown broader/related {unknown}")
    for start in parents:
        seen: set[str] = set()
        stack = list(parents[start])
        while stack:
            node = stack.pop()
            if node == start:
                raise ValueError(f"broader cycle through {start!r}")
            if node not in seen:
                seen.add(node)
                stack.extend(parents[node])


def scheme_info(scheme: Mapping[str, Any], source_file: str) -> SchemeInfo:
    """Catalogue metadata of one curated list, from its YAML `scheme` block."""
    title, description = texts(scheme, "title"), texts(scheme, "description")
    prefixes = {"dcat": str(DCAT)} if scheme.get("concept_types") else {}
    return SchemeInfo(
        slug=str(scheme["slug"]),
        title_nl=title["nl"],
        title_en=title["en"],
        description_nl=description["nl"],
        description_en=description["en"],
        publisher=PUBLISHER,
        license=LICENCE,
        source=SOURCE_BASE + source_file,
        version=str(scheme["version"]),
        extra_prefixes=prefixes,
    )


def add_concept(graph: Graph, scheme: URIRef, concept: Concept, extra_types: list[URIRef]) -> None:
    """All triples of one concept except its narrower links (added once all concepts exist)."""
    node = URIRef(f"{scheme}/{concept['id']}")
    graph.add((node, RDF.type, SKOS.Concept))
    for extra in extra_types:
        graph.add((node, RDF.type, extra))
    graph.add((node, SKOS.inScheme, scheme))
    graph.add((node, SKOS.notation, Literal(str(concept.get("notation", concept["id"])))))
    for lang, text in texts(concept, "label").items():
        graph.add((node, SKOS.prefLabel, Literal(text, lang=lang)))
    for lang, text in texts(concept, "definition").items():
        graph.add((node, SKOS.definition, Literal(text, lang=lang)))
    for lang, text in texts(concept, "scope", required=False).items():
        graph.add((node, SKOS.scopeNote, Literal(text, lang=lang)))
    for lang, labels in (concept.get("alt") or {}).items():
        for label in labels:
            graph.add((node, SKOS.altLabel, Literal(str(label), lang=lang)))
    broader = [URIRef(f"{scheme}/{b}") for b in concept.get("broader") or []]
    if not broader:
        graph.add((node, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, node))
    for parent in broader:
        graph.add((node, SKOS.broader, parent))
        graph.add((parent, SKOS.narrower, node))
    for other in concept.get("related") or []:  # skos:related is symmetric: state both directions
        graph.add((node, SKOS.related, URIRef(f"{scheme}/{other}")))
        graph.add((URIRef(f"{scheme}/{other}"), SKOS.related, node))
    for entry in concept.get("matches") or []:
        relation = MATCH_RELATIONS.get(str(entry.get("relation")))
        if relation is None:
            raise ValueError(f"concept {concept['id']!r}: unknown mapping relation in {dict(entry)}")
        graph.add((node, relation, match_target(entry)))
    for entry in concept.get("lom") or []:
        graph.add((node, SKOS.editorialNote, lom_note(entry)))


def build_curated_scheme(spec: Mapping[str, Any], source_file: str) -> tuple[SchemeInfo, Graph]:
    """One concept scheme from a curated list: `{scheme: {...}, concepts: [...]}`."""
    concepts: list[Concept] = list(spec["concepts"])
    check_hierarchy(concepts)
    info = scheme_info(spec["scheme"], source_file)
    graph = new_scheme_graph(info)
    scheme = info.scheme_iri
    graph.add((scheme, ADMS.status, UNDER_DEVELOPMENT))
    graph.add((scheme, DCTERMS.creator, PUBLISHER.iri))
    extra_types = [URIRef(t) for t in spec["scheme"].get("concept_types") or []]
    for concept in concepts:
        add_concept(graph, scheme, concept, extra_types)
    return info, graph


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one curated YAML file."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data
