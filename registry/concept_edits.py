"""Editing one concept in a draft: add, change, deprecate (with replacements), move. Each edit
is computed as statements to remove and to add, then applied in one transaction
(`registry.drafts.apply_to_draft`), keeping broader/narrower and top-concept links symmetric."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode, Quad, Variable

from registry.auth import Principal
from registry.catalogue import Catalogue
from registry.concepts import parse_iri
from registry.drafts import apply_to_draft, draft_graph
from registry.errors import Conflict, EditRefused, InvalidInput, NotFound
from registry.namespaces import RDF_TYPE, SKOS, Dct, Owl, Skos
from registry.store import Store

TRUE = Literal("true", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#boolean"))
MAPPINGS = {
    "exact_match": Skos.exactMatch,
    "close_match": Skos.closeMatch,
    "broad_match": Skos.broadMatch,
    "narrow_match": Skos.narrowMatch,
    "related_match": Skos.relatedMatch,
}
HAS_TOP_CONCEPT = NamedNode(SKOS + "hasTopConcept")
#: the per-language fields of a change and the property each sets
LANGUAGE_FIELDS = {"pref_labels": Skos.prefLabel, "alt_labels": Skos.altLabel, "definitions": Skos.definition}
#: the language a concept must keep a preferred label in
REQUIRED_LABEL_LANGUAGE = "nl"


@dataclass
class ConceptChange:
    """The fields an editor sets on a concept; None leaves a field as it is (on change)."""

    pref_labels: dict[str, str] | None = None
    alt_labels: dict[str, list[str]] | None = None
    definitions: dict[str, str] | None = None
    notation: str | None = None
    broader: list[str] | None = None
    related: list[str] | None = None
    mappings: dict[str, list[str]] = field(default_factory=dict)
    #: per-language field (pref_labels, alt_labels, definitions) -> languages to remove
    remove: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class FieldChange:
    """What one change did to one field in one language (language None: a field without languages)."""

    field: str
    language: str | None
    old: list[str]
    new: list[str]


def _statements(store: Store, graph: NamedNode, subject: NamedNode) -> list[Quad]:
    rows = store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", substitutions={Variable("s"): subject}, default_graph=[graph])
    return [Quad(subject, row["p"], row["o"], graph) for row in rows]


def _is_concept(store: Store, graph: NamedNode, iri: NamedNode) -> bool:
    return bool(store.query("ASK { ?c a <http://www.w3.org/2004/02/skos/core#Concept> }", substitutions={Variable("c"): iri}, default_graph=[graph]))


def _scheme(store: Store, graph: NamedNode) -> NamedNode:
    for row in store.query("SELECT ?s WHERE { ?s a <http://www.w3.org/2004/02/skos/core#ConceptScheme> }", default_graph=[graph]):
        return row["s"]
    raise NotFound("the draft has no concept scheme")


def _targets(store: Store, graph: NamedNode, iris: list[str], field_name: str) -> list[NamedNode]:
    nodes = [parse_iri(iri, field_name) for iri in iris]
    for node in nodes:
        if not _is_concept(store, graph, node):
            raise InvalidInput(f"{node.value} is not a concept of this vocabulary's draft", location=field_name)
    return nodes


def _hierarchy(graph: NamedNode, scheme: NamedNode, concept: NamedNode, old: list[Quad], broader: list[NamedNode], store: Store) -> tuple[list[Quad], list[Quad]]:
    """Remove the concept's broader/top links (and their inverses), add the new ones."""
    removals = [q for q in old if q.predicate in (Skos.broader, Skos.topConceptOf)]
    removals += [Quad(q.object, Skos.narrower, concept, graph) for q in old if q.predicate == Skos.broader]
    removals.append(Quad(scheme, HAS_TOP_CONCEPT, concept, graph))
    additions = []
    for parent in broader:
        additions += [Quad(concept, Skos.broader, parent, graph), Quad(parent, Skos.narrower, concept, graph)]
    if not broader:
        additions += [Quad(concept, Skos.topConceptOf, scheme, graph), Quad(scheme, HAS_TOP_CONCEPT, concept, graph)]
    existing = set(_all(store, graph, removals))
    return [q for q in removals if q in existing], additions


def _all(store: Store, graph: NamedNode, quads: list[Quad]) -> list[Quad]:
    """Those of `quads` that are in the graph."""
    found = []
    for q in quads:
        ask = "ASK { ?s ?p ?o }"
        if store.query(ask, substitutions={Variable("s"): q.subject, Variable("p"): q.predicate, Variable("o"): q.object}, default_graph=[graph]):
            found.append(q)
    return found


def _language(tag: str, location: str) -> str:
    """A BCP 47 language tag, lower-cased as RDF compares them."""
    try:
        return Literal("", language=tag.strip()).language or ""
    except ValueError:
        raise InvalidInput(f"{tag!r} is not a language tag (BCP 47, e.g. nl or en)", location=location) from None


