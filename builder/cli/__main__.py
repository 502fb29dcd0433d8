"""``python -m builder.cli``: the ``iqtibas`` command."""

from builder.cli.main import main

raise SystemExit(main())
