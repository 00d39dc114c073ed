"""Settings that come from the environment: language, colour, which tree file."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from .errors import CliError
from .model import Lang

ColorMode = Literal["auto", "always", "never"]
PACKAGE_TREE = "icp-access.yaml"


def lang_from(value: str) -> Lang | None:
    """``zh``/``zh_CN.UTF-8``/``zh-Hans`` → zh, ``en*`` → en, anything else → None."""
    v = value.strip().lower()
    if v.startswith("zh"):
        return "zh"
    if v.startswith("en"):
        return "en"
    return None


def default_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """``ICP_FAQ_LANG``, then the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``), else zh.

    The first locale variable that is set decides, as POSIX has it; a locale that is
    neither Chinese nor English (``C``, ``POSIX``, ``fr_FR``) falls back to zh.
    """
    env = os.environ if environ is None else environ
    own = env.get("ICP_FAQ_LANG", "")
    if own:
        lang = lang_from(own)
        if lang is None:
            raise CliError(f"ICP_FAQ_LANG is {own!r}; use zh or en")
        return lang
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return lang_from(value) or "zh"
    return "zh"


def use_color(mode: ColorMode, is_tty: bool, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to write ANSI colour: ``auto`` honours NO_COLOR, then FORCE_COLOR, then the tty."""
    if mode != "auto":
        return mode == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return is_tty


def packaged_tree() -> Path:
    """The tree shipped with the package; from a source checkout, the repo's ``faq/``."""
    # Checked by path first: importing importlib.resources costs ~10 ms of start-up.
    here = Path(__file__).resolve()
    beside = here.parent / "data" / PACKAGE_TREE  # a wheel install
    if beside.is_file():
        return beside
    checkout = here.parents[2] / "faq" / PACKAGE_TREE  # editable install, plain checkout
    if checkout.is_file():
        return checkout
    from importlib.resources import files  # anything else (a zipped install, ...)

    return Path(str(files("icp_faq") / "data" / PACKAGE_TREE))


def tree_path(option: str | None, environ: Mapping[str, str] | None = None) -> Path:
    """``--tree``, then ``ICP_FAQ_TREE``, then the packaged tree."""
    env = os.environ if environ is None else environ
    chosen = option or env.get("ICP_FAQ_TREE", "")
    return Path(chosen) if chosen else packaged_tree()
