"""The models: our GPT (`gpt`), the bigram baseline (`bigram`), checkpoints in Hugging Face layout
(`checkpoint`), what kind of model a config describes (`kinds`), and loading any model folder or hub id
safely (`loading`, `load_errors`)."""
