"""What every tab shares: the session (current model and corpus), settings, translations, locale-aware
numbers, core messages in the user's language, background workers, the tab header, the Export menu
and the plot canvas. It imports no tab and no shell module."""
