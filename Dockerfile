# The werving-bot as a container: serves Slack (Socket Mode with SLACK_APP_TOKEN, else HTTP on 3000);
# `serve teams` serves Microsoft Teams on 3978.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 BOT_DB=/data/bot.db

RUN useradd --create-home --uid 10001 werving && mkdir /data && chown werving /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY procedures ./procedures
COPY teams ./teams
RUN pip install --no-cache-dir '.[teams]' && rm -rf /app/bot

USER werving
WORKDIR /home/werving
VOLUME ["/data"]
# HTTP mode (no SLACK_APP_TOKEN) listens on 3000 with GET /healthz; Socket Mode needs no open port.
EXPOSE 3000 3978
ENTRYPOINT ["python", "-m", "bot"]
CMD ["serve", "slack"]
