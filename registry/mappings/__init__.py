"""Mapping sets between registered vocabularies: SKOS mappings with SSSOM provenance, a review
status (proposed / accepted / rejected) and comments, stored as RDF (see docs/mappings.md).

Kept free of imports so `registry.catalogue` can read `registry.mappings.layout` without a cycle.
"""
