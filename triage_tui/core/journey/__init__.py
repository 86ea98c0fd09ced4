"""Daily use as one pure state machine: which check is due, questions, result, setup, session,
pain stop, pain after, history. Every face drives it; nothing clinical is decided outside it.
"""
