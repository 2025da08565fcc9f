"""Web addresses staff write: plain http(s) addresses, checked before any page uses one.

An address lands in HTML attributes, XML (the sitemap), JSON, JS and QR codes, so the
common rules are strict: no control characters or spaces, http or https only, no
user name or password, a well-formed host and port. Each field adds its own rules
(contract.portal's site folder, contract.handbook's page on a county platform).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import SplitResult, urlsplit

from generator.read.values.problem import ValueProblem

HOST = re.compile(
    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)


def web_address(url: str, refuse: Callable[[str], ValueProblem]) -> SplitResult:
    """The parts of url when it passes the common rules; else raises refuse(why in Chinese)."""
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in url):
        raise refuse("其中有空格或看不见的控制字符")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise refuse("写法不对") from None
    if parts.scheme not in ("http", "https") or not url.startswith(f"{parts.scheme}://"):
        raise refuse("要以 https:// 或 http:// 开头")
    if parts.username is not None or parts.password is not None:
        raise refuse("不能带用户名或密码（@ 前面的部分）")
    if not parts.hostname or not HOST.fullmatch(parts.hostname):
        raise refuse("域名不对")
    if port is not None and not 0 < port < 65536:
        raise refuse("端口号不对")
    return parts
