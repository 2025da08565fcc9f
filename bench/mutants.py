"""A small mutation run: plant one realistic bug at a time and see whether the suite notices.

Each mutant below is a change a hurried developer could make to the money,
privacy, escaping, publishing, cache or file-reading code. For each one the
project is copied to a temporary folder, the one change is made there, and the
tests that cover that area run against the copy (``PYTHONPATH`` puts the copy
first, so its ``generator`` package is the one imported, by the tests and by the
``portal`` processes they start). A mutant is *caught* when a test fails, or
when the tests hang past the time limit (a build that never ends is noticed too).

    .venv/bin/python bench/mutants.py              # all mutants, a table and the score
    .venv/bin/python bench/mutants.py --only 3 7   # a few, by number
    .venv/bin/python bench/mutants.py --list       # what each one changes

tests/test_mutants.py checks that every mutant's text is still in its file, so
this list cannot rot silently as the code changes.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("generator", "templates", "site_overrides", "tests", "data", "mkdocs.yml",
          "pyproject.toml", "schema", "docs", ".gitignore")  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    what: str  # the planted bug, in words
    file: str
    old: str  # must occur exactly once in file
    new: str
    tests: tuple[str, ...]  # the test files that cover it


MONEY = ("tests/test_funds.py", "tests/test_funds_pages.py", "tests/test_ledger.py",
         "tests/test_broken.py", "tests/test_all_at_once.py")  # fmt: skip
PRIVACY = ("tests/test_privacy.py", "tests/test_broken.py", "tests/test_all_at_once.py")
ESCAPING = ("tests/test_escaping.py", "tests/test_hostile_files.py", "tests/test_funds_pages.py")
PUBLISH = ("tests/test_publish.py", "tests/test_atomic.py", "tests/test_build_speed_features.py")
FILES = ("tests/test_hostile_files.py", "tests/test_load.py", "tests/test_images.py")
CACHE = ("tests/test_cache_safety.py", "tests/test_validation_cache.py")

MUTANTS: tuple[Mutant, ...] = (
    # money
    Mutant("the closing balance is not checked", "generator/checks/fund_balances.py",
           "    if expected == written:\n", "    if True:\n", MONEY),
    Mutant("a duplicate voucher number passes", "generator/checks/funds.py",
           "if key in vouchers:", "if False:", MONEY),
    Mutant("two signatures by the same person pass", "generator/checks/funds.py",
           "if len(set(names)) < len(names):", "if False:", MONEY),
    Mutant("a late-but-published quarter counts as not published", "generator/pages/disclosure.py",
           '"on_time" if published <= due else "late"',
           '"on_time" if published <= due else "overdue"', MONEY),
    Mutant("a quarter published on its deadline day counts as late",
           "generator/pages/disclosure.py",
           '"on_time" if published <= due else "late"', '"on_time" if published < due else "late"',
           MONEY),
    Mutant("the published CSV no longer defuses formulas", "generator/pages/tables.py",
           """writer.writerow([FORMULA.sub("'", _text(c)) for c in row])""",
           "writer.writerow([_text(c) for c in row])", MONEY),
    Mutant("the opening balance need not follow the last closing",
           "generator/checks/fund_balances.py",
           "if opening is not None and opening[0] != header.opening_balance:",
           "if False:", MONEY),
    # privacy
    Mutant("notice bodies are not scanned", "generator/contract/load.py",
           "reader.documents.append(Document(path, text=front.body, first_line=front.body_line))",
           "pass", PRIVACY),
    Mutant("ledger cells (备注 …) are not scanned", "generator/checks/privacy.py",
           "        scan_ledger(period.ledger, report)", "        pass", PRIVACY),
    Mutant("the charter is not scanned", "generator/contract/load.py",
           "    return reader.text(path)\n", "    return read_text(path, reader.report)\n",
           PRIVACY),
    Mutant("any phone field may hold a mobile", "generator/checks/privacy.py",
           'if key == "phone" and issubclass(model, Person):', 'if key == "phone":', PRIVACY),
    Mutant("ID checksums always fail", "generator/checks/digits.py",
           'return "10X98765432"[total % 11] == number[17].upper()', "return False", PRIVACY),
    Mutant("Luhn always fails", "generator/checks/digits.py",
           "return total % 10 == 0", "return False", PRIVACY),
    Mutant("no separator may stand inside a number", "generator/checks/digits.py",
           "MAX_UNITS = 3", "MAX_UNITS = 0", PRIVACY),
    # escaping
    Mutant("JSON in <script> keeps < and >", "generator/pages/markup.py",
           "return Markup(text.translate(_SCRIPT_UNSAFE))", "return Markup(text)", ESCAPING),
    Mutant("a ledger summary is rendered as markup", "templates/portal/funds_quarter.md.j2",
           '<p class="pp-ledger-card__summary">{{ r.summary }}</p>',
           '<p class="pp-ledger-card__summary">{{ r.summary | safe }}</p>', ESCAPING),
    Mutant("the footer's publisher is not escaped", "site_overrides/main.html",
           "主办：{{ pp.publisher | e }}", "主办：{{ pp.publisher }}", ESCAPING),
    Mutant("a settlement's name reaches the theme unescaped", "generator/sites/render.py",
           '"site_name": html.escape(profile.name),', '"site_name": profile.name,', ESCAPING),
    Mutant("Markdown fields are not sanitised", "generator/pages/markup.py",
           "    html = nh3.clean(\n", "    html = html or nh3.clean(\n", ESCAPING),
    # files
    Mutant("symlinks are followed", "generator/read/files.py",
           "        if stat.S_ISLNK(info.st_mode):\n            raise Refused",
           "        if False:\n            raise Refused", FILES),
    Mutant("duplicate YAML keys are accepted when they carry a place",
           "generator/read/yamlevents.py",
           "        if key in top.value:", "        if key in top.value and not top.loc:", FILES),
    Mutant("no nesting limit", "generator/read/yamlevents.py",
           "MAX_DEPTH = 40", "MAX_DEPTH = 10**9", FILES),
    Mutant("no expansion limit", "generator/read/yamlevents.py",
           "MAX_VALUES = 200_000", "MAX_VALUES = 10**12", FILES),
    Mutant("no size limit on YAML", "generator/read/files.py",
           '"yaml": 1 * MB,', '"yaml": 1000 * MB,', FILES),
    Mutant("a photo is published as staff gave it", "generator/pages/sections/grids.py",
           'files.append(File(f"{SECTION.slug}/{target}", photo.data))',
           'files.append(File(f"{SECTION.slug}/{target}", (s.folder / person.photo).read_bytes()))',
           FILES),
    # publishing
    Mutant("the build deletes --out before it publishes", "generator/sites/publish.py",
           '        step("swap")\n', '        step("swap")\n        shutil.rmtree(self.out)\n',
           PUBLISH),
    Mutant("--out may be the data folder", "generator/sites/publish.py",
           "    if _inside(data, out):", "    if False:", PUBLISH),
    Mutant("--out may hold anything", "generator/sites/publish.py",
           "if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()):",
           "if False:", PUBLISH),
    Mutant("no lock: two builds write --out at once", "generator/sites/publish.py",
           "                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)",
           "                pass", PUBLISH),
    Mutant("leftovers of a killed build stay", "generator/sites/publish.py",
           "            shutil.rmtree(leftover, ignore_errors=True)", "            pass", PUBLISH),
    Mutant("a dead worker is waited for", "generator/sites/pool.py",
           "        raise WorkerDied(worker.item, worker.process.exitcode)",
           "        return self._receive(worker)", PUBLISH),
    # caches
    Mutant("cache entries are not verified", "generator/sites/cachefiles.py",
           "if not blob.startswith(MAGIC) or not hmac.compare_digest(mac, expected):",
           "if not blob.startswith(MAGIC):", CACHE),
    Mutant("cache entries are not bound to their settlement", "generator/sites/checked.py",
           "        return self.files.load(name, name)", '        return self.files.load(name, "")',
           CACHE),
    Mutant("a cache folder of another user is used", "generator/sites/cachefiles.py",
           "if not stat.S_ISDIR(info.st_mode) or not _owned(info):",
           "if not stat.S_ISDIR(info.st_mode):", CACHE),
)  # fmt: skip


def _copy(into: Path) -> None:
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.is_file():
            shutil.copy2(source, into / name)


def run(mutant: Mutant, timeout: float) -> tuple[str, float]:
    """'caught', 'caught (hang)', or 'survived', and the seconds it took."""
    with tempfile.TemporaryDirectory(prefix="portal-mutant-") as folder:
        copy = Path(folder)
        _copy(copy)
        target = copy / mutant.file
        text = target.read_text("utf-8")
        assert text.count(mutant.old) == 1, f"{mutant.file}: {mutant.old!r}"
        target.write_text(text.replace(mutant.old, mutant.new), "utf-8")
        env = {**os.environ, "PYTHONPATH": str(copy), "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
                   *mutant.tests]  # fmt: skip
        started = time.monotonic()
        tests = subprocess.Popen(
            command, cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, start_new_session=True,
        )  # fmt: skip
        try:
            output, _ = tests.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            output = ""
        finally:  # the tests' own subprocesses (builds, their workers) end with them
            with contextlib.suppress(ProcessLookupError):
                os.killpg(tests.pid, signal.SIGKILL)
            tests.wait()
        seconds = time.monotonic() - started
        if seconds >= timeout:
            return "caught (hang)", seconds
        if tests.returncode == 0:
            return "survived", seconds
        if tests.returncode < 0:  # the tests crashed: killed for memory, a signal
            return f"caught (crash, signal {-tests.returncode})", seconds
        if tests.returncode != 1:  # 2-5: pytest itself failed, not a test
            return f"error ({tests.returncode}): {output[-400:]}", seconds
        return "caught", seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", type=int, nargs="*", help="mutant numbers (1-based)")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per mutant")
    args = parser.parse_args()
    chosen = [(i, m) for i, m in enumerate(MUTANTS, 1) if not args.only or i in args.only]
    if args.list:
        for i, mutant in chosen:
            print(f"{i:2}. {mutant.what}  ({mutant.file})")
        return
    print("| # | planted bug | file | result | seconds |\n|---|---|---|---|---|")
    caught = 0
    for i, mutant in chosen:
        outcome, seconds = run(mutant, args.timeout)
        caught += outcome.startswith("caught")
        print(f"| {i} | {mutant.what} | `{mutant.file}` | {outcome} | {seconds:.0f} |", flush=True)
    print(f"\ncaught {caught} of {len(chosen)} mutants")


if __name__ == "__main__":
    main()
