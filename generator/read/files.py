"""Opening the files of data/: inside it, never through a symlink, regular files, bounded size.

The data arrives by pull request, so a file staff name is opened only if

* it lies inside the data folder, and no folder on the way to it nor the file
  itself is a symbolic link (a link could publish /etc/passwd or another
  settlement's folder);
* it is a regular file (a FIFO would hang the build, a device never ends);
* it is no larger than the limit for its kind.

The checks are made on the path, then again on the opened file (``O_NOFOLLOW``,
``fstat``), so a file swapped for a link in between is refused too. Refusals
are ``Refused`` with a stable code and a Chinese message; callers report them.
Folders that are listed (settlements/, funds/, notices/) are entered only when
they are real folders (``real_folder``), not links to one.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.errors import codes

# code -> (title, hint): reading a file or finding it
READ_CODES: dict[str, tuple[str, str]] = codes(
    {
        "file.missing": (
            "缺少必需的文件",
            "请按数据格式说明建立这个文件，可复制示例数据中的同名文件再修改。",
        ),
        "file.encoding": (
            "文件编码无法识别",
            "请用记事本或 WPS 另存为“UTF-8”编码后再提交。",
        ),
        "file.unreadable": (
            "文件无法读取",
            "请确认文件没有损坏，并且不是空文件或其他格式改了扩展名。",
        ),
        "file.name": (
            "文件名不对，不会被读取",
            "请把文件改成说明中的名字（全部小写，扩展名 .yml）。",
        ),
    }
)

MB = 1024 * 1024
# the largest file of each kind staff may name; the sample's largest YAML is 31 KB
LIMITS = {
    "yaml": 1 * MB,
    "text": 1 * MB,  # charter.md, notices
    "ledger": 10 * MB,
    "photo": 5 * MB,
}
ANY_FILE = 20 * MB  # larger files in a settlement folder are hashed by size, never read

FILE_CODES: dict[str, tuple[str, str]] = codes({
    "file.symlink": (
        "数据中有符号链接（快捷方式）",
        "网站只读取数据文件夹里真正的文件，不跟随符号链接：请删除这个链接，"
        "把真正的文件（或文件夹）复制到这里。",
    ),
    "file.special": (
        "这不是普通文件",
        "数据文件夹里只能放普通文件和文件夹：请删除它（它可能是管道、设备或套接字）。",
    ),
    "file.too_large": (
        "文件太大",
        "请检查是否放错了文件；YAML 和 Markdown 文件不超过 1 MB，台账不超过 10 MB，"
        "照片不超过 5 MB。",
    ),
    "file.outside": (
        "文件不在数据文件夹中",
        "只能引用本安置点文件夹里的文件，路径中不要写 ../ 或以 / 开头。",
    ),
})


class Refused(Exception):
    """A file that is not read: a code of FILE_CODES and a Chinese message."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code, message)
        self.code = code
        self.message = message


def _size(n: int) -> str:
    return f"{n / MB:.1f} MB" if n >= MB / 10 else f"{n // 1024 + 1} KB"


def check_path(path: Path, root: Path | None) -> None:
    """Refused unless path is inside root with no symlink on the way, and a regular file.

    Without root only the file itself is checked.
    """
    path = Path(os.path.abspath(path))
    parts: list[Path] = [path]
    if root is not None:
        base = Path(os.path.abspath(root))
        try:
            relative = path.relative_to(base)
        except ValueError:
            raise Refused("file.outside", f"「{path.name}」不在数据文件夹中") from None
        parts = [base.joinpath(*relative.parts[: i + 1]) for i in range(len(relative.parts))]
    if not parts:
        raise Refused("file.special", "这是数据文件夹本身，不是文件")
    for part in parts:
        try:
            info = os.lstat(part)
        except (FileNotFoundError, NotADirectoryError):
            raise FileNotFoundError(str(path)) from None
        except OSError as exc:
            raise Refused("file.special", f"无法读取「{part.name}」：{exc.strerror}") from None
        if stat.S_ISLNK(info.st_mode):
            raise Refused("file.symlink", f"「{part.name}」是符号链接，网站不会读取它")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("file.special", f"「{path.name}」不是普通文件")


def read_bytes(path: Path, root: Path | None, kind: str) -> bytes:
    """The file's bytes, if it passes check_path and its kind's size limit.

    FileNotFoundError passes through (callers say which file is missing); every
    other refusal is Refused.
    """
    check_path(path, root)
    limit = LIMITS[kind]
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            raise
        message = f"「{Path(path).name}」无法安全打开（{exc.strerror}）"
        raise Refused("file.symlink", message) from None
    with os.fdopen(descriptor, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused("file.special", f"「{Path(path).name}」不是普通文件")
        if info.st_size > limit:
            raise Refused(
                "file.too_large",
                f"「{Path(path).name}」有 {_size(info.st_size)}，超过了上限 {_size(limit)}",
            )
        data = file.read(limit + 1)
    if len(data) > limit:  # grew while being read
        raise Refused("file.too_large", f"「{Path(path).name}」超过了上限 {_size(limit)}")
    return data


def present(path: Path) -> bool:
    """Something is there by this name (a file, a link, a pipe): the read says if it is usable."""
    return os.path.lexists(path)


def real_folder(path: Path) -> bool:
    """A folder that is really there: not a symlink to one."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def is_symlink(path: Path) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False
