"""The version of jixiao (one place: the package, the command line and every
JSON output read it here)."""

__all__ = ["__version__"]

__version__ = "0.1.0"
