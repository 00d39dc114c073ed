"""The exported page in a real browser: headless Chromium (Debian's package) driven by Playwright.

Every path of the tree is walked by clicking, in both languages, and each outcome is compared
with what ``icp-faq ask -a ... -f json`` says in a real process. Back, Start over, Change,
the language switch, deep links, reload, the keyboard, the topics view, the page without
JavaScript, printing and axe-core's accessibility rules are checked too. Every test fails on
a console error, an uncaught exception, a dialog, or any request other than the page itself.

Screenshots (375 px and 1280 px) and a printed outcome go to tests/artifacts/ for a person.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import json
import re
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT
from icp_faq.engine import Walk
from icp_faq.model import LANGS, Lang, Tree
from icp_faq.render._labels import LABELS, label
from support import paths

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        "no browser: /usr/bin/chromium is missing (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
)
axe_sync = pytest.importorskip(
    "axe_playwright_python.sync_playwright", reason="axe-playwright-python is not installed"
)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "tests" / "artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}
BOLD = re.compile(r"\*\*(.+?)\*\*")

# What is on screen, read in one round trip.
SCREEN_JS = """() => {
  const app = document.getElementById('app');
  const v = app.querySelector('.screen');
  const h1 = app.querySelector('h1');
  const text = (e) => e ? e.textContent : null;
  const out = {
    view: v ? v.dataset.view : null, lang: document.documentElement.lang,
    h1: text(h1), focusOnH1: document.activeElement === h1,
    focusId: document.activeElement ? document.activeElement.id : null,
    hash: location.hash, title: document.title,
  };
  if (out.view === 'question') {
    const form = v.querySelector('form');
    out.question = form.dataset.question;
    out.caption = text(v.querySelector('.caption'));
    out.help = text(v.querySelector('.help'));
    out.describedby = v.querySelector('fieldset').getAttribute('aria-describedby');
    out.legendHasH1 = !!v.querySelector('fieldset > legend > h1');
    out.choices = [...v.querySelectorAll('.radio')].map((r) => ({
      id: r.querySelector('input').value, label: text(r.querySelector('label')),
      checked: r.querySelector('input').checked,
      labelled: r.querySelector('label').htmlFor === r.querySelector('input').id,
    }));
    out.buttons = [...v.querySelectorAll('.actions button')].map(text);
  } else if (out.view === 'outcome') {
    out.outcome = v.dataset.outcome;
    out.steps = [...v.querySelectorAll('ol.steps > li')].map(text);
    out.topics = [...v.querySelectorAll('section.topic')].map((s) => s.dataset.topic);
    const linksHeading = [...v.querySelectorAll('h2')].find((h) => h.nextElementSibling
      && h.nextElementSibling.matches('ul.links'));
    out.links = linksHeading ? [...linksHeading.nextElementSibling.querySelectorAll('li')].map(
      (li) => ({title: text(li.querySelector('a')), url: li.querySelector('a').href})) : [];
    out.answers = [...v.querySelectorAll('dl.answers .row')].map((r) => ({
      question: r.dataset.question, question_text: text(r.querySelector('dt')),
      choice_label: text(r.querySelector('dd')),
    }));
    out.notCovered = !!v.querySelector('.covered-no');
    out.h2 = [...v.querySelectorAll('h2')].map(text);
  } else if (out.view === 'topics') {
    out.topics = [...v.querySelectorAll('section.topic')].map((s) => ({
      id: s.dataset.topic, title: text(s.querySelector('h2')), text: text(s),
    }));
  }
  return out;
}"""


# --------------------------------------------------------------------------- fixtures


def _export(args: list[str]) -> float:
    """Run the real command; return how long it took."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "icp_faq", "export", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    took = time.perf_counter() - start
    assert proc.returncode == 0, proc.stderr
    return took


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped tree's page in each initial language, exported by the real command."""
    folder = tmp_path_factory.mktemp("site")
    out = {}
    for lang in LANGS:
        out[lang] = folder / f"faq-{lang}.html"
        took = _export(["--lang", lang, "-o", str(out[lang])])
        print(f"\nexport --lang {lang}: {out[lang].stat().st_size} bytes in {took:.3f} s")
    return out


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium for this module's tests.

    Module-scoped on purpose: while Playwright's sync API is alive, its event loop counts as
    running in this thread, and the prompt tests' ``asyncio.run`` would refuse to start.
    """
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watched:
    """A page whose every request, console error, exception and dialog is recorded."""

    def __init__(self, page: Any, allowed: Callable[[str], bool]) -> None:
        self.page = page
        self.problems: list[str] = []
        self.allowed = allowed
        page.on("request", self._request)
        page.on(
            "console",
            lambda m: m.type in ("error", "warning") and self.problems.append(f"console: {m.text}"),
        )
        page.on("pageerror", lambda e: self.problems.append(f"exception: {e}"))
        page.on("dialog", self._dialog)

    def _request(self, request: Any) -> None:
        if not self.allowed(request.url):
            self.problems.append(f"request: {request.url}")

    def _dialog(self, dialog: Any) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def goto(self, url: str) -> dict[str, Any]:
        """A fresh load of ``url`` (not a same-document hash change); what is on screen."""
        self.page.goto("about:blank")
        self.page.goto(url)
        return self.screen()

    def screen(self) -> dict[str, Any]:
        result: dict[str, Any] = self.page.evaluate(SCREEN_JS)
        return result

    def pick(self, choice: str) -> dict[str, Any]:
        """Click a choice's label, then Continue."""
        self.page.click(f'label[for="c-{choice}"]')
        self.page.click("form.question button[type=submit]")
        return self.screen()

    def button(self, name: str) -> dict[str, Any]:
        self.page.get_by_role("button", name=name, exact=True).click()
        return self.screen()


