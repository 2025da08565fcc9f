"""The Nu HTML checker (vnu-jar, from npm, run with Java) over every built page: 0 errors.

An independent reading of our HTML: what Material and our templates write together
must be valid HTML, on the sample site and on the real-world tree (funds v2, 三资,
名单公示). vnu-jar is installed by `make test` (npm ci) and Java by `.ci/run`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, TODAY, missing

from generator.sites.site import build

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(site: Path) -> list[dict]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        missing("the Nu HTML checker needs Java and node_modules/vnu-jar (run: npm ci)")
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json",
         "--skip-non-html", str(site)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    return [m for m in report["messages"] if m.get("type") == "error"]


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def shown(errors: list[dict], site: Path) -> list[str]:
    return [
        f"{Path(e['url'].removeprefix('file:')).relative_to(site)}:{e.get('lastLine')}: "
        f"{e['message']} [{e.get('extract', '').strip()[:80]}]"
        for e in errors[:20]
    ]


def test_every_sample_page_is_valid_html(sample_site: Path) -> None:
    assert len(pages(sample_site)) > 50
    errors = run_vnu(sample_site)
    assert errors == [], "\n".join(shown(errors, sample_site))


def test_every_real_world_page_is_valid_html(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("vnu-realworld") / "site"
    build(FIXTURES / "realworld", out, today=TODAY, pdf=False)
    errors = run_vnu(out)
    assert errors == [], "\n".join(shown(errors, out))
