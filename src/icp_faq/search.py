"""Find topics: resolve what a user typed to one topic, and rank topics for a free query.

Ranking is a small BM25F: each topic is one document whose fields (title, aliases, key
points, answer, in both languages) carry different weights. Chinese is matched with
character bigrams (unigrams for a one-character query), the standard technique when
there are no spaces; English with lowercase tokens, stopwords dropped and a light suffix
stemmer so that "rejected", "rejection" and "rejects" meet. Before that, the wordings people
type are rewritten, in topics and queries alike, to the words the FAQ uses (被拒了 -> 不通过,
"in my client's name" -> owner, "Tencent Cloud" -> provider), and an alias quoted in the
query earns a bonus as large as its words are specific. No I/O, no imports beyond the
standard library: it runs on every ``search`` and must start fast.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .errors import CliError, ExitCode

if TYPE_CHECKING:
    from .model import Topic, Tree

# Field weights: what a topic is called outranks what it says.
WEIGHTS = {"title": 3.0, "aliases": 3.0, "points": 1.5, "answer": 1.0}
K1 = 1.2  # BM25 term-frequency saturation
PREFIX_MIN = 5  # English stems sharing at least this prefix match at PREFIX_FACTOR
PREFIX_FACTOR = 0.5
B = 0.75  # BM25 length normalisation
PHRASE_BONUS = 2.0
RELATIVE_FLOOR = 0.2  # search() drops topics scoring below this share of the best
BACKOFF_FACTOR = 0.5  # a lone character stands in for an unknown bigram

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_RUNS = rf"[{_CJK}]+|[a-z0-9]+"
# Question words carry no topic: they split Chinese runs, as spaces split English.
_ZH_SPLIT = (
    "怎么办|怎么弄|咋办|什么|怎么|怎样|如何|为什么|为啥|是否|能否|能不能|可不可以|可以|可能|还能|还要|需不需要|"
    "需要|有没有|请问|一下|这个|那个|我们|自己|现在|已经|还是|或者|应该|到底|是不是|会不会"
)
# Everyday wordings mapped onto the words the FAQ uses (applied to topics and queries alike).
# Longer wordings come first where they overlap, so 有什么不一样 (a difference) is not read as
# 不一样 (a mismatch).
_ZH_SYNONYMS = {
    "区别": (
        "有什么不一样|有啥不一样|有什么不同|有啥不同|有什么区别|有啥区别|什么不一样|啥不一样|"
        "什么不同|啥不同|有何不同|何不同|哪里不一样|不同之处|差别|差异|"
        "选哪个|哪个好|哪个更好|怎么选|如何选择|选择哪个|用哪个"
    ),
    "期间": (
        "的时候|时候|过程中|途中|中途|当中|进行中|办理中|还没完成|没完成|未完成|尚未完成|"
        "还没结束|没结束|还没好|没办完"
    ),
    "修改": "更改|改掉|改成|改一下|更正|填错|写错|改动|调整|纠正|不对|有误|错了",
    "迁移": "搬到|搬过来|搬迁|搬家|转移到|迁过来|迁来|迁到|挪到|转到|换到",
    "服务商": (
        "腾讯云|华为云|百度云|京东云|西部数码|主机商|服务提供商|提供商|供应商|空间商|"
        "云厂商|云服务商|接入商|运营商"
    ),
    "服务器": "云服务器|虚拟主机|主机|空间",
    "无法访问": (
        "打不开|访问不了|上不去|不能访问|访问不到|进不去|被关|关停|关站|关闭|被封|封站|下线|"
        "停掉|挂了|用不了|不能用"
    ),
    "不通过": "没通过|未通过|没过|被拒绝|被拒|拒绝|打回|被打回|被驳回|驳回|被退回|退回|审核失败",
    "持有者": (
        "名下|所有人|所有者|注册人|持有人|别人|他人|其他人|实名人|朋友|老婆|老公|妻子|丈夫|爱人|"
        "家人|亲戚|父母|爸爸|妈妈|同事|老板|员工|客户"
    ),
    "一致": "同一个|一样|相同",
    "主体": "公司|企业|单位|组织",
    "删除": "删掉|删了|不想要了|不想要|不要了|去掉|清除",
    "注销备案": "取消备案|撤销备案|注销掉备案",
    "核实": "核查|核对|核验|确认",
    "通知": "短信|电话|来电|邮件|消息",
    "管局": "通信管理局|通管局|管理局",
    "信息": "资料",
    "网站": "站点|网页",
    "必须": "一定要|非要|必需|强制",
    "接入期间": (
        "接入中|接入当中|转入中|接入时|接入备案时|备案接入时|转入时|正在接入|正在转入|正在办理接入"
    ),
    "不一致": "对不上|不相符|不符|不匹配",
    "审核期间": "审核中|审核当中|正在审核|还在审核|在审核|还在审|在审",
    "主体下": "公司名下|企业名下|单位名下|主体名下",
    "增加网站": (
        "加一个网站|再加一个网站|加个网站|再加个网站|多加一个网站|再备一个网站|再备案一个网站"
    ),
    "成功": "完成后|完成以后|完成之后|成功以后|成功之后|办好后|办完后|办好了",
    "按钮": "选项|入口|点哪个",
    "离开阿里云": (
        "不想用阿里云|不再用阿里云|不再使用阿里云|停用阿里云|不用阿里云|退出阿里云|迁出阿里云|"
        "搬离阿里云|离开阿里云"
    ),
    "持有者不一致": "不是我的名字|不是我本人|不是本人|非本人|不是自己的|不是我的",
    "名称": "名字",
    "其他": "别的|别家|其它|另外的",
    # using a filing "as it is" on new servers is skipping the transfer
    "不接入": "直接用|直接使用|沿用|照样用",
    "指向": "解析到|解析过来|解析|指到",
    "存在": "还有效|仍有效|有效|还在|仍在|依然存在|仍然存在|还存在",
    # "not doing" a thing is not doing it: 不做接入备案 -> 不接入备案
    "不": "不去做|不去办|不办理|不做|不办|不弄|不搞",
    "影响": "后果|坏处",
    "新网站": "另一个网站|另外一个网站|又一个网站|第二个网站|多一个网站",
}
_ZH_CANON = "|".join(sorted("|".join(_ZH_SYNONYMS.values()).split("|"), key=len, reverse=True))
_ZH_TO = {w: canon for canon, ws in _ZH_SYNONYMS.items() for w in ws.split("|")}
# Particles and pronouns are dropped, joining their neighbours: 换了服务器 -> 换服务器.
_ZH_DROP = "[的了吗呢吧啊呀么嘛哦我你您他她它们是在也都就还又很把被给让请后]"
_EN_STOP_WORDS = (
    "a an the and or but if then so of to in on at by for from with without into onto as "
    "is are was were be been being am do does did done doing have has had having can could "
    "will would shall should may might must i me my mine we us our you your yours he she it "
    "its they them their this that these those there here what which who whom whose when "
    "where why how not no yes any some all just also still yet about again very too more "
    "most much many such own same than get got gets getting want need needs like lot ok "
    "please help stay once people anyone"
)
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
# English wordings of more than one word, rewritten to one of the FAQ's words before the
# text is split (topics and queries alike): "in my client's name" is about the domain owner.
_EN_PHRASES = {
    "owner": (
        r"(?:in|under) (?:(?:my|his|her|their|our|your|the|a|an) )?(?:[a-z]+'s|his|her|their|"
        r"our|my|your|someone else's|personal|private|individual|another) (?:own )?names?|"
        r"registered (?:to|under|by)|someone else|somebody else|"
        r"another person|third party|belongs? to|belonging to|owned by"
    ),
    "mismatch": r"not the same|(?:doesn't|does not|don't|do not|not) match(?:ing)?",
    "during": (
        r"in progress|in the middle of|under review|being reviewed|being processed|processing|"
        r"in process|not (?:yet )?(?:finished|complete|completed|done)|"
        r"before (?:[a-z]+ ){0,3}(?:finish|finishes|completes|ends|is done|is over|succeeds)"
    ),
    "access": (
        r"(?:go|goes|going|went|gone) (?:down|offline|dark)|shut down|taken down|"
        r"stop(?:s|ped)? working|(?:not|won't|doesn't|can't|cannot) (?:load|open|work)"
    ),
    "provider": (
        r"(?:tencent|huawei|baidu|jd|google|oracle|west) cloud|amazon web services|"
        r"hosting company|web host|cloud provider"
    ),
    "alibaba": r"alibaba cloud",
    "deregister": (
        r"cancel (?:the |my |our )?(?:icp |beian )?(?:filing|record|registration|license|"
        r"licence|icp|beian)\b(?! (?:filing )?(?:transfer|number))|get rid of"
    ),
    "difference": r"which one|which should|which to|which is better",
    "skip": (
        r"(?:not|don't|do not|never|without|avoid|rather not) (?:[a-z]+ ){0,2}"
        r"(?:move|moving|transfer|transferring|migrate|migrating)"
        # using the existing filing as it is on the new servers
        r"|(?:just|simply) (?:keep using|keep|use|reuse)|reuse|as it is|as is"
    ),
    "": r"have to|has to|had to",  # as empty as "need to", whatever the topic
    "reject": (r"turned down|(?:didn't|did not|not|wasn't|was not) (?:pass|passed|approved)"),
    "change name": r"renam(?:e|ed|es|ing)",
    "transfer application": r"access (?:application|request)s?",  # Alibaba's "ICP access"
    "leave": r"stop(?:s|ped|ping)? using|no longer use|mov(?:e|ing) away from",
    "after": (
        r"(?:once|when) (?:[a-z]+ ){0,3}(?:approved|succeeded|successful|completed|finished|"
        r"done|through)"
    ),
    "notice": r"phone call",
}
# Spellings that mean the same thing in this FAQ; both sides are stemmed on use.
_EN_SYNONYMS = {
    "beian": "icp",
    "record": "filing",
    "license": "filing",
    "licence": "filing",
    "host": "hosting",
    "hoster": "hosting",
    "hosted": "hosting",
    "cloud": "alibaba",
    "aliyun": "alibaba",
    "website": "site",
    "web": "site",
    "webpage": "site",
    "offline": "access",
    "unreachable": "access",
    "inaccessible": "access",
    "reachable": "access",
    "accessible": "access",
    "online": "access",
    "denied": "reject",
    "deny": "reject",
    "refuse": "reject",
    "refused": "reject",
    "declined": "reject",
    "fail": "reject",
    "kept": "keep",
    "failed": "reject",
    "modify": "change",
    "edit": "change",
    "alter": "change",
    "amend": "change",
    "revise": "change",
    "migrate": "move",
    "switch": "change",
    "registrant": "owner",
    "belong": "owner",
    "company": "subject",
    "entity": "subject",
    "organization": "subject",
    "organisation": "subject",
    "business": "subject",
    "holder": "owner",
    "owns": "owner",
    "bureau": "administration",
    "ca": "administration",
    "notification": "notice",
    "sms": "notice",
    "message": "notice",
    "inconsistent": "mismatch",
    "midway": "during",
    "halfway": "during",
    "mid": "during",
    "while": "during",
    "meanwhile": "during",
    "pending": "during",
    "ongoing": "during",
    "underway": "during",
    "unfinished": "during",
    "incomplete": "during",
    "open": "access",
    "visit": "access",
    "reach": "access",
    "load": "access",
    "tencent": "provider",
    "huawei": "provider",
    "baidu": "provider",
    "qcloud": "provider",
    "ucloud": "provider",
    "kingsoft": "provider",
    "volcengine": "provider",
    "ctyun": "provider",
    "qiniu": "provider",
    "aws": "provider",
    "azure": "provider",
    "godaddy": "provider",
    "digitalocean": "provider",
    "linode": "provider",
    "vultr": "provider",
    "bluehost": "provider",
    "hostgator": "provider",
    "isp": "provider",
    "idc": "provider",
    "alicloud": "alibaba",
    "vs": "difference",
    "versus": "difference",
    "compare": "difference",
    "comparison": "difference",
    "choose": "difference",
    "pick": "difference",
    "select": "difference",
    "ignore": "skip",
    "bypass": "skip",
    "old": "original",
    "previous": "original",
    "former": "original",
    "prior": "original",
    "necessary": "mandatory",
    "compulsory": "mandatory",
    "obligatory": "mandatory",
    "required": "mandatory",
    "bounced": "reject",
    "unsuccessful": "reject",
    "check": "verify",
    "confirm": "verify",
    "typo": "change",
    "mistake": "change",
    "incorrect": "change",
    "correct": "change",
    "wrong": "change",
    "quit": "leave",
    "info": "information",
    "data": "information",
    "details": "information",
    "email": "notice",
    "mail": "notice",
    "letter": "notice",
    "call": "notice",
    "notify": "notice",
    "government": "administration",
    "authority": "administration",
    "regulator": "administration",
}


def _canon() -> dict[str, str]:
    return {_stem(k): _stem(v) for k, v in _EN_SYNONYMS.items()}


def _stem(word: str) -> str:
    """A light English suffix stripper: plurals, -ing, -ed, -ion, -ment, -al, -ly, final -e."""
    w = word
    if len(w) <= 3:
        return w
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith(("sses", "shes", "ches", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeious":
                w = w[:-1]  # cancell -> cancel, transferr -> transfer
            break
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w.endswith("y"):
        w = w[:-1] + "i"
    return w


_SUFFIXES = (
    ("istration", "ister"),
    ("ation", ""),
    ("ition", ""),
    ("ion", ""),
    ("ing", ""),
    ("ed", ""),
    ("ment", ""),
    ("al", ""),
    ("ly", ""),
)


class _Patterns:
    """The compiled expressions, each built on first use: ``explain ID`` never pays for
    them, and a query in one language (with the index from the cache) compiles only its own.
    """

    def __init__(self) -> None:
        self.phrase_to = list(_EN_PHRASES)
        self.stems: dict[str, str] = {}  # word -> its stem, canonical spelling

    @functools.cached_property
    def runs(self) -> re.Pattern[str]:
        return re.compile(_RUNS)

    @functools.cached_property
    def split(self) -> re.Pattern[str]:
        return re.compile(_ZH_SPLIT)

    @functools.cached_property
    def canon(self) -> re.Pattern[str]:
        return re.compile(_ZH_CANON)

    @functools.cached_property
    def phrase(self) -> re.Pattern[str]:
        phrases = "|".join(f"(?P<g{i}>{rx})" for i, rx in enumerate(_EN_PHRASES.values()))
        return re.compile(rf"\b(?:{phrases})\b")

    @functools.cached_property
    def drop(self) -> re.Pattern[str]:
        return re.compile(_ZH_DROP)

    @functools.cached_property
    def en_canon(self) -> dict[str, str]:
        return _canon()


_PATTERNS: list[_Patterns] = []


def _rx() -> _Patterns:
    if not _PATTERNS:
        _PATTERNS.append(_Patterns())
    return _PATTERNS[0]


def _normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'")
    rx = _rx()
    if any("a" <= ch <= "z" for ch in text):
        text = rx.phrase.sub(lambda m: f" {rx.phrase_to[int(str(m.lastgroup)[1:])]} ", text)
    if not text.isascii():
        text = rx.canon.sub(lambda m: _ZH_TO[m.group()], text)
    return text


def terms(text: str, *, query: bool = False) -> list[str]:
    """Index terms: English stems, Chinese bigrams (a lone character stays a unigram)."""
    return _split(_normalize(text), query)


def _split(text: str, query: bool) -> list[str]:
    """The terms of already normalised text."""
    out: list[str] = []
    rx = _rx()
    for run in rx.runs.findall(text):
        if run[0].isascii():
            if run in _EN_STOP or len(run) == 1:
                continue
            stem = rx.stems.get(run)
            if stem is None:
                stem = rx.stems[run] = rx.en_canon.get(_stem(run), _stem(run))
            out.append(stem)
            continue
        for piece in rx.split.split(run):
            piece = rx.drop.sub("", piece)
            if len(piece) == 1:
                # In a document a lone character is mostly noise; in a query it is the query.
                if query:
                    out.append(piece)
            else:
                out.extend(piece[i : i + 2] for i in range(len(piece) - 1))
    return out


def _chars(text: str) -> list[str]:
    """The Chinese characters of already normalised text, particles dropped."""
    rx = _rx()
    return [c for run in rx.runs.findall(rx.drop.sub("", text)) if not run.isascii() for c in run]


def _contains(seq: list[str], part: tuple[str, ...]) -> bool:
    """Whether ``part`` occurs in ``seq`` as a contiguous run."""
    n = len(part)
    return any(tuple(seq[i : i + n]) == part for i in range(len(seq) - n + 1))


class _Field:
    """One field's term counts and length (plain class: dataclasses cost start-up time)."""

    __slots__ = ("counts", "length")

    def __init__(self, counts: Counter[str], length: int) -> None:
        self.counts = counts
        self.length = length


