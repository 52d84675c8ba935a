"""Browsing a vocabulary release from data prepared once per release graph.

Releases never change, so everything a browse page needs (labels in Dutch sort order, top
concepts, facets, the A–Z index, which labels are ambiguous) is read from the release graph once,
kept per process keyed by the graph IRI, and every page is then an index into a sorted list:
no SPARQL, no OFFSET, whatever the vocabulary's size.

Facets are the properties the data carries (`FACET_PROPERTIES`: SLO's education level and subject
area, ESCO's skill type and reuse level), the collections a concept is a member of, and, for
vocabularies with a handful of top concepts and a hierarchy below them (ESCO), the top-level group.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar, cast

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from registry.catalogue import Catalogue
from registry.collation import initial, same_label_key, sort_key
from registry.errors import InvalidInput, NotFound
from registry.namespaces import EDUVOC_DEF, OWL, RDF, SKOS
from registry.store import Store

MAX_LIMIT = 1000
T = TypeVar("T")
#: property IRI -> facet id (also the query parameter)
FACET_PROPERTIES = {
    EDUVOC_DEF + "educationLevel": "level",
    EDUVOC_DEF + "subjectArea": "subject",
    "http://data.europa.eu/esco/model#skillType": "skill_type",
    "http://data.europa.eu/esco/model#skillReuseLevel": "reuse_level",
}
COLLECTION_FACET = "collection"
GROUP_FACET = "group"
FACETS = (*FACET_PROPERTIES.values(), COLLECTION_FACET, GROUP_FACET)
#: a vocabulary gets a top-level group facet when it has this many top concepts (ESCO: a few pillars)
GROUP_FACET_TOPS = range(2, 61)
LETTERS = tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZ#")
_VIEWS_PER_VOCABULARY = 64
_log = logging.getLogger(__name__)


def _node(iri: str) -> NamedNode:
    return NamedNode(iri)


def _value(term: NamedNode | BlankNode | Literal | Triple) -> str:
    """The text of an IRI, blank node or literal; a quoted triple (RDF-star) has none, as before."""
    if isinstance(term, Triple):
        raise TypeError(f"quoted triple where a term was expected: {term}")
    return term.value


@dataclass
class Prepared:
    """One release graph, read once: parallel lists indexed by concept number."""

    graph: str
    scheme: str
    iris: list[str] = field(default_factory=list)
    labels: list[dict[str, str]] = field(default_factory=list)
    notations: list[str | None] = field(default_factory=list)
    deprecated: set[int] = field(default_factory=set)
    top: set[int] = field(default_factory=set)
    has_children: set[int] = field(default_factory=set)
    #: facet id -> value IRI -> concept numbers
    facets: dict[str, dict[str, set[int]]] = field(default_factory=dict)
    #: facet value IRI -> labels by language
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    index: dict[str, int] = field(default_factory=dict)
    _orders: dict[str, tuple[list[int], list[str], set[int]]] = field(default_factory=dict, repr=False)
    _languages: frozenset[str] | None = field(default=None, repr=False)
    _views: OrderedDict[tuple, View] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __len__(self) -> int:
        return len(self.iris)

    def label(self, number: int, language: str) -> tuple[str, str]:
        """(text, language) of a concept's preferred label: asked, Dutch, English, any, else the IRI."""
        labels = self.labels[number]
        for code in (language, "nl", "en"):
            if code in labels:
                return labels[code], code
        if labels:
            code = min(labels)
            return labels[code], code
        return self.iris[number], ""

    def context_of(self, number: int, language: str) -> tuple[tuple[str, str], ...]:
        """What tells a concept apart from others with the same label: its facet values (level,
        subject, collection, group; never itself), each once."""
        seen: dict[str, tuple[str, str]] = {}
        for facet in FACETS:
            for value, members in self.facets.get(facet, {}).items():
                if number in members and value != self.iris[number]:
                    label = self.value_label(value, language)
                    seen.setdefault(label[0], label)
        return tuple(seen.values())

    def value_label(self, iri: str, language: str) -> tuple[str, str]:
        labels = self.value_labels.get(iri, {})
        for code in (language, "nl", "en"):
            if code in labels:
                return labels[code], code
        if labels:
            code = min(labels)
            return labels[code], code
        return iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1], ""

    def label_languages(self) -> frozenset[str]:
        """The languages the preferred labels are in (read once)."""
        found = self._languages
        if found is None:
            found = self._languages = frozenset(code for labels in self.labels for code in labels)
        return found

    def order(self, language: str) -> tuple[list[int], list[str], set[int]]:
        """Concept numbers in Dutch sort order of their label in `language`, their sort keys, and
        the numbers whose label another concept shares (computed once per language)."""
        if language != "nl" and language not in self.label_languages():
            return self.order("nl")  # no label in `language`: every label falls back as for Dutch
        with self._lock:
            found = self._orders.get(language)
            if found is None:
                texts = [self.label(n, language)[0] for n in range(len(self.iris))]
                keys = [sort_key(text) for text in texts]
                numbers = sorted(range(len(keys)), key=lambda n: (keys[n], self.iris[n]))
                groups: dict[str, list[int]] = defaultdict(list)
                for n, text in enumerate(texts):
                    groups[same_label_key(text)].append(n)
                shared = {n for members in groups.values() if len(members) > 1 for n in members}
                found = (numbers, [keys[n] for n in numbers], shared)
                self._orders[language] = found
            return found

    def view(self, language: str, selection: Selection) -> View:
        """The concepts `selection` picks, in order, with their A–Z index and facet counts (cached)."""
        key = (language, selection)
        with self._lock:
            cached = self._views.get(key)
            if cached is not None:
                self._views.move_to_end(key)
                return cached
        numbers, keys, _ = self.order(language)
        wanted = self._members(selection)
        if wanted is None:
            chosen, chosen_keys = numbers, keys
        else:
            pairs = [(n, k) for n, k in zip(numbers, keys, strict=True) if n in wanted]
            chosen, chosen_keys = [n for n, _ in pairs], [k for _, k in pairs]
        letters: dict[str, list[int]] = {}
        for position, k in enumerate(chosen_keys):
            letter = initial(k)
            span = letters.get(letter)
            if span is None:
                letters[letter] = [position, 1]
            else:
                span[1] += 1
        counts = {facet: {value: len(members & wanted) if wanted is not None else len(members) for value, members in values.items()}
                  for facet, values in self.facets.items()}
        view = View(self, language, selection, chosen, {k: (v[0], v[1]) for k, v in letters.items()}, counts)
        with self._lock:
            self._views[key] = view
            while len(self._views) > _VIEWS_PER_VOCABULARY:
                self._views.popitem(last=False)
        return view

    def _members(self, selection: Selection) -> set[int] | None:
        sets: list[set[int]] = []
        if selection.top_only:
            sets.append(self.top)
        for facet, value in selection.filters:
            values = self.facets.get(facet)
            if values is None or value not in values:
                raise NotFound(f"no {facet} {value!r} in this vocabulary", code="no_facet_value", facet=facet, value=value)
            sets.append(values[value])
        if not sets:
            return None
        sets.sort(key=len)
        result = set(sets[0])
        for other in sets[1:]:
            result &= other
        return result


