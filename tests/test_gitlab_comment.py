"""`portal comment`: the diff as a GitLab merge-request note, checked without a network.

The requests are recorded by a fake opener: their method, address, token header and
JSON body are what GitLab's notes API takes
(POST/PUT /projects/:id/merge_requests/:iid/notes[/:note_id], body).
"""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.errors import SetupError
from generator.staff import gitlab

ENV = {
    "PORTAL_GITLAB_TOKEN": "glpat-secret",
    "CI_API_V4_URL": "https://gitlab.example.org/api/v4",
    "CI_PROJECT_ID": "42",
    "CI_MERGE_REQUEST_IID": "7",
}
NOTES = "https://gitlab.example.org/api/v4/projects/42/merge_requests/7/notes"
DIFF = "### 网站内容变化（与 `origin/main` 相比）\n\n- 新增服务 1 项：老年人优待证办理\n"


class Response(io.BytesIO):
    """What urlopen returns: a readable context manager."""


class GitLab:
    """Records each request; answers the notes list with the notes given."""

    def __init__(self, notes: list[dict[str, Any]], refuse: dict[str, int] | None = None) -> None:
        self.notes = notes
        self.refuse = refuse or {}
        self.sent: list[urllib.request.Request] = []

    def __call__(self, req: urllib.request.Request) -> Response:
        self.sent.append(req)
        code = self.refuse.get(req.get_method())
        if code:
            raise urllib.error.HTTPError(req.full_url, code, "refused", {}, None)  # type: ignore[arg-type]
        if req.get_method() == "GET":
            return Response(json.dumps(self.notes).encode())
        return Response(b'{"id": 1}')


def body(req: urllib.request.Request) -> str:
    assert isinstance(req.data, bytes)
    return json.loads(req.data.decode("utf-8"))["body"]


def where() -> gitlab.Target:
    found = gitlab.target(ENV)
    assert isinstance(found, gitlab.Target)
    return found


def test_a_first_note_is_added() -> None:
    api = GitLab(notes=[{"id": 3, "body": "看过了", "system": False}])
    assert "发表评论" in gitlab.post(where(), DIFF, api)
    listed, added = api.sent
    assert listed.get_method() == "GET" and listed.full_url.startswith(NOTES + "?")
    assert added.get_method() == "POST" and added.full_url == NOTES
    assert added.get_header("Private-token") == "glpat-secret"
    assert added.get_header("Content-type").startswith("application/json")
    assert body(added) == f"{gitlab.MARKER}\n{DIFF}"


def test_the_same_note_is_edited_on_the_next_push() -> None:
    notes = [
        {"id": 5, "body": "添加了 1 次提交", "system": True},
        {"id": 4, "body": f"{gitlab.MARKER}\n旧的说明", "system": False},
    ]
    api = GitLab(notes)
    assert "已更新" in gitlab.post(where(), DIFF, api)
    edited = api.sent[-1]
    assert (edited.get_method(), edited.full_url) == ("PUT", f"{NOTES}/4")
    assert body(edited).endswith(DIFF)


def test_a_note_it_may_not_edit_gets_a_new_one() -> None:
    api = GitLab([{"id": 4, "body": f"{gitlab.MARKER}\n别人写的", "system": False}], {"PUT": 403})
    gitlab.post(where(), DIFF, api)
    assert [r.get_method() for r in api.sent] == ["GET", "PUT", "POST"]


def test_a_refused_token_is_a_message_without_the_token() -> None:
    with pytest.raises(SetupError) as raised:
        gitlab.post(where(), DIFF, GitLab([], {"GET": 401}))
    text = f"{raised.value.message} {raised.value.hint} {where()!r}"
    assert "HTTP 401" in text and "api" in text
    assert "glpat-secret" not in text


def test_a_project_path_is_quoted() -> None:
    found = gitlab.target({**ENV, "CI_PROJECT_ID": "county/portal-data"})
    assert isinstance(found, gitlab.Target)
    assert "/projects/county%2Fportal-data/merge_requests/7/notes" in found.notes


@pytest.mark.parametrize(
    ("unset", "reason"),
    [("PORTAL_GITLAB_TOKEN", "没有设置 CI 变量 PORTAL_GITLAB_TOKEN"),
     ("CI_MERGE_REQUEST_IID", "不是合并请求的流水线")],
)  # fmt: skip
def test_without_a_token_or_a_merge_request_nothing_is_sent(
    unset: str, reason: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv(unset)
    sent: list[object] = []
    monkeypatch.setattr(urllib.request, "urlopen", lambda *a, **k: sent.append(a))
    result = CliRunner().invoke(main, ["comment", str(tmp_path / "diff.md")])
    assert result.exit_code == 0, result.output
    assert reason in result.output
    assert sent == []


def test_the_command_posts_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)
    api = GitLab([])
    monkeypatch.setattr(urllib.request, "urlopen", lambda req, timeout: api(req))
    (tmp_path / "diff.md").write_text(DIFF, "utf-8")
    result = CliRunner().invoke(main, ["comment", str(tmp_path / "diff.md")])
    assert result.exit_code == 0, result.output
    assert "已在合并请求 !7 发表评论" in result.output
    assert body(api.sent[-1]) == f"{gitlab.MARKER}\n{DIFF}"
    missing = CliRunner().invoke(main, ["comment", str(tmp_path / "none.md")])
    assert missing.exit_code == 1 and "portal diff" in missing.output
