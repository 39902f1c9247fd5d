"""LM Anatomy's model logic: tokenizers, models, training, sampling and analysis.

Nothing in this package imports Qt or `gui`, so a notebook or the command line can use it
directly. Heavy libraries (torch, transformers) are imported inside the functions that need
them, so importing `core` is cheap.
"""
