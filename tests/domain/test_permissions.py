"""Who may close a quote and who may change the approval settings (issue 11, finding 3)."""

from __future__ import annotations

from domain.approvals import ApprovalSettings, KindSettings, Rule
from domain.permissions import (
    Setting,
    may_change_settings,
    may_close_quote,
    may_open_settings,
    settings_changes,
)
from domain.values import ApprovalKind

OWNER, ASKER, APPROVER, MEMBER, GROUPIE = "U0OWNER", "U0ASKER", "U0APPR", "U0MEMBER", "U0GROUP"
CONTRACT, EXCLUSIVITY = ApprovalKind.CONTRACT, ApprovalKind.EXCLUSIVITY

SETTINGS = ApprovalSettings(
    kinds={
        CONTRACT: KindSettings(users=(APPROVER,)),
        EXCLUSIVITY: KindSettings(group="S0EXCL"),
    }
)
GROUPS = {"S0EXCL": (GROUPIE,)}


def close(actor: str) -> str | None:
    return may_close_quote(
        actor, partnership_owner=OWNER, requested_by=ASKER, exclusivity_approvers={APPROVER}
    )


def test_the_owner_the_asker_and_exclusivity_approvers_close_a_quote_nobody_else() -> None:
    assert [close(u) for u in (OWNER, ASKER, APPROVER)] == [None, None, None]
    assert close(MEMBER) == "not_allowed"
    assert close("") == "not_allowed"
    # A partnership without an owner and a quote nobody asked for: no one by accident.
    assert (
        may_close_quote("", partnership_owner=None, requested_by=None, exclusivity_approvers=())
        == "not_allowed"
    )


def test_admins_change_anything_members_nothing() -> None:
    appoint_self = ApprovalSettings(kinds={**SETTINGS.kinds, CONTRACT: KindSettings((MEMBER,))})
    assert may_change_settings(MEMBER, SETTINGS, appoint_self, is_admin=True) is None
    refused = may_change_settings(MEMBER, SETTINGS, appoint_self, is_admin=False, groups=GROUPS)
    assert refused is not None and refused.kinds == (CONTRACT,)
    assert may_open_settings(MEMBER, SETTINGS, is_admin=False, groups=GROUPS) == "not_allowed"
    assert may_open_settings(MEMBER, SETTINGS, is_admin=True) is None


def test_an_approver_changes_only_the_kinds_they_approve() -> None:
    more = ApprovalSettings(
        kinds={**SETTINGS.kinds, CONTRACT: KindSettings((APPROVER, MEMBER), rule=Rule.ALL)}
    )
    assert may_change_settings(APPROVER, SETTINGS, more, is_admin=False, groups=GROUPS) is None
    taken = ApprovalSettings(kinds={**SETTINGS.kinds, EXCLUSIVITY: KindSettings((APPROVER,))})
    refused = may_change_settings(APPROVER, SETTINGS, taken, is_admin=False, groups=GROUPS)
    assert refused is not None and refused.kinds == (EXCLUSIVITY,)
    # A member of the exclusivity group approves exclusivity, not contracts.
    assert may_change_settings(GROUPIE, SETTINGS, taken, is_admin=False, groups=GROUPS) is None
    assert may_open_settings(GROUPIE, SETTINGS, is_admin=False, groups=GROUPS) is None
    # Without the group's members (Slack would not say), the group counts for nobody.
    assert may_change_settings(GROUPIE, SETTINGS, taken, is_admin=False) is not None


def test_team_wide_settings_need_an_approver_of_every_configured_kind() -> None:
    fallback = ApprovalSettings(kinds=SETTINGS.kinds, fallback=APPROVER, due_hours=24)
    refused = may_change_settings(APPROVER, SETTINGS, fallback, is_admin=False, groups=GROUPS)
    assert refused is not None
    assert (refused.kinds, refused.settings) == ((), (Setting.FALLBACK, Setting.DUE_HOURS))
    only_contract = ApprovalSettings(kinds={CONTRACT: KindSettings((APPROVER,))})
    mine = ApprovalSettings(kinds=only_contract.kinds, fallback=APPROVER)
    assert may_change_settings(APPROVER, only_contract, mine, is_admin=False) is None
    # Nothing configured yet: only an admin or owner starts the settings.
    start = ApprovalSettings(kinds={CONTRACT: KindSettings((MEMBER,))})
    assert may_change_settings(MEMBER, ApprovalSettings(), start, is_admin=False) is not None


def test_changes_list_what_differs_and_ignore_the_order_of_names() -> None:
    reordered = ApprovalSettings(
        kinds={CONTRACT: KindSettings((APPROVER, MEMBER))}, due_hours=48, expiry_days=7
    )
    same = ApprovalSettings(kinds={CONTRACT: KindSettings((MEMBER, APPROVER))})
    assert settings_changes(reordered, same) == ()
    changed = settings_changes(
        reordered,
        ApprovalSettings(kinds={CONTRACT: KindSettings((MEMBER,))}, fallback=OWNER, expiry_days=3),
    )
    assert [(c.kind, c.setting) for c in changed] == [
        (CONTRACT, None),
        (None, Setting.FALLBACK),
        (None, Setting.EXPIRY_DAYS),
    ]
    assert (changed[1].before, changed[1].after) == (None, OWNER)
    assert (changed[2].before, changed[2].after) == (7, 3)
