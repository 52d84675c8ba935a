"""The labour-market story with Dutch input: for the installation and process technicians of the hydrogen
economy, which essential skills does no offered MBO qualification reach? Runs over the bundled registry
(every vocabulary and the bundled mapping sets, as `eduvoc serve` loads them at first start)."""

from __future__ import annotations

import csv

from rdflib import Namespace, URIRef

ESCO = Namespace("http://data.europa.eu/esco/model#")
SECTOR = ["procesoperator", "installatiemonteur", "gasmonteur", "operator luchtscheidingsinstallatie", "lasser"]
STORY = {"occupations": SECTOR, "offer_vocabulary": "mbo-kwalificaties", "max_hops": 2}


def test_dutch_occupation_names_become_their_essential_skills(client, bundled_vocabulary):
    body = client.post("/api/gaps", json=STORY).json()
    occupations = {o["given"]: o for o in body["occupations"]}
    assert list(occupations) == SECTOR
    graph = bundled_vocabulary("esco-occupations")
    expected: set[str] = set()
    for item in body["occupations"]:
        if item["occupation"]:
            skills = {str(s) for s in graph.objects(URIRef(item["occupation"]), ESCO.relatedEssentialSkill)}
            assert item["essential_skills"] == len(skills) > 0
            expected |= skills
    assert occupations["gasmonteur"]["occupation_label"] == "gasmonteur"
    assert sum(1 for o in body["occupations"] if o["occupation"]) >= 4
    assert {item["skill"] for item in body["items"]} == expected
    assert body["total"] == len(expected)


def test_skills_are_reached_through_reviewed_qualification_mappings_and_gaps_remain(client, sources_dir):
    body = client.post("/api/gaps", json=STORY).json()
    counts = body["counts"]
    assert counts["mapping"] > 0 and counts["uncovered"] > 0  # some skills reached, the gaps named
    assert body["covered"] + counts["uncovered"] == body["total"]
    with (sources_dir / "eduvoc" / "mbo-esco-occupations-review.tsv").open(encoding="utf-8") as handle:
        accepted = {row["crebo"] for row in csv.DictReader(handle, delimiter="\t") if row["decision"] == "accepted"}
    for item in body["items"]:
        if item["status"] != "mapping":
            continue
        for path in item["paths"]:
            qualification = path["steps"][-1]["target"]
            assert qualification.rsplit("-", 1)[1] in accepted  # only hand-accepted mappings count
            assert [step["predicate"].rsplit("#", 1)[1] for step in path["steps"]] == ["relatedMatch", "relatedMatch"]


def test_the_gap_page_tells_the_story_in_dutch(client):
    response = client.get("/gaps", params={"occupations": "\n".join(SECTOR), "offer": "mbo-kwalificaties", "max_hops": 2})
    assert response.status_code == 200
    assert "data-occupations" in response.text and "gasmonteur" in response.text
    assert 'data-status="uncovered"' in response.text and "niet gedekt" in response.text
    assert "<svg" in response.text


def test_unknown_occupations_only_is_a_400(client):
    response = client.post("/api/gaps", json={"occupations": ["xyzzy qwertyuiop"], "offer_vocabulary": "mbo-kwalificaties"})
    assert response.status_code == 400
    assert "occupations" in response.text


def test_bundled_mapping_sets_keep_their_review_status(client, sources_dir):
    sets = {s["id"]: s for s in client.get("/api/mapping-sets").json()["data"]}
    assert {"mbo-esco-occupations", "esco-occupation-essential-skills", "learning-outcomes-esco"} <= set(sets)
    with (sources_dir / "eduvoc" / "mbo-esco-occupations-review.tsv").open(encoding="utf-8") as handle:
        review = list(csv.DictReader(handle, delimiter="\t"))
    counts = sets["mbo-esco-occupations"]["counts"]
    assert counts["accepted"] == sum(1 for r in review if r["decision"] == "accepted")
    assert counts["rejected"] == sum(1 for r in review if r["decision"] == "rejected")
    assert counts["proposed"] > 0
