"""API tokens: issued to an organisation with a role, shown once, stored only as an Argon2 hash,
revocable, with an expiry. Token text: `eduvoc_<id>_<secret>`; the id finds the record, the
secret is verified against its hash."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pyoxigraph import Literal, NamedNode, Quad, Variable

from registry.audit import audit_quads, new_audit_record
from registry.auth import Principal, Role
from registry.errors import InvalidInput, NotFound, Unauthenticated
from registry.namespaces import ADMIN_GRAPH, EDUVOC_BASE, EDUVOC_DEF, RDF_TYPE, XSD
from registry.organisations import get_organisation
from registry.store import Store

PREFIX = "eduvoc_"
# The secrets are 256 random bits, so the hash guards a leaked store, not a guessable password:
# light Argon2 settings keep checking a token on every write request at a few milliseconds.
_HASHER = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
DATETIME = NamedNode(XSD + "dateTime")


class T:
    """The admin graph's token terms."""

    ApiToken = NamedNode(EDUVOC_DEF + "ApiToken")
    secretHash = NamedNode(EDUVOC_DEF + "secretHash")
    organisation = NamedNode(EDUVOC_DEF + "organisation")
    role = NamedNode(EDUVOC_DEF + "tokenRole")
    created = NamedNode("http://purl.org/dc/terms/created")
    expires = NamedNode(EDUVOC_DEF + "expires")
    revoked = NamedNode(EDUVOC_DEF + "revoked")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")


_TOKENS = """PREFIX eduvoc: <https://w3id.org/eduvoc/def/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?token ?organisation ?role ?created ?expires ?revoked ?label ?hash WHERE {
  ?token a eduvoc:ApiToken ; eduvoc:organisation ?organisation ; eduvoc:tokenRole ?role ;
    dct:created ?created ; eduvoc:expires ?expires ; eduvoc:secretHash ?hash .
  OPTIONAL { ?token eduvoc:revoked ?revoked }
  OPTIONAL { ?token rdfs:label ?label }
}"""


@dataclass(frozen=True)
class TokenInfo:
    id: str
    organisation: str
    role: Role
    created: datetime
    expires: datetime
    revoked: datetime | None
    label: str | None

    @property
    def iri(self) -> str:
        return token_iri(self.id).value

    def active(self, now: datetime) -> bool:
        return self.revoked is None and now < self.expires


def token_iri(token_id: str) -> NamedNode:
    return NamedNode(f"{EDUVOC_BASE}token/{token_id}")


def _info(row) -> tuple[TokenInfo, str]:
    token_id = row["token"].value.rsplit("/", 1)[1]
    info = TokenInfo(
        id=token_id,
        organisation=row["organisation"].value,
        role=Role(row["role"].value),
        created=datetime.fromisoformat(row["created"].value),
        expires=datetime.fromisoformat(row["expires"].value),
        revoked=datetime.fromisoformat(row["revoked"].value) if row["revoked"] is not None else None,
        label=row["label"].value if row["label"] is not None else None,
    )
    return info, row["hash"].value


def issue_token(store: Store, organisation: str, role: Role, valid_days: int = 90, label: str | None = None,
                principal: Principal | None = None) -> tuple[str, TokenInfo]:
    """A new token for `organisation`; the returned text is the only time the secret is seen.
    The token and its audit record (never the secret) land in one transaction."""
    get_organisation(store, organisation)  # NotFound for an unknown organisation
    if not 1 <= valid_days <= 3660:
        raise InvalidInput("a token is valid for 1 to 3660 days", location="valid_days")
    token_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    now = datetime.now(UTC).replace(microsecond=0)
    info = TokenInfo(token_id, organisation, role, now, now + timedelta(days=valid_days), None, label)
    iri = token_iri(token_id)
    statements = [
        (RDF_TYPE, T.ApiToken),
        (T.secretHash, Literal(_HASHER.hash(secret))),
        (T.organisation, Literal(organisation)),
        (T.role, Literal(role.value)),
        (T.created, Literal(now.isoformat(), datatype=DATETIME)),
        (T.expires, Literal(info.expires.isoformat(), datatype=DATETIME)),
    ]
    if label:
        statements.append((T.label, Literal(label)))
    audit = new_audit_record(principal, "issue-token", organisation=organisation, comment=f"token {token_id} ({role.value})")
    store.add_quads([*(Quad(iri, p, o, ADMIN_GRAPH) for p, o in statements), *audit_quads(audit)])
    return f"{PREFIX}{token_id}_{secret}", info


def list_tokens(store: Store, organisation: str | None = None) -> list[TokenInfo]:
    tokens = [_info(row)[0] for row in store.query(_TOKENS, default_graph=[ADMIN_GRAPH])]
    return sorted((t for t in tokens if organisation is None or t.organisation == organisation), key=lambda t: t.created)


#: what a token id can be (issue_token makes 12 hex digits); anything else names no token
TOKEN_ID = re.compile(r"[0-9A-Za-z]{1,64}")


def _find(store: Store, token_id: str) -> tuple[TokenInfo, str]:
    if not TOKEN_ID.fullmatch(token_id):  # never an IRI built from arbitrary text
        raise NotFound(f"no token {token_id[:80]!r}")
    for row in store.query(_TOKENS, substitutions={Variable("token"): token_iri(token_id)}, default_graph=[ADMIN_GRAPH]):
        return _info(row)
    raise NotFound(f"no token {token_id!r}")


def revoke_token(store: Store, token_id: str, principal: Principal | None = None) -> TokenInfo:
    info, _ = _find(store, token_id)
    if info.revoked is None:
        now = datetime.now(UTC).replace(microsecond=0)
        audit = new_audit_record(principal, "revoke-token", organisation=info.organisation, comment=f"token {token_id}")
        store.add_quads([Quad(token_iri(token_id), T.revoked, Literal(now.isoformat(), datatype=DATETIME), ADMIN_GRAPH),
                         *audit_quads(audit)])
        info, _ = _find(store, token_id)
    return info


def authenticate(store: Store, token_text: str) -> Principal:
    """The principal a token stands for; Unauthenticated for anything unknown, wrong, revoked or expired."""
    refused = Unauthenticated("the API token is not valid (unknown, revoked or expired)")
    if not token_text.startswith(PREFIX) or token_text.count("_") < 2:
        raise refused
    token_id, secret = token_text[len(PREFIX):].split("_", 1)
    if not token_id.isalnum():
        raise refused
    try:
        info, hashed = _find(store, token_id)
        _HASHER.verify(hashed, secret)
    except (NotFound, VerificationError, InvalidHashError):
        raise refused from None
    if not info.active(datetime.now(UTC)):
        raise refused
    return Principal(subject=info.iri, organisation=info.organisation, role=info.role)