def _file_only(base: str) -> Callable[[str], bool]:
    return lambda url: url.split("#")[0] == base or url == "about:blank"


@pytest.fixture(scope="module")
def context(browser: Any) -> Iterator[Any]:
    """One browser context; anything but a local file or about:blank is refused."""
    ctx = browser.new_context(viewport=DESKTOP)

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file://", "about:", "http://127.0.0.1:")):
            r.continue_()
        else:
            r.abort()

    ctx.route("**/*", route)
    yield ctx
    ctx.close()


@pytest.fixture
def open_page(context: Any) -> Iterator[Callable[[Path], tuple[Watched, str]]]:
    """Open an exported file; at the end, fail on any recorded problem."""
    opened: list[Watched] = []

    def opener(path: Path) -> tuple[Watched, str]:
        base = path.as_uri()
        w = Watched(context.new_page(), _file_only(base))
        opened.append(w)
        return w, base

    yield opener
    for w in opened:
        problems = list(w.problems)
        w.page.close()
        assert problems == []


@pytest.fixture(scope="module")
def tree() -> Tree:
    from icp_faq.loader import load_tree

    return load_tree(ROOT / "faq" / "icp-access.yaml")


def _ask(
    lang: str, answers: tuple[tuple[str, str], ...], tree_file: Path | None = None
) -> dict[str, Any]:
    """``icp-faq ask --no-input -a ... -f json`` in a real process."""
    args = [a for q, c in answers for a in ("-a", f"{q}={c}")]
    if tree_file is not None:
        args += ["--tree", str(tree_file)]
    proc = subprocess.run(
        [sys.executable, "-m", "icp_faq", "ask", "--no-input", "--lang", lang, *args, "-f", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@pytest.fixture(scope="module")
def oracle(tree: Tree) -> dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, Any]]:
    """``icp-faq ask -a ... -f json`` for every path, in both languages (real processes)."""
    jobs = [(lang, p.answers) for lang in LANGS for p in paths(tree)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda job: _ask(*job), jobs))
    return dict(zip(jobs, results, strict=True))


