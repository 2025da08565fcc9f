"""名词解释: the terms residents meet on the portal, each said in plain words, in one place.

Templates show a term's explanation where the term is used, with ``{{ term("凭证号") }}``:
a ``<details>`` element whose summary asks "“凭证号”是什么意思？". It opens by tap, click
or keyboard without any script, and a screen reader announces it as a button that expands
(WAI: disclosure). ``title`` attributes and ``<abbr>`` are not used: a phone has no hover.
The search index keeps these terms whole (generator/sites/search_terms.py).
"""

from __future__ import annotations

from markupsafe import Markup, escape

GLOSSARY: dict[str, str] = {
    "一约七会": "“一约”是居民公约，全体居民共同订立、共同遵守的约定；“七会”是居民自己组成的七个"
    "议事组织：居民议事会、道德评议会、乡贤理事会、红白理事会、禁毒禁赌协会、民调理事会和爱心志愿者"
    "协会。有的社区还成立了别的组织，也列在这一页。",
    "四议两公开": "社区重大事项的决定办法。“四议”：社区党组织提议，社区“两委”会议商议，党员大会"
    "审议，居民代表会议或居民会议决议；“两公开”：决议公开，实施结果公开。居民可以查看每一步的结果。",
    "两委一站": "社区党组织委员会（党支部或党总支）、社区居民委员会这“两委”，加上为居民办事的"
    "社区便民服务站（党群服务中心）。",
    "凭证号": "会计给每一笔收入或支出记账时编的号码，例如“记-12”。到社区查阅原始票据时，"
    "报出凭证号就能找到这一笔的发票、收据和签字。",
    "逾期未公开": "规定的公开期限已经过了，这一期的收支还没有在网上公开。居民可以拨打页面底部的"
    "监督电话反映。",
    "逾期公开": "这一期的收支已经公开了，但公开的日期晚于规定的期限。",
}


def term(name: str) -> Markup:
    """The explanation of a glossary term, to stand right after where the term is used."""
    if name not in GLOSSARY:
        raise KeyError(f"{name!r} is not in the glossary (generator/pages/glossary.py)")
    return Markup(
        '<details class="pp-term"><summary>“{0}”是什么意思？</summary>'
        "<p><dfn>{0}</dfn>：{1}</p></details>"
    ).format(escape(name), escape(GLOSSARY[name]))
