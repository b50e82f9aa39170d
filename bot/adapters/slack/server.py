"""`python -m bot serve slack`: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on waitress.

HTTP serves Slack's requests at `POST /slack/events` (through Bolt's WSGI adapter) and a health check at
`GET /healthz`, on waitress: a threaded production server, not Bolt's development server. Missing or
malformed settings stop the start with a Dutch message and exit code 1, without a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from datetime import timedelta
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError, SlackClientError
from waitress import wasyncore
from waitress.server import create_server

from bot.adapters.dispatch import OutboxDispatcher
from bot.adapters.slack import verify
from bot.adapters.slack.app import build_app, close_app, runtime_of
from bot.adapters.slack.clients import web_client
from bot.adapters.slack.sender import QueueingSender
from bot.application import Application
from bot.config import Settings
from bot.storage import messages

log = logging.getLogger(__name__)

DEFAULT_PORT = 3000
EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
HTTP_THREADS = 32
MAX_BODY_BYTES = 1_048_576  # Slack's payloads are far smaller
STUCK_QUEUE = timedelta(minutes=10)  # a due message older than this makes /healthz unhealthy

StartResponse = Callable[[str, list[tuple[str, str]]], Any]


def serve(settings: Settings, port: int | None, build: Callable[[Settings], Application], notice: str) -> int:
    """Run the Slack bot until stopped; returns the exit code (1 with a Dutch message when it cannot start).

    `build` is the composition root's (bot/bootstrap.py); it runs once the settings and the token are checked.
    `notice` is printed on standard error once the application is built.
    """
    problem = startup_problem(settings, port)
    if problem:
        print(f"Fout: {problem}", file=sys.stderr)
        return 1
    _configure_logging()
    problem = connection_problem(settings)  # before the slower loading of content and the Q&A index
    if problem:
        print(f"Fout: {problem}", file=sys.stderr)
        return 1
    application = build(settings)
    print(notice, file=sys.stderr)
    queue = QueueingSender(application.store.database, application.plan, application.clock)
    reminders = application.scheduler(queue)  # reminders go out through the outbox as well
    app: App | None = None
    try:
        socket_mode = bool(settings.slack_app_token)
        try:
            app = build_app(application, socket_mode=socket_mode, on_handled=reminders.wake)
        except (BoltError, SlackClientError, OSError) as err:
            print(f"Fout: {_connect_problem(err, settings)}", file=sys.stderr)
            return 1
        queue.wake = runtime_of(app).outbox.wake
        reminders.start()
        if socket_mode:
            return run_socket_mode(app, settings)
        return run_http(app, application, port or DEFAULT_PORT)
    finally:
        reminders.stop()
        if app is not None:
            close_app(app)  # Bolt's workers and the senders finish before the database closes
        application.close()


def startup_problem(settings: Settings, port: int | None = None) -> str | None:
    """What keeps the bot from starting, in Dutch; None when the settings will do."""
    token = settings.slack_bot_token
    if not token:
        return (
            "SLACK_BOT_TOKEN ontbreekt. Zet daarin het bot-token van je Slack-app; het begint met xoxb- en staat "
            "onder 'OAuth & Permissions' nadat je de app in je werkruimte hebt geïnstalleerd."
        )
    if not token.startswith("xoxb-"):
        return "SLACK_BOT_TOKEN is geen bot-token: dat begint met xoxb- (zie 'OAuth & Permissions' van je Slack-app)."
    app_token = settings.slack_app_token
    if app_token and not app_token.startswith("xapp-"):
        return (
            "SLACK_APP_TOKEN is geen app-token: dat begint met xapp- en maak je onder 'Basic Information' → "
            "'App-Level Tokens' met het recht connections:write. Laat SLACK_APP_TOKEN leeg om via HTTP te draaien."
        )
    if not app_token and not settings.slack_signing_secret:
        return (
            "SLACK_SIGNING_SECRET ontbreekt. Zonder kan ik niet controleren of een verzoek echt van Slack komt. "
            "Zet het 'Signing Secret' uit 'Basic Information' van je Slack-app in SLACK_SIGNING_SECRET, of zet "
            "SLACK_APP_TOKEN om Socket Mode te gebruiken."
        )
    if port is not None and not 1 <= port <= 65535:
        return f"Poort {port} bestaat niet; kies een poort van 1 tot en met 65535."
    return None


def connection_problem(settings: Settings) -> str | None:
    """Ask Slack (auth.test) whether it accepts the bot token; a Dutch problem, or None when it does."""
    try:
        web_client(settings, settings.slack_bot_token).auth_test()
    except (SlackClientError, OSError) as err:
        return _connect_problem(err, settings)
    return None


# -- HTTP ----------------------------------------------------------------------------------------


class SlackWsgiApp:
    """The WSGI application: Slack's requests to Bolt, a health check, 404/405 for everything else."""

    def __init__(self, app: App, health: Callable[[], str | None], signing_secret: str) -> None:
        if not signing_secret:
            raise ValueError("SLACK_SIGNING_SECRET ontbreekt: zonder kan ik niet nagaan of een verzoek van Slack komt.")
        self.slack = SlackRequestHandler(app, path=EVENTS_PATH)
        self.health = health
        self.signing_secret = signing_secret

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Route one request."""
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "GET")
        if path == EVENTS_PATH:
            if method != "POST":
                return _json(start_response, "405 Method Not Allowed", {"error": "gebruik POST"}, [("Allow", "POST")])
            return self.verified(environ, start_response)
        if path == HEALTH_PATH and method in {"GET", "HEAD"}:
            problem = self.health()
            if problem is None:
                return _json(start_response, "200 OK", {"status": "ok"})
            return _json(start_response, "503 Service Unavailable", {"status": "niet gezond", "reden": problem})
        return _json(start_response, "404 Not Found", {"error": "niet gevonden"})

    def verified(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        """Check the signature on the raw bytes first; only a genuine request reaches Bolt."""
        checked = verify.verify_environ(environ, self.signing_secret, MAX_BODY_BYTES)
        if isinstance(checked, verify.Refusal):
            log.info("Slack-verzoek geweigerd: %s", checked.reason)
            return _json(start_response, checked.status, {"error": "verzoek niet geverifieerd"})
        environ["wsgi.input"] = io.BytesIO(checked)
        environ["CONTENT_LENGTH"] = str(len(checked))
        return self.slack(environ, start_response)  # type: ignore[arg-type]  # a WSGI start_response


def health_check(application: Application, dispatcher: OutboxDispatcher) -> Callable[[], str | None]:
    """A health probe: the database takes a real write, the senders are alive and nothing waits too long."""

    def probe() -> str | None:
        now = application.clock()
        try:
            messages.touch_health(application.store.database, now)
            oldest = messages.oldest_due(application.store.database)
        except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
            log.warning("Gezondheidscontrole: database niet beschrijfbaar (%s)", type(exc).__name__)
            return f"de database kan niet worden beschreven ({type(exc).__name__})"
        problem = dispatcher.problem()
        if problem is None and oldest is not None and now - oldest > STUCK_QUEUE:
            problem = f"er wachten al {int((now - oldest).total_seconds() // 60)} minuten berichten op verzending"
        if problem is not None:
            log.warning("Gezondheidscontrole: %s", problem)
        return problem

    return probe


def http_server(app: App, application: Application, host: str, port: int, threads: int = HTTP_THREADS) -> Any:
    """A waitress server for the bot (port 0 picks a free port; see `.effective_port`)."""
    return create_server(
        SlackWsgiApp(
            app, health_check(application, runtime_of(app).outbox), application.settings.slack_signing_secret or ""
        ),
        host=host,
        port=port,
        threads=threads,
        max_request_body_size=MAX_BODY_BYTES,
        ident="werving-bot",
        connection_limit=1000,
    )


class BackgroundServer:
    """A waitress server running in a thread, for the tests and the benchmark; `stop` shuts it cleanly."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.thread = threading.Thread(target=server.run, name="waitress", daemon=True)
        self.thread.start()

    @property
    def port(self) -> int:
        """The port it listens on."""
        return int(self.server.effective_port)

    def stop(self) -> None:
        """Close every socket from inside the server's own loop, then wait for it and its workers."""
        try:
            self.server.trigger.pull_trigger(lambda: wasyncore.close_all(self.server._map))
        except OSError:  # the loop already closed its trigger (stopped before, or ended by itself)
            wasyncore.close_all(self.server._map)
        self.thread.join(timeout=5)
        self.server.task_dispatcher.shutdown()


