"""`python -m bot serve teams`: Bot Framework activities at `POST /api/messages`, health at `GET /healthz`.

An ASGI app (FastAPI, from the Teams SDK's dependencies) on uvicorn: many requests at once, the blocking
work (token keys, SQLite, Bot Connector calls) in worker threads. Order per activity: the token is checked
before the body is read (401), then the `serviceurl` claim against the body (401), then the serviceUrl
allow-list (403); only then is the activity de-duplicated and handled. Settings come from `Settings` only.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from bot.adapters.teams import sdk
from bot.adapters.teams.wire import MESSAGES_PATH
from bot.application import Application
from bot.config import Settings

log = logging.getLogger(__name__)

DEFAULT_PORT = 3978

NO_SDK = (
    "Voor Microsoft Teams is de Teams SDK nodig, maar die is niet geïnstalleerd. Installeer de bot met de extra "
    "'teams', bijvoorbeeld: pip install '.[teams]' (in de map van de bot) en start dan opnieuw."
)
NO_APP_ID = (
    "TEAMS_APP_ID ontbreekt. Zet daarin de app-id (client-id) van de Entra-app van je bot en in "
    "TEAMS_APP_PASSWORD het clientgeheim; zet TEAMS_TENANT_ID als de bot maar in één tenant werkt."
)


def startup_problem(settings: Settings, port: int | None = None) -> str | None:
    """What keeps the Teams bot from starting, in Dutch; None when it can start."""
    if not sdk.available():
        return NO_SDK
    if not settings.teams_app_id and not settings.teams_test_anonymous:
        return NO_APP_ID
    if port is not None and not 0 <= port <= 65535:
        return f"Poort {port} bestaat niet; kies een poort van 1 tot en met 65535."
    return None


def serve(settings: Settings, port: int | None, build: Callable[[Settings], Application], notice: str) -> int:
    """Run the Teams bot until stopped; returns the exit code (1 with a Dutch message when it cannot start).

    `build` is the composition root's (bot/bootstrap.py); it runs once the settings and the port are checked.
    `notice` is printed on standard error once the application is built.
    """
    problem = startup_problem(settings, port)
    if problem:
        print(f"Fout: {problem}", file=sys.stderr)
        return 1
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if settings.teams_app_id and not settings.teams_app_password:
        log.warning("TEAMS_APP_PASSWORD ontbreekt: zonder clientgeheim kan de bot geen antwoorden versturen")
    from bot.adapters.teams.app import TeamsBot  # needs the SDK's dependencies

    port = DEFAULT_PORT if port is None else port
    try:
        listener = listen("0.0.0.0", port)
    except OSError as err:
        print(f"Fout: kan niet luisteren op poort {port}: {err.strerror or err}.", file=sys.stderr)
        return 1
    application = build(settings)
    print(notice, file=sys.stderr)
    bot = TeamsBot(application)
    try:
        server = bot.http_server("0.0.0.0", port)
        log.info("Werving-bot luistert op poort %s (%s, Microsoft Teams)", port, MESSAGES_PATH)
        bot.reminders.start()
        server.run(sockets=[listener])
    finally:
        bot.close()
        application.close()
        listener.close()
    log.info("Werving-bot is gestopt")
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket (bound here, so that a taken port gets a Dutch message instead of uvicorn's)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock


class BackgroundServer:
    """The uvicorn server in a thread, for the tests and the benchmark; `stop` shuts it down cleanly."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="werving-teams-http", daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 15
        while not server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("de Teams-server startte niet")
            time.sleep(0.01)

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server.servers[0].sockets[0].getsockname()[1])

    def stop(self) -> None:
        """Ask uvicorn to finish open requests and stop, then wait for it."""
        self.server.should_exit = True
        self.thread.join(timeout=10)
