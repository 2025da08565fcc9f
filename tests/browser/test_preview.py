"""The review preview as a staff member opens it: the CI's zip, `portal preview`, chromium.

The command runs as staff run it (a process of its own, the zip as downloaded); the
browser starts on the county hub and follows links as a person would: a portal, its
办事指南, a service, back. Every page is the real page, never a folder listing.
"""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import SAMPLE, TODAY

from generator.sites.site import build

ADDRESS = re.compile(r"http://127\.0\.0\.1:\d+/")


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """site-preview.zip as GitHub hands it out: the build's files at the top of the zip."""
    folder = tmp_path_factory.mktemp("artifact")
    site = folder / "public"
    build(SAMPLE, site, only=["longquan"], today=TODAY, pdf=False)
    archive = folder / "site-preview.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(site.rglob("*")):
            zipped.write(path, path.relative_to(site).as_posix())
    return archive


@pytest.fixture
def preview_address(artifact: Path, tmp_path: Path) -> Iterator[str]:
    """`portal preview site-preview.zip --port 0 --no-browser`, until the test ends."""
    command = [sys.executable, "-m", "generator.cli", "preview", str(artifact),
               "--port", "0", "--no-browser"]  # fmt: skip
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stdout], daemon=True
    ).start()
    try:
        try:
            line = lines.get(timeout=60)
        except queue.Empty:
            pytest.fail("portal preview printed no address within 60 s")
        found = ADDRESS.search(line)
        assert found, (line, process.poll())
        yield found.group(0)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)
            pytest.fail("portal preview did not stop on SIGTERM within 30 s")
    assert process.returncode == 0, errors.read_text()
    assert not errors.read_text(), "nothing on the staff's terminal but the address"


def assert_real_page(page, title: str) -> None:
    assert page.title() == title
    body = page.locator("body").inner_text()
    assert "Directory listing" not in body and "Index of" not in body
    assert page.locator("article h1").first.inner_text().strip() == title.split(" - ")[0]


def tap(page, name: str | re.Pattern[str]) -> None:
    """A click on the first visible link of that name, as a person would tap it."""
    links = page.locator("article").get_by_role("link", name=name)
    visible = [links.nth(i) for i in range(links.count()) if links.nth(i).is_visible()]
    assert visible, f"no visible link {name!r} on {page.url}"
    visible[0].click()


def test_home_to_a_service_and_back(page, preview_address: str) -> None:
    hub = "示范县易地扶贫搬迁安置社区信息公开平台"
    response = page.goto(preview_address)
    assert response is not None and response.ok
    assert_real_page(page, f"{hub} - {hub}")

    tap(page, re.compile(r"^龙泉新村\s*龙泉乡"))  # the card, not the map's anchor
    page.wait_for_url(preview_address + "longquan/")
    assert_real_page(page, "龙泉新村 - 龙泉新村")

    tap(page, re.compile("^办事指南"))
    page.wait_for_url(preview_address + "longquan/handbook/")
    assert_real_page(page, "办事指南 - 龙泉新村")

    tap(page, "低保、特困和临时救助申请")
    page.wait_for_url(preview_address + "longquan/handbook/dibao/")
    assert_real_page(page, "低保、特困和临时救助申请 - 龙泉新村")
    assert "家庭经济状况核对授权书" in page.locator("article").inner_text()

    page.go_back()
    page.wait_for_url(preview_address + "longquan/handbook/")
    assert_real_page(page, "办事指南 - 龙泉新村")
    assert not page.external_requests  # type: ignore[attr-defined]
    assert not page.console_errors  # type: ignore[attr-defined]
