"""The Hugging Face dataset built from verified attributions: rows, splits, card."""
