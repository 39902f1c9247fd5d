"""How text becomes token ids: character, word and byte-level BPE tokenizers, the BPE merge replay,
the pair counts behind it, tokenization statistics and the labels every view gives a token.

Modules: `base` (Token, BaseTokenizer, checks), `tokenizers` (char, word, tokenizer.json files,
pretrained tokenizers), `bpe` (training a byte-level BPE), `merge_replay` (replaying it merge by
merge), `pair_counts`, `statistics`, `token_labels`.
"""
