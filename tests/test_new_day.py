"""Issue 19: the next day's build rebuilds what changed that day, and nothing else.

A portal is rendered for its latest turn (generator/pages/turns.py): on a day
without a turn the published site is left byte for byte, printed handbooks
included, and a notice expiring or a fund period falling due rebuilds the
portals that show it, without rendering an unchanged PDF again.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import ROOT, TODAY, sample_slugs

from generator.sites.checked import Cache
from generator.sites.site import build

DAY = dt.timedelta(days=1)


def snapshot(site: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file of the site: inode, modification time and bytes."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            info = path.stat()
            found[path.relative_to(site).as_posix()] = (
                info.st_ino, info.st_mtime_ns, path.read_bytes()
            )
    return found


def pdf_entries(cache: Cache) -> dict[str, tuple[int, int]]:
    assert cache.folder is not None
    return {
        p.relative_to(cache.folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in cache.folder.glob("*/pdf/*")
    }


def test_a_new_day_leaves_the_site_and_its_pdfs_untouched(
    data_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    cache = Cache(tmp_path / "cache" / "data")
    build(data_copy, out, today=TODAY, cache=cache)
    before, pdfs = snapshot(out), pdf_entries(cache)
    assert any(name.endswith(".pdf") for name in before)
    assert len(pdfs) == 2 * len(sample_slugs())  # A4 and A5 of each handbook
    for later in (TODAY + DAY, TODAY + 7 * DAY):
        result = build(data_copy, out, today=later, cache=cache)
        assert result.built == () and set(result.reused) == set(sample_slugs()), later
        assert snapshot(out) == before, later
    assert pdf_entries(cache) == pdfs


def test_a_notice_expiring_rebuilds_its_portal_only(data_copy: Path, tmp_path: Path) -> None:
    notices = data_copy / "settlements" / "longquan" / "notices"
    notices.mkdir(exist_ok=True)
    expires = TODAY + 2 * DAY
    (notices / f"{TODAY.isoformat()}-停水通知.md").write_text(
        f"---\ntitle: 12号楼停水\ndate: {TODAY.isoformat()}\nexpires: {expires.isoformat()}\n---\n"
        "因管道检修，12号楼停水一天。\n",
        encoding="utf-8",
    )
    out = tmp_path / "site"
    cache = Cache(tmp_path / "cache" / "data")
    build(data_copy, out, today=TODAY, cache=cache)
    pdfs = pdf_entries(cache)
    page = out / "longquan" / "notices" / "index.html"
    assert "12号楼停水" in page.read_text(encoding="utf-8")
    untouched = {s: snapshot(out / s) for s in sample_slugs() if s != "longquan"}
    hub = (out / "index.html").stat().st_ino, (out / "index.html").read_bytes()

    still = build(data_copy, out, today=expires, cache=cache)  # its last day: still shown
    assert still.built == ()

    after = build(data_copy, out, today=expires + DAY, cache=cache)
    assert after.built == ("longquan",)
    home = (out / "longquan" / "index.html").read_text(encoding="utf-8")
    assert "12号楼停水" not in home
    assert {s: snapshot(out / s) for s in untouched} == untouched
    # the hub does not show notices: its line of 龙泉新村 is the same, so it is left as it was
    assert ((out / "index.html").stat().st_ino, (out / "index.html").read_bytes()) == hub
    assert pdf_entries(cache) == pdfs, "a notice does not change the printed handbook"


def test_a_period_falling_due_rebuilds_what_shows_it(data_copy: Path, tmp_path: Path) -> None:
    """2026-Q4 must be published by 2027-01-15: on the 16th it is 逾期未公开."""
    out = tmp_path / "site"
    cache = Cache(tmp_path / "cache" / "data")
    build(data_copy, out, today=dt.date(2027, 1, 10), pdf=False, cache=cache)
    funds = out / "xintiandi" / "funds" / "index.html"
    assert "逾期未公开" not in funds.read_text(encoding="utf-8")
    quiet = build(data_copy, out, today=dt.date(2027, 1, 15), pdf=False, cache=cache)
    assert quiet.built == ()
    due = build(data_copy, out, today=dt.date(2027, 1, 16), pdf=False, cache=cache)
    assert set(due.built) == set(sample_slugs())
    assert "逾期未公开" in funds.read_text(encoding="utf-8")
    assert "逾期未公开" in (out / "index.html").read_text(encoding="utf-8")


def test_a_full_build_on_any_day_between_turns_makes_the_same_site(tmp_path: Path) -> None:
    """Rendered for the latest turn, not the day: a fresh build a week later is identical."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    first = build(data, tmp_path / "a", today=TODAY, pdf=False, cache=Cache(None)).out
    second = build(data, tmp_path / "b", today=TODAY + 7 * DAY, pdf=False, cache=Cache(None)).out
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second).as_posix() for p in second.rglob("*")
                           if p.is_file())  # fmt: skip
    differ = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert differ == [], differ
