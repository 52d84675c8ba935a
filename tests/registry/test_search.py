"""Full-text search and autocomplete over the real bundled vocabularies: normalisation, ranking,
filters, label fallback, and an index that stays in step with the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, RDF, SKOS, Literal, URIRef

from registry.errors import InvalidInput
from registry.formats import format_named
from registry.loading import register_vocabulary
from registry.search import Label, Match, SearchFilter, SearchIndex, search_filter, sync_search_index
from registry.search.results import display_label
from registry.search.text import normalise
from tests.conftest import VOCABULARIES_DIR

TURTLE = format_named("turtle")
KERNDOELEN = VOCABULARIES_DIR / "slo-kerndoelen.ttl"
ESCO_SKILL = "http://data.europa.eu/esco/model#Skill"
SLO_LISTS = ("slo-kerndoelen", "slo-vakleergebieden", "slo-fo-kerndoelen")


@pytest.fixture(scope="module")
def index(bundled_registry) -> SearchIndex:
    """An in-memory index of every bundled vocabulary, built the way the app builds it."""
    store, catalogue = bundled_registry
    search_index = SearchIndex(None)
    report = sync_search_index(store, catalogue, search_index)
    assert set(report.indexed) == {record.slug for record in catalogue.vocabularies()}
    return search_index


def only(*vocabularies: str, **kwargs) -> SearchFilter:
    return SearchFilter(vocabularies=vocabularies, **kwargs)


def pref_labels(graph, language: str = "nl") -> dict[URIRef, str]:
    """prefLabels in `language` of the concepts that are not deprecated."""
    deprecated = set(graph.subjects(OWL.deprecated, Literal(True)))
    return {s: str(o) for s, o in graph.subject_objects(SKOS.prefLabel) if o.language == language and s not in deprecated}


# --- normalisation: case and diacritics ---------------------------------------------------------


def test_normalise_folds_case_and_strips_diacritics_and_punctuation():
    assert normalise("Kunstzinnige Oriëntatie") == "kunstzinnige orientatie"
    assert normalise("één") == "een"
    assert normalise("  VO-Kerndoel_31 ") == "vo kerndoel 31"
    assert normalise("Straße") == "strasse"


def test_plain_letters_find_a_label_with_diacritics(index, bundled_vocabulary):
    expected = {str(s) for s, label in pref_labels(bundled_vocabulary("slo-kerndoelen")).items() if label == "Kunstzinnige oriëntatie"}
    assert expected, "the kerndoelen have a concept labelled 'Kunstzinnige oriëntatie'"
    hits = index.search("kunstzinnige orientatie", only("slo-kerndoelen"), limit=50).hits
    assert expected <= {hit.iri for hit in hits if hit.match is Match.EXACT}
    assert hits[0].matched_label == "Kunstzinnige oriëntatie"


def test_een_finds_een_with_accents_inside_a_long_label(index, bundled_vocabulary):
    wanted = {
        str(s)
        for s, label in pref_labels(bundled_vocabulary("slo-doelen")).items()
        if "aarde één groot natuurlijk systeem" in label
    }
    assert wanted
    hits = index.search("aarde een groot natuurlijk", only("slo-doelen"), limit=50).hits
    assert wanted <= {hit.iri for hit in hits}
    assert all("één groot natuurlijk" in hit.matched_label for hit in hits if hit.iri in wanted)


def test_geisoleerde_finds_geïsoleerde(index):
    hits = index.autocomplete("geisoleerde", only("slo-doelen"), limit=20)
    assert hits
    assert all("geïsoleerde" in hit.matched_label.lower() for hit in hits)


def test_case_and_accents_in_the_query_do_not_matter(index):
    def iris(text: str) -> list[str]:
        return [hit.iri for hit in index.search(text, only(*SLO_LISTS), limit=20).hits]

    assert iris("kunstzinnige orientatie") == iris("KUNSTZINNIGE ORIËNTATIE") == iris("Kunstzinnige Oriëntatie")


# --- ranking: exact > prefix > word prefix > fuzzy ---------------------------------------------


def test_ranking_is_exact_then_prefix_then_word_prefix(index):
    hits = index.search("engels", only(*SLO_LISTS), limit=50).hits
    kinds = [hit.match for hit in hits]
    assert kinds == sorted(kinds)
    assert {Match.EXACT, Match.PREFIX, Match.WORD_PREFIX} <= set(kinds)
    assert all(hit.matched_label.lower() == "engels" for hit in hits if hit.match is Match.EXACT)
    assert all(normalise(hit.matched_label).startswith("engels ") for hit in hits if hit.match is Match.PREFIX)
    for hit in hits:
        if hit.match is Match.WORD_PREFIX:
            words = normalise(hit.matched_label).split()
            assert "engels" not in words[:1] and any(word.startswith("engels") for word in words[1:])


def test_shorter_labels_rank_first_among_prefix_matches(index):
    hits = index.search("taal", only(*SLO_LISTS), limit=50).hits
    lengths = [len(normalise(hit.matched_label)) for hit in hits if hit.match is Match.PREFIX and hit.matched_property == "prefLabel"]
    assert len(lengths) > 3
    assert lengths == sorted(lengths)


def test_a_misspelling_is_found_fuzzily_after_every_better_match(index):
    hits = index.search("egnels", only(*SLO_LISTS), limit=20).hits  # a transposition
    assert hits and all(hit.match is Match.FUZZY for hit in hits)
    assert any(hit.matched_label == "Engels" for hit in hits)


def test_autocomplete_cuts_a_common_prefix_to_the_limit(index):
    hits = index.autocomplete("s", limit=7)
    assert len(hits) == 7
    assert len({hit.iri for hit in hits}) == 7
    assert all(normalise(hit.matched_label).split()[0].startswith("s") or hit.match is not Match.PREFIX for hit in hits)


def test_a_query_longer_than_one_prefix_term_still_matches_by_prefix_and_by_phrase(index):
    start = index.search("inzichtelijk maken dat de aarde", only("slo-doelen"), limit=5).hits
    assert start and start[0].match is Match.PREFIX
    assert normalise(start[0].matched_label).startswith("inzichtelijk maken dat de aarde")
    middle = index.search("de aarde een groot natuurlijk systeem", only("slo-doelen"), limit=5).hits
    assert middle and middle[0].match is Match.WORD_PREFIX
    assert "de aarde één groot natuurlijk systeem" in middle[0].matched_label


# --- notations ----------------------------------------------------------------------------------


def test_a_notation_is_found_exactly(index, bundled_vocabulary):
    graph = bundled_vocabulary("slo-kerndoelen")
    expected = {str(s) for s in graph.subjects(SKOS.notation, Literal("VO Kerndoel 31")) if (s, OWL.deprecated, Literal(True)) not in graph}
    assert expected
    hits = index.search("VO Kerndoel 31", limit=10).hits
    exact = [hit for hit in hits if hit.match is Match.EXACT]
    assert {hit.iri for hit in exact} == expected
    assert all(hit.matched_property == "notation" and hit.notation == "VO Kerndoel 31" for hit in exact)


def test_notation_prefixes_autocomplete(index):
    hits = index.autocomplete("vo kerndoel", limit=20)
    assert len(hits) == 20
    assert all(hit.matched_property == "notation" and hit.matched_label.startswith("VO Kerndoel ") for hit in hits)
    narrower = index.autocomplete("vo kerndoel 3", limit=20)
    assert narrower and all(hit.notation.startswith("VO Kerndoel 3") for hit in narrower)


# --- filters ------------------------------------------------------------------------------------


def test_vocabulary_filter(index):
    everywhere = index.search("engels", limit=50)
    assert {"slo-vakleergebieden", "slo-kerndoelen", "slo-fo-kerndoelen"} <= {hit.vocabulary for hit in everywhere.hits}
    two = index.search("engels", only("slo-vakleergebieden", "slo-fo-kerndoelen"), limit=50)
    assert {hit.vocabulary for hit in two.hits} == {"slo-vakleergebieden", "slo-fo-kerndoelen"}
    one = index.search("engels", only("slo-vakleergebieden"), limit=50)
    assert {hit.vocabulary for hit in one.hits} == {"slo-vakleergebieden"}
    assert one.total < two.total < everywhere.total


def test_type_filter(index, bundled_vocabulary):
    skills = {str(s) for s in bundled_vocabulary("esco-skills").subjects(RDF.type, URIRef(ESCO_SKILL))}
    hits = index.search("communicat", SearchFilter(types=(ESCO_SKILL,)), limit=50).hits
    assert hits and {hit.iri for hit in hits} <= skills
    assert all(ESCO_SKILL in hit.types for hit in hits)
    unfiltered = index.search("communicat", limit=50)
    assert unfiltered.total > index.search("communicat", SearchFilter(types=(ESCO_SKILL,))).total


def test_language_filter_keeps_labels_of_that_language_and_notations(index):
    themes = ("eu-data-theme",)
    (either,) = index.search("econom", SearchFilter(vocabularies=themes), limit=10).hits  # one concept, by its best label
    assert either.matched_label in ("Economy and finance", "Economie en financiën")
    english = index.search("econom", SearchFilter(vocabularies=themes, language="en"), limit=10).hits
    assert [hit.matched_label for hit in english] == ["Economy and finance"]
    dutch = index.search("econom", SearchFilter(vocabularies=themes, language="nl"), limit=10).hits
    assert [hit.matched_label for hit in dutch] == ["Economie en financiën"]
    notations = index.search("VO Kerndoel 31", SearchFilter(language="en"), limit=5).hits
    assert notations and notations[0].matched_property == "notation"
    assert all(hit.matched_language in ("en", None) for hit in index.search("language", SearchFilter(language="en"), limit=50).hits)


def test_deprecated_concepts_are_left_out_unless_asked_for(index, bundled_vocabulary):
    graph = bundled_vocabulary("slo-kerndoelen")
    deprecated = {s for s in graph.subjects(OWL.deprecated, Literal(True))}
    label = "Schriftelijk taalonderwijs"
    wanted = {str(s) for s in deprecated if (s, SKOS.prefLabel, Literal(label, lang="nl")) in graph}
    assert wanted, "a real deprecated kerndoel"
    default = index.search(label, only("slo-kerndoelen"), limit=50)
    assert not wanted & {hit.iri for hit in default.hits}
    assert not any(hit.deprecated for hit in default.hits)
    included = index.search(label, only("slo-kerndoelen", include_deprecated=True), limit=50)
    assert wanted <= {hit.iri for hit in included.hits if hit.deprecated}
    assert included.total > default.total


# --- what a hit shows ---------------------------------------------------------------------------


def test_label_falls_back_from_the_asked_language_to_dutch(index):
    hit = index.search("VO Kerndoel 31", SearchFilter(language="en"), limit=1).hits[0]
    assert hit.matched_property == "notation"
    assert (hit.label, hit.label_language) == ("Processen in de natuur", "nl")


def test_label_is_shown_in_the_asked_language_when_there_is_one(index, bundled_vocabulary):
    graph = bundled_vocabulary("eu-data-theme")
    english, dutch = pref_labels(graph, "en"), pref_labels(graph, "nl")
    iri = next(s for s in english if english[s] == "Economy and finance")
    assert dutch[iri] == "Economie en financiën"

    def shown(text: str, language: str | None) -> tuple[str | None, str | None]:
        hits = index.search(text, SearchFilter(vocabularies=("eu-data-theme",), language=language), limit=5).hits
        hit = next(h for h in hits if h.iri == str(iri))
        return hit.label, hit.label_language

    assert shown("economy and finance", None) == ("Economie en financiën", "nl")  # nothing asked: Dutch
    assert shown("economy and finance", "en") == ("Economy and finance", "en")
    assert shown("economie en financien", "nl") == ("Economie en financiën", "nl")


def test_display_label_fallback_order():
    labels = [Label("altLabel", "Alt", "de"), Label("prefLabel", "Bonjour", "fr"), Label("prefLabel", "Hello", "en-GB")]
    assert display_label(labels, "fr").text == "Bonjour"
    assert display_label(labels, "en").text == "Hello"  # en matches en-GB
    assert display_label(labels, "de").text == "Hello"  # no German prefLabel: nl, then en
    assert display_label([Label("prefLabel", "Bonjour", "fr")], "de").text == "Bonjour"  # any
    assert display_label([Label("altLabel", "Alt", "de"), Label("notation", "1")], None).text == "Alt"


def test_page_has_a_total_and_pages_do_not_overlap(index):
    first = index.search("taal", limit=10)
    second = index.search("taal", offset=10, limit=10)
    both = index.search("taal", limit=20)
    assert first.total == both.total > 20 and first.total_exact
    assert [h.iri for h in first.hits + second.hits] == [h.iri for h in both.hits]


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "location"),
    [
        (lambda index, catalogue: index.search("?!"), "q"),
        (lambda index, catalogue: index.search("a" * 201), "q"),
        (lambda index, catalogue: index.search("taal", limit=0), "limit"),
        (lambda index, catalogue: index.search("taal", offset=-1), "offset"),
        (lambda index, catalogue: index.search("taal", offset=995, limit=10), "offset"),
        (lambda index, catalogue: search_filter(catalogue, vocabularies=["no-such-list"]), "vocabulary"),
        (lambda index, catalogue: search_filter(catalogue, types=["not an iri"]), "type"),
        (lambda index, catalogue: search_filter(catalogue, language="nl nl"), "lang"),
    ],
)
def test_bad_input_is_refused_naming_the_parameter(index, bundled_registry, call, location):
    with pytest.raises(InvalidInput) as raised:
        call(index, bundled_registry[1])
    assert raised.value.location == location


# --- in step with the store ---------------------------------------------------------------------


def with_extra_alt_label(tmp_path: Path, concept: str, label: str) -> Path:
    """The real kerndoelen file with one extra altLabel on `concept`."""
    changed = tmp_path / KERNDOELEN.name
    changed.write_text(
        KERNDOELEN.read_text(encoding="utf-8") + f'\n<{concept}> <http://www.w3.org/2004/02/skos/core#altLabel> "{label}"@nl .\n',
        encoding="utf-8",
    )
    return changed


@pytest.fixture
def live(empty_registry):
    """A registry whose search index follows every load, as the app wires it."""
    store, catalogue = empty_registry
    search_index = SearchIndex(None)
    catalogue.subscribe(lambda: sync_search_index(store, catalogue, search_index))
    register_vocabulary(store, catalogue, KERNDOELEN, TURTLE, slug="slo-kerndoelen", source_name=KERNDOELEN.name)
    return store, catalogue, search_index


def test_reloading_a_vocabulary_reindexes_it_and_drops_the_old_version(live, tmp_path):
    store, catalogue, search_index = live
    first_graph = catalogue.vocabulary("slo-kerndoelen").graph
    assert search_index.indexed_versions() == {"slo-kerndoelen": first_graph}
    (target,) = [hit for hit in search_index.search("VO Kerndoel 31").hits if hit.match is Match.EXACT]
    assert not search_index.search("Natuurprocessenkerndoel").hits

    changed = with_extra_alt_label(tmp_path, target.iri, "Natuurprocessenkerndoel")
    register_vocabulary(store, catalogue, changed, TURTLE, slug="slo-kerndoelen", source_name=changed.name)

    second_graph = catalogue.vocabulary("slo-kerndoelen").graph
    assert second_graph != first_graph
    assert search_index.indexed_versions() == {"slo-kerndoelen": second_graph}
    (found,) = search_index.search("natuurprocessenkerndoel").hits
    assert (found.iri, found.matched_property, found.match) == (target.iri, "altLabel", Match.EXACT)
    again = [hit.iri for hit in search_index.search("VO Kerndoel 31").hits if hit.match is Match.EXACT]
    assert again == [target.iri]  # once: the first version's documents are gone


def test_sync_rebuilds_a_vocabulary_indexed_from_an_older_graph_and_drops_unregistered_ones(live):
    store, catalogue, search_index = live
    current = catalogue.vocabulary("slo-kerndoelen").graph
    search_index.index_vocabulary("slo-kerndoelen", current + "-older", [])  # as if a load had not been indexed
    search_index.index_vocabulary("gone", "https://example.org/graph/gone", [])
    assert not search_index.search("VO Kerndoel 31").hits

    report = sync_search_index(store, catalogue, search_index)

    assert list(report.indexed) == ["slo-kerndoelen"] and report.removed == ["gone"]
    assert search_index.indexed_versions() == {"slo-kerndoelen": current}
    assert search_index.search("VO Kerndoel 31").hits
    assert sync_search_index(store, catalogue, search_index).indexed == {}


def test_an_index_on_disk_survives_reopening(live, tmp_path):
    store, catalogue, _ = live
    on_disk = SearchIndex(tmp_path / "search")
    sync_search_index(store, catalogue, on_disk)
    reopened = SearchIndex(tmp_path / "search")
    assert reopened.indexed_versions() == {"slo-kerndoelen": catalogue.vocabulary("slo-kerndoelen").graph}
    assert sync_search_index(store, catalogue, reopened).indexed == {}
    assert reopened.autocomplete("processen in de", limit=3)
