"""FastAPI dependencies, each named once."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from registry.catalogue import Catalogue
from registry.config import Settings
from registry.query_runner import QueryRunner
from registry.store import Store


def _store(request: Request) -> Store:
    return request.app.state.store


def _catalogue(request: Request) -> Catalogue:
    return request.app.state.catalogue


def _settings(request: Request) -> Settings:
    return request.app.state.settings


def _query_runner(request: Request) -> QueryRunner:
    return request.app.state.query_runner


StoreDep = Annotated[Store, Depends(_store)]
CatalogueDep = Annotated[Catalogue, Depends(_catalogue)]
SettingsDep = Annotated[Settings, Depends(_settings)]
QueryRunnerDep = Annotated[QueryRunner, Depends(_query_runner)]
