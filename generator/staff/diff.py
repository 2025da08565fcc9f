"""`portal diff`: what a change to data/ will change on the portals, in Chinese.

The data folder as it is now is compared with the same folder at a git
revision (default HEAD): both are loaded into models with load_project, so only
changes that reach a page count. A version with mistakes is still compared, part
by part, as far as its files load; the summary says so.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.checks.project import load_project
from generator.contract.load import SLUG, read_portal, read_settlement, settlement_folders
from generator.contract.portal import Portal
from generator.errors import Report, SetupError
from generator.staff import diff_changes as changes
from generator.staff.diff_changes import Snapshot, changed_fields

NOTHING = "没有影响网站内容的改动"
HUB = "全县平台"
PARTS = ("profile", "handbook", "windows", "grids", "councils", "charter", "funds", "notices")


@dataclass(frozen=True)
class Tree:
    """One version of data/: the hub settings, each settlement, and how many errors it has."""

    portal: Portal | None
    settlements: dict[str, Snapshot]
    errors: int


ALERT = "请重点核对：已封存的经费被改动"


@dataclass(frozen=True)
class Summary:
    rev: str
    sections: list[tuple[str, list[str]]]  # (heading, lines), only those with changes
    notes: list[str]  # about versions that have mistakes
    alerts: list[str] = field(default_factory=list)  # money changed in a sealed period

    def markdown(self) -> str:
        """For a pull-request comment: every text from the data is escaped (it is untrusted)."""
        rev = f"`{self.rev}`" if re.fullmatch(r"[^`\s]+", self.rev) else escape(self.rev)
        out = [f"### 网站内容变化（与 {rev} 相比）", ""]
        if self.alerts:
            out += [f"> ⛔ **{ALERT}**", ">", *(f"> - {escape(a)}" for a in self.alerts), ""]
        out += [f"> ⚠️ {escape(note)}" for note in self.notes] + ([""] if self.notes else [])
        if not self.sections:
            out.append(f"{NOTHING}。")
        for heading, lines in self.sections:
            out += [f"**{escape(heading)}**", "", *(f"- {escape(line)}" for line in lines), ""]
        return "\n".join(out).rstrip() + "\n"

    def text(self) -> str:
        out = [f"网站内容变化（与 {plain(self.rev)} 相比）："]
        if self.alerts:
            out += [f"！！{ALERT}：", *(f"  ！ {plain(a)}" for a in self.alerts)]
        out += [f"注意：{plain(note)}" for note in self.notes]
        if not self.sections:
            out.append(f"{NOTHING}。")
        for heading, lines in self.sections:
            out += [f"{plain(heading)}：", *(f"  - {plain(line)}" for line in lines)]
        return "\n".join(out) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
# ASCII punctuation, but a comma, and a dot or dash between digits (12,345.60, 2026-039,
# 0359-0000011), which mean nothing to Markdown there and stay readable in the source
_PUNCTUATION = re.compile(r"([!-+/:-@\[-`{-~]|(?<![0-9])[.-]|[.-](?![0-9]))")


def plain(text: str) -> str:
    """One line for a terminal: no control characters (no escape sequences, no line breaks)."""
    return _CONTROL.sub(" ", text)


def escape(text: str) -> str:
    """Text from the data as literal Markdown: no markup, HTML, links, mentions or references.

    ASCII punctuation is backslash-escaped (CommonMark shows it as written);
    a zero-width space after @ and # keeps GitHub and GitLab from mentioning a user or
    linking an issue (!1 and %1 in GitLab too).
    """
    text = _PUNCTUATION.sub(r"\\\1", plain(text))
    return re.sub(r"([@#!%$&~])", "\\1\u200b", text)


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def extract(data_dir: Path, rev: str, into: Path) -> Path:
    """The data folder as it was at rev, written under into; it may not exist there."""
    data = data_dir.resolve()
    if not data.is_dir():
        raise SetupError(f"数据文件夹 {data_dir} 不存在", "请用 --data 指定数据文件夹")
    if shutil.which("git") is None:
        raise SetupError("没有找到 git 命令", "请先安装 git（sudo apt-get install git）")
    top = _git(["rev-parse", "--show-toplevel"], data)
    if top.returncode != 0:
        raise SetupError(
            f"数据文件夹 {data_dir} 不在 git 仓库中，无法和以前的版本比较",
            "请在数据仓库（git clone 下来的文件夹）中运行 portal diff",
        )
    root = Path(top.stdout.decode().strip())
    if _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], root).returncode != 0:
        raise SetupError(
            f"git 仓库中找不到版本「{rev}」",
            "请写分支名、标签或提交号，例如 HEAD、main、origin/main；远程分支要先 git fetch",
        )
    relative = data.relative_to(root.resolve()).as_posix()
    target = into / relative
    if relative != "." and _git(["cat-file", "-e", f"{rev}:{relative}"], root).returncode != 0:
        return target  # the folder is new since rev: everything in it is new
    archive = _git(["archive", "--format=tar", rev, "--", relative], root)
    if archive.returncode != 0:
        raise SetupError(f"无法取出版本「{rev}」的数据：{archive.stderr.decode().strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return target


def load_tree(data_dir: Path) -> Tree:
    """Load one version: whole through load_project, or part by part if it has errors."""
    if not data_dir.is_dir():
        return Tree(None, {}, 0)
    project, report = load_project(data_dir)
    if project is not None:
        snapshots = {
            s.slug: Snapshot(s.slug, **{name: getattr(s, name) for name in PARTS})
            for s in project.settlements
        }
        return Tree(project.portal, snapshots, 0)
    partial = Report(root=data_dir)
    portal, _ = read_portal(data_dir, partial)  # the loader's own steps, file by file
    snapshots = {
        folder.name: _partial(folder, partial)
        for folder in settlement_folders(data_dir)
        if SLUG.match(folder.name)
    }
    return Tree(portal, snapshots, len(report.errors))


def _partial(folder: Path, report: Report) -> Snapshot:
    """What loads of a settlement with mistakes (contract.load.read_settlement), part by part."""
    loaded = read_settlement(folder, report)
    if loaded is None:
        return Snapshot(folder.name, broken=frozenset({"settlement"}))
    broken = set(loaded.failed)
    if any(not q.ledger.complete for q in loaded.periods) or (
        loaded.has_funds and loaded.account is None
    ):
        broken.add("funds")
    return Snapshot(
        folder.name, loaded.profile, handbook=loaded.handbook, windows=loaded.windows,
        grids=loaded.grids, councils=loaded.councils, charter=loaded.charter, funds=loaded.funds,
        notices=loaded.notices, broken=frozenset(broken),
    )  # fmt: skip


def compare(old: Tree, new: Tree, rev: str) -> Summary:
    hub: list[str] = []
    fields = changed_fields(old.portal, new.portal)
    hub += [f"平台设置修改：{changes.names(fields)}"] if fields else []
    sections = []
    for slug, snap in new.settlements.items():
        if slug not in old.settlements:
            hub.append(f"新增安置点：{snap.name}（{slug}）")
    for slug, snap in old.settlements.items():
        if slug not in new.settlements:
            hub.append(f"删除安置点：{snap.name}（{slug}）")
    for slug, snap in new.settlements.items():
        was = old.settlements.get(slug, Snapshot(slug))
        lines = changes.settlement(was, snap)
        if lines:
            sections.append((f"{snap.name}（{slug}）", lines))
    notes = []
    if old.errors:
        notes.append(f"旧版本（{rev}）的数据有 {old.errors} 处错误，只比较了能读取的部分。")
    if new.errors:
        notes.append(
            f"当前数据有 {new.errors} 处错误，网站不会更新；请运行 portal validate 查看并改正。"
            "下面只比较了能读取的部分。"
        )
    alerts = [
        alert
        for slug, snap in new.settlements.items()
        for alert in changes.alerts(old.settlements.get(slug, Snapshot(slug)), snap)
    ]
    return Summary(rev, ([(HUB, hub)] if hub else []) + sections, notes, alerts)


def diff(data_dir: Path, rev: str = "HEAD") -> Summary:
    """Compare data_dir as it is now with data_dir at rev."""
    with tempfile.TemporaryDirectory(prefix="portal-diff-") as tmp:
        old_dir = extract(data_dir, rev, Path(tmp))
        old = load_tree(old_dir)
        new = load_tree(data_dir)
    return compare(old, new, rev)
