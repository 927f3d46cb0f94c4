"""Every UI label of the site in one catalogue: (中文, English). The site language is `language` in kocsite.yml."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # navigation and page titles
    "home": ("首页", "Home"),
    "campaigns": ("战役", "Campaigns"),
    "hall_of_fame": ("荣誉殿堂", "Hall of fame"),
    "directory": ("车主名录", "KOC directory"),
    "skill_graph": ("技能图谱", "Skill graph"),
    "tasks": ("任务", "Tasks"),
    "tags": ("标签", "Tags"),
    "kickoff": ("项目启动", "Kickoff"),
    "board": ("进度看板", "Progress board"),
    "honors": ("荣誉榜", "Honor roll"),
    "profile": ("车主主页", "Profile"),
    # kickoff brief
    "background": ("背景", "Background"),
    "goals": ("目标", "Goals"),
    "roles": ("角色与交付标准", "Roles and deliverables"),
    "members": ("成员", "Members"),
    "flow": ("协作流程", "Collaboration flow"),
    "timeline": ("时间线", "Timeline"),
    "reward_rules": ("奖励规则", "Reward rules"),
    "kickoff_meeting": ("启动会", "Kickoff meeting"),
    "agenda": ("议程", "Agenda"),
    "key_points": ("核心要点", "Key points"),
    "duties": ("职责", "Duties"),
    "deliverable": ("交付标准", "Deliverable"),
    "headcount": ("名额", "Headcount"),
    "skills": ("技能", "Skills"),
    "role": ("角色", "Role"),
    "period": ("时间", "Dates"),
    "owner": ("负责人", "Owner"),
    "product": ("产品", "Product"),
    "status": ("状态", "Status"),
    "everyone": ("全体", "Everyone"),
    "min_chars": ("不少于 {n} 字", "at least {n} characters"),
    "min_count": ("不少于 {n} 条", "at least {n} items"),
    "due_by": ("截止 {d}", "due {d}"),
    "pool": ("奖金池", "Cash pool"),
    "cap": ("个人上限", "Cap per KOC"),
    "min_credit": ("积分门槛", "Minimum credit"),
    "require_deliverable": ("须达到交付标准才能分奖金", "Cash only for members who met their deliverable"),
    "sub_pools": ("角色分池", "Role sub-pools"),
    "goods": ("实物奖励", "Goods"),
    "badges": ("徽章", "Badges"),
    "priority": ("优先参与资格", "Priority"),
    "top_n": ("积分前 {n} 名", "top {n} by credit"),
    "quantity": ("数量", "Quantity"),
    "rule": ("规则", "Rule"),
    "rule_top": ("积分前 {n} 名", "top {n}"),
    "rule_threshold": ("积分达到 {n}", "credit ≥ {n}"),
    "rule_deliverable": ("达到交付标准", "met the deliverable"),
    "rule_manual": ("运营指定", "chosen by the operators"),
    "yuan": ("{v} 元", "{v} yuan"),
    # board
    "goal_progress": ("目标进度", "Goal progress"),
    "achieved": ("完成", "Achieved"),
    "target": ("目标值", "Target"),
    "metric": ("指标", "Metric"),
    "deadline": ("截止", "Deadline"),
    "progress": ("进度", "Progress"),
    "met": ("已达成", "met"),
    "task_completion": ("任务完成率", "Task completion"),
    "reviews": ("内容审核", "Reviews"),
    "reach": ("传播", "Reach"),
    "exposure": ("曝光", "Exposure"),
    "interactions": ("互动", "Interactions"),
    "engagement": ("互动率", "Engagement rate"),
    "leads": ("销售线索", "Leads"),
    "tasks_by_status": ("任务（按状态）", "Tasks by status"),
    "task": ("任务", "Task"),
    "owners": ("负责人", "Owners"),
    "due": ("截止日期", "Due"),
    "days_left": ("剩余天数", "Days left"),
    "due_soon": ("两天内到期", "Due within 2 days"),
    "overdue": ("已逾期", "Overdue"),
    "as_of": ("截至 {d}", "as of {d}"),
    "nothing": ("无", "none"),
    "delivery_by_role": ("角色交付", "Delivery by role"),
    "delivered": ("达标人数", "Met the standard"),
    "accepted": ("已加入", "Accepted"),
    # honor roll
    "rank": ("名次", "Rank"),
    "koc": ("车主", "KOC"),
    "credit": ("积分", "Credit"),
    "payout": ("奖金（元）", "Payout (yuan)"),
    "deliverable_met": ("达标", "Deliverable"),
    "payout_split": ("奖金分配（元）", "Payout split (yuan)"),
    "unallocated": ("未分配", "Unallocated"),
    "pool_sum": ("奖金池 {pool} 元 = 已分配 {paid} 元 + 未分配 {left} 元",
                 "Pool {pool} yuan = paid {paid} + unallocated {left} yuan"),
    "joint_bylines": ("联合署名", "Joint bylines"),
    "work": ("作品", "Work"),
    "authors": ("署名", "Authors"),
    "retrospective": ("项目复盘", "Retrospective"),
    "outcomes": ("结果", "Outcomes"),
    "contents": ("内容数", "Contents"),
    "sentiment": ("舆情关键词", "Sentiment keywords"),
    "went_well": ("做得好的", "What went well"),
    "to_improve": ("待改进", "To improve"),
    "lessons": ("经验", "Lessons"),
    "highlights": ("高光时刻", "Highlights"),
    "adjustments": ("封存后的更正", "Corrections after closing"),
    "frozen": ("本战役已封存，奖金以账本为准。", "This campaign is closed; its ledger is final."),
    "not_closed": ("战役结束后公布复盘。", "The retrospective is published when the campaign closes."),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # hall of fame, profiles
    "all_time": ("累计积分", "All-time points"),
    "total": ("总积分", "Total"),
    "award_points": ("特殊贡献奖", "Special awards"),
    "titles": ("限时头衔", "Time-limited titles"),
    "title": ("头衔", "Title"),
    "until": ("有效期至", "Valid until"),
    "special_awards": ("特殊贡献奖励", "Special awards"),
    "citation": ("颁奖词", "Citation"),
    "points": ("积分", "Points"),
    "cash": ("奖金（元）", "Cash (yuan)"),
    "granted_by": ("颁发", "Granted by"),
    "date": ("日期", "Date"),
    "holders": ("获得者", "Holders"),
    "campaign": ("战役", "Campaign"),
    "city": ("城市", "City"),
    "joined": ("加入", "Joined"),
    "cars": ("爱车", "Cars"),
    "interests": ("兴趣", "Interests"),
    "platforms": ("平台账号", "Platforms"),
    "followers": ("粉丝", "Followers"),
    "works": ("作品", "Works"),
    "level": ("等级", "Level"),
    "share": ("份额", "Share"),
    "part": ("分工", "Part"),
    "honors_of": ("荣誉", "Honors"),
    "kocs_count": ("{n} 位车主", "{n} KOCs"),
    "directory_intro": ("按车主 id 首字母分组。这里只列出有公开作品或正式加入过战役的车主。",
                        "Grouped by the first letter of the id. Only KOCs with public work or an accepted campaign role are listed."),
    "skill_intro": ("每项技能的车主（有公开主页的）和需要它的组合式任务。",
                    "For each skill: KOCs with a public profile, and the composite tasks that need it."),
    "needed_by": ("需要它的任务", "Needed by"),
    "skill_map": ("技能与组合式任务", "Skills and composite tasks"),
    # tasks
    "quadrants": ("四类任务", "The four quadrants"),
    "quadrant_routine": ("常规任务", "Routine"),
    "quadrant_project": ("项目任务", "Project"),
    "quadrant_exploration": ("探索任务", "Exploration"),
    "quadrant_spontaneous": ("自发贡献", "Spontaneous"),
    "quadrant_routine_about": ("签到、每周话题：轻量积分和限时头衔", "Check-ins and weekly topics: points and titles"),
    "quadrant_project_about": ("战役里的任务：有目标、角色和奖金池", "Campaign tasks: goals, roles, a cash pool"),
    "quadrant_exploration_about": ("试新打法：有预算，允许失败", "Experiments: a budget, failure allowed"),
    "quadrant_spontaneous_about": ("车主自发的贡献：特殊贡献奖励", "Contributions nobody asked for: special awards"),
    "task_count": ("{n} 个任务", "{n} tasks"),
    "cadence": ("频率", "Cadence"),
    "prompt": ("话题", "Prompt"),
    "budget": ("预算", "Budget"),
    "failure_allowed": ("允许失败", "Failure allowed"),
    "hypothesis": ("假设", "Hypothesis"),
    "outcome": ("结果", "Outcome"),
    "findings": ("发现", "Findings"),
    "description": ("说明", "Description"),
    "brief_direction": ("方向", "Direction"),
    "key_messages": ("关键信息", "Key messages"),
    "channels": ("渠道", "Channels"),
    "team_size": ("团队人数", "Team size"),
    "contributions": ("贡献", "Contributions"),
    # home
    "running": ("进行中的战役", "Running campaigns"),
    "latest_honors": ("最新荣誉", "Latest honors"),
    "no_running": ("目前没有进行中的战役。", "No campaign is running right now."),
    "top_of": ("{c} 积分前三", "Top 3 of {c}"),
    # your voice (insights)
    "insights": ("你的声音", "Your voice"),
    "insights_intro": ("车主的反馈交给了产品、研发和服务团队：这里是因为你们的声音而发生的改变，以及暂时没有采纳的原因。",
                       "KOC feedback goes to the product, engineering and service teams: here is what changed because of it, "
                       "and why some of it did not."),
    "topic": ("主题", "Topic"),
    "team": ("对接团队", "Team"),
    "from_kocs": ("来自车主", "From"),
    "no_insights": ("暂时还没有公开的用户洞察。", "No public insights yet."),
    # last changed
    "last_changed": ("数据最后更新：{d}", "Data last changed: {d}"),
    "no_git": ("无 git 记录", "not in git"),
    "uncommitted": ("尚未提交", "not committed yet"),
}

VALUES: dict[str, tuple[str, str]] = {
    # campaign status
    "planning": ("筹备中", "planning"), "recruiting": ("招募中", "recruiting"), "running": ("进行中", "running"),
    "closed": ("已结束", "closed"), "cancelled": ("已取消", "cancelled"),
    # task status
    "todo": ("待开始", "to do"), "in-progress": ("进行中", "in progress"), "review": ("审核中", "in review"),
    "done": ("已完成", "done"),
    # review status
    "approved": ("已通过", "approved"), "pending": ("待审核", "pending"),
    "changes-requested": ("需修改", "changes requested"), "rejected": ("未通过", "rejected"),
    # exploration outcome
    "succeeded": ("成功", "succeeded"), "failed": ("失败", "failed"), "inconclusive": ("尚无定论", "inconclusive"),
    # cadence
    "daily": ("每天", "daily"), "weekly": ("每周", "weekly"), "monthly": ("每月", "monthly"),
    # metrics
    "approved_contributions": ("通过审核的内容", "approved contributions"), "exposure": ("曝光", "exposure"),
    "interactions": ("互动", "interactions"), "leads": ("线索", "leads"), "discussions": ("讨论", "discussions"),
    "accepted_members": ("加入的成员", "accepted members"),
    # insight status
    "received": ("已收到", "received"), "triaged": ("已评估", "triaged"), "shipped": ("已上线", "shipped"),
    "declined": ("暂不采纳", "declined"),
}


class Labels:
    """`t("kickoff")` → 项目启动 (zh) or Kickoff (en); `t("yuan", v="12.00")` formats; `value("done")` names a status."""

    def __init__(self, lang: str = "zh") -> None:
        self.lang = "en" if lang == "en" else "zh"
        self._index = 1 if self.lang == "en" else 0

    def __call__(self, key: str, **fields: object) -> str:
        text = LABELS[key][self._index]
        return text.format(**fields) if fields else text

    def value(self, key: str) -> str:
        pair = VALUES.get(key)
        return pair[self._index] if pair else key

    @property
    def comma(self) -> str:
        return "、" if self.lang == "zh" else ", "
