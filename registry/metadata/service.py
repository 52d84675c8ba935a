"""Validate-only service: parse a metadata document, check it against a profile, report.

The input is parsed into a fresh in-memory store (never the registry's), validated there with the
profile's compiled shapes, and its values that must come from a registered list are checked
against the registry's current vocabularies (read only). The caller gets the parsed triples back,
so that it can store a conforming document itself (the dataset catalogue does).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pyoxigraph import NamedNode, Quad, Triple

from registry.catalogue import Catalogue
from registry.errors import QueryTimeout
from registry.metadata.compiled import compiled_profile
from registry.metadata.labels import prefixed
from registry.metadata.parsing import DEFAULT_BASE, parse_document
from registry.metadata.profiles import Profile, all_profiles, profile_named
from registry.metadata.supplement import about_the_document, registry_terms
from registry.metadata.value_lists import check_values
from registry.metadata.value_sources import RegistryValueLists, ValueLists
from registry.namespaces import EDUVOC_BASE, RDF_TYPE
from registry.oxigraph_store import OxigraphStore
from registry.store import Store
from registry.validation import (
    Finding,
    PropertyPath,
    Severity,
    ValidationReport,
    validate,
)
from registry.validation.datatypes import OriginalDatatypes
from registry.validation.shapes import sh

INPUT_GRAPH = NamedNode("urn:eduvoc:validate:input")
SHACL_GRAPH = NamedNode("urn:eduvoc:validate:input-and-registry-terms")
DEFAULT_TIMEOUT_SECONDS = 30.0
T = TypeVar("T")


@dataclass(frozen=True)
class MetadataValidation:
    """The outcome of validating one document against one profile."""

    profile: Profile
    report: ValidationReport
    triples: list[Triple]

    @property
    def conforms(self) -> bool:
        """No sh:Violation (warnings and info do not make a document non-conformant)."""
        return not any(f.severity is Severity.VIOLATION for f in self.report.findings)


def profiles() -> list[Profile]:
    """The profiles a document can be validated against (every version), by name then version."""
    return all_profiles()


def validate_metadata(
    store: Store,
    catalogue: Catalogue,
    data: bytes,
    media_type: str,
    profile: str,
    version: str | None = None,
    base_iri: str | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> MetadataValidation:
    """Validate `data` (Turtle, JSON-LD, RDF/XML, N-Triples, plain JSON for profiles with a JSON-LD
    context, NL-LOM XML) against `profile` (its newest version unless `version`).

    Raises NotFound (unknown profile or version, listing the known ones), RdfSyntaxError /
    InvalidInput (with the position), UnsupportedFormat, QueryTimeout (after `timeout_seconds`).
    Never writes to `store`.
    """
    return validate_with(RegistryValueLists(store, catalogue), data, media_type, profile, version, base_iri, timeout_seconds)


def validate_with(
    lists: ValueLists,
    data: bytes,
    media_type: str,
    profile: str,
    version: str | None = None,
    base_iri: str | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
) -> MetadataValidation:
    """`validate_metadata` against any source of value lists (the CLI passes a read-only snapshot)."""
    chosen = profile_named(profile, version)
    triples = parse_document(data, media_type, chosen, base_iri)
    report = _within(timeout_seconds, lambda: validate_against(lists, triples, chosen))
    return MetadataValidation(chosen, report, triples)


def validate_triples(store: Store, catalogue: Catalogue, triples: list[Triple], profile: Profile) -> ValidationReport:
    """SHACL findings and registry value-list findings for `triples`, in one report."""
    return validate_against(RegistryValueLists(store, catalogue), triples, profile)


def validate_against(lists: ValueLists, triples: list[Triple], profile: Profile) -> ValidationReport:
    """SHACL findings and value-list findings for `triples` against `lists` (a registry or a snapshot).

    The registered concepts the document points to are described for the SHACL run (type, label,
    scheme: `registry.metadata.supplement`), never reported on themselves.
    """
    compiled = compiled_profile(profile)
    scratch = OxigraphStore()
    # the store rewrites derived-integer literals ("5"^^xsd:nonNegativeInteger) to xsd:integer:
    # note them as written so that sh:datatype judges them as the document wrote them
    originals = OriginalDatatypes()
    scratch.add_quads(originals.note(Quad(t.subject, t.predicate, t.object, INPUT_GRAPH) for t in triples))
    scratch.add_quads(originals.quads())
    # SHACL runs over one graph holding the document and the registry terms it uses (a default
    # graph of two graphs costs two index lookups per pattern); value checks read the document alone
    supplied_quads, supplied = registry_terms(lists, triples, SHACL_GRAPH)
    scratch.add_quads([*(Quad(t.subject, t.predicate, t.object, SHACL_GRAPH) for t in triples), *supplied_quads])
    shacl = originals.restore(validate(scratch, [SHACL_GRAPH], compiled.shapes))
    described = {t.subject for t in triples}
    values = check_values(scratch, INPUT_GRAPH, lists, compiled.value_rules)
    findings = [*_missing_record(profile, triples), *about_the_document(shacl.findings, supplied, described), *values]
    return ValidationReport(conforms=not findings, findings=findings)


def _missing_record(profile: Profile, triples: list[Triple]) -> list[Finding]:
    """A document without a single record of the profile's kind conforms vacuously in SHACL; say so."""
    if profile.record_class is None:
        return []
    kind = NamedNode(profile.record_class)
    if any(t.predicate == RDF_TYPE and t.object == kind for t in triples):
        return []
    name = prefixed(kind.value)
    return [Finding(
        focus_node=NamedNode(DEFAULT_BASE), path=PropertyPath(RDF_TYPE, str(RDF_TYPE)), value=None, severity=Severity.VIOLATION,
        source_shape=NamedNode(f"{EDUVOC_BASE}profile/{profile.name}/{profile.version}"), check_id="profile-no-record",
        messages={"nl": f"Het document bevat geen enkel record van het soort {name}; er is dus niets gecontroleerd.",
                  "en": f"The document holds no record of kind {name}, so nothing was checked."},
        fix_hints={"nl": f"Geef elk record rdf:type {name} (in gewone JSON voor dit profiel gebeurt dat vanzelf).",
                   "en": f"Give each record rdf:type {name} (plain JSON for this profile gets it automatically)."},
        constraint_component=sh("MinCountConstraintComponent"),
    )]


def _within(seconds: float, work: Callable[[], T]) -> T:
    """Run `work` in a worker thread and wait at most `seconds` (QueryTimeout after that); the
    worker only touches its own in-memory store and read queries, so leaving it running is safe."""
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["result"] = work()
        except Exception as error:  # noqa: BLE001 (handed to the waiting caller below)
            box["error"] = error

    worker = threading.Thread(target=run, name="metadata-validation", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise QueryTimeout(f"validation did not finish within {seconds:g} s; send fewer records per request")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
