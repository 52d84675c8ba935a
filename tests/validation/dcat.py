"""DCAT-AP 3.0.1 and DCAT-AP-NL 3.0 as published: the shape-file combinations, the official
examples, defects introduced into them in code, and pySHACL's results (computed once per session).

DCAT-AP-NL's examples are Turtle blocks in `doc/klassen/*/Voorbeelden.md`, most without their
prefix declarations (the spec page declares them once); `nl_examples()` extracts each block and
puts the prefixes the examples use in front.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Triple
from rdflib import Graph

from registry.validation import Shapes, load_shapes, validate_document
from tests.conftest import SOURCES_DIR
from tests.validation.reference import (
    ResultKey,
    engine_result_keys,
    pyshacl_result_keys,
    rdflib_shapes,
)

DCAT_AP = SOURCES_DIR / "dcat-ap-3.0.1" / "releases" / "3.0.1"
DCAT_AP_NL = SOURCES_DIR / "dcat-ap-nl-3.0"
EXAMPLES_DIR = SOURCES_DIR / "dcat-ap-3.0.1" / "releases" / "3.0.0" / "html" / "examples"
LOGICAL_SHAPES = Path(__file__).parent / "data" / "logical-components.ttl"

SHACL = DCAT_AP / "shacl" / "dcat-ap-SHACL.ttl"
RANGES = DCAT_AP / "shacl" / "ranges.ttl"
SPLIT = [DCAT_AP / "html" / "shacl" / f for f in (
    "shapes.ttl", "shapes_recommended.ttl", "range.ttl", "mdr-vocabularies.shape.ttl", "deprecateduris.ttl")]
NL = [DCAT_AP_NL / "shapes" / f for f in (
    "dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-SHACL-aanbevolen.ttl", "dcat-ap-nl-SHACL-klassebereik.ttl",
    "dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl")]

# Every combination issue 5 needs; "dcat-ap-nl" is DCAT-AP-NL as its 152-Validaties page defines
# it: the DCAT-AP 3.0.1 shapes and the NL shapes together.
COMBINATIONS: dict[str, list[Path]] = {
    "dcat-ap-shacl": [SHACL],
    "dcat-ap-shacl+ranges": [SHACL, RANGES],
    "dcat-ap-split": SPLIT,
    "nl-only": NL,
    "dcat-ap-nl": [SHACL, RANGES, *NL],
    "everything": [SHACL, RANGES, *SPLIT, *NL],
}
# The two examples that do not parse upstream (a prefixed name ending in '.'), with where.
UNPARSEABLE = {
    "example-bee-population-dataset-series-api.ttl": (20, 31),
    "example-bee-population-dataset-series-combined.ttl": (32, 31),
}

NL_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in {
    "exampleMS": "https://data.exampleMS.gov/id/data/",
    "adms": "http://www.w3.org/ns/adms#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dcatap": "http://data.europa.eu/r5r/",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}.items())

DCT = "http://purl.org/dc/terms/"
DCAT = "http://www.w3.org/ns/dcat#"
FOAF = "http://xmlns.com/foaf/0.1/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def dcat_ap_examples() -> list[Path]:
    """The DCAT-AP 3.0.0 examples that parse (the two in UNPARSEABLE do not)."""
    return sorted(p for p in EXAMPLES_DIR.glob("*.ttl") if p.name not in UNPARSEABLE)


# The DCAT-AP-NL example that does not parse upstream (its last statement ends in ';'), with where
# (the line counts the prefixes put in front).
NL_UNPARSEABLE = {"dcatDistribution-2": (21, 1)}


def nl_examples() -> dict[str, str]:
    """DCAT-AP-NL's Turtle examples by class folder (and block number), prefixes put in front."""
    found: dict[str, str] = {}
    for page in sorted((DCAT_AP_NL / "doc" / "klassen").glob("*/Voorbeelden.md")):
        for i, block in enumerate(re.findall(r"```turtle\n(.*?)```", page.read_text(encoding="utf-8"), re.S)):
            found[f"{page.parent.name}-{i + 1}"] = NL_PREFIXES + block
    return found


def nl_catalogue() -> str:
    """All DCAT-AP-NL examples that parse, as one document (they refer to each other)."""
    return "\n".join(text for name, text in nl_examples().items() if name not in NL_UNPARSEABLE)


# -- defects introduced in code --------------------------------------------------------------------

Mutation = Callable[[list[Triple]], list[Triple]]


def _subjects_of_type(triples: list[Triple], cls: str) -> list:
    return [t.subject for t in triples if t.predicate == RDF_TYPE and t.object == NamedNode(cls)]


def _set(predicate: str, classes: str | tuple[str, ...], value) -> Mutation:
    """Every instance of `classes` gets `value` as its only `predicate` value."""
    def mutate(triples: list[Triple]) -> list[Triple]:
        targets = {s for c in ((classes,) if isinstance(classes, str) else classes) for s in _subjects_of_type(triples, c)}
        kept = [t for t in triples if not (t.subject in targets and t.predicate == NamedNode(predicate))]
        return kept + [Triple(s, NamedNode(predicate), value) for s in targets]
    return mutate


def _drop(predicate: str, cls: str) -> Mutation:
    def mutate(triples: list[Triple]) -> list[Triple]:
        targets = set(_subjects_of_type(triples, cls))
        return [t for t in triples if not (t.subject in targets and t.predicate == NamedNode(predicate))]
    return mutate


