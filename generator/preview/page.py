"""What the preview adds to each page as it is served: a banner of problems, live reload.

The data is untrusted: every message, file name and hint is escaped. The banner is
the first thing in the page, announced by screen readers (``role="alert"``), one
column at 360 px, and grows with 长者模式 (it uses the portal's own type size
variables). Nothing here is fetched from another host: the script and its style are
served by the preview itself under ``/__portal__/``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from generator.errors import Problem

PREFIX = "/__portal__/"
SCRIPT_URL = PREFIX + "preview.js"
STYLE_URL = PREFIX + "preview.css"
WAIT_URL = PREFIX + "wait"
MARKER = "portal-preview-build"  # <meta name=… content=build id>: which build a page shows
SHOWN = 30  # problems listed in the banner; the terminal has them all
LABELS = {"error": "错误", "warning": "提醒"}


@dataclass(frozen=True)
class Outcome:
    """How the last build went: its id, and what went wrong (nothing when it succeeded)."""

    build: str
    problems: tuple[Problem, ...] = ()
    failure: str = ""  # a build that failed for a reason that is not the data

    @property
    def ok(self) -> bool:
        return not self.problems and not self.failure


def banner(outcome: Outcome, built: bool = True) -> str:
    """The problems of the last build as HTML, or "" after a good build.

    ``built``: a good build is being served under the banner."""
    if outcome.ok:
        return ""
    under = "下面仍是上一次正确的网站。" if built else ""
    if outcome.failure:
        title = f"预览没有更新：生成失败。{under}"
        items = [f"<li>{html.escape(outcome.failure)}</li>"]
    else:
        errors = [p for p in outcome.problems if p.severity == "error"]  # reminders: terminal
        title = f"数据有 {len(errors)} 处错误，预览没有更新。{under}"
        items = [_item(p) for p in errors[:SHOWN]]
        if len(errors) > SHOWN:
            items.append(f"<li>还有 {len(errors) - SHOWN} 处，见运行 portal serve 的窗口。</li>")
    return (
        f'<div class="portal-preview-problems" role="alert" lang="zh-CN">'
        f'<p class="portal-preview-problems__title"><strong>{html.escape(title)}</strong>'
        f"改正并保存后，本页会自动刷新。</p>"
        f'<ul class="portal-preview-problems__list">{"".join(items)}</ul></div>'
    )


def _item(p: Problem) -> str:
    hint = p.hint_text
    return (
        f"<li><code>{html.escape(p.place)}</code> "
        f"{LABELS.get(p.severity, p.severity)} [{html.escape(p.code)}] "
        f"{html.escape(p.message)}"
        + (f'<br><span class="portal-preview-problems__hint">怎么改：{html.escape(hint)}</span>'
           if hint else "")
        + "</li>"
    )  # fmt: skip


_HEAD_END = re.compile(rb"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)


def inject(page: bytes, outcome: Outcome, built: bool = True) -> bytes:
    """A built page with the preview's marker, script and banner added."""
    head = (
        f'<meta name="{MARKER}" content="{html.escape(outcome.build)}">'
        f'<link rel="stylesheet" href="{STYLE_URL}">'
        f'<script src="{SCRIPT_URL}" defer></script>'
    ).encode()
    body = banner(outcome, built).encode()
    match = _HEAD_END.search(page)
    if match:
        page = page[: match.start()] + head + page[match.start() :]
    else:
        body = head + body
    match = _BODY_START.search(page)
    at = match.end() if match else 0
    return page[:at] + body + page[at:]


def placeholder(outcome: Outcome) -> bytes:
    """The page shown before any build has succeeded: the problems, and a reload."""
    if outcome.ok:
        text = "正在生成预览，请稍候，生成好后本页会自动刷新……"
    else:
        text = "预览还没有生成成功。请按上面的提示改正，保存后本页会自动刷新。"
    page = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>本地预览</title></head><body><main><h1>{text}</h1></main></body></html>"
    )
    return inject(page.encode(), outcome, built=False)


def script() -> str:
    """Waits for the next build (a long poll to the preview itself), then reloads."""
    return _SCRIPT.replace("MARKER", MARKER).replace("WAIT_URL", WAIT_URL)


_SCRIPT = """(function () {
  if (window.portalPreview) return; // Material's instant navigation may run it again
  window.portalPreview = true;
  var marker = document.querySelector('meta[name="MARKER"]');
  var seen = marker ? marker.content : "";
  function wait() {
    fetch("WAIT_URL?since=" + encodeURIComponent(seen), { cache: "no-store" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
      .then(function (build) {
        if (build && build !== seen) location.reload(); else wait();
      })
      .catch(function () { setTimeout(wait, 2000); }); // stopped or restarting: try again
  }
  wait();
})();
"""


STYLE = """.portal-preview-problems {
  position: relative; z-index: 10; box-sizing: border-box; max-width: 100%;
  margin: 0; padding: 0.6rem 0.8rem; border: 3px solid #8b0000; border-left-width: 0.5rem;
  background: #fff5f5; color: #3d0000;
  font-size: var(--pp-font-size, 0.8rem); line-height: var(--pp-line-height, 1.6);
  overflow-wrap: anywhere; word-break: normal;
}
.portal-preview-problems__title { margin: 0 0 0.4rem; }
.portal-preview-problems__title strong { display: block; color: #8b0000; }
.portal-preview-problems__list { margin: 0; padding-left: 1.2em; }
.portal-preview-problems__list li { margin: 0.3rem 0; }
.portal-preview-problems code {
  font-family: monospace; font-size: 1em; background: #ffe3e3; color: #3d0000;
  padding: 0 0.2em; overflow-wrap: anywhere;
}
.portal-preview-problems__hint { color: #3d0000; }
"""


def sorted_problems(problems: Sequence[Problem]) -> tuple[Problem, ...]:
    """Each distinct problem once, in the order found, errors before warnings."""
    distinct = list(dict.fromkeys(problems))
    return tuple(p for p in distinct if p.severity == "error") + tuple(
        p for p in distinct if p.severity != "error"
    )
