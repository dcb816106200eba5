"""Red flags and the renewal warning, at the edges domain.md sets (90 days, 14 days, 30 days)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.flags import (
    FEEDBACK_GRACE_DAYS,
    PAYMENT_TERMS_FLAG_DAYS,
    RENEWAL_WARNING_DAYS,
    FlagKind,
    PartnershipFacts,
    RedFlag,
    RenewalWarning,
    newest_first,
    red_flags,
    renewal_warning,
)
from domain.values import IPModel, Stage

TODAY = date(2026, 3, 16)


def facts(**changes: Any) -> PartnershipFacts:
    """A healthy partnership in production: no flag, no warning, unless changed."""
    healthy = PartnershipFacts(
        stage=Stage.AMBASSADOR,
        payment_terms_days=30,
        ip_model=IPModel.SHARED,
        end_date=TODAY + timedelta(days=180),
        renewal_decided=False,
        latest_kpi_period_end=TODAY - timedelta(days=3),
        latest_kpi_feedback_shared=False,
    )
    return replace(healthy, **changes)


def kinds(found: tuple[RedFlag, ...]) -> list[FlagKind]:
    return [flag.kind for flag in found]


def test_defaults_and_seed_figures() -> None:
    assert PAYMENT_TERMS_FLAG_DAYS == 90
    assert FEEDBACK_GRACE_DAYS == 14
    assert RENEWAL_WARNING_DAYS == 30


def test_a_healthy_partnership_has_no_flags() -> None:
    assert red_flags(facts(), TODAY) == ()
    assert renewal_warning(facts(), TODAY) is None


# --- payment terms --------------------------------------------------------------------------


def test_payment_terms_of_90_days_are_a_flag() -> None:
    found = red_flags(facts(payment_terms_days=90), TODAY)
    assert found == (RedFlag(FlagKind.PAYMENT_TERMS, {"payment_terms_days": 90, "limit_days": 90}),)


def test_payment_terms_of_89_days_are_not() -> None:
    assert red_flags(facts(payment_terms_days=89), TODAY) == ()


def test_payment_terms_not_recorded_are_not_a_flag() -> None:
    assert red_flags(facts(payment_terms_days=None), TODAY) == ()


def test_payment_terms_flag_dates_from_the_contract_signature() -> None:
    signed = date(2026, 1, 20)
    (flag,) = red_flags(facts(payment_terms_days=120, contract_signed_on=signed), TODAY)
    assert (flag.kind, flag.since, flag.data["payment_terms_days"]) == (
        FlagKind.PAYMENT_TERMS,
        signed,
        120,
    )


def test_negative_payment_terms_are_refused() -> None:
    with pytest.raises(ValueError):
        facts(payment_terms_days=-1)


@given(st.integers(min_value=0, max_value=365))
def test_payment_terms_are_flagged_from_90_days_on(days: int) -> None:
    flagged = FlagKind.PAYMENT_TERMS in kinds(red_flags(facts(payment_terms_days=days), TODAY))
    assert flagged == (days >= 90)


# --- IP -------------------------------------------------------------------------------------


@pytest.mark.parametrize("stage", [Stage.PROSPECT, Stage.ALIGNMENT])
def test_unclear_ip_before_production_is_not_a_flag(stage: Stage) -> None:
    assert red_flags(facts(stage=stage, ip_model=IPModel.UNCLEAR), TODAY) == ()


@pytest.mark.parametrize("stage", [Stage.GUARDRAILS, Stage.AMBASSADOR, Stage.GROWTH, Stage.RENEWED])
def test_unclear_ip_in_production_is_a_flag(stage: Stage) -> None:
    found = red_flags(facts(stage=stage, ip_model=IPModel.UNCLEAR), TODAY)
    assert found == (RedFlag(FlagKind.IP_UNCLEAR, {"stage": stage}),)


@pytest.mark.parametrize("ip_model", [IPModel.SHARED, IPModel.LICENSED, IPModel.BUYOUT, None])
def test_settled_or_unrecorded_ip_is_not_a_flag(ip_model: IPModel | None) -> None:
    assert red_flags(facts(stage=Stage.GUARDRAILS, ip_model=ip_model), TODAY) == ()


def test_ip_flag_dates_from_the_start_of_production() -> None:
    started = date(2026, 2, 2)
    (flag,) = red_flags(facts(ip_model=IPModel.UNCLEAR, production_started_on=started), TODAY)
    assert flag.since == started


# --- feedback -------------------------------------------------------------------------------


def test_feedback_14_days_after_the_period_end_is_not_yet_a_flag() -> None:
    ended = TODAY - timedelta(days=14)
    assert red_flags(facts(latest_kpi_period_end=ended), TODAY) == ()


def test_feedback_15_days_after_the_period_end_is_a_flag() -> None:
    ended = TODAY - timedelta(days=15)
    found = red_flags(facts(latest_kpi_period_end=ended), TODAY)
    assert found == (
        RedFlag(
            FlagKind.FEEDBACK_NOT_SHARED,
            {"period_end": ended, "days_since": 15, "grace_days": 14},
            since=TODAY,  # the first day it is flagged
        ),
    )


def test_feedback_flag_keeps_its_start_date_later_on() -> None:
    ended = date(2026, 1, 31)
    (flag,) = red_flags(facts(latest_kpi_period_end=ended), TODAY)
    assert flag.since == date(2026, 2, 15)  # 31 Jan + 15 days
    assert flag.data["days_since"] == 44  # 31 Jan -> 16 Mar


def test_shared_feedback_is_not_a_flag() -> None:
    ended = TODAY - timedelta(days=60)
    assert (
        red_flags(facts(latest_kpi_period_end=ended, latest_kpi_feedback_shared=True), TODAY) == ()
    )


def test_no_kpi_records_yet_raise_no_feedback_flag() -> None:
    assert red_flags(facts(latest_kpi_period_end=None), TODAY) == ()


def test_a_period_still_running_raises_no_feedback_flag() -> None:
    assert red_flags(facts(latest_kpi_period_end=TODAY + timedelta(days=10)), TODAY) == ()


# --- ended, several flags -------------------------------------------------------------------


def all_wrong(**changes: Any) -> PartnershipFacts:
    return facts(
        payment_terms_days=120,
        ip_model=IPModel.UNCLEAR,
        latest_kpi_period_end=TODAY - timedelta(days=30),
        end_date=TODAY + timedelta(days=5),
        **changes,
    )


def test_every_flag_at_once_in_kind_order() -> None:
    assert kinds(red_flags(all_wrong(), TODAY)) == [
        FlagKind.PAYMENT_TERMS,
        FlagKind.IP_UNCLEAR,
        FlagKind.FEEDBACK_NOT_SHARED,
    ]


def test_an_ended_partnership_raises_no_flags_and_no_warning() -> None:
    ended = all_wrong(stage=Stage.ENDED)
    assert red_flags(ended, TODAY) == ()
    assert renewal_warning(ended, TODAY) is None


def test_newest_first_orders_by_since_and_puts_unknown_last() -> None:
    unknown = RedFlag(FlagKind.PAYMENT_TERMS, {}, since=None)
    old = RedFlag(FlagKind.IP_UNCLEAR, {}, since=date(2026, 1, 1))
    new = RedFlag(FlagKind.FEEDBACK_NOT_SHARED, {}, since=date(2026, 3, 1))
    assert newest_first([unknown, old, new]) == [new, old, unknown]


# --- renewal warning ------------------------------------------------------------------------


def test_a_contract_ending_in_30_days_is_warned_about() -> None:
    end = TODAY + timedelta(days=30)
    assert renewal_warning(facts(end_date=end), TODAY) == RenewalWarning(
        end_date=end, days_left=30, since=TODAY
    )


def test_a_contract_ending_in_31_days_is_not() -> None:
    assert renewal_warning(facts(end_date=TODAY + timedelta(days=31)), TODAY) is None


def test_a_renewal_decision_silences_the_warning() -> None:
    end = TODAY + timedelta(days=5)
    assert renewal_warning(facts(end_date=end, renewal_decided=True), TODAY) is None


def test_a_contract_without_end_date_is_not_warned_about() -> None:
    assert renewal_warning(facts(end_date=None), TODAY) is None


def test_the_last_day_and_past_the_end_are_still_warned_about() -> None:
    last_day = renewal_warning(facts(end_date=TODAY), TODAY)
    past = renewal_warning(facts(end_date=TODAY - timedelta(days=3)), TODAY)
    assert last_day is not None and past is not None
    assert (last_day.days_left, past.days_left) == (0, -3)


def test_the_renewal_warning_is_not_a_red_flag() -> None:
    near = facts(end_date=TODAY + timedelta(days=1))
    assert renewal_warning(near, TODAY) is not None
    assert red_flags(near, TODAY) == ()


@given(st.integers(min_value=-60, max_value=400))
def test_renewal_warning_window(days_left: int) -> None:
    warning = renewal_warning(facts(end_date=TODAY + timedelta(days=days_left)), TODAY)
    assert (warning is not None) == (days_left <= 30)
    if warning is not None:
        assert warning.days_left == days_left
