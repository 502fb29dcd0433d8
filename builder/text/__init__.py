"""Arabic text: normalisation for matching with a map back, and quotation marks."""
