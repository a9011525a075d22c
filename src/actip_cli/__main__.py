"""`python -m actip_cli`."""

from actip_cli.cli import main

main()
