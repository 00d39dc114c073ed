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
        "links": [{"title": link.title.get(lang), "url": link.url} for link in topic.links],
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
    """Links as ``[{"title", "url"}]``."""
    return [{"title": link.title.get(lang), "url": link.url} for link in links]


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
