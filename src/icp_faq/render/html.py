"""The guided session as one self-contained web page: ``icp-faq export --format html``.

The page embeds the tree in both languages as JSON (``page_data``), its own CSS and
JavaScript (``page/``) and a server-rendered copy of every topic and outcome in the chosen
language, for readers without JavaScript. It makes no request of any kind: a
Content-Security-Policy allows exactly the inline script and style it carries, by hash.

Every text from the tree goes through ``html.escape`` here and ``textContent`` in the
script; the JSON is escaped so that it cannot end its ``<script>`` element.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..model import LANGS
from ._labels import LABELS, colon
from .data import page_tree_data

if TYPE_CHECKING:
    from ..model import Lang, Tree

# The page's own CSS and JavaScript, beside this module (in a wheel too: see pyproject).
PAGE = Path(__file__).resolve().parent / "page"
# The ``lang`` attribute of each language; the seed's headings are Chinese in both.
HTML_LANG: dict[str, str] = {"zh": "zh-CN", "en": "en"}
# Each language's name in itself, for the language switch.
LANG_NAMES: dict[str, str] = {"zh": "中文", "en": "English"}
# The fixed words the page shows (LABELS keys); the page gets both languages of each.
PAGE_LABELS = (
    "points",
    "links",
    "related",
    "source",
    "what_to_do",
    "background",
    "answers",
    "back",
    "restart",
    "step",
    "step_upto",
    "language",
    "guide",
    "all_topics",
    "all_outcomes",
    "contents",
    "continue",
    "choose",
    "error",
    "change_one",
    "read_full",
    "print",
    "not_covered_title",
    "not_covered",
    "reached_by",
    "nojs",
)
# Only these schemes become links; anything else is shown as text.
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")

# The one line that runs before the body: it hides the fallback before the first paint.
HEAD_SCRIPT = 'document.documentElement.className="js";'


def asset(name: str) -> str:
    """One of the page's own files (``page.css``, ``page.js``), shipped inside the package."""
    return (PAGE / name).read_text(encoding="utf-8")


def page_data(tree: Tree, lang: Lang) -> dict[str, Any]:
    """Everything the page's script reads: the tree in both languages and the fixed words."""
    return {
        "initial": lang,
        "htmlLang": HTML_LANG,
        "langNames": LANG_NAMES,
        "labels": {key: LABELS[key] for key in PAGE_LABELS},
        "langs": {code: page_tree_data(tree, code) for code in LANGS},
    }


def script_json(data: Any) -> str:
    """``data`` as JSON that is safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes, so no ``</script>`` or ``<!--`` can
    appear; so do U+2028/U+2029, which older JavaScript parsers took for line ends.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group()], text)


def csp_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(scripts: list[str], styles: list[str]) -> str:
    """No request of any kind; only the page's own inline script and style run."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(s) for s in scripts),
            "style-src " + " ".join(csp_hash(s) for s in styles),
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def answer_paths(tree: Tree) -> dict[str, list[list[tuple[str, str]]]]:
    """For each outcome id, every list of answers that leads to it, in file order.

    A question already on the path (a cycle, which a valid tree has not) ends that path.
    """
    found: dict[str, list[list[tuple[str, str]]]] = {}
    stack: list[tuple[str, list[tuple[str, str]]]] = [(tree.start, [])]
    while stack:
        node_id, answers = stack.pop()
        node = tree.node(node_id)
        if node is None:
            continue
        if node.kind == "outcome":
            found.setdefault(node.id, []).append(answers)
        elif all(q != node.id for q, _ in answers):
            stack += [(c.next, [*answers, (node.id, c.id)]) for c in reversed(node.choices)]
    return found


def page_html(tree: Tree, lang: Lang) -> str:
    """The whole page, in ``lang`` at first; for a tree that passed ``validate``."""
    data = page_data(tree, lang)
    css = asset("page.css")
    js = asset("page.js")
    current = data["langs"][lang]
    labels = {key: value[lang] for key, value in data["labels"].items()}
    csp = content_security_policy([HEAD_SCRIPT, js], [css])
    return "".join(
        [
            "<!DOCTYPE html>\n",
            f'<html lang="{HTML_LANG[lang]}">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            '<meta name="referrer" content="no-referrer">\n',
            f'<meta name="generator" content="icp-faq {escape(__version__)}">\n',
            f"<title>{escape(current['title'])}</title>\n",
            '<link rel="icon" href="data:,">\n',
            f"<style>{css}</style>\n",
            f"<script>{HEAD_SCRIPT}</script>\n",
            "</head>\n<body>\n",
            '<header class="banner">\n<div class="wrap">\n',
            f'<p class="site" id="site">{escape(current["title"])}</p>\n',
            '<div class="bar" id="bar"></div>\n',
            "</div>\n</header>\n",
            '<main class="wrap" id="main">\n<div id="app"></div>\n',
            fallback_html(current, labels, answer_paths(tree)),
            "</main>\n",
            '<footer class="wrap"><p>',
            escape(current["page"]),
            f" · icp-faq {escape(__version__)}</p></footer>\n",
            f'<script type="application/json" id="icp-data">{script_json(data)}</script>\n',
            f"<script>{js}</script>\n",
            "</body>\n</html>\n",
        ]
    )


# --------------------------------------------------------------------------- without JavaScript


