#!/usr/bin/env python3
"""Write a seeded, deterministic synthetic KOC programme for benchmarking `kocsite check`.

Reference scale (--scale 1): 10 000 KOCs, 200 campaigns, 5 000 tasks and 100 000 contribution
records in about 4 800 contribution files (mostly one record per file, plus batch files of 20-100
imported check-ins or group discussions), about 20 000 files in all. The programme is meant to
check clean: `kocsite check DIR --no-cache` exits 0 with no problems.

Same seed and scale → byte-identical files: one random.Random(seed) is drawn from in a fixed
order, nothing depends on set or hash order, and no date comes from the clock.

    python benchmarks/generate.py                      # benchmarks/data/, reference scale
    python benchmarks/generate.py --scale 0.01         # benchmarks/data/scale-0.01/, ~200 files
    python benchmarks/generate.py --out /tmp/p --seed 7
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
MARKER = ".kocsite-benchmark.json"
"""Written at the root of a generated programme; the generator only ever clears a folder that has it."""
DATA_DIRS = ("campaigns", "kocs", "tasks", "ledgers")
GENERATOR_VERSION = 3

REFERENCE = {"kocs": 10_000, "campaigns": 200, "tasks": 5_000, "records": 100_000, "contribution_files": 4_800}
TODAY = date(2025, 9, 1)
"""The generated programme's 'now': campaigns before it are closed, after it are planning."""
BATCH_MIN, BATCH_MAX = 20, 100

# ---------------------------------------------------------------------------------------------
# Vocabulary. Nothing here contains a banned advertising term (最, 第一, 国家级, 唯一, 顶级, 首个,
# 极致, 100%, 绝对, 全网) so the data stays clean if a banned-term rule is added to the checker.
# ---------------------------------------------------------------------------------------------

SURNAMES = [
    ("王", "wang"), ("李", "li"), ("张", "zhang"), ("刘", "liu"), ("陈", "chen"), ("杨", "yang"), ("黄", "huang"),
    ("赵", "zhao"), ("吴", "wu"), ("周", "zhou"), ("徐", "xu"), ("孙", "sun"), ("马", "ma"), ("朱", "zhu"),
    ("胡", "hu"), ("郭", "guo"), ("何", "he"), ("高", "gao"), ("林", "lin"), ("罗", "luo"), ("郑", "zheng"),
    ("梁", "liang"), ("谢", "xie"), ("宋", "song"), ("唐", "tang"), ("韩", "han"), ("冯", "feng"), ("邓", "deng"),
    ("曹", "cao"), ("彭", "peng"), ("曾", "zeng"), ("肖", "xiao"), ("田", "tian"), ("董", "dong"), ("袁", "yuan"),
    ("潘", "pan"), ("蒋", "jiang"), ("蔡", "cai"), ("杜", "du"), ("叶", "ye"), ("程", "cheng"), ("苏", "su"),
    ("魏", "wei"), ("丁", "ding"), ("任", "ren"), ("沈", "shen"), ("姚", "yao"), ("卢", "lu"), ("钟", "zhong"),
    ("汪", "wang"),
]
GIVEN = [
    ("伟", "wei"), ("芳", "fang"), ("娜", "na"), ("敏", "min"), ("静", "jing"), ("丽", "li"), ("强", "qiang"),
    ("磊", "lei"), ("军", "jun"), ("洋", "yang"), ("勇", "yong"), ("艳", "yan"), ("杰", "jie"), ("娟", "juan"),
    ("涛", "tao"), ("明", "ming"), ("超", "chao"), ("秀", "xiu"), ("霞", "xia"), ("平", "ping"), ("刚", "gang"),
    ("华", "hua"), ("鹏", "peng"), ("辉", "hui"), ("婷", "ting"), ("宇", "yu"), ("浩", "hao"), ("欣", "xin"),
    ("晨", "chen"), ("阳", "yang"), ("雪", "xue"), ("梅", "mei"), ("琳", "lin"), ("博", "bo"), ("文", "wen"),
    ("思", "si"), ("佳", "jia"), ("子", "zi"), ("轩", "xuan"), ("然", "ran"), ("一", "yi"), ("诺", "nuo"),
    ("睿", "rui"), ("泽", "ze"), ("航", "hang"), ("凯", "kai"), ("嘉", "jia"), ("悦", "yue"), ("志", "zhi"),
    ("海", "hai"),
]
NICK_PREFIX = ["老", "小", "阿", "大"]
NICK_SUFFIX = ["说车", "爱自驾", "的用车日记", "玩车", "聊智驾", "在路上", "带娃出行", "的露营笔记", "测续航", "拍车"]
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "成都", "重庆", "武汉", "西安", "南京", "苏州", "天津", "长沙",
          "郑州", "青岛", "合肥", "厦门", "宁波", "昆明", "沈阳", "大连", "济南", "福州", "东莞", "佛山"]
ROADS = ["人民路", "建设路", "解放路", "中山路", "和平路", "新华路", "光明路", "文化路", "滨江路", "学府路"]
BRAND = "星河汽车"
MODELS = [("星河 S7", "s7"), ("星河 L6", "l6"), ("星河 L9 Max", "l9"), ("星河 X5 EV", "x5"), ("星河 GT", "gt")]
INTERESTS = ["自驾游", "露营", "摄影", "亲子出行", "智能驾驶", "续航测试", "改装", "车载音响", "数码", "城市通勤",
             "长途自驾", "充电桩探访", "户外", "美食探店", "骑行", "钓鱼", "宠物出行", "新能源政策"]
SKILLS = ["video-editing", "aerial-photography", "photography", "tech-analysis", "copywriting", "event-organising",
          "modding", "public-speaking", "community", "data-analysis"]
PLATFORMS = ["brand-app", "owner-group", "xiaohongshu", "douyin", "bilibili", "weibo", "wechat", "wechat-channels",
             "dongchedi", "autohome", "zhihu"]
