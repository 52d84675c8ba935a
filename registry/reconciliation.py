"""The W3C Reconciliation Service API (draft, manifest version 0.2 as OpenRefine 3.x uses it):
batch reconciliation of free-text terms against the registered vocabularies, with entity, type
and property suggest, and data extension. https://reconciliation-api.github.io/specs/0.2/

Types are the registered vocabularies (by id). Candidates come from the search index (exact,
prefix, word-prefix and fuzzy label matches; when nothing matches, the query's longest words on
their own); each is scored 0-100 with rapidfuzz over the normalised query and the candidate's
labels (0.6 x token-set ratio + 0.4 x ratio; identical normalised text scores 100). Property
values (`notation`, `broader`) are averaged in: score = (2 x label score + 100 per agreeing
property) / (2 + properties given). A candidate is a `match` when it scores at least 95 and at
least 5 more than the next one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from pyoxigraph import NamedNode
from rapidfuzz import fuzz

from registry.catalogue import Catalogue
from registry.concepts import get_concept
from registry.errors import InvalidInput, NotFound
from registry.input_bounds import check_json_depth
from registry.search import SearchHit, SearchIndex, search_filter
from registry.search.filters import MAX_AUTOCOMPLETE_LIMIT, MAX_QUERY_LENGTH
from registry.search.text import normalise
from registry.store import Store

MAX_BATCH = 500
DEFAULT_LIMIT = 5
MAX_LIMIT = MAX_AUTOCOMPLETE_LIMIT
MATCH_SCORE = 95.0
MATCH_MARGIN = 5.0
PROPERTIES = {  # id -> (name, description)
    "prefLabel": ("preferred label", "skos:prefLabel"),
    "notation": ("notation", "skos:notation"),
    "broader": ("broader concept", "skos:broader"),
    "inScheme": ("vocabulary", "skos:inScheme"),
}
QUERY_PROPERTIES = ("notation", "broader")


@dataclass(frozen=True)
class PropertyValue:
    pid: str
    value: str


@dataclass(frozen=True)
class ReconciliationQuery:
    query: str
    types: tuple[str, ...] = ()  # vocabulary ids
    limit: int = DEFAULT_LIMIT
    properties: tuple[PropertyValue, ...] = ()


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str
    vocabulary: str
    vocabulary_name: str
    score: float
    match: bool
    notation: str | None = None


# --- reading a batch ------------------------------------------------------------------------------

def parse_batch(text: str, catalogue: Catalogue) -> dict[str, ReconciliationQuery]:
    """The `queries` form field: a JSON object of query key -> query. InvalidInput names the
    place of the first fault (e.g. `queries.q3.limit`)."""
    check_json_depth(text, "queries")
    try:
        batch = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"queries is not JSON: {error.msg} at line {error.lineno}, column {error.colno}", location="queries") from None
    if not isinstance(batch, dict) or not batch:
        raise InvalidInput("queries must be a JSON object of query keys to queries, e.g. {\"q0\": {\"query\": \"hoorcollege\"}}", location="queries")
    if len(batch) > MAX_BATCH:
        raise InvalidInput(f"a batch holds at most {MAX_BATCH} queries, not {len(batch)}", location="queries")
    registered = {record.slug for record in catalogue.vocabularies()}
    by_scheme = {record.scheme: record.slug for record in catalogue.vocabularies()}
    return {str(key): _query(value, f"queries.{key}", registered, by_scheme) for key, value in batch.items()}


def _query(value: object, where: str, registered: set[str], by_scheme: dict[str, str]) -> ReconciliationQuery:
    if not isinstance(value, dict):
        raise InvalidInput("a query must be a JSON object with at least a `query` string", location=where)
    text = value.get("query")
    if not isinstance(text, str) or not normalise(text):
        raise InvalidInput("`query` must be a string with at least one letter or digit", location=f"{where}.query")
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"`query` is longer than {MAX_QUERY_LENGTH} characters", location=f"{where}.query")
    types = value.get("type")
    if types is None:
        types = []
    elif isinstance(types, str):
        types = [types]
    if not isinstance(types, list) or not all(isinstance(t, str) for t in types):
        raise InvalidInput("`type` must be a vocabulary id or a list of them", location=f"{where}.type")
    slugs = []
    for type_id in types:
        slug = type_id if type_id in registered else by_scheme.get(type_id)
        if slug is None:
            raise InvalidInput(f"unknown type {type_id!r}: types are the registered vocabularies (see the manifest's defaultTypes)",
                               location=f"{where}.type")
        slugs.append(slug)
    limit = value.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise InvalidInput("`limit` must be a positive integer", location=f"{where}.limit")
    properties = value.get("properties", [])
    if not isinstance(properties, list):
        raise InvalidInput("`properties` must be a list of {pid, v}", location=f"{where}.properties")
    return ReconciliationQuery(text, tuple(dict.fromkeys(slugs)), min(limit, MAX_LIMIT),
                               tuple(_property(p, f"{where}.properties[{i}]") for i, p in enumerate(properties)))


def _property(value: object, where: str) -> PropertyValue:
    if not isinstance(value, dict):
        raise InvalidInput("a property must be an object {pid, v}", location=where)
    pid = value.get("pid", value.get("p"))
    if pid not in QUERY_PROPERTIES:
        raise InvalidInput(f"unknown property {pid!r}; use one of {', '.join(QUERY_PROPERTIES)}", location=f"{where}.pid")
    v = value.get("v")
    if isinstance(v, dict):
        v = v.get("id") or v.get("name")
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        v = str(v)
    if not isinstance(v, str) or not v.strip():
        raise InvalidInput("`v` must be a non-empty string (or an object with an id)", location=f"{where}.v")
    return PropertyValue(pid, v.strip())


# --- answering --------------------------------------------------------------------------------------

def label_score(query: str, label: str) -> float:
    """0-100: how well `label` matches `query` once both are normalised."""
    a, b = normalise(query), normalise(label)
    if not a or not b:
        return 0.0
    if a == b:
        return 100.0
    return round(0.6 * fuzz.token_set_ratio(a, b) + 0.4 * fuzz.ratio(a, b), 1)


def _hits(index: SearchIndex, catalogue: Catalogue, query: ReconciliationQuery, want: int) -> list[SearchHit]:
    filters = search_filter(catalogue, vocabularies=query.types)
    hits = index.autocomplete(query.query, filters, limit=want)
    if not hits:
        words = sorted({w for w in normalise(query.query).split() if len(w) >= 3}, key=lambda w: (-len(w), w))[:3]
        seen: dict[tuple[str, str], SearchHit] = {}
        for word in words:
            for hit in index.autocomplete(word, filters, limit=want):
                seen.setdefault((hit.iri, hit.vocabulary), hit)
        hits = list(seen.values())
    for prop in query.properties:
        if prop.pid == "notation":
            hits += [h for h in index.autocomplete(prop.value, filters, limit=want) if h.notation and normalise(h.notation) == normalise(prop.value)]
    return hits


def _broader(store: Store, catalogue: Catalogue, iris: list[str]) -> dict[str, list[tuple[str, list[str]]]]:
    """Each concept's broader concepts with their labels."""
    found: dict[str, list[tuple[str, list[str]]]] = {}
    if not iris:
        return found
    values = " ".join(str(NamedNode(iri)) for iri in iris)
    query = (f"SELECT ?c ?b ?label WHERE {{ VALUES ?c {{ {values} }} ?c <http://www.w3.org/2004/02/skos/core#broader> ?b "
             f"OPTIONAL {{ ?b <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }} }}")
    collected: dict[str, dict[str, list[str]]] = {}
    for row in store.query(query, default_graph=catalogue.read_graphs()):
        labels = collected.setdefault(row["c"].value, {}).setdefault(row["b"].value, [])
        if row["label"] is not None:
            labels.append(row["label"].value)
    for iri, broader in collected.items():
        found[iri] = list(broader.items())
    return found