def run_http(app: App, application: Application, port: int, host: str = "0.0.0.0") -> int:
    """Serve over HTTP until SIGINT or SIGTERM."""
    try:
        server = http_server(app, application, host, port)
    except OSError as err:
        print(f"Fout: kan niet luisteren op poort {port}: {err.strerror or err}.", file=sys.stderr)
        return 1
    _on_terminate(lambda: sys.exit(0))  # waitress's loop turns SystemExit into a clean shutdown
    log.info("Werving-bot luistert op http://%s:%s%s (Slack via HTTP)", host, server.effective_port, EVENTS_PATH)
    server.run()
    log.info("Werving-bot is gestopt")
    return 0


# -- Socket Mode ---------------------------------------------------------------------------------


def socket_mode_handler(app: App, settings: Settings, ping_interval: float = 10.0) -> SocketModeHandler:
    """Bolt's Socket Mode handler on the built-in client, which reconnects by itself.

    It uses the app's Web API client (the configured base URL, the retry handlers) to ask Slack for a
    WebSocket address with the app-level token. Slack's own `disconnect` message makes it reconnect at
    once; a link that dies silently is noticed by the ping check within `ping_interval` seconds.
    """
    return SocketModeHandler(
        app, app_token=settings.slack_app_token, web_client=app.client, concurrency=16, ping_interval=ping_interval
    )