def _texts(value: str | list[str]) -> list[str]:
    return [t.strip() for t in ([value] if isinstance(value, str) else value)]


def _language_values(change: ConceptChange) -> dict[str, dict[str, list[str]]]:
    """The per-language values a change sets, by field and language; an empty value is refused
    (it would silently drop that language: removing one is asked for with `remove`)."""
    values: dict[str, dict[str, list[str]]] = {}
    for name in LANGUAGE_FIELDS:
        given: dict[str, str] | dict[str, list[str]] | None = getattr(change, name)
        for tag, value in (given or {}).items():
            language = _language(tag, f"{name}.{tag}")
            texts = _texts(value)
            if not texts or not all(texts):
                raise EditRefused(f"{name}.{tag} is empty; to remove the {tag} value, ask for it with remove.{name}: [{tag!r}]",
                                  location=f"{name}.{tag}")
            values.setdefault(name, {})[language] = texts
    return values


def _language_edits(graph: NamedNode, concept: NamedNode, change: ConceptChange, old: list[Quad]) -> tuple[list[Quad], list[Quad], list[FieldChange]]:
    """Per-language replacement and explicit removal of labels and definitions: only the languages
    named change. Refuses to leave the concept without a preferred label, or without the Dutch one it had."""
    unknown = set(change.remove) - set(LANGUAGE_FIELDS)
    if unknown:
        raise InvalidInput(f"cannot remove by language from {', '.join(sorted(unknown))}; use one of {', '.join(LANGUAGE_FIELDS)}", location="remove")
    values = _language_values(change)
    removals: list[Quad] = []
    additions: list[Quad] = []
    changes: list[FieldChange] = []
    label_languages: set[str] = set()
    for name, prop in LANGUAGE_FIELDS.items():
        current: dict[str, list[Quad]] = {}
        for q in old:
            if q.predicate == prop and isinstance(q.object, Literal) and q.object.language:
                current.setdefault(q.object.language.lower(), []).append(q)
        setting = values.get(name, {})
        dropping = [_language(tag, f"remove.{name}") for tag in change.remove.get(name, [])]
        for language in dropping:
            if language in setting:
                raise InvalidInput(f"{name}.{language} is both set and removed", location=f"remove.{name}")
            if language not in current:
                raise InvalidInput(f"the concept has no {name} in {language!r} to remove", location=f"remove.{name}")
        for language in sorted({*setting, *dropping}):
            before = sorted(q.object.value for q in current.get(language, []))
            new = sorted(setting.get(language, []))
            if before == new:
                continue
            removals += current.get(language, [])
            additions += [Quad(concept, prop, Literal(text, language=language), graph) for text in new]
            changes.append(FieldChange(name, language, before, new))
        if prop == Skos.prefLabel:
            label_languages = (set(current) - set(dropping)) | set(setting)
    unlanguaged = any(q.predicate == Skos.prefLabel and isinstance(q.object, Literal) and not q.object.language for q in old)
    if not label_languages and not unlanguaged:
        raise EditRefused("a concept needs at least one preferred label", location="remove.pref_labels")
    had_dutch = any(q.predicate == Skos.prefLabel and isinstance(q.object, Literal) and (q.object.language or "").lower() == REQUIRED_LABEL_LANGUAGE for q in old)
    if had_dutch and REQUIRED_LABEL_LANGUAGE not in label_languages:
        raise EditRefused(f"the change would leave the concept without its Dutch preferred label ({REQUIRED_LABEL_LANGUAGE}); "
                          "give a new one instead of removing it", location="remove.pref_labels")
    return removals, additions, changes


def _field_statements(graph: NamedNode, concept: NamedNode, change: ConceptChange, store: Store) -> tuple[set[NamedNode], list[Quad]]:
    """Which properties without languages the change replaces (notation, related, mappings), and their new statements."""
    replaced: set[NamedNode] = set()
    additions: list[Quad] = []
    if change.notation is not None:
        replaced.add(Skos.notation)
        if change.notation.strip():
            additions.append(Quad(concept, Skos.notation, Literal(change.notation.strip()), graph))
    if change.related is not None:
        replaced.add(Skos.related)
        additions += [Quad(concept, Skos.related, target, graph) for target in _targets(store, graph, change.related, "related")]
    for name, iris in change.mappings.items():
        if name not in MAPPINGS:
            raise InvalidInput(f"unknown mapping {name!r}; use one of {', '.join(MAPPINGS)}", location="mappings")
        replaced.add(MAPPINGS[name])
        additions += [Quad(concept, MAPPINGS[name], parse_iri(iri, f"mappings.{name}"), graph) for iri in iris]
    return replaced, additions