PLATFORM_HOSTS = {
    "brand-app": "https://community.xinghe-auto.example/post/", "owner-group": "https://community.xinghe-auto.example/group/",
    "xiaohongshu": "https://www.xiaohongshu.com/explore/", "douyin": "https://www.douyin.com/video/",
    "bilibili": "https://www.bilibili.com/video/BV", "weibo": "https://weibo.com/detail/", "wechat": "https://mp.weixin.qq.com/s/",
    "wechat-channels": "https://channels.weixin.qq.com/web/pages/feed/", "dongchedi": "https://www.dongchedi.com/article/",
    "autohome": "https://chejiahao.autohome.com.cn/info/", "zhihu": "https://zhuanlan.zhihu.com/p/",
}
BADGES = ["core-creator", "atmosphere-star", "sharp-eye", "on-time", "pioneer", "brand-partner"]
TOPICS = [("智能座舱", "cockpit"), ("高速领航", "highway-pilot"), ("冬季续航", "winter-range"), ("城市领航", "city-pilot"),
          ("语音助手", "voice-assistant"), ("空间表现", "space"), ("底盘调校", "chassis"), ("音响系统", "audio"),
          ("补能体验", "charging"), ("露营模式", "camping-mode"), ("座椅舒适性", "seats"), ("车机流畅度", "infotainment"),
          ("泊车辅助", "parking-assist"), ("夏季空调", "summer-ac"), ("亲子出行", "family-trip")]
ANGLES = ["一周深度体验", "通勤实测", "长途自驾记录", "对比评测", "新手上手指南", "家庭用车感受", "三个月用车总结",
          "雨夜实测", "山路实测", "充电站探访", "车主问答整理", "细节拆解"]
VERBS = ["实测", "体验", "记录", "分享", "复盘", "吐槽与建议", "上手", "观察"]
SENTENCES = [
    "整体表现稳定，日常通勤基本不用操心。", "在拥堵路段的跟车很自然，没有明显的顿挫。", "语音助手能听懂方言，连续对话也不掉线。",
    "后排空间对一家四口来说足够，孩子的安全座椅装得下。", "高速上风噪控制得不错，音乐音量不用开太大。",
    "冬天早上预热十分钟，续航掉得比预期少。", "车机偶尔会卡顿一两秒，希望后续 OTA 能优化。", "露营模式下整晚空调，电量只掉了百分之十二。",
    "自动泊车对斜列车位的识别还需要加强。", "座椅通风在南方的夏天非常实用。", "底盘滤震偏舒适，过减速带很柔和。",
    "充电桩地图的信息比较准，少走了不少冤枉路。", "群里不少车主也遇到了同样的问题，已经整理反馈给产品团队。",
    "这次活动认识了很多同城车主，氛围很好。", "拍摄时用了无人机航拍，画面效果很好。", "建议把常用功能放到一级菜单，少点几下。",
]
REASONS = ["图片里露出了他人车牌，请打码后重新提交。", "字数不足交付标准，请补充实测数据。", "标题用语不符合广告法要求，请修改。",
           "视频里有未授权的背景音乐，请更换。", "内容与任务主题关系不大，请聚焦本次体验。", "数据来源没有说明，请补充测试条件。"]
REVIEWERS = ["王运营", "刘运营", "陈小雨", "赵晓峰", "内容审核组", "周敏"]
CHANNELS = ["品牌App社区", "车主群", "小红书关键词观察列表", "抖音话题页", "懂车帝口碑区", "线下车主活动", "老车主推荐"]
CONTACT_CHANNELS = ["微信", "电话", "品牌App私信", "线下见面"]
ROLE_POOL = [
    ("tech-officer", "技术体验官", ["深度体验新功能并产出评测", "记录问题并反馈给产品团队"], ["tech-analysis", "copywriting"]),
    ("atmosphere-builder", "氛围营造者", ["在车主群和评论区转发讨论", "组织同城车主互动"], ["community", "event-organising"]),
    ("sentiment-observer", "舆情观察员", ["每日整理公域口碑关键词", "每周提交舆情简报"], ["data-analysis"]),
    ("video-creator", "视频创作者", ["拍摄并剪辑体验视频", "配合发布节奏投放"], ["video-editing", "aerial-photography"]),
    ("road-trip-captain", "自驾领队", ["规划并带领自驾路线", "现场拍摄与直播"], ["event-organising", "public-speaking"]),
]
TASK_KINDS = {
    "tech-officer": [("deep-review", "深度评测"), ("feature-test", "功能实测"), ("range-test", "续航实测")],
    "atmosphere-builder": [("group-discussion", "车主群讨论"), ("repost-wave", "集中转发"), ("comment-relay", "评论区接力")],
    "sentiment-observer": [("sentiment-report", "舆情简报"), ("keyword-watch", "关键词观察")],
    "video-creator": [("video-review", "体验视频"), ("short-clip", "短视频剪辑")],
    "road-trip-captain": [("road-trip", "自驾路线"), ("live-stream", "现场直播")],
}
SHARES = {2: [("50", "50"), ("60", "40"), ("70", "30"), ("55", "45"), ("62.5", "37.5")],
          3: [("40", "30", "30"), ("50", "25", "25"), ("33.34", "33.33", "33.33"), ("34", "33", "33")]}
PARTS = ["脚本与文案", "拍摄", "剪辑", "航拍", "数据整理", "出镜讲解", "配音"]


# ---------------------------------------------------------------------------------------------
# A small YAML writer: block style, keys in the order given, scalars quoted only when needed.
# ---------------------------------------------------------------------------------------------

class Block(str):
    """A multi-line text written as a literal block scalar (|)."""


class Flow(list):
    """A short list of ids written in flow style: [a, b]."""


_RESOLVER = yaml.resolver.Resolver()
_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_UNSAFE = set(",[]{}")


