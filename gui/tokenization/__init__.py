"""The Tokenization tab: char vs word vs BPE on the same text, and a BPE trained on the corpus."""
