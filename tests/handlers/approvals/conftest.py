"""The desk every approval surface test starts from."""

from tests.handlers.approvals.desk import desk  # noqa: F401 - the fixture