def _plain_ok(s: str, in_flow: bool = False) -> bool:
    if not s or s != s.strip() or "\n" in s or ": " in s or " #" in s or s.endswith(":") or s[0] in _UNSAFE_START:
        return False
    if in_flow and any(ch in _FLOW_UNSAFE for ch in s):
        return False
    if s[0].isascii() and _RESOLVER.resolve(yaml.ScalarNode, s, (True, False)) != "tag:yaml.org,2002:str":
        return False
    return True


def scalar(value: Any, in_flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if _plain_ok(value, in_flow):
        return value
    return json.dumps(value, ensure_ascii=False)


def dump(doc: dict[str, Any], schema: str | None = None) -> str:
    lines: list[str] = []
    if schema:
        lines.append(f"# yaml-language-server: $schema={schema}")
    _mapping(doc, 0, lines)
    return "\n".join(lines) + "\n"


def _mapping(doc: dict[str, Any], indent: int, lines: list[str], first_prefix: str | None = None) -> None:
    pad = " " * indent
    for n, (key, value) in enumerate(doc.items()):
        head = (first_prefix if n == 0 and first_prefix is not None else pad) + key + ":"
        if isinstance(value, Block):
            lines.append(head + " |")
            lines.extend(" " * (indent + 2) + line for line in value.rstrip("\n").split("\n"))
        elif isinstance(value, Flow):
            lines.append(head + " [" + ", ".join(scalar(v, True) for v in value) + "]")
        elif isinstance(value, dict):
            lines.append(head)
            _mapping(value, indent + 2, lines)
        elif isinstance(value, list):
            lines.append(head)
            _sequence(value, indent + 2, lines)
        else:
            lines.append(f"{head} {scalar(value)}")


def _sequence(items: list[Any], indent: int, lines: list[str]) -> None:
    pad = " " * indent
    for item in items:
        if isinstance(item, dict):
            _mapping(item, indent + 2, lines, first_prefix=pad + "- ")
        else:
            lines.append(f"{pad}- {scalar(item)}")


# ---------------------------------------------------------------------------------------------
# The programme.
# ---------------------------------------------------------------------------------------------

def scaled(n: int, scale: float, least: int = 1) -> int:
    return max(least, round(n * scale))


class Generator:
    def __init__(self, seed: int, scale: float) -> None:
        self.r = random.Random(seed)
        self.seed, self.scale = seed, scale
        self.n_kocs = scaled(REFERENCE["kocs"], scale, 10)
        self.n_campaigns = scaled(REFERENCE["campaigns"], scale)
        self.n_tasks = scaled(REFERENCE["tasks"], scale, 8)
        self.n_records = scaled(REFERENCE["records"], scale, 50)
        self.n_contribution_files = scaled(REFERENCE["contribution_files"], scale, 4)
        self.files: dict[str, str] = {}
        self.kocs: list[dict[str, Any]] = []
        self.campaigns: list[dict[str, Any]] = []
        self.tasks: list[dict[str, Any]] = []

    # -- small helpers ------------------------------------------------------------------------

    def pick(self, seq: list[Any]) -> Any:
        return seq[self.r.randrange(len(seq))]

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.r.randint(0, max(0, (end - start).days)))

    def text(self, lo: int, hi: int) -> str:
        return "".join(self.pick(SENTENCES) for _ in range(self.r.randint(lo, hi)))

    def token(self, n: int, alphabet: str = "0123456789abcdef") -> str:
        return "".join(alphabet[self.r.randrange(len(alphabet))] for _ in range(n))

    def url(self, platform: str, share: bool = False) -> str:
        base = PLATFORM_HOSTS[platform]
        link = base + self.token(16 if platform != "bilibili" else 10, "0123456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ")
        if share:  # share links as copied from the app: a query string with '&'
            link += f"?xsec_token={self.token(20)}&xsec_source=app_share"
        return link

    def review(self, submitted: date) -> dict[str, Any] | None:
        status = self.r.choices(["approved", "pending", "changes-requested", "rejected"], [60, 15, 15, 10])[0]
        if status == "pending":
            return {"status": "pending"} if self.chance(0.5) else None
        out: dict[str, Any] = {"status": status, "reviewer": self.pick(REVIEWERS),
                               "date": submitted + timedelta(days=self.r.randint(0, 6))}
        if status == "approved":
            if self.chance(0.6):
                out["quality"] = Decimal(self.pick(["1", "1.2", "1.5", "0.8", "0.5", "2"]))
        else:
            out["reason"] = self.pick(REASONS)
        return out

    def put(self, rel: str, doc: dict[str, Any], schema_kind: str) -> None:
        depth = rel.count("/")
        schema = "../" * depth + f"schemas/{schema_kind}.schema.json" if self.chance(0.5) else None
        self.files[rel] = dump(doc, schema)

    # -- KOCs ----------------------------------------------------------------------------------

    def make_kocs(self) -> None:
        seen: dict[str, int] = {}
        for _ in range(self.n_kocs):
            (sur, sur_py) = self.pick(SURNAMES)
            given = [self.pick(GIVEN) for _ in range(self.r.choice([1, 2, 2]))]
            real = sur + "".join(g for g, _ in given)
            base = f"{sur_py}-{''.join(p for _, p in given)}"
            seen[base] = seen.get(base, 0) + 1
            koc_id = base if seen[base] == 1 else f"{base}-{seen[base]}"
            nick = (self.pick(NICK_PREFIX) + given[-1][0] + self.pick(NICK_SUFFIX)) if self.chance(0.7) else real
            skills = self.r.sample(SKILLS, self.r.randint(0, 4))
            self.kocs.append({"id": koc_id, "name": nick, "real": real, "skills": skills})
        self.koc_ids = [k["id"] for k in self.kocs]
        for k in self.kocs:
            self.put(f"kocs/{k['id']}.yaml", self.koc_doc(k), "koc")

    def koc_doc(self, k: dict[str, Any]) -> dict[str, Any]:
        r = self.r
        city = self.pick(CITIES)
        joined = self.day(date(2021, 1, 1), date(2025, 6, 30))
        doc: dict[str, Any] = {}
        if self.chance(0.3):
            doc["id"] = k["id"]
        doc["name"] = k["name"]
        doc["city"] = city
        if self.chance(0.8):
            bio = f"{city}{self.pick(MODELS)[0]}车主，喜欢{self.pick(INTERESTS)}和{self.pick(INTERESTS)}。" + self.text(0, 1)
            doc["bio"] = Block(bio + "\n" + self.text(1, 2) + "\n") if self.chance(0.15) else bio
        doc["joined"] = joined
        cars = [{"model": m, "since": self.day(date(2021, 1, 1), joined)} for m, _ in r.sample(MODELS, r.choice([1, 1, 1, 2]))]
        doc["cars"] = cars
        if k["skills"]:
            doc["skills"] = [{"skill": s, "level": r.randint(1, 5)} for s in k["skills"]]
        doc["interests"] = r.sample(INTERESTS, r.randint(1, 4))
        accounts = []
        for p in r.sample(PLATFORMS[2:], r.randint(1, 3)):
            acct: dict[str, Any] = {"platform": p}
            # a numeric id is typed unquoted, as operators do; the model reads it as text (LooseText)
            acct["handle"] = k["name"] if self.chance(0.6) else r.randint(10_000_000, 99_999_999)
            if self.chance(0.7):
                acct["url"] = self.url(p)
            acct["followers"] = int(r.paretovariate(1.2) * 300)
            accounts.append(acct)
        doc["platforms"] = accounts
        doc["availability"] = r.choices(["available", "busy", "unavailable"], [75, 20, 5])[0]
        stage = r.choices(["discovered", "contacted", "activated", "active", "paused", "alumni"], [8, 7, 10, 65, 6, 4])[0]
        pipeline: dict[str, Any] = {"stage": stage, "source": r.choice(["private-domain", "public-domain"]),
                                    "channel": self.pick(CHANNELS), "discovered": self.day(date(2020, 6, 1), joined)}
        if self.chance(0.5):
            pipeline["representative_work"] = self.url(self.pick(PLATFORMS[2:]))
        pipeline["signals"] = {"posts": r.randint(0, 400), "quality_interactions": r.randint(0, 900),
                               "answered_questions": r.randint(0, 120), "tenure_months": r.randint(1, 60)}
        if self.chance(0.5):
            pipeline["signals"]["login_days"] = r.randint(10, 900)
        doc["pipeline"] = pipeline
        if self.chance(0.85):
            private: dict[str, Any] = {"real_name": k["real"],
                                       "phone": int(f"1{r.choice('3589')}{r.randint(0, 9)}{r.randint(10_000_000, 99_999_999)}"),
                                       "wechat": f"wxid_{self.token(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}"}
            if self.chance(0.4):
                private["address"] = f"{city}市{self.pick(ROADS)}{r.randint(1, 300)}号"
            if self.chance(0.6):
                private["notes"] = "性格外向，" + self.text(1, 2)
            if self.chance(0.4):
                private["handoff_notes"] = Block(f"擅长{self.pick(INTERESTS)}题材，沟通时直接说需求即可。\n内部备注：" + self.text(1, 2) + "\n")
            log = []
            when = self.day(joined, min(TODAY, joined + timedelta(days=200)))
            for _ in range(r.choice([0, 0, 1, 2, 3])):
                entry: dict[str, Any] = {"date": when, "channel": self.pick(CONTACT_CHANNELS), "summary": "沟通要点：" + self.text(1, 1),
                                         "by": self.pick(REVIEWERS)}
                if self.chance(0.5):
                    entry["next_step"] = "邀请参加下一期体验活动"
                    entry["next_date"] = when + timedelta(days=r.randint(3, 30))
                log.append(entry)
                when += timedelta(days=r.randint(5, 60))
            if log:
                private["contact_log"] = log
            doc["private"] = private
        return doc

    # -- campaigns -----------------------------------------------------------------------------

    def plan_campaigns(self) -> None:
        r = self.r
        span_start, span_end = date(2023, 1, 1), date(2026, 3, 31)
        used: dict[str, int] = {}
        for n in range(self.n_campaigns):
            model, model_slug = self.pick(MODELS)
            topic, topic_slug = self.pick(TOPICS)
            start = self.day(span_start, span_end)
            end = start + timedelta(days=r.randint(30, 120))
            base = f"{model_slug}-{topic_slug}-{start.year}{start.month:02d}"
            used[base] = used.get(base, 0) + 1
            cid = base if used[base] == 1 else f"{base}-{used[base]}"
            if end < TODAY:
                status = "closed" if self.chance(0.92) else "cancelled"
            elif start > TODAY:
                status = r.choice(["planning", "recruiting"])
            else:
                status = "running"
            roles_tpl = ROLE_POOL[:3] if self.chance(0.7) else r.sample(ROLE_POOL, 3)
            n_members = r.randint(5, 40)
            people = r.sample(self.koc_ids, min(n_members, len(self.koc_ids)))
            members = []
            for i, koc in enumerate(people):
                role = roles_tpl[i][0] if i < 3 else self.pick(roles_tpl)[0]
                st = "accepted" if i < 3 else r.choices(["accepted", "invited", "declined", "withdrawn"], [60, 15, 15, 10])[0]
                members.append({"koc": koc, "role": role, "status": st})
            accepted = {rid: [m["koc"] for m in members if m["role"] == rid and m["status"] == "accepted"] for rid, *_ in roles_tpl}
            self.campaigns.append({"id": cid, "title": f"{model}{topic}体验计划", "model": model, "topic": topic,
                                   "start": start, "end": end, "status": status, "roles": roles_tpl,
                                   "members": members, "accepted": accepted, "tasks": []})

    def campaign_doc(self, c: dict[str, Any]) -> dict[str, Any]:
        r = self.r
        start, end = c["start"], c["end"]
        invite_from = start - timedelta(days=20)
        doc: dict[str, Any] = {}
        if self.chance(0.3):
            doc["id"] = c["id"]
        doc["title"] = c["title"]
        doc["status"] = c["status"]
        doc["start"] = start
        doc["end"] = end
        doc["owner"] = self.pick(REVIEWERS[:4] + REVIEWERS[5:])
        doc["product"] = c["model"]
        doc["background"] = Block(f"{c['model']}的{c['topic']}迎来重要更新，希望邀请真实车主深度体验，"
                                  f"把一手感受带给更多潜在用户。\n" + self.text(1, 3) + "\n")
        goals = [{"id": "approved-reviews", "title": "通过审核的深度内容", "metric": "approved_contributions",
                  "target": r.randint(10, 80), "deadline": end, "role": c["roles"][0][0]}]
        goals.append({"id": "exposure", "title": "内容总曝光", "metric": "exposure", "target": r.randint(10, 500) * 10_000,
                      "deadline": end})
        if c["tasks"] and self.chance(0.5):
            goals.append({"id": "discussions", "title": "车主群有效讨论", "metric": "discussions",
                          "target": r.randint(20, 300), "deadline": self.day(start, end), "task": self.pick(c["tasks"])})
        goals.append({"id": "members", "title": "招募到位的体验官", "metric": "accepted_members",
                      "target": max(1, sum(len(v) for v in c["accepted"].values())), "deadline": self.day(start, end)})
        doc["goals"] = goals
        roles = []
        for rid, name, duties, skills in c["roles"]:
            headcount = len(c["accepted"][rid]) + r.randint(0, 3)
            role: dict[str, Any] = {"id": rid, "name": name, "duties": duties, "headcount": max(1, headcount)}
            if self.chance(0.8):
                deliverable: dict[str, Any] = {"description": f"{name}按时提交符合标准的内容"}
                if rid == "tech-officer":
                    deliverable["min_chars"] = r.choice([1000, 1500, 2000, 3000])
                else:
                    deliverable["min_count"] = r.choice([3, 5, 10, 20])
                deliverable["due"] = self.day(start + (end - start) // 2, end)
                role["deliverable"] = deliverable
            role["skills"] = Flow(skills)
            roles.append(role)
        doc["roles"] = roles
        members = []
        for m in c["members"]:
            entry: dict[str, Any] = {"koc": m["koc"], "role": m["role"], "status": m["status"]}
            invited = self.day(invite_from, start)
            entry["invited"] = invited
            if m["status"] in ("accepted", "declined") or (m["status"] == "withdrawn" and self.chance(0.5)):
                entry["responded"] = invited + timedelta(days=r.randint(0, 5))
            if self.chance(0.3):
                entry["message"] = f"考虑到您在{c['topic']}方面的专业见解，诚邀您加入本次体验计划。"
            members.append(entry)
        doc["members"] = members
        doc["kickoff"] = {"date": self.day(start, min(end, start + timedelta(days=5))), "format": r.choice(["线上会议", "线下门店", "车主群直播"]),
                          "agenda": ["项目背景与目标", "各角色职责与交付标准", "时间线与奖励规则"],
                          "key_points": [f"{c['topic']}全新升级", "真实车主一手体验", self.pick(SENTENCES)]}
        role_ids = [x[0] for x in c["roles"]]
        doc["flow"] = [
            {"id": "brief", "name": "任务解读", "description": "运营讲解任务和标准", "next": Flow(["create"])},
            {"id": "create", "name": "内容创作", "role": role_ids[0], "next": Flow(["review"])},
            {"id": "review", "name": "内容审核", "next": Flow(["amplify", "create"])},
            {"id": "amplify", "name": "集中扩散", "role": role_ids[1], "next": Flow(["observe"])},
            {"id": "observe", "name": "舆情观察", "role": role_ids[2]},
        ]
        mid = start + (end - start) // 2
        doc["timeline"] = [{"name": "招募与启动", "start": start, "end": start + timedelta(days=3)},
                           {"name": "内容创作", "start": start + timedelta(days=3), "end": mid, "role": role_ids[0]},
                           {"name": "集中扩散", "start": mid, "end": end, "role": role_ids[1]}]
        everyone = [k for v in c["accepted"].values() for k in v]
        rewards: dict[str, Any] = {"pool_fen": r.randint(10, 500) * 10_000, "cap_fen": r.randint(5, 50) * 10_000,
                                   "require_deliverable": self.chance(0.5)}
        rewards["sub_pools"] = [{"role": role_ids[0], "percent": 50}, {"role": role_ids[1], "percent": 30},
                                {"role": role_ids[2], "percent": 20}]
        rewards["goods"] = [{"name": "品牌定制车模", "quantity": 3, "top": 3},
                            {"name": "车载冰箱", "kocs": Flow(r.sample(everyone, min(2, len(everyone))))}]
        rewards["badges"] = [{"badge": "core-creator", "rule": "top", "top": 3},
                             {"badge": "on-time", "rule": "deliverable", "role": role_ids[0]},
                             {"badge": "atmosphere-star", "rule": "threshold", "min_credit": 50, "role": role_ids[1]},
                             {"badge": "sharp-eye", "rule": "manual", "kocs": Flow(r.sample(everyone, 1))}]
        rewards["priority"] = {"top": 5, "badges": Flow(["core-creator"]), "note": "下一期活动优先邀请"}
        doc["rewards"] = rewards
        if c["status"] == "closed":
            highlights = [{"koc": k, "text": f"{self.pick(ANGLES)}获得大量车主关注"} for k in r.sample(everyone, min(2, len(everyone)))]
            doc["retrospective"] = {
                "date": end + timedelta(days=r.randint(1, 14)), "summary": "目标基本达成，" + self.text(1, 2),
                "outcomes": {"exposure": r.randint(100_000, 9_000_000), "interactions": r.randint(1_000, 90_000),
                             "leads": r.randint(10, 900), "contents": r.randint(10, 300)},
                "sentiment_keywords": r.sample(["流畅", "安静", "续航扎实", "空间大", "智驾好用", "车机卡顿", "做工细致"], 3),
                "went_well": [self.text(1, 1)], "to_improve": [self.text(1, 1)], "lessons": ["提前一周发布任务解读，交付更准时。"],
                "highlights": highlights}
        doc["tags"] = Flow([c["model"].replace(" ", ""), c["topic"]])
        if self.chance(0.5):
            doc["private"] = {"notes": "预算已审批，" + self.text(1, 1), "budget_owner": "市场部"}
        return doc

    # -- tasks ---------------------------------------------------------------------------------

    def plan_tasks(self) -> None:
        r = self.r
        n = self.n_tasks
        n_routine = max(2, round(n * 0.16))
        n_explore = max(1, round(n * 0.12))
        n_spont = max(1, round(n * 0.12))
        n_project = max(self.n_campaigns, n - n_routine - n_explore - n_spont)
        used: dict[str, int] = {}

        def unique(base: str) -> str:
            used[base] = used.get(base, 0) + 1
            return base if used[base] == 1 else f"{base}-{used[base]}"

        for i in range(n_project):
            c = self.campaigns[i % len(self.campaigns)]
            with_role = self.chance(0.9)
            role = self.pick(c["roles"]) if with_role else None
            kind, kind_name = self.pick(TASK_KINDS[role[0]]) if role else ("joint-work", "联合创作")
            tid = unique(f"{c['id']}-{kind}")
            start = self.day(c["start"], c["end"] - timedelta(days=min(7, (c["end"] - c["start"]).days)))
            due = self.day(start, c["end"])
            eligible = c["accepted"][role[0]] if role else sorted({k for v in c["accepted"].values() for k in v})
            self.tasks.append({"id": tid, "quadrant": "project", "campaign": c, "role": role, "kind": kind,
                               "title": f"{c['model']}{c['topic']}{kind_name}", "start": start, "due": due, "eligible": eligible})
            c["tasks"].append(tid)
        n_checkin = max(1, n_routine // 2)
        for i in range(n_routine):
            checkin = i < n_checkin
            base = "daily-check-in" if checkin else "weekly-topic"
            start = self.day(date(2023, 1, 1), date(2025, 6, 30))
            city = self.pick(CITIES)
            self.tasks.append({"id": unique(f"{base}-{self.pick(MODELS)[1]}-{start.year}"), "quadrant": "routine",
                               "kind": "check-in" if checkin else "weekly-topic", "campaign": None, "role": None,
                               "title": f"{city}车主群每日打卡" if checkin else f"每周话题：{self.pick(TOPICS)[0]}",
                               "start": start, "due": start + timedelta(days=r.randint(90, 365)), "eligible": None})
        for _ in range(n_explore):
            platform = self.pick(PLATFORMS[2:])
            topic, topic_slug = self.pick(TOPICS)
            start = self.day(date(2023, 1, 1), date(2025, 8, 1))
            self.tasks.append({"id": unique(f"explore-{platform}-{topic_slug}"), "quadrant": "exploration", "kind": "explore",
                               "campaign": None, "role": None, "platform": platform,
                               "title": f"{topic}内容在新平台的试水", "start": start, "due": start + timedelta(days=r.randint(14, 90)),
                               "eligible": None})
        for _ in range(n_spont):
            topic, topic_slug = self.pick(TOPICS)
            start = self.day(date(2023, 1, 1), date(2025, 8, 1))
            self.tasks.append({"id": unique(f"spontaneous-{topic_slug}"), "quadrant": "spontaneous", "kind": "spontaneous",
                               "campaign": None, "role": None, "title": f"车主自发：{topic}分享",
                               "start": start, "due": None, "eligible": None})

    def task_doc(self, t: dict[str, Any]) -> dict[str, Any]:
        r = self.r
        doc: dict[str, Any] = {}
        if self.chance(0.3):
            doc["id"] = t["id"]
        doc["title"] = t["title"]
        doc["quadrant"] = t["quadrant"]
        q = t["quadrant"]
        c = t["campaign"]
        if q == "project":
            doc["status"] = "done" if c["status"] == "closed" else r.choice(["todo", "in-progress", "review", "done"])
            if c["status"] == "cancelled":
                doc["status"] = "cancelled"
            doc["campaign"] = c["id"]
            if t["role"]:
                doc["role"] = t["role"][0]
        else:
            doc["status"] = r.choice(["in-progress", "done", "todo"])
        doc["description"] = self.text(1, 2)
        doc["points"] = {"project": r.choice([50, 100, 200]), "routine": 1 if t["kind"] == "check-in" else 5,
                         "exploration": 80, "spontaneous": 0}[q]
        doc["start"] = t["start"]
        if t["due"]:
            doc["due"] = t["due"]
        if t["eligible"]:
            owners = r.sample(t["eligible"], min(len(t["eligible"]), r.randint(1, 2)))
            doc["owners"] = Flow(owners)
        if q == "project":
            doc["skills"] = Flow(t["role"][3] if t["role"] else r.sample(SKILLS, 2))
            if not t["role"]:
                doc["team_size"] = 3
            doc["brief"] = {"direction": f"围绕{c['topic']}讲清楚真实体验", "key_messages": [f"{c['topic']}全新升级", "真实车主一手体验"],
                            "resources": ["素材包：官方图片与视频", "参数表"], "channels": [self.pick(["小红书", "抖音", "懂车帝", "车主群"])]}
        elif q == "routine":
            doc["routine"] = {"kind": t["kind"], "cadence": "daily" if t["kind"] == "check-in" else "weekly",
                              "prompt": "分享今天的用车小事" if t["kind"] == "check-in" else "本周话题：说说你的真实感受"}
        elif q == "exploration":
            doc["exploration"] = {"budget_fen": r.randint(5, 200) * 10_000, "failure_allowed": self.chance(0.9),
                                  "hypothesis": f"{t['title']}能带来新的车主关注", "platform": t["platform"],
                                  "outcome": r.choice(["pending", "succeeded", "failed", "inconclusive"])}
            if doc["exploration"]["outcome"] != "pending":
                doc["exploration"]["findings"] = self.text(1, 2)
        doc["tags"] = Flow([q, self.pick(TOPICS)[0]])
        return doc

    # -- contributions -------------------------------------------------------------------------

    def record(self, t: dict[str, Any], when: date, koc: str | None, single: bool) -> dict[str, Any]:
        """One contribution record for task t on a date; koc None → pick from who may contribute."""
        r = self.r
        doc: dict[str, Any] = {}
        q = t["quadrant"]
        eligible = t["eligible"] or self.koc_ids
        if koc is None and t["eligible"] and len(t["eligible"]) >= 2 and single and self.chance(0.12):
            n = min(len(t["eligible"]), r.choice([2, 2, 3]))
            shares = self.pick(SHARES[n])
            authors = r.sample(t["eligible"], n)
            doc["authors"] = [{"koc": a, "share": Decimal(s), "part": self.pick(PARTS)} for a, s in zip(authors, shares)]
        else:
            doc["koc"] = koc or self.pick(eligible)
        if q == "routine" and t["kind"] == "check-in":
            doc["title"] = r.choice(["每日打卡", "今日用车打卡", "通勤打卡", "周末出行打卡"])
            doc["date"] = when
            doc["platform"] = "brand-app"
            if self.chance(0.3):
                doc["note"] = self.pick(SENTENCES)
            doc["review"] = {"status": "approved", "reviewer": "系统导入", "date": when}
            return doc
        if t["kind"] in ("group-discussion", "comment-relay", "repost-wave") and not single:
            doc["title"] = f"车主群讨论：{t['campaign']['topic']}"
            doc["date"] = when
            doc["platform"] = "owner-group"
            doc["count"] = r.randint(1, 12)
        else:
            topic = t["campaign"]["topic"] if t["campaign"] else self.pick(TOPICS)[0]
            model = t["campaign"]["model"] if t["campaign"] else self.pick(MODELS)[0]
            doc["title"] = f"{model}{topic}{self.pick(VERBS)}：{self.pick(ANGLES)}"
            doc["date"] = when
            platform = t.get("platform") or self.pick(PLATFORMS[2:])
            if self.chance(0.85):
                doc["url"] = self.url(platform, share=self.chance(0.05))
            doc["platform"] = platform
            if t["kind"] in ("deep-review", "feature-test", "range-test", "sentiment-report") or self.chance(0.3):
                doc["chars"] = r.randint(600, 6000)
            if self.chance(0.5):
                doc["excerpt"] = Block(self.text(1, 2) + "\n" + self.text(1, 2) + "\n") if self.chance(0.3) else self.text(1, 2)
        review = self.review(when)
        if review is not None:
            doc["review"] = review
        if review and review["status"] == "approved" and self.chance(0.6) and not (not single and q == "project"):
            doc["metrics"] = {"exposure": int(r.paretovariate(1.1) * 800), "interactions": int(r.paretovariate(1.3) * 40),
                              "as_of": when + timedelta(days=r.randint(1, 30))}
            if self.chance(0.2):
                doc["metrics"]["leads"] = r.randint(0, 30)
        if q == "spontaneous" and review and review["status"] == "approved" and self.chance(0.25):
            doc["award"] = {"title": "特殊贡献奖", "citation": f"自发{self.pick(ANGLES)}，帮助了很多车主", "points": r.choice([50, 100, 200]),
                            "cash_fen": r.choice([0, 20_000, 50_000]), "granted_by": self.pick(REVIEWERS),
                            "date": review["date"] + timedelta(days=r.randint(0, 10))}
        return doc

    def window(self, t: dict[str, Any]) -> tuple[date, date]:
        """When contributions to t can be dated: inside its campaign, never after TODAY."""
        if t["campaign"]:
            return t["campaign"]["start"], min(t["campaign"]["end"], TODAY)
        return t["start"], min(TODAY, t["due"] or t["start"] + timedelta(days=365))

    def open_for_work(self, t: dict[str, Any]) -> bool:
        return t["campaign"] is None or t["campaign"]["start"] <= TODAY

    def make_contributions(self) -> None:
        r = self.r
        total, n_files = self.n_records, self.n_contribution_files
        # Batch sizes 20-100 until the records left fit one per remaining file.
        sizes: list[int] = []
        while n_files - len(sizes) > 1 and sum(sizes) + (n_files - len(sizes)) < total:
            sizes.append(r.randint(BATCH_MIN, BATCH_MAX))
        singles = n_files - len(sizes)
        overshoot = sum(sizes) + singles - total  # < BATCH_MAX: take it off the last batches
        i = len(sizes) - 1
        while overshoot > 0 and i >= 0:
            take = min(overshoot, sizes[i] - BATCH_MIN)
            sizes[i] -= take
            overshoot -= take
            i -= 1
        self.batch_sizes = sizes
        self.n_singles = singles

        checkins = [t for t in self.tasks if t["quadrant"] == "routine" and t["kind"] == "check-in"]
        discussions = [t for t in self.tasks if t["kind"] in ("group-discussion", "comment-relay") and t["eligible"]
                       and self.open_for_work(t)]
        single_targets = ([t for t in self.tasks if t["quadrant"] == "project" and t["eligible"] and self.open_for_work(t)]
                          + [t for t in self.tasks if t["quadrant"] != "project" and not (t["quadrant"] == "routine" and t["kind"] == "check-in")])
        single_weights = [7 if t["quadrant"] == "project" else 3 for t in single_targets]
        batch_names: dict[str, set[str]] = {}
        for size in sizes:
            t = self.pick(discussions) if discussions and self.chance(0.15) else self.pick(checkins)
            lo, hi = self.window(t)
            when = self.day(lo, hi)
            names = batch_names.setdefault(t["id"], set())
            base = when.isoformat() if t["quadrant"] == "routine" else f"discussions-{when.isoformat()}"
            name, n = base, 1
            while name in names:  # a second import for the same day
                n += 1
                name = f"{base}-{n}"
            names.add(name)
            prefix = ("ci-" if t["quadrant"] == "routine" else "gd-") + when.strftime("%Y%m%d") + (f"-{n}" if n > 1 else "")
            records = []
            for k in range(size):
                rec = {"id": f"{prefix}-{k + 1:04d}"}
                rec.update(self.record(t, when, None, single=False))
                records.append(rec)
            self.put(f"tasks/{t['id']}/{name}.yaml", {"contributions": records}, "contribution")
        per_task: dict[tuple[str, str], int] = {}
        for _ in range(singles):
            t = r.choices(single_targets, single_weights)[0]
            lo, hi = self.window(t)
            when = self.day(lo, hi)
            doc = self.record(t, when, None, single=True)
            author = doc.get("koc") or doc["authors"][0]["koc"]
            key = (t["id"], author)
            per_task[key] = per_task.get(key, 0) + 1
            stem = author if per_task[key] == 1 else f"{author}-{per_task[key]}"
            if "authors" in doc:
                stem = f"joint-{stem}"
            while f"tasks/{t['id']}/{stem}.yaml" in self.files:
                per_task[key] += 1
                stem = f"{stem}-{per_task[key]}"
            if self.chance(0.2):
                doc = {"id": stem, **doc}
            self.put(f"tasks/{t['id']}/{stem}.yaml", doc, "contribution")

    # -- everything ----------------------------------------------------------------------------

    def build(self) -> dict[str, str]:
        self.files["kocsite.yml"] = dump({
            "brand": BRAND, "language": "zh", "timezone": "Asia/Shanghai",
            "site": {"title": f"{BRAND} KOC 共创计划", "url": "https://koc.xinghe-auto.example/",
                     "description": "真实车主的体验、共创与荣誉"},
            "titles": [{"id": "check-in-star", "name": "打卡之星", "top": 3, "period": "month", "valid_days": 30}],
        }, "schemas/settings.schema.json")
        self.make_kocs()
        self.plan_campaigns()
        self.plan_tasks()
        for c in self.campaigns:
            self.put(f"campaigns/{c['id']}.yaml", self.campaign_doc(c), "campaign")
        for t in self.tasks:
            self.put(f"tasks/{t['id']}.yaml", self.task_doc(t), "task")
        self.make_contributions()
        return self.files


def default_out(scale: float) -> Path:
    return HERE / "data" if scale == 1 else HERE / "data" / f"scale-{scale:g}"


def read_marker(out: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate(out: Path, seed: int = 1, scale: float = 1.0, quiet: bool = False) -> dict[str, Any]:
    """Write the programme into `out` (clearing a previously generated one there); return its summary."""
    started = time.perf_counter()
    if out.exists() and any(out.iterdir()) and read_marker(out) is None:
        if any((out / d).exists() for d in (*DATA_DIRS, "kocsite.yml")):
            raise SystemExit(f"{out} holds data not written by this generator ({MARKER} missing); refusing to overwrite")
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).unlink(missing_ok=True)
    for d in DATA_DIRS:
        shutil.rmtree(out / d, ignore_errors=True)
    gen = Generator(seed, scale)
    files = gen.build()
    made: set[Path] = set()
    size = 0
    for rel in sorted(files):
        path = out / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        data = files[rel].encode("utf-8")
        size += len(data)
        with open(path, "wb") as stream:
            stream.write(data)
    records = sum(gen.batch_sizes) + gen.n_singles
    summary = {"generator": GENERATOR_VERSION, "seed": seed, "scale": scale, "files": len(files), "bytes": size,
               "kocs": len(gen.kocs), "campaigns": len(gen.campaigns), "tasks": len(gen.tasks),
               "contribution_files": len(gen.batch_sizes) + gen.n_singles, "batch_files": len(gen.batch_sizes),
               "records": records}
    summary["ledgers"] = seal_closed_campaigns(out, gen)
    (out / MARKER).write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    if not quiet:
        print(f"wrote {summary['files']} files ({size / 1e6:.1f} MB) to {out} in {time.perf_counter() - started:.1f} s: "
              f"{summary['kocs']} KOCs, {summary['campaigns']} campaigns, {summary['tasks']} tasks, "
              f"{records} contribution records in {summary['contribution_files']} files "
              f"({summary['batch_files']} batch files)")
    return summary


def seal_closed_campaigns(out: Path, gen: Generator) -> int:
    """Closed campaigns get their sealed ledger, as `kocsite close` would write it (a week after the end)."""
    from kocsite.money.credit import compute_credit
    from kocsite.files.layout import discover
    from kocsite.money.ledger import write_ledger
    from kocsite.money.outcome import campaign_outcome
    from kocsite.models.programme import load_programme

    programme = load_programme(out)
    book = compute_credit(programme)
    rels = [f.rel for f in discover(out)[0]]
    closed = sorted(cid for cid, c in programme.campaigns.items() if c.status == "closed")
    for cid in closed:
        outcome = campaign_outcome(programme, book, cid)
        write_ledger(out, programme, outcome, programme.campaigns[cid].end + timedelta(days=7), rels)
    return len(closed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="target folder (default: benchmarks/data/, or benchmarks/data/scale-F/)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="1 = reference scale, 0.01 = a quick small programme")
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    generate(args.out or default_out(args.scale), args.seed, args.scale)
    return 0


if __name__ == "__main__":
    sys.exit(main())
