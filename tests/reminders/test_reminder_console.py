"""The console prints reminders after each line; private ones are marked with their recipient."""

from __future__ import annotations

import io

from bot.adapters import console


def test_console_prints_channel_reminders_and_marks_private_ones(chat):
    started = chat.say("/werving start Zaanstad")
    assert any(line.startswith("🔔 *Herinnering*") and "manager P&O" in line for line in started)
    lines = chat.say("/werving rol @piet burgemeester")
    assert lines[0].startswith("@piet heeft nu de rol Burgemeester")
    private = [line for line in lines if "Persoonlijke herinnering" in line]
    assert len(private) == 1 and private[0].startswith("[privé aan @piet] 🔒")
    assert "kroonprins" in private[0]
    # Nothing is printed twice: the next line only shows its own reply.
    again = chat.say("/werving rollen")
    assert len(again) == 1 and again[0].startswith("[alleen voor jou] *Rollen in deze procedure*")


def test_console_run_prints_reminders_in_the_transcript(app):
    out = io.StringIO()
    console.run(app, ["/werving start Ede", "/werving rol @ria or"], out, channel="C7", user="jan")
    text = out.getvalue()
    assert text.count("[privé aan @ria]") == 1 and "Wor art. 30 lid 1" in text
    assert text.index("Procedure gestart") < text.index("🔔 Herinnering") < text.index("[privé aan @ria]")