def _add(*added: Triple) -> Mutation:
    return lambda triples: triples + list(added)


def _point(predicate: str, new_class: str) -> Mutation:
    """Every `predicate` points at a new node of `new_class` instead of what it pointed at."""
    def mutate(triples: list[Triple]) -> list[Triple]:
        target = NamedNode(f"https://example.org/defect/{new_class.rsplit('/', 1)[-1].replace('#', '-')}")
        changed = [Triple(t.subject, t.predicate, target) if t.predicate == NamedNode(predicate) else t for t in triples]
        return changed + [Triple(target, RDF_TYPE, NamedNode(new_class))]
    return mutate


NLD = NamedNode("http://publications.europa.eu/resource/authority/language/NLD")
LANGUAGE_SCHEME = NamedNode("http://publications.europa.eu/resource/authority/language")


@dataclass(frozen=True)
class Defect:
    """A change to an example, and the component whose results it must add; with adds=False a fix,
    which must remove results of `component` (compared with the example, or with defect `than`)."""

    name: str
    mutate: Mutation
    component: str
    adds: bool = True
    than: str | None = None


# dct:modified of a distribution must pass DCAT-AP's DateOrDateTimeDataType_Shape (sh:node to an
# sh:or of datatypes), of a data service DCAT-AP-NL's TemporalLiteralShape (sh:node to an sh:xone).
DATED = (DCAT + "Distribution", DCAT + "DataService")


DEFECTS = [
    Defect("dataset-without-title", _drop(DCT + "title", DCAT + "Dataset"), "MinCountConstraintComponent"),
    Defect("dataset-without-contact-point", _drop(DCAT + "contactPoint", DCAT + "Dataset"), "MinCountConstraintComponent"),
    Defect("modified-as-plain-text", _set(DCT + "modified", DATED, Literal("last tuesday")), "NodeConstraintComponent"),
    Defect("modified-ill-typed-date", _set(DCT + "modified", DATED, Literal("2023-02-30", datatype=NamedNode(XSD + "date"))), "NodeConstraintComponent"),
    Defect("modified-as-iri", _set(DCT + "modified", DATED, NamedNode("https://example.org/yesterday")), "NodeConstraintComponent"),
    Defect("modified-as-gyear", _set(DCT + "modified", DATED, Literal("2023", datatype=NamedNode(XSD + "gYear"))), "NodeConstraintComponent", adds=False, than="modified-as-plain-text"),
    Defect("modified-as-datetime", _set(DCT + "modified", DATED, Literal("2023-02-01T10:00:00", datatype=NamedNode(XSD + "dateTime"))), "NodeConstraintComponent", adds=False, than="modified-as-plain-text"),
    Defect("record-about-an-agent", _point(FOAF + "primaryTopic", FOAF + "Agent"), "NodeConstraintComponent"),
    Defect("contact-point-is-an-agent", _point(DCAT + "contactPoint", FOAF + "Agent"), "ClassConstraintComponent"),
    Defect("publisher-as-text", _set(DCT + "publisher", DCAT + "Dataset", Literal("Mijn Organisatie")), "NodeKindConstraintComponent"),
    Defect("language-in-the-eu-list", _add(Triple(NLD, NamedNode(SKOS + "inScheme"), LANGUAGE_SCHEME)), "NodeConstraintComponent", adds=False),
    Defect("spatial-on-geonames", _set(DCT + "spatial", DCAT + "Dataset", NamedNode("https://sws.geonames.org/2750405/")), "NodeConstraintComponent", adds=False),
    Defect("two-identifiers", _add(Triple(NamedNode("https://data.exampleMS.gov/id/data/1T2p3o4B"), NamedNode(DCT + "identifier"), Literal("second"))), "MaxCountConstraintComponent"),
]


def mutated(document: str, defect: Defect) -> bytes:
    """`document` with `defect` applied, as N-Triples."""
    triples = [q.triple for q in pyoxigraph.parse(document.encode("utf-8"), format=pyoxigraph.RdfFormat.TURTLE)]
    return pyoxigraph.serialize(defect.mutate(triples), format=pyoxigraph.RdfFormat.N_TRIPLES)


# -- both engines, pySHACL cached per session ----------------------------------------------------

def shapes_for(combination: str | tuple[Path, ...]) -> Shapes:
    paths = COMBINATIONS[combination] if isinstance(combination, str) else list(combination)
    return load_shapes(*paths)


def engine_keys(data: bytes | str, rdf_format: str, combination: str | tuple[Path, ...]) -> Counter[ResultKey]:
    shapes = shapes_for(combination)
    return engine_result_keys(validate_document(data, rdf_format, shapes), shapes)


@functools.cache
def _rdflib_shapes(paths: tuple[Path, ...]) -> Graph:
    return rdflib_shapes(list(paths))


@functools.lru_cache(maxsize=512)
def pyshacl_keys(data: bytes | str, rdf_format: str, combination: str | tuple[Path, ...]) -> Counter[ResultKey]:
    paths = tuple(COMBINATIONS[combination]) if isinstance(combination, str) else combination
    graph = Graph().parse(data=data, format={"turtle": "turtle", "ntriples": "nt"}[rdf_format])
    return pyshacl_result_keys(graph, _rdflib_shapes(paths))[1]


def components(keys: Counter[ResultKey]) -> Counter[str]:
    counted: Counter[str] = Counter()
    for key, n in keys.items():
        counted[key[4]] += n
    return counted
