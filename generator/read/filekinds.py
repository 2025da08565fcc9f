"""What a file staff named is, by its first bytes: for a message they understand.

A photo that is really a PDF, a Word document, a program, an iPhone HEIC picture or
a page of text gets a message that says so, instead of a bare "not an image". The
codes are those of generator/read/photos.py.
"""

from __future__ import annotations

# leading bytes → what the file is, for a message staff understand
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"GIF87a", "photo.format", "GIF 动图"),
    (b"GIF89a", "photo.format", "GIF 动图"),
    (b"BM", "photo.format", "BMP 位图"),
    (b"II*\0", "photo.format", "TIFF 图片"),
    (b"MM\0*", "photo.format", "TIFF 图片"),
    (b"\0\0\1\0", "photo.format", "ICO 图标"),
    (b"8BPS", "photo.format", "Photoshop（PSD）文件"),
    (b"%PDF", "photo.not_image", "内容是 PDF 文档"),
    (b"PK\3\4", "photo.not_image", "内容是压缩包或 Word/Excel 文档"),
    (b"\xd0\xcf\x11\xe0", "photo.not_image", "内容是旧版 Word/Excel 文档"),
    (b"Rar!", "photo.not_image", "内容是压缩包"),
    (b"7z\xbc\xaf", "photo.not_image", "内容是压缩包"),
    (b"\x7fELF", "photo.not_image", "内容是程序文件"),
    (b"MZ", "photo.not_image", "内容是程序文件"),
)
_ALLOWED_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1")


def other_kind(data: bytes) -> tuple[str, str] | None:
    """(code, what it is) for a file that is recognisably not an allowed image."""
    if data.startswith(_ALLOWED_SIGNATURES) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return None
    for signature, code, what in _SIGNATURES:
        if data.startswith(signature):
            return code, what
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in _HEIF_BRANDS:
            return "photo.format", (
                "苹果手机的 HEIC 格式照片（以后可在手机“设置→相机→格式”中选“兼容性最佳”）"
            )
        if brand in (b"avif", b"avis"):
            return "photo.format", "AVIF 格式图片"
        return "photo.not_image", "内容是视频"
    head = data[:4096]
    text = _as_text(head)
    if text is None:
        return None
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("<svg") or (start.startswith("<?xml") and "<svg" in start):
        return "photo.format", "SVG 矢量图"
    if start.startswith("<"):
        return "photo.not_image", "内容是网页代码"
    return "photo.not_image", "内容是文字"


def _as_text(head: bytes) -> str | None:
    """The start of a file as text, when it reads as UTF-8 or GB18030 text."""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError:
            # the 4096 bytes may cut a character in two
            try:
                text = head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        if all(c.isprintable() or c in "\t\r\n\f" for c in text):
            return text
    return None
