"""A problem found in operator data: where it is, a stable code, and what to do about it.

Every code has one entry in CATALOGUE with its severity and its message in Chinese and English.
Messages are templates filled from the problem's params when a report is written, so the same
problem reads well in either language and the code stays the stable, machine-readable part.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Code:
    code: str
    severity: str
    zh: str
    en: str


def _catalogue(*codes: Code) -> dict[str, Code]:
    return {c.code: c for c in codes}


CATALOGUE: dict[str, Code] = _catalogue(
    # -- reading the file (E0xx) --------------------------------------------------------------
    Code("E001", ERROR, "文件过大（{size} 字节，上限 {limit} 字节）：请把内容拆成多个文件",
         "file is too large ({size} bytes, the limit is {limit}): split it into several files"),
    Code("E002", ERROR, "文件不是有效的 UTF-8 编码（第 {offset} 个字节出错）：请用 UTF-8 重新保存",
         "file is not valid UTF-8 (bad byte at offset {offset}): save it again as UTF-8"),
    Code("E003", ERROR, "缩进里有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格",
         "tab character in indentation: YAML indents with spaces only, replace the tab with spaces"),
    Code("E004", ERROR, "YAML 语法错误：{detail}", "YAML syntax error: {detail_en}"),
    Code("E005", ERROR, "一个文件只能有一个 YAML 文档：请删掉第二个 '---' 及其后的内容，或拆成两个文件",
         "a file holds exactly one YAML document: remove the second '---' or split the file"),
    Code("E006", ERROR, "不支持锚点和别名（{what}）：请把内容直接写出来",
         "anchors and aliases are not allowed ({what}): write the content out in full"),
    Code("E007", ERROR, "不支持合并键 '<<'：请把字段直接写出来",
         "merge keys '<<' are not allowed: write the fields out in full"),
    Code("E008", ERROR, "不支持类型标签 '{tag}'：去掉它，按字段要求直接写值",
         "type tags like '{tag}' are not allowed: remove it and write the plain value"),
    Code("E009", ERROR, "嵌套层级过深（超过 {limit} 层）", "nesting is too deep (more than {limit} levels)"),
    Code("E010", ERROR, "字段 '{key}' 重复出现（第一次在第 {first_line} 行）：YAML 只会保留最后一个，请删掉多余的",
         "key '{key}' appears twice (first on line {first_line}): YAML would keep only the last one, remove the extra"),
    Code("E011", ERROR, "文件内容应为“字段: 值”的映射，现在是{found}",
         "the file should hold a mapping of 'field: value' pairs, found {found_en}"),
    Code("E012", ERROR, "数据目录里不能有符号链接：请放入真实文件",
         "symbolic links are not allowed in the data tree: commit the real file"),
    Code("E013", ERROR, "字段名必须是简单文本", "keys must be plain text"),
    Code("E014", ERROR, "文件名 '{name}' 不是合法的 id：只能用小写字母、数字和连字符，例如 li-lei.yaml",
         "file name '{name}' is not a valid id: use lowercase letters, digits and hyphens, e.g. li-lei.yaml"),
    Code("E017", ERROR, "'{name}' 不是普通文件（是管道、套接字或设备）：数据目录里只能放普通文件",
         "'{name}' is not a regular file (a pipe, socket or device): the data tree holds regular files only"),
    Code("W015", WARNING, "无法识别 '{name}'，它不会被读取：{detail}", "'{name}' is not recognised and will not be read: {detail_en}"),
    Code("E016", ERROR, "这里有看不见的字符 {char}（常见于从网页或聊天软件复制的文字），YAML 无法正确读取：请删掉它",
         "invisible character {char} here (often copied from a web page or a chat): delete it"),
    # -- ledgers (E6xx) -------------------------------------------------------------------------
    Code("E601", ERROR, "账本封存后被手工修改过{figure}：请恢复原样；更正请在 adjustments 下添加带理由的条目",
         "the ledger was edited by hand after it was sealed{figure_en}: restore it, and make corrections as reasoned adjustments"),
    Code("E602", ERROR, "活动 '{campaign}' 有账本，但状态不是 closed", "campaign '{campaign}' has a ledger but its status is not closed"),
    Code("E603", ERROR, "按现在的数据重新计算，{who}的{what}会从 {expected} 变为 {actual}{where}：账本已封存，请撤回这次数据修改，或在账本的 adjustments 下添加带理由的调整",
         "recomputed from the data as it is now, the {what_en} of {who_en} would change from {expected_en} to {actual_en}{where_en}: the ledger is sealed, so undo the change or add a reasoned adjustment to the ledger"),
    Code("E604", ERROR, "活动已关闭，但还没有账本：运行 'kocsite close {campaign}' 封存结果",
         "the campaign is closed but has no ledger: run 'kocsite close {campaign}' to freeze its outcome"),
    Code("E605", ERROR, "上一次写入（{what}）被中断，还没有完成：请再运行一次同一个命令把它完成，或删除这个文件放弃它",
         "an earlier write ({what}) was interrupted before it finished: run the same command again to complete it, "
         "or delete this file to abandon it"),
    # -- content review (W7xx) -----------------------------------------------------------------
    Code("W701", WARNING, "可能违反广告法的绝对化用语 '{term}'：发布前请改写成具体、可核实的说法（例如用实测数据代替“最”“第一”）",
         "'{term}' is an absolute claim that may break advertising law: before publishing, rewrite it as something "
         "specific and verifiable (e.g. a measured figure instead of 'the best' or 'number one')"),
    # -- references (E1xx) ---------------------------------------------------------------------
    Code("E101", ERROR, "找不到活动 '{ref}'{hint}", "unknown campaign '{ref}'{hint_en}"),
    Code("E102", ERROR, "找不到任务 '{ref}'{hint}", "unknown task '{ref}'{hint_en}"),
    Code("E103", ERROR, "活动 '{campaign}' 里没有角色 '{ref}'{hint}", "campaign '{campaign}' has no role '{ref}'{hint_en}"),
    Code("E104", ERROR, "找不到 KOC '{ref}'{hint}", "unknown KOC '{ref}'{hint_en}"),
    Code("E105", ERROR, "找不到徽章 '{ref}'{hint}：徽章要先在 kocsite.yml 的 badges 里定义",
         "unknown badge '{ref}'{hint_en}: define badges under 'badges' in kocsite.yml"),
    Code("W111", WARNING, "KOC id '{koc}' 里的 '{part}' 是私密真实姓名的拼音：id 会出现在每个网址和搜索索引里，读者能据此猜出真名。"
         "请改用由昵称或平台账号得来的 id（改文件名和所有引用）",
         "KOC id '{koc}' contains '{part}', the pinyin of the private real name: ids are in every URL and in the search "
         "index, so readers can guess the name. Use an id derived from the nickname or a handle (rename the file and references)"),
    Code("E106", ERROR, "找不到技能 '{ref}'{hint}：技能要先在 kocsite.yml 的 skills 里定义",
         "unknown skill '{ref}'{hint_en}: define skills under 'skills' in kocsite.yml"),
    Code("E107", ERROR, "目录 tasks/{ref}/ 里的贡献没有对应的任务文件 tasks/{ref}.yaml{hint}",
         "contributions in tasks/{ref}/ have no task file tasks/{ref}.yaml{hint_en}"),
    Code("E108", ERROR, "{what} '{ref}' 不存在{hint}", "{what_en} '{ref}' does not exist{hint_en}"),
    # -- schema (E2xx) -------------------------------------------------------------------------
    Code("E201", ERROR, "不认识的字段 '{key}'{hint}", "unknown field '{key}'{hint_en}"),
    Code("E202", ERROR, "缺少必填字段 '{key}'", "missing required field '{key}'"),
    Code("E203", ERROR, "'{field}' 应为{expected}，现在是{found}", "'{field}' should be {expected_en}, found {found_en}"),
    Code("E204", ERROR, "'{field}' 的值 '{value}' 无效，可选：{choices}",
         "'{field}' has invalid value '{value}', choose one of: {choices_en}"),
    Code("E205", ERROR, "'{field}' 应为{expected}，'{value}' 不是{reason}",
         "'{field}' should be {expected_en}, '{value}' is not{reason_en}"),
    Code("E206", ERROR, "'{field}' 应为 YYYY-MM-DD 格式的日期（如 2025-07-01），'{value}' 不是{reason}",
         "'{field}' should be a date written YYYY-MM-DD (e.g. 2025-07-01), '{value}' is not{reason_en}"),
    Code("E207", ERROR, "'{value}' 不是合法的 id：{detail}", "'{value}' is not a valid id: {detail_en}"),
    Code("E208", ERROR, "'{field}'：{detail}", "'{field}': {detail_en}"),
    Code("E209", ERROR, "'{field}' 应为 true 或 false，'{value}' 不是", "'{field}' should be true or false, not '{value}'"),
    Code("E210", ERROR, "'{field}' 应为时区名称（如 Asia/Shanghai），不认识 '{value}'{hint}：它决定“今天”是哪一天",
         "'{field}' should be a time zone name such as Asia/Shanghai, '{value}' is not one{hint_en}: it decides which day is today"),
    # -- ids (E3xx) ----------------------------------------------------------------------------
    Code("E301", ERROR, "id '{id}' 与文件名 '{stem}' 不一致：id 必须等于文件名，或者省略 id",
         "id '{id}' does not match the file name '{stem}': the id must equal the file name, or be left out"),
    Code("E302", ERROR, "{what} id '{id}' 重复（另见 {other}）", "duplicate {what_en} id '{id}' (also in {other})"),
    # -- dates (E4xx) --------------------------------------------------------------------------
    Code("E401", ERROR, "{what} {date} 不在活动 '{campaign}' 的时间范围内（{start} 至 {end}）",
         "{what_en} {date} is outside campaign '{campaign}' ({start} to {end})"),
    Code("E402", ERROR, "{later} {later_date} 早于 {earlier} {earlier_date}",
         "{later_en} {later_date} is before {earlier_en} {earlier_date}"),
    # -- consistency (E5xx) --------------------------------------------------------------------
    Code("E501", ERROR, "角色 '{role}' 已接受邀请 {accepted} 人，超过名额 {headcount} 人",
         "role '{role}' has {accepted} accepted members, more than its headcount of {headcount}"),
    Code("E502", ERROR, "联合署名各人份额合计应为 100，现在是 {total}",
         "joint byline shares must sum to 100, they sum to {total}"),
    Code("E503", ERROR, "审核状态为 '{status}' 时{detail}", "with review status '{status}', {detail_en}"),
    Code("E504", ERROR, "{what} '{ref}' 重复出现（另见第 {first_line} 行）", "{what_en} '{ref}' is listed twice (see line {first_line})"),
    Code("E505", ERROR, "{detail}", "{detail_en}"),
    Code("E506", ERROR, "各角色奖金池比例合计 {total}%，不能超过 100%", "role sub-pool percentages sum to {total}%, more than 100%"),
    Code("E507", ERROR, "{quadrant}任务{detail}", "{quadrant_en} task {detail_en}"),
    Code("E508", ERROR, "邀请状态为 '{status}' 时{detail}", "with invitation status '{status}', {detail_en}"),
    Code("W509", WARNING, "KOC '{koc}' 不是活动 '{campaign}' 已接受邀请的成员，却提交了该活动任务的贡献：积分照常计入，但不分本活动的奖金",
         "KOC '{koc}' contributed to a task of campaign '{campaign}' without being an accepted member: the credit counts, but earns no campaign cash"),
    Code("W510", WARNING, "活动已结束（closed）却没有复盘（retrospective）", "the campaign is closed but has no retrospective"),
    Code("E511", ERROR, "任务 '{task}' 属于活动 '{campaign}'，但角色 '{role}' 的成员里没有 '{koc}'",
         "task '{task}' is for role '{role}' of campaign '{campaign}', but '{koc}' is not an accepted member of that role"),
    Code("E514", ERROR, "KOC '{koc}' 已经以角色 '{first}' 加入本活动，不能再接受角色 '{role}'：活动设有角色子奖池时，每位 KOC 在一个活动里只担任一个角色（否则同一份积分会在两个子奖池里各分一次）",
         "KOC '{koc}' already accepted role '{first}' in this campaign and cannot also accept '{role}': with role sub-pools a KOC holds one role per campaign (else the same credit would be paid from two sub-pools)"),
    Code("W515", WARNING, "角色 '{role}' 有已接受的成员，但没有子奖池，而各子奖池已占满 100%、没有通用奖池：这个角色成员的积分分不到任何奖金",
         "role '{role}' has accepted members but no sub-pool, and the sub-pools take 100 % (no general pool): its members' credit can reach no cash pool"),
    Code("W516", WARNING, "复盘里写的{what} {typed} 与已通过审核的贡献数据合计 {computed} 不一致：请改成 {computed}，或先在贡献的 metrics 里补上最新数据",
         "the retrospective says {what_en} {typed}, the approved contributions' metrics add up to {computed}: write {computed}, or bring the contributions' metrics up to date first"),
    Code("E513", ERROR, "目标只统计任务 '{task}'，但它不是本活动 '{campaign}' 的任务（它{owner}）",
         "the goal counts task '{task}', which is not a task of this campaign '{campaign}' (it {owner_en})"),
    Code("E512", ERROR, "负责人 '{koc}' 不是活动 '{campaign}' 中{role}已接受邀请的成员：先在活动的 members 里邀请并确认",
         "owner '{koc}' is not an accepted member{role_en} of campaign '{campaign}': invite and confirm them under members first"),
    # -- points wallet and levels (E80x, W80x) -------------------------------------------------
    Code("E800", ERROR, "兑换目录里没有商品 '{ref}'{hint}：先在 kocsite.yml 的 wallet.catalogue 里定义",
         "unknown catalogue item '{ref}'{hint_en}: define it under wallet.catalogue in kocsite.yml"),
    Code("E801", ERROR, "{koc} 在 {date} 兑换「{item}」需要 {cost} 积分，但当时余额只有 {balance} 积分：积分余额不能为负，"
                        "请删掉这次兑换，或等积分够了再兑换",
         "{koc} redeeming '{item}' on {date} costs {cost} points, but the balance then was only {balance}: a balance can "
         "never go negative; remove this redemption or redeem once enough points are earned"),
    Code("E802", ERROR, "「{item}」库存只有 {stock} 件，在这次兑换之前已兑出 {taken} 件，这次要 {quantity} 件：不能超卖",
         "'{item}' has a stock of {stock}, {taken} already redeemed before this one, which asks for {quantity}: it cannot be oversold"),
    Code("E803", ERROR, "找不到等级 '{ref}'{hint}：等级要先在 kocsite.yml 的 levels.tiers 里定义",
         "unknown level '{ref}'{hint_en}: define levels under levels.tiers in kocsite.yml"),
    Code("E804", ERROR, "等级「{level}」的{what}门槛（{value}）低于它下面一级「{lower}」（{lower_value}）：等级要从低到高排列，门槛逐级不降",
         "level '{level}' asks for less {what_en} ({value}) than the level below it, '{lower}' ({lower_value}): list levels "
         "lowest first, each asking at least as much as the one before"),
    Code("W800", WARNING, "{koc} 在 {date} 的等级是「{level}」，低于角色 '{role}' 要求的最低等级「{min_level}」：确认确实要{action}",
         "{koc} is at level '{level}' on {date}, below the minimum level '{min_level}' of role '{role}': make sure you "
         "mean to {action_en}"),
    # -- teams, hand-offs, waitlists, kickoff attendance, goods fulfilment (E920–E939, W920–W939) -------
    Code("E920", ERROR, "找不到团队 '{ref}'{hint}：团队要先在 kocsite.yml 的 teams 里定义",
         "unknown team '{ref}'{hint_en}: define teams under 'teams' in kocsite.yml"),
    Code("E921", ERROR, "移交的来源团队和接收团队都是 '{team}'：移交要交给另一个团队",
         "the hand-off goes from team '{team}' to the same team: a hand-off goes to another team"),
    Code("W922", WARNING, "这次移交写的是从 '{from_team}' 移出，但上一次移交已把 KOC 交给了 '{previous}'：请核对来源团队",
         "this hand-off starts from team '{from_team}', but the previous hand-off gave the KOC to '{previous}': check the team it comes from"),
    Code("W923", WARNING, "KOC 的团队写的是 '{team}'，但最近一次移交（{date}）把 TA 交给了 '{to_team}'：请把 team 改成 '{to_team}'，或补上之后的移交记录",
         "the KOC's team is '{team}', but the latest hand-off ({date}) gave them to '{to_team}': set team to '{to_team}', or add the later hand-off"),
    Code("W924", WARNING, "{koc} 已{left}，角色 '{role}' 还有 {open} 个空位：可以邀请候补名单上的 '{suggestion}' 替补（把 TA 的状态从 waitlisted 改为 invited 或 accepted）",
         "{koc} {left_en}, and role '{role}' has {open} open seat(s): invite '{suggestion}' from the waitlist as a substitute (change their status from waitlisted to invited or accepted)"),
    Code("W925", WARNING, "接受了 KOC '{koc}'，但 TA 的候选人阶段是 {stage}（{stage_zh}）：请先确认 TA 已被联系并激活，再把阶段改为 activated 或 active",
         "KOC '{koc}' is accepted, but their pipeline stage is {stage} ({stage_en}): make sure they were contacted and activated, then set the stage to activated or active"),
    Code("E926", ERROR, "启动会出席记录（attendance）{detail}", "kickoff attendance {detail_en}"),
    Code("E927", ERROR, "实物奖励寄送状态为 '{status}' 时{detail}", "with goods fulfilment status '{status}', {detail_en}"),
    # -- fair play: caps, reviewers, duplicates, disclosure, agreed shares (E820–E849, W820–W849) ---
    Code("W820", WARNING, "KOC '{koc}' 在 {day} 已有 {cap} 次{ritual}计入（{first}）：每天最多计 {cap} 次（kocsite.yml 的 daily_caps），这一次不计积分",
         "KOC '{koc}' has reached the daily cap of {cap} ({ritual_en}) on {day}, first counted: {first} (daily_caps in kocsite.yml): this one earns nothing"),
    Code("E821", ERROR, "审核人 '{reviewer}' 是这份贡献的作者（{koc}）：作者不能审核自己的作品，请换一位审核人",
         "the reviewer '{reviewer}' is an author of this contribution ({koc}): nobody reviews their own work, ask someone else"),
    Code("E822", ERROR, "同一个链接已经提交过（{other}）：同一篇作品只能计一次{variant}",
         "this link was already submitted ({other}): one work counts once{variant_en}"),
    Code("W823", WARNING, "活动 '{campaign}' 提供{pays}，这是商业内容：发布的标题或摘要应标明{labels}之一（《互联网广告管理办法》要求广告可识别）",
         "campaign '{campaign}' pays {pays_en}, so this is commercial content: its published title or excerpt should carry one of {labels_en} (advertising must be identifiable)"),
    Code("E824", ERROR, "活动 '{campaign}' 提供{pays}，这是商业内容：发布的标题或摘要必须标明{labels}之一（《互联网广告管理办法》要求广告可识别）",
         "campaign '{campaign}' pays {pays_en}, so this is commercial content: its published title or excerpt must carry one of {labels_en} (advertising must be identifiable)"),
    Code("E825", ERROR, "署名份额与任务 '{task}' 开工时约定的不一致（约定：{plan}；这里：{actual}）：请按约定填写，或写明 share_change_reason 说明为什么改",
         "the byline's shares differ from those agreed at kickoff for task '{task}' (agreed: {plan}; here: {actual}): use the agreed shares, or give a share_change_reason"),
    Code("E826", ERROR, "'{koc}' 的份额确认是由 git 身份 '{identity}' 提交的（提交 {commit}），不是 TA 本人：{detail}",
         "the share confirmation of '{koc}' was committed by git identity '{identity}' (commit {commit}), not by them: {detail_en}"),
    Code("W827", WARNING, "'{koc}' 的份额确认还没有提交到 git：提交后 kocsite check 才能核对是不是 TA 本人确认的",
         "the share confirmation of '{koc}' is not committed to git yet: kocsite check verifies who confirmed it once it is committed"),
    # -- open call: `kocsite apply` reading an application issue (E900–E919, W900–W919) --------
    Code("E900", ERROR, "“{field}”是必填项，现在是空的：请编辑 issue 补上",
         "'{field}' is required and empty: edit the issue and fill it in"),
    Code("E901", ERROR, "这不是报名表：没有找到报名表的任何一项（“### 公开昵称 / Public nickname”等）。请用“报名成为车主创作者”表单新建 issue",
         "this is not the application form: none of its fields (\"### 公开昵称 / Public nickname\" …) were found. "
         "Open a new issue with the \"Apply as a KOC\" form"),
    Code("E902", ERROR, "不认识的平台 '{ref}'{hint}：每行以平台开头，可选：{choices}",
         "unknown platform '{ref}'{hint_en}: start each line with a platform, one of: {choices}"),
    Code("E903", ERROR, "这一行只有平台“{platform}”，没有账号名：请写成“平台 账号 链接”，例如 小红书 @小雨的车",
         "this line names the platform '{platform}' but no handle: write 'platform handle link', e.g. xiaohongshu @xiaoyu"),
    Code("E904", ERROR, "这里像是{what}：issue 是公开的，请不要在这里写联系方式，编辑 issue 删掉它（它也不会被写进仓库）；入选后运营会私下联系你",
         "this looks like {what_en}: the issue is public, so do not write contact details here; edit the issue and "
         "remove it (it is not copied into the repository). The operators contact you privately once you are selected"),
    Code("E905", ERROR, "不认识的技能 '{ref}'{hint}：请只勾选表单里列出的技能",
         "unknown skill '{ref}'{hint_en}: tick only the skills the form lists"),
    Code("E906", ERROR, "'{value}' 不是链接：每行写一个以 https:// 开头的链接",
         "'{value}' is not a link: write one link starting with https:// per line"),
    Code("E907", ERROR, "没有勾选“公开信息确认”：请确认这些内容都可以公开后再提交",
         "'Public details' is not ticked: confirm that everything you wrote may be public"),
    Code("E908", ERROR, "KOC id '{id}' 已被 {other} 使用，不会覆盖：换一个 --id，或去掉 --id 自动选一个空闲的",
         "KOC id '{id}' is taken by {other} and is never overwritten: choose another --id, or leave it out to get a free one"),
    Code("E909", ERROR, "“{field}”太长：{detail}，请精简", "'{field}' is too long: {detail_en}; shorten it"),
    Code("E910", ERROR, "“{field}”出现了两次（第一次在第 {first_line} 行）：请只保留一个",
         "'{field}' appears twice (first on line {first_line}): keep one"),
    Code("W900", WARNING, "不认识的一项“{heading}”，已忽略：报名表里没有这一项",
         "unknown section '{heading}' ignored: the application form has no such field"),
    Code("W901", WARNING, "这个账号已经属于 KOC '{koc}'：是同一个人再次报名吗？请先核对再合并",
         "this account already belongs to KOC '{koc}': the same person applying again? Check before merging"),
    # -- weekly sentiment, amplification (E94x/W94x) ----------------------------------------------
    Code("E940", ERROR, "舆情周报的文件名 '{stem}' 不是 ISO 周：应写成 年-w周，如 2026-w45（{detail}）",
         "the sentiment file name '{stem}' is not an ISO week: write year-wweek, e.g. 2026-w45 ({detail_en})"),
    Code("W940", WARNING, "舆情周 {week}（{start} 至 {end}）与活动 '{campaign}' 的时间（{campaign_start} 至 {campaign_end}）没有重叠",
         "sentiment week {week} ({start} to {end}) does not overlap campaign '{campaign}' ({campaign_start} to {campaign_end})"),
    Code("E941", ERROR, "没有 id 为 '{ref}' 的用户洞察（insights/{ref}.yaml）{hint}",
         "no insight with id '{ref}' (insights/{ref}.yaml){hint_en}"),
    Code("E942", ERROR, "{detail}", "{detail_en}"),
    Code("W941", WARNING, "转发日期 {date} 早于作品发布日期 {published}", "amplification date {date} is before the work's date {published}"),
    Code("E943", ERROR, "舆情周报应放在活动的文件夹里：sentiment/<活动 id>/{name}", "a sentiment week belongs in its campaign's folder: sentiment/<campaign-id>/{name}"),
)


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file. `loc` is the path of keys/indices inside the file."""

    file: str
    line: int
    column: int
    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> str:
        return CATALOGUE[self.code].severity

    def message(self, lang: str = "zh") -> str:
        entry = CATALOGUE[self.code]
        template = entry.en if lang == "en" else entry.zh
        return template.format_map(_Params(self.params, lang))


class _Params(dict):
    """Template values; `x_en` falls back to `x`, so most params need to be given once."""

    def __init__(self, params: Iterable[tuple[str, str]], lang: str) -> None:
        super().__init__(params)
        self.lang = lang

    def __missing__(self, key: str) -> str:
        if key.endswith("_en"):
            return self.get(key[:-3], "")
        return ""


def problem(file: str, line: int, column: int, code: str, **params: object) -> Problem:
    if code not in CATALOGUE:
        raise KeyError(f"unknown problem code {code}")
    return Problem(file, line, column, code, tuple((k, str(v)) for k, v in params.items()))


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sorted by file, line, column, code; exact duplicates removed."""
    return sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.code, p.params))


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    errors = warnings = 0
    for p in problems:
        if p.severity == ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings
