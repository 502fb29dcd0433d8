"""iqtibas annotation: the Label Studio side (config, guidelines, push, pull, local server)."""
