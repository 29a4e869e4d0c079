"""Nothing a run starts outlives it, whatever ends it: a kill -9 of the command, the OOM killer,
a cancelled CI job, a timeout.

Two mechanisms, because neither suffices alone:

- `die_with_parent`: the kernel kills a process when the one that started it ends
  (Linux's PR_SET_PDEATHSIG). It holds for the pool's workers and each file's child, even
  when the child is busy in C code (zlib, PDFium) and could not run a Python handler.
- `sentinel`: a small process beside each file's child, in a process group of its own. It
  waits for the child's end (a pidfd: the kernel wakes it however the child ended), then
  kills the child's whole group (Ghostscript, Tesseract, which the death signal does not
  reach: it applies to the child alone) and removes the child's temporary folder.
"""

from __future__ import annotations

import ctypes
import os
import select
import shutil
import signal
from pathlib import Path

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when `parent` (the process that forked it) ends;
    end now if it already has. Elsewhere than on Linux, the sentinel alone cleans up."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


def sentinel(child: int, folder: Path) -> int | None:
    """Start the process that cleans up after `child` (a group leader) once it ends, however it
    ends; its pid, for the caller to reap. None where pidfds do not exist (not Linux >= 5.3):
    the caller's own cleanup is then the only one."""
    try:
        pidfd = os.pidfd_open(child)
    except (AttributeError, OSError):
        return None
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the forked process; the kill tests check what it does)
        try:
            watch(pidfd, child, folder)
        finally:
            os._exit(0)
    os.close(pidfd)
    return pid


def watch(pidfd: int, child: int, folder: Path) -> None:
    """The sentinel's work: out of the groups that get killed, wait, kill what is left, remove."""
    os.setpgid(0, 0)
    for number in (
        signal.SIGINT,
        signal.SIGTERM,
    ):  # a Ctrl-C or a stop of the run must not skip the cleanup
        signal.signal(number, signal.SIG_IGN)
    os.closerange(3, pidfd)  # no copy of anyone's pipe: the parent must see the child's end
    os.closerange(pidfd + 1, os.sysconf("SC_OPEN_MAX"))
    select.select([pidfd], [], [])
    clean(child, folder)


def clean(group: int, folder: Path) -> None:
    """Kill what is left of a child's process group, and remove its temporary folder."""
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):  # nothing left of it
        pass
    shutil.rmtree(folder, ignore_errors=True)
