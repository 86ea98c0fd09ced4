"""The home step in words: what the app is, the disclaimer, where the person stands today.

Plain text (no markup), shared by every face, so the full-screen app and plain mode say the
same thing. Escalation cards have their heading here too.
"""

from __future__ import annotations

from triage_tui.core.journey.due import Daily
from triage_tui.core.screening.wording import count

TITLE = "triage-tui · a safe start for the 90/90 hip stretch"
ABOUT = (
    "This app helps you start the 90/90 hip stretch safely when you have low back pain.",
    "1. You answer about 30 short questions: warning signs, past operations, and how you move.",
    "2. We tell you whether to get checked first, or which version of the stretch suits you.",
    "3. A timer then guides you through the stretch, one side at a time.",
)
DISCLAIMER = ("This is not medical advice. The app cannot examine you or rule anything out. "
              "If you think you have an emergency, call your local emergency number now.")
NO_MORE_TODAY = "No more sessions today: you can start again tomorrow."
"""Under a session that stopped for a sign that means rest (the cue's own advice says how)."""
CARD_HEADINGS = {
    "refer": "See a doctor or physio before your next session.",
    "assessment": "Get a proper assessment.",
    "gentler": "Gentler sessions for now.",
}


def where_you_stand(today: Daily) -> str:
    """One paragraph: what today's check is, or why there is no session today."""
    if today.screening is None:
        return "Start with the screening. It takes about 5 minutes."
    streak = f" You have stretched {count(today.streak, 'day')} in a row." if today.streak else ""
    if today.quick_check:
        return ("Welcome back. Your screening is saved: a quick check of the warning signs and "
                f"your pain today, then the session.{streak}")
    if today.refer is not None:
        return ("Sessions are paused until a doctor or physio has checked you. You can still "
                "do a full screening or look at your history.")
    if today.rest_today is not None:
        return today.rest_today  # no cheerful streak under "call your emergency number" or "rest"
    return f"A full screening is due. {today.why_full or ''}{streak}".rstrip()


def start_words(today: Daily) -> str:
    """What the main way in does today."""
    if today.rest_today is not None:
        return "No session today"
    if today.quick_check:
        return "Quick check and start"
    return "Start the screening"
