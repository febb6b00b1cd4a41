"""JSON Schemas (draft 2020-12) of jixiao's inputs and outputs; read them with :mod:`jixiao.schemas`."""
