"""What the input-boundary tests share (tests/handlers/test_inbound.py, test_input_boundary.py):
the harness's languages and a creator to type about (replies and rows: replies_for_tests)."""

from __future__ import annotations

from domain.values import Stage
from locales import translator
from storage.models import Creator
from tests.factories import make_brand, make_creator, make_partnership

# The harness's users: USER_ID speaks English (en-US), OTHER_USER_ID Dutch (nl-NL).
EN = translator("en")
NL = translator("nl")


def add_zoe(engine) -> Creator:  # noqa: ANN001
    """Zoë de Vries, an ambassador of Maison Lumière (whose competitor is Glow)."""
    brand = make_brand(engine, "Maison Lumière", competitors=["Glow"])
    creator = make_creator(engine, "Zoë de Vries", handle="zoedevries")
    make_partnership(engine, creator, brand, stage=Stage.AMBASSADOR)
    return creator
