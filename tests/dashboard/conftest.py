"""Fixtures for the page tests: a demo database shared by the whole session and an empty one."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st

from data.db import make_engine

ROOT = Path(__file__).resolve().parents[2]


def clear_streamlit_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def shared_demo_db(_demo_template, tmp_path_factory) -> Path:
    """One demo database for all page tests (the pages only read it), so cached results are reused."""
    path = tmp_path_factory.mktemp("dashboard-demo") / "demo.sqlite"
    shutil.copy(_demo_template, path)
    return path


@pytest.fixture
def demo_app(shared_demo_db, monkeypatch):
    """Point the app at the shared demo database."""
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{shared_demo_db}")
    yield shared_demo_db


@pytest.fixture
def empty_app(tmp_path, monkeypatch):
    """Point the app at a new, migrated, empty database; caches are cleared before and after."""
    path = tmp_path / "empty.sqlite"
    make_engine(f"sqlite:///{path}").dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", f"sqlite:///{path}")
    clear_streamlit_caches()
    yield path
    clear_streamlit_caches()
