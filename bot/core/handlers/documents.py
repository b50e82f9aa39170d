"""The chat command `document <soort>`: show a document, list its questions, and record the answers.

`document profiel` renders the profile; `document profiel vragen` lists its questions with ids;
`document profiel opgaven <antwoord>` records an answer, `… overslaan` skips it (left visibly open),
`… wissen` forgets it; `document profiel docx` sends it as a Word file.
Answers holding candidate or personal data are refused and nothing is stored.
"""

from __future__ import annotations

from bot.content.documents import DocumentSpec, Question, unknown_kind_message
from bot.core.candidate_data import candidate_data_kinds, refusal_text
from bot.core.context import CommandError, Context
from bot.core.messages import Attachment, Reply
from bot.core.planning.handler import file_slug
from bot.core.ports import Documents
from bot.core.text import escape, first_word, shorten

MAX_ANSWER = 1000
CHAT_LIMIT = 3500  # longer documents are cut in the chat, with a pointer to the full file
SKIP_WORDS = frozenset({"overslaan", "skip", "later"})
CLEAR_WORDS = frozenset({"wissen", "wis"})
DOCX_WORDS = frozenset({"docx", "word"})


def handle_document(ctx: Context, args: str) -> list[Reply]:
    """Show a document, list its questions, or record one answer."""
    library = ctx.documents
    if library is None:
        raise CommandError("De documenten zijn niet geladen; vraag de beheerder de bot opnieuw te starten.")
    raw_kind, rest = first_word(args)
    if not raw_kind:
        raise CommandError(f"Noem een documentsoort, bijvoorbeeld `document profiel`. Kies uit: {_kinds(library)}.")
    spec = library.spec(raw_kind)
    if spec is None:
        raise CommandError(unknown_kind_message(escape(shorten(raw_kind, 30)), library.kinds))
    if not rest:
        return [_show(ctx, library, spec)]
    if rest.strip().lower() in DOCX_WORDS:
        return [_word_file(ctx, library, spec)]
    raw_question, value = first_word(rest)
    if raw_question.lower() == "vragen":
        return [ctx.requester_reply(_questions_text(ctx, spec))]
    question = spec.question(raw_question)
    if question is None:
        raise CommandError(_unknown_question(spec, raw_question))
    if not value:
        return [ctx.requester_reply(_question_text(ctx, spec, question))]
    return [_answer(ctx, spec, question, value)]


def _show(ctx: Context, library: Documents, spec: DocumentSpec) -> Reply:
    """The rendered document as chat text, cut with a pointer to the full file when long."""
    state = ctx.require_state()
    answers = ctx.require_uow().document_answers(ctx.channel)
    document = library.render(spec.kind, state, answers, ctx.tz, ctx.now)
    text = _chat_markdown(escape(document.markdown))
    full = f"`python -m bot document {spec.kind} --channel {escape(ctx.channel)} --docx {spec.kind}.docx`"
    if len(text) > CHAT_LIMIT:
        cut = text.rfind("\n", 0, CHAT_LIMIT)
        text = text[: cut if cut > 0 else CHAT_LIMIT] + f"\n\n… (ingekort) Het volledige document, ook in Word: {full}"
    else:
        text += f"\n_Als Word-bestand: {full}_"
    if spec.questions:
        open_count = sum(1 for q in spec.questions if not answers.get((spec.kind, q.id)))
        if open_count:
            text += f"\nNog {open_count} vragen open; zie `document {spec.kind} vragen`."
    return ctx.requester_reply(text)


def _word_file(ctx: Context, library: Documents, spec: DocumentSpec) -> Reply:
    """The rendered document as a Word file for the channel, built like `python -m bot document … --docx`."""
    state = ctx.require_state()
    document = library.render(spec.kind, state, ctx.require_uow().document_answers(ctx.channel), ctx.tz, ctx.now)
    title = f"{spec.title} - {state.municipality}"
    data = library.word_file(document.markdown, title, confidential=not spec.for_candidates)
    name = f"{spec.kind}-{file_slug(state.municipality)}.docx"
    text = f"📄 '{escape(spec.title)}' als Word-bestand: `{name}`."
    if not spec.for_candidates:
        text += " Vertrouwelijk: alleen voor de commissie."
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    command = f"python -m bot document {spec.kind} --channel {ctx.channel} --docx {name}"
    return Reply(text, attachments=(Attachment(name, mime, data, title, command),))


def _chat_markdown(text: str) -> str:
    """Markdown headings as bold lines: chat platforms do not render `#`."""
    lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            line = "*" + line.lstrip("#").strip() + "*"
        lines.append(line)
    return "\n".join(lines)