def inline_html(text: str) -> str:
    """One line of the answers' Markdown subset: ``**bold**`` becomes ``<strong>``."""
    out: list[str] = []
    pos = 0
    for m in _BOLD.finditer(text):
        out.append(escape(text[pos : m.start()]))
        out.append(f"<strong>{escape(m.group(1))}</strong>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def blocks_html(text: str) -> str:
    """An answer as paragraphs and lists: one paragraph a line, ``- `` lines a list."""
    out: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            out.append("<ul>" + "".join(f"<li>{inline_html(i)}</li>" for i in items) + "</ul>")
            items.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if line.startswith(("- ", "* ")):
            items.append(line[2:].strip())
            continue
        flush()
        if line:
            out.append(f"<p>{inline_html(line)}</p>")
    flush()
    return "\n".join(out)


def link_html(link: dict[str, str]) -> str:
    """A link's title and its URL; only http(s) URLs become links."""
    url = link["url"]
    title = escape(link["title"] or url)
    if _SAFE_URL.match(url):
        shown = f'<a href="{escape(url)}" rel="noopener noreferrer">{title}</a>'
    else:
        shown = title
    return f'<li>{shown}<br><span class="url">{escape(url)}</span></li>'


def source_html(source: dict[str, str], labels: dict[str, str], lang: Lang, page: str = "") -> str:
    """``Source: 阿里云帮助文档《接入备案FAQ》 — heading (#anchor)``."""
    return (
        f'<p class="source">{escape(labels["source"])}{escape(colon(lang))}'
        f"{escape(page)} — "
        f'<span lang="zh-CN">{escape(source["title"])}</span> '
        f'<span class="anchor">(#{escape(source["anchor"])})</span></p>'
    )


def _topic_list(heading: str, items: list[dict[str, Any]]) -> list[str]:
    """A heading and a list of links to topics' sections; nothing when there are none."""
    if not items:
        return []
    links = [
        f'<li><a href="#nojs-topic-{escape(t["id"])}">{escape(t["title"])}</a></li>' for t in items
    ]
    return [f"<h4>{escape(heading)}</h4><ul>", *links, "</ul>"]


def fallback_html(
    data: dict[str, Any], labels: dict[str, str], paths: dict[str, list[list[tuple[str, str]]]]
) -> str:
    """Every topic and every outcome as plain sections: the page without JavaScript.

    The script removes this part when it starts, and draws the same content from the JSON.
    """
    lang: Lang = data["lang"]
    nodes: dict[str, dict[str, Any]] = data["nodes"]
    topics = {t["id"]: t for t in data["topics"]}
    out = ['<div id="static">', f"<h1>{escape(data['title'])}</h1>"]
    out.append(f'<p class="notice">{escape(labels["nojs"])}</p>')
    out.append(f'<nav aria-label="{escape(labels["contents"])}"><ul>')
    out.append(f'<li><a href="#nojs-topics">{escape(labels["all_topics"])}</a></li>')
    out.append(f'<li><a href="#nojs-outcomes">{escape(labels["all_outcomes"])}</a></li>')
    out.append("</ul></nav>")

    out.append(f'<h2 id="nojs-topics">{escape(labels["all_topics"])}</h2>')
    out.append("<ol>")
    out += [
        f'<li><a href="#nojs-topic-{escape(t["id"])}">{escape(t["title"])}</a></li>'
        for t in data["topics"]
    ]
    out.append("</ol>")
    for t in data["topics"]:
        out.append(f'<section class="topic" id="nojs-topic-{escape(t["id"])}">')
        out.append(f"<h3>{escape(t['title'])}</h3>")
        out.append(blocks_html(t["answer"]))
        if t["points"]:
            out.append(f"<h4>{escape(labels['points'])}</h4><ul>")
            out += [f"<li>{inline_html(p)}</li>" for p in t["points"]]
            out.append("</ul>")
        if t["links"]:
            out.append(f'<h4>{escape(labels["links"])}</h4><ul class="links">')
            out += [link_html(k) for k in t["links"]]
            out.append("</ul>")
        out += _topic_list(labels["related"], [topics[r] for r in t["related"] if r in topics])
        out.append(source_html(t["source"], labels, lang, data["page"]))
        out.append("</section>")

    out.append(f'<h2 id="nojs-outcomes">{escape(labels["all_outcomes"])}</h2>')
    for oid, node in nodes.items():
        if node["kind"] != "outcome":
            continue
        out.append(f'<section class="outcome" id="nojs-outcome-{escape(oid)}">')
        out.append(f"<h3>{escape(node['title'])}</h3>")
        if not node["covered"]:
            out.append(
                f'<div class="notice covered-no"><p><strong>{escape(labels["not_covered_title"])}'
                f"</strong></p><p>{escape(labels['not_covered'])}</p></div>"
            )
        routes = paths.get(oid, [])
        if routes:
            out.append(f"<h4>{escape(labels['reached_by'])}</h4><ul>")
            for route in routes:
                said = []
                for qid, cid in route:
                    q = nodes[qid]
                    choice = next(c for c in q["choices"] if c["id"] == cid)
                    said.append(f"{escape(q['text'])} <strong>{escape(choice['label'])}</strong>")
                out.append("<li>" + " → ".join(said) + "</li>")
            out.append("</ul>")
        if node["steps"]:
            out.append(f'<h4>{escape(labels["what_to_do"])}</h4><ol class="steps">')
            out += [f"<li>{inline_html(s)}</li>" for s in node["steps"]]
            out.append("</ol>")
        out += _topic_list(labels["background"], [topics[i] for i in node["topics"] if i in topics])
        if node["links"]:
            out.append(f'<h4>{escape(labels["links"])}</h4><ul class="links">')
            out += [link_html(k) for k in node["links"]]
            out.append("</ul>")
        out.append("</section>")
    out.append("</div>\n")
    return "\n".join(out)
