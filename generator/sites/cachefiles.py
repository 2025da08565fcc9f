"""Cache files that cannot bring in foreign code: a private folder, signed entries.

The build caches pickles (validated settlements, jieba's dictionary), and a
pickle runs code when it loads. So a cache entry is loaded only when

* its folder is this user's own and private to it (mode 0700; a folder of ours
  that is wider is narrowed first, one of another user's is not used at all);
* it carries an HMAC-SHA256, made with a secret that lives in that folder
  (created 0600 by us, 32 random bytes), over the entry's *binding* (what it is
  the value of: a settlement, its hash, the part) and its bytes.

A pickle planted by someone else, a file copied from another settlement's
entry, or an entry from another cache folder fails the check and is a cache
miss: the value is made again. Nothing here ever fails a build; a folder that
cannot be used only makes it slower.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import pickle
import secrets
import stat
from pathlib import Path

MAGIC = b"portal-cache/1\n"
SECRET = ".secret"
_MAC = hashlib.sha256().digest_size
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
log = logging.getLogger("portal.cache")


def _owned(info: os.stat_result) -> bool:
    getuid = getattr(os, "getuid", None)
    return getuid is None or info.st_uid == getuid()


class PrivateFolder:
    """A folder of signed cache files; ``None`` as root is a cache that holds nothing."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._secret: bytes | None = None
        self._checked = False

    def __getstate__(self) -> dict:
        return {"root": self.root}  # the secret is read again in each process

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["root"])  # type: ignore[misc]

    @property
    def secret(self) -> bytes | None:
        """The folder's secret, or None when the folder cannot be trusted or made."""
        if not self._checked:
            self._checked = True
            self._secret = self._open() if self.root is not None else None
        return self._secret

    def _open(self) -> bytes | None:
        assert self.root is not None
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            info = os.lstat(self.root)
            if not stat.S_ISDIR(info.st_mode) or not _owned(info):
                log.warning("缓存文件夹 %s 不属于当前用户，本次不使用缓存", self.root)
                return None
            if info.st_mode & 0o077:
                os.chmod(self.root, 0o700)  # ours, but others could write: private from now on
            return self._read_secret() or self._new_secret()
        except OSError:
            return None

    def _read_secret(self) -> bytes | None:
        assert self.root is not None
        try:
            descriptor = os.open(self.root / SECRET, os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(descriptor, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat.S_ISREG(info.st_mode) or not _owned(info) or info.st_mode & 0o077:
                return None  # not made by us: make a new one (old entries become misses)
            data = file.read(64)
        return data if len(data) == 32 else None

    def _new_secret(self) -> bytes:
        assert self.root is not None
        value = secrets.token_bytes(32)
        temporary = self.root / f".secret.{os.getpid()}.{secrets.token_hex(4)}"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(value)
        os.replace(temporary, self.root / SECRET)
        return value

    def _mac(self, secret: bytes, binding: str, payload: bytes) -> bytes:
        message = binding.encode("utf-8") + b"\0" + payload
        return hmac.new(secret, message, hashlib.sha256).digest()

    def load(self, name: str, binding: str) -> object | None:
        """The value stored under name for this binding, or None (absent, foreign, damaged)."""
        secret = self.secret
        if secret is None or self.root is None:
            return None
        try:
            descriptor = os.open(self.root / name, os.O_RDONLY | _NOFOLLOW)
            with os.fdopen(descriptor, "rb") as file:
                if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                    return None
                blob = file.read()
        except OSError:
            return None
        body = blob[len(MAGIC) :]
        mac, payload = body[:_MAC], body[_MAC:]
        expected = self._mac(secret, binding, payload)
        if not blob.startswith(MAGIC) or not hmac.compare_digest(mac, expected):
            return None
        try:
            return pickle.loads(payload)  # signed by us, for this binding: our own pickle
        except Exception:  # written by an older version of the code: a miss
            return None

    def store(self, name: str, binding: str, value: object) -> None:
        """Write value under name, signed for binding, atomically; never fails the build."""
        secret = self.secret
        if secret is None or self.root is None:
            return
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
            path = self.root / name
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
            with os.fdopen(os.open(temporary, flags, 0o600), "wb") as file:
                file.write(MAGIC + self._mac(secret, binding, payload) + payload)
            os.replace(temporary, path)
        except (OSError, pickle.PicklingError):
            pass
