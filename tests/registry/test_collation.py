"""Dutch sort order that does not depend on the machine's locale."""

from __future__ import annotations

from registry.collation import initial, same_label_key, sort_key


def _ordered(*labels: str) -> list[str]:
    return sorted(labels, key=sort_key)


def test_accents_and_case_do_not_count():
    assert _ordered("Zeeland", "één", "Eén keer", "appel") == ["appel", "één", "Eén keer", "Zeeland"]


def test_numbers_sort_as_numbers():
    assert _ordered("groep 10", "groep 2", "groep 1") == ["groep 1", "groep 2", "groep 10"]


def test_punctuation_does_not_count_at_the_first_level():
    assert _ordered("(met hulp) oriënteren", "lezen", "mondeling") == ["lezen", "(met hulp) oriënteren", "mondeling"]


def test_the_index_letter_ignores_accents_and_puts_digits_under_hash():
    assert initial(sort_key("Ëxamen")) == "E"
    assert initial(sort_key("3D-printen")) == "#"
    assert initial(sort_key("Ωmega")) == "#"


def test_labels_differing_only_in_case_accent_or_spacing_are_the_same():
    assert same_label_key("Beantwoorden  van de vraag") == same_label_key("beantwoorden van de vráag")
    assert same_label_key("lezen") != same_label_key("lezen 2")
