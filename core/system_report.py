"""Versions of the libraries the app runs on, and the compute device, for Help > About."""

from __future__ import annotations

import platform
import sys
from importlib import metadata

LIBRARIES = ("PySide6-Essentials", "torch", "transformers", "tokenizers", "safetensors", "numpy", "matplotlib")


def library_versions() -> dict[str, str]:
    """Installed version of each library (without importing it), "not installed" otherwise."""
    versions = {"Python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def device_lines() -> list[str]:
    """One line per compute device: GPU names and memory when CUDA is present."""
    try:
        import torch
    except ImportError:
        return ["torch is not installed"]
    lines = []
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(index)
            lines.append(
                f"CUDA {index}: {props.name}, {props.total_memory / 2**30:.1f} GiB "
                f"(CUDA {torch.version.cuda})"
            )
    backend = getattr(torch.backends, "mps", None)
    if backend is not None and backend.is_available():
        lines.append("MPS: Apple GPU (Metal)")
    lines.append(f"CPU: {platform.processor() or platform.machine()}, {torch.get_num_threads()} threads")
    return lines


def platform_line() -> str:
    return f"{platform.system()} {platform.release()} ({platform.machine()}), Python at {sys.executable}"
