"""Training on several processes with DistributedDataParallel, started by torchrun:

    torchrun --standalone --nproc_per_node=4 -m core.training --corpus book.txt --grad-accum 4 --out runs/book

torchrun sets RANK, LOCAL_RANK and WORLD_SIZE for each process. Every rank builds the same model,
draws its own batches (its seed plus its rank), and DDP averages the gradients in backward. As in
nanoGPT, `gradient_accumulation_steps` is the total over all ranks, divided between them, so the
tokens per optimizer step stay the same; only rank 0 evaluates, logs and writes checkpoints.
NCCL joins the GPUs on CUDA (one per process), gloo the CPU processes elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from core.messages import QT_TRANSLATE_NOOP, Message
from core.training.config import TrainingConfigError


@dataclass(frozen=True)
class Ranks:
    """Where this process stands among the training processes (a single process: rank 0 of 1)."""

    rank: int = 0
    local_rank: int = 0
    world_size: int = 1

    @property
    def enabled(self) -> bool:
        return self.world_size > 1

    @property
    def is_main(self) -> bool:
        """Rank 0: the process that evaluates, logs and saves."""
        return self.rank == 0


def ranks_from_environment() -> Ranks:
    """The ranks torchrun gave this process, or a single process when it was not started by torchrun."""
    try:
        return Ranks(int(os.environ.get("RANK", 0)), int(os.environ.get("LOCAL_RANK", 0)),
                     int(os.environ.get("WORLD_SIZE", 1)))
    except ValueError:
        return Ranks()


def current_ranks() -> Ranks:
    """The ranks of the running process group, or a single process when none was started."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        return Ranks(dist.get_rank(), int(os.environ.get("LOCAL_RANK", 0)), dist.get_world_size())
    return Ranks()


def start_process_group(ranks: Ranks) -> str:
    """Join the other processes; returns this process's device ("cuda:<local rank>" or "cpu")."""
    import torch
    import torch.distributed as dist

    use_cuda = torch.cuda.is_available() and torch.cuda.device_count() > ranks.local_rank
    if use_cuda:
        torch.cuda.set_device(ranks.local_rank)
    if not dist.is_initialized():
        dist.init_process_group(backend="nccl" if use_cuda else "gloo", rank=ranks.rank,
                                world_size=ranks.world_size)
    return f"cuda:{ranks.local_rank}" if use_cuda else "cpu"


def stop_process_group() -> None:
    """Leave the process group (at the end of the run)."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.destroy_process_group()


def barrier() -> None:
    """Wait for every process (no-op for a single process)."""
    import torch.distributed as dist

    if dist.is_available() and dist.is_initialized():
        dist.barrier()


def micro_steps_per_rank(gradient_accumulation_steps: int, ranks: Ranks) -> int:
    """This rank's share of the gradient accumulation steps. Raises TrainingConfigError when the total
    does not divide evenly between the processes (nanoGPT's rule)."""
    if gradient_accumulation_steps % ranks.world_size:
        raise TrainingConfigError(Message(QT_TRANSLATE_NOOP(
            "CoreMessages", "gradient_accumulation_steps ({steps}) must be a multiple of the number of processes "
                            "({processes}): each process does an equal share."),
            {"steps": gradient_accumulation_steps, "processes": ranks.world_size}))
    return gradient_accumulation_steps // ranks.world_size
