"""The Attention tab: heatmaps per head, per layer or for the whole model, and how one weight is made."""
