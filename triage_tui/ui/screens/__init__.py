"""One module per screen; each returns its result through `dismiss`."""
