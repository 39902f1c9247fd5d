"""Attention weights of a loaded model (`maps`) and how one weight is computed, step by step (`recipe`)."""
