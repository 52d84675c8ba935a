"""A local command on a store that a running server holds says so in one line (exit 7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app

HOLD_THE_STORE = """
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])
print("held", flush=True)
sys.stdin.read()
"""


def test_org_create_on_a_store_held_by_another_process_exits_7_with_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_THE_STORE, str(store)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        result = CliRunner().invoke(app, ["org", "create", "kennisnet", "--name", "Kennisnet", "--store", str(store)])
    finally:
        holder.communicate("", timeout=30)

    assert result.exit_code == 7
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "in use by another process" in message
    assert "Traceback" not in result.output + result.stderr
