"""The Training tab: a GPT trained in the background with a live loss plot, samples and checkpoints."""
