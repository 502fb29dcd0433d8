"""The lexicon: word lists as checked data files, and the cue forms generated from them."""
