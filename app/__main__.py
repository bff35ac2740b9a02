"""`python -m app`: the same command line as `steady`."""

from app.cli import main

raise SystemExit(main())
