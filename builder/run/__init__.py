"""Running the extraction: candidate files, several processes, datatrove pipelines."""
