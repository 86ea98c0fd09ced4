"""Sound for every face: spoken cues through the system's speech command, and bell patterns."""
