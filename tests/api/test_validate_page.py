"""The validate page's helpers for vendors: downloadable examples, the curl command as printed,
and pasted text read in the format it is in."""

from __future__ import annotations

import html
import json
import re
import shlex

import pytest

from registry.metadata.examples import EXAMPLES
from registry.metadata.parsing import sniff_media_type
from tests.registry.metadata.records import activity


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_example_is_linked_from_the_page_and_downloads(client, lang):
    page = client.get("/validate", params={"lang": lang}).text
    for example in EXAMPLES:
        href = f"/validate/examples/{example.file_name}"
        assert href in page
        answer = client.get(href)
        assert answer.status_code == 200 and answer.headers["content-type"].startswith(example.media_type)
        assert answer.content == example.path.read_bytes()
    assert client.get("/validate/examples/..%2Fservice.py").status_code == 404


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_curl_commands_on_the_page_work_as_printed(client, lang):
    page = client.get("/validate", params={"lang": lang}).text
    block = html.unescape(re.search(r"<pre class=\"command\" data-curl><code>(.*?)</code></pre>", page, re.DOTALL)[1])
    download, validate = [shlex.split(line) for line in block.strip().splitlines()]
    assert download[:2] == ["curl", "-O"]
    file_name = download[2].rsplit("/", 1)[1]
    fetched = client.get(download[2])
    assert fetched.status_code == 200
    headers = dict(validate[i + 1].split(": ", 1) for i, part in enumerate(validate) if part == "-H")
    assert validate[validate.index("--data-binary") + 1] == "@" + file_name
    url = validate[-1]
    assert url.count("?") == 1 and f"lang={lang}" in url and "profile=dataset" in url
    report = client.post(url, content=fetched.content, headers=headers)
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/csv")
    assert report.text.splitlines()[0].startswith("record,field")
    assert not any(",Violation," in line for line in report.text.splitlines()[1:])


@pytest.mark.parametrize(("text", "expected"), [
    (json.dumps(activity()), "application/json"),
    ('{"@context": {"x": "http://x/"}, "x": 1}', "application/ld+json"),
    ("<?xml version='1.0'?><lom xmlns='http://ltsc.ieee.org/xsd/LOM'/>", "application/xml"),
    ("<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'/>", "application/rdf+xml"),
    ("<http://a.example/s> <http://a.example/p> <http://a.example/o> .", "text/turtle"),
    ("@prefix dct: <http://purl.org/dc/terms/> .", "text/turtle"),
])
def test_pasted_text_is_read_in_the_format_it_is_in(text, expected):
    assert sniff_media_type(text.encode()) == expected


def test_pasted_json_is_validated_as_json_on_the_page(client):
    answer = client.post("/validate", data={"profile": "learning-activity", "text": json.dumps(activity()), "format": ""},
                         files={"file": ("", b"", "application/octet-stream")})
    assert answer.status_code == 200, answer.text[:500]
    assert 'data-conforms="true"' in answer.text and 'data-sniffed="application/json"' in answer.text
