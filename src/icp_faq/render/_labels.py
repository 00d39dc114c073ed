"""The few fixed words the renderers print, in both languages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Lang

# Every fixed word icp-faq prints or asks with, in both languages; ``{name}`` marks a value.
LABELS: dict[str, dict[str, str]] = {
    "points": {"zh": "要点", "en": "Key points"},
    "links": {"zh": "链接", "en": "Links"},
    "related": {"zh": "相关问题", "en": "Related topics"},
    "source": {"zh": "来源章节", "en": "Source section"},
    "steps": {"zh": "步骤", "en": "Steps"},
    "topics": {"zh": "相关问题", "en": "Topics"},
    "see_above": {"zh": "见上文", "en": "see above"},
    "start": {"zh": "开始", "en": "Start"},
    # the guided session's result and prompts
    "what_to_do": {"zh": "怎么做", "en": "What to do"},
    "not_covered": {
        "zh": "这份 FAQ 没有回答您的情况；下面说明可以去哪里了解。",
        "en": "This FAQ does not cover your case; below is where you can find out more.",
    },
    "background": {"zh": "相关问题", "en": "Background"},
    "answers": {"zh": "您的回答", "en": "Your answers"},
    "more": {"zh": "全文：", "en": "In full: "},
    "back": {"zh": "← 上一步", "en": "← Back"},
    "restart": {"zh": "↺ 重新开始", "en": "↺ Start over"},
    "step": {"zh": "第 {n}/{total} 步", "en": "Step {n}/{total}"},
    "keys": {
        "zh": "（↑↓ 选择，回车确认，Ctrl-C 退出）",
        "en": "(↑↓ move, Enter picks, Ctrl-C quits)",
    },
    "menu": {"zh": "接下来做什么？", "en": "What next?"},
    "change": {"zh": "修改某个回答", "en": "Change an answer"},
    "read": {"zh": "阅读相关问题全文", "en": "Read a related topic in full"},
    "quit": {"zh": "退出", "en": "Quit"},
    "which-answer": {"zh": "修改哪个回答？", "en": "Which answer do you want to change?"},
    "which-topic": {"zh": "阅读哪个问题？", "en": "Which topic do you want to read?"},
    "cancel": {"zh": "← 返回", "en": "← Never mind"},
    # the web page (icp-faq export --format html)
    "source_page": {"zh": "阿里云帮助文档", "en": "Alibaba Cloud help"},
    "language": {"zh": "语言", "en": "Language"},
    "guide": {"zh": "按步骤回答", "en": "Guided questions"},
    "all_topics": {"zh": "全部问题", "en": "All topics"},
    "all_outcomes": {"zh": "全部结果", "en": "All outcomes"},
    "contents": {"zh": "目录", "en": "Contents"},
    "continue": {"zh": "继续", "en": "Continue"},
    "choose": {"zh": "请选择一个答案。", "en": "Select an answer."},
    "error": {"zh": "错误：", "en": "Error: "},
    "change_one": {"zh": "修改", "en": "Change"},
    "read_full": {"zh": "阅读全文", "en": "Read in full"},
    "print": {"zh": "打印清单", "en": "Print checklist"},
    "not_covered_title": {"zh": "本 FAQ 未涵盖您的情况", "en": "Not covered by this FAQ"},
    "reached_by": {"zh": "对应的回答", "en": "The answers that lead here"},
    "nojs": {
        "zh": "逐步问答需要 JavaScript。以下是全部问题和全部结果。",
        "en": "The guided questions need JavaScript. All topics and all outcomes follow.",
    },
}


def label(key: str, lang: Lang, **values: object) -> str:
    """The fixed word ``key`` in ``lang``, with its ``{placeholders}`` filled in."""
    text = LABELS[key][lang]
    return text.format(**values) if values else text


def explain_command(topic_id: str) -> str:
    """The command that explains a topic, as users type it."""
    return f"icp-faq explain {topic_id}"


def colon(lang: Lang) -> str:
    """The colon after a label: full-width in Chinese."""
    return "：" if lang == "zh" else ": "
