"""bench/mutants.py stays runnable: every planted bug still finds its text, once."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("mutants", ROOT / "bench" / "mutants.py")
assert _spec and _spec.loader
mutants = importlib.util.module_from_spec(_spec)
sys.modules["mutants"] = mutants  # dataclasses look their module up there
_spec.loader.exec_module(mutants)


@pytest.mark.parametrize("mutant", mutants.MUTANTS, ids=[m.what for m in mutants.MUTANTS])
def test_each_mutant_still_applies(mutant: object) -> None:
    text = (ROOT / mutant.file).read_text("utf-8")  # type: ignore[attr-defined]
    assert text.count(mutant.old) == 1, "the code changed: update bench/mutants.py"  # type: ignore[attr-defined]
    assert mutant.new != mutant.old  # type: ignore[attr-defined]
    for test in mutant.tests:  # type: ignore[attr-defined]
        assert (ROOT / test).is_file(), test
