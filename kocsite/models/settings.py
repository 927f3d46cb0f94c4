"""Repository-wide settings: kocsite.yml. Every setting has a default, so the file is optional."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, WithJsonSchema

from kocsite.models.types import Count, Model, Number, Positive, Slug, Text, Url
from kocsite.core.today import DEFAULT_TIMEZONE, TIMEZONE_PATTERN, check_timezone

TimeZone = Annotated[str, Field(min_length=1), AfterValidator(check_timezone),
                     WithJsonSchema({"type": "string", "minLength": 1, "pattern": TIMEZONE_PATTERN})]
"""An IANA time zone name such as Asia/Shanghai, checked against the time zone database."""

DEFAULT_BANNED_TERMS = ["最", "第一", "国家级", "唯一", "顶级", "首个", "极致", "100%", "绝对", "全网"]


class Named(Model):
    id: Slug
    """The id data files refer to."""
    name: Text
    """The name shown on the site."""
    description: Text | None = None
    """What it means."""


def _named(*pairs: tuple[str, str]) -> list[Named]:
    return [Named(id=i, name=n) for i, n in pairs]


DEFAULT_SKILLS = _named(
    ("video-editing", "视频剪辑"), ("aerial-photography", "航拍摄影"), ("photography", "摄影"),
    ("tech-analysis", "硬核技术分析"), ("copywriting", "文案撰写"), ("event-organising", "活动组织"),
    ("modding", "改装"), ("public-speaking", "讲解表达"), ("community", "社群互动"), ("data-analysis", "数据分析"),
)
DEFAULT_PLATFORMS = _named(
    ("brand-app", "品牌App"), ("owner-group", "车主群"), ("xiaohongshu", "小红书"), ("douyin", "抖音"),
    ("bilibili", "哔哩哔哩"), ("weibo", "微博"), ("wechat", "微信公众号"), ("wechat-channels", "视频号"),
    ("dongchedi", "懂车帝"), ("autohome", "汽车之家"), ("zhihu", "知乎"),
)
DEFAULT_TEAMS = [
    Named(id="scouting", name="信息搜集", description="前线侦察：在公域和私域发现、初筛候选人，录入候选人数据库"),
    Named(id="relationship", name="关系沟通", description="专属客户经理：初次接触、激活、日常沟通与预期管理，激活后移交内容策划"),
    Named(id="content-planning", name="内容策划", description="创意引擎：策划合作、撰写创意简报、协调资源、审核与放大内容"),
    Named(id="internal-sync", name="内部协同", description="内部转化器：把 KOC 的洞察整理成报告，对接产品、研发与客服并跟进反馈"),
]
"""The four teams of article 002: 信息搜集 → 关系沟通 → 内容策划 → 内部协同."""
DEFAULT_BADGES = _named(
    ("core-creator", "核心创作者"), ("atmosphere-star", "氛围之星"), ("sharp-eye", "洞察之眼"),
    ("on-time", "准时交付"), ("pioneer", "探索先锋"), ("brand-partner", "品牌伙伴"),
)


class RoutinePoints(Model):
    """Light rewards of routine tasks."""

    check_in: Count = 1
    """Points of an approved check-in whose task sets no points."""
    weekly_topic: Count = 5
    """Points of an approved weekly-topic post whose task sets no points."""
    streak_days: Positive = 7
    """Consecutive days of check-ins that make a streak (连续打卡)."""
    streak_bonus: Count = 10
    """Bonus points for each full streak."""


class TitleRule(Model):
    """A time-limited title: the top N of a period hold it until a date."""

    id: Slug
    """The title's id."""
    name: Text
    """The title as shown, e.g. 打卡达人."""
    top: Positive = 3
    """How many hold it each period (everyone tied with the N-th too)."""
    period: Literal["week", "month"] = "month"
    """Ranked per week or per month."""
    valid_days: Positive = 30
    """Days it is held after the period ends."""
    kind: Literal["check-in", "weekly-topic", "other"] | None = None
    """Rank only this routine ritual's points (and streak bonuses for check-in); all routine points if left out."""


class SiteSettings(Model):
    title: Text | None = None
    """The site's title (default: the brand)."""
    url: Url | None = None
    """Where the site is published."""
    description: Text | None = None
    """The site's description."""
    apply_url: Url | None = None
    """The open-call form a KOC fills in to join a recruiting campaign (shown on its brief and the home page)."""
    contact: Text | None = None
    """How to reach the operators when there is no form, e.g. 公众号「澜岳车主」后台回复“报名”. Public text."""
    repo_url: Url | None = None
    """The programme's GitHub repository, e.g. https://github.com/lanyue/koc. Without `apply_url`, recruiting
    campaigns link to its open-call issue form (…/issues/new?template=apply.yml, see `kocsite apply`)."""


