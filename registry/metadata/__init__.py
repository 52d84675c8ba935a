"""Metadata validation (issue #5): dataset descriptions and learning records against profiles.

    validate_metadata(store, catalogue, data, media_type, profile="dataset")  -> MetadataValidation
    profiles()                                                                  -> list[Profile]

A profile is SHACL shapes (DCAT-AP, DCAT-AP-NL, eduvoc's extensions) plus registry-aware value
checks against the vocabularies the registry holds. Validation never writes to the store.
"""
