"""Screening: which questions are asked, the answers as the rules see them, and the decision.
Owns `decide` (pure: rule set + answers -> decision) and how a decision is put in words.
"""
