"""Reading corpora: inputs of every kind, decoded, every problem reported by file and line."""
