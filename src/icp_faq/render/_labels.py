"""The few fixed words the renderers print, in both languages."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Lang

LABELS: dict[str, dict[str, str]] = {
    "points": {"zh": "要点", "en": "Key points"},
    "links": {"zh": "链接", "en": "Links"},
    "related": {"zh": "相关问题", "en": "Related topics"},
    "source": {"zh": "来源章节", "en": "Source section"},
    "steps": {"zh": "步骤", "en": "Steps"},
    "topics": {"zh": "相关问题", "en": "Topics"},
    "see_above": {"zh": "见上文", "en": "see above"},
    "start": {"zh": "开始", "en": "Start"},
}


def label(key: str, lang: Lang) -> str:
    """The fixed word ``key`` in ``lang``."""
    return LABELS[key][lang]


def explain_command(topic_id: str) -> str:
    """The command that explains a topic, as users type it."""
    return f"icp-faq explain {topic_id}"


def colon(lang: Lang) -> str:
    """The colon after a label: full-width in Chinese."""
    return "：" if lang == "zh" else ": "
