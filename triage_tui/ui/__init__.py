"""The Textual app. Everything under here may import textual; the core never imports this."""
