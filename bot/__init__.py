"""Werving-en-selectie bot: guides a committee through appointing a gemeentesecretaris."""

__version__ = "0.1.0"
