"""What comes next: the model's logits for a prompt (`prediction`), the sampling stages that reshape
them (`sampling`, with `settings`), generation strategies (`generation`, with `beam_search`,
`group_beam_search`, `contrastive`, `repetition`, `speculative`), what each layer would predict
(`logit_lens`), numbers about a generated text (`generation_stats`), reduced precision (`precision`), and
what a model with a task head outputs instead: label probabilities, token labels, answer spans (`task_heads`)."""