class _Doc:
    """One topic, ready for scoring."""

    __slots__ = ("chars", "phrases", "topic", "words")

    def __init__(
        self,
        topic: Topic,
        words: dict[str, _Field],
        chars: dict[str, _Field],
        phrases: tuple[tuple[str, ...], ...],
    ) -> None:
        self.topic = topic
        self.words = words
        self.chars = chars
        self.phrases = phrases


def _field(items: list[str]) -> _Field:
    return _Field(Counter(items), len(items))


class Index:
    """Topics prepared for ranking; build once per tree, query many times.

    ``data()`` and ``Index.restore()`` turn the prepared topics into JSON-ready data and back,
    so that the parsed-tree cache can keep them: preparing is most of a search's own cost.
    """

    def __init__(self, topics: Iterable[Topic]) -> None:
        self._finish([self._prepare(t) for t in topics])

    @staticmethod
    def _prepare(t: Topic) -> _Doc:
        """Normalise one topic's texts into per-field term counts."""
        texts = {
            # The seed's own heading is the question as its authors phrased it.
            "title": [t.title.zh or "", t.title.en or "", t.source.title],
            "aliases": [*t.aliases.get("zh", ()), *t.aliases.get("en", ())],
            "points": [x for p in t.points for x in (p.zh or "", p.en or "")],
            "answer": [t.answer.zh or "", t.answer.en or ""],
        }
        norm = {f: [_normalize(s) for s in v] for f, v in texts.items()}
        words = {f: _field([w for s in v for w in _split(s, False)]) for f, v in norm.items()}
        # Characters come from both the text as written and as normalised: a lone
        # character a user types (驳) may be one the synonym table rewrote (驳回 -> 不通过).
        chars = {
            f: _field([c for s in (*v, *texts[f]) for c in _chars(s)]) for f, v in norm.items()
        }
        phrases = tuple(p for s in texts["aliases"] if (p := tuple(terms(s))))
        return _Doc(t, words, chars, phrases)

    def _finish(self, docs: list[_Doc]) -> None:
        self.docs = docs
        self.idf = self._idf([d.words for d in self.docs])
        self.cidf = self._idf([d.chars for d in self.docs])
        self.avg = self._avg([d.words for d in self.docs])
        self.cavg = self._avg([d.chars for d in self.docs])
        self.stems = sorted(w for w in self.idf if w.isascii())
        self.top_idf = math.log(1 + (len(self.docs) - 0.5) / 1.5)  # a term only one topic uses

    def data(self) -> list[dict[str, Any]]:
        """The prepared topics as JSON-ready data (see ``restore``)."""
        return [
            {
                "id": d.topic.id,
                "words": {f: [dict(v.counts), v.length] for f, v in d.words.items()},
                "chars": {f: [dict(v.counts), v.length] for f, v in d.chars.items()},
                "phrases": [list(p) for p in d.phrases],
            }
            for d in self.docs
        ]

    @classmethod
    def restore(cls, topics: Iterable[Topic], data: list[dict[str, Any]]) -> Index:
        """An index from ``data()`` output; ``ValueError`` if it is not for these topics."""
        topics = tuple(topics)
        if [t.id for t in topics] != [d["id"] for d in data]:
            raise ValueError("the index was prepared for other topics")

        def fields(raw: dict[str, Any]) -> dict[str, _Field]:
            return {f: _Field(Counter(counts), length) for f, (counts, length) in raw.items()}

        index = cls.__new__(cls)
        index._finish(
            [
                _Doc(t, fields(d["words"]), fields(d["chars"]), tuple(map(tuple, d["phrases"])))
                for t, d in zip(topics, data, strict=True)
            ]
        )
        return index

    @staticmethod
    def _idf(docs: list[dict[str, _Field]]) -> dict[str, float]:
        df: Counter[str] = Counter()
        for fields in docs:
            df.update({w for f in fields.values() for w in f.counts})
        n = len(docs)
        return {w: math.log(1 + (n - k + 0.5) / (k + 0.5)) for w, k in df.items()}

    @staticmethod
    def _avg(docs: list[dict[str, _Field]]) -> dict[str, float]:
        return {f: max(sum(d[f].length for d in docs) / len(docs), 1.0) for f in WEIGHTS}

    def _tf(self, doc: _Doc, term: str) -> float:
        """BM25F's weighted, length-normalised term frequency over the fields."""
        unigram = len(term) == 1 and not term.isascii()
        fields, avg = (doc.chars, self.cavg) if unigram else (doc.words, self.avg)
        total = 0.0
        for name, f in fields.items():
            tf = f.counts.get(term, 0)
            if tf:
                total += WEIGHTS[name] * tf / (1 - B + B * f.length / avg[name])
        return total

    def _expand(self, term: str) -> list[tuple[str, float]]:
        """The term itself, plus English stems sharing a long prefix with it, at a discount."""
        found = [(term, 1.0)] if term in self.idf or term in self.cidf else []
        if term.isascii() and len(term) >= PREFIX_MIN:
            found += [
                (stem, PREFIX_FACTOR)
                for stem in self.stems
                if stem != term
                and len(stem) >= PREFIX_MIN
                and (stem.startswith(term) or term.startswith(stem))
            ]
        return found

    def _specific(self, phrase: tuple[str, ...]) -> float:
        """How specific a phrase's words are, from 0 (every topic uses them) to 1 (one does)."""
        return sum(self.idf.get(w, 0.0) for w in phrase) / len(phrase) / self.top_idf

    def score(self, query: str) -> list[tuple[Topic, float]]:
        """Every topic with a positive score for ``query``, best first, ties in file order."""
        sequence = terms(query, query=True)
        qterms: list[str] = []
        backoff: set[str] = set()
        for term in dict.fromkeys(sequence):
            if term in self.idf or term.isascii() or len(term) == 1:
                qterms.append(term)
            else:  # a bigram the topics never use: back off to its characters
                backoff.update(c for c in term if c in self.cidf)
        covered = {c for t in qterms for c in t}
        qterms += sorted(backoff - covered, key=query.find)
        expanded = {t: self._expand(t) for t in qterms}
        # Coverage counts only terms the topics use at all: noise bigrams such as the
        # ones spanning two words (注册人和 -> 人和) must not dilute it.
        known = sum(1 for t in qterms if expanded[t]) or 1
        results: list[tuple[int, Topic, float]] = []
        for i, doc in enumerate(self.docs):
            total = 0.0
            matched = 0
            for term in qterms:
                best = 0.0
                for word, factor in expanded[term]:
                    tf = self._tf(doc, word)
                    if tf:
                        idf = self.idf.get(word) or self.cidf.get(word, 0.0)
                        best = max(best, factor * idf * tf * (K1 + 1) / (tf + K1))
                if term in backoff:
                    best *= BACKOFF_FACTOR
                if best:
                    matched += 1
                    total += best
            if not total:
                continue
            # A title or alias quoted in the query is the strongest hint there is.
            # It counts as much as its words are specific to a few topics.
            total += PHRASE_BONUS * sum(
                min(len(p), 2) / 2 * self._specific(p)
                for p in doc.phrases
                if _contains(sequence, p)
            )
            total *= 0.5 + 0.5 * matched / known
            results.append((i, doc.topic, total))
        results.sort(key=lambda r: (-r[2], r[0]))
        return [(topic, s) for _, topic, s in results]


