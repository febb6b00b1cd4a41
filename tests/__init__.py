"""jixiao test suite."""
