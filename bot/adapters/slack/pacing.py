"""Slack's pacing is the shared per-lane pacer (bot/adapters/pacing.py); kept here for existing imports."""

from bot.adapters.pacing import MAX_TRACKED, Pacer

__all__ = ["MAX_TRACKED", "Pacer"]
