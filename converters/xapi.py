"""xAPI verbs and activity types (ADL, SCORM, cmi5, TinCan profiles) as two SKOS concept schemes.

Source: `sources/xapi-adl-vocabularies/` — the RDF (Turtle) rendering of the xAPI profiles in
adlnet/xapi-authored-profiles. The profiles type their terms `xapi:Verb` / `xapi:ActivityType`
and already use skos:prefLabel / skos:definition; we turn each into a `skos:Concept` that keeps
its own xAPI IRI (the value an LRS sees in `verb.id` or `definition.type`), so statements can be
validated against the registry without any IRI translation.

Provenance: one `skos:Collection` per profile (`<scheme>/profile/<key>`) plus `dct:source` on
each concept pointing at the profile version it came from (the source's own `skos:inScheme`).
Extensions, statement templates, patterns and document resources are not value lists and are
left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import DCTERMS, RDF, SKOS, Graph, Literal, Namespace, URIRef

from converters.vocabulary_file import Publisher, SchemeInfo, new_scheme_graph

XAPI = Namespace("https://w3id.org/xapi/ontology#")
XAPI_PROFILE = Namespace("https://w3id.org/xapi/profiles/ontology#")
SCHEMA = Namespace("http://schema.org/")
SOURCE_SUBDIR = "xapi-adl-vocabularies"
REPOSITORY = "https://github.com/adlnet/xapi-authored-profiles"
LICENSE = "http://spdx.org/licenses/Apache-2.0"
PUBLISHER = Publisher("adl", "Advanced Distributed Learning (ADL) Initiative")

#: mapping relations copied from the source (targets may live outside this scheme)
MAPPING_PROPERTIES = (SKOS.exactMatch, SKOS.closeMatch, SKOS.relatedMatch, SKOS.broadMatch, SKOS.narrowMatch)


@dataclass(frozen=True)
class ProfileFile:
    """One xAPI profile file; the order of PROFILES is the precedence for duplicate terms."""

    key: str
    path: str  # relative to the source directory


PROFILES: tuple[ProfileFile, ...] = (
    ProfileFile("adl", "adl/adl.ttl"),
    ProfileFile("scorm", "scorm/scorm.ttl"),
    ProfileFile("cmi5", "cmi5/cmi5.ttl"),
    ProfileFile("tincan", "tincan/tincan.ttl"),
)


@dataclass(frozen=True)
class Kind:
    """A kind of xAPI term that becomes one vocabulary."""

    rdf_type: URIRef
    slug: str
    plural_en: str
    title_en: str
    title_nl: str
    description_en: str
    description_nl: str


KINDS: tuple[Kind, ...] = (
    Kind(
        XAPI.Verb,
        "xapi-verbs",
        "verbs",
        "xAPI verbs (ADL, SCORM, cmi5, TinCan)",
        "xAPI-werkwoorden (ADL, SCORM, cmi5, TinCan)",
        "Verbs for xAPI (Experience API) statements from the ADL Vocabulary, the xAPI SCORM "
        "Profile, the cmi5 Profile and the TinCan registry vocabulary, as published in RDF by ADL. "
        "Each concept keeps its xAPI IRI (the value of a statement's verb.id); the profile a verb "
        "comes from is recorded as a skos:Collection per profile and as dct:source.",
        "Werkwoorden voor xAPI-statements (Experience API) uit de ADL Vocabulary, het xAPI "
        "SCORM-profiel, het cmi5-profiel en de TinCan-registry, zoals ADL ze in RDF publiceert. "
        "Elk begrip behoudt zijn xAPI-IRI (de waarde van verb.id in een statement); het profiel "
        "waar een werkwoord vandaan komt staat in een skos:Collection per profiel en in dct:source. "
        "Labels en definities zijn Engelstalig, zoals in de bron.",
    ),
    Kind(
        XAPI.ActivityType,
        "xapi-activity-types",
        "activity types",
        "xAPI activity types (ADL, SCORM, cmi5, TinCan)",
        "xAPI-activiteitstypen (ADL, SCORM, cmi5, TinCan)",
        "Activity types for xAPI (Experience API) statements from the ADL Vocabulary, the xAPI "
        "SCORM Profile, the cmi5 Profile and the TinCan registry vocabulary, as published in RDF by "
        "ADL. Each concept keeps its xAPI IRI (the value of an activity's definition.type); the "
        "profile a type comes from is recorded as a skos:Collection per profile and as dct:source.",
        "Activiteitstypen voor xAPI-statements (Experience API) uit de ADL Vocabulary, het xAPI "
        "SCORM-profiel, het cmi5-profiel en de TinCan-registry, zoals ADL ze in RDF publiceert. "
        "Elk begrip behoudt zijn xAPI-IRI (de waarde van definition.type van een activiteit); het "
        "profiel waar een type vandaan komt staat in een skos:Collection per profiel en in "
        "dct:source. Labels en definities zijn Engelstalig, zoals in de bron.",
    ),
)


@dataclass(frozen=True)
class Profile:
    """Profile-level metadata read from the profile file."""

    key: str
    iri: URIRef
    label: str
    definition: str | None
    author: str | None


@dataclass
class Term:
    """One verb or activity type, merged over the profiles that define it."""

    iri: URIRef
    rdf_type: URIRef
    label: Literal
    definition: Literal | None
    profiles: list[str] = field(default_factory=list)
    sources: list[URIRef] = field(default_factory=list)  # the profile versions (source skos:inScheme)
    broader: set[URIRef] = field(default_factory=set)
    mappings: set[tuple[URIRef, URIRef]] = field(default_factory=set)


def source_commit(source_dir: Path) -> str:
    """The pinned upstream commit, read from SOURCE.md so the version cannot drift from the files."""
    match = re.search(r"Commit:\s*([0-9a-f]{40})", (source_dir / "SOURCE.md").read_text(encoding="utf-8"))
    if not match:
        raise ValueError(f"no 'Commit: <sha>' line in {source_dir / 'SOURCE.md'}")
    return match.group(1)


def english(graph: Graph, subject: URIRef, predicate: URIRef) -> Literal | None:
    """The single English (or untagged) literal; more than one is a source error we refuse to hide."""
    values = [o for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language in (None, "en")]
    if len(values) > 1:
        raise ValueError(f"{subject} has {len(values)} English {predicate} values")
    return Literal(str(values[0]), lang="en") if values else None


def read_profile(graph: Graph, key: str) -> Profile:
    """The profile description in one file (exactly one `xapi-profile:Profile` is expected)."""
    profiles = list(graph.subjects(RDF.type, XAPI_PROFILE.Profile))
    if len(profiles) != 1:
        raise ValueError(f"profile {key}: expected one Profile, found {len(profiles)}")
    iri = profiles[0]
    label = english(graph, iri, SKOS.prefLabel)
    definition = english(graph, iri, SKOS.definition)
    authors = sorted(
        str(name)
        for author in graph.objects(iri, SCHEMA.author)
        for name in graph.objects(author, SCHEMA.name)
    )
    return Profile(key, iri, str(label) if label else key, str(definition) if definition else None,
                   ", ".join(authors) or None)


def collect_terms(source_dir: Path) -> tuple[list[Profile], dict[URIRef, Term]]:
    """All verbs and activity types over the profiles, merged by IRI (first profile wins on text)."""
    profiles: list[Profile] = []
    terms: dict[URIRef, Term] = {}
    for profile_file in PROFILES:
        graph = Graph().parse(source_dir / profile_file.path, format="turtle")
        profiles.append(read_profile(graph, profile_file.key))
        for kind in KINDS:
            for iri in sorted(graph.subjects(RDF.type, kind.rdf_type)):
                label = english(graph, iri, SKOS.prefLabel)
                if label is None:
                    raise ValueError(f"{iri} in {profile_file.path} has no English prefLabel")
                term = terms.get(iri)
                if term is None:
                    term = terms[iri] = Term(iri, kind.rdf_type, label, english(graph, iri, SKOS.definition))
                elif term.rdf_type != kind.rdf_type:
                    raise ValueError(f"{iri} is both {term.rdf_type} and {kind.rdf_type}")
                elif term.definition is None:
                    term.definition = english(graph, iri, SKOS.definition)
                term.profiles.append(profile_file.key)
                term.sources.extend(s for s in graph.objects(iri, SKOS.inScheme) if s not in term.sources)
                term.broader.update(o for o in graph.objects(iri, SKOS.broader) if isinstance(o, URIRef))
                term.mappings.update(
                    (p, o) for p in MAPPING_PROPERTIES for o in graph.objects(iri, p)
                    if isinstance(o, URIRef) and o != iri  # the source has a few self-matches; they say nothing
                )
    return profiles, terms


def scheme_info(kind: Kind, commit: str) -> SchemeInfo:
    """Catalogue metadata of one xAPI vocabulary."""
    return SchemeInfo(
        slug=kind.slug,
        title_nl=kind.title_nl,
        title_en=kind.title_en,
        description_nl=kind.description_nl,
        description_en=kind.description_en,
        publisher=PUBLISHER,
        license=LICENSE,
        source=f"{REPOSITORY}/tree/{commit}",
        version=f"adlnet/xapi-authored-profiles@{commit}",
        extra_prefixes={"xapi": str(XAPI)},
    )


def build_scheme(
    kind: Kind, profiles: list[Profile], terms: dict[URIRef, Term], commit: str
) -> tuple[SchemeInfo, Graph]:
    """One concept scheme holding every term of one kind, with a collection per profile."""
    info = scheme_info(kind, commit)
    graph = new_scheme_graph(info)
    scheme = info.scheme_iri
    members = {iri: term for iri, term in terms.items() if term.rdf_type == kind.rdf_type}
    for iri, term in members.items():
        graph.add((iri, RDF.type, SKOS.Concept))
        graph.add((iri, RDF.type, kind.rdf_type))  # keep the xAPI class: the term stays a valid xAPI term
        graph.add((iri, SKOS.inScheme, scheme))
        graph.add((iri, SKOS.prefLabel, term.label))
        if term.definition is not None:
            graph.add((iri, SKOS.definition, term.definition))
        for source in term.sources:
            graph.add((iri, DCTERMS.source, source))
        broader = {b for b in term.broader if b in members}  # hierarchy only inside this scheme
        for parent in broader:
            graph.add((iri, SKOS.broader, parent))
            graph.add((parent, SKOS.narrower, iri))
        if not broader:
            graph.add((iri, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, iri))
        for predicate, target in term.mappings:
            graph.add((iri, predicate, target))
    for profile in profiles:
        profile_members = [iri for iri, term in members.items() if profile.key in term.profiles]
        if not profile_members:
            continue
        collection = URIRef(f"{scheme}/profile/{profile.key}")
        graph.add((collection, RDF.type, SKOS.Collection))
        graph.add((collection, SKOS.prefLabel, Literal(f"{profile.label}: {kind.plural_en}", lang="en")))
        if profile.definition:
            graph.add((collection, SKOS.definition, Literal(profile.definition, lang="en")))
        if profile.author:
            graph.add((collection, SKOS.note, Literal(f"Profile author: {profile.author}", lang="en")))
        graph.add((collection, DCTERMS.source, profile.iri))
        for iri in profile_members:
            graph.add((collection, SKOS.member, iri))
    return info, graph


def build(sources: Path) -> list[tuple[SchemeInfo, Graph]]:
    """Build `xapi-verbs` and `xapi-activity-types` from the pinned profile files."""
    source_dir = sources / SOURCE_SUBDIR
    commit = source_commit(source_dir)
    profiles, terms = collect_terms(source_dir)
    return [build_scheme(kind, profiles, terms, commit) for kind in KINDS]
