"""procedures/durations.yaml: validated with errors naming file and key; its warning limit is honoured."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from fakes import FakeAnswerer
from freezegun import freeze_time
from planning_support import say

from bot.bootstrap import build
from bot.config import Settings
from bot.content.errors import ContentError
from bot.content.plan import load_plan, load_sections
from bot.core.messages import Incoming

ROOT = Path(__file__).resolve().parents[2]


def content_copy(tmp_path: Path, change=None) -> Path:
    shutil.copytree(ROOT / "procedures", tmp_path / "procedures")
    shutil.copytree(ROOT / "knowledge", tmp_path / "knowledge")
    if change is not None:
        path = tmp_path / "procedures" / "durations.yaml"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return tmp_path


def test_every_substep_has_a_duration_and_the_limit_is_sane():
    plan = load_plan(ROOT / "procedures", load_sections(ROOT / "knowledge"))
    assert plan.timing is not None
    assert {s.id for s in plan.substeps()} <= set(plan.timing.days)
    assert plan.timing.warn_from == "4b" and plan.timing.warn_to == "10b"


@pytest.mark.parametrize(
    ("change", "key", "problem"),
    [
        (lambda d: d["substeps"].update({"11z": 3}), "substeps.11z", "onbekende substap"),
        (lambda d: d["substeps"].update({"4b": -1}), "substeps.4b", "geheel getal"),
        (lambda d: d["substeps"].update({"4b": "drie weken"}), "substeps.4b", "geheel getal"),
        (lambda d: d.update(default_days=None), "default_days", "geheel getal"),
        (lambda d: d["warning"].update({"to": "1a"}), "warning.to", "na '4b'"),
        (lambda d: d["warning"].update(max_weeks=0), "warning.max_weeks", "geheel getal"),
        (lambda d: d["warning"].update(section="Hoofdstuk 9"), "warning.section", "onbekende paragraaf"),
        (lambda d: d.pop("warning"), "warning", "ontbreekt"),
    ],
)
def test_broken_durations_name_file_and_key(tmp_path, change, key, problem):
    root = content_copy(tmp_path, change)
    with pytest.raises(ContentError) as info:
        load_plan(root / "procedures", load_sections(root / "knowledge"))
    assert info.value.file.endswith("durations.yaml")
    assert info.value.key == key
    assert problem in info.value.problem


def test_a_plan_longer_than_the_limit_warns_citing_the_guide(tmp_path):
    root = content_copy(tmp_path, lambda d: d["warning"].update(max_weeks=8))
    app = build(Settings(db_path=tmp_path / "bot.db", content_dir=root), answerer=FakeAnswerer())
    try:
        with freeze_time(datetime(2027, 1, 11, 8, 0, tzinfo=UTC)):
            now = datetime.now(UTC)
            app.bot.handle(Incoming("console", "C1", "jan", "start Zaanstad", True), now)
            text = app.bot.handle(Incoming("console", "C1", "jan", "planning voorstel maandag", True), now)[0].text
    finally:
        app.close()
    assert "⚠️" in text and "meer dan de 8 weken" in text and "zo kort mogelijk" in text
    assert "Bron: handreiking VGS, §1.2.2 Interne kandidaten" in text


def test_the_default_limit_does_not_warn_for_the_typical_plan(make_planning_app):
    with freeze_time(datetime(2027, 1, 11, 8, 0, tzinfo=UTC)):
        app = make_planning_app()
        say(app, "start Zaanstad")
        text = say(app, "planning voorstel vandaag")[0].text
    assert "⚠️" not in text and "Verwachte benoeming (10b)" in text
