"""Organisations, API tokens and the audit trail."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from api.deps import PrincipalDep, StoreDep
from registry.audit import audit_trail, export_prov
from registry.auth import (
    Role,
    may_read_audit,
    require_admin,
    require_editor_of,
    require_principal,
)
from registry.errors import Forbidden
from registry.organisations import (
    create_organisation,
    get_organisation,
    list_organisations,
)
from registry.tokens import issue_token, list_tokens, revoke_token

router = APIRouter(prefix="/api", tags=["organisations and tokens"])


class OrganisationCreate(BaseModel):
    id: str = Field(description="short id: lower-case letters, digits and hyphens")
    name: str


class OrganisationPublic(BaseModel):
    id: str
    name: str
    uri: str


class TokenCreate(BaseModel):
    role: Role = Role.EDITOR
    valid_days: int = Field(90, ge=1, le=3660)
    label: str | None = None


class TokenPublic(BaseModel):
    id: str
    organisation: str
    role: Role
    created: str
    expires: str
    revoked: str | None
    label: str | None


class TokenIssued(TokenPublic):
    token: str = Field(description="the secret token: shown this once, store it safely")


def _token_public(info) -> dict:
    return {"id": info.id, "organisation": info.organisation, "role": info.role, "created": info.created.isoformat(),
            "expires": info.expires.isoformat(), "revoked": info.revoked.isoformat() if info.revoked else None, "label": info.label}


@router.get("/organisations", response_model=list[OrganisationPublic], summary="Registered organisations (bronhouders)")
def organisations(store: StoreDep) -> list[OrganisationPublic]:
    return [OrganisationPublic(id=o.slug, name=o.name, uri=o.iri) for o in list_organisations(store)]


@router.post("/organisations", response_model=OrganisationPublic, status_code=201, summary="Register an organisation (admin)")
def new_organisation(body: OrganisationCreate, store: StoreDep, principal: PrincipalDep) -> OrganisationPublic:
    require_admin(principal)
    created = create_organisation(store, body.id, body.name, principal)
    return OrganisationPublic(id=created.slug, name=created.name, uri=created.iri)


@router.post("/organisations/{organisation}/tokens", response_model=TokenIssued, status_code=201, summary="Issue an API token (admin)")
def new_token(organisation: str, body: TokenCreate, store: StoreDep, principal: PrincipalDep) -> TokenIssued:
    require_admin(principal)
    token, info = issue_token(store, organisation, body.role, body.valid_days, body.label, principal)
    return TokenIssued(token=token, **_token_public(info))


@router.get("/organisations/{organisation}/tokens", response_model=list[TokenPublic], summary="An organisation's tokens, without secrets")
def tokens(organisation: str, store: StoreDep, principal: PrincipalDep) -> list[TokenPublic]:
    get_organisation(store, organisation)
    require_editor_of(principal, organisation)
    return [TokenPublic(**_token_public(t)) for t in list_tokens(store, organisation)]


@router.delete("/tokens/{token_id}", response_model=TokenPublic, summary="Revoke a token (admin, or its own organisation)")
def revoke(token_id: str, store: StoreDep, principal: PrincipalDep) -> TokenPublic:
    principal = require_principal(principal)
    owned = {t.id: t for t in list_tokens(store)}
    if token_id in owned:
        require_editor_of(principal, owned[token_id].organisation)
    return TokenPublic(**_token_public(revoke_token(store, token_id, principal)))


@router.get("/audit", summary="The audit trail: every write (admins see all, editors their organisation's)")
def audit(
    store: StoreDep,
    principal: PrincipalDep,
    vocabulary: str | None = None,
    organisation: str | None = None,
    limit: Annotated[int, Query(ge=1, le=10000)] = 1000,
    format: Annotated[str, Query(pattern="^(json|prov)$", description="json, or prov for PROV-O Turtle")] = "json",
) -> Response:
    principal = require_principal(principal)
    if not principal.is_admin:
        if organisation not in (None, principal.organisation):
            raise Forbidden("editors see only their own organisation's audit trail")
        organisation = principal.organisation
    records = [r for r in audit_trail(store, organisation, vocabulary, limit) if may_read_audit(principal, r.organisation)]
    if format == "prov":
        return Response(export_prov(records), media_type="text/turtle")
    body = [{"uri": r.iri, "agent": r.agent, "when": r.when.isoformat(), "action": r.action, "organisation": r.organisation,
             "vocabulary": r.vocabulary, "graph": r.graph, "triples": r.triples, "comment": r.comment} for r in records]
    return Response(json.dumps({"data": body, "count": len(body)}), media_type="application/json")
