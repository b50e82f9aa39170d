"""Wires the Teams adapter for one Application: checks, outbox senders, runtime, reminders and the ASGI app."""

from __future__ import annotations

import logging
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from bot.adapters.dispatch import OutboxDispatcher
from bot.adapters.pacing import Pacer
from bot.adapters.teams.auth import Authenticator, Unauthorized, service_url_allowed
from bot.adapters.teams.connector import Connector
from bot.adapters.teams.delivery import TeamsDelivery
from bot.adapters.teams.payloads import Composer
from bot.adapters.teams.references import References
from bot.adapters.teams.runtime import TeamsRuntime
from bot.adapters.teams.sender import QueueingSender
from bot.adapters.teams.translate import PLATFORM
from bot.adapters.teams.wire import HEALTH_PATH, MAX_BODY_BYTES, MESSAGES_PATH, json_body
from bot.application import Application

log = logging.getLogger(__name__)

SENDERS = 16  # threads delivering the outbox; one message per conversation at a time
MAX_ATTEMPTS = 30  # transient failures (back-off up to a minute each): about half an hour of Bot Connector trouble
# Teams allows a bot about 7 messages a second, 60 per 30 seconds, in one conversation.
PACE_INTERVAL = 0.5
PACE_BURST = 3


class TeamsBot:
    """Everything `serve teams` runs: one connector, sender and reminder scheduler, and the HTTP app."""

    def __init__(
        self, application: Application, *, connector: Connector | None = None, start_senders: bool = True
    ) -> None:
        self.application = application
        settings = application.settings
        database = application.store.database
        self.authenticator = Authenticator(settings)
        self.connector = connector or Connector(settings)
        self.references = References(database)
        self.composer = Composer(self.references, application.plan)
        self.delivery = TeamsDelivery(self.connector, self.references, application.clock)
        pacer = Pacer(interval=PACE_INTERVAL, burst=PACE_BURST)
        self.outbox = OutboxDispatcher(
            database,
            self.delivery.transport,
            application.clock,
            pacer=pacer,
            workers=SENDERS,
            max_attempts=MAX_ATTEMPTS,
            platform=PLATFORM,
            on_failed=self.delivery.on_failed,
        )
        self.queue = QueueingSender(database, self.composer, application.clock)
        self.queue.wake = self.outbox.wake
        self.reminders = application.scheduler(self.queue)  # reminders go through the outbox too
        self.runtime = TeamsRuntime(
            application,
            self.composer,
            self.connector,
            wake_senders=self.outbox.wake,
            ready=lambda lane: pacer.delay(lane) == 0,
            on_handled=self.reminders.wake,
        )
        self.outbox.on_done = self.runtime.notify_sent
        self.asgi = build_asgi(self.runtime, self.authenticator, lambda: health_problem(application, self.outbox))
        if start_senders:
            self.outbox.start()

    def http_server(self, host: str, port: int) -> uvicorn.Server:
        """A uvicorn server for the app (port 0 picks a free port); every option set here, none from the environment."""
        config = uvicorn.Config(
            self.asgi,
            host=host,
            port=port,
            loop="asyncio",
            http="h11",
            lifespan="off",
            log_level="warning",
            access_log=False,
            backlog=2048,
            timeout_keep_alive=30,
            server_header=False,
            env_file=None,
            proxy_headers=False,
        )
        return uvicorn.Server(config)

    def close(self) -> None:
        """Stop the reminders, let the sends in flight finish, and close the connection pool."""
        self.reminders.stop()
        self.outbox.stop()
        self.connector.close()


def build_asgi(runtime: TeamsRuntime, authenticator: Authenticator, problem: Callable[[], str | None]) -> FastAPI:
    """The ASGI app: the messaging endpoint and the health check; nothing else."""
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    settings = runtime.application.settings

    @app.get(HEALTH_PATH)
    async def health() -> Response:
        found = await run_in_threadpool(problem)
        if found is None:
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": found}, status_code=503)

    @app.post(MESSAGES_PATH)
    async def messages(request: Request) -> Response:
        try:
            caller = await run_in_threadpool(authenticator.check_header, request.headers.get("authorization"))
        except Unauthorized as err:
            log.warning("Teams-verzoek geweigerd: token ongeldig (%s)", err)
            return JSONResponse({"error": "niet geautoriseerd"}, status_code=401)
        size = request.headers.get("content-length")
        if size is not None and size.isdigit() and int(size) > MAX_BODY_BYTES:
            return JSONResponse({"error": "verzoek te groot"}, status_code=413)
        activity = json_body(await request.body())
        if activity is None:
            return JSONResponse({"error": "geen JSON-activiteit"}, status_code=400)
        service_url = str(activity.get("serviceUrl") or "")
        try:
            authenticator.check_service_url_claim(caller, service_url)
        except Unauthorized:
            log.warning("Teams-verzoek geweigerd: serviceurl in het token klopt niet met de activiteit")
            return JSONResponse({"error": "niet geautoriseerd"}, status_code=401)
        if not service_url_allowed(service_url, settings):
            log.warning("Teams-verzoek geweigerd: serviceUrl staat niet op de lijst (%s)", service_url[:80])
            return JSONResponse({"error": "serviceUrl niet toegestaan"}, status_code=403)
        try:
            answer = await run_in_threadpool(runtime.process, activity)
        except Exception:
            log.exception("Teams-activiteit kon niet worden verwerkt")
            return JSONResponse({"error": "interne fout"}, status_code=500)
        if answer.body is None:
            return Response(status_code=answer.status)
        return JSONResponse(answer.body, status_code=answer.status)

    return app


def health_problem(application: Application, outbox: OutboxDispatcher) -> str | None:
    """Why the bot is not healthy (in Dutch), or None: the database, then the outbox's senders."""
    if not database_healthy(application):
        return "database niet bereikbaar"
    return outbox.problem()


def database_healthy(application: Application) -> bool:
    """True when the bot's database answers a read."""
    try:
        with application.store.database.transaction(write=False) as db:
            db.execute("SELECT 1").fetchone()
        return True
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        log.warning("Gezondheidscontrole: database niet bereikbaar")
        return False
