"""Theme assets stored once per deployment.

Every MkDocs build writes the same ``assets/`` folder (Material's CSS and
JavaScript, and ours from site_overrides/). The hub at the deployment root
keeps its copy; each portal, which lives at ``<out>/<slug>/``, drops its own and
its pages point one level further up, at the hub's.

Rewritten in every HTML file of a portal:

* relative references, ``href="../assets/…"`` → ``href="../../assets/…"``;
* the search worker in Material's ``<script id="__config">`` JSON, likewise;
* absolute references built from site_url, which Material uses in 404.html
  (``/anzhi/xintiandi/assets/…`` → ``/anzhi/assets/…``).

Everything else of a portal (search index, sitemap, downloads, photos) stays.

Then the CSS, JavaScript, JSON (search indexes) and SVG of a site get a ``.gz`` and a
``.br`` copy beside each (``precompress``) for hosts that serve them. Pages are left to
the host's own compression: copies of every page nearly tripled a county's files, and
every rebuild links them all into the new site (a one-settlement rebuild at N = 200
went from 2 s to 6 s, mostly in the kernel).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import deflate

from generator.sites.cachefiles import PrivateFolder

ASSETS = "assets"
_RELATIVE = re.compile(r'((?:href|src)="|"search": ")((?:\.\./)*)assets/')  # what moves up
_LINKS = ('href="', 'src="', '"search": "')  # _RELATIVE's first group


class SharedAssets:
    """A portal's HTML pointed at the hub's assets/ instead of its own.

    The build rewrites each page and template as MkDocs makes it (``rewrite``, from
    generator/sites/memory_docs.py) and notes it; ``share`` then removes the portal's
    assets/ and rewrites on disk any other HTML file of the portal.
    """

    def __init__(self, site_url: str, hub_url: str) -> None:
        self.own = urlsplit(site_url).path or "/"
        self.hub = urlsplit(hub_url).path or "/"
        self.done: set[str] = set()  # files written already rewritten, as paths in the site

    def rewrite(self, text: str, written_as: str | None = None) -> str:
        new = _one_level_up(text)
        if self.own != self.hub:
            new = new.replace(f'"{self.own}{ASSETS}/', f'"{self.hub}{ASSETS}/')
        if written_as is not None:
            self.done.add(written_as)
        if new != text:  # as a file rewritten after the build was: read with universal newlines
            new = new.replace("\r\n", "\n").replace("\r", "\n")
        return new

    def share(self, portal: Path) -> None:
        shutil.rmtree(portal / ASSETS, ignore_errors=True)
        for page in portal.rglob("*.html"):
            if page.relative_to(portal).as_posix() in self.done:
                continue
            text = page.read_text(encoding="utf-8")
            new = self.rewrite(text)
            if new != text:
                page.write_text(new, encoding="utf-8")


def _one_level_up(text: str) -> str:
    """``_RELATIVE.sub(r"\\1../\\2assets/", text)``, in a tenth of the time.

    The regular expression is tried at every character of a page; here only where
    "assets/" is, a few times a page: one more "../" before each that follows a link's
    start and "../"s only.
    """
    pieces = text.split("assets/")
    for i, before in enumerate(pieces[:-1]):
        end = len(before)
        while before.endswith("../", 0, end):
            end -= 3
        if before.endswith(_LINKS, 0, end):
            pieces[i] = before + "../"
    return "assets/".join(pieces)


# Pre-compressed copies: hosts that serve them (nginx gzip_static / brotli_static, Caddy
# precompressed, most CDNs) send page.html.br or .gz as they are and spend no CPU per
# request. Brotli's strongest level (11) costs 25 times level 8's time for 3 % fewer bytes
# (measured on a portal: 2.6 s against 0.1 s), so it is kept for the fingerprinted theme
# files every page loads (Material's bundle and CSS, ours), compressed once per process,
# with libdeflate's strongest gzip (level 12, 5 % smaller than zlib's 9); search indexes
# and the rest get brotli 8 and gzip 9. Source maps are for developers.
TEXT = frozenset({".css", ".js", ".json", ".svg"})
MIN_BYTES = 512  # smaller files gain less than a response's headers
FINGERPRINTED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")
_COMPRESSED: dict[tuple[bytes, int], tuple[bytes, bytes]] = {}  # fingerprinted, per process


def compressed(data: bytes, quality: int = 8, level: int = 9) -> tuple[bytes, bytes]:
    """data as gzip and brotli: the same bytes for the same data every build.

    gzip by libdeflate (no timestamp, no name in the header): at level 9 as small as zlib's
    strongest level (a search index 0.5% larger) in 40% of its time; its levels 10-12 are
    smaller still (5%) but 6-14 times slower.
    """
    return deflate.gzip_compress(data, level), brotli.compress(data, quality=quality)


def _copies(path: Path, data: bytes, keep: PrivateFolder | None) -> tuple[bytes, bytes]:
    if not FINGERPRINTED.search(path.name):
        return compressed(data)
    digest = hashlib.sha256(data).digest()
    key = (digest, 11)
    if key not in _COMPRESSED:
        # kept across builds too: level 11 of the theme costs half a second a hub build
        name = f"compressed/{digest.hex()}/libdeflate-12"  # not another encoder's copy
        found = keep.load(name, name) if keep is not None else None
        if not (isinstance(found, tuple) and len(found) == 2):
            found = compressed(data, quality=11, level=12)
            if keep is not None:
                keep.store(name, name, found)
        _COMPRESSED[key] = found
    return _COMPRESSED[key]


def precompress(folder: Path, keep: PrivateFolder | None = None) -> int:
    """Write name.gz and name.br beside every text file of folder that they make smaller.

    Returns how many copies were written.
    """
    written = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in TEXT or not path.is_file() or path.is_symlink():
            continue
        data = path.read_bytes()
        if len(data) < MIN_BYTES:
            continue
        for suffix, body in zip((".gz", ".br"), _copies(path, data, keep), strict=True):
            if len(body) < len(data):
                path.with_name(path.name + suffix).write_bytes(body)
                written += 1
    return written
