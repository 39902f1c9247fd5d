"""Device choice: CUDA > MPS > CPU, overridable, never a silent fallback."""

from __future__ import annotations

import pytest

import core.devices as devices


def _fake(monkeypatch, cuda: bool, mps: bool) -> None:
    monkeypatch.setattr(devices, "cuda_available", lambda: cuda)
    monkeypatch.setattr(devices, "mps_available", lambda: mps)


@pytest.mark.parametrize(
    ("cuda", "mps", "expected"),
    [(True, True, "cuda"), (False, True, "mps"), (False, False, "cpu"), (True, False, "cuda")],
)
def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch, cuda, mps, expected):
    _fake(monkeypatch, cuda, mps)
    assert devices.select_device(None) == expected
    assert devices.select_device("auto") == expected


def test_explicit_choice_overrides_auto(monkeypatch):
    _fake(monkeypatch, True, False)
    assert devices.select_device("cpu") == "cpu"
    assert devices.select_device("cuda:0") == "cuda:0"
    assert devices.available_devices() == ["cuda", "cpu"]


def test_missing_or_unknown_device_raises(monkeypatch):
    _fake(monkeypatch, False, False)
    with pytest.raises(devices.DeviceUnavailableError, match="MPS was requested"):
        devices.select_device("mps")
    with pytest.raises(devices.DeviceUnavailableError, match="Unknown device"):
        devices.select_device("tpu")


def test_device_labels():
    assert devices.DeviceInfo("cuda", "NVIDIA H100", 80 * 2**30).label() == "CUDA: NVIDIA H100 (80.0 GiB)"
    assert devices.describe_device("cpu").label().startswith("CPU")
