"""Photos: a file staff named in the data → a safe image to publish, or a Chinese problem.

A ``photo:`` value names a file in the settlement folder, and the data arrives by
pull request: the file may be anything. It is judged by its content, never its
name, and is never published as it is. It must be a regular file (not a
symbolic link) inside the settlement folder, at most MAX_BYTES on disk, really a
JPEG, PNG or WebP image (as Pillow detects it, from the allowed decoders only),
of at most MAX_PIXELS pixels (checked from the header, before any decoding), and
decodable in full. It is then re-encoded from its pixels alone: turned upright
by its EXIF orientation, the first frame only, scaled down to at most
LONGEST_SIDE pixels, written as a fresh JPEG (or PNG when it is see-through) into
a new image that carries no metadata at all: no EXIF (GPS position, camera
owner), no ICC profile, no comments, no PNG text chunks, nothing appended after
the image data.

``_check_photos`` (generator/checks/references.py) reports the problems with the place of
the ``photo:`` value; the grids section publishes ``Photo.data`` only. Within a
process the outcome is remembered by file identity (path, inode, size, mtime),
so validating and building in one process decode each photo once.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from PIL import Image, ImageFile, ImageOps

from generator.errors import codes
from generator.read.filekinds import other_kind
from generator.read.files import LIMITS, Refused, read_bytes

MAX_BYTES = LIMITS["photo"]  # 5 MB: a phone's 12-megapixel JPEG is 2-5 MB
MAX_PIXELS = 40_000_000  # 40 megapixels: above any ordinary phone photo, far below a bomb
LONGEST_SIDE = 600  # the card shows 90×120 CSS pixels: 600 is sharp at 3× and when enlarged
JPEG_QUALITY = 85

# Pillow's format name → the suffixes staff may give it, the first one preferred.
# MPO is how Pillow names the JPEG of many phones (a JPEG with a second, smaller picture).
ALLOWED: dict[str, tuple[str, ...]] = {
    "JPEG": (".jpg", ".jpeg"),
    "MPO": (".jpg", ".jpeg"),
    "PNG": (".png",),
    "WEBP": (".webp",),
}
OPENERS = ["JPEG", "PNG", "WEBP"]  # the only decoders that ever see staff files (JPEG gives MPO)
KIND_NAMES = {"JPEG": "JPG", "MPO": "JPG", "PNG": "PNG", "WEBP": "WebP"}
ALLOWED_TEXT = "JPG、PNG 或 WebP"

# code -> (short title, hint); generator/cli/catalogue.py gathers them into the error reference.
IMAGE_CODES: dict[str, tuple[str, str]] = codes({
    "photo.symlink": (
        "照片是一个“快捷方式”（符号链接）",
        "照片必须是真正放在本安置点文件夹里的图片文件，不能是指向别处的链接："
        "请把照片文件本身复制到 photos 文件夹中。",
    ),
    "photo.not_image": (
        "照片文件不是图片",
        f"请换成手机或相机拍的 {ALLOWED_TEXT} 照片；改文件的扩展名并不能把文字或网页变成图片。",
    ),
    "photo.format": (
        "照片的格式不能用",
        f"只能用 {ALLOWED_TEXT} 格式的照片：请用手机相册或电脑的“画图”把它另存为 JPG 后再放进来。",
    ),
    "photo.too_large": (
        "照片文件太大",
        "照片文件不能超过 5 MB：请用手机相册的“编辑/裁剪”或电脑的“画图”缩小尺寸后另存，"
        "或用微信发给自己再保存。",
    ),
    "photo.too_many_pixels": (
        "照片的像素太多",
        "照片不能超过 4000 万像素：请用电脑的“画图”→“重新调整大小”缩小后另存为 JPG。",
    ),
    "photo.broken": (
        "照片文件已损坏，打不开",
        "文件可能没有传完整或已损坏：请从手机或相机重新导出这张照片，再放进来。",
    ),
    "photo.suffix": (
        "照片的扩展名与实际格式不符",
        "照片仍会发布；为免混淆，请按提示改正文件的扩展名，并同样改正 photo: 这一行。",
    ),
})


@dataclass(frozen=True)
class PhotoProblem:
    """What is wrong with one photo, in Chinese, with a code from IMAGE_CODES."""

    code: str
    message: str
    severity: str = "error"  # "warning" for a wrong suffix: the photo is still published


@dataclass(frozen=True)
class Photo:
    """A re-encoded photo, safe to publish: fresh pixels and nothing else."""

    data: bytes
    suffix: str  # ".jpg" or ".png"
    width: int
    height: int


@dataclass(frozen=True)
class Prepared:
    """The outcome for one photo: the image to publish (None on an error) and problems."""

    photo: Photo | None
    problems: tuple[PhotoProblem, ...] = ()


class _Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


_CACHE: OrderedDict[tuple, Prepared] = OrderedDict()
_CACHE_SIZE = 256  # a published photo is 20-100 KB: at most a few tens of MB
_LOCK = threading.Lock()


def prepare(folder: Path, value: str) -> Prepared:
    """The photo ``value`` (a path in the settlement ``folder``) made safe, or its problems.

    Never raises for anything in the file: every failure is a PhotoProblem. A photo
    outside the folder or missing is ``ref.missing_file``, like any missing file.
    """
    try:
        target, info = _locate(folder, value)
    except _Refused as refused:
        return Prepared(None, (PhotoProblem(refused.code, refused.message),))
    except (OSError, ValueError):  # missing, unreadable, a NUL in the name, too long a name
        return Prepared(None, (_missing(value),))
    key = (str(target), value, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns)
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return cached
    prepared = _prepare(target, value)
    with _LOCK:
        _CACHE[key] = prepared
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return prepared


def _missing(value: str) -> PhotoProblem:
    return PhotoProblem("ref.missing_file", f"照片「{value}」不在本安置点文件夹中或不存在")


def _locate(folder: Path, value: str) -> tuple[Path, os.stat_result]:
    """The file inside ``folder``, refusing links on the way and anything outside."""
    relative = PurePath(value)
    if relative.is_absolute() or not relative.parts:
        raise _Refused("ref.missing_file", _missing(value).message)
    path = folder
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            raise _Refused(
                "photo.symlink",
                f"照片「{value}」是一个指向别处的链接（快捷方式），不是图片文件本身："
                "请把照片文件复制到本安置点的文件夹里",
            )
    root = folder.resolve()
    resolved = path.resolve()
    if not resolved.is_relative_to(root) or resolved == root:
        raise _Refused("ref.missing_file", _missing(value).message)
    info = path.stat(follow_symlinks=False)  # OSError when missing
    if not stat.S_ISREG(info.st_mode):
        raise _Refused("ref.missing_file", _missing(value).message)
    return path, info


def _prepare(path: Path, value: str) -> Prepared:
    try:
        data = _read(path, value)
        image, kind = _open(data, value)
        photo = _reencode(image, value)
    except _Refused as refused:
        return Prepared(None, (PhotoProblem(refused.code, refused.message),))
    problems = []
    suffix = path.suffix.lower()
    if suffix not in ALLOWED[kind]:
        better = path.with_suffix(ALLOWED[kind][0]).name
        problems.append(
            PhotoProblem(
                "photo.suffix",
                f"照片「{value}」其实是 {KIND_NAMES[kind]} 图片，扩展名却是"
                f"「{path.suffix or '（没有）'}」：请把文件改名为 {better}，"
                "并同样改正 photo: 这一行",
                severity="warning",
            )
        )
    return Prepared(photo, tuple(problems))


def _read(path: Path, value: str) -> bytes:
    """At most MAX_BYTES of a regular file, opened without following a link."""
    try:
        data = read_bytes(path, None, "photo")
    except Refused as refused:
        if refused.code == "file.too_large":
            raise _Refused("photo.too_large", _too_large(value, path.lstat().st_size)) from None
        if refused.code == "file.symlink":
            message = f"照片「{value}」是指向别处的链接，不是图片文件本身"
            raise _Refused("photo.symlink", message) from None
        raise _Refused("ref.missing_file", _missing(value).message) from None
    except OSError as error:
        raise _Refused("photo.broken", f"照片「{value}」无法读取（{error.strerror}）") from None
    if not data:
        raise _Refused(
            "photo.not_image",
            f"照片「{value}」是一个空文件：请换成手机或相机拍的 {ALLOWED_TEXT} 照片",
        )
    return data


def _too_large(value: str, size: int) -> str:
    return (
        f"照片「{value}」有 {size / 1024 / 1024:.1f} MB，超过了 {MAX_BYTES // 1024 // 1024} MB："
        "请缩小后另存（例如用微信发给自己再保存），再放进来"
    )


@contextlib.contextmanager
def _whole_images_only() -> Iterator[None]:
    """A truncated file is broken, even in a process where WeasyPrint was imported.

    WeasyPrint sets Pillow's global ImageFile.LOAD_TRUNCATED_IMAGES to True when it
    loads (for the images of a PDF); a photo is decoded with it off.
    """
    with _LOCK:
        before = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = before


def _open(data: bytes, value: str) -> tuple[Image.Image, str]:
    """The image decoded in full, with Pillow's format name; only allowed decoders run."""
    other = other_kind(data)
    if other is not None:
        code, what = other
        if code == "photo.format":
            space = " " if what[0].isascii() else ""
            message = (
                f"照片「{value}」是{space}{what}，不能使用：只能用 {ALLOWED_TEXT} 格式，"
                "请另存为 JPG"
            )
        else:
            message = (
                f"照片「{value}」不是图片文件（{what}）：请换成手机或相机拍的 {ALLOWED_TEXT} 照片"
            )
        raise _Refused(code, message)
    broken = _Refused(
        "photo.broken",
        f"照片「{value}」已损坏或不完整，打不开：请从手机或相机重新导出这张照片",
    )
    too_many = (
        f"照片「{value}」的像素太多（超过 {MAX_PIXELS // 10_000} 万像素）：请缩小尺寸后另存为 JPG"
    )
    try:
        with warnings.catch_warnings(), _whole_images_only():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=OPENERS)
            kind = image.format or ""
            width, height = image.size
            if width <= 0 or height <= 0:
                raise broken
            if width * height > MAX_PIXELS:
                raise _Refused("photo.too_many_pixels", too_many + f"（现在是 {width}×{height}）")
            if kind in ("JPEG", "MPO"):
                image.draft("RGB", (LONGEST_SIDE, LONGEST_SIDE))  # decode at ≥ 1/8 scale
            image.load()
    except _Refused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _Refused("photo.too_many_pixels", too_many) from None
    except Image.UnidentifiedImageError:
        raise _Refused(
            "photo.not_image",
            f"照片「{value}」不是图片文件（无法识别的内容）："
            f"请换成手机或相机拍的 {ALLOWED_TEXT} 照片",
        ) from None
    except Exception:  # a truncated or malformed file: Pillow raises many kinds
        raise broken from None
    if kind not in ALLOWED:
        raise broken
    return image, kind


