"""The generated vocabularies/README.md is in step with the files it describes."""

from converters.readme import render
from tests.conftest import VOCABULARIES_DIR


def test_the_vocabularies_readme_is_up_to_date():
    committed = (VOCABULARIES_DIR / "README.md").read_text(encoding="utf-8")
    assert committed == render(VOCABULARIES_DIR), "run `python -m converters.readme` and commit the result"
