"""windows.yml: the service hall, its opening hours, its promises and its windows (服务窗口).

The hall's and each window's hours are schedules (contract/schedules.py).
"""

from __future__ import annotations

from pydantic import Field

from generator.contract.common import Id, Model, Person, Phone, Text, zh
from generator.contract.schedules import HallHours


class Window(Model):
    """One service window of the hall and the staff on duty there (上岗公示)."""

    model_config = zh("服务窗口", "大厅的一个服务窗口和在岗的工作人员（上岗公示）")

    id: Id = Field(
        title="窗口编号", description="英文编号，手册中的 window 用它引用，例如 education"
    )
    number: int | None = Field(None, ge=1, le=999, title="窗口号", description="大厅里的几号窗口")
    name: Text = Field(title="窗口名称", description="例如 就业社保窗口")
    department: str | None = Field(
        None, title="进驻部门", description="例如 县人力资源和社会保障局"
    )
    staff: list[Person] = Field(default_factory=list, title="工作人员")
    phone: Phone | None = Field(None, title="窗口电话")
    hours: HallHours | None = Field(
        None, title="办公时间", description="不写或写 null 表示与大厅办公时间相同"
    )
    services: str | None = Field(None, title="办理事项", description="简要说明本窗口办理哪些事")
    kind: str | None = Field(
        None,
        title="窗口类别",
        description="例如 就业、产业、医疗、养老、教育、民政、物业、法律、文体、综合",
    )


# The promises staff name most (服务承诺), and what each means for a resident in one line;
# any other name needs its own explanation in the data (Commitment).
STANDARD_COMMITMENTS: dict[str, str] = {
    "首问负责制": "您第一个问到的工作人员负责到底：能办的当场办，不能办的带您找到能办的人。",
    "限时办结制": "每件事都写明办结时限，到期办完；办不完的要当面说明原因。",
    "一次性告知制": "材料不齐时，一次把缺的材料全部告诉您，不让您来回跑。",
    "办理流程公开制": "办事条件、材料、流程、时限和收费全部公开，照着准备就能办。",
    "服务承诺制": "公开承诺服务内容和标准，欢迎居民监督。",
    "全程代办制": "行动不便或不会办的，可请代办员帮您跑腿办理。",
    "预约服务制": "上班时间来不了的，可以打电话预约其他时间办理。",
    "延时错时服务制": "午间和周末安排错时服务，方便上班的居民。",
    "AB岗工作制": "窗口负责人不在时，由B岗人员接着办，不让窗口空岗。",
    "责任追究制": "工作人员推诿、拖延的，可拨打监督电话投诉，一经查实严肃处理。",
}


class Commitment(Model):
    """A promise of the hall (服务承诺) and what it means for a resident, in one sentence."""

    model_config = zh("服务承诺", "大厅的一项服务承诺，以及它对居民意味着什么（一句话）")

    name: Text = Field(title="名称", description="例如 老弱病残全程代办制")
    text: Text = Field(
        title="说明", description="对居民承诺什么，例如 行动不便的老人、残疾人可由工作人员全程代办"
    )


class Windows(Model):
    """The service hall: where it is, when it opens, what it promises, its windows."""

    model_config = zh("服务窗口", "服务大厅：在哪里、何时开放、承诺什么、有哪些窗口")

    hall: Text = Field(title="大厅名称", description="例如 党群服务中心一楼便民服务大厅")
    address: str | None = Field(None, title="地址")
    hours: HallHours = Field(title="大厅办公时间", description="窗口没有单独写办公时间时按此执行")
    commitments: list[Commitment | Text] = Field(
        default_factory=list,
        title="服务承诺",
        description="例如 首问负责制、限时办结制；网站不认识的承诺请写成 {name, text}，"
        "text 用一句话说明它对居民承诺什么",
    )
    windows: list[Window] = Field(default_factory=list, title="服务窗口")

    def commitment_texts(self) -> tuple[tuple[str, str | None], ...]:
        """Each promise with what it means: the data's own text, else the standard one."""
        return tuple(
            (c.name, c.text) if isinstance(c, Commitment) else (c, STANDARD_COMMITMENTS.get(c))
            for c in self.commitments
        )

    def hours_of(self, window: Window) -> HallHours:
        """The schedule a window keeps: its own, or the hall's."""
        return window.hours if window.hours is not None else self.hours
