"""Registered vocabularies: the list with counts, and one vocabulary's metadata."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import CatalogueDep
from api.models import VocabularyList, VocabularyPublic

router = APIRouter(prefix="/api/vocabularies", tags=["vocabularies"])


@router.get("", response_model=VocabularyList, summary="All registered vocabularies with their counts")
def list_vocabularies(catalogue: CatalogueDep) -> VocabularyList:
    data = [VocabularyPublic.of(record) for record in catalogue.vocabularies()]
    return VocabularyList(data=data, count=len(data))


@router.get("/{vocabulary_id}", response_model=VocabularyPublic, summary="One vocabulary's metadata")
def get_vocabulary(vocabulary_id: str, catalogue: CatalogueDep) -> VocabularyPublic:
    return VocabularyPublic.of(catalogue.vocabulary(vocabulary_id))
