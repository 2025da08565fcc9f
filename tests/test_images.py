"""Photos are judged by their content and published only as fresh, metadata-free images.

Each attack is built here in a copy of the sample data, named as a 网格长's photo
in xintiandi/grids.yml: refused ones must be reported at the line of the
``photo:`` value with nothing published; accepted ones must reach the built site
re-encoded, without the bytes that were smuggled in.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE, TODAY, article
from PIL import Image, ImageFilter, PngImagePlugin

from generator.checks.project import load_project
from generator.cli.main import main
from generator.errors import DataError
from generator.pages.sections.grids import grid_views
from generator.read import photos as images
from generator.sites.site import build

SLUG = "xintiandi"
GRIDS_FILE = f"data/settlements/{SLUG}/grids.yml"
LEADERS = {"g01": "王某某", "g02": "杨某某", "g03": "黄某某", "g04": "周某某", "g05": "吴某某"}
MOBILE = "13912345678"
ID_NUMBER = "142701199001011234"
ALLOWED = "JPG、PNG 或 WebP"


# ---- the files an attacker (or a hurried member of staff) might name as a photo ----


def _encode(image: Image.Image, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png_chunks(data: bytes) -> list[bytes]:
    kinds, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kinds.append(data[at + 4 : at + 8])
        at += 12 + length
    return kinds


def id_card_text() -> bytes:
    return f"张三\n身份证号：{ID_NUMBER}\n手机：{MOBILE}\n".encode()


def html_page() -> bytes:
    return b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def tiny_png() -> bytes:
    return _encode(Image.new("RGB", (8, 8), (200, 30, 30)), "PNG")


POLYGLOT_TAIL = f"<script>alert('{MOBILE}')</script>".encode()


def polyglot_png() -> bytes:
    """A real PNG with a script and a mobile number after IEND: viewers show the image."""
    return tiny_png() + POLYGLOT_TAIL


JPEG_COMMENT = b"COMMENT-resident-home-at-Building-7"
CAMERA_OWNER = "Owner-Zhang-San"


def exif_jpeg() -> bytes:
    """40×20, to be shown rotated (orientation 6), with GPS, camera owner and a comment."""
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90° clockwise to view
    exif[0x013B] = CAMERA_OWNER  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)}  # GPSInfo
    image = Image.new("RGB", (40, 20), (30, 160, 60))
    return _encode(image, "JPEG", exif=exif, comment=JPEG_COMMENT)


def text_chunk_png() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", f"resident mobile {MOBILE}")
    data = _encode(Image.new("RGB", (16, 16), (10, 10, 200)), "PNG", pnginfo=info)
    assert b"tEXt" in data and MOBILE.encode() in data
    return data


def see_through_png() -> bytes:
    """A cut-out portrait: transparent corners, an iTXt chunk and an ICC profile."""
    image = Image.new("RGBA", (32, 48), (0, 0, 0, 0))
    image.paste((220, 180, 150, 255), (8, 8, 24, 40))
    info = PngImagePlugin.PngInfo()
    info.add_itxt("Description", f"手机 {MOBILE}")
    icc = b"\0" * 128  # what matters is that no iCCP chunk is published
    return _encode(image, "PNG", pnginfo=info, icc_profile=icc)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width×height: a few hundred bytes on disk, gigabytes decoded."""
    header = _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    body = _chunk(b"IDAT", zlib.compress(b"\0" * 65536, 9))
    return b"\x89PNG\r\n\x1a\n" + header + body + _chunk(b"IEND", b"")


def photo_like(width: int, height: int) -> Image.Image:
    """Smooth content with some grain: compresses like a photo, not like noise."""
    grain = Image.effect_noise((width, height), 20).convert("RGB")
    grain = grain.filter(ImageFilter.GaussianBlur(2))
    ramp = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    return Image.blend(grain, ramp, 0.5)


def oversized_jpeg() -> bytes:
    """A real JPEG, made larger than 5 MB by bytes after its end."""
    data = _encode(photo_like(64, 64), "JPEG")
    return data + b"\0" * (images.MAX_BYTES + 1 - len(data))


