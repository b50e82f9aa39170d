"""procedures/reminders.yaml: every rule names an existing step, role, school and section; bad rules are refused."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from bot.bootstrap import load_content
from bot.config import Settings
from bot.content.errors import ContentError
from bot.content.plan import load_sections
from bot.content.reminder_rules import TIME_TRIGGERS, load_reminder_rules
from bot.paths import content_root

ROOT = content_root()
GUIDE = Path("/work/shared/seed/000_68850f730c868cdd.txt")


@pytest.fixture(scope="module")
def plan():
    return load_content(Settings())


@pytest.fixture(scope="module")
def rules(plan):
    return load_reminder_rules(ROOT / "procedures", plan, load_sections(ROOT / "knowledge"))


def test_every_rule_names_an_existing_step_role_school_and_section(rules, plan):
    sections = load_sections(ROOT / "knowledge")
    substeps = {s.id for s in plan.substeps()}
    roles = {r.id: r for r in plan.roles}
    assert len(rules.rules) >= 25
    for rule in rules.rules:
        assert rule.section in sections, rule.id
        if rule.trigger.substep is not None:
            assert rule.trigger.substep in substeps, rule.id
        if rule.trigger.role is not None:
            assert rule.trigger.role in roles, rule.id
        if rule.role is not None:
            assert rule.role in roles and roles[rule.role].assignable, rule.id
        assert rule.schools <= {s.id for s in plan.schools}, rule.id
        assert rule.audience == "channel" or rule.audience.startswith("role:"), rule.id


def test_the_guides_moments_are_covered(rules):
    by_id = {r.id: r for r in rules.rules}
    next_on = {(r.trigger.substep, r.audience) for r in rules.of_type("substep-next")}
    # Diversity at 1b, 3b and 5b; confidentiality before the CVs (5a) and the interviews (6a); references at 7c.
    for substep in ("1b", "3b", "5b", "5a", "6a", "7c"):
        assert (substep, "channel") in next_on, substep
    assert "vertrouwelijk" in by_id["vertrouwelijk-cv"].text and "lek" in by_id["vertrouwelijk-cv"].text
    assert "uitlekt" in by_id["diversiteit-commissie"].text
    assert "Ken je als commissielid" in by_id["bekende-kandidaat"].text
    assert "medeweten van de kandidaat" in by_id["referenties"].text
    # The OR's role under each school, and the council's informal role.
    assert {s for r in rules.of_type("school-chosen") for s in r.schools} == {"zuiver", "breed", "tussen"}
    assert "fractievoorzitters" in by_id["raad-informeren"].text
    # The mayor's private welcome carries all five points of the guide.
    welcome = by_id["welkom-burgemeester"]
    assert welcome.trigger.type == "role-assigned" and welcome.audience == "role:burgemeester"
    for point in ("manager P&O", "kroonprins", "discreet", "onder vier ogen", "fractievoorzitters", "Wor art. 30"):
        assert point in welcome.text, point
    # And a weekly private digest for the mayor.
    digest = rules.of_type("weekly-digest")
    assert [r.audience for r in digest] == ["role:burgemeester"]
    assert all(r.private for r in rules.rules if r.id.startswith("burgemeester-"))


def test_texts_are_in_our_own_words(rules):
    """No run of six words from the guide appears in a reminder text."""
    if not GUIDE.exists():
        pytest.skip("the guide is not available here")
    guide = re.sub(r"(\w)\n(\w)", r"\1\2", GUIDE.read_text(encoding="utf-8"))
    words = re.findall(r"\w+", guide.lower())
    grams = {tuple(words[i : i + 6]) for i in range(len(words) - 5)}
    for rule in rules.rules:
        own = re.findall(r"\w+", rule.text.lower())
        copied = [" ".join(own[i : i + 6]) for i in range(len(own) - 5) if tuple(own[i : i + 6]) in grams]
        assert not copied, (rule.id, copied)


def test_time_rules_have_a_sensible_moment(rules):
    for rule in rules.rules:
        if rule.trigger.type in TIME_TRIGGERS:
            assert 6 <= rule.trigger.at.hour <= 18, rule.id
        if rule.trigger.type == "before-planned":
            assert 1 <= rule.trigger.working_days <= 10, rule.id


def write_rules(tmp_path: Path, rules: list[dict]) -> Path:
    target = tmp_path / "procedures"
    shutil.copytree(ROOT / "procedures", target)
    (target / "reminders.yaml").write_text(yaml.safe_dump({"rules": rules}, allow_unicode=True), encoding="utf-8")
    return target


GOOD = {
    "id": "r1",
    "trigger": {"type": "substep-next", "substep": "5a"},
    "audience": "channel",
    "text": "Tekst bij {id}.",
    "section": "1.2.2 Inzet selectiemethoden",
}


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        ({"trigger": {"type": "substep-next", "substep": "11a"}}, "rules.r1.trigger.substep", "onbekende substap"),
        ({"trigger": {"type": "substep-next"}}, "rules.r1.trigger.substep", "ontbreekt"),
        ({"trigger": {"type": "als-het-regent"}}, "rules.r1.trigger.type", "onbekend type"),
        ({"trigger": {"type": "role-assigned", "role": "koning"}}, "rules.r1.trigger.role", "onbekende rol"),
        ({"audience": "role:koning"}, "rules.r1.audience", "onbekende rol 'koning'"),
        ({"audience": "role:kandidaten"}, "rules.r1.audience", "aan niemand gegeven"),
        ({"audience": "iedereen"}, "rules.r1.audience", "kies `channel`"),
        ({"section": "9.9 Verzonnen"}, "rules.r1.section", "onbekende paragraaf"),
        ({"text": "Over {dagen} werkdagen"}, "rules.r1.text", "onbekende invulplek"),
        ({"text": "Kapotte {accolade"}, "rules.r1.text", "accolades"),
        ({"school": ["streng"]}, "rules.r1.school", "onbekende school"),
        (
            {"trigger": {"type": "substep-next", "substep": "7d"}, "school": ["breed"]},
            "rules.r1.school",
            "vervalt bij school 'breed'",
        ),
        (
            {"trigger": {"type": "before-planned", "substep": "5a", "working_days": -1}},
            "rules.r1.trigger.working_days",
            "geheel getal",
        ),
        ({"trigger": {"type": "before-planned", "substep": "5a"}}, "rules.r1.trigger.working_days", "geheel getal"),
        (
            {"trigger": {"type": "overdue", "time": "25:00"}, "text": "Te laat: {id}"},
            "rules.r1.trigger.time",
            "UU:MM",
        ),
        ({"trigger": {"type": "weekly-digest", "weekday": "maandag"}}, "rules.r1.audience", "persoonlijk"),
        (
            {"trigger": {"type": "weekly-digest", "weekday": "moandag"}, "audience": "role:burgemeester"},
            "rules.r1.trigger.weekday",
            "kies uit",
        ),
        ({"trigger": {"type": "substep-next", "substep": "5a", "role": "or"}}, "rules.r1.trigger", "horen niet"),
        ({"kleur": "rood"}, "rules.r1", "onbekende sleutel"),
    ],
)
def test_bad_rules_are_refused_naming_file_and_key(tmp_path, plan, change, key, problem):
    folder = write_rules(tmp_path, [{**GOOD, **change}])
    with pytest.raises(ContentError) as err:
        load_reminder_rules(folder, plan, load_sections(ROOT / "knowledge"))
    assert err.value.file.endswith("reminders.yaml")
    assert err.value.key == key
    assert problem in err.value.problem


def test_duplicate_ids_and_unquoted_times(tmp_path, plan):
    folder = write_rules(tmp_path, [GOOD, GOOD])
    with pytest.raises(ContentError, match="dubbel"):
        load_reminder_rules(folder, plan, load_sections(ROOT / "knowledge"))
    # YAML reads an unquoted 10:00 as the number 600; the loader still understands it.
    (folder / "reminders.yaml").write_text(
        "rules:\n  - id: r2\n    trigger: {type: overdue, time: 10:00}\n    audience: channel\n"
        "    text: Te laat {id}\n    section: 2 Stappenplan\n",
        encoding="utf-8",
    )
    loaded = load_reminder_rules(folder, plan, load_sections(ROOT / "knowledge"))
    assert loaded.rules[0].trigger.at.hour == 10


def test_the_app_refuses_to_start_with_a_broken_rule(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "knowledge", content / "knowledge")
    write_rules(content, [{**GOOD, "audience": "role:koning"}])
    from bot.reminders.policy import build_policy

    settings = Settings(db_path=tmp_path / "bot.db", content_dir=content)
    with pytest.raises(ContentError, match="reminders.yaml: rules.r1.audience"):
        build_policy(settings, load_content(settings))
