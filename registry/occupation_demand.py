"""Demand given as occupations: each occupation (an IRI, or a label reconciled against an occupation
vocabulary such as esco-occupations, Dutch labels included) stands for its essential skills
(`esco:relatedEssentialSkill`, as ESCO relates them). The gap analysis (`registry.gaps`) then asks
which of those skills an offer reaches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pyoxigraph import NamedNode

from registry.catalogue import Catalogue
from registry.errors import InvalidInput
from registry.gaps import Demand
from registry.reconciliation import ReconciliationQuery, reconcile
from registry.search import SearchIndex
from registry.store import Store

ESSENTIAL_SKILL = "http://data.europa.eu/esco/model#relatedEssentialSkill"
MAX_OCCUPATIONS = 100
#: a label's best candidate counts from this reconciliation score on, even when it is not a sure match: a
#: user typing "procesoperator" means the closest occupation, and the report names the one it became
MIN_SCORE = 90.0


@dataclass(frozen=True)
class OccupationDemand:
    occupation: Demand  # as given, with the occupation it was reconciled to (iri None: no confident match)
    skills: tuple[str, ...]  # its essential skills, in IRI order


def essential_skills(store: Store, catalogue: Catalogue, occupations: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Occupation IRI -> its essential skills, read from the current releases."""
    if not occupations:
        return {}
    values = " ".join(str(NamedNode(iri)) for iri in occupations)
    query = f"SELECT ?o ?s WHERE {{ VALUES ?o {{ {values} }} ?o <{ESSENTIAL_SKILL}> ?s }}"
    found: dict[str, set[str]] = {iri: set() for iri in occupations}
    for row in store.query(query, default_graph=list(catalogue.query_graphs())):
        found[row["o"].value].add(row["s"].value)
    return {iri: tuple(sorted(skills)) for iri, skills in found.items()}


def expand_occupations(store: Store, catalogue: Catalogue, index: SearchIndex, given: Sequence[str],
                       vocabulary: str | None) -> list[OccupationDemand]:
    """Each given occupation reconciled (labels) and expanded to its essential skills."""
    if len(given) > MAX_OCCUPATIONS:
        raise InvalidInput(f"at most {MAX_OCCUPATIONS} occupations", location="occupations")
    if vocabulary and vocabulary not in {r.slug for r in catalogue.vocabularies()}:
        raise InvalidInput(f"no vocabulary {vocabulary!r} is registered", location="occupation_vocabulary")
    texts = [text.strip() for text in given]
    for i, text in enumerate(texts):
        if not any(c.isalnum() for c in text):
            raise InvalidInput(f"occupation {i + 1} is empty", location=f"occupations[{i}]")
    types = (vocabulary,) if vocabulary else ()
    queries = {f"o{i}": ReconciliationQuery(text, types, 3) for i, text in enumerate(texts) if not text.startswith(("http://", "https://"))}
    answers = reconcile(store, catalogue, index, queries) if queries else {}
    resolved = []
    for i, text in enumerate(texts):
        if f"o{i}" not in queries:
            resolved.append(Demand(text, text))
            continue
        best = next(iter(answers.get(f"o{i}", [])), None)
        taken = best is not None and (best.match or best.score >= MIN_SCORE)
        resolved.append(Demand(text, best.id if taken and best is not None else None, best.score if best else None))
    skills = essential_skills(store, catalogue, sorted({d.iri for d in resolved if d.iri}))
    return [OccupationDemand(d, skills.get(d.iri, ()) if d.iri else ()) for d in resolved]


def skill_demand(occupations: Sequence[OccupationDemand]) -> list[str]:
    """The distinct essential skills of the occupations, in the order they first appear."""
    return list(dict.fromkeys(skill for occupation in occupations for skill in occupation.skills))
