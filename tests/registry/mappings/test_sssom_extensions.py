"""SSSOM extension slots (issue #14; https://mapping-commons.github.io/sssom/spec-model/#non-standard-slots):
slots declared in the metadata block's `extension_definitions` are accepted, kept and exported
again (export → import → export is byte-identical); an undeclared non-SSSOM column is refused with
the slot named. The files are the curated werkvormen → xAPI mappings (tests/mapping_files.py)."""

from __future__ import annotations

import io

import pytest
from sssom.parsers import parse_sssom_table

from registry.errors import InvalidInput
from registry.mappings import service, transfer
from tests.mapping_files import curated_mappings, curated_sssom
from tests.registry.mappings.conftest import OWNER

EX = "https://example.org/sssom-extension/"
DECLARATIONS = (f"#   ex: {EX}\n"
                "#   xsd: http://www.w3.org/2001/XMLSchema#\n"
                "# extension_definitions:\n"
                "#   - slot_name: match_weight\n"
                "#     property: ex:matchWeight\n"
                "#     type_hint: xsd:double\n"
                "#   - slot_name: source_row\n"
                "#     property: ex:sourceRow\n")


def with_columns(data: bytes, columns: dict[str, list[str]], declarations: str = DECLARATIONS) -> bytes:
    """The curated SSSOM file with extra columns (values per row) and extra metadata lines (the
    first declaration line extends the curie_map, so it goes right after it)."""
    lines = data.decode("utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    curie_map_end = max(i for i, line in enumerate(lines[:header]) if line.startswith("#   "))
    meta = lines[:curie_map_end + 1] + declarations.rstrip("\n").splitlines() + lines[curie_map_end + 1:header]
    rows = [line + "".join(f"\t{values[n - 1]}" if n else f"\t{name}" for name, values in columns.items()) for n, line in enumerate(lines[header:])]
    return ("\n".join(meta + rows) + "\n").encode("utf-8")


def extended_file() -> tuple[bytes, int]:
    n = len(curated_mappings("xapi-activity-types"))
    weights = [f"0.{i % 9 + 1}" for i in range(n)]
    rows = [f"regel {i + 2}" if i % 2 else "" for i in range(n)]
    return with_columns(curated_sssom("xapi-activity-types"), {"match_weight": weights, "source_row": rows}), n


def test_declared_extension_slots_are_kept_and_exported_again(registry, xapi_set):
    store, catalogue = registry
    data, n = extended_file()
    report = transfer.import_sssom(store, catalogue, xapi_set, data, OWNER)
    assert report.mappings == n and report.ignored_columns == []
    mapping_set = service.get_mapping_set(store, catalogue, xapi_set)
    assert [(s.slot_name, s.property, s.type_hint) for s in mapping_set.extensions] == [
        ("match_weight", EX + "matchWeight", "http://www.w3.org/2001/XMLSchema#double"), ("source_row", EX + "sourceRow", None)]
    kept = {m.subject: dict(m.extensions) for m in service.list_mappings(store, xapi_set)}
    assert sorted(v["match_weight"] for v in kept.values()) == sorted(f"0.{i % 9 + 1}" for i in range(n))
    assert sum("source_row" in v for v in kept.values()) == n // 2

    first = transfer.export_set(store, catalogue, xapi_set, "sssom")
    text = first.decode("utf-8")
    assert "slot_name: match_weight" in text and "slot_name: source_row" in text
    assert "\tmatch_weight\tsource_row" in text.splitlines()[next(i for i, l in enumerate(text.splitlines()) if not l.startswith("#"))]
    transfer.import_sssom(store, catalogue, xapi_set, first, OWNER)
    assert transfer.export_set(store, catalogue, xapi_set, "sssom") == first
    parsed = parse_sssom_table(io.StringIO(text))  # the reference implementation reads it
    assert len(parsed.df) == n


def test_an_undeclared_slot_is_refused_with_its_name(registry, xapi_set):
    store, catalogue = registry
    n = len(curated_mappings("xapi-activity-types"))
    data = with_columns(curated_sssom("xapi-activity-types"), {"my_weight": ["1"] * n}, declarations="")
    with pytest.raises(InvalidInput) as refused:
        transfer.import_sssom(store, catalogue, xapi_set, data, OWNER)
    assert "'my_weight'" in refused.value.message and refused.value.location.endswith(":my_weight")
    assert service.list_mappings(store, xapi_set) == []


def test_a_standard_sssom_slot_the_registry_does_not_keep_is_ignored_and_said(registry, xapi_set):
    store, catalogue = registry
    n = len(curated_mappings("xapi-activity-types"))
    report = transfer.import_sssom(store, catalogue, xapi_set, with_columns(curated_sssom("xapi-activity-types"), {"subject_type": ["owl class"] * n}, ""), OWNER)
    assert report.ignored_columns == ["subject_type"]


@pytest.mark.parametrize("declaration, says", [
    ("#   - slot_name: confidence\n#     property: ex:c\n", "standard SSSOM slot"),
    ("#   - slot_name: weight\n#     property: https://w3id.org/sssom/confidence\n", "namespace the mapping model uses"),
    ("#   - slot_name: status\n#     property: ex:status\n", "eduvoc's own slot"),
    ("#   - slot_name: 2bad\n#     property: ex:x\n", "not a slot name"),
    ("#   - slot_name: weight\n", "needs slot_name and property"),
    ("#   - slot_name: weight\n#     property: nope:x\n", "not in the curie_map"),
])
def test_bad_declarations_are_refused(registry, xapi_set, declaration, says):
    store, catalogue = registry
    data = with_columns(curated_sssom("xapi-activity-types"), {}, f"#   ex: {EX}\n# extension_definitions:\n" + declaration)
    with pytest.raises(InvalidInput) as refused:
        transfer.import_sssom(store, catalogue, xapi_set, data, OWNER)
    assert says in refused.value.message and "extension_definitions" in refused.value.location
