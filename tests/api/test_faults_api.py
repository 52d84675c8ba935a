"""Faults over HTTP (issue 16, item 6): a full or read-only disk is a clear problem (507/503) and
reads go on; concurrent publications of one vocabulary answer 201 or 409, and every 201 is real."""

from __future__ import annotations

import errno
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from registry.auth import Role
from registry.organisations import create_organisation
from registry.oxigraph_store import OxigraphStore
from registry.tokens import issue_token
from tests.conftest import VOCABULARIES_DIR

WERKVORMEN = VOCABULARIES_DIR / "werkvormen.ttl"
TURTLE = {"Content-Type": "text/turtle"}
WRITES = ("update", "bulk_load", "add_quads", "remove_quads", "drop_graph", "copy_graph")


class FailingDisk:
    """The real store, whose writes fail like a full (ENOSPC) or read-only (EROFS) disk once `broken`."""

    def __init__(self, store: OxigraphStore, code: int) -> None:
        self._store, self._code, self.broken = store, code, False

    def __getattr__(self, name):
        attribute = getattr(self._store, name)
        if name in WRITES:
            def write(*args, **kwargs):
                if self.broken:
                    raise OSError(self._code, errno.errorcode[self._code] + ": " + __import__("os").strerror(self._code))
                return attribute(*args, **kwargs)
            return write
        return attribute


def registry_with_a_release(test_settings, code: int):
    store = OxigraphStore()
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    editor = {"Authorization": f"Bearer {token}"}
    disk = FailingDisk(store, code)
    return disk, editor, TestClient(create_app(test_settings, store=disk))


@pytest.mark.parametrize(("code", "status", "slug"), [(errno.ENOSPC, 507, "insufficient-storage"), (errno.EROFS, 503, "read-only")])
def test_a_full_or_read_only_disk_is_a_clear_problem_and_reads_go_on(test_settings, code, status, slug):
    disk, editor, client = registry_with_a_release(test_settings, code)
    with client:
        assert client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, **editor}).status_code == 200
        assert client.post("/api/vocabularies/werkvormen/releases", json={"version": "1.0", "change_note": "eerste"}, headers=editor).status_code == 201
        disk.broken = True
        for response in (
            client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, **editor}),
            client.post("/api/vocabularies/werkvormen/draft", headers=editor),
            client.post("/api/organisations/kennisnet/tokens", json={"role": "editor"}, headers=editor),
        ):
            if response.status_code == 403:
                continue  # an editor may not issue tokens: refused before any write
            assert response.status_code == status, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert response.json()["type"].endswith("/" + slug)
            assert "reading still works" in response.json()["detail"]
        assert client.get("/api/vocabularies/werkvormen").status_code == 200
        assert client.get("/vocabularies/werkvormen").status_code == 200
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/sparql-results+json"}).status_code == 200
        disk.broken = False  # space freed: writing works again, the lock was not left held
        assert client.put("/api/vocabularies/werkvormen/draft", content=WERKVORMEN.read_bytes(), headers={**TURTLE, **editor}).status_code == 200


def test_concurrent_publications_answer_201_or_409_and_every_201_is_real(test_settings):
    store = OxigraphStore()
    create_organisation(store, "kennisnet", "Kennisnet")
    token, _ = issue_token(store, "kennisnet", Role.EDITOR)
    editor = {"Authorization": f"Bearer {token}"}
    body = WERKVORMEN.read_bytes()
    with TestClient(create_app(test_settings, store=store)) as client:
        answers: list[tuple[str, int, str]] = []
        go = threading.Barrier(4)

        def writer(n: int) -> None:
            go.wait()
            for round_ in range(3):
                upload = client.put("/api/vocabularies/werkvormen/draft", content=body, headers={**TURTLE, **editor})
                answers.append(("upload", upload.status_code, upload.text))
                version = f"{n}.{round_}"
                published = client.post("/api/vocabularies/werkvormen/releases", json={"version": version, "change_note": "race"}, headers=editor)
                answers.append((version, published.status_code, published.text))

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(writer, range(4)))
        statuses = {(kind == "upload", status) for kind, status, _ in answers}
        assert statuses <= {(True, 200), (True, 409), (False, 201), (False, 409)}, [a for a in answers if a[1] not in (200, 201, 409)]
        released = {r["version"] for r in client.get("/api/vocabularies/werkvormen/releases").json()}
        succeeded = {kind for kind, status, _ in answers if status == 201}
        assert succeeded and succeeded == released
        trail = client.get("/api/audit", params={"vocabulary": "werkvormen", "limit": 100}, headers=editor).json()["data"]
        assert len([r for r in trail if r["action"] == "publish"]) == len(released)
