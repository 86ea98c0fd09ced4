"""The timed session: the plan built from a decision, the exercise steps, and the engine.
Owns timing (deadline based, on an injected clock) and the cues every face presents.
"""
