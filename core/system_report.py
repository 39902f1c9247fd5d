"""Versions of the libraries the app runs on, and the compute device, for Help > About.

Lines a user reads are `core.messages.Message`s (English as `str()`, translated by the GUI).
"""

from __future__ import annotations

import platform
import sys
from importlib import metadata

from core.messages import QT_TRANSLATE_NOOP, Message

LIBRARIES = ("PySide6-Essentials", "torch", "transformers", "tokenizers", "safetensors", "numpy", "matplotlib")
NOT_INSTALLED = Message(QT_TRANSLATE_NOOP("CoreMessages", "not installed"))


def library_versions() -> dict[str, str | Message]:
    """Installed version of each library (without importing it), `NOT_INSTALLED` otherwise."""
    versions: dict[str, str | Message] = {"Python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = NOT_INSTALLED
    return versions


def device_lines() -> list[Message]:
    """One line per compute device: GPU names and memory when CUDA is present."""
    try:
        import torch
    except ImportError:
        return [Message(QT_TRANSLATE_NOOP("CoreMessages", "torch is not installed"))]
    lines = []
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            lines.append(Message(
                QT_TRANSLATE_NOOP("CoreMessages", "CUDA {index}: {name}, {memory_gib} GiB (CUDA {version})"),
                {"index": index, "name": props.name, "memory_gib": f"{props.total_memory / 2**30:.1f}",
                 "version": torch.version.cuda}))
    backend = getattr(torch.backends, "mps", None)
    if backend is not None and backend.is_available():
        lines.append(Message(QT_TRANSLATE_NOOP("CoreMessages", "MPS: Apple GPU (Metal)")))
    lines.append(Message(QT_TRANSLATE_NOOP("CoreMessages", "CPU: {processor}, {threads} threads"),
                         {"processor": platform.processor() or platform.machine(),
                          "threads": torch.get_num_threads()}))
    return lines


def platform_line() -> Message:
    """The operating system and the Python interpreter the app runs on."""
    return Message(QT_TRANSLATE_NOOP("CoreMessages", "{system} {release} ({machine}), Python at {python}"),
                   {"system": platform.system(), "release": platform.release(), "machine": platform.machine(),
                    "python": sys.executable})