def _reencode(image: Image.Image, value: str) -> Photo:
    """Fresh pixels, upright, first frame, scaled down, in a new image with no metadata.

    Scaled down first and turned in place, so a 40-megapixel file is held once in
    memory, not copied at full size.
    """
    try:
        if image.mode in ("1", "P", "PA") or "transparency" in image.info:
            image = image.convert("RGBA")  # resampling needs real colours, not a palette
        elif image.mode.startswith("I;16") or image.mode == "I":  # 16-bit grey → 8-bit
            image = image.convert("I").point(lambda v: v / 256).convert("L")
        elif image.mode not in ("L", "LA", "RGB", "RGBA"):  # CMYK, YCbCr, …
            image = image.convert("RGB")
        image.thumbnail((LONGEST_SIDE, LONGEST_SIDE), Image.Resampling.LANCZOS, reducing_gap=3.0)
        with contextlib.suppress(Exception):  # broken EXIF: keep the pixels as stored
            ImageOps.exif_transpose(image, in_place=True)
        see_through = _has_transparency(image)
        mode = "RGBA" if see_through else ("L" if image.mode in ("L", "LA") else "RGB")
        pixels = image if image.mode == mode else image.convert(mode)
        # a new image from raw pixels: nothing of image.info (EXIF, ICC, comments, text) follows
        clean = Image.frombytes(mode, pixels.size, pixels.tobytes())
        out = io.BytesIO()
        if see_through:
            clean.save(out, "PNG", optimize=True)
            suffix = ".png"
        else:
            clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
            suffix = ".jpg"
    except Exception:
        raise _Refused(
            "photo.broken",
            f"照片「{value}」已损坏或不完整，打不开：请从手机或相机重新导出这张照片",
        ) from None
    return Photo(out.getvalue(), suffix, clean.width, clean.height)


def _has_transparency(image: Image.Image) -> bool:
    """Whether some pixel is not fully opaque."""
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        alpha = image.getchannel("A")
    elif "transparency" in image.info:
        alpha = image.convert("RGBA").getchannel("A")
    else:
        return False
    low, _ = alpha.getextrema()
    return low < 255
