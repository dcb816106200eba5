"""The roadmap surface tests' creator: Zoë de Vries with Koffie & Co."""

from __future__ import annotations

import pytest

from tests.factories import make_brand, make_creator, make_partnership
from tests.harness import OTHER_USER_ID, AppHarness


@pytest.fixture
def zoe(harness: AppHarness):  # noqa: ANN201
    """Zoë de Vries with Koffie & Co: a contract with 30-day terms, owned by Lou."""
    creator = make_creator(harness.engine, "Zoë de Vries", handle="zoedevries")
    return make_partnership(
        harness.engine, creator, make_brand(harness.engine), owner_user_id=OTHER_USER_ID
    )
