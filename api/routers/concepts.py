"""One concept by IRI (`?uri=`), for IRIs inside and outside the eduvoc base alike."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CatalogueDep, StoreDep
from api.models import ConceptPublic
from registry.concepts import get_concept, parse_iri

router = APIRouter(prefix="/api/concepts", tags=["concepts"])


@router.get("", response_model=ConceptPublic, summary="A concept by its IRI, with labels, notes, links and mappings")
def concept_by_uri(
    uri: Annotated[str, Query(description="the concept's IRI", min_length=1, max_length=2048)],
    store: StoreDep,
    catalogue: CatalogueDep,
) -> ConceptPublic:
    return ConceptPublic.of(get_concept(store, catalogue, parse_iri(uri)))
