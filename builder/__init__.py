"""iqtibas builder: reading corpora, Arabic text handling, rules, extraction, evaluation."""

__version__ = "0.1.0"
