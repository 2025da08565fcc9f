"""`portal preview`: a built site or the CI's preview zip, served like the published site.

The server answers a folder with its index.html and never with a listing, a missing page
with the site's 404 page; a zip is found whether its site is at the top (GitHub's
artifact) or one folder down (GitLab's public/ beside diff.md), and a member that would
land outside the unpacked folder is refused before anything is written.
"""

from __future__ import annotations

import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, SAMPLE, TODAY

from generator.cli.main import main
from generator.errors import SetupError
from generator.sites import preview
from generator.sites.site import build


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hub and 龙泉新村, without PDFs: what `portal build --only longquan` writes."""
    out = tmp_path_factory.mktemp("preview") / "site"
    build(SAMPLE, out, only=["longquan"], today=TODAY, pdf=False)
    return out


def zip_site(site: Path, target: Path, prefix: str = "", extra: dict | None = None) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(site.rglob("*")):
            zipped.write(path, prefix + path.relative_to(site).as_posix())
        for name, text in (extra or {}).items():
            zipped.writestr(name, text)
    return target


@pytest.fixture
def served(small_site: Path) -> Iterator[str]:
    server = preview.start(small_site)
    try:
        yield preview.address(server)
    finally:
        server.shutdown()
        server.server_close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_folder_links_answer_with_their_page(served: str) -> None:
    status, text = get(served + "longquan/handbook/")
    assert status == 200 and "<title>办事指南 - 龙泉新村</title>" in text
    status, text = get(served + "longquan/handbook")  # redirected to the folder, as Pages does
    assert status == 200 and "<title>办事指南 - 龙泉新村</title>" in text
    status, text = get(served + "search/search_index.json")
    assert status == 200 and '"docs"' in text


def test_a_folder_without_a_page_is_not_listed(served: str) -> None:
    status, text = get(served + "assets/")
    assert status == 404
    assert "Directory listing" not in text and "javascripts/" not in text
    assert "找不到这个页面" in text


def test_a_missing_page_shows_the_nearest_404_page(served: str) -> None:
    status, text = get(served + "longquan/no-such-page/")
    assert status == 404 and "<title>找不到这个页面 - 龙泉新村</title>" in text
    status, text = get(served + "no-such-portal/")
    assert status == 404 and "找不到这个页面 - 示范县" in text
    status, _ = get(served + "longquan/../../../etc/passwd")
    assert status == 404


@pytest.mark.parametrize(
    ("prefix", "extra"),
    [("", None), ("public/", {"diff.md": "# 改动\n"}), ("site-preview/public/", None)],
    ids=["github-artifact", "gitlab-artifact", "zipped-again"],
)
def test_the_site_is_found_in_the_zip(
    small_site: Path, tmp_path: Path, prefix: str, extra: dict | None
) -> None:
    archive = zip_site(small_site, tmp_path / "site-preview.zip", prefix, extra)
    with preview.opened(archive) as root:
        assert (root / "index.html").is_file() and (root / "longquan" / "index.html").is_file()
        unpacked = root
    assert not unpacked.exists(), "the unpacked zip is removed afterwards"


@pytest.mark.parametrize("name", ["../escape.html", "/etc/escape.html", "a/../../escape.html"])
def test_a_member_outside_the_folder_is_refused(tmp_path: Path, name: str) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("index.html", "<p>hi</p>")
        zipped.writestr(name, "<p>out</p>")
    into = tmp_path / "into"
    into.mkdir()
    with pytest.raises(SetupError) as raised:
        preview.unpack(archive, into)
    assert "为安全起见不解压" in raised.value.message
    assert not list(into.iterdir()) and not (tmp_path / "escape.html").exists()


def test_a_link_in_the_zip_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "link.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        link = zipfile.ZipInfo("index.html")
        link.external_attr = 0o120777 << 16
        zipped.writestr(link, "/etc/passwd")
    with pytest.raises(SetupError, match="链接"):
        preview.unpack(archive, tmp_path)


@pytest.mark.parametrize("what", ["missing", "empty-folder", "not-a-zip"])
def test_no_site_is_a_chinese_message(tmp_path: Path, what: str) -> None:
    source = tmp_path / ("site.zip" if what == "not-a-zip" else "site")
    if what == "empty-folder":
        source.mkdir()
        (source / "a").mkdir()
    elif what == "not-a-zip":
        source.write_bytes(b"PK\x03\x04 cut short")
    result = CliRunner().invoke(main, ["preview", str(source), "--no-browser"])
    assert result.exit_code == 2, result.output
    assert "无法继续" in result.output and "怎么办" in result.output
    assert "Traceback" not in result.output


def test_the_newcomers_first_step_is_the_preview() -> None:
    """README and `make site` send a newcomer to `make preview`, never to site/index.html."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    site = makefile.split("\nsite:", 1)[1].split("\n\n", 1)[0]
    assert "make preview" in site and "portal preview site" in site
    assert "用浏览器打开 site/index.html" not in site
    recipe = makefile.split("\npreview:", 1)[1].split("\n\n", 1)[0]
    assert "$(BIN)/portal preview site" in recipe
    readme = (ROOT / "README.md").read_text("utf-8")
    first = readme.split("## What it is", 1)[0]
    assert "make preview" in first and "Open `site/index.html`" not in first
