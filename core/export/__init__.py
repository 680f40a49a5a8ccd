"""Graduate to the real tools: a network as NumPy, PyTorch or ONNX, and ONNX back.

* :func:`numpy_source`: a standalone file needing only NumPy, ``predict(x) -> y``
  and a CSV mode when run as a script;
* :func:`torch_source`: an ``nn.Module`` whose forward mirrors the network node by
  node, with ``load()`` returning it trained;
* :func:`onnx_model` / :func:`export_onnx`: input ``x`` [N, inputs], output ``y``,
  opset :data:`OPSET` (needs the optional ``onnx`` package);
* :func:`import_onnx`: an ONNX feed-forward model back as a spec and its parameters.

:func:`export_network` writes any of the three to a file. Every export is the
output after the output activation (softmax for softmax cross-entropy, the
sigmoid for binary cross-entropy). ``docs/export.md`` tells how to use them.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ..files.write import _write_atomically
from ..spec import NetworkSpec
from .numpy_code import numpy_source
from .onnx_export import HINT_KEY, IR_VERSION, OPSET, onnx_model, require_onnx
from .onnx_import import MAX_ONNX_BYTES, UnsupportedModel, import_onnx
from .plan import ExportError
from .torch_code import torch_source

FORMATS = ("numpy", "pytorch", "onnx")

__all__ = ["FORMATS", "HINT_KEY", "IR_VERSION", "MAX_ONNX_BYTES", "OPSET", "ExportError", "UnsupportedModel",
           "export_network", "export_onnx", "import_onnx", "numpy_source", "onnx_model", "require_onnx",
           "torch_source"]


def export_network(spec: NetworkSpec, params: Mapping[str, np.ndarray], fmt: str, path: str | os.PathLike,
                   title: str = "", **options: Any) -> None:
    """Write the network in format ``fmt`` (one of :data:`FORMATS`) to ``path``.

    ``title`` names the network in the file (e.g. the ``.ffn`` file's name);
    ``options`` go to the ONNX writer (``dtype``). The file is written whole
    or not at all (a temporary file beside it, then renamed), as a network
    file is. Raises :class:`ExportError`, or ``OSError`` when it cannot write.
    """
    if fmt == "onnx":
        blob = onnx_model(spec, params, title=title, **options).SerializeToString()
    elif fmt in FORMATS:
        text = numpy_source(spec, params, title) if fmt == "numpy" else torch_source(spec, params, title)
        blob = text.encode("utf-8")
    else:
        raise ExportError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    _write_atomically(Path(path), blob)   # the network files' own: temporary file, fsync, rename


def export_onnx(spec: NetworkSpec, params: Mapping[str, np.ndarray], path: str | os.PathLike,
                dtype: Any = np.float32, title: str = "") -> None:
    """Write the network's ONNX model (float32, or ``dtype``) to ``path``."""
    export_network(spec, params, "onnx", path, title, dtype=dtype)
