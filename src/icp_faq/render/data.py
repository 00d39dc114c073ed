"""JSON-ready data for scripts: plain dicts and lists, the documented contracts, no rich."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..engine import Result
    from ..model import Lang, Link, Outcome, Question, Topic, Tree


def source_data(topic: Topic) -> dict[str, str]:
    """The seed section a topic comes from."""
    return {"title": topic.source.title, "anchor": topic.source.anchor}


def topic_data(topic: Topic, lang: Lang) -> dict[str, Any]:
    """The ``explain --format json`` contract for one topic."""
    return {
        "id": topic.id,
        "lang": lang,
        "title": topic.title.get(lang),
        "answer": topic.answer.get(lang),
        "points": [p.get(lang) for p in topic.points],
        "links": links_data(topic.links, lang),
        "related": list(topic.related),
        "source": source_data(topic),
    }


def list_data(tree: Tree, lang: Lang) -> list[dict[str, Any]]:
    """The ``list --format json`` contract: every topic in seed order."""
    return [{"id": t.id, "title": t.title.get(lang), "source": source_data(t)} for t in tree.topics]


def search_data(hits: list[tuple[Topic, float]], lang: Lang) -> list[dict[str, Any]]:
    """The ``search --format json`` contract: best first, scores rounded for stable output."""
    return [{"id": t.id, "title": t.title.get(lang), "score": round(s, 3)} for t, s in hits]


def node_data(node: Question | Outcome, lang: Lang) -> dict[str, Any]:
    """One question or outcome of the decision tree."""
    if node.kind == "question":
        return {
            "kind": "question",
            "text": node.text.get(lang),
            "choices": [
                {"id": c.id, "label": c.label.get(lang), "next": c.next} for c in node.choices
            ],
        }
    return {
        "kind": "outcome",
        "title": node.title.get(lang),
        "steps": [s.get(lang) for s in node.steps],
        "topics": list(node.topics),
        "covered": node.covered,
    }


def tree_data(tree: Tree, lang: Lang) -> dict[str, Any]:
    """The ``tree --format json`` contract: the start node and every node by id."""
    return {"start": tree.start, "nodes": {n.id: node_data(n, lang) for n in tree.nodes}}


def links_data(links: tuple[Link, ...], lang: Lang) -> list[dict[str, str]]:
    """Links as ``{"title", "url"}``; a link without a title is titled by its URL."""
    return [{"title": link.title.get(lang) or link.url, "url": link.url} for link in links]


def result_data(result: Result, lang: Lang) -> dict[str, Any]:
    """The documented JSON contract: ``lang``, ``answers`` and ``outcome``."""
    o = result.outcome
    return {
        "lang": lang,
        "answers": [
            {
                "question": s.question.id,
                "choice": s.choice.id,
                "question_text": s.question.text.get(lang),
                "choice_label": s.choice.label.get(lang),
            }
            for s in result.steps
        ],
        "outcome": {
            "id": o.id,
            "title": o.title.get(lang),
            "steps": [step.get(lang) for step in o.steps],
            "topics": list(o.topics),
            "links": links_data(o.links, lang),
            "covered": o.covered,
        },
    }


# --------------------------------------------------------------------------- the web page
# What ``export --format html`` embeds: the contracts above, plus the few fields the page
# shows that the JSON contracts leave out (a question's help, an outcome's links).


def node_page_data(node: Question | Outcome, lang: Lang) -> dict[str, Any]:
    """``node_data`` plus a question's ``help`` (or null) and an outcome's ``links``."""
    data = node_data(node, lang)
    if node.kind == "question":
        data["help"] = node.help.get(lang) if node.help is not None else None
    else:
        data["links"] = links_data(node.links, lang)
    return data


def page_tree_data(tree: Tree, lang: Lang) -> dict[str, Any]:
    """The whole tree in one language, as the web page walks and shows it."""
    return {
        "lang": lang,
        "title": tree.title.get(lang),
        "page": tree.page.get(lang) if tree.page is not None else "",
        "start": tree.start,
        "nodes": {n.id: node_page_data(n, lang) for n in tree.nodes},
        "topics": [topic_data(t, lang) for t in tree.topics],
    }
