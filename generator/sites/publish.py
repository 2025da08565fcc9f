"""Publishing into --out: a folder that is safe to replace, one build at a time, all at once.

``OutFolder`` is used as a context manager around a build:

* **Safe to replace.** --out may not be the data folder, lie inside it or
  contain it, and may only be an empty folder or one that holds a previous
  build (its manifest, ``.portal-build.json``, is the marker). Anything else is
  refused before a byte is written, in Chinese.
* **One build at a time.** A lock on the folder that holds --out is held for
  the whole build; a second build into the same --out waits for it.
* **All at once.** The new site is assembled whole in a staging folder beside
  --out (new pages built there, unchanged portals hard-linked from the
  published site), then swapped in with one atomic exchange of the two
  folders (Linux ``renameat2(RENAME_EXCHANGE)``). Killed at any instant, --out
  is the last good site or the new one, never a mix and never missing. Where
  the exchange is not available, --out is renamed aside and the new site
  renamed in; a kill between the two leaves it aside, and the next build puts
  it back.
* **Cost that follows the change.** The site a build replaces is kept beside
  --out as ``.<out>.prev``, and the next build starts its staging folder from
  it (generator/sites/staging.py): only what changed since is set aside,
  linked or built, and no whole site is deleted.
* **Leftovers** of a killed build (staging folders, an old site set aside) are
  removed by the next build into the same --out, under the lock.

``PORTAL_STOP_AT`` (a test hook) makes the process exit abruptly, as kill -9
would, when publishing reaches the step of that name or number.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import logging
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from generator.errors import PortalError
from generator.sites.manifest import MANIFEST, Manifest, read_manifest

log = logging.getLogger("portal.publish")
LOCK_WAIT = 30 * 60  # seconds a build waits for another one into the same --out
LEGACY_PREFIX = ".site-build-"  # the staging folders of versions before this one


class UnsafeOut(PortalError):
    """--out is a folder the build must not replace."""


class _Steps:
    """Counts publishing steps; PORTAL_STOP_AT=<n or name> ends the process at that step."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()  # carried entries are linked by several threads

    def __call__(self, name: str) -> None:
        with self._lock:
            self.count += 1
            count = self.count
        stop = os.environ.get("PORTAL_STOP_AT")
        if stop and stop in (str(count), name):
            os._exit(137)  # as kill -9: no cleanup, no finally


step = _Steps()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False where the system cannot (then nothing changed)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_out(out_dir: Path, data_dir: Path) -> None:
    """UnsafeOut unless out_dir may be replaced by a build of data_dir."""
    out, data = out_dir.resolve(), data_dir.resolve()
    shown = str(out_dir)
    if _inside(data, out):
        raise UnsafeOut(
            f"输出文件夹 --out「{shown}」就是数据文件夹或包含了它：生成时会替换整个输出文件夹，"
            "数据会被删掉。请换一个输出文件夹，例如 --out site"
        )
    if _inside(out, data):
        raise UnsafeOut(
            f"输出文件夹 --out「{shown}」在数据文件夹「{data_dir}」里面：网站不能生成到数据中。"
            "请换一个数据文件夹之外的输出文件夹，例如 --out site"
        )
    if out.exists() and not out.is_dir():
        raise UnsafeOut(f"输出文件夹 --out「{shown}」已经是一个文件，不是文件夹：请换一个名字")
    if out.is_dir() and not (out / MANIFEST).is_file() and any(out.iterdir()):
        raise UnsafeOut(
            f"输出文件夹 --out「{shown}」里已有别的文件，但不是以前生成的网站（没有 {MANIFEST}）："
            "生成时会替换整个文件夹，为免删掉这些文件，请换一个空的或新的文件夹，"
            "或者确认无用后自己删掉它"
        )


