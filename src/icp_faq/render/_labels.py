"""The few fixed words the renderers print, in both languages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Lang, Text, Topic

# Every fixed word icp-faq prints or asks with, in both languages; ``{name}`` marks a value.
LABELS: dict[str, dict[str, str]] = {
    "points": {"zh": "要点", "en": "Key points"},
    "links": {"zh": "链接", "en": "Links"},
    "related": {"zh": "相关问题", "en": "Related topics"},
    "source": {"zh": "来源", "en": "Source"},
    "see_above": {"zh": "见上文", "en": "see above"},
    # the guided session's result and prompts
    "what_to_do": {"zh": "怎么做", "en": "What to do"},
    "not_covered": {
        "zh": "这份 FAQ 没有回答您的情况；下面说明可以去哪里了解。",
        "en": "This FAQ does not cover your case; below is where you can find out more.",
    },
    "background": {
        "zh": "背景：这些步骤依据的问答",
        "en": "Background: the FAQ entries behind these steps",
    },
    "answers": {"zh": "您的回答", "en": "Your answers"},
    "so_far": {"zh": "您已经给出的回答", "en": "Your answers so far"},
    "kept": {"zh": "保留了您之后的回答", "en": "Your later answers, kept"},
    "more": {"zh": "全文：", "en": "In full: "},
    "back": {"zh": "← 上一步", "en": "← Back"},
    "restart": {"zh": "↺ 重新开始", "en": "↺ Start over"},
    "step": {"zh": "第 {n} 步（共 {total} 步）", "en": "Step {n} of {total}"},
    "step_upto": {"zh": "第 {n} 步（最多 {total} 步）", "en": "Step {n} of up to {total}"},
    # The language switch is named in the other language, for someone who cannot read this one.
    "keys": {"zh": "（↑↓ 回车 · ? 按键 · L: English）", "en": "(↑↓ Enter · ? keys · L: 中文)"},
    "keys_help": {
        "zh": "按键：↑↓ 或 j/k 移动，回车确认；b 上一步，s 重新开始（第一题之后）；"
        "L 切换为英文（English）；q 或 Ctrl-D 退出，Ctrl-C 中断。",
        "en": "Keys: ↑↓ or j/k move, Enter picks; b back, s start over (after the first"
        " question); L switches to Chinese (中文); q or Ctrl-D quits, Ctrl-C interrupts.",
    },
    "plain_keys": {
        "zh": "输入编号后回车（* 为默认）；{keys}",
        "en": "Type a number and Enter (* is the default); {keys}",
    },
    "plain_back": {"zh": "b 上一步", "en": "b back"},
    "plain_restart": {"zh": "s 重新开始", "en": "s start over"},
    "plain_lang": {"zh": "l English", "en": "l 中文"},
    "plain_help": {"zh": "? 按键", "en": "? keys"},
    "plain_quit": {"zh": "q 退出", "en": "q quit"},
    "plain_again": {
        "zh": "请输入 1 到 {n} 的编号，或 b、s、l、?、q。",
        "en": "Type a number from 1 to {n}, or b, s, l, ? or q.",
    },
    "menu": {"zh": "接下来做什么？", "en": "What next?"},
    "show_background": {
        "zh": "背景：这些步骤依据的问答",
        "en": "Background: the FAQ entries behind these steps",
    },
    "show_links": {"zh": "链接", "en": "Links"},
    "my_answers": {"zh": "我的回答（可修改）", "en": "My answers (change one)"},
    "save": {"zh": "保存为 Markdown 文件", "en": "Save as a Markdown file"},
    "quit": {"zh": "退出", "en": "Quit"},
    "which-answer": {"zh": "修改哪个回答？", "en": "Which answer do you want to change?"},
    "read-one": {"zh": "阅读其中一个问题的全文？", "en": "Read one of them in full?"},
    "cancel": {"zh": "← 返回", "en": "← Never mind"},
    "save_to": {"zh": "保存到哪个文件？", "en": "Save to which file?"},
    "saved": {"zh": "已保存到 {path}", "en": "Saved to {path}"},
    "not_saved": {"zh": "没有保存：{why}", "en": "Not saved: {why}"},
    "quit_early": {
        "zh": "在得到结果前退出了。",
        "en": "quit before the outcome.",
    },
    "resume": {
        "zh": "您的回答已保存在 {path}；继续：icp-faq ask --answers-file {path}",
        "en": "your answers are saved in {path}; resume with: icp-faq ask --answers-file {path}",
    },
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


def source_line(topic: Topic, lang: Lang, page: Text | None = None) -> str:
    """Where a topic's answer comes from: the page, the section's exact heading (and, in
    English, the topic's English title beside it) and the section's anchor.

    ``来源：阿里云帮助文档《接入备案FAQ》，章节“取消接入与注销备案的区别”（#section_…）``
    """
    heading = topic.source.title
    where = f"{page.get(lang)}, " if page is not None else ""
    if lang == "zh":
        where = f"{page.get(lang)}，" if page is not None else ""
        return f"{label('source', lang)}：{where}章节“{heading}”（#{topic.source.anchor}）"
    gloss = topic.title.en or ""
    glossed = f" ({gloss})" if gloss and gloss != heading else ""
    return f"{label('source', lang)}: {where}section “{heading}”{glossed}, #{topic.source.anchor}"