def code_fingerprint() -> str:
    """A checksum of this module's source: a prepared index is only reused by the same code."""
    import zlib
    from pathlib import Path

    try:
        return f"{zlib.crc32(Path(__file__).read_bytes()):08x}"
    except OSError:  # no source file (a zip import): trust the package version alone
        return "no-source"


def search(
    tree: Tree, query: str, limit: int | None = None, *, index: Index | None = None
) -> list[tuple[Topic, float]]:
    """The topics of ``tree`` that match ``query``, best first (at most ``limit``).

    ``index`` is the tree's prepared index when the caller has one (from the cache).
    """
    hits = (index or Index(tree.topics)).score(query)
    # Topics far below the best one matched a stray word or two: noise, not answers.
    hits = [(t, score) for t, score in hits if score >= RELATIVE_FLOOR * hits[0][1]]
    return hits if limit is None else hits[:limit]


def _key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def resolve(tree: Tree, name: str) -> Topic:
    """The topic ``name`` designates: an id, a unique id prefix, or a zh/en title.

    Raises:
        CliError: (exit 2) unknown, with close suggestions; or an ambiguous prefix.
    """
    key = _key(name)
    if not key:
        raise CliError("TOPIC is empty; run 'icp-faq list' to see the topics")
    exact = tree.topic(key)
    if exact is not None:
        return exact
    for t in tree.topics:
        if key in (_key(t.title.zh or ""), _key(t.title.en or "")):
            return t
    prefixed = [t for t in tree.topics if t.id.startswith(key)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        listed = ", ".join(t.id for t in prefixed)
        raise CliError(f"'{name.strip()}' is ambiguous: it could be {listed}")
    import difflib

    names: dict[str, str] = {}
    for t in tree.topics:
        names.setdefault(t.id, t.id)
        # A mistyped prefix or word of an id ("cancl", "deregistr") is close to the id's
        # start or to one of its words, not to the whole id.
        names.setdefault(t.id[: len(key)], t.id)
        for word in t.id.split("-"):
            if len(word) >= 4:
                names.setdefault(word, t.id)
        for title in (t.title.zh, t.title.en):
            if title:
                names.setdefault(_key(title), t.id)
    close = difflib.get_close_matches(key, list(names), n=3, cutoff=0.6)
    ids = list(dict.fromkeys(names[c] for c in close))
    if not ids:
        hits = search(tree, name, 3)
        ids = [t.id for t, score in hits if score >= hits[0][1] / 2]
    hint = f"; did you mean {', '.join(ids)}?" if ids else ""
    raise CliError(
        f"no topic '{name.strip()}'{hint} (run 'icp-faq list' to see them all)",
        ExitCode.USAGE,
    )
