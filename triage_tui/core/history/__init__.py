"""The private history: records on disk, atomic writes, escalation over past sessions, reports.
Owns what is saved and how it is read back; never decides what to do next.
"""
