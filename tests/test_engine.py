"""The generator runs on MkDocs 1.6 or on ProperDocs, its continuation (issue 19).

generator/sites/engine.py chooses: ProperDocs when installed, else MkDocs. The whole
suite runs under each (`make test` and `make test-properdocs`); these tests say
which engine this run has and that Material and our hooks run on that one.
`PORTAL_ENGINE` (set by `make test-properdocs` and `.ci/run`) names the engine a run
must have, so an environment that quietly fell back to MkDocs fails.
"""

from __future__ import annotations

import os
from importlib.metadata import PackageNotFoundError, version
from importlib.util import find_spec

import pytest

from generator.sites import engine, hashes


def test_the_engine_is_properdocs_exactly_when_it_is_installed() -> None:
    expected = "properdocs" if find_spec("properdocs") is not None else "mkdocs"
    assert expected == engine.NAME
    assert version(engine.NAME)  # a real installed distribution, not a guess


def test_the_expected_engine_runs() -> None:
    wanted = os.environ.get("PORTAL_ENGINE")
    if not wanted:
        pytest.skip("PORTAL_ENGINE not set: this run accepts either engine")
    assert wanted == engine.NAME


def test_material_and_mkdocs_imports_use_the_chosen_engine() -> None:
    import mkdocs
    import mkdocs.plugins
    from material.plugins.search.plugin import SearchPlugin

    assert mkdocs.__name__ == engine.NAME
    assert issubclass(SearchPlugin, mkdocs.plugins.BasePlugin)
    assert mkdocs.plugins.BasePlugin.__module__ == f"{engine.NAME}.plugins"


def test_under_properdocs_mkdocs_itself_is_not_installed() -> None:
    if engine.NAME != "properdocs":
        pytest.skip("MkDocs is the engine of this run")
    with pytest.raises(PackageNotFoundError):
        version("mkdocs")


def test_the_engine_and_its_version_are_in_every_portal_hash() -> None:
    assert engine.NAME in hashes.PACKAGES