def run_socket_mode(app: App, settings: Settings) -> int:
    """Connect over Socket Mode and stay connected until SIGINT or SIGTERM."""
    handler = socket_mode_handler(app, settings)
    try:
        handler.connect()
    except (SlackClientError, OSError) as err:
        handler.close()
        print(f"Fout: {_connect_problem(err, settings)}", file=sys.stderr)
        return 1
    stop = threading.Event()
    _on_terminate(stop.set)
    log.info("Werving-bot is verbonden met Slack (Socket Mode)")
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    handler.close()
    log.info("Werving-bot is gestopt")
    return 0


# -- helpers -------------------------------------------------------------------------------------


def _connect_problem(err: BaseException, settings: Settings) -> str:
    cause = err if isinstance(err, SlackApiError) else err.__context__
    if isinstance(cause, SlackApiError):
        code = cause.response.get("error") if cause.response is not None else "onbekend"
        return (
            f"Slack weigert het token ({code}). Controleer SLACK_BOT_TOKEN en SLACK_APP_TOKEN: zijn ze van deze app, "
            "is de app geïnstalleerd en heeft het app-token het recht connections:write?"
        )
    return f"kan Slack niet bereiken op {settings.slack_api_url} ({type(err).__name__}). Controleer de verbinding."


def _on_terminate(action: Callable[[], None]) -> None:
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGTERM, lambda signum, frame: action())


def _configure_logging() -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def _json(
    start_response: StartResponse, status: str, body: dict[str, str], extra: list[tuple[str, str]] | None = None
) -> list[bytes]:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    headers = [("Content-Type", "application/json; charset=utf-8"), ("Content-Length", str(len(data)))]
    start_response(status, headers + (extra or []))
    return [data]
