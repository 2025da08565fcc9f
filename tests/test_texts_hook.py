"""Material's texts through our partials/language.html: the texts Material's own gives.

generator/sites/texts_hook.py remembers each text per language and key; the override
(site_overrides/partials/language.html) falls back to Material's lookup before the hook
has run. Both are compared with Material's own partial, for every key of every language
file the theme's folders hold for our language, English and a key no file has.
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from generator.paths import BASE_CONFIG, TEMPLATES
from generator.sites import engine, texts_hook
from generator.sites.workers import install_theme_caches

KEY = re.compile(r'^\s*"([^"]+)":', re.M)


def material_partial(dirs: list[str]) -> str:
    for folder in reversed(dirs):  # Material's own folder comes last
        path = Path(folder) / "partials" / "language.html"
        if "material" in path.parts and path.is_file():
            return path.read_text(encoding="utf-8")
    raise AssertionError("Material's partials/language.html not found")


@pytest.fixture(scope="module")
def config():  # type: ignore[no-untyped-def]
    install_theme_caches()
    return engine.load_config(config_file=str(BASE_CONFIG), docs_dir=str(TEMPLATES))


def keys(dirs: list[str], language: str) -> list[str]:
    found: list[str] = []
    for name in (language, "zh", "en"):
        for folder in dirs:
            path = Path(folder) / "partials" / "languages" / f"{name}.html"
            if path.is_file():
                found += KEY.findall(path.read_text(encoding="utf-8"))
    return [*dict.fromkeys(found), "no.such.key"]


def test_every_text_is_materials(config) -> None:  # type: ignore[no-untyped-def]
    dirs = config.theme.dirs
    language = config.theme["language"]
    assert language == "custom"
    # Material's own partial, served before ours; the languages from the theme's folders
    original = jinja2.Environment(
        loader=jinja2.ChoiceLoader([
            jinja2.DictLoader({"partials/language.html": material_partial(dirs)}),
            jinja2.FileSystemLoader(dirs),
        ])
    )  # fmt: skip
    ours = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
    context = {"config": config}
    material = original.get_template("partials/language.html").make_module(context)
    before_hook = ours.get_template("partials/language.html").make_module(context)
    texts_hook.on_env(ours, config, None)
    remembered = ours.globals["pp_text"]
    with_hook = ours.get_template("partials/language.html").make_module(context)
    names = keys(dirs, language)
    assert len(names) > 50 and "search.placeholder" in names
    for key in names * 2:  # the second time from memory
        expected = str(material.t(key))
        assert str(before_hook.t(key)) == expected, key
        assert str(with_hook.t(key)) == expected, key
        assert remembered(language, key) == expected, key
    assert str(with_hook.t("language")) == "zh-CN"  # ours over Material's "zh"
    assert str(with_hook.t("action.skip")) == "跳到正文"
    assert str(with_hook.t("search.placeholder")) == str(material.t("search.placeholder")) != ""
    assert str(with_hook.t("no.such.key")) == "no.such.key"


def test_the_hook_keeps_the_first_lookup_of_a_shared_environment(config) -> None:  # type: ignore[no-untyped-def]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs))
    texts_hook.on_env(env, config, None)
    first = env.globals["pp_text"]
    texts_hook.on_env(env, config, None)  # the next site's build, the same environment
    assert env.globals["pp_text"] is first
