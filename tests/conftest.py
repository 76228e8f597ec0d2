"""Shared fixtures: a real index of seeds/ built once per session, a real engine,
and the HTTP app with an API key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
API_KEY = "test-key-123"


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory) -> Path:
    from indexer.build import build_index

    index_dir = tmp_path_factory.mktemp("index")
    summary = build_index([SEEDS], index_dir, jobs=1)
    assert summary.documents == 5 and not summary.skipped
    return index_dir


@pytest.fixture(scope="session")
def engine(seed_index):
    from search_api.engine import Engine

    return Engine.open(seed_index)


@pytest.fixture()
def writable_index(tmp_path, seed_index) -> Path:
    """A private copy of the seed index that a test may write to."""
    target = tmp_path / "index"
    shutil.copytree(seed_index, target)
    return target


@pytest.fixture()
def client(writable_index):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.config import Settings

    app = create_app(Settings(index=writable_index, api_key=API_KEY))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def read_client(seed_index):
    from fastapi.testclient import TestClient

    from search_api.app import create_app
    from search_api.config import Settings

    app = create_app(Settings(index=seed_index, api_key=None))
    with TestClient(app) as c:
        yield c