def _agrees(prop: PropertyValue, hit: SearchHit, broader: dict[str, list[tuple[str, list[str]]]]) -> bool:
    if prop.pid == "notation":
        return hit.notation is not None and normalise(hit.notation) == normalise(prop.value)
    return any(prop.value == iri or any(label_score(prop.value, label) >= 90 for label in labels) for iri, labels in broader.get(hit.iri, []))


def reconcile(store: Store, catalogue: Catalogue, index: SearchIndex, queries: dict[str, ReconciliationQuery]) -> dict[str, list[Candidate]]:
    """The ranked candidates of every query of a batch."""
    answers: dict[str, list[Candidate]] = {}
    titles = {record.slug: record.label("nl") for record in catalogue.vocabularies()}
    for key, query in queries.items():
        hits = _hits(index, catalogue, query, max(MAX_LIMIT, query.limit))
        unique: dict[str, SearchHit] = {}
        for hit in hits:
            unique.setdefault(hit.iri, hit)
        wants_broader = any(p.pid == "broader" for p in query.properties)
        broader = _broader(store, catalogue, list(unique)) if wants_broader else {}
        scored = []
        for hit in unique.values():
            score = max(label_score(query.query, text) for text in (hit.matched_label, hit.label or hit.matched_label))
            if query.properties:
                agreeing = sum(100.0 for p in query.properties if _agrees(p, hit, broader))
                score = round((2 * score + agreeing) / (2 + len(query.properties)), 1)
            scored.append((score, hit))
        scored.sort(key=lambda pair: (-pair[0], pair[1].label or "", pair[1].iri))
        top = scored[: query.limit]
        candidates = []
        for position, (score, hit) in enumerate(top):
            runner_up = scored[1][0] if len(scored) > 1 else None
            match = position == 0 and score >= MATCH_SCORE and (runner_up is None or score - runner_up >= MATCH_MARGIN)
            candidates.append(Candidate(hit.iri, hit.label or hit.matched_label, hit.vocabulary, titles.get(hit.vocabulary, hit.vocabulary),
                                        score, match, hit.notation))
        answers[key] = candidates
    return answers


