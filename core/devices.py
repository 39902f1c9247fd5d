"""Which torch device to compute on: CUDA > MPS > CPU, unless the user says otherwise."""

from __future__ import annotations

from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP, Message, MessageError

DEVICE_CHOICES = ("auto", "cuda", "mps", "cpu")


class DeviceUnavailableError(MessageError, RuntimeError):
    """The requested device does not exist on this machine."""


def cuda_available() -> bool:
    """True when torch can see a CUDA GPU."""
    import torch

    return torch.cuda.is_available()


def mps_available() -> bool:
    """True when torch can use Apple's Metal (MPS) backend."""
    import torch

    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def available_devices() -> list[str]:
    """Devices present on this machine, best first, e.g. `["cuda", "cpu"]`."""
    found = []
    if cuda_available():
        found.append("cuda")
    if mps_available():
        found.append("mps")
    found.append("cpu")
    return found


def select_device(preference: str | None = None) -> str:
    """Resolve a preference ("auto", "cuda", "mps", "cpu" or None) to a usable device string.

    "auto"/None picks CUDA, then MPS, then CPU. An explicit choice that is not present raises
    `DeviceUnavailableError` with a message for the user rather than silently falling back.
    """
    choice = (preference or "auto").lower()
    if choice.startswith("cuda:"):
        base = "cuda"
    else:
        base = choice
    if base not in DEVICE_CHOICES:
        raise DeviceUnavailableError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "Unknown device {device}; choose one of {choices}."),
            {"device": repr(preference), "choices": ", ".join(DEVICE_CHOICES)}))
    present = available_devices()
    if base == "auto":
        return present[0]
    if base not in present:
        raise DeviceUnavailableError(Message(
            QT_TRANSLATE_NOOP("CoreMessages", "{device} was requested but is not available on this machine "
                                              "(available: {available})."),
            {"device": base.upper(), "available": ", ".join(present)}))
    return choice


@dataclass(frozen=True)
class DeviceInfo:
    """A human description of one device: `name` like "NVIDIA H100", memory in bytes if known."""

    device: str
    name: str
    total_memory_bytes: int | None = None
    cpu_cores: int | None = None  # for "cpu": the name then says "N cores" in English

    def label(self) -> str:
        """Short English text, e.g. "CUDA: NVIDIA H100 (79.1 GiB)" or "CPU (8 cores)"."""
        return str(self.label_message())

    def label_message(self) -> Message:
        """`label()` as a translatable `Message`; `memory_gib` is pre-formatted ("79.1")."""
        if self.total_memory_bytes:
            return Message(QT_TRANSLATE_NOOP("CoreMessages", "{device}: {name} ({memory_gib} GiB)"),
                           {"device": self.device.upper(), "name": self.name,
                            "memory_gib": f"{self.total_memory_bytes / 2**30:.1f}"})
        if self.device == "cpu":
            if self.cpu_cores:
                return Message(QT_TRANSLATE_NOOP("CoreMessages", "CPU ({cores} cores)"), {"cores": self.cpu_cores})
            return Message("CPU ({name})", {"name": self.name}) if self.name and self.name != "CPU" \
                else Message("CPU")
        return Message("{device}: {name}", {"device": self.device.upper(), "name": self.name})


def describe_device(device: str) -> DeviceInfo:
    """Name and memory of `device` ("cuda", "cuda:1", "mps" or "cpu")."""
    import torch

    if device.startswith("cuda") and torch.cuda.is_available():
        index = torch.device(device).index or 0
        props = torch.cuda.get_device_properties(index)
        return DeviceInfo(device, props.name, int(props.total_memory))
    if device == "mps":
        return DeviceInfo("mps", "Apple GPU (Metal)")
    import os

    cores = os.cpu_count() or 1
    return DeviceInfo("cpu", f"{cores} cores", cpu_cores=cores)
