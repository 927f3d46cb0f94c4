"""Names for people of the machine values in the data: one table per enum, each value → (中文, English).

Text outputs show `label(TABLE, value, lang)`; JSON and CSV keep the machine values. A value missing
from its table is shown as it is (new values never crash a report). Also the small words of text
tables: yes/no (是/否) and the list separator (、 / ", ")."""

from __future__ import annotations

from typing import Mapping

Table = Mapping[str, tuple[str, str]]

CAMPAIGN_STATUS: Table = {
    "planning": ("筹备中", "planning"), "recruiting": ("招募中", "recruiting"), "running": ("进行中", "running"),
    "closed": ("已结束", "closed"), "cancelled": ("已取消", "cancelled"),
}
TASK_STATUS: Table = {
    "todo": ("待开始", "to do"), "in-progress": ("进行中", "in progress"), "review": ("审核中", "in review"),
    "done": ("已完成", "done"), "cancelled": ("已取消", "cancelled"),
}
REVIEW_STATUS: Table = {
    "approved": ("已通过", "approved"), "pending": ("待审核", "pending"),
    "changes-requested": ("需修改", "changes requested"), "rejected": ("未通过", "rejected"),
}
INVITATION_STATUS: Table = {
    "invited": ("待回复", "invited"), "accepted": ("已接受", "accepted"), "declined": ("已拒绝", "declined"),
    "withdrawn": ("已撤回", "withdrawn"), "waitlisted": ("候补", "waitlisted"), "dropped": ("中途退出", "dropped out"),
}
INSIGHT_STATUS: Table = {
    "received": ("已收到", "received"), "triaged": ("已评估", "triaged"), "in-progress": ("进行中", "in progress"),
    "shipped": ("已上线", "shipped"), "declined": ("暂不采纳", "declined"),
}
METRIC: Table = {
    "approved_contributions": ("通过审核的内容", "approved contributions"), "exposure": ("曝光", "exposure"),
    "interactions": ("互动", "interactions"), "leads": ("销售线索", "leads"), "discussions": ("讨论", "discussions"),
    "accepted_members": ("加入的成员", "accepted members"),
}
QUADRANT: Table = {
    "routine": ("常规", "routine"), "project": ("项目", "project"), "exploration": ("探索", "exploration"),
    "spontaneous": ("自发", "spontaneous"),
}
STAGE: Table = {
    "discovered": ("发现", "discovered"), "contacted": ("已接触", "contacted"), "activated": ("已激活", "activated"),
    "active": ("活跃", "active"), "paused": ("暂停", "paused"), "alumni": ("校友", "alumni"),
}
SOURCE: Table = {"private-domain": ("私域", "private domain"), "public-domain": ("公域", "public domain"),
                 "open-call": ("开放报名", "open call")}
AVAILABILITY: Table = {"available": ("有空", "available"), "busy": ("较忙", "busy"),
                       "unavailable": ("没空", "unavailable")}

TABLES: dict[str, Table] = {
    "campaign status": CAMPAIGN_STATUS, "task status": TASK_STATUS, "review status": REVIEW_STATUS,
    "invitation status": INVITATION_STATUS, "insight status": INSIGHT_STATUS, "metric": METRIC,
    "quadrant": QUADRANT, "stage": STAGE, "source": SOURCE, "availability": AVAILABILITY,
}


def label(table: Table, value: str, lang: str) -> str:
    """`label(CAMPAIGN_STATUS, "running", "zh")` → 进行中; an unknown value as it is."""
    pair = table.get(value)
    if pair is None:
        return value
    return pair[1] if lang == "en" else pair[0]


def yes_no(value: bool, lang: str) -> str:
    if lang == "en":
        return "yes" if value else "no"
    return "是" if value else "否"


def list_separator(lang: str) -> str:
    """Between the items of a list in running text: 、 in Chinese, ', ' in English."""
    return ", " if lang == "en" else "、"


def joined(items, lang: str) -> str:
    return list_separator(lang).join(str(item) for item in items)
