"""Files in Teams: a FileConsentCard in the 1:1 chat, the upload to OneDrive on consent, a FileInfoCard."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("microsoft_teams.apps", reason="the optional extra 'teams' is not installed")

from docx import Document  # noqa: E402
from teams_standin import BOT_TOKEN  # noqa: E402
from teams_wire import file_consent, message  # noqa: E402

from bot.adapters.teams.auth import upload_url_allowed  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.storage import uploads  # noqa: E402

PERSONAL = "/v3/conversations/a:personal-29:jan/activities"
CONSENT = "application/vnd.microsoft.teams.card.file.consent"
INFO = "application/vnd.microsoft.teams.card.file.info"


def _personal_attachments(running, kind: str) -> list[dict]:
    calls = [c for c in running.standin.sent() if c.path.startswith(PERSONAL)]
    return [a for c in calls for a in c.body.get("attachments") or [] if a["contentType"] == kind]


def _pending(running) -> int:
    with running.application.store.database.transaction(write=False) as db:
        return int(db.execute("SELECT COUNT(*) FROM pending_uploads").fetchone()[0])


def _offer_profile(running) -> dict:
    running.say("start Zaanstad")
    activity = message(running.standin.service_url, "document profiel docx")
    assert running.send(activity)[0] == 200
    thread = [c.body.get("text") or "" for c in running.standin.sent() if c.path.endswith(f"/{activity['id']}")]
    assert any("Word-bestand" in text for text in thread)  # the reply's text in the channel, as in Slack
    assert any("profiel-zaanstad.docx gestuurd in je chat met mij" in text for text in thread)
    assert not any("python -m bot" in text for text in thread)
    (card,) = _personal_attachments(running, CONSENT)
    return card


def test_a_document_is_offered_with_a_consent_card_in_the_personal_chat(running) -> None:
    card = _offer_profile(running)
    assert card["name"] == "profiel-zaanstad.docx"
    content = card["content"]
    assert content["sizeInBytes"] > 1000 and content["acceptContext"] == content["declineContext"]
    assert set(content["acceptContext"]) == {"upload"}  # only the id: the file itself waits in the database
    assert _pending(running) == 1


def test_accepting_uploads_the_file_and_shows_a_file_card(running) -> None:
    card = _offer_profile(running)
    url = running.standin.upload_url()
    status, _ = running.send(
        file_consent(running.standin.service_url, card["content"]["acceptContext"], upload_url=url)
    )
    assert status == 200
    assert running.standin.wait_for(lambda s: len(_personal_attachments(running, INFO)) == 1)
    ((path, data, headers),) = running.standin.uploads
    assert path == "/upload/f1?tempauth=secret"
    assert headers["content-range"] == f"bytes 0-{len(data) - 1}/{len(data)}"
    assert "authorization" not in headers  # the bot's token never goes to an upload URL
    assert len(data) == card["content"]["sizeInBytes"]
    assert "Profiel" in "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    (info,) = _personal_attachments(running, INFO)
    assert info["name"] == "bestand.docx" and info["content"]["fileType"] == "docx"
    assert info["contentUrl"].startswith("https://contoso-my.sharepoint.com/")
    assert _pending(running) == 0  # in OneDrive now, no copy kept
    info_call = next(c for c in running.standin.sent() if any(a in (c.body.get("attachments") or []) for a in [info]))
    assert info_call.authorization == f"Bearer {BOT_TOKEN}"


def test_declining_removes_the_file(running) -> None:
    card = _offer_profile(running)
    status, _ = running.send(file_consent(running.standin.service_url, card["content"]["declineContext"], accept=False))
    assert status == 200
    assert running.standin.uploads == [] and _pending(running) == 0
    assert any("niet in je OneDrive" in (c.body.get("text") or "") for c in running.standin.sent())


def test_an_upload_url_off_the_list_gets_nothing(running) -> None:
    card = _offer_profile(running)
    for url in ("http://127.0.0.1:1/upload/x", "https://evil.example.com/upload", "http://contoso.sharepoint.com/u"):
        running.send(file_consent(running.standin.service_url, card["content"]["acceptContext"], upload_url=url))
    assert running.standin.uploads == []
    assert sum("adres dat ik niet vertrouw" in (c.body.get("text") or "") for c in running.standin.sent()) == 3
    assert _pending(running) == 1  # still there for a good answer


def test_someone_else_cannot_take_the_file(running) -> None:
    card = _offer_profile(running)
    other = file_consent(
        running.standin.service_url,
        card["content"]["acceptContext"],
        upload_url=running.standin.upload_url(),
        user="29:piet",
        name="Piet Burger",
    )
    assert running.send(other)[0] == 200
    assert running.standin.uploads == [] and _pending(running) == 1
    assert any("heb ik niet meer" in (c.body.get("text") or "") for c in running.standin.sent())


def test_an_upload_refused_once_is_retried_and_done_once(running) -> None:
    card = _offer_profile(running)
    running.standin.fail("/upload/", 503, times=1, retry_after=0)
    running.send(
        file_consent(
            running.standin.service_url, card["content"]["acceptContext"], upload_url=running.standin.upload_url()
        )
    )
    assert running.standin.wait_for(lambda s: len(_personal_attachments(running, INFO)) == 1)
    running.flush()
    assert len(running.standin.uploads) == 1 and len(_personal_attachments(running, INFO)) == 1


def test_planning_ics_is_offered_to_the_requester(running) -> None:
    running.say("start Zaanstad")
    running.say("planning 1b 15-03-2027")
    running.say("planning ics", user="29:piet", name="Piet Burger")
    calls = [c for c in running.standin.sent() if c.path == "/v3/conversations/a:personal-29:piet/activities"]
    cards = [a for c in calls for a in c.body.get("attachments") or [] if a["contentType"] == CONSENT]
    assert len(cards) == 1 and cards[0]["name"] == "planning-zaanstad.ics"
    assert _personal_attachments(running, CONSENT) == []  # not to Jan, who did not ask
    assert any("planning-zaanstad.ics gestuurd in je chat" in t for t in running.answers())


def test_upload_urls_are_only_sharepoint_over_https() -> None:
    settings = Settings()
    assert upload_url_allowed("https://contoso-my.sharepoint.com/personal/jan/_api/v2.0/drive/items/1", settings)
    assert upload_url_allowed("https://gemeente.sharepoint.us/sites/x", settings)
    for url in (
        "http://contoso-my.sharepoint.com/x",
        "https://sharepoint.com.evil.example/x",
        "https://evilsharepoint.com/x",
        "https://contoso.sharepoint.com:8443/x",
        "https://127.0.0.1/x",
        "file:///etc/passwd",
        "not a url",
    ):
        assert not upload_url_allowed(url, settings), url
    assert not uploads.KEEP.total_seconds() > 2 * 24 * 3600
