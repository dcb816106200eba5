"""The desk every approval surface test starts from."""

from __future__ import annotations

import pytest

from tests.handlers.approvals.desk import set_up_desk
from tests.harness import AppHarness


@pytest.fixture
def desk(harness: AppHarness) -> AppHarness:
    return set_up_desk(harness)