def add_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, change: ConceptChange) -> str:
    graph = draft_graph(catalogue, slug)
    concept = parse_iri(iri, "uri")
    if _is_concept(store, graph, concept):
        raise Conflict(f"{iri} is already a concept of the draft")
    if not change.pref_labels:
        raise InvalidInput("a new concept needs a preferred label", location="pref_labels")
    if change.remove:
        raise InvalidInput("a new concept has nothing to remove", location="remove")
    scheme = _scheme(store, graph)
    _, additions = _field_statements(graph, concept, change, store)
    additions += [Quad(concept, LANGUAGE_FIELDS[name], Literal(text, language=language), graph)
                  for name, by_language in _language_values(change).items() for language, texts in by_language.items() for text in texts]
    broader = _targets(store, graph, change.broader or [], "broader")
    _, hierarchy = _hierarchy(graph, scheme, concept, [], broader, store)
    additions = [Quad(concept, RDF_TYPE, Skos.Concept, graph), Quad(concept, Skos.inScheme, scheme, graph), *additions, *hierarchy]
    apply_to_draft(store, catalogue, slug, principal, "add-concept", [], additions, f"added {iri}")
    return iri


def _literal_values(quads: list[Quad]) -> list[str]:
    return sorted(q.object.value for q in quads)


def change_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, change: ConceptChange) -> list[FieldChange]:
    """Change what the change names and nothing else; returns what changed (empty: nothing did)."""
    graph = draft_graph(catalogue, slug)
    concept = parse_iri(iri, "uri")
    if not _is_concept(store, graph, concept):
        raise NotFound(f"{iri} is not a concept of the draft of {slug!r}")
    old = _statements(store, graph, concept)
    removals, additions, changes = _language_edits(graph, concept, change, old)
    replaced, plain_additions = _field_statements(graph, concept, change, store)
    additions += plain_additions
    for prop in replaced:
        before = [q for q in old if q.predicate == prop]
        now = [q for q in plain_additions if q.predicate == prop]
        if set(before) != set(now):
            removals += before
            changes.append(FieldChange(_FIELD_NAMES.get(prop, prop.value), None, _literal_values(before), _literal_values(now)))
    if change.broader is not None:
        hierarchy_removals, hierarchy_additions = _hierarchy(graph, _scheme(store, graph), concept, old, _targets(store, graph, change.broader, "broader"), store)
        before = _literal_values([q for q in old if q.predicate in (Skos.broader, Skos.topConceptOf)])
        now = _literal_values([q for q in hierarchy_additions if q.subject == concept])
        if before != now:
            changes.append(FieldChange("broader", None, before, now))
            removals += hierarchy_removals
            additions += hierarchy_additions
    existing, wanted = set(old), set(additions)
    removals = [q for q in removals if q not in wanted]
    additions = [q for q in additions if q not in existing]
    if changes:
        apply_to_draft(store, catalogue, slug, principal, "change-concept", removals, additions,
                       f"changed {iri}: " + ", ".join(f"{c.field}" + (f"@{c.language}" if c.language else "") for c in changes))
    return changes


_FIELD_NAMES = {Skos.notation: "notation", Skos.related: "related", **{prop: name for name, prop in MAPPINGS.items()}}


def move_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, broader: list[str]) -> None:
    change_concept(store, catalogue, slug, principal, iri, ConceptChange(broader=broader))


def deprecate_concept(store: Store, catalogue: Catalogue, slug: str, principal: Principal | None, iri: str, replaced_by: list[str]) -> None:
    """Mark deprecated with its replacements; it leaves the hierarchy but stays resolvable."""
    graph = draft_graph(catalogue, slug)
    concept = parse_iri(iri, "uri")
    if not _is_concept(store, graph, concept):
        raise NotFound(f"{iri} is not a concept of the draft of {slug!r}")
    old = _statements(store, graph, concept)
    if any(q.predicate == Skos.narrower for q in old):
        raise InvalidInput(f"{iri} still has narrower concepts: move them first", location="uri")
    replacements = _targets(store, graph, replaced_by, "replaced_by")
    if concept in replacements:
        raise InvalidInput("a concept cannot replace itself", location="replaced_by")
    removals, _ = _hierarchy(graph, _scheme(store, graph), concept, old, [], store)
    removals += [q for q in old if q.predicate in (Owl.deprecated, Dct.isReplacedBy)]
    additions = [Quad(concept, Owl.deprecated, TRUE, graph), *(Quad(concept, Dct.isReplacedBy, r, graph) for r in replacements)]
    apply_to_draft(store, catalogue, slug, principal, "deprecate-concept", removals, additions,
                   f"deprecated {iri}" + (f", replaced by {', '.join(r.value for r in replacements)}" if replacements else ""))
