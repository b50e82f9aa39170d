"""The Microsoft Teams adapter: Bot Framework activities in, the core's neutral replies out.

Built on the Teams SDK for Python (`microsoft-teams-apps`, optional extra `teams`): `server` wires the
HTTP app, `auth` checks tokens and the serviceUrl allow-list, `translate` turns activities into
`Incoming`, `render` turns replies into Teams text and Adaptive Cards, `payloads` addresses them as
outbox messages, `delivery` sends those through `connector` (the Bot Connector service), `sender`
queues reminders, `files` offers files with a FileConsentCard, `references` remembers where channels
and people were met.
"""
