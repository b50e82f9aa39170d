"""The console as a first-time user meets it: a welcome, help, stop / exit / quit, readable markup."""

from __future__ import annotations

import io

import pytest
from test_cli import run as run_cli

from bot.adapters import console
from bot.adapters.console import ConsoleSession, readable, to_plain


def test_the_chat_starts_with_a_one_line_welcome(app):
    out = io.StringIO()
    console.run(app, [], out, channel="C1", user="jan")
    first = out.getvalue().splitlines()[0]
    assert first.startswith("Welkom") and "vraag" in first and "`help`" in first and "`stop`" in first


@pytest.mark.parametrize("word", ["stop", "exit", "quit", "Stop", "EXIT", "Quit"])
def test_stop_exit_and_quit_end_the_chat(app, word):
    out = io.StringIO()
    code = console.run(app, ["/werving start Ede", word, "/werving klaar 1a"], out, channel="C1", user="jan")
    assert code == 0 and "Tot ziens." in out.getvalue()
    assert app.store.procedure("C1").record("1a").status.value == "open"  # nothing after the stop was read


def test_help_without_prefix_lists_the_commands(chat: ConsoleSession):
    out = "\n".join(chat.say("help"))
    assert "`start [gemeente]`" in out and "`klaar <id> [toelichting]`" in out


def test_slack_markup_is_shown_readably():
    text = "*Stap 3* _optioneel_ voor <@U123> in <#C42|commissie> en <#C43>, <!channel>, <https://vgs.nl|de VGS>"
    shown = readable(to_plain(text))
    assert shown == "Stap 3 optioneel voor @U123 in #commissie en #C43, @channel, de VGS (https://vgs.nl)"
    assert readable("2 * 3 = 6 en a*b") == "2 * 3 = 6 en a*b"  # a lone star is no markup
    assert to_plain("&lt;b&gt; &amp;") == "<b> &"


def test_the_chat_command_welcomes_and_stops(tmp_path):
    proc = run_cli(["chat", "--channel", "C5", "--user", "jan"], tmp_path, stdin="Help\nQuit\nstatus\n")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("Welkom") and "klaar <id> [toelichting]" in proc.stdout
    assert lines[-1] == "Tot ziens." and "Fase 1" not in proc.stdout
