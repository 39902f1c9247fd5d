"""The models: our GPT (`gpt`), the bigram baseline (`bigram`), checkpoints in Hugging Face layout
(`checkpoint`), and loading any model folder or hub id safely (`loading`, `load_errors`)."""
