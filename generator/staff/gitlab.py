"""`portal comment`: post `portal diff`'s Markdown as a note on a GitLab merge request.

Run in a merge-request pipeline (.gitlab-ci.yml) with a token in the CI variable
PORTAL_GITLAB_TOKEN (a project access token with the api scope; GitLab's own job
token cannot write notes). One note per merge request, marked by a hidden HTML
comment, is edited on every push rather than a new one added. Without a token (a
fork's pipeline, or a project that has not set one) nothing is sent: the diff stays
in the job's artifacts.

The requests are built by plain functions and sent through an ``opener`` (urllib's
by default), so the tests check what would be sent without a network.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from generator.errors import SetupError

TOKEN = "PORTAL_GITLAB_TOKEN"
MARKER = "<!-- portal-diff -->"  # starts the note this command owns
TIMEOUT = 30  # seconds per request

Opener = Callable[[urllib.request.Request], Any]


@dataclass(frozen=True)
class Target:
    """The merge request to write on, from GitLab's predefined CI variables."""

    api: str  # CI_API_V4_URL, e.g. https://gitlab.example.org/api/v4
    project: str  # CI_PROJECT_ID
    merge_request: str  # CI_MERGE_REQUEST_IID
    token: str

    @property
    def notes(self) -> str:
        project = urllib.parse.quote(self.project, safe="")
        return (
            f"{self.api.rstrip('/')}/projects/{project}/merge_requests/{self.merge_request}/notes"
        )

    def __repr__(self) -> str:  # never show the token in a traceback or a log
        return f"Target({self.api!r}, {self.project!r}, {self.merge_request!r}, token=***)"


def target(env: Mapping[str, str]) -> Target | str:
    """Where to post, or why nothing is posted (in Chinese)."""
    if not env.get(TOKEN):
        return (
            f"没有设置 CI 变量 {TOKEN}，不发合并请求评论"
            "（网站变化说明在本次运行的 diff.md 中；设置方法见工作人员指南“提交和审核”）。"
        )
    names = ("CI_API_V4_URL", "CI_PROJECT_ID", "CI_MERGE_REQUEST_IID")
    missing = [name for name in names if not env.get(name)]
    if missing:
        return f"不是合并请求的流水线（没有 {'、'.join(missing)}），不发评论。"
    return Target(
        env["CI_API_V4_URL"], env["CI_PROJECT_ID"], env["CI_MERGE_REQUEST_IID"], env[TOKEN]
    )


def note_body(markdown: str) -> str:
    return f"{MARKER}\n{markdown}"


def request(
    where: Target, method: str, url: str, body: str | None = None
) -> urllib.request.Request:
    headers = {"PRIVATE-TOKEN": where.token, "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps({"body": body}, ensure_ascii=False).encode("utf-8")
        headers["Content-Type"] = "application/json; charset=utf-8"
    return urllib.request.Request(url, data=data, headers=headers, method=method)


def list_notes(where: Target) -> urllib.request.Request:
    """The merge request's newest notes, where this command's note is looked for."""
    query = urllib.parse.urlencode({"sort": "desc", "order_by": "updated_at", "per_page": 100})
    return request(where, "GET", f"{where.notes}?{query}")


def own_note(notes: list[dict[str, Any]]) -> int | None:
    """The id of the note this command wrote before (its body starts with the marker)."""
    for note in notes:
        if not note.get("system") and str(note.get("body", "")).startswith(MARKER):
            return int(note["id"])
    return None


def write_note(where: Target, markdown: str, note: int | None) -> urllib.request.Request:
    """Edit the note this command wrote before, or add one."""
    if note is None:
        return request(where, "POST", where.notes, note_body(markdown))
    return request(where, "PUT", f"{where.notes}/{note}", note_body(markdown))


def post(where: Target, markdown: str, opener: Opener | None = None) -> str:
    """Write the note; what was done, in Chinese. SetupError if GitLab refuses."""
    send = opener or (lambda req: urllib.request.urlopen(req, timeout=TIMEOUT))
    try:
        with send(list_notes(where)) as response:
            notes = json.loads(response.read().decode("utf-8"))
        note = own_note(notes if isinstance(notes, list) else [])
        if note is not None:
            try:
                with send(write_note(where, markdown, note)):
                    return f"已更新合并请求 !{where.merge_request} 的评论。"
            except urllib.error.HTTPError as error:
                if error.code not in (403, 404):  # not ours to edit, or gone: add one
                    raise
        with send(write_note(where, markdown, None)):
            return f"已在合并请求 !{where.merge_request} 发表评论。"
    except urllib.error.HTTPError as error:
        raise SetupError(
            f"GitLab 拒绝了评论请求（HTTP {error.code}）",
            f"请检查 CI 变量 {TOKEN}：应是本项目的访问令牌（Project access token），"
            "权限范围（scope）勾选 api，角色至少是 Reporter，且没有过期。",
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise SetupError(f"无法连接 GitLab 发表评论：{type(error).__name__}") from None
