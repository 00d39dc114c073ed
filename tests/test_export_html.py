"""``icp-faq export --format html`` without a browser: the file, its safety, the exit codes.

What the page does when it runs is tested in a real browser (test_export_browser.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, ROOT
from icp_faq.model import LANGS, Lang, Tree
from icp_faq.render import html as page
from icp_faq.render._labels import LABELS
from icp_faq.render.data import node_page_data
from support import Ran, invoke, paths, uncovered_tree

MINIMAL = DATA / "minimal.yaml"


def export(*args: str, env: dict[str, str] | None = None) -> Ran:
    return invoke("export", *args, env=env)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An empty directory to write into (tmp_path also holds the test's cache)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


class Parsed(HTMLParser):
    """Every start tag with its attributes, the text of scripts and styles, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = (tag, dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is None:
            self.text.append(data)
        elif self._in[0] == "script":
            self.scripts.append((self._in[1], data))
        else:
            self.styles.append(data)


def parse(text: str) -> Parsed:
    p = Parsed()
    p.feed(text)
    p.close()
    return p


def embedded(text: str) -> Any:
    p = parse(text)
    [data] = [body for attrs, body in p.scripts if attrs.get("type") == "application/json"]
    return json.loads(data)


def sha(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """The shipped tree's page in each initial language, from the command."""
    out = {}
    for lang in LANGS:
        r = export("--lang", lang)
        assert r.exit_code == 0, r.stderr
        assert r.stderr == ""
        out[lang] = r.stdout
    return out


# --------------------------------------------------------------------------- the command


@pytest.mark.parametrize("lang", LANGS)
def test_stdout_dash_and_file_are_the_same_page(
    pages: dict[str, str], lang: str, out: Path
) -> None:
    dash = export("--lang", lang, "--output", "-")
    assert dash.exit_code == 0 and dash.stdout == pages[lang]
    target = out / "faq.html"
    r = export("-L", lang, "-o", str(target), "--format", "html")
    assert r.exit_code == 0 and r.stdout == "" and r.stderr == ""
    assert target.read_text(encoding="utf-8") == pages[lang]
    assert [p.name for p in out.iterdir()] == ["faq.html"]  # no temporary file left
    assert pages[lang].startswith("<!DOCTYPE html>\n")
    assert f'<html lang="{page.HTML_LANG[lang]}">' in pages[lang]


def test_the_initial_language_follows_the_environment() -> None:
    r = export(env={"ICP_FAQ_LANG": "en"})
    assert r.exit_code == 0 and embedded(r.stdout)["initial"] == "en"
    assert '<html lang="en">' in r.stdout


def test_overwrites_a_file_keeping_its_mode(out: Path) -> None:
    target = out / "faq.html"
    target.write_text("old")
    target.chmod(0o640)
    assert export("-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_symlink_is_refused_like_for_record(out: Path) -> None:
    real = out / "real.html"
    real.write_text("old")
    link = out / "link.html"
    link.symlink_to(real)
    r = export("-o", str(link))
    assert r.exit_code == 2 and "symbolic link" in r.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "old"


def test_bad_format_is_a_usage_error() -> None:
    r = export("--format", "pdf")
    assert r.exit_code == 2
    assert "'pdf' is not one of html" in r.stderr


def _refused(target: str, fragment: str) -> None:
    # A real process with a time limit: opening a FIFO would block, and that must not happen.
    proc = subprocess.run(
        [sys.executable, "-m", "icp_faq", "export", "-L", "en", "-o", target],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    assert fragment in proc.stderr and "Traceback" not in proc.stderr


def test_refuses_what_is_not_a_regular_file(out: Path) -> None:
    fifo = out / "fifo"
    os.mkfifo(fifo)
    folder = out / "folder"
    folder.mkdir()
    to_folder = out / "to-folder"
    to_folder.symlink_to(folder)
    to_fifo = out / "to-fifo"
    to_fifo.symlink_to(fifo)
    dangling = out / "dangling"
    dangling.symlink_to(out / "nothing-here")
    _refused(str(fifo), "not a regular file")
    _refused(str(to_fifo), "symbolic link")
    _refused(str(folder), "is a directory")
    _refused(str(to_folder), "symbolic link")
    _refused(str(dangling), "symbolic link")
    _refused(os.devnull, "not a regular file")
    _refused(str(out / "missing" / "faq.html"), "no such directory")
    _refused(str(out / "a-folder-name") + "/", "names a directory")
    _refused("", "needs a file name")
    linked = out / "linked.html"
    linked.write_text("old")
    os.link(linked, out / "other-name.html")
    _refused(str(linked), "has other hard links")
    assert linked.read_text() == "old"
    assert sorted(p.name for p in out.iterdir()) == [
        "dangling", "fifo", "folder", "linked.html", "other-name.html", "to-fifo", "to-folder"
    ]  # fmt: skip
    assert list(folder.iterdir()) == []


def test_an_interrupted_write_leaves_the_old_file(
    out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import icp_faq.files as export_module

    target = out / "faq.html"
    target.write_text("old")

    def disk_full(src: str, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export_module.os, "replace", disk_full)
    r = export("-o", str(target))
    assert r.exit_code == 74  # the house: output that cannot be written
    assert "No space left on device" in r.stderr
    assert target.read_text() == "old"
    assert [p.name for p in out.iterdir()] == ["faq.html"]

    def interrupted(src: str, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(export_module.os, "replace", interrupted)
    r = export("-o", str(target))
    assert r.exit_code == 130
    assert target.read_text() == "old"
    assert [p.name for p in out.iterdir()] == ["faq.html"]


@pytest.mark.parametrize(
    ("tree", "code", "fragment"),
    [
        ("broken/dangling-next.yaml", 3, "is not a valid tree"),
        ("broken/bad-indent.yaml", 3, "bad-indent.yaml:"),
        ("broken/not-https.yaml", 3, "[not-https]"),
        ("does-not-exist.yaml", 2, "no such tree file"),
    ],
)
def test_trees_that_cannot_make_a_page(tree: str, code: int, fragment: str, out: Path) -> None:
    target = out / "faq.html"
    r = export("--tree", str(DATA / tree), "-o", str(target))
    assert r.exit_code == code
    assert fragment in r.stderr and r.stdout == ""
    assert not target.exists()


def test_a_bug_is_exit_70(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(tree: Tree, lang: Lang) -> str:
        raise RuntimeError("boom")

    monkeypatch.setattr(page, "page_html", broken)
    r = export()
    assert r.exit_code == 70
    assert "internal error: RuntimeError: boom" in r.stderr and r.stdout == ""


# --------------------------------------------------------------------------- self-contained


@pytest.mark.parametrize("lang", LANGS)
def test_no_request_of_any_kind(pages: dict[str, str], shipped_tree: Tree, lang: str) -> None:
    text = pages[lang]
    p = parse(text)
    urls = {k.url for t in shipped_tree.topics for k in t.links}
    urls |= {k.url for o in shipped_tree.outcomes for k in o.links}
    for tag, attrs in p.tags:
        assert tag not in {"img", "iframe", "object", "embed", "base", "audio", "video", "source"}
        assert "src" not in attrs and "style" not in attrs and "srcset" not in attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "link":
            assert attrs == {"rel": "icon", "href": "data:,"}
        elif "href" in attrs:
            assert tag == "a"
            href = attrs["href"] or ""
            assert href.startswith("#") or href in urls, href
    for css in p.styles:
        assert "url(" not in css and "@import" not in css


@pytest.mark.parametrize("lang", LANGS)
def test_the_policy_allows_exactly_the_page_s_own_script_and_style(
    pages: dict[str, str], lang: str
) -> None:
    p = parse(pages[lang])
    [csp] = [
        a["content"] or ""
        for t, a in p.tags
        if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"
    ]
    directives = {d.split()[0]: d.split()[1:] for d in csp.split("; ")}
    assert directives["default-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"] and directives["form-action"] == ["'none'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "http" not in csp
    code = [body for attrs, body in p.scripts if attrs.get("type") != "application/json"]
    assert len(code) == 2
    assert sorted(directives["script-src"]) == sorted(sha(s) for s in code)
    assert directives["style-src"] == [sha(s) for s in p.styles]
    # The policy comes before anything it governs.
    head = pages[lang].split("<style>")[0]
    assert "Content-Security-Policy" in head


def test_the_script_never_parses_text_as_html() -> None:
    js = page.asset("page.js")
    for forbidden in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "Function(",
        "fetch(",
        "XMLHttpRequest",
        "import(",
        'setTimeout("',
    ):
        assert forbidden not in js, forbidden


# --------------------------------------------------------------------------- the data


@pytest.mark.parametrize("lang", LANGS)
def test_embedded_data_is_the_model_s_data(
    pages: dict[str, str], shipped_tree: Tree, lang: Lang
) -> None:
    data = embedded(pages[lang])
    assert data == json.loads(json.dumps(page.page_data(shipped_tree, lang)))
    assert data["initial"] == lang
    for code in LANGS:
        tree = data["langs"][code]
        assert tree["start"] == shipped_tree.start
        assert [t["id"] for t in tree["topics"]] == [t.id for t in shipped_tree.topics]
        assert list(tree["nodes"]) == [n.id for n in shipped_tree.nodes]
        for o in shipped_tree.outcomes:
            node = tree["nodes"][o.id]
            assert node["links"] == [{"title": k.title.get(code), "url": k.url} for k in o.links]
            assert node["covered"] is o.covered
        for q in shipped_tree.questions:
            assert tree["nodes"][q.id]["help"] == (q.help.get(code) if q.help else None)
    assert set(data["labels"]) == set(page.PAGE_LABELS)


def test_every_page_label_has_both_languages() -> None:
    for key in page.PAGE_LABELS:
        assert set(LABELS[key]) == {"zh", "en"}, key
        assert all(v.strip() for v in LABELS[key].values()), key


def test_node_page_data_adds_help_and_keeps_the_contract(shipped_tree: Tree) -> None:
    from dataclasses import replace

    from icp_faq.model import Text
    from icp_faq.render.data import node_data

    q = replace(shipped_tree.questions[0], help=Text("帮助", "Some help"))
    assert node_page_data(q, "en") == {**node_data(q, "en"), "help": "Some help"}
    o = shipped_tree.outcomes[0]
    data = node_page_data(o, "zh")
    assert {k: data[k] for k in node_data(o, "zh")} == node_data(o, "zh")
    assert data["covered"] is True


def test_json_cannot_end_its_script_element() -> None:
    hostile = {"a": "</script><!-- <script>&amp;\u2028\u2029"}
    text = page.script_json(hostile)
    assert not re.search("[<>&\u2028\u2029]", text)
    assert json.loads(text) == hostile


def test_the_answer_markup_subset() -> None:
    assert page.blocks_html("a\n- b\n- **c**\n\nd <e>") == (
        "<p>a</p>\n<ul><li>b</li><li><strong>c</strong></li></ul>\n<p>d &lt;e&gt;</p>"
    )
    assert page.inline_html("**<b>**") == "<strong>&lt;b&gt;</strong>"


# --------------------------------------------------------------------------- escaping

HOSTILE = '</script><script>alert(1)</script><img src=x onerror=alert(2)> & "q" \'s'


def _hostile_tree(tmp_path: Path) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    for old in ("The alpha question", "The complete alpha answer.", "An alpha point.", "Alpha"):
        text = text.replace(f"en: {old}}}", f"en: {json.dumps(HOSTILE + old)}}}", 1)
    text = text.replace("What do you want to do?", HOSTILE.replace('"', '\\"') + "?")
    text = text.replace("Alpha outcome", "Alpha outcome " + HOSTILE.replace('"', '\\"'))
    text = text.replace("section_alpha", 'section_alpha"><b>x</b>')
    text = text.replace("https://example.com/alpha", 'https://example.com/a"onclick="alert(3)')
    helped = f"    help: {{zh: 帮助, en: {json.dumps(HOSTILE + ' help')}}}\n"
    text = text.replace("    text: {zh: 您想做什么？", helped + "    text: {zh: 您想做什么？")
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_text_from_the_tree_is_escaped_everywhere(tmp_path: Path) -> None:
    tree = _hostile_tree(tmp_path)
    r = export("--tree", str(tree), "--lang", "en")
    assert r.exit_code == 0, r.stderr
    text = r.stdout
    p = parse(text)
    # Exactly the page's own elements: three scripts (head, data, code), no image, no handler.
    assert [t for t, _ in p.tags].count("script") == 3
    assert "img" not in [t for t, _ in p.tags] and "b" not in [t for t, _ in p.tags]
    assert not any(name.startswith("on") for _, attrs in p.tags for name in attrs)
    assert "alert(1)</script>" not in text
    # ... and the hostile text is shown as text, where it belongs.
    shown = "".join(p.text)
    assert HOSTILE + "The alpha question" in shown
    assert HOSTILE + "An alpha point." in shown
    assert 'section_alpha"><b>x</b>' in shown
    hrefs = [a.get("href") for t, a in p.tags if t == "a" and (a.get("href") or "")[:1] != "#"]
    assert hrefs and set(hrefs) == {
        'https://example.com/a"onclick="alert(3)',
        "https://example.com/beta",
    }
    data = embedded(text)
    assert data["langs"]["en"]["nodes"]["goal"]["help"] == HOSTILE + " help"
    assert data["langs"]["en"]["topics"][0]["title"] == HOSTILE + "The alpha question"


# --------------------------------------------------------------------------- without JavaScript


@pytest.mark.parametrize("lang", LANGS)
def test_the_fallback_shows_every_topic_and_outcome(
    pages: dict[str, str], shipped_tree: Tree, lang: Lang
) -> None:
    static = pages[lang].split('<div id="static">')[1].split("</main>")[0]
    shown = "".join(parse(static).text)
    for t in shipped_tree.topics:
        assert f'id="nojs-topic-{t.id}"' in static
        assert t.title.get(lang) in shown
        assert t.source.title in shown and f"#{t.source.anchor}" in shown
        for point in t.points:
            assert point.get(lang) in shown
    for o in shipped_tree.outcomes:
        assert f'id="nojs-outcome-{o.id}"' in static
        assert o.title.get(lang) in shown
        for step in o.steps:
            assert step.get(lang) in shown
    # Each outcome lists the answers that lead to it.
    for path in paths(shipped_tree):
        section = static.split(f'id="nojs-outcome-{path.outcome.id}"')[1].split("</section>")[0]
        labels = "".join(parse(section).text)
        for qid, cid in path.answers:
            q = shipped_tree.question(qid)
            assert q is not None
            choice = q.choice(cid)
            assert choice is not None and choice.label.get(lang) in labels
    assert LABELS["nojs"][lang] in shown
    assert shipped_tree.page is not None and shipped_tree.page.get(lang) in shown


@pytest.mark.parametrize("lang", LANGS)
def test_an_outcome_not_covered_says_so(tmp_path: Path, lang: Lang) -> None:
    r = export("--tree", str(uncovered_tree(tmp_path)), "--lang", lang)
    assert r.exit_code == 0, r.stderr
    assert embedded(r.stdout)["langs"][lang]["nodes"]["elsewhere"]["covered"] is False
    static = r.stdout.split('<div id="static">')[1]
    section = static.split('id="nojs-outcome-elsewhere"')[1].split("</section>")[0]
    assert LABELS["not_covered_title"][lang] in section and LABELS["not_covered"][lang] in section
    assert LABELS["background"][lang] not in section
    assert 'href="https://example.com/help"' in section
    other = static.split('id="nojs-outcome-done-alpha"')[1].split("</section>")[0]
    assert LABELS["not_covered_title"][lang] not in other


# --------------------------------------------------------------------------- packaging


@pytest.mark.slow
def test_the_page_assets_are_in_the_wheel(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    [whl] = tmp_path.glob("icp_faq-*.whl")
    names = set(zipfile.ZipFile(whl).namelist())
    assert {"icp_faq/render/page/page.js", "icp_faq/render/page/page.css"} <= names
    # The unpacked wheel, ahead of this checkout on the path, makes the same page.
    unpacked = tmp_path / "site"
    zipfile.ZipFile(whl).extractall(unpacked)
    page_file = tmp_path / "faq.html"
    proc = subprocess.run(
        [sys.executable, "-m", "icp_faq", "export", "--lang", "en", "-o", str(page_file)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(unpacked)},
    )
    assert proc.returncode == 0, proc.stderr
    r = export("--lang", "en")
    assert page_file.read_text(encoding="utf-8") == r.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import icp_faq.render.html as h; print(h.PAGE)"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(unpacked)},
    )
    assert where.stdout.strip() == str(unpacked / "icp_faq" / "render" / "page")
