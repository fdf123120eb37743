"""Fixtures: the archetype world of world.py, analysed by the real geo layer."""
from __future__ import annotations

import pytest

from geo.analysis import analyse
from tests.monitor import world


@pytest.fixture(scope="module")
def geography():
    return world.geography()


@pytest.fixture(scope="module")
def registry():
    return world.archetypes()


@pytest.fixture(scope="module")
def geo_result(registry, geography):
    return analyse(registry, geography, geometry=False)
