"""`portal new`: a new settlement folder with every file of the data contract.

The files come from templates/new/: commented in Chinese line by line, with
placeholder values (某某, 0000 phones, 0 households) that validate as created, so
staff start from a folder that checks and previews, and replace the placeholders
one by one. Each one left in is a warning in `portal validate` and an error in
`portal build` (generator/checks/placeholders.py): a new settlement is published
only once it is filled in.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path

import jinja2

from generator import paths
from generator.contract.load import RESERVED, SLUG
from generator.errors import PortalError

TEMPLATES = paths.TEMPLATES / "new"
# a settlement's name goes into YAML as a plain value: Chinese, letters, digits, a few marks
NAME = re.compile(r"^[\w（）()·・—\-]+(?: [\w（）()·・—\-]+)*$")

CHECKLIST = """\
接下来请逐项填写（“某某”、0000 开头的电话、0 户 0 人和括号里的“请改成……”都是占位内容；
portal validate 会逐条提醒，全部改完之前 portal build 不会发布这个安置点）：
  1. settlement.yml：社区名称、所在地、户数人口、电话、简介、组织机构、服务设施、楼栋
  2. windows.yml：大厅办公时间、节假日安排、每个服务窗口和工作人员
  3. handbook.yml：本社区能办的每一项服务（材料、流程、窗口、时限、收费、电话）
  4. grids.yml：每个网格包含哪些楼栋、网格长、网格员和电话（每栋楼只能在一个网格）
  5. councils.yml 和 charter.md：居民公约全文、已成立的“七会”和议定事项
  6. funds/account.yml：资金来源、支出类别、双签字的职务；
     每季度用 portal funds template {slug} 生成台账模板
  7. notices/：示例通知请修改或删除
  8. 运行 portal validate 检查，portal serve {slug} 预览，确认后提交
"""


class ScaffoldError(PortalError):
    """The folder cannot be created as asked (bad slug or name, folder exists)."""


@dataclass(frozen=True)
class Scaffolded:
    folder: Path
    files: tuple[Path, ...]

    @property
    def checklist(self) -> str:
        return CHECKLIST.format(slug=self.folder.name)


def _schema_dir(data_dir: Path) -> Path:
    """schema/ beside the data folder (the data repository's layout), else the generator's."""
    beside = data_dir.resolve().parent / "schema"
    return beside if beside.is_dir() else paths.ROOT / "schema"


def check_arguments(slug: str, name: str, data_dir: Path) -> Path:
    """The folder to create; ScaffoldError with a Chinese message if it cannot be."""
    if not SLUG.fullmatch(slug):
        raise ScaffoldError(
            f"文件夹名「{slug}」不合要求：只能用小写英文字母、数字和减号，"
            "并以字母或数字开头，例如 xintiandi 或 longquan-2"
        )
    if slug in RESERVED:
        raise ScaffoldError(f"文件夹名「{slug}」是全县平台自己要用的网址，请换一个名字")
    if not NAME.fullmatch(name.strip()):
        raise ScaffoldError(
            f"社区名称「{name}」不合要求：请只写汉字、字母、数字和括号，例如 --name 新天地社区"
        )
    folder = data_dir / "settlements" / slug
    if folder.exists():
        raise ScaffoldError(f"文件夹 {folder.as_posix()} 已经存在，不会覆盖。请换一个名字")
    return folder


def scaffold(data_dir: Path, slug: str, name: str, today: dt.date | None = None) -> Scaffolded:
    """Create data/settlements/<slug>/ from templates/new/; nothing is overwritten."""
    folder = check_arguments(slug, name, data_dir)
    today = today or dt.date.today()
    schemas = _schema_dir(data_dir)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # YAML and Markdown, not HTML
    )
    rendered: dict[Path, str] = {}
    for template in sorted(TEMPLATES.rglob("*.j2")):
        relative = template.relative_to(TEMPLATES).with_suffix("")
        if relative.parent.name == "notices":
            relative = relative.parent / f"{today.isoformat()}-示例通知.md"
        target = folder / relative
        schema_path = os.path.relpath(schemas, target.parent)

        def schema_line(kind: str, _where: str = schema_path) -> str:
            path = Path(_where, f"{kind}.schema.json").as_posix()
            return f"# yaml-language-server: $schema={path}"

        context = {
            "name": name.strip(),
            "slug": slug,
            "today": today.isoformat(),
            "year": today.year,
            "month": today.month,
            "schema_line": schema_line,
        }
        rendered[target] = env.get_template(template.relative_to(TEMPLATES).as_posix()).render(
            context
        )
    for target, text in rendered.items():  # everything rendered before anything is written
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return Scaffolded(folder, tuple(sorted(rendered)))
