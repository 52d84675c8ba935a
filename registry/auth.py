"""Who may do what. A `Principal` is whoever a request acts for; today it comes from an API token
(`registry.tokens`), later possibly from an OpenID Connect provider (e.g. SURFconext) — anything
that can produce a Principal plugs in without touching the rules below."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from registry.errors import Forbidden, Unauthenticated


class Role(str, Enum):
    ADMIN = "admin"  # manages organisations and tokens, may write every vocabulary
    EDITOR = "editor"  # writes the vocabularies of its own organisation


@dataclass(frozen=True)
class Principal:
    subject: str  # IRI of the token (or, later, of the OIDC subject)
    organisation: str  # organisation slug
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def require_principal(principal: Principal | None) -> Principal:
    if principal is None:
        raise Unauthenticated("this operation needs an API token (Authorization: Bearer <token>)")
    return principal


def require_admin(principal: Principal | None) -> Principal:
    principal = require_principal(principal)
    if not principal.is_admin:
        raise Forbidden("only an administrator may do this")
    return principal


def require_editor_of(principal: Principal | None, owner: str) -> Principal:
    """The principal may write a vocabulary owned by organisation `owner`."""
    principal = require_principal(principal)
    if not principal.is_admin and principal.organisation != owner:
        raise Forbidden(f"organisation {principal.organisation!r} may not change a vocabulary owned by {owner!r}")
    return principal


def may_read_audit(principal: Principal | None, owner: str | None) -> bool:
    return principal is not None and (principal.is_admin or principal.organisation == owner)
