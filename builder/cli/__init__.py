"""The ``iqtibas`` command line."""
