"""Build hook: pack the shipped tree into the wheel, already loaded and validated.

Runs the package's own loader and validator on ``faq/icp-access.yaml`` (an invalid tree,
warnings included, stops the build) and adds ``icp_faq/data/icp-access.json``, which the
installed package reads with the standard library (see ``src/icp_faq/pack.py``), and
``icp_faq/data/icp-access.search.json``, that tree's search indexes, prepared once (see
``src/icp_faq/search/prepared.py``). An editable install reads ``faq/`` directly and needs
nothing packed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PackTreeHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        root = Path(self.root)
        sys.path.insert(0, str(root / "src"))
        try:
            from icp_faq.pack import pack_file
            from icp_faq.search.prepared import write as write_search
        finally:
            sys.path.pop(0)
        self._tmp = tempfile.TemporaryDirectory()
        target = Path(self._tmp.name) / "icp-access.json"
        pack_file(root / "faq" / "icp-access.yaml", target)
        build_data["force_include"][str(target)] = "icp_faq/data/icp-access.json"
        search = write_search(target)
        build_data["force_include"][str(search)] = f"icp_faq/data/{search.name}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact: str) -> None:
        tmp = getattr(self, "_tmp", None)
        if tmp is not None:
            tmp.cleanup()
