"""The shipped tree: complete, valid under --strict, and true to the seed's structure."""

from __future__ import annotations

import json

from conftest import SCHEMA, SHIPPED
from icp_faq.errors import NoSuchFile
from icp_faq.loader import load_tree
from icp_faq.model import LANGS, Tree
from icp_faq.validate import check

SEED_TOPICS = {
    "skip-access": ("section_jsm_c3t_zdb", "是否可以不将原来的备案接入阿里云？"),
    "add-site-vs-continue-access": ("section_ksm_c3t_zdb", "新增网站与继续接入备案的区别"),
    "change-info-during-access": (
        "section_msm_c3t_zdb",
        "接入备案过程中能否变更主体信息或网站信息？",
    ),
    "access-rejected": ("section_nsm_c3t_zdb", "如果接入备案申请审核不通过是否会影响网站访问？"),
    "update-after-access": ("section_osm_c3t_zdb", "接入备案后需要更新备案信息吗？"),
    "site-after-cancel-access": ("section_psm_c3t_zdb", "取消接入后，网站能否继续访问？"),
    "domain-owner-mismatch": ("section_s5x_cvh_mgb", "域名与备案主体不一致时，如何接入备案？"),
    "cancel-vs-deregister": ("section_qsm_c3t_zdb", "取消接入与注销备案的区别"),
}


def test_eight_topics_in_seed_order_with_exact_sources(shipped_tree: Tree) -> None:
    assert [t.id for t in shipped_tree.topics] == list(SEED_TOPICS)
    for t in shipped_tree.topics:
        anchor, heading = SEED_TOPICS[t.id]
        assert (t.source.anchor, t.source.title) == (anchor, heading)


def test_every_topic_is_complete_in_both_languages(shipped_tree: Tree) -> None:
    for t in shipped_tree.topics:
        for lang in LANGS:
            assert t.title.get(lang) and t.answer.get(lang)
            assert t.points and all(p.get(lang) for p in t.points)
            assert t.aliases.get(lang)
        assert t.links and all(link.url.startswith("https://") for link in t.links)
        assert t.related


def test_shipped_tree_passes_strict_validation(shipped_tree: Tree) -> None:
    assert check(shipped_tree) == []


def test_links_are_only_the_real_addresses_from_terminology(shipped_tree: Tree) -> None:
    allowed = {
        "https://help.aliyun.com/document_detail/36924.html",
        "https://help.aliyun.com/document_detail/50270.html",
        "https://help.aliyun.com/document_detail/35854.html",
        "https://www.alibabacloud.com/help/faq-detail/35854.htm",
        "https://beian.aliyun.com/",
    }
    urls = {link.url for t in shipped_tree.topics for link in t.links}
    urls |= {link.url for o in shipped_tree.outcomes for link in o.links}
    assert urls <= allowed


def test_first_line_points_editors_at_the_schema() -> None:
    first = SHIPPED.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=schema.json"
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


def test_loading_is_repeatable() -> None:
    assert load_tree(SHIPPED) == load_tree(SHIPPED)


def test_missing_file_is_a_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    try:
        load_tree(tmp_path / "nope.yaml")
    except NoSuchFile as exc:
        assert exc.exit_code == 2 and "no such tree file" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected FaqFileError")
