"""The card shown when the history calls for a change: the same words on home and history."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from triage_tui.core.history.escalation import Escalated

HEADINGS = {
    "refer": "➜ See a doctor or physio before your next session.",
    "assessment": "Get a proper assessment.",
    "gentler": "Gentler sessions for now.",
}


def escalation_card(item: Escalated, **kwargs: str) -> Static:
    """A bordered card: the heading for the rule's action (words, not colour alone), its
    message, and why it applies."""
    action = item.rule.action
    text = Content.from_markup("[b]$heading[/b] $message\n[dim]Why: $detail.[/dim]", heading=HEADINGS[action],
                               message=item.rule.message, detail=item.detail)
    return Static(text, classes=f"card -{action}", **kwargs)
