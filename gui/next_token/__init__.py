"""The Next-token tab: exact next-token probabilities under sampling settings, steps and generation."""
