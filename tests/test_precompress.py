"""Issue 19: pre-compressed copies of the theme, scripts and search indexes, not of pages.

Hosts that serve ``name.br`` / ``name.gz`` as they are (nginx gzip_static and
brotli_static, Caddy's precompressed, most CDNs) need them to be the same bytes as
the file, every build the same.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from generator.sites.assets import FINGERPRINTED, precompress


def copies_of(site: Path) -> dict[Path, tuple[Path, Path]]:
    return {
        p: (p.with_name(p.name + ".gz"), p.with_name(p.name + ".br"))
        for p in site.rglob("*")
        if p.is_file() and p.suffix not in (".gz", ".br")
    }


def test_theme_scripts_and_search_indexes_have_exact_copies(sample_site: Path) -> None:
    found = copies_of(sample_site)
    wanted = [p for p in found if p.suffix in (".css", ".js") and p.stat().st_size > 4096]
    wanted += list(sample_site.glob("*/search/search_index.json"))
    assert len(wanted) >= 5
    for path in wanted:
        gz, br = found[path]
        assert gz.is_file() and br.is_file(), path
        data = path.read_bytes()
        assert gzip.decompress(gz.read_bytes()) == data, gz
        assert brotli.decompress(br.read_bytes()) == data, br
        assert br.stat().st_size < gz.stat().st_size < len(data), path
        # libdeflate (generator/sites/assets.py): the fingerprinted theme files every page
        # loads smaller than zlib's strongest level makes them, the rest (a search index)
        # at most 1% larger, for 40% of the time
        zlib_best = len(gzip.compress(data, compresslevel=9, mtime=0))
        limit = zlib_best if FINGERPRINTED.search(path.name) else zlib_best * 1.01
        assert gz.stat().st_size <= limit, path


def test_pages_are_left_to_the_host(sample_site: Path) -> None:
    pages = list(sample_site.rglob("*.html"))
    assert pages
    assert not [p for p in pages if p.with_name(p.name + ".br").exists()]
    assert not list(sample_site.rglob("*.html.gz"))


def test_the_copies_are_the_same_bytes_every_time(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    text = "".join(f".pp-{n}{{color:#{n:06x}}}\n" for n in range(400))
    (folder / "a.css").write_text(text, encoding="utf-8")
    (folder / "small.js").write_text("x=1", encoding="utf-8")  # too small to gain
    (folder / "page.html").write_text(text, encoding="utf-8")
    assert precompress(folder) == 2
    first = {p.name: p.read_bytes() for p in folder.iterdir()}
    for p in folder.glob("*.gz"):
        p.unlink()
    for p in folder.glob("*.br"):
        p.unlink()
    precompress(folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == first
    assert sorted(first) == ["a.css", "a.css.br", "a.css.gz", "page.html", "small.js"]


def test_the_hubs_own_script_is_minified_fingerprinted_and_deferred(sample_site: Path) -> None:
    """hubsearch.js is loaded by the hub's home only, but like every script of ours it is
    served minified under a name that changes with its content."""
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    (tag,) = [t for t in home.split("<script")[1:] if "hubsearch" in t.split(">")[0]]
    src = tag.split('src="')[1].split('"')[0]
    assert src.startswith("assets/javascripts/hubsearch.") and src.endswith(".min.js"), src
    assert " defer>" in tag.split("</script>")[0] + ">"
    script = sample_site / src
    assert script.is_file() and (script.parent / (script.name + ".br")).is_file()
    assert not (sample_site / "assets" / "javascripts" / "hubsearch.js").exists()
    source = (Path(__file__).resolve().parent.parent / "site_overrides" / "assets"
              / "javascripts" / "hubsearch.js").read_bytes()  # fmt: skip
    assert script.stat().st_size < 0.8 * len(source)