class CandidateWeights(Model):
    """Weights of candidate signals for discovery scoring."""

    posts: Number = Decimal(1)
    """Weight of each post."""
    quality_interactions: Number = Decimal(2)
    """Weight of each substantive interaction."""
    answered_questions: Number = Decimal(3)
    """Weight of each answered question."""
    tenure_months: Number = Decimal(1)
    """Weight of each month of tenure."""
    followers: Number = Decimal(0)
    """Weight of each follower."""
    login_days: Number = Decimal(0)
    """Weight of each active day."""
    purchases: Number = Decimal(2)
    """Weight of each purchase or referral."""
    check_ins: Number = Decimal(1)
    """Weight of each day with an approved check-in (签到), computed from the routine check-in tasks' records."""
    longest_streak: Number = Decimal(2)
    """Weight of each day of the KOC's longest run of consecutive check-in days, computed."""
    routine_work: Number = Decimal(3)
    """Weight of each approved routine contribution other than a check-in (a weekly topic …), computed."""


class PayoutSettings(Model):
    """WeChat Pay merchant batch transfer (商家转账) limits, for `kocsite payouts`."""

    min_transfer_fen: Count = 30
    """The merchant's minimum per transfer (commonly 0.1–0.3 元); smaller rows are flagged."""
    real_name_above_fen: Count = 200000
    """Transfers above this (2000 元) need the payee's real name; such rows are flagged."""
    batch_rows: Positive = 3000
    """At most this many detail rows per batch file."""


Rate = Annotated[Number, Field(ge=0)]
"""A non-negative multiplier, e.g. 1 or 1.5."""


class WalletRates(Model):
    """积分 (points you spend) earned per 贡献值 (reputation you keep), by the quadrant of the work."""

    routine: Rate = Decimal(1)
    """Per point of routine rituals (check-ins, weekly topics) and of their streak bonuses."""
    project: Rate = Decimal(1)
    """Per point of project work (campaign roles)."""
    exploration: Rate = Decimal(1)
    """Per point of exploration tasks."""
    spontaneous: Rate = Decimal(1)
    """Per point of spontaneous work and of special awards."""


class CatalogueItem(Model):
    """An item of the redemption catalogue (积分商城): goods, a test-drive slot, an event seat."""

    id: Slug
    """The id redemptions refer to."""
    name: Text
    """The item as shown, e.g. 定制车模."""
    kind: Literal["goods", "test-drive", "event-seat", "other"] = "goods"
    """goods 实物, test-drive 试驾名额, event-seat 活动席位, or other."""
    cost: Positive
    """Points per item."""
    stock: Count | None = None
    """How many there are in all; left out: unlimited. A redemption beyond it is an error (E802)."""
    description: Text | None = None
    """What it is, shown on the site."""


class WalletSettings(Model):
    """The points wallet (积分): how work earns points, and what they can be spent on."""

    rates: WalletRates = Field(default_factory=WalletRates)
    """积分 per 贡献值, by quadrant."""
    catalogue: list[CatalogueItem] = Field(default_factory=list)
    """The redemption catalogue (兑换目录) redemptions/ records spend points on."""


class LevelTier(Model):
    """A KOC level (分层), e.g. 新人, 活跃, 核心, 领袖: held while all its thresholds are met."""

    id: Slug
    """The level's id, e.g. core; a role's min_level refers to it."""
    name: Text
    """The level as shown, e.g. 核心."""
    reputation: Count = 0
    """At least this much all-time reputation (贡献值)."""
    recent: Count = 0
    """At least this much reputation earned within the look-back window."""
    active_days: Count = 0
    """At least this many days with approved work within the look-back window."""
    description: Text | None = None
    """What the level means, shown on the site."""


class LevelSettings(Model):
    """KOC levels: a level rises the day its rule is met, and falls only at a review date, so it never flaps."""

    review: Literal["monthly", "quarterly"] = "quarterly"
    """Review dates, when a level may fall: the 1st of every month, or of January, April, July and October."""
    window_days: Positive = 90
    """The look-back window (days, today included) for `recent` and `active_days`."""
    tiers: list[LevelTier] = Field(default_factory=list)
    """The levels, lowest first; the first is everyone's starting level. No levels without it."""
