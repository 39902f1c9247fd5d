"""What comes next: the model's logits for a prompt (`prediction`), the sampling stages that reshape
them (`sampling`, with `settings`), generation strategies (`generation`) and reduced precision
(`precision`)."""