class OutFolder:
    """--out during one build: checked, locked, cleaned of leftovers; see the module docstring."""

    def __init__(self, out_dir: Path, data_dir: Path) -> None:
        self.out = out_dir.resolve()
        self.data = data_dir
        self.prefix = f".{self.out.name}.build-"
        self.aside = self.out.with_name(f".{self.out.name}.old")
        # the site the last build replaced: the next build's staging (generator/sites/staging.py)
        self.previous = self.out.with_name(f".{self.out.name}.prev")
        self._lock: int | None = None

    def __enter__(self) -> OutFolder:
        check_out(self.out, self.data)
        self.out.parent.mkdir(parents=True, exist_ok=True)
        self._acquire()
        try:
            self._recover()
            check_out(self.out, self.data)  # again: another build may have run meanwhile
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._release()

    def _acquire(self) -> None:
        # the lock is on the folder that holds --out: --out itself is replaced by each
        # build, and a lock file beside it would be one more thing left in the folder
        descriptor = os.open(self.out.parent, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        waited = 0.0
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if waited == 0:
                    log.warning("另一个生成正在写入 %s，等它完成后再继续……", self.out)
                if waited >= LOCK_WAIT:
                    os.close(descriptor)
                    raise PortalError(
                        f"另一个生成占用输出文件夹「{self.out}」超过 {LOCK_WAIT // 60} 分钟，"
                        "请确认它是否卡住（可结束它后再试）"
                    ) from None
                time.sleep(0.2)
                waited += 0.2
        self._lock = descriptor

    def _release(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # closing the file releases the lock
            self._lock = None

    def _recover(self) -> None:
        """Put back a site set aside by a killed build, remove what killed builds left."""
        if self.aside.is_dir() and not self.out.exists():
            os.replace(self.aside, self.out)
        shutil.rmtree(self.aside, ignore_errors=True)
        for prefix in (self.prefix, LEGACY_PREFIX):
            for leftover in self.out.parent.glob(f"{glob_escape(prefix)}*"):
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover, ignore_errors=True)

    def work_folder(self) -> Path:
        """A new empty folder beside --out for this build's staging and work."""
        return Path(tempfile.mkdtemp(prefix=self.prefix, dir=self.out.parent))

    def staging(self, work: Path) -> tuple[Path, Manifest]:
        """work/site, to be assembled into the new site, and the manifest of what it holds.

        It is the generation the last build replaced, when that is kept beside --out
        (moved into the work folder: a failed or killed build leaves it to be removed
        with that folder, never half-updated for the next build), or else empty.
        """
        staging = work / "site"
        previous = self.previous
        if previous.is_dir() and not previous.is_symlink() and (previous / MANIFEST).is_file():
            os.replace(previous, staging)
            step("previous")
            return staging, read_manifest(staging)
        staging.mkdir()
        return staging, Manifest()

    def keep_previous(self, staging: Path) -> None:
        """After swap_in: keep the site just replaced (now at staging) for the next build."""
        if (staging / MANIFEST).is_file() and not self.previous.exists():
            os.replace(staging, self.previous)
            step("kept")

    def swap_in(self, staging: Path) -> None:
        """Make staging the published site, atomically; the old site ends up at staging."""
        step("swap")
        if not self.out.exists():
            os.replace(staging, self.out)
            staging.mkdir()  # nothing old to remove: an empty folder where the caller looks
            return
        if _exchange(staging, self.out):
            step("swapped")
            return
        os.replace(self.out, self.aside)
        step("aside")
        os.replace(staging, self.out)
        os.replace(self.aside, staging)


def link_tree(published: Path, staging: Path, names: set[str]) -> None:
    """Bring these entries of a built site into staging: hard links, or copies where links fail.

    Several at once: the time is the kernel's (a directory made, a file linked, each a
    fraction of a millisecond on a slow disk), and the kernel works on every core.
    """
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        for done in [pool.submit(_carry, published, staging, n) for n in sorted(names)]:
            done.result()


def _carry(published: Path, staging: Path, name: str) -> None:
    step(f"carry:{name}")
    source = published / name
    if source.is_dir() and not source.is_symlink():
        shutil.copytree(source, staging / name, copy_function=_link_or_copy)
    elif source.is_file() and not source.is_symlink():
        _link_or_copy(str(source), str(staging / name))


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def remove(folder: Path) -> None:
    """Delete a work folder; a failure only leaves it for the next build to remove."""
    step("cleanup")
    with contextlib.suppress(OSError):
        shutil.rmtree(folder)
