"""Fixtures of the fetch tests: the fixture site on 127.0.0.1, a fresh SQLite archive,
and a fetch configuration without the production delays (no waiting between requests,
half-second timeouts, 50 ms backoff)."""

from __future__ import annotations

import pytest
from sitekit import Site

from communique.fetch import policy
from communique.fetch.client import FetchConfig


@pytest.fixture
def site():
    with Site() as s:
        yield s


@pytest.fixture
def db_url(tmp_path):
    return f"sqlite:///{tmp_path / 'archive.db'}"


@pytest.fixture
def fast(monkeypatch):
    """Production numbers made test-sized (also for FetchConfig() made by the CLI)."""
    monkeypatch.setattr(policy, "PER_HOST_DELAY", 0.0)
    monkeypatch.setattr(policy, "BACKOFF_S", 0.05)
    monkeypatch.setattr(policy, "READ_TIMEOUT_S", 0.5)
    monkeypatch.setattr(policy, "CONNECT_TIMEOUT_S", 0.5)
    return FetchConfig()
