"""The words search reads queries and topics with: question words, everyday wordings mapped
onto the FAQ's own words (zh and en), particles, stopwords and spelling variants.
"""

from __future__ import annotations

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
