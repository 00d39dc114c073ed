"""The shipped content, checked for meaning: whoever answers honestly ends with complete,
correct steps for their case, in both languages.

These tests walk every path (``support.paths``) and look for facts, not for today's
wording: a fact is found by a marker phrase that the content keeps word for word (the button
names, "Filing information cannot change during the transfer", the approval and notice
steps, ...). Rewording a step is free as long as the marker stays; dropping a fact fails.

docs/session.md lists every path; ``ICP_FAQ_UPDATE_DOCS=1`` rewrites that list from the tree.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

import pytest

from conftest import PATHS_HEADING, SESSION_DOC, documented_paths
from icp_faq.engine import Missing, Result, resolve
from icp_faq.model import LANGS, Lang, Outcome, Question, Text, Tree
from support import Path, paths

Marker = dict[Lang, tuple[str, ...]]

CONTINUE: Marker = {"zh": ("“继续接入备案”",), "en": ("“Continue ICP Filing Transfer”",)}
ADD: Marker = {"zh": ("“增加网站”",), "en": ("“Add Website”",)}
NO_CHANGE_DURING: Marker = {
    "zh": ("接入过程中不能修改备案信息",),
    "en": ("Filing information cannot change during the transfer",),
}
CHANGE_BEFORE_OR_AFTER: Marker = {
    "zh": ("原接入商", "接入成功后", "阿里云备案系统"),
    "en": ("original provider", "after the transfer", "Alibaba Cloud ICP filing system"),
}
APPROVAL: Marker = {
    "zh": ("管局", "审核通过", "指向阿里云服务器"),
    "en": ("Communications Administration", "approved", "point the domain to Alibaba Cloud"),
}
NOTICE: Marker = {"zh": ("通知", "规定", "时间"), "en": ("notice", "within the time")}
NOTICE_WITH_RISK: Marker = {
    "zh": ("通知", "规定", "时间", "备案号", "风险"),
    "en": ("notice", "within the time", "ICP number", "cancelled"),
}
MODIFY_DOMAIN: Marker = {"zh": ("《域名信息修改》",), "en": ("“Modify domain name information”",)}
ASK_DOMAIN_PROVIDER: Marker = {
    "zh": ("咨询您的域名服务商",),
    "en": ("ask your domain service provider",),
}
GUIDE_URL = "https://help.aliyun.com/document_detail/36924.html"
RULES_URL = "https://help.aliyun.com/document_detail/50270.html"
SYSTEM_URL = "https://beian.aliyun.com/"
MODIFY_DOMAIN_URLS = {
    "https://help.aliyun.com/document_detail/35854.html",
    "https://www.alibabacloud.com/help/faq-detail/35854.htm",
}

# The answers on which a user says the website is new: not filed anywhere.
SAYS_NEW = {("new-site", "new"), ("goal", "new-filing"), ("provider-change", "not-filed")}
# The answers on which a user says they will transfer a filing made elsewhere.
WILL_TRANSFER = {("provider-change", "other-provider"), ("transfer-anyway", "yes")}
# The answers on which a user says their ICP filing subject is already filed at Alibaba Cloud.
SUBJECT_AT_ALIBABA = {("provider-change", "already-alibaba"), ("goal", "add-website")}
MISMATCH = {"mismatch-aliyun", "mismatch-other"}
CHANGE_INFO_QUESTIONS = {"change-info", "owner-aliyun-change-info", "owner-other-change-info"}

# An outcome's screen must fit 80x24 with its menu (measured on a pty in test_screens.py).
SCREEN_COLUMNS = 80
MAX_STEPS, MAX_STEP_EN, MAX_STEP_ZH = 5, 160, 75


# --------------------------------------------------------------------------- helpers


def _steps(outcome: Outcome, lang: Lang) -> list[str]:
    return [s.get(lang) for s in outcome.steps]


def _step_with(outcome: Outcome, lang: Lang, marker: Marker) -> int | None:
    """The index of the first step holding every part of ``marker``, or None."""
    for i, step in enumerate(_steps(outcome, lang)):
        if all(part.casefold() in step.casefold() for part in marker[lang]):
            return i
    return None


def _says(outcome: Outcome, marker: Marker) -> bool:
    """Some step says ``marker``, in both languages."""
    found = [_step_with(outcome, lang, marker) is not None for lang in LANGS]
    assert found[0] == found[1], f"{outcome.id}: zh and en disagree on {marker}"
    return found[0]


def _urls(outcome: Outcome) -> set[str]:
    return {link.url for link in outcome.links}


def _on(path: Path, answers: set[tuple[str, str]]) -> bool:
    return any(a in answers for a in path.answers)


def _name(path: Path) -> str:
    return " ".join(f"{q}={c}" for q, c in path.answers) + f" -> {path.outcome.id}"


def _texts(tree: Tree) -> Iterator[tuple[str, Text]]:
    """Every text a user reads (aliases and source headings are not shown as prose)."""
    for t in tree.topics:
        yield f"topic {t.id} title", t.title
        yield f"topic {t.id} answer", t.answer
        for i, p in enumerate(t.points, 1):
            yield f"topic {t.id} point {i}", p
        for link in t.links:
            yield f"topic {t.id} link", link.title
    for q in tree.questions:
        yield f"question {q.id}", q.text
        if q.help is not None:
            yield f"question {q.id} help", q.help
        for c in q.choices:
            yield f"question {q.id} choice {c.id}", c.label
    for o in tree.outcomes:
        yield f"outcome {o.id} title", o.title
        for i, s in enumerate(o.steps, 1):
            yield f"outcome {o.id} step {i}", s
        for link in o.links:
            yield f"outcome {o.id} link", link.title


@pytest.fixture(scope="module")
def all_paths(shipped_tree: Tree) -> list[Path]:
    return paths(shipped_tree)


# --------------------------------------------------------------------------- every outcome


def test_every_outcome_is_complete_in_both_languages(shipped_tree: Tree) -> None:
    for o in shipped_tree.outcomes:
        for lang in LANGS:
            assert o.title.get(lang) and all(_steps(o, lang)), o.id
        assert 1 <= len(o.steps) <= MAX_STEPS, f"{o.id}: {len(o.steps)} steps"
        assert o.links, o.id
        assert len(set(_steps(o, "en"))) == len(o.steps), f"{o.id} repeats a step"
        for s in o.steps:
            assert len(s.en or "") <= MAX_STEP_EN, f"{o.id}: {s.en}"
            assert len(s.zh or "") <= MAX_STEP_ZH, f"{o.id}: {s.zh}"


def test_outcome_titles_fit_one_line(shipped_tree: Tree) -> None:
    for o in shipped_tree.outcomes:
        assert len(o.title.en or "") <= SCREEN_COLUMNS, o.id
        assert len(o.title.zh or "") <= SCREEN_COLUMNS // 2, o.id


# --------------------------------------------------------------------------- the buttons


def _advises_add_website(outcome: Outcome) -> bool:
    """Add Website is the advice, not only the button to avoid next to Continue."""
    return _says(outcome, ADD) and not _says(outcome, CONTINUE)


def test_no_path_ends_in_add_website_unless_the_user_said_the_site_is_new(
    all_paths: list[Path],
) -> None:
    advising = [p for p in all_paths if _advises_add_website(p.outcome)]
    assert advising, "the tree lost its Add Website outcome"
    for p in advising:
        assert _on(p, SAYS_NEW), _name(p)


def test_the_answers_that_say_new_really_say_so(shipped_tree: Tree) -> None:
    for qid, cid in SAYS_NEW:
        q = shipped_tree.question(qid)
        choice = q.choice(cid) if q is not None else None
        assert choice is not None, (qid, cid)
        assert re.search(r"not filed|no ICP filing", choice.label.en or ""), choice.label.en
        assert re.search(r"还没有.*备案", choice.label.zh or ""), choice.label.zh


def test_add_website_needs_a_subject_already_filed_at_alibaba_cloud(
    all_paths: list[Path],
) -> None:
    """The buttons exist only for a subject with a filed website at Alibaba Cloud."""
    for p in all_paths:
        if _advises_add_website(p.outcome):
            assert _on(p, SUBJECT_AT_ALIBABA | {("filed-subject", "yes")}), _name(p)


def test_a_new_site_without_a_filed_subject_gets_an_honest_exit(all_paths: list[Path]) -> None:
    for p in all_paths:
        if _on(p, SAYS_NEW) and not _advises_add_website(p.outcome):
            assert not p.outcome.covered, _name(p)
            assert ("filed-subject", "no") in p.answers, _name(p)


# --------------------------------------------------------------------------- transfers


def _transfers(all_paths: list[Path]) -> list[Path]:
    """Paths on which the user transfers: the domain owner question answered, not unsure."""
    return [
        p for p in all_paths if any(q == "domain-owner" and c != "unsure" for q, c in p.answers)
    ]


def test_every_transfer_ends_with_the_whole_transfer(all_paths: list[Path]) -> None:
    transfers = _transfers(all_paths)
    assert len(transfers) >= 24  # four ways in, three owners, information changing or not
    for p in transfers:
        o = p.outcome
        assert o.covered, _name(p)
        for marker in (CONTINUE, NO_CHANGE_DURING, APPROVAL, NOTICE):
            assert _says(o, marker), f"{_name(p)} lacks {marker['en']}"
        assert GUIDE_URL in _urls(o), _name(p)
        for lang in LANGS:
            submit = _step_with(o, lang, CONTINUE)
            approval = _step_with(o, lang, APPROVAL)
            notice = _step_with(o, lang, NOTICE)
            assert submit is not None and approval is not None and notice is not None
            assert submit < approval < notice, f"{_name(p)} ({lang}): steps out of order"
            # Add Website is named only as the button not to use, next to Continue.
            add = _step_with(o, lang, ADD)
            assert add in (None, submit), _name(p)


def test_every_path_through_a_domain_owner_mismatch_changes_the_owner_first(
    all_paths: list[Path],
) -> None:
    through = [p for p in all_paths if ("domain-owner", "mismatch-aliyun") in p.answers]
    through += [p for p in all_paths if ("domain-owner", "mismatch-other") in p.answers]
    assert len(through) == 16  # four ways in, two registrars, information changing or not
    for p in through:
        o = p.outcome
        at_alibaba = ("domain-owner", "mismatch-aliyun") in p.answers
        how = MODIFY_DOMAIN if at_alibaba else ASK_DOMAIN_PROVIDER
        for lang in LANGS:
            owner = _step_with(o, lang, how)
            assert owner == 0, f"{_name(p)} ({lang}): the owner change is not the first step"
            assert "域名所有者" in (o.steps[0].zh or "")
            assert "domain owner" in (o.steps[0].en or "")
        if at_alibaba:
            assert _urls(o) >= MODIFY_DOMAIN_URLS, _name(p)
        else:
            # No promise that the provider changes it: the user asks how.
            assert "how to change" in (o.title.en or "") and "如何" in (o.title.zh or "")
    # ... and the rest of the transfer, as for every transfer:
    assert set(map(_name, through)) <= set(map(_name, _transfers(all_paths)))


def test_information_that_must_change_gets_both_ways_and_the_deadline(
    all_paths: list[Path],
) -> None:
    for p in _transfers(all_paths):
        changes = any(q in CHANGE_INFO_QUESTIONS and c == "yes" for q, c in p.answers)
        o = p.outcome
        if changes:
            assert _says(o, CHANGE_BEFORE_OR_AFTER), _name(p)
            # Transfer first, change afterwards: the notice's deadline and what missing it risks.
            assert _says(o, NOTICE_WITH_RISK), _name(p)
            assert RULES_URL in _urls(o), _name(p)
        else:
            assert not _says(o, CHANGE_BEFORE_OR_AFTER), _name(p)
            assert RULES_URL not in _urls(o), _name(p)


def test_not_sure_about_the_domain_owner_says_how_to_find_out(
    shipped_tree: Tree, all_paths: list[Path]
) -> None:
    unsure = [p for p in all_paths if ("domain-owner", "unsure") in p.answers]
    assert unsure
    for p in unsure:
        assert _says(p.outcome, MODIFY_DOMAIN) and _says(p.outcome, ASK_DOMAIN_PROVIDER)
        assert _urls(p.outcome) >= MODIFY_DOMAIN_URLS
    question = shipped_tree.question("domain-owner")
    assert question is not None and question.help is not None
    for lang in LANGS:
        help_text = question.help.get(lang)
        assert MODIFY_DOMAIN[lang][0].strip("“”《》") in help_text
        assert ASK_DOMAIN_PROVIDER[lang][0] in help_text


def test_no_one_who_chose_to_transfer_is_told_it_is_mandatory(all_paths: list[Path]) -> None:
    for p in all_paths:
        if _on(p, WILL_TRANSFER) or ("new-site", "filed-elsewhere") in p.answers:
            text = " ".join([*_steps(p.outcome, "en"), p.outcome.title.en or ""]).lower()
            assert "mandatory" not in text and "cannot be skipped" not in text, _name(p)
            zh = "".join([*_steps(p.outcome, "zh"), p.outcome.title.zh or ""])
            assert "必须" not in zh and "不能省略" not in zh, _name(p)


def test_no_one_is_asked_again_whether_their_subject_is_filed(all_paths: list[Path]) -> None:
    for p in all_paths:
        if _on(p, SUBJECT_AT_ALIBABA):
            en = " ".join(_steps(p.outcome, "en"))
            zh = "".join(_steps(p.outcome, "zh"))
            assert "already have" not in en and "已有备案成功" not in zh, _name(p)


def test_wanting_to_skip_the_transfer_is_answered_then_the_walk_goes_on(
    shipped_tree: Tree,
) -> None:
    q = shipped_tree.question("transfer-anyway")
    assert q is not None and q.help is not None
    assert "MIIT" in (q.help.en or "") and "工信部" in (q.help.zh or "")
    skip = {"goal": "move-hosting", "provider-change": "keep-elsewhere"}
    asked = resolve(shipped_tree, skip)
    assert isinstance(asked, Missing) and asked.question.id == "transfer-anyway"
    going_on = resolve(shipped_tree, {**skip, "transfer-anyway": "yes"})
    assert isinstance(going_on, Missing) and going_on.question.id == "domain-owner"
    not_now = resolve(shipped_tree, {**skip, "transfer-anyway": "no"})
    assert isinstance(not_now, Result)
    assert _says(not_now.outcome, {"zh": ("工信部",), "en": ("(MIIT)",)})
    assert _says(not_now.outcome, {"zh": ("注销",), "en": ("ICP number can be cancelled",)})
    assert _says(not_now.outcome, {"zh": ("把上一个回答改为",), "en": ("change your last answer",)})


# --------------------------------------------------------------------------- review and notice


def test_review_outcomes(all_paths: list[Path]) -> None:
    by_status = {c: p.outcome for p in all_paths for q, c in p.answers if q == "review-status"}
    approved, rejected, pending = by_status["approved"], by_status["rejected"], by_status["pending"]
    # Approved: where changes go, and the notice's deadline; no rejection bullets.
    assert "access-rejected" not in approved.topics
    assert _says(approved, NOTICE_WITH_RISK)
    assert any("阿里云备案系统" in s for s in _steps(approved, "zh"))
    assert any("Alibaba Cloud ICP filing system" in s for s in _steps(approved, "en"))
    # Rejected: correct and resubmit as soon as possible; the provincial rules are not its links.
    assert RULES_URL not in _urls(rejected)
    assert any("as soon as possible" in s and "resubmit" in s for s in _steps(rejected, "en"))
    assert any("尽快" in s and "重新提交" in s for s in _steps(rejected, "zh"))
    assert _says(pending, APPROVAL) and _says(rejected, APPROVAL)


# --------------------------------------------------------------------------- leaving


LEAVE_FACTS: list[Marker] = [
    {"zh": ("无法再指向阿里云服务器",), "en": ("can no longer point to Alibaba Cloud servers",)},
    {"zh": ("仍然存在",), "en": ("still exists",)},
    {"zh": ("尽快", "正在使用的空间提供商"), "en": ("as soon as possible", "hosting provider")},
    {"zh": ("管局注销",), "en": ("Communications Administration may cancel",)},
]


def test_leaving_gives_the_deciding_facts_about_cancel_transfer(all_paths: list[Path]) -> None:
    by_choice = {c: p.outcome for p in all_paths for q, c in p.answers if q == "keep-number"}
    for choice in ("keep", "unsure"):
        o = by_choice[choice]
        for fact in LEAVE_FACTS:
            assert _says(o, fact), f"{o.id} lacks {fact['en']}"
    for choice in ("delete", "unsure"):
        o = by_choice[choice]
        assert _says(o, {"zh": ("重新提交备案申请",), "en": ("new ICP filing application",)})
    for o in by_choice.values():
        assert _says(o, {"zh": ("无法撤回",), "en": ("withdrawn",)}), o.id


def test_nothing_promises_to_keep_the_icp_number(shipped_tree: Tree) -> None:
    for where, text in _texts(shipped_tree):
        assert "keep the icp number" not in (text.en or "").lower(), where
        assert "保留备案号" not in (text.zh or ""), where


def test_after_cancel_transfer_the_links_do_not_point_back_to_alibaba_cloud(
    shipped_tree: Tree,
) -> None:
    topic = shipped_tree.topic("site-after-cancel-access")
    assert topic is not None
    assert SYSTEM_URL not in {link.url for link in topic.links}


# --------------------------------------------------------------------------- honest exits


def test_cases_the_faq_does_not_answer_end_in_an_honest_exit(
    shipped_tree: Tree, all_paths: list[Path]
) -> None:
    exits = [p for p in all_paths if not p.outcome.covered]
    assert {p.answers[-1] for p in exits} >= {("goal", "other"), ("filed-subject", "no")}
    for p in exits:
        o = p.outcome
        assert o.links and _urls(o) <= {SYSTEM_URL, GUIDE_URL}, o.id
        assert any("ICP filing transfer" in s for s in _steps(o, "en")), o.id
        assert any("接入备案" in s for s in _steps(o, "zh")), o.id
    goal = shipped_tree.question(shipped_tree.start)
    assert goal is not None
    assert any(shipped_tree.node(c.next) in [p.outcome for p in exits] for c in goal.choices)


# --------------------------------------------------------------------------- jargon


@pytest.mark.parametrize(
    ("zh", "en"),
    [("备案主体", "ICP filing subject"), ("管局", "Communications Administration")],
)
def test_questions_that_use_jargon_explain_it(shipped_tree: Tree, zh: str, en: str) -> None:
    """A question is explained where the term first comes up on a path."""
    explained: set[str] = set()
    for q in shipped_tree.questions:
        if q.help is not None and zh in (q.help.zh or "") and en in (q.help.en or ""):
            explained.add(q.id)
    for p in paths(shipped_tree):
        seen_help = False
        for qid, _cid in p.answers:
            q = shipped_tree.question(qid)
            assert isinstance(q, Question)
            seen_help = seen_help or qid in explained
            words = (q.text.zh or "") + "".join(c.label.zh or "" for c in q.choices)
            if zh in words:
                assert seen_help, f"{_name(p)}: '{zh}' at {qid} before any help explains it"


# --------------------------------------------------------------------------- wording


def test_english_wording(shipped_tree: Tree) -> None:
    for where, text in _texts(shipped_tree):
        en = text.en or ""
        assert not re.search(r"(?<!as )\bsoon\b(?! as possible)", en), (where, en)
        assert not re.search(r"requires that [^.]*\bholds\b", en), (where, en)
        assert not re.search(r"\bchange server provider\b", en), (where, en)
        assert "rejection reason names" not in en, (where, en)
        assert not en.startswith("Rejected for a long time"), (where, en)
        assert not re.search(r"(?<!Communications )\bAdministration\b", en), (where, en)
        # Which "cancel": Cancel Transfer, cancelling the ICP filing, or a number cancelled.
        for sentence in re.split(r"(?<=[.;:?])\s", en):
            if re.search(r"\bcancel", sentence, re.I):
                assert re.search(
                    r"Cancel Transfer|ICP filing|ICP number|filing information|filing with"
                    r"|MIIT filing|deregist",
                    sentence,
                ), (where, sentence)


def test_every_outcome_can_be_read_alone(shipped_tree: Tree) -> None:
    """MIIT and the Communications Administration are spelt out at first mention."""
    for o in shipped_tree.outcomes:
        text = " ".join([o.title.en or "", *_steps(o, "en")])
        miit = text.find("MIIT")
        if miit != -1:
            assert text[:miit].endswith("Ministry of Industry and Information Technology ("), o.id
        ca = text.find("Communications Administration")
        if ca != -1:
            assert re.search(r"(provincial|province's) $", text[:ca]), o.id


def test_chinese_wording(shipped_tree: Tree) -> None:
    for where, text in _texts(shipped_tree):
        zh = text.zh or ""
        assert "我想不接入" not in zh, where
        assert "阿里云不再接入" not in zh, where
        assert "域名持有者" not in zh, where  # the page says 所有者 (持有者 stays a search word)
        assert "原页面" not in zh and "source page" not in (text.en or ""), where
        # Button names are quoted, not bold (bold disappears without colour).
        for button in ("增加网站", "继续接入备案"):
            for m in re.finditer(button, zh):
                assert zh[m.start() - 1 : m.start()] == "“", (where, zh)
        for button in ("Add Website", "Continue ICP Filing Transfer"):
            for m in re.finditer(button, text.en or ""):
                assert (text.en or "")[m.start() - 1 : m.start()] in ("“", "("), (where, text.en)


# --------------------------------------------------------------------------- the topics


# What each entry of the page says, found in its answer in both languages.
SEED_FACTS: dict[str, list[tuple[str, str]]] = {
    "skip-access": [
        ("工信部", "Ministry of Industry and Information Technology (MIIT)"),
        ("服务器提供商处留有您的备案数据", "provider of your servers hold your ICP filing data"),
        ("新的服务商处提交接入备案申请", "transfer application with the new provider"),
        ("正常访问会受到影响", "normal access to your website is affected"),
        ("备案号还可能被注销", "ICP filing number can be cancelled"),
        ("必须办理", "mandatory"),
        ("《接入备案图文引导》", "ICP filing transfer guide"),
    ],
    "add-site-vs-continue-access": [
        ("已经有备案成功的主体和网站", "successfully filed with Alibaba Cloud"),
        ("备案信息主页", "filing information home page"),
        ("“增加网站”", "“Add Website”"),
        ("“继续接入备案”", "“Continue ICP Filing Transfer”"),
        ("新的网站域名", "new website domain"),
        ("指向的网站不同", "different website"),
        ("其他服务商处备案", "filed through another service provider"),
        ("托管在阿里云服务器上", "hosted on Alibaba Cloud servers"),
    ],
    "change-info-during-access": [
        ("增加一个新的服务商", "adds a new service provider"),
        ("无法修改备案信息", "cannot be modified"),
        ("原接入商处完成修改", "original service provider first"),
        ("阿里云备案系统中提交信息变更申请", "in the Alibaba Cloud ICP filing system"),
        ("规则不同", "different rules"),
        ("《各省备案规则》", "provincial ICP filing rules"),
    ],
    "access-rejected": [
        ("管局审核通过", "Communications Administration approves"),
        ("指向阿里云服务器", "point to Alibaba Cloud servers"),
        ("还没有被注销", "has not been cancelled"),
        ("暂时不会影响网站访问", "for the time being"),
        ("尽快登录阿里云备案系统", "as soon as possible"),
        ("按照失败原因修改", "corrections stated in the rejection reason"),
        ("没有其他接入商", "no other service provider"),
        ("被管局注销", "Communications Administration may cancel your ICP number"),
    ],
    "update-after-access": [
        ("备案所在省管局", "Communications Administration of the province where you filed"),
        ("核实并更新备案信息", "verify and update your filing information"),
        ("网站名称、网站负责人、主体名称、主体性质", "website name, the person in charge"),
        ("备案号存在被取消的风险", "at risk of being cancelled"),
        ("规定时间内", "within the time it specifies"),
    ],
    "site-after-cancel-access": [
        ("解除您的备案信息与阿里云之间的关联", "removes the association"),
        ("无法继续指向阿里云服务器", "can no longer point to Alibaba Cloud servers"),
        ("备案号依然存在", "still exists"),
        ("正在使用的空间提供商", "hosting provider you now use"),
        ("尽快提交接入备案申请", "as soon as possible"),
    ],
    "domain-owner-mismatch": [
        ("先更改域名所有者信息，再办理接入备案", "domain owner information first"),
        ("《域名信息修改》", "“Modify domain name information”"),
        ("咨询您的域名服务商如何更改域名信息", "ask your domain service provider how to change"),
    ],
    "cancel-vs-deregister": [
        ("阿里云不再是您的接入服务商", "Alibaba Cloud is no longer your service provider"),
        ("无法再指向阿里云服务器", "can no longer point to Alibaba Cloud servers"),
        ("备案号依然存在", "still exists"),
        ("正在使用的空间提供商", "hosting provider you now use"),
        ("有被管局注销的风险", "Communications Administration may cancel"),
        ("删除您在工信部的备案信息", "deletes your ICP filing information at MIIT"),
        ("重新提交备案申请", "new ICP filing application"),
        ("无法撤回", "cannot be withdrawn"),
    ],
}


def test_every_fact_of_the_page_is_in_its_topic_in_both_languages(shipped_tree: Tree) -> None:
    assert set(SEED_FACTS) == {t.id for t in shipped_tree.topics}
    for tid, facts in SEED_FACTS.items():
        topic = shipped_tree.topic(tid)
        assert topic is not None
        for zh, en in facts:
            assert zh in (topic.answer.zh or ""), (tid, zh)
            assert en in (topic.answer.en or ""), (tid, en)


def test_steps_do_not_restate_the_key_points_they_draw_on(shipped_tree: Tree) -> None:
    def norm(s: str) -> str:
        return re.sub(r"[\W_]+", "", s.casefold())

    for o in shipped_tree.outcomes:
        points = {norm(p.get(lang)) for tid in o.topics for p in shipped_tree.topic(tid).points  # type: ignore[union-attr]
                  for lang in LANGS}  # fmt: skip
        for lang in LANGS:
            for s in _steps(o, lang):
                assert norm(s) not in points, (o.id, s)


# --------------------------------------------------------------------------- docs/session.md


def _paths_section(tree: Tree) -> str:
    found = paths(tree)
    exits = sum(1 for o in tree.outcomes if not o.covered)
    rows = [f"| {' '.join(f'{q}={c}' for q, c in p.answers)} | {p.outcome.id} |" for p in found]
    intro = (
        f"{len(found)} paths from `{tree.start}` reach all {len(tree.outcomes)} outcomes "
        f"({exits} of them honest exits, `covered: false`) and, together, all "
        f"{len(tree.topics)} topics. `tests/test_content_paths.py` checks this list against "
        "the tree; `ICP_FAQ_UPDATE_DOCS=1 pytest tests/test_content_paths.py` rewrites it."
    )
    return "\n".join([PATHS_HEADING, "", intro, "", "| answers | outcome |", "|---|---|", *rows])


def test_docs_list_every_path_of_the_tree(shipped_tree: Tree) -> None:
    text = SESSION_DOC.read_text(encoding="utf-8")
    start = text.index(PATHS_HEADING)
    end = text.find("\n## ", start + 1)
    current, wanted = text[start:end].rstrip("\n"), _paths_section(shipped_tree)
    if os.environ.get("ICP_FAQ_UPDATE_DOCS") and current != wanted:
        SESSION_DOC.write_text(text[:start] + wanted + "\n" + text[end:], encoding="utf-8")
        current = wanted
    assert current == wanted, "docs/session.md's paths differ; run with ICP_FAQ_UPDATE_DOCS=1"
    listed = documented_paths()
    assert listed == [(" ".join(f"{q}={c}" for q, c in p.answers), p.outcome.id)
                      for p in paths(shipped_tree)]  # fmt: skip
