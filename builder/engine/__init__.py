"""The extraction engine: from one document to its candidate attributions (see ``extract``)."""
