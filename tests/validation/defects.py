"""Real bundled vocabularies with one defect introduced programmatically, one per profile check.

`Vocabulary` holds the triples of a bundled file (parsed once) and edits a copy; each `Defect`
picks real concepts by their position in the hierarchy, changes a few triples and says which
finding it expects (check id, focus node, value). `knock_on` lists the other checks a defect
triggers as a consequence (removing the top concepts also orphans them, ...).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad, Triple

from registry.oxigraph_store import OxigraphStore

VOCABULARIES_DIR = Path(__file__).resolve().parents[2] / "vocabularies"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
GRAPH = NamedNode("urn:eduvoc:test:vocabulary")


def skos(local: str) -> NamedNode:
    return NamedNode(SKOS + local)


def dct(local: str) -> NamedNode:
    return NamedNode(DCT + local)


@cache
def _bundled_triples(slug: str) -> tuple[Triple, ...]:
    path = VOCABULARIES_DIR / f"{slug}.ttl"
    with path.open("rb") as source:
        return tuple(q.triple for q in pyoxigraph.parse(source, format=pyoxigraph.RdfFormat.TURTLE))


class Vocabulary:
    """An editable copy of a bundled vocabulary's triples."""

    def __init__(self, slug: str) -> None:
        self.slug = slug
        self.triples: list[Triple] = list(_bundled_triples(slug))

    # --- reading -------------------------------------------------------------------------------
    def objects(self, subject, predicate) -> list:
        return [t.object for t in self.triples if t.subject == subject and t.predicate == predicate]

    def subjects(self, predicate, obj) -> list:
        return [t.subject for t in self.triples if t.predicate == predicate and t.object == obj]

    @property
    def scheme(self) -> NamedNode:
        (scheme,) = self.subjects(RDF_TYPE, skos("ConceptScheme"))
        return scheme

    def concepts(self) -> list[NamedNode]:
        return sorted(self.subjects(RDF_TYPE, skos("Concept")), key=lambda c: c.value)

    def top_concepts(self) -> list[NamedNode]:
        return sorted(set(self.objects(self.scheme, skos("hasTopConcept"))) | set(self.subjects(skos("topConceptOf"), self.scheme)), key=lambda c: c.value)

    def broader(self, concept) -> list[NamedNode]:
        return self.objects(concept, skos("broader"))

    def with_children(self, top: bool = False) -> list[NamedNode]:
        """Concepts with narrower concepts; only (non-)top ones."""
        tops = set(self.top_concepts())
        parents = {t.object for t in self.triples if t.predicate == skos("broader")}
        return sorted((c for c in parents if (c in tops) == top), key=lambda c: c.value)

    def children(self, concept) -> list[NamedNode]:
        return sorted(self.subjects(skos("broader"), concept), key=lambda c: c.value)

    def label(self, concept, language: str) -> Literal:
        return next(o for o in self.objects(concept, skos("prefLabel")) if o.language == language)

    # --- editing -------------------------------------------------------------------------------
    def remove(self, subject=None, predicate=None, obj=None, where: Callable[[Triple], bool] | None = None) -> int:
        keep = []
        for t in self.triples:
            matches = (subject is None or t.subject == subject) and (predicate is None or t.predicate == predicate) \
                and (obj is None or t.object == obj) and (where is None or where(t))
            if not matches:
                keep.append(t)
        removed = len(self.triples) - len(keep)
        assert removed, f"nothing to remove for {subject} {predicate} {obj}"
        self.triples = keep
        return removed

    def add(self, subject, predicate, obj) -> None:
        self.triples.append(Triple(subject, predicate, obj))

    # --- using ---------------------------------------------------------------------------------
    def store(self) -> OxigraphStore:
        store = OxigraphStore()
        store.add_quads(Quad(t.subject, t.predicate, t.object, GRAPH) for t in self.triples)
        return store

    def ntriples(self) -> bytes:
        output = io.BytesIO()
        pyoxigraph.serialize(self.triples, output, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return output.getvalue()

    def write(self, path: Path) -> Path:
        path.write_bytes(self.ntriples())
        return path


@dataclass(frozen=True)
class Expected:
    check_id: str
    focus: object
    value: object | None = None


@dataclass(frozen=True)
class Defect:
    """A defect: its check, the vocabulary it is introduced in, and how."""

    check_id: str
    slug: str
    introduce: Callable[[Vocabulary], list[Expected]]
    knock_on: frozenset[str] = frozenset()

    def apply(self) -> tuple[Vocabulary, list[Expected]]:
        vocabulary = Vocabulary(self.slug)
        return vocabulary, self.introduce(vocabulary)


def _second_scheme(v: Vocabulary) -> list[Expected]:
    own, other = v.scheme, Vocabulary("education-sector")
    for t in other.triples:
        if t.subject == other.scheme and t.predicate != skos("hasTopConcept"):  # its metadata only
            v.add(t.subject, t.predicate, t.object)
    return [Expected("scheme-single", own, other.scheme), Expected("scheme-single", other.scheme, own)]


def _remove_title(v: Vocabulary) -> list[Expected]:
    v.remove(v.scheme, dct("title"))
    return [Expected("scheme-title", v.scheme)]


def _remove_dutch_title(v: Vocabulary) -> list[Expected]:
    v.remove(v.scheme, dct("title"), where=lambda t: t.object.language == "nl")
    return [Expected("scheme-title-nl", v.scheme)]


def _second_dutch_title(v: Vocabulary) -> list[Expected]:
    english = next(o for o in v.objects(v.scheme, dct("title")) if o.language == "en")
    v.add(v.scheme, dct("title"), Literal(english.value, language="nl"))
    return [Expected("scheme-title-unique-lang", v.scheme)]


def _remove(predicate_local: str, check: str, namespace=dct) -> Callable[[Vocabulary], list[Expected]]:
    def introduce(v: Vocabulary) -> list[Expected]:
        v.remove(v.scheme, namespace(predicate_local))
        return [Expected(check, v.scheme)]
    return introduce


def _remove_top_concepts(v: Vocabulary) -> list[Expected]:
    v.remove(v.scheme, skos("hasTopConcept"))
    v.remove(None, skos("topConceptOf"))
    return [Expected("scheme-top-concept", v.scheme)]


def _leaf(v: Vocabulary, index: int) -> NamedNode:
    """The index-th concept that has a broader concept and no narrower ones."""
    parents = {t.object for t in v.triples if t.predicate == skos("broader")}
    leaves = [c for c in v.concepts() if v.broader(c) and c not in parents]
    return leaves[index]


def _remove_in_scheme(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 0)
    v.remove(concept, skos("inScheme"))
    return [Expected("concept-in-scheme", concept)]


def _remove_pref_labels(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 1)
    v.remove(concept, skos("prefLabel"))
    return [Expected("preflabel-required", concept)]


def _second_dutch_label(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 2)
    v.add(concept, skos("prefLabel"), Literal(v.label(concept, "en").value, language="nl"))
    return [Expected("preflabel-unique-lang", concept)]


def _untagged_label(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 3)
    english = v.label(concept, "en")
    v.remove(concept, skos("prefLabel"), english)
    v.add(concept, skos("prefLabel"), Literal(english.value))
    return [Expected("preflabel-language-tag", concept, Literal(english.value))]


def _blank_label(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 4)
    v.remove(concept, skos("prefLabel"), v.label(concept, "en"))
    v.add(concept, skos("prefLabel"), Literal("  ", language="en"))
    return [Expected("preflabel-not-empty", concept, Literal("  ", language="en"))]


def _remove_dutch_label(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 5)
    v.remove(concept, skos("prefLabel"), v.label(concept, "nl"))
    return [Expected("preflabel-nl", concept, concept)]


def _label_also_alt(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 6)
    label = v.label(concept, "nl")
    v.add(concept, skos("altLabel"), label)
    return [Expected("labels-disjoint", concept, label)]


def _shared_label(v: Vocabulary) -> list[Expected]:
    first, second = _leaf(v, 7), _leaf(v, 8)
    label = v.label(first, "nl")
    v.remove(second, skos("prefLabel"), v.label(second, "nl"))
    v.add(second, skos("prefLabel"), label)
    return [Expected("preflabel-conflict", first, label), Expected("preflabel-conflict", second, label)]


def _shared_notation(v: Vocabulary) -> list[Expected]:
    first, second = _leaf(v, 9), _leaf(v, 10)
    (notation,) = v.objects(first, skos("notation"))
    v.remove(second, skos("notation"))
    v.add(second, skos("notation"), notation)
    return [Expected("notation-conflict", first, notation), Expected("notation-conflict", second, notation)]


def _remove_english_label(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 11)
    v.remove(concept, skos("prefLabel"), v.label(concept, "en"))
    return [Expected("missing-label-language", v.scheme, concept)]


def _remove_documentation(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 12)
    v.remove(concept, skos("definition"))
    return [Expected("concept-documented", concept)]


def _detach(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 13)
    (parent,) = v.broader(concept)
    v.remove(concept, skos("broader"))
    v.remove(parent, skos("narrower"), concept)
    return [Expected("orphan-concept", concept, concept)]


def _cycle(v: Vocabulary) -> list[Expected]:
    middle = v.with_children(top=False)[0]
    child = v.children(middle)[0]
    v.add(middle, skos("broader"), child)
    return [Expected("hierarchy-cycle", middle, child), Expected("hierarchy-cycle", child, middle)]


def _top_below_top(v: Vocabulary) -> list[Expected]:
    first, second = v.top_concepts()[:2]
    v.add(first, skos("broader"), second)
    return [Expected("top-concept-has-broader", first, second)]


def _typo_in_broader(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 14)
    (parent,) = v.broader(concept)
    typo = NamedNode(parent.value + "x")
    v.remove(concept, skos("broader"), parent)
    v.add(concept, skos("broader"), typo)
    return [Expected("dangling-reference", concept, typo)]


def _related_to_parent(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 15)
    (parent,) = v.broader(concept)
    v.add(concept, skos("related"), parent)
    return [Expected("related-hierarchy-clash", concept, parent)]


def _exact_match_to_parent(v: Vocabulary) -> list[Expected]:
    concept = _leaf(v, 16)
    (parent,) = v.broader(concept)
    v.add(concept, skos("exactMatch"), parent)
    return [Expected("mapping-hierarchy-clash", concept, parent)]


def _close_match_in_scheme(v: Vocabulary) -> list[Expected]:
    first, second = _leaf(v, 17), _leaf(v, 18)
    v.add(first, skos("closeMatch"), second)
    return [Expected("mapping-within-scheme", first, second)]


DEFECTS: list[Defect] = [
    Defect("scheme-single", "werkvormen", _second_scheme, frozenset({"scheme-top-concept"})),
    Defect("scheme-title", "werkvormen", _remove_title),
    Defect("scheme-title-nl", "xapi-verbs", _remove_dutch_title),
    Defect("scheme-title-unique-lang", "slo-niveaus", _second_dutch_title),
    Defect("scheme-publisher", "werkvormen", _remove("publisher", "scheme-publisher")),
    Defect("scheme-description", "slo-niveaus", _remove("description", "scheme-description")),
    Defect("scheme-license", "xapi-verbs", _remove("license", "scheme-license")),
    Defect("scheme-top-concept", "werkvormen", _remove_top_concepts, frozenset({"orphan-concept"})),
    Defect("concept-in-scheme", "werkvormen", _remove_in_scheme),
    Defect("preflabel-required", "werkvormen", _remove_pref_labels, frozenset({"missing-label-language"})),
    Defect("preflabel-unique-lang", "werkvormen", _second_dutch_label),
    Defect("preflabel-language-tag", "werkvormen", _untagged_label, frozenset({"missing-label-language"})),
    Defect("preflabel-not-empty", "werkvormen", _blank_label),
    Defect("preflabel-nl", "werkvormen", _remove_dutch_label),
    Defect("labels-disjoint", "werkvormen", _label_also_alt),
    Defect("preflabel-conflict", "werkvormen", _shared_label),
    Defect("notation-conflict", "werkvormen", _shared_notation),
    Defect("missing-label-language", "werkvormen", _remove_english_label),
    Defect("concept-documented", "werkvormen", _remove_documentation),
    Defect("orphan-concept", "werkvormen", _detach),
    Defect("hierarchy-cycle", "werkvormen", _cycle),
    Defect("top-concept-has-broader", "werkvormen", _top_below_top),
    Defect("dangling-reference", "werkvormen", _typo_in_broader),
    Defect("related-hierarchy-clash", "werkvormen", _related_to_parent),
    Defect("mapping-hierarchy-clash", "werkvormen", _exact_match_to_parent, frozenset({"mapping-within-scheme"})),
    Defect("mapping-within-scheme", "werkvormen", _close_match_in_scheme),
]


def all_defects_in(slug: str) -> tuple[Vocabulary, list[Expected]]:
    """One copy of `slug` with every defect made for it (they touch different concepts), for pySHACL."""
    vocabulary = Vocabulary(slug)
    expected: list[Expected] = []
    for defect in DEFECTS:
        if defect.slug == slug and defect.check_id not in ("scheme-top-concept", "scheme-title", "scheme-single"):
            expected.extend(defect.introduce(vocabulary))
    return vocabulary, expected


def keys(findings: Iterable) -> set[tuple[str, str, str]]:
    return {(f.check_id, str(f.focus_node), str(f.value)) for f in findings}