def _questions_text(ctx: Context, spec: DocumentSpec) -> str:
    """Every question of a document with its id and state, grouped as in the YAML."""
    if not spec.questions:
        return (
            f"Het document '{spec.title}' heeft geen vragen; het wordt gevuld uit de procedure zelf. "
            f"Bekijk het met `document {spec.kind}`."
        )
    answers = ctx.require_uow().document_answers(ctx.channel)
    lines = [f"*Vragen voor '{spec.title}'*"]
    group = ""
    for q in spec.questions:
        if q.group != group:
            group = q.group
            lines.append(f"*{escape(group)}*")
        lines.append(f"• `{q.id}` {escape(q.prompt)} ({_state(answers, spec, q)})")
    lines.append(
        f"Antwoord met `document {spec.kind} <vraag-id> <antwoord>`, sla over met "
        f"`document {spec.kind} <vraag-id> overslaan`, wis met `… wissen`. Noem functies, geen namen."
    )
    return "\n".join(lines)


def _state(answers: dict[tuple[str, str], str | None], spec: DocumentSpec, q: Question) -> str:
    key = (spec.kind, q.id)
    private = ", vertrouwelijk: komt in geen document voor kandidaten" if q.private else ""
    if key not in answers:
        return "open" + private
    value = answers[key]
    if value is None:
        return "overgeslagen" + private
    return f"beantwoord: {escape(shorten(value, 60))}" + private


def _question_text(ctx: Context, spec: DocumentSpec, q: Question) -> str:
    answers = ctx.require_uow().document_answers(ctx.channel)
    return (
        f"*{escape(q.label)}* ({escape(q.group)}; handreiking §{escape(q.section)})\n{escape(q.prompt)}\n"
        f"Nu: {_state(answers, spec, q)}.\nAntwoord met `document {spec.kind} {q.id} <antwoord>`."
    )


def _answer(ctx: Context, spec: DocumentSpec, q: Question, value: str) -> Reply:
    """Record, skip or forget one answer, then point to the next open question."""
    uow = ctx.require_uow()
    word = value.strip().lower()
    if word in CLEAR_WORDS:
        if not uow.clear_document_answer(ctx.channel, spec.kind, q.id):
            raise CommandError(f"Vraag `{q.id}` had nog geen antwoord; er is niets veranderd.")
        text = f"Het antwoord op `{q.id}` ({escape(q.label)}) is gewist."
    elif word in SKIP_WORDS:
        uow.set_document_answer(ctx.channel, spec.kind, q.id, None, ctx.user, ctx.now)
        text = f"Vraag `{q.id}` ({escape(q.label)}) overgeslagen; in het document blijft hij zichtbaar open."
    else:
        answer = " ".join(value.split())
        if len(answer) > MAX_ANSWER:
            raise CommandError(
                f"Dit antwoord is te lang ({len(answer)} tekens; maximaal {MAX_ANSWER}). Er is niets opgeslagen."
            )
        kinds = candidate_data_kinds(answer, ctx.safeguards.candidates) if ctx.safeguards else ()
        if kinds:
            raise CommandError(refusal_text(kinds, "antwoord"))
        uow.set_document_answer(ctx.channel, spec.kind, q.id, answer, ctx.user, ctx.now)
        text = f"Vastgelegd voor `{q.id}` ({escape(q.label)}): {escape(shorten(answer, 200))}"
        if q.private:
            text += "\nDit antwoord is vertrouwelijk: het komt in geen document dat voor kandidaten bedoeld is."
    answers = uow.document_answers(ctx.channel)
    following = next((x for x in spec.questions if (spec.kind, x.id) not in answers), None)
    if following is None:
        text += f"\nAlle vragen zijn behandeld. Bekijk het document met `document {spec.kind}`."
    else:
        text += f"\nVolgende vraag, `{following.id}`: {escape(following.prompt)}"
    return ctx.requester_reply(text)


def _unknown_question(spec: DocumentSpec, raw: str) -> str:
    shown = escape(shorten(raw, 30))
    if not spec.questions:
        return (
            f"Het document '{spec.title}' heeft geen vragen, dus ook geen '{shown}'. "
            f"Bekijk het met `document {spec.kind}`."
        )
    ids = ", ".join(f"`{q.id}`" for q in spec.questions)
    return f"Vraag '{shown}' bestaat niet bij {spec.kind}. Kies uit: {ids} (of `vragen` voor de lijst)."


def _kinds(library: Documents) -> str:
    return ", ".join(f"`{k}`" for k in library.kinds)
