"""The application factory: settings in, app out. Tests build apps with their own settings."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles

import registry
from api.body_limits import BodyLimits
from api.openapi_contract import install_contract
from api.problems import install_problem_handlers
from api.routers import (
    admin,
    api_docs,
    browse_pages,
    concepts,
    crosswalk,
    dataset_pages,
    drafts,
    editor,
    editor_admin,
    editor_concepts,
    editor_datasets,
    gaps,
    hierarchy,
    mapping_pages,
    mappings,
    pages,
    reconcile,
    releases,
    resolve,
    sparql,
    sparql_page,
    suggestions,
    validate,
    vocabularies,
)
from api.routers import datasets as datasets_router
from api.routers import search as search_router
from api.security_headers import SecurityHeaders
from api.write_auth import WriteAuthentication
from registry.browse import BrowseCache
from registry.catalogue import Catalogue
from registry.config import Settings
from registry.oxigraph_store import open_store
from registry.quality import check_vocabulary
from registry.query_runner import QueryRunner
from registry.search import SearchIndex, sync_search_index
from registry.sparql import QueryLimits
from registry.store import Store

STATIC_DIR = Path(__file__).parent / "static"


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """Build the API over `store` (opened from `settings.store` when not given)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owns_store = store is None
        app.state.store = store if store is not None else open_store(settings.store)
        app.state.catalogue = Catalogue(app.state.store)
        app.state.settings = settings
        app.state.search_index = SearchIndex.open(settings.search_index)  # in memory with an in-memory store
        sync_search_index(app.state.store, app.state.catalogue, app.state.search_index)
        app.state.catalogue.subscribe(lambda: sync_search_index(app.state.store, app.state.catalogue, app.state.search_index))
        limits = QueryLimits(settings.sparql_timeout_seconds, settings.sparql_result_cap)
        app.state.quality_check = check_vocabulary
        app.state.catalogue.sync_union()  # in step at start, whatever happened before
        app.state.query_runner = QueryRunner(app.state.store, app.state.catalogue, limits, settings.sparql_max_concurrent, settings.base_iri + "sparql")
        app.state.browse = BrowseCache(app.state.store)  # browse pages from data prepared per release
        if not settings.in_memory:  # a real registry prepares its releases now, not at a reader's request
            app.state.browse.warm_in_background(app.state.catalogue)
            app.state.catalogue.subscribe(lambda: app.state.browse.warm_in_background(app.state.catalogue))
        yield
        app.state.query_runner.close()
        if owns_store:
            app.state.store.close()

    app = FastAPI(
        title="eduvoc",
        version=registry.__version__,
        summary="Open registry of the shared vocabularies (waardenlijsten) of Dutch education",
        lifespan=lifespan,
        docs_url=None,  # /docs and /redoc: api.routers.api_docs, from assets that ship with the project
        redoc_url=None,
    )
    install_problem_handlers(app)
    # Routes are matched in order, one by one: the two hot paths (concept lookup, SPARQL) first.
    app.include_router(concepts.router)
    app.include_router(sparql.router)
    app.include_router(sparql_page.router)
    app.include_router(api_docs.router)
    app.include_router(vocabularies.router)
    app.include_router(hierarchy.router)
    app.include_router(search_router.router)
    app.include_router(admin.router)
    app.include_router(drafts.router)
    app.include_router(releases.router)
    app.include_router(pages.router)
    app.include_router(browse_pages.router)
    app.include_router(editor.router)
    app.include_router(editor_concepts.router)
    app.include_router(editor_admin.router)
    app.include_router(editor_datasets.router)
    app.include_router(datasets_router.router)
    app.include_router(dataset_pages.router)
    app.include_router(suggestions.router)
    app.include_router(suggestions.pages)
    app.include_router(suggestions.editor)
    app.include_router(crosswalk.router)
    app.include_router(gaps.router)
    app.include_router(gaps.pages)
    app.include_router(reconcile.router)
    app.include_router(mappings.router)
    app.include_router(mapping_pages.pages)
    app.include_router(mapping_pages.editor)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(resolve.router)
    app.include_router(validate.router)
    install_contract(app)  # every status code and content type in the OpenAPI
    app.add_middleware(BodyLimits, upload_max_bytes=settings.upload_max_bytes)
    app.add_middleware(WriteAuthentication)  # outside BodyLimits: 401 before a write's body is read
    app.add_middleware(SecurityHeaders)  # CSP, nosniff, referrer policy, frame protection on every response
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
        allow_headers=["Accept", "Content-Type", "If-None-Match", "If-Modified-Since"],
        expose_headers=["ETag", "Last-Modified", "X-Result-Cap", "Location"],
    )
    return app