@dataclass(frozen=True)
class Selection:
    """Which concepts a list shows: only the top concepts or all, narrowed by facet values."""

    top_only: bool = False
    filters: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, top_only: bool, filters: Iterable[tuple[str, str]]) -> Selection:
        checked = []
        for facet, value in filters:
            if facet not in FACETS:
                raise InvalidInput(f"unknown facet {facet!r}; use one of {', '.join(FACETS)}", location=facet, code="unknown_facet", facet=facet)
            checked.append((facet, value))
        return cls(top_only, tuple(sorted(set(checked))))


@dataclass(frozen=True)
class Item:
    """One concept in a browse list; `context` is set when another concept has the same label."""

    iri: str
    label: str
    label_language: str
    notation: str | None
    deprecated: bool
    has_children: bool
    top: bool
    context: tuple[tuple[str, str], ...] = ()  # (text, language) of scheme-level context values


@dataclass(frozen=True)
class FacetValue:
    facet: str
    value: str
    label: str
    label_language: str
    count: int


@dataclass
class View:
    prepared: Prepared
    language: str
    selection: Selection
    numbers: list[int]
    letters: dict[str, tuple[int, int]]  # letter -> (first position, count)
    facet_counts: dict[str, dict[str, int]]

    @property
    def total(self) -> int:
        return len(self.numbers)

    def start_of(self, letter: str) -> int:
        """The position of the first concept under `letter`, else of the next letter that has one."""
        letter = letter.upper()
        if letter not in LETTERS:
            raise InvalidInput("letter must be A-Z or #", location="letter", code="bad_letter")
        for candidate in LETTERS[LETTERS.index(letter):]:
            if candidate in self.letters:
                return self.letters[candidate][0]
        return self.total

    def items(self, offset: int, limit: int) -> list[Item]:
        if offset < 0:
            raise InvalidInput("offset must be 0 or more", location="offset")
        if limit < 1:
            raise InvalidInput("limit must be 1 or more", location="limit")
        limit = min(limit, MAX_LIMIT)
        prepared = self.prepared
        _, _, shared = prepared.order(self.language)
        found = []
        for n in self.numbers[offset : offset + limit]:
            text, text_language = prepared.label(n, self.language)
            context: tuple[tuple[str, str], ...] = ()
            if n in shared:
                context = prepared.context_of(n, self.language)
            found.append(Item(prepared.iris[n], text, text_language, prepared.notations[n], n in prepared.deprecated,
                              n in prepared.has_children, n in prepared.top, context))
        return found

    def facet_values(self) -> dict[str, list[FacetValue]]:
        """Every facet with its values (label order) and how many of this list's concepts have each."""
        prepared = self.prepared
        result: dict[str, list[FacetValue]] = {}
        for facet, counts in self.facet_counts.items():
            values = [FacetValue(facet, value, *prepared.value_label(value, self.language), count)
                      for value, count in counts.items() if count]
            if not values:
                continue
            result[facet] = sorted(values, key=lambda v: (sort_key(v.label), v.value))
        return result


