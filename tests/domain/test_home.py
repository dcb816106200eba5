"""The Home tab from facts: what waits for the user, their partnerships (red flags first),
the filter, and the view within Slack's 100 blocks with a pager."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from domain.approvals import Decision, RequestFacts, Rule, Status
from domain.digest.facts import DigestFacts, PartnershipFact
from domain.home import HomeApproval, HomeFacts, Scope, assemble
from domain.values import IPModel, Stage
from handlers.blocks.home import build_home_view
from locales import translator
from tests.slackspec import check_view

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2026, 11, 23)
ME, OTHER, BOSS = "U0ME000001", "U0OTHER001", "U0BOSS0001"


def partnership(pid: int, name: str, **fields) -> PartnershipFact:  # noqa: ANN003
    return PartnershipFact(
        partnership_id=pid,
        creator_name=name,
        brand_id=1,
        brand_name="Koffie & Co",
        stage=fields.pop("stage", Stage.AMBASSADOR),
        **fields,
    )


def request(
    rid: int,
    *,
    requester: str = OTHER,
    approvers: tuple[str, ...] = (ME,),
    due_in: timedelta = timedelta(hours=24),
    rule: Rule = Rule.ANY,
    fallback: str | None = None,
    decisions: dict[str, Decision] | None = None,
) -> HomeApproval:
    due = NOW + due_in
    return HomeApproval(
        request_id=rid,
        version=1,
        partnership_id=1,
        kind="contract",
        subject=f"Subject {rid}",
        channel_id="C0CHANNEL01",
        rules=RequestFacts(
            requester=requester,
            approvers=approvers,
            rule=rule,
            fallback=fallback,
            status=Status.PENDING,
            version=1,
            due_at=due,
            expires_at=due + timedelta(days=3),
        ),
        decisions=decisions or {},
    )


def facts(partnerships, approvals=(), owned=None) -> HomeFacts:  # noqa: ANN001
    owned = {p.partnership_id for p in partnerships} if owned is None else owned
    return HomeFacts(
        digest=DigestFacts(partnerships=partnerships), owned=frozenset(owned), approvals=approvals
    )


def test_waiting_for_me_soonest_deadline_first_and_my_own_requests_apart() -> None:
    home = assemble(
        facts(
            [partnership(1, "Zoë de Vries")],
            [
                request(1, due_in=timedelta(hours=30)),
                request(2, due_in=timedelta(hours=-2)),  # overdue
                request(3, requester=ME, approvers=(OTHER,)),
                # all must approve and I already did: nothing left for me
                request(4, approvers=(ME, BOSS), rule=Rule.ALL, decisions={ME: Decision.APPROVE}),
                request(5, approvers=(OTHER,)),  # not mine to decide
                request(6, due_in=timedelta(days=-4)),  # past its expiry
                # escalated to me as the fallback (due long ago, not yet expired)
                request(7, approvers=(OTHER,), fallback=ME, due_in=timedelta(hours=-70)),
            ],
        ),
        user_id=ME,
        scope=Scope.MINE,
        now=NOW,
        today=TODAY,
    )
    assert [w.request_id for w in home.to_decide] == [7, 2, 1]
    assert [w.overdue for w in home.to_decide] == [True, True, False]
    assert [w.request_id for w in home.asked] == [3]
    assert home.asked[0].waiting_on == (OTHER,)


def test_red_flags_first_and_the_filter() -> None:
    rows = [
        partnership(1, "Anna"),
        partnership(2, "Bram", payment_terms_days=90),  # a red flag
        partnership(3, "Cas", ip_model=IPModel.UNCLEAR, stage=Stage.GUARDRAILS),  # a red flag
        partnership(4, "Dirk", stage=Stage.ENDED),  # over: not on the desk
        partnership(5, "Eva"),
    ]
    mine = assemble(
        facts(rows, owned={1, 2, 4}), user_id=ME, scope=Scope.MINE, now=NOW, today=TODAY
    )
    assert [r.creator_name for r in mine.partnerships] == ["Bram", "Anna"]
    team = assemble(facts(rows, owned={1, 2}), user_id=ME, scope=Scope.TEAM, now=NOW, today=TODAY)
    assert [r.creator_name for r in team.partnerships] == ["Bram", "Cas", "Anna", "Eva"]
    assert [r.creator_name for r in team.partnerships if r.flags] == ["Bram", "Cas"]


def test_200_partnerships_and_50_requests_fit_in_100_blocks_a_page_at_a_time() -> None:
    rows = [partnership(n, f"Creator {n:03d}") for n in range(1, 201)]
    approvals = [request(n, due_in=timedelta(hours=n)) for n in range(1, 51)]
    home = assemble(facts(rows, approvals), user_id=ME, scope=Scope.MINE, now=NOW, today=TODAY)
    t = translator("en")
    seen: list[str] = []
    decided: list[str] = []
    page = 0
    while True:
        view = build_home_view(t, home, page=page, timezone="Europe/Amsterdam", user_id=ME)
        check_view(view)  # Slack's rules for a Home tab: at most 100 blocks, ...
        assert len(view["blocks"]) <= 100
        elements = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
        ids = [e["action_id"] for e in elements]
        assert len(ids) == len(set(ids))
        texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"]
        seen += [text for text in texts if text.startswith("*Creator ")]
        decided += [e["value"] for e in elements if e["action_id"].startswith("approval_approve")]
        if "home_page_next" not in ids:
            break
        assert next(e for e in elements if e["action_id"] == "home_page_next")["value"] == str(
            page + 1
        )
        page += 1
    assert page > 0 and "home_page_first" in ids
    # Every partnership shows on one page or another, each once.
    assert len(seen) == 200
    assert all(any(f"Creator {n:03d}" in s for s in seen) for n in (1, 100, 200))
    # And every request to decide, with its own buttons.
    assert sorted(decided) == sorted(f"{n}:1" for n in range(1, 51))


def test_user_text_is_escaped_once() -> None:
    rows = [partnership(1, "<!channel> & Co")]
    approvals = [request(1)]
    home = assemble(facts(rows, approvals), user_id=ME, scope=Scope.MINE, now=NOW, today=TODAY)
    view = build_home_view(translator("en"), home, page=0, timezone="UTC", user_id=ME)
    text = str(view["blocks"])
    assert "&lt;!channel&gt; &amp; Co" in text and "<!channel>" not in text
    assert "Koffie &amp; Co" in text and "&amp;amp;" not in text
