"""actip-cli: check a country against the ASEAN Convention Against Trafficking in Persons."""

__version__ = "0.1.0"
