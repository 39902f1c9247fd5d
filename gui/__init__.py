"""LM Anatomy's Qt front end. It draws widgets and calls `core`; no model math lives here."""