def _fragment(answers: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    return "&".join(f"{q}={c}" for q, c in answers)


def _plain(text: str) -> str:
    return BOLD.sub(r"\1", text)


def _step_label(walk: Walk, lang: Lang) -> str:
    key = "step" if walk.total_is_exact else "step_upto"
    return label(key, lang, n=walk.number, total=walk.total)


def _assert_question(screen: dict[str, Any], walk: Walk, lang: Lang) -> None:
    q = walk.question
    assert q is not None
    assert screen["view"] == "question" and screen["question"] == q.id
    assert screen["h1"] == q.text.get(lang) and screen["legendHasH1"]
    assert screen["caption"] == _step_label(walk, lang)
    assert [c["id"] for c in screen["choices"]] == [c.id for c in q.choices]
    assert [c["label"] for c in screen["choices"]] == [c.label.get(lang) for c in q.choices]
    assert all(c["labelled"] for c in screen["choices"])
    assert [c["id"] for c in screen["choices"] if c["checked"]] == (
        [walk.remembered(q.id)] if walk.remembered(q.id) else []
    )
    assert screen["help"] == (q.help.get(lang) if q.help else None)


def _assert_outcome(screen: dict[str, Any], expected: dict[str, Any]) -> None:
    o = expected["outcome"]
    assert screen["view"] == "outcome" and screen["outcome"] == o["id"]
    assert screen["h1"] == o["title"]
    assert screen["steps"] == [_plain(s) for s in o["steps"]]
    assert screen["topics"] == o["topics"]
    assert screen["links"] == o["links"]
    assert screen["answers"] == [
        {k: a[k] for k in ("question", "question_text", "choice_label")}
        for a in expected["answers"]
    ]


# --------------------------------------------------------------------------- every path


@pytest.mark.parametrize("lang", LANGS)
def test_every_path_by_clicking_matches_ask(
    site: dict[str, Path],
    open_page: Any,
    tree: Tree,
    oracle: dict[Any, dict[str, Any]],
    lang: Lang,
) -> None:
    w, base = open_page(site[lang])
    all_paths = paths(tree)
    assert len({p.outcome.id for p in all_paths}) == len(tree.outcomes)
    screen = w.goto(base)
    for path in all_paths:
        # Each path from the first question: the previous one ends with Start over.
        walk = Walk.begin(tree)
        assert screen["lang"] == {"zh": "zh-CN", "en": "en"}[lang]
        for qid, cid in path.answers:
            _assert_question(screen, walk, lang)
            screen = w.pick(cid)
            walk = walk.answer(cid)
            assert screen["focusOnH1"], f"focus did not move to the heading after {qid}={cid}"
            assert screen["hash"] == "#" + _fragment(walk.answers)
        expected = oracle[(lang, path.answers)]
        _assert_outcome(screen, expected)
        assert screen["title"].startswith(expected["outcome"]["title"])
        screen = w.button(label("restart", lang))
        assert screen["hash"] == "" and screen["focusOnH1"]


# --------------------------------------------------------------------------- moving about


def _longest(tree: Tree) -> tuple[tuple[str, str], ...]:
    return max((p.answers for p in paths(tree)), key=len)


def test_back_and_start_over(site: dict[str, Path], open_page: Any, tree: Tree) -> None:
    lang: Lang = "en"
    w, base = open_page(site[lang])
    answers = _longest(tree)
    assert len(answers) >= 2
    screen = w.goto(base)
    assert screen["buttons"] == []  # nothing to go back to on the first question
    walk = Walk.begin(tree)
    for _, cid in answers[:2]:
        screen = w.pick(cid)
        walk = walk.answer(cid)
    back = label("back", lang)
    screen = w.button(back)
    walk = walk.back()
    _assert_question(screen, walk, lang)  # the earlier answer is preselected
    assert screen["focusOnH1"] and screen["hash"] == "#" + _fragment(walk.answers)
    screen = w.button(back)
    walk = walk.back()
    _assert_question(screen, walk, lang)
    assert screen["hash"] == "" and screen["buttons"] == []
    # Answer again, then start over: the first question, nothing remembered.
    for _, cid in answers[:2]:
        screen = w.pick(cid)
    assert screen["buttons"] == [back, label("restart", lang)]
    screen = w.button(label("restart", lang))
    _assert_question(screen, Walk(tree), lang)
    assert screen["hash"] == "" and screen["focusOnH1"]
    # Continue without a choice: an error, tied to the question; nothing moves.
    w.page.click("form.question button[type=submit]")
    screen = w.screen()
    assert screen["question"] == tree.start
    assert "q-error" in (screen["describedby"] or "")
    error = w.page.locator("#q-error")
    assert error.get_attribute("role") == "alert"
    assert LABELS["choose"][lang] in error.inner_text()


def test_browser_history_walks_back_and_forward(
    site: dict[str, Path], open_page: Any, tree: Tree
) -> None:
    w, base = open_page(site["zh"])
    answers = _longest(tree)
    w.goto(base)
    for _, cid in answers[:2]:
        w.pick(cid)
    w.page.go_back()
    screen = w.screen()
    walk = Walk.begin(tree, dict(answers[:2])).back()
    _assert_question(screen, walk, "zh")
    assert screen["focusOnH1"]
    w.page.go_forward()
    assert w.screen()["hash"] == "#" + _fragment(answers[:2])


def _change_scenario(tree: Tree) -> tuple[Any, str, list[str], Walk] | None:
    """A path, an answer to change and new choices after which later answers are replayed."""
    for path in paths(tree):
        for qid, _ in path.answers:
            start = Walk.begin(tree, dict(path.answers)).change(qid)
            todo: list[tuple[Walk, list[str]]] = [(start, [])]
            while todo:
                walk, picked = todo.pop(0)
                q = walk.question
                if q is None or len(picked) >= 3:
                    continue
                for c in q.choices:
                    if not picked and c.id == walk.remembered(q.id):
                        continue  # a change, not the same answer again
                    after = walk.answer(c.id)
                    if len(after.answers) > len(walk.answers) + 1:
                        return path, qid, [*picked, c.id], after
                    todo.append((after, [*picked, c.id]))
    return None


def test_change_an_answer_keeps_later_answers_that_still_apply(
    site: dict[str, Path], open_page: Any, tree: Tree, oracle: dict[Any, dict[str, Any]]
) -> None:
    found = _change_scenario(tree)
    if found is None:
        pytest.skip("no change in this tree replays a later answer")
    path, qid, picks, expected = found
    lang: Lang = "en"
    w, base = open_page(site[lang])
    screen = w.goto(base + "#" + _fragment(path.answers))
    _assert_outcome(screen, oracle[(lang, path.answers)])
    question = tree.question(qid)
    assert question is not None
    change = f"{label('change_one', lang)} {question.text.get(lang)}"
    screen = w.button(change)
    walk = Walk.begin(tree, dict(path.answers)).change(qid)
    _assert_question(screen, walk, lang)  # the old answer is preselected
    assert screen["focusOnH1"]
    for cid in picks:
        screen = w.pick(cid)
        walk = walk.answer(cid)
    assert walk == expected
    # The replayed questions were not asked: the page is where the engine is.
    if expected.outcome is not None:
        _assert_outcome(screen, _ask(lang, expected.answers))
    else:
        _assert_question(screen, expected, lang)
    assert screen["hash"] == "#" + _fragment(expected.answers)


def test_language_switch_keeps_the_place(
    site: dict[str, Path], open_page: Any, tree: Tree, oracle: dict[Any, dict[str, Any]]
) -> None:
    w, base = open_page(site["zh"])
    answers = _longest(tree)
    w.goto(base)
    w.pick(answers[0][1])
    walk = Walk.begin(tree).answer(answers[0][1])
    # Pick (but do not send) an answer, then switch: same question, same pick, in English.
    w.page.click(f'label[for="c-{answers[1][1]}"]')
    w.page.click("#lang-en")
    screen = w.screen()
    assert screen["lang"] == "en" and screen["focusId"] == "lang-en"
    assert screen["hash"] == "#" + _fragment(walk.answers) + "&lang=en"
    assert [c["id"] for c in screen["choices"] if c["checked"]] == [answers[1][1]]
    assert screen["h1"] == walk.question.text.get("en")  # type: ignore[union-attr]
    assert screen["caption"] == _step_label(walk, "en")
    assert w.page.get_attribute("#lang-en", "aria-current") == "true"
    assert w.page.get_attribute("#lang-zh", "lang") == "zh-CN"
    # The switch added no history entry: Back leaves the question, in English.
    w.page.go_back()
    screen = w.screen()
    assert screen["question"] == tree.start and screen["lang"] == "en"
    assert screen["hash"] == "#lang=en"
    # At an outcome: the same outcome, in the other language, and back again.
    path = paths(tree)[0]
    screen = w.goto(base + "#" + _fragment(path.answers))
    _assert_outcome(screen, oracle[("zh", path.answers)])
    w.page.click("#lang-en")
    _assert_outcome(w.screen(), oracle[("en", path.answers)])
    w.page.click("#lang-zh")
    screen = w.screen()
    _assert_outcome(screen, oracle[("zh", path.answers)])
    assert screen["hash"] == "#" + _fragment(path.answers) and screen["lang"] == "zh-CN"


def test_deep_links_and_reload(
    site: dict[str, Path], open_page: Any, tree: Tree, oracle: dict[Any, dict[str, Any]]
) -> None:
    w, base = open_page(site["zh"])
    for path in paths(tree):
        # Any order of the answers names the same place; the address is then written in path order.
        screen = w.goto(base + "#" + _fragment(list(reversed(path.answers))))
        _assert_outcome(screen, oracle[("zh", path.answers)])
        assert screen["hash"] == "#" + _fragment(path.answers)
        assert not screen["focusOnH1"]  # a fresh load leaves the focus where the browser puts it
    path = _longest(tree)
    screen = w.goto(base + "#" + _fragment(path) + "&lang=en")
    _assert_outcome(screen, oracle[("en", path)])
    w.page.reload()
    _assert_outcome(w.screen(), oracle[("en", path)])
    # Part of a path opens at the next question; reload keeps it.
    screen = w.goto(base + "#" + _fragment(path[:1]))
    walk = Walk.begin(tree, dict(path[:1]))
    _assert_question(screen, walk, "zh")
    w.page.reload()
    assert w.screen()["question"] == walk.question.id  # type: ignore[union-attr]
    # An answer off the path is dropped, as ask ignores it.
    off = next(
        (q.id, q.choices[0].id)
        for q in tree.questions
        if q.id not in dict(path) and q.id != tree.start
    )
    screen = w.goto(base + "#" + _fragment([*path, off]))
    _assert_outcome(screen, oracle[("zh", path)])
    assert screen["hash"] == "#" + _fragment(path)
    # A link pasted into the same tab (a hash change) moves the page there too.
    w.page.evaluate(f"location.hash = {json.dumps(_fragment(path[:1]))}")
    screen = w.screen()
    assert screen["question"] == walk.question.id and screen["focusOnH1"]  # type: ignore[union-attr]


INVALID = (
    "#goal=no-such-choice",
    "#no-such-question=review",
    "#goal",
    "#goal=review&goal=leave",
    "#goal=review&review-status=no-such-choice",
    "#goal=review&no-such-question=x",
    "#goal=review&lang=fr",
    "#topics=no-such-topic",
    "#%E0%A4%A",
    "#goal=review&&",
    "#<img src=x onerror=alert(1)>",
    "#nojs-topic-skip-access",
)


def test_invalid_fragments_start_over_quietly(
    site: dict[str, Path], open_page: Any, tree: Tree
) -> None:
    w, base = open_page(site["en"])
    for fragment in INVALID:
        screen = w.goto(base + fragment)
        assert screen["view"] == "question", fragment
        _assert_question(screen, Walk(tree), "en")
        assert screen["hash"] == "", fragment
        assert w.page.locator("img").count() == 0
    # Inside the page too: an address edited into something unknown starts over.
    path = _longest(tree)
    w.goto(base + "#" + _fragment(path))
    w.page.evaluate("location.hash = 'goal=nothing'")
    screen = w.screen()
    assert screen["view"] == "question" and screen["hash"] == "" and screen["focusOnH1"]


def test_keyboard_only(site: dict[str, Path], open_page: Any, tree: Tree) -> None:
    w, base = open_page(site["en"])
    keys = w.page.keyboard
    answers = _longest(tree)
    screen = w.goto(base)
    walk = Walk.begin(tree)
    for qid, cid in answers:
        q = tree.question(qid)
        assert q is not None
        index = [c.id for c in q.choices].index(cid)
        for _ in range(12):  # Tab until the radio group has the focus
            keys.press("Tab")
            if w.page.evaluate("document.activeElement.name") == "choice":
                break
        else:
            pytest.fail(f"Tab never reached the choices of {qid}")
        if index == 0:
            keys.press("Space")
        for _ in range(index):
            keys.press("ArrowDown")
        keys.press("Enter")
        walk = walk.answer(cid)
        screen = w.screen()
        assert screen["focusOnH1"], f"focus is on #{screen['focusId']} after {qid}={cid}"
    assert walk.outcome is not None
    assert screen["view"] == "outcome" and screen["outcome"] == walk.outcome.id
    # At the outcome, Tab reaches the first Change button; Enter opens that question.
    first = tree.question(answers[0][0])
    assert first is not None
    for _ in range(60):
        keys.press("Tab")
        if w.page.evaluate("document.activeElement.closest('dd.change') !== null"):
            break
    else:
        pytest.fail("Tab never reached a Change button")
    keys.press("Enter")
    screen = w.screen()
    assert screen["question"] == first.id and screen["focusOnH1"]
    # The language switch works from the keyboard too.
    for _ in range(12):
        keys.press("Shift+Tab")
        if w.page.evaluate("document.activeElement.id") == "lang-zh":
            break
    else:
        pytest.fail("Shift+Tab never reached the language switch")
    keys.press("Enter")
    screen = w.screen()
    assert screen["lang"] == "zh-CN" and screen["question"] == first.id
    assert screen["focusId"] == "lang-zh"


# --------------------------------------------------------------------------- the FAQ itself


@pytest.mark.parametrize("lang", LANGS)
def test_topics_view_shows_every_topic_in_full(
    site: dict[str, Path], open_page: Any, tree: Tree, lang: Lang
) -> None:
    w, base = open_page(site[lang])
    answers = _longest(tree)[:1]
    w.goto(base + "#" + _fragment(answers))
    w.page.get_by_role("link", name=LABELS["all_topics"][lang], exact=True).click()
    screen = w.screen()
    assert screen["view"] == "topics" and screen["h1"] == LABELS["all_topics"][lang]
    assert screen["focusOnH1"]
    assert screen["hash"] == "#" + _fragment(answers) + "&topics"
    assert [t["id"] for t in screen["topics"]] == [t.id for t in tree.topics]
    for shown, topic in zip(screen["topics"], tree.topics, strict=True):
        assert shown["title"] == topic.title.get(lang)
        body = shown["text"]
        for line in topic.answer.get(lang).split("\n"):
            assert _plain(line.strip().removeprefix("- ")) in body
        for point in topic.points:
            assert _plain(point.get(lang)) in body
        assert topic.source.title in body and f"(#{topic.source.anchor})" in body
        assert LABELS["source_page"][lang] in body and "接入备案FAQ" in body
    # The table of contents moves the focus to a topic, and the address names it.
    last = tree.topics[-1]
    w.page.locator("nav ol.toc").get_by_role("link", name=last.title.get(lang)).click()
    screen = w.screen()
    assert screen["focusId"] == f"topic-{last.id}"
    assert screen["hash"] == "#" + _fragment(answers) + f"&topics={last.id}"
    w.page.reload()
    assert w.screen()["view"] == "topics"
    # Back to the questions: the walk is where it was.
    w.page.get_by_role("link", name=LABELS["guide"][lang], exact=True).click()
    screen = w.screen()
    _assert_question(screen, Walk.begin(tree, dict(answers)), lang)


def test_related_topics_are_readable_in_full_at_the_outcome(
    site: dict[str, Path], open_page: Any, tree: Tree
) -> None:
    w, base = open_page(site["en"])
    path = max(paths(tree), key=lambda p: len(p.outcome.topics))
    w.goto(base + "#" + _fragment(path.answers))
    for tid in path.outcome.topics:
        topic = tree.topic(tid)
        assert topic is not None
        section = w.page.locator(f'section.topic[data-topic="{tid}"]')
        full = section.locator("details")
        assert not full.locator("p").first.is_visible()
        full.locator("summary").click()
        text = full.inner_text()
        for line in topic.answer.get("en").split("\n"):
            assert _plain(line.strip().removeprefix("- ")) in text
        for link in topic.links:
            assert link.url in text


@pytest.mark.parametrize("lang", LANGS)
def test_an_outcome_not_covered_says_so(open_page: Any, tmp_path: Path, lang: Lang) -> None:
    from support import uncovered_tree

    tree_file = uncovered_tree(tmp_path)
    out = tmp_path / "uncovered.html"
    _export(["--tree", str(tree_file), "--lang", lang, "-o", str(out)])
    expected = _ask(lang, (("goal", "c"),), tree_file)
    w, base = open_page(out)
    w.goto(base)
    screen = w.pick("c")
    _assert_outcome(screen, expected)
    assert screen["notCovered"] and screen["topics"] == []
    notice = w.page.locator(".covered-no").inner_text()
    assert LABELS["not_covered_title"][lang] in notice and LABELS["not_covered"][lang] in notice
    assert LABELS["background"][lang] not in screen["h2"]
    assert LABELS["links"][lang] in screen["h2"]
    # A covered outcome has no such notice.
    w.button(label("restart", lang))
    assert not w.pick("a")["notCovered"]


def test_text_from_the_tree_is_only_ever_text(open_page: Any, tmp_path: Path, context: Any) -> None:
    hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>&amp; "'
    text = (DATA / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace('"What do you want to do?"', json.dumps(hostile + "?"))
    text = text.replace("en: Alpha}", f"en: {json.dumps(hostile + ' alpha')}}}")
    text = text.replace("en: Alpha outcome}", f"en: {json.dumps(hostile + ' outcome')}}}")
    helped = f"    help: {{zh: 帮助, en: {json.dumps(hostile + ' help')}}}\n"
    text = text.replace("    text: {zh: 您想做什么？", helped + "    text: {zh: 您想做什么？")
    tree_file = tmp_path / "hostile.yaml"
    tree_file.write_text(text, encoding="utf-8")
    out = tmp_path / "hostile.html"
    _export(["--tree", str(tree_file), "--lang", "en", "-o", str(out)])
    w, base = open_page(out)
    screen = w.goto(base)
    assert screen["h1"] == hostile + "?"
    assert screen["help"] == hostile + " help"
    assert screen["describedby"] == "q-help"
    assert screen["choices"][0]["label"] == hostile + " alpha"
    screen = w.pick("a")
    assert screen["h1"] == hostile + " outcome"
    assert w.page.locator("#app img, #app script").count() == 0


# --------------------------------------------------------------------------- without JavaScript


@pytest.mark.parametrize("lang", LANGS)
def test_without_javascript_every_topic_and_outcome_is_there(
    site: dict[str, Path], browser: Any, tree: Tree, lang: Lang
) -> None:
    ctx = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(site[lang].as_uri())
        assert page.locator("#static").is_visible()
        assert page.locator("#app").inner_text() == ""
        for t in tree.topics:
            assert page.locator(f"#nojs-topic-{t.id} h3").inner_text() == t.title.get(lang)
        for o in tree.outcomes:
            assert page.locator(f"#nojs-outcome-{o.id} h3").inner_text() == o.title.get(lang)
        assert page.locator("h1").count() == 1
        assert requests == [site[lang].as_uri()]
    finally:
        ctx.close()


def test_if_the_script_fails_the_plain_page_stays(
    site: dict[str, Path], context: Any, tree: Tree, tmp_path: Path
) -> None:
    text = site["en"].read_text(encoding="utf-8")
    start = text.index('id="icp-data">') + len('id="icp-data">')
    broken = tmp_path / "broken.html"
    broken.write_text(text[:start] + "{}" + text[text.index("</script>", start) :], "utf-8")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(broken.as_uri())
        assert len(errors) == 1  # the script's own failure, and nothing else
        assert page.locator("#static").is_visible()
        for t in tree.topics:
            assert page.locator(f"#nojs-topic-{t.id} h3").is_visible()
    finally:
        page.close()


# --------------------------------------------------------------------------- a static host


def test_works_from_a_static_web_server(site: dict[str, Path], context: Any, tree: Tree) -> None:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(site["en"].parent))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{site['en'].name}"
        w = Watched(context.new_page(), lambda u: u.split("#")[0] == url or u == "about:blank")
        path = _longest(tree)
        screen = w.goto(url + "#" + _fragment(path))
        assert screen["view"] == "outcome"
        w.page.reload()
        assert w.screen()["view"] == "outcome"
        w.page.wait_for_timeout(300)  # a favicon or any late request would show up here
        problems = list(w.problems)
        w.page.close()
        assert problems == []  # no favicon.ico, nothing but the page
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------- accessibility


def test_axe_finds_nothing_serious(
    site: dict[str, Path], open_page: Any, tree: Tree, record_property: Any
) -> None:
    axe = axe_sync.Axe()
    path = max(paths(tree), key=lambda p: len(p.outcome.topics))
    counts: dict[str, int] = {}
    serious: list[str] = []
    for lang in LANGS:
        w, base = open_page(site[lang])
        outcome = _fragment(path.answers)
        for fragment, width in (
            ("", DESKTOP),
            (_fragment(path.answers[:1]), PHONE),
            (outcome, DESKTOP),
            (outcome, PHONE),
            ("topics", DESKTOP),
        ):
            w.page.set_viewport_size(width)
            w.goto(base + ("#" + fragment if fragment else ""))
            if w.screen()["view"] == "outcome":
                w.page.locator("details summary").first.click()
            result = axe.run(w.page)
            for v in result.response["violations"]:
                counts[v["impact"]] = counts.get(v["impact"], 0) + 1
                if v["impact"] in ("serious", "critical"):
                    serious.append(f"{lang} #{fragment} {width['width']}px: {v['id']}")
            assert result.response["passes"], "axe ran no rule"
    print(f"\naxe violations by impact: {counts or 'none'}")
    record_property("axe", counts)
    assert serious == []


def test_heading_levels_never_skip(site: dict[str, Path], open_page: Any, tree: Tree) -> None:
    w, base = open_page(site["zh"])
    path = max(paths(tree), key=lambda p: len(p.outcome.topics))
    for fragment in ("", _fragment(path.answers), "topics"):
        w.goto(base + ("#" + fragment if fragment else ""))
        w.page.evaluate("document.querySelectorAll('details').forEach((d) => d.open = true)")
        levels = w.page.evaluate(
            "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map((h) => +h.tagName[1])"
        )
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels


# --------------------------------------------------------------------------- for a person


def test_screenshots_phone_desktop_and_print(
    site: dict[str, Path], open_page: Any, tree: Tree
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    path = next(p for p in paths(tree) if len(p.answers) >= 2)
    saved = []
    for lang in LANGS:
        w, base = open_page(site[lang])
        for size in (PHONE, DESKTOP):
            w.page.set_viewport_size(size)
            for name, fragment in (
                ("question", _fragment(path.answers[:1])),
                ("outcome", _fragment(path.answers)),
                ("topics", "topics"),
            ):
                if name == "topics" and size != PHONE:
                    continue
                w.goto(base + "#" + fragment)
                # Nothing is wider than the screen: no sideways scrolling on a phone.
                assert w.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
                target = ARTIFACTS / f"{name}-{lang}-{size['width']}.png"
                w.page.screenshot(path=str(target), full_page=True)
                saved.append(target)
        # On paper: no controls, a box before each step.
        w.goto(base + "#" + _fragment(path.answers))
        w.page.emulate_media(media="print")
        hidden = w.page.evaluate(
            "['.banner', '.actions', 'dd.change', 'details > summary'].map("
            "(s) => getComputedStyle(document.querySelector(s)).display)"
        )
        assert hidden == ["none"] * 4
        box = w.page.evaluate(
            "getComputedStyle(document.querySelector('ol.steps li'), '::before').content"
        )
        assert "\u2610" in box
        target = ARTIFACTS / f"outcome-{lang}.pdf"
        w.page.pdf(path=str(target), format="A4")
        saved.append(target)
        w.page.emulate_media(media="screen")
    print("\nscreenshots and printed outcomes: " + ", ".join(str(p) for p in saved))
    assert all(p.stat().st_size > 0 for p in saved)
