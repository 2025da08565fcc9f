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
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

ASSETS = "assets"
_RELATIVE = re.compile(r'((?:href|src)="|"search": ")((?:\.\./)*)assets/')


def share_assets(portal: Path, site_url: str, hub_url: str) -> None:
    """Remove portal/assets and point the portal's pages at the hub's assets."""
    shutil.rmtree(portal / ASSETS, ignore_errors=True)
    own = urlsplit(site_url).path or "/"
    hub = urlsplit(hub_url).path or "/"
    absolute = f'"{own}{ASSETS}/'
    for page in portal.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        new = _RELATIVE.sub(r"\1../\2assets/", text)
        if own != hub:
            new = new.replace(absolute, f'"{hub}{ASSETS}/')
        if new != text:
            page.write_text(new, encoding="utf-8")
