"""Training a GPT (or a masked LM) from scratch: typed settings (`config`), the token data and its
batches (`data`), what a run needs before its first step (`setup`), the loop itself (`loop`), the
events it yields (`events`), errors in words (`errors`), resuming a run (`resume`) and the command
line (`cli`; `python -m core.training` runs it)."""