# --- reading a release graph ---------------------------------------------------------------------

def prepare(store: Store, graph: str, scheme: str, label_graphs: list[NamedNode] | None = None) -> Prepared:
    """Read one release graph into a `Prepared` (one pass per property, no SPARQL).
    `label_graphs` are where labels of facet values from other vocabularies are looked up."""
    g = _node(graph)
    prepared = Prepared(graph=graph, scheme=scheme)
    index = prepared.index

    def number(iri: str) -> int:
        n = index.get(iri)
        if n is None:
            n = index[iri] = len(prepared.iris)
            prepared.iris.append(iri)
            prepared.labels.append({})
            prepared.notations.append(None)
        return n

    for quad in store.quads(None, _node(SKOS + "inScheme"), _node(scheme), g):
        number(_value(quad.subject))
    for quad in store.quads(None, _node(RDF + "type"), _node(SKOS + "Concept"), g):
        number(_value(quad.subject))
    for quad in store.quads(None, _node(SKOS + "prefLabel"), None, g):
        n = index.get(_value(quad.subject))
        if n is not None and isinstance(quad.object, Literal):
            prepared.labels[n].setdefault(quad.object.language or "", quad.object.value)
    for quad in store.quads(None, _node(SKOS + "notation"), None, g):
        n = index.get(_value(quad.subject))
        if n is not None and prepared.notations[n] is None:
            prepared.notations[n] = _value(quad.object)
    for quad in store.quads(None, _node(OWL + "deprecated"), None, g):
        n = index.get(_value(quad.subject))
        if n is not None and _value(quad.object) in ("true", "1"):
            prepared.deprecated.add(n)
    for quad in store.quads(None, _node(SKOS + "topConceptOf"), _node(scheme), g):
        if (n := index.get(_value(quad.subject))) is not None:
            prepared.top.add(n)
    for quad in store.quads(_node(scheme), _node(SKOS + "hasTopConcept"), None, g):
        if (n := index.get(_value(quad.object))) is not None:
            prepared.top.add(n)
    parents: dict[int, set[int]] = defaultdict(set)
    for quad in store.quads(None, _node(SKOS + "broader"), None, g):
        child, parent = index.get(_value(quad.subject)), index.get(_value(quad.object))
        if child is not None and parent is not None:
            parents[child].add(parent)
    children_elsewhere: set[int] = set()  # ESCO's "knowledge" has only ISCED-F fields below it, in isced-f-2013
    for quad in store.quads(None, _node(SKOS + "narrower"), None, g):
        parent, child = index.get(_value(quad.subject)), index.get(_value(quad.object))
        if child is not None and parent is not None:
            parents[child].add(parent)
        elif parent is not None:
            children_elsewhere.add(parent)
    prepared.has_children = {p for above in parents.values() for p in above} | children_elsewhere
    for prop, facet in FACET_PROPERTIES.items():
        values: dict[str, set[int]] = defaultdict(set)
        for quad in store.quads(None, _node(prop), None, g):
            n = index.get(_value(quad.subject))
            if n is not None and isinstance(quad.object, NamedNode):
                values[quad.object.value].add(n)
        if values:
            prepared.facets[facet] = dict(values)
    members: dict[str, set[int]] = defaultdict(set)
    for quad in store.quads(None, _node(SKOS + "member"), None, g):
        n = index.get(_value(quad.object))
        if n is not None and isinstance(quad.subject, NamedNode):
            members[quad.subject.value].add(n)
    if members:
        prepared.facets[COLLECTION_FACET] = dict(members)
    if len(prepared.top) in GROUP_FACET_TOPS and len(parents):
        prepared.facets[GROUP_FACET] = _groups(prepared, parents)
    _read_value_labels(store, prepared, g, label_graphs or [])
    return prepared


