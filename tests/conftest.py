from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
sys.path.insert(0, str(Path(__file__).parent))
# The browser tests' shared fixtures (`server` of a module's `site`, `browser`).
pytest_plugins = ["browsing"]


@pytest.fixture(scope="session")
def ref():
    from thongbao.reference import load_reference

    return load_reference(CONTENT / "reference")


@pytest.fixture(scope="session")
def vocab():
    from thongbao.citations import load_vocabulary

    return load_vocabulary(CONTENT / "reference" / "documents.yml")
