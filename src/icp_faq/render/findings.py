"""What ``icp-faq validate`` prints: one line or JSON object per finding, and a verdict."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..validate import Report


def finding_lines(report: Report) -> str:
    """``PATH:LINE:COL: SEVERITY: MESSAGE [code]``, one per line."""
    return "\n".join(f.line(report.path, strict=report.strict) for f in report.findings)


def finding_json(report: Report) -> str:
    """The findings as the documented JSON list."""
    data: list[dict[str, Any]] = [
        {
            "path": report.path,
            "line": f.pos.line,
            "col": f.pos.col,
            "severity": "error" if report.strict else f.severity,
            "code": f.code,
            "message": f.message,
        }
        for f in report.findings
    ]
    return json.dumps(data, ensure_ascii=False, indent=2)


def verdict(report: Report) -> str:
    """``PATH: ok|invalid: COUNTS; N error(s), M warning(s)``, or why the file cannot load."""
    if report.tree is None:
        return f"{report.path}: invalid: the file cannot be loaded"
    t = report.tree
    errors = report.errors
    warnings = len(report.findings) - errors
    counts = (
        f"{_n(len(t.topics), 'topic')}, {_n(len(t.questions), 'question')}, "
        f"{_n(len(t.outcomes), 'outcome')}"
    )
    state = "invalid" if report.failed else "ok"
    return f"{report.path}: {state}: {counts}; {_n(errors, 'error')}, {_n(warnings, 'warning')}"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"
