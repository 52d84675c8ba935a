"""FastAPI dependencies, each named once.

The getters of app state are `async def`: FastAPI runs a plain `def` dependency in its thread
pool, a hop that costs more than the rest of a small request.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from registry.auth import Principal
from registry.browse import BrowseCache
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.errors import Unauthenticated
from registry.query_runner import QueryRunner
from registry.search import SearchIndex
from registry.store import Store
from registry.tokens import authenticate


async def _store(request: Request) -> Store:
    return request.app.state.store


async def _catalogue(request: Request) -> Catalogue:
    return request.app.state.catalogue


async def _settings(request: Request) -> Settings:
    return request.app.state.settings


async def _query_runner(request: Request) -> QueryRunner:
    return request.app.state.query_runner


async def _search_index(request: Request) -> SearchIndex:
    return request.app.state.search_index


#: request.state attribute holding the principal when api.write_auth decided it before the body
PRINCIPAL_STATE = "principal"


async def _browse(request: Request) -> BrowseCache:
    return request.app.state.browse


def _principal(request: Request) -> Principal | None:
    """Whoever the request acts for: a valid `Authorization: Bearer <token>`, or anonymous."""
    decided = getattr(request.state, PRINCIPAL_STATE, None)
    if decided is not None:
        return decided
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("use `Authorization: Bearer <token>`")
    return authenticate(request.app.state.store, token.strip())


StoreDep = Annotated[Store, Depends(_store)]
PrincipalDep = Annotated[Principal | None, Depends(_principal)]
CatalogueDep = Annotated[Catalogue, Depends(_catalogue)]
SettingsDep = Annotated[Settings, Depends(_settings)]
QueryRunnerDep = Annotated[QueryRunner, Depends(_query_runner)]
SearchIndexDep = Annotated[SearchIndex, Depends(_search_index)]
BrowseDep = Annotated[BrowseCache, Depends(_browse)]
