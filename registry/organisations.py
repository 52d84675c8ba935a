"""Organisations (bronhouders) that own vocabularies. Kept in the private admin graph."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from pyoxigraph import Literal, NamedNode, Quad, Variable

from registry.audit import audit_quads, new_audit_record
from registry.auth import Principal
from registry.errors import Conflict, InvalidInput, NotFound
from registry.namespaces import ADMIN_GRAPH, FOAF, RDF_TYPE, XSD, Dct, organisation_iri
from registry.store import Store

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
FOAF_ORGANIZATION = NamedNode(FOAF + "Organization")
FOAF_NAME = NamedNode(FOAF + "name")
DCT_CREATED = NamedNode("http://purl.org/dc/terms/created")

_LIST = """PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?organisation ?slug ?name ?created WHERE {
  ?organisation a foaf:Organization ; dct:identifier ?slug ; foaf:name ?name ; dct:created ?created .
} ORDER BY ?slug"""


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    iri: str
    created: datetime


def list_organisations(store: Store) -> list[Organisation]:
    return [
        Organisation(row["slug"].value, row["name"].value, row["organisation"].value, datetime.fromisoformat(row["created"].value))
        for row in store.query(_LIST, default_graph=[ADMIN_GRAPH])
    ]


def get_organisation(store: Store, slug: str) -> Organisation:
    query = _LIST.replace("ORDER BY ?slug", "")
    for row in store.query(query, substitutions={Variable("slug"): Literal(slug)}, default_graph=[ADMIN_GRAPH]):
        return Organisation(row["slug"].value, row["name"].value, row["organisation"].value, datetime.fromisoformat(row["created"].value))
    raise NotFound(f"no organisation {slug!r}")


def create_organisation(store: Store, slug: str, name: str, principal: Principal | None = None) -> Organisation:
    """Register an organisation; the change and its audit record land in one transaction
    (`principal` None: the CLI on the local store, recorded as the system agent)."""
    if not SLUG.match(slug):
        raise InvalidInput(f"{slug!r} is not a valid organisation id: 1-64 lower-case letters, digits, hyphens", location="id")
    if not name.strip():
        raise InvalidInput("an organisation needs a name", location="name")
    if any(o.slug == slug for o in list_organisations(store)):
        raise Conflict(f"organisation {slug!r} already exists")
    iri = organisation_iri(slug)
    now = datetime.now(UTC).replace(microsecond=0)
    statements = (
        (RDF_TYPE, FOAF_ORGANIZATION),
        (Dct.identifier, Literal(slug)),
        (FOAF_NAME, Literal(name.strip())),
        (DCT_CREATED, Literal(now.isoformat(), datatype=NamedNode(XSD + "dateTime"))),
    )
    audit = new_audit_record(principal, "create-organisation", organisation=slug, comment=name.strip())
    store.add_quads([*(Quad(iri, p, o, ADMIN_GRAPH) for p, o in statements), *audit_quads(audit)])
    return Organisation(slug, name.strip(), iri.value, now)


def ensure_organisation(store: Store, slug: str, name: str) -> Organisation:
    """The organisation `slug`, created with `name` if it does not exist yet."""
    try:
        return get_organisation(store, slug)
    except NotFound:
        return create_organisation(store, slug, name)
