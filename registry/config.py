"""Settings from `EDUVOC_*` environment variables, with defaults that work on a laptop."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MEMORY = ":memory:"


class Settings(BaseSettings):
    """Runtime configuration; tests build one explicitly instead of setting the environment."""

    model_config = SettingsConfigDict(env_prefix="EDUVOC_", frozen=True)

    store: str = Field("./var/store", description=f"store directory, or {MEMORY!r} for an in-memory store")
    search_index: str = Field("", description=f"search index directory (default: the store's, plus '-search'; {MEMORY!r} with an in-memory store)")
    host: str = "127.0.0.1"
    port: int = 8000
    base_iri: str = "https://w3id.org/eduvoc/"
    vocabularies_dir: Path = PROJECT_ROOT / "vocabularies"
    ontology_dir: Path = PROJECT_ROOT / "ontology"
    sparql_timeout_seconds: float = Field(10.0, gt=0)
    sparql_result_cap: int = Field(10_000, gt=0)
    upload_max_bytes: int = Field(50_000_000, gt=0, description="largest vocabulary upload accepted (413 above)")
    public_url: str = Field("", description="this registry's public base URL for links in feeds; default: from the request")
    sparql_max_concurrent: int = Field(4, gt=0, description="queries evaluated at once; more are refused with 503")
    contact_email: str = Field("", description="where people report a problem with a concept when its vocabulary names no contact")

    @model_validator(mode="after")
    def _search_index_beside_the_store(self) -> "Settings":
        """Default the search index to `<store>-search` (in memory with an in-memory store)."""
        if not self.search_index:
            default = MEMORY if self.store == MEMORY else self.store.rstrip("/\\") + "-search"
            object.__setattr__(self, "search_index", default)  # frozen: set once, while validating
        return self

    @property
    def in_memory(self) -> bool:
        return self.store == MEMORY