def truncated_jpeg() -> bytes:
    data = _encode(photo_like(400, 300), "JPEG", quality=90)
    return data[: len(data) // 2]


def gif() -> bytes:
    return _encode(Image.new("RGB", (8, 8), (0, 0, 255)), "GIF")


def bmp() -> bytes:
    return _encode(Image.new("RGB", (8, 8), (0, 0, 255)), "BMP")


def large_photo() -> bytes:
    data = _encode(photo_like(3000, 4000), "JPEG", quality=85)
    assert len(data) <= images.MAX_BYTES
    return data


# ---- the data tree ----


def copy_sample(root: Path) -> Path:
    data = root / "data"
    shutil.copytree(SAMPLE, data)
    return data


def give_photo(data: Path, grid: str, value: str, content: bytes | None = None) -> int:
    """Name ``value`` as the photo of the grid's 网格长 (writing it); the line it is on."""
    folder = data / "settlements" / SLUG
    if content is not None:
        target = folder / value
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    grids = folder / "grids.yml"
    text = grids.read_text("utf-8")
    old = f"leader: {{name: {LEADERS[grid]}, "
    assert text.count(old) == 1
    text = text.replace(old, f"{old}photo: {value}, ")
    grids.write_text(text, "utf-8")
    return next(n for n, line in enumerate(text.splitlines(), 1) if f"photo: {value}," in line)


def problems_at(data: Path, code: str, line: int) -> list:
    _, report = load_project(data, only=[SLUG])
    found = [p for p in report.problems if p.code == code]
    assert found, [(p.code, p.message) for p in report.problems]
    assert [(p.file, p.line) for p in found] == [(GRIDS_FILE, line)]
    assert found[0].column > 0
    return found


TOO_MANY = "photo.too_many_pixels"
REFUSED = {
    # id: (file name, content, code, words the message must contain)
    "id-card-text-named-jpg": ("zhang.jpg", id_card_text, "photo.not_image", "内容是文字"),
    "html-named-png": ("zhang.png", html_page, "photo.not_image", "网页"),
    "bomb-50000x50000": ("bomb.png", lambda: png_header(50_000, 50_000), TOO_MANY, ""),
    "48-megapixels": ("big.png", lambda: png_header(8000, 6000), TOO_MANY, "8000×6000"),
    "over-5-mb": ("zhang.jpg", oversized_jpeg, "photo.too_large", "5 MB"),
    "truncated-jpeg": ("zhang.jpg", truncated_jpeg, "photo.broken", "不完整"),
    "gif": ("zhang.gif", gif, "photo.format", ALLOWED),
    "bmp-named-jpg": ("zhang.jpg", bmp, "photo.format", ALLOWED),
    "empty": ("zhang.jpg", lambda: b"", "photo.not_image", "空文件"),
}


@pytest.mark.parametrize("case", list(REFUSED), ids=list(REFUSED))
def test_refused_photo_is_reported_at_its_line(case: str, tmp_path: Path) -> None:
    name, content, code, words = REFUSED[case]
    data = copy_sample(tmp_path)
    value = f"photos/{name}"
    line = give_photo(data, "g01", value, content())
    (problem,) = problems_at(data, code, line)
    assert f"照片「{value}」" in problem.message and words in problem.message
    assert problem.severity == "error"
    assert problem.hint_text, "the catalogue has a hint for it"
    assert MOBILE not in problem.message and ID_NUMBER not in problem.message


def test_truncated_photo_is_refused_after_weasyprint_loaded(tmp_path: Path) -> None:
    """WeasyPrint turns on Pillow's global LOAD_TRUNCATED_IMAGES when it is imported (a
    build that renders the handbook PDF): a truncated photo must still be refused."""
    import weasyprint  # noqa: F401  # sets PIL.ImageFile.LOAD_TRUNCATED_IMAGES = True
    from PIL import ImageFile

    assert ImageFile.LOAD_TRUNCATED_IMAGES
    data = copy_sample(tmp_path)
    line = give_photo(data, "g01", "photos/cut.jpg", truncated_jpeg())
    (problem,) = problems_at(data, "photo.broken", line)
    assert "photos/cut.jpg" in problem.message


def test_refused_photo_fails_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    line = give_photo(data, "g01", "photos/zhang.jpg", id_card_text())
    out = tmp_path / "site"
    with pytest.raises(DataError) as failed:
        build(data, out, only=[SLUG], today=TODAY, pdf=False)
    refused = [p for p in failed.value.report.errors if p.code == "photo.not_image"]
    assert [(p.file, p.line) for p in refused] == [(GRIDS_FILE, line)]
    published = [p for p in out.rglob("*") if p.is_file()] if out.exists() else []
    assert not any(ID_NUMBER.encode() in p.read_bytes() for p in published)
    assert not (out / SLUG / "grids" / "photos").exists()


def test_validate_prints_the_place_and_a_chinese_fix(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    line = give_photo(data, "g01", "photos/zhang.jpg", id_card_text())
    result = CliRunner().invoke(main, ["validate", "--data", str(data)])
    assert result.exit_code == 1
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert f"{GRIDS_FILE}:{line}:" in result.stderr
    assert "错误 [photo.not_image] 照片「photos/zhang.jpg」不是图片文件（内容是文字）" in output
    assert "怎么改：" in result.stderr
    assert ID_NUMBER not in output and MOBILE not in output


def test_symlink_to_system_file_is_refused(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    photos = data / "settlements" / SLUG / "photos"
    photos.mkdir()
    (photos / "zhang.jpg").symlink_to("/etc/passwd")
    line = give_photo(data, "g01", "photos/zhang.jpg")
    (problem,) = problems_at(data, "photo.symlink", line)
    assert "链接" in problem.message


def test_symlink_to_a_real_photo_inside_the_folder_is_refused(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    folder = data / "settlements" / SLUG
    (folder / "real.jpg").write_bytes(exif_jpeg())
    (folder / "photos").mkdir()
    (folder / "photos" / "zhang.jpg").symlink_to("../real.jpg")
    line = give_photo(data, "g01", "photos/zhang.jpg")
    problems_at(data, "photo.symlink", line)


def test_linked_folder_is_refused(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    folder = data / "settlements" / SLUG
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "zhang.jpg").write_bytes(exif_jpeg())
    (folder / "photos").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    line = give_photo(data, "g01", "photos/zhang.jpg")
    problems_at(data, "photo.symlink", line)


def test_photo_swapped_after_validation_is_not_published(tmp_path: Path) -> None:
    """Page building re-checks the file: a photo replaced after the checks ran is left out."""
    data = copy_sample(tmp_path)
    give_photo(data, "g01", "photos/zhang.jpg", exif_jpeg())
    project, report = load_project(data, only=[SLUG])
    assert project is not None, [p.message for p in report.errors]
    (data / "settlements" / SLUG / "photos" / "zhang.jpg").write_bytes(id_card_text())
    files: list = []
    views = grid_views(project.settlement(SLUG), files)
    assert files == []
    assert views[0].people[0].photo is None


# ---- accepted photos: one real build of xintiandi, a different photo on each card ----

PUBLISHED = {
    "g01": ("photos/polyglot.png", polyglot_png),
    "g02": ("photos/gps.jpg", exif_jpeg),
    "g03": ("photos/text.png", text_chunk_png),
    "g04": ("photos/large.jpg", large_photo),
    "g05": ("photos/cutout.png", see_through_png),
}
MISNAMED = "photos/何某某.png"  # a JPEG named .png, for g01's 网格员


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    root = tmp_path_factory.mktemp("photos")
    data = copy_sample(root)
    for grid, (value, content) in PUBLISHED.items():
        give_photo(data, grid, value, content())
    folder = data / "settlements" / SLUG
    (folder / MISNAMED).write_bytes(_encode(photo_like(60, 80), "JPEG"))
    grids = folder / "grids.yml"
    text = grids.read_text("utf-8")
    grids.write_text(text.replace("{name: 何某某,", f"{{name: 何某某, photo: {MISNAMED},"), "utf-8")
    out = root / "site"
    result = build(data, out, only=[SLUG], today=TODAY, pdf=False)
    return out / SLUG / "grids", data, result


def published(photo_site: tuple, grid: str) -> tuple[str, bytes]:
    """Where the 网格长's card points for the photo, and the bytes published there."""
    grids, _, _ = photo_site
    page = article(grids / "index.html")
    image = page.find("img", alt=f"网格长 {LEADERS[grid]} 的照片")
    assert image is not None
    return image["src"], (grids / image["src"]).read_bytes()


def test_polyglot_is_reencoded_without_its_tail(photo_site: tuple) -> None:
    src, data = published(photo_site, "g01")
    assert POLYGLOT_TAIL not in data and MOBILE.encode() not in data
    assert data != polyglot_png()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (8, 8)
    assert src == "photos/g01-leader.jpg"


def test_exif_gps_and_comment_are_dropped_and_the_photo_turned_upright(photo_site: tuple) -> None:
    src, data = published(photo_site, "g02")
    assert JPEG_COMMENT not in data and CAMERA_OWNER.encode() not in data
    assert b"Exif" not in data and b"PhoneMaker" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info
        assert "comment" not in image.info and "icc_profile" not in image.info
        assert image.size == (20, 40), "orientation 6 applied: the 40×20 picture stands up"
    assert src == "photos/g02-leader.jpg"


def test_png_text_chunk_is_dropped(photo_site: tuple) -> None:
    src, data = published(photo_site, "g03")
    assert MOBILE.encode() not in data and b"tEXt" not in data
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (16, 16)
    assert src == "photos/g03-leader.jpg"


def test_large_photo_is_scaled_down(photo_site: tuple) -> None:
    src, data = published(photo_site, "g04")
    _, tree, _ = photo_site
    original = (tree / "settlements" / SLUG / PUBLISHED["g04"][0]).read_bytes()
    assert len(data) < len(original) // 10
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (450, images.LONGEST_SIDE)
    assert src == "photos/g04-leader.jpg"


def test_see_through_photo_stays_png_with_nothing_but_pixels(photo_site: tuple) -> None:
    src, data = published(photo_site, "g05")
    assert set(_png_chunks(data)) <= {b"IHDR", b"IDAT", b"IEND"}
    with Image.open(io.BytesIO(data)) as image:
        assert image.mode == "RGBA" and image.size == (32, 48)
        assert image.getpixel((0, 0))[3] == 0 and image.getpixel((16, 24))[3] == 255
    assert src == "photos/g05-leader.png"


def test_misnamed_photo_is_published_and_staff_are_told(photo_site: tuple) -> None:
    grids, data, result = photo_site
    image = article(grids / "index.html").find("img", alt="网格员 何某某 的照片")
    assert image["src"] == "photos/g01-member-1.jpg"
    with Image.open(grids / image["src"]) as published_image:
        assert published_image.format == "JPEG"
    warnings = [p for p in result.report.warnings if p.code == "photo.suffix"]
    assert len(warnings) == 1 and warnings[0].file == GRIDS_FILE
    lines = (data / "settlements" / SLUG / "grids.yml").read_text("utf-8").splitlines()
    assert f"photo: {MISNAMED}" in lines[warnings[0].line - 1]
    assert f"照片「{MISNAMED}」其实是 JPG 图片" in warnings[0].message
    assert "改名为 何某某.jpg" in warnings[0].message


def test_only_reencoded_photos_are_published(photo_site: tuple) -> None:
    grids, data, _ = photo_site
    folder = data / "settlements" / SLUG
    originals = {(folder / value).read_bytes() for value, _ in PUBLISHED.values()}
    names = sorted(p.name for p in (grids / "photos").iterdir())
    assert names == sorted(
        [f"{g}-leader{'.png' if g == 'g05' else '.jpg'}" for g in PUBLISHED] + ["g01-member-1.jpg"]
    )
    for path in (grids / "photos").iterdir():
        assert path.read_bytes() not in originals
        assert not path.is_symlink()


def test_garbage_behind_an_image_signature_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    data = copy_sample(tmp_path)
    png = tiny_png()
    garbage = {
        "g01": b"\xff\xd8\xff\xe0" + os.urandom(2000),
        "g02": b"\x89PNG\r\n\x1a\n" + os.urandom(2000),
        "g03": b"RIFF\x10\x00\x00\x00WEBPVP8 " + os.urandom(2000),
        "g04": os.urandom(2000),
        "g05": png[:-20] + bytes(4) + png[-16:],  # a PNG whose last IDAT CRC is wrong
    }
    lines = {g: give_photo(data, g, f"photos/{g}.jpg", content) for g, content in garbage.items()}
    _, report = load_project(data, only=[SLUG])
    found = {p.line: p.code for p in report.errors if p.code.startswith("photo.")}
    assert set(found) == set(lines.values()), [(p.code, p.message) for p in report.problems]
    assert set(found.values()) <= {"photo.broken", "photo.not_image"}
