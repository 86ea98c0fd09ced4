"""Plain mode: the journey as plain lines, for screen readers, pipes and terminals that can't draw.

A face of `core.journey` like the full-screen app; it imports neither textual nor rich.
"""
