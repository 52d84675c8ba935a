"""Organisation and token changes and `eduvoc load` are in the audit trail, each in the same
transaction as the change (issue #11, item 4)."""

from __future__ import annotations

from registry.audit import audit_trail
from registry.auth import Principal, Role
from registry.bundle import load_files
from registry.organisations import create_organisation
from registry.tokens import issue_token, revoke_token
from tests.conftest import VOCABULARIES_DIR


def test_organisation_token_and_load_changes_are_audited(empty_registry) -> None:
    store, catalogue = empty_registry
    admin = Principal(subject="https://w3id.org/eduvoc/token/admin1", organisation="eduvoc", role=Role.ADMIN)

    create_organisation(store, "kennisnet", "Kennisnet", admin)
    _, info = issue_token(store, "kennisnet", Role.EDITOR, principal=admin)
    revoke_token(store, info.id, admin)
    [report] = load_files(store, catalogue, [("xapi-verbs", VOCABULARIES_DIR / "xapi-verbs.ttl")])

    trail = {record.action: record for record in audit_trail(store)}
    assert trail["create-organisation"].organisation == "kennisnet"
    assert trail["create-organisation"].agent == admin.subject
    assert trail["issue-token"].comment == f"token {info.id} (editor)"
    assert trail["revoke-token"].comment == f"token {info.id}"
    assert trail["load"].vocabulary == "xapi-verbs" and trail["load"].graph == report.graph
    assert trail["load"].triples == report.triples
    secrets_in_trail = [r.comment for r in audit_trail(store) if r.comment and "eduvoc_" in r.comment]
    assert secrets_in_trail == []