class DailyCaps(Model):
    """At most this many entries of a routine ritual count for one KOC on one day (防刷): the next ones
    count nothing and `check` warns at them. The day is in the programme's `timezone`."""

    check_in: Positive = 1
    """Check-ins (打卡) per KOC per day."""
    weekly_topic: Positive | None = None
    """Weekly-topic posts per KOC per day (no cap when left out)."""
    other: Positive | None = None
    """Other rituals' entries per KOC per day (no cap when left out)."""

    def cap_of(self, kind: str) -> int | None:
        return {"check-in": self.check_in, "weekly-topic": self.weekly_topic, "other": self.other}.get(kind)


DEFAULT_DISCLOSURE_LABELS = ["广告", "合作", "赞助"]


class DisclosureSettings(Model):
    """Advertising disclosure (《互联网广告管理办法》 第九条: 显著标明“广告”): work for a campaign that pays
    cash or goods is commercial content, and its published title or excerpt must carry a label."""

    labels: list[Text] = Field(default_factory=lambda: list(DEFAULT_DISCLOSURE_LABELS))
    """The labels that disclose it (any one is enough), e.g. 广告, 合作, 赞助."""
    severity: Literal["warning", "error"] = "warning"
    """A missing label is a warning (W823), or an error (E824) when set to error."""


class Settings(Model):
    """kocsite.yml at the programme root."""

    brand: Text = "示例品牌"
    """The brand's name."""
    language: Literal["zh", "en"] = "zh"
    """Language of the site and of messages (zh or en)."""
    timezone: TimeZone = DEFAULT_TIMEZONE
    """IANA time zone (e.g. Asia/Shanghai, Europe/Berlin) whose date is "today" for due dates, boards and
    closing. kocsite check accepts only names in the time zone database; the schema checks the form only."""
    site: SiteSettings = Field(default_factory=SiteSettings)
    """The published site's title, URL and description."""
    points: RoutinePoints = Field(default_factory=RoutinePoints)
    """Points of routine rituals and streaks."""
    titles: list[TitleRule] = Field(default_factory=list)
    """Time-limited titles (限时头衔) of routine rituals."""
    skills: list[Named] = DEFAULT_SKILLS
    """The skill catalogue (技能图谱) KOCs, roles and tasks refer to."""
    platforms: list[Named] = DEFAULT_PLATFORMS
    """The platform catalogue accounts and contributions refer to."""
    badges: list[Named] = DEFAULT_BADGES
    """The badge catalogue (荣誉徽章) reward rules refer to."""
    banned_terms: list[Text] = DEFAULT_BANNED_TERMS
    """Advertising-law wording check warns about (W701); replaces the default list."""
    candidate_weights: CandidateWeights = Field(default_factory=CandidateWeights)
    """Weights of candidate scoring."""
    payouts: PayoutSettings = Field(default_factory=PayoutSettings)
    """Limits of the payout file finance uploads for a WeChat Pay batch transfer (`kocsite payouts`)."""
    wallet: WalletSettings = Field(default_factory=WalletSettings)
    """The points wallet (积分): earning rates and the redemption catalogue."""
    levels: LevelSettings = Field(default_factory=LevelSettings)
    """KOC levels (分层) by reputation and recent activity, reviewed at fixed dates."""
    teams: list[Named] = DEFAULT_TEAMS
    """The teams (职能小组) KOCs belong to and are handed between; default the four of the operating model:
    scouting 信息搜集 → relationship 关系沟通 → content-planning 内容策划 → internal-sync 内部协同."""
    goods_ship_days: Count = 7
    """Days after a campaign is closed by which its goods should be shipped: `kocsite due` lists the goods
    not shipped by then."""
    daily_caps: DailyCaps = Field(default_factory=DailyCaps)
    """Daily caps per routine ritual (每日上限): the entries beyond them count nothing."""
    disclosure: DisclosureSettings = Field(default_factory=DisclosureSettings)
    """Advertising disclosure labels for paid work, and whether a missing one is a warning or an error."""
    amplification_points: Count = 0
    """Points a KOC earns for each share (`amplified`, kind share) of an approved work, in the work's campaign
    and the KOC's role there. 0 (the default) gives none; a closed campaign's sealed figures change (and
    check reports the drift) if its works were shared and this is raised."""
