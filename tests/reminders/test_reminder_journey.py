"""A whole procedure with freezegun: each reminder fires once, at the right time, to the right person."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from freezegun import freeze_time
from reminder_support import RecordingSender, commands

from bot.core.messages import Audience
from bot.reminders.scheduler import ReminderScheduler
from bot.storage import outbox

HOLDERS = {"burgemeester": "piet", "manager-po": "mia", "or": "ria", "gemeenteraad": "gerrit"}


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


class Journey:
    """Drives the app like a serving process: commands, and the scheduler after each one and over time."""

    def __init__(self, make_app, frozen) -> None:
        self.make_app = make_app
        self.frozen = frozen
        self.sender = RecordingSender()
        self.restart()

    def restart(self) -> None:
        self.app = self.make_app()
        self.scheduler = ReminderScheduler(self.app, self.sender)

    def do(self, *texts: str) -> None:
        for text in texts:  # like the console: deliver what is due after each command
            commands(self.app, text)
            self.scheduler.run_once(self.app.clock())

    def travel(self, until: datetime, step: timedelta = timedelta(hours=4)) -> None:
        """Run the scheduler on a grid of `step` anchored at 08:00 UTC (09:00 in Amsterdam in winter)."""
        anchor = utc(2027, 1, 1, 8, 0)
        now = self.app.clock()
        while now < until:
            now = min(anchor + ((now - anchor) // step + 1) * step, until)
            self.frozen.move_to(now)
            self.scheduler.run_once(now)

    def rule_of(self) -> dict[tuple[str, str], str]:
        with self.app.store.database.transaction(write=False) as db:
            return {(r.text, r.recipient): r.rule for r in outbox.rows(db)}


def test_a_whole_procedure(make_app):
    with freeze_time(utc(2027, 1, 11, 8, 0)) as frozen:  # Monday 09:00 in Amsterdam
        j = Journey(make_app, frozen)
        j.do("start Zaanstad")
        j.do(*(f"rol @{user} {role}" for role, user in HOLDERS.items()))
        j.do("klaar 1a", "klaar 1b", "klaar 1c", "klaar 1d", "klaar 2a", "klaar 2b", "nvt 2c geen search nodig")
        j.do("school zuiver", "klaar 3a")
        j.do("planning 4b 20-01-2027", "planning 5a 03-02-2027", "planning 6a 10-02-2027", "planning 6d 17-02-2027")
        j.do("klaar 3b", "klaar 3c", "klaar 3d", "klaar 3e", "klaar 3f", "klaar 4a")
        j.travel(utc(2027, 1, 22, 12, 0))  # 4b is planned on the 20th and not ticked: it runs late
        j.restart()  # a restart in the middle changes nothing
        j.do("klaar 4b", "nvt 4c geen tweede ronde nodig")
        j.travel(utc(2027, 2, 2, 12, 0))
        j.do("klaar 5a", "klaar 5b")
        j.travel(utc(2027, 2, 10, 12, 0))
        j.do("klaar 6a", "klaar 6b", "klaar 6c")
        j.travel(utc(2027, 2, 17, 12, 0))
        j.do("klaar 6d", "klaar 6e", "klaar 7a", "klaar 7b", "klaar 7c", "klaar 7d", "klaar 7e")
        j.do("klaar 8a", "klaar 8b", "klaar 8c", "klaar 9a", "klaar 9b", "klaar 9c", "klaar 10a", "klaar 10b")
        j.do("klaar 10c", "afsluiten")
        j.travel(utc(2027, 3, 1, 12, 0), step=timedelta(hours=12))  # closed: nothing more comes

        sent = j.sender.sent
        rule_of = j.rule_of()
        rules = [rule_of[(s.reply.text, s.reply.user or "")] for s in sent]
        counts = Counter(rules)

    # Every event rule that applies fires exactly once; the other schools' OR rules never.
    once = [
        "start-regie",
        "welkom-burgemeester",
        "welkom-manager-po",
        "welkom-or",
        "welkom-raad",
        "diversiteit-profiel",
        "interne-kandidaat-wens",
        "burgemeester-intern-vooraf",
        "burgemeester-regie",
        "or-rol-zuiver",
        "diversiteit-commissie",
        "raad-informeren",
        "burgemeester-raad",
        "vertrouwelijk-cv",
        "bekende-kandidaat",
        "screening-voorbereiden",
        "diversiteit-uitnodigen",
        "vertrouwelijk-gesprekken",
        "gesprekken-voorbereiden",
        "casus-voorbereiden",
        "burgemeester-tandem",
        "referenties",
        "or-advies",
        "burgemeester-or-advies",
        "intern-terugkoppelen",
        "burgemeester-intern-achteraf",
        "burgemeester-raad-benoeming",
        "gepland-binnenkort",
        "te-laat",
    ]
    for rule in once:
        assert counts[rule] == 1, (rule, counts[rule])
    assert counts["or-rol-breed"] == counts["or-rol-tussen"] == 0
    # The weekly digest: Mondays 18/1, 25/1, 1/2, 8/2 and 15/2 (not the start Monday: it began after 08:30).
    assert counts["weekoverzicht-burgemeester"] == 5
    assert sum(counts.values()) == len(sent)

    # Private advice goes to the holder of the role by direct message, never to the channel.
    for s, rule in zip(sent, rules, strict=True):
        assert s.channel == "C1"
        if rule.startswith(("welkom-", "burgemeester-", "weekoverzicht-")) or rule == "or-advies":
            assert s.reply.audience is Audience.DIRECT, rule
            assert "Persoonlijke herinnering" in s.reply.text
        else:
            assert s.reply.audience is Audience.CHANNEL, rule
            assert s.reply.user is None and "Persoonlijke herinnering" not in s.reply.text
    to = {rule: s.reply.user for s, rule in zip(sent, rules, strict=True)}
    assert to["welkom-burgemeester"] == to["burgemeester-tandem"] == to["weekoverzicht-burgemeester"] == "piet"
    assert to["welkom-manager-po"] == "mia" and to["welkom-raad"] == "gerrit"
    assert to["welkom-or"] == to["or-advies"] == "ria"

    # Time-based reminders arrive at the first run after their moment (09:00 Amsterdam = 08:00 UTC).
    at = {rule: s.at for s, rule in zip(sent, rules, strict=True) if counts[rule] == 1}
    assert at["gepland-binnenkort"] == utc(2027, 1, 18, 8, 0)  # 4b on Wed 20/1: two working days before
    assert at["te-laat"] == utc(2027, 1, 21, 8, 0)  # the working day after the planned date
    assert at["screening-voorbereiden"] == utc(2027, 2, 1, 8, 0)  # 5a on Wed 3/2, two working days
    assert at["gesprekken-voorbereiden"] == utc(2027, 2, 5, 8, 0)  # 6a on Wed 10/2, three working days
    assert at["casus-voorbereiden"] == utc(2027, 2, 12, 8, 0)  # 6d on Wed 17/2, three working days
    digests = [s.at for s, rule in zip(sent, rules, strict=True) if rule == "weekoverzicht-burgemeester"]
    assert digests == [
        utc(2027, 1, 18, 8, 0),
        utc(2027, 1, 25, 8, 0),
        utc(2027, 2, 1, 8, 0),
        utc(2027, 2, 8, 8, 0),
        utc(2027, 2, 15, 8, 0),
    ]  # due 08:30 local; first run after it