# --- suggest and data extension -------------------------------------------------------------------

def suggest_entities(index: SearchIndex, catalogue: Catalogue, prefix: str, types: list[str] | None = None, limit: int = 10) -> list[SearchHit]:
    """Concepts whose labels start with (or fuzzily match) `prefix`, for OpenRefine's entity box."""
    return index.autocomplete(prefix, search_filter(catalogue, vocabularies=types or ()), limit=min(limit, MAX_LIMIT))


def suggest_types(catalogue: Catalogue, prefix: str, language: str = "nl") -> list[tuple[str, str]]:
    """Vocabularies (id, title) whose id or title contains `prefix`."""
    wanted = normalise(prefix)
    return [(r.slug, r.label(language)) for r in catalogue.vocabularies()
            if not wanted or wanted in normalise(r.slug) or wanted in normalise(r.label(language))]


def suggest_properties(prefix: str) -> list[tuple[str, str]]:
    wanted = normalise(prefix)
    return [(pid, name) for pid, (name, _) in PROPERTIES.items() if not wanted or wanted in normalise(pid) or wanted in normalise(name)]


def parse_extension(text: str) -> tuple[list[str], list[str]]:
    """The `extend` form field: {"ids": [...], "properties": [{"id": "notation"}, ...]}."""
    check_json_depth(text, "extend")
    try:
        request = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(f"extend is not JSON: {error.msg}", location="extend") from None
    if not isinstance(request, dict) or not isinstance(request.get("ids"), list) or not isinstance(request.get("properties"), list):
        raise InvalidInput("extend must be an object with `ids` (a list of IRIs) and `properties` (a list of {id})", location="extend")
    ids = request["ids"]
    if not all(isinstance(i, str) for i in ids) or len(ids) > MAX_BATCH:
        raise InvalidInput(f"`ids` must be at most {MAX_BATCH} strings", location="extend.ids")
    properties = []
    for position, prop in enumerate(request["properties"]):
        pid = prop.get("id") if isinstance(prop, dict) else None
        if pid not in PROPERTIES:
            raise InvalidInput(f"unknown property {pid!r}; use one of {', '.join(PROPERTIES)}", location=f"extend.properties[{position}]")
        properties.append(pid)
    return ids, properties


def extend(store: Store, catalogue: Catalogue, ids: list[str], properties: list[str], language: str = "nl") -> dict:
    """Data extension: the asked properties of each concept, in the protocol's row format."""
    rows: dict[str, dict[str, list[dict]]] = {}
    for iri in ids:
        row: dict[str, list[dict]] = {pid: [] for pid in properties}
        try:
            concept = get_concept(store, catalogue, NamedNode(iri))
        except (NotFound, ValueError):
            rows[iri] = row
            continue
        for pid in properties:
            if pid == "prefLabel":
                row[pid] = [{"str": text, "lang": lang} if lang else {"str": text} for lang, text in sorted(concept.pref_labels.items(), key=lambda i: i[0] != language)]
            elif pid == "notation":
                row[pid] = [{"str": notation} for notation in concept.notations]
            elif pid == "broader":
                row[pid] = [{"id": linked.iri, "name": _label(linked.labels, language, linked.iri)} for linked in concept.links.get("broader", {}).values()]
            elif pid == "inScheme":
                row[pid] = [{"id": slug, "name": catalogue.vocabulary(slug).label(language)} for slug in concept.vocabularies]
        rows[iri] = row
    meta = [{"id": pid, "name": PROPERTIES[pid][0]} for pid in properties]
    return {"meta": meta, "rows": rows}


def _label(labels: dict[str, str], language: str, default: str) -> str:
    return labels.get(language) or labels.get("nl") or labels.get("en") or next(iter(labels.values()), default)