def _groups(prepared: Prepared, parents: dict[int, set[int]]) -> dict[str, set[int]]:
    """Top concept -> every concept at or below it (a concept can sit under several)."""
    roots: dict[int, frozenset[int]] = {}

    def roots_of(n: int) -> frozenset[int]:
        stack, path = [n], []
        while stack:  # iterative: hierarchies can be deep; cycles end at a seen node
            current = stack.pop()
            if current in roots or current in path:
                continue
            path.append(current)
            stack.extend(p for p in parents.get(current, ()) if p not in roots)
        for current in reversed(path):
            above = parents.get(current, set())
            found = {current} if current in prepared.top else set()
            for p in above:
                found |= roots.get(p, frozenset())
            roots[current] = frozenset(found)
        return roots[n]

    groups: dict[str, set[int]] = defaultdict(set)
    for n in range(len(prepared.iris)):
        for top in roots_of(n):
            groups[prepared.iris[top]].add(n)
    return dict(groups)


def _read_value_labels(store: Store, prepared: Prepared, graph: NamedNode, label_graphs: list[NamedNode]) -> None:
    pref_label, rdfs_label = _node(SKOS + "prefLabel"), _node("http://www.w3.org/2000/01/rdf-schema#label")
    for facet, values in prepared.facets.items():
        for value in values:
            if facet == GROUP_FACET:
                prepared.value_labels[value] = prepared.labels[prepared.index[value]]
                continue
            labels: dict[str, str] = {}
            for g in [graph, *label_graphs]:
                for predicate in (pref_label, rdfs_label):
                    for quad in store.quads(_node(value), predicate, None, g):
                        if isinstance(quad.object, Literal):
                            labels.setdefault(quad.object.language or "", quad.object.value)
                if labels:
                    break
            prepared.value_labels[value] = labels


# --- the per-process cache -----------------------------------------------------------------------

class BrowseCache:
    """Prepared releases by graph IRI. A release graph never changes, so an entry never goes stale;
    the least recently used are dropped beyond `capacity` (current releases are re-read on demand)."""

    def __init__(self, store: Store, capacity: int = 128) -> None:
        self._store = store
        self._capacity = capacity
        self._entries: OrderedDict[str, Prepared] = OrderedDict()
        self._locks: dict[str, threading.Lock] = defaultdict(threading.Lock)
        self._guard = threading.Lock()
        self._derived: OrderedDict[tuple, object] = OrderedDict()

    def get(self, graph: str, scheme: str, label_graphs: list[NamedNode] | None = None) -> Prepared:
        with self._guard:
            found = self._entries.get(graph)
            if found is not None:
                self._entries.move_to_end(graph)
                return found
            lock = self._locks[graph]
        with lock:  # one reader per graph prepares it; the others wait for that result
            with self._guard:
                found = self._entries.get(graph)
            if found is None:
                found = prepare(self._store, graph, scheme, label_graphs)
                with self._guard:
                    self._entries[graph] = found
                    while len(self._entries) > self._capacity:
                        self._entries.popitem(last=False)
            return found

    def memo(self, key: tuple, compute: Callable[[], T]) -> T:
        """Anything derived only from release graphs (a diff, the changes by month), computed once
        per key; the key must name every graph it was computed from."""
        with self._guard:
            if key in self._derived:
                self._derived.move_to_end(key)
                return cast(T, self._derived[key])  # the key names what was computed, so its type
        value = compute()
        with self._guard:
            self._derived[key] = value
            while len(self._derived) > self._capacity:
                self._derived.popitem(last=False)
        return value

    def __contains__(self, graph: str) -> bool:
        return graph in self._entries

    def warm(self, catalogue: Catalogue, languages: tuple[str, ...] = ("nl", "en")) -> None:
        """Prepare every current release and its common views now (at start, and after a release
        becomes current), so that no reader waits for it. Releases already prepared cost nothing."""
        for record in catalogue.vocabularies():
            try:
                prepared = self.get(record.graph, record.scheme, catalogue.read_graphs())
                for language in languages:
                    prepared.view(language, Selection())
                    prepared.view(language, Selection(top_only=True))
            except Exception:  # a warm-up must never take the process down; the page will prepare it
                _log.exception("could not prepare the browse data of %s", record.slug)

    def warm_in_background(self, catalogue: Catalogue) -> threading.Thread:
        """`warm` in a daemon thread at low CPU priority (Linux schedules threads one by one), so
        that requests arriving meanwhile go first."""
        def run() -> None:
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 15)
            except (AttributeError, OSError):  # not Linux, or not allowed: warm at normal priority
                pass
            self.warm(catalogue)

        thread = threading.Thread(target=run, name="browse-warm-up", daemon=True)
        thread.start()
        return thread

    def release(self, catalogue: Catalogue, slug: str, version: str | None = None) -> Prepared:
        """A vocabulary's current release (or its release `version`), prepared once per graph."""
        record = catalogue.vocabulary(slug)
        graph = record.release(version).graph if version else record.graph
        return self.get(graph, record.scheme, catalogue.read_graphs())
