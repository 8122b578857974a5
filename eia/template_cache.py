"""Compiled templates kept on disk, so that a new process draws its first pages without
compiling them again.

Jinja compiles each template to Python the first time a process renders it: for the home page,
the task list and check your answers that cost each new gunicorn worker (or `flask` command)
about 250 ms of processor time on their first drawing, after every restart (`bench/pages.py`).
Kept in `instance/cache/templates`, the compiled code is made once and read by every process
after.

Jinja names each file by the template's name and checks the template's source and Jinja's and
Python's versions before using it, so an edited template or an upgrade compiles afresh. Only
this application's one environment uses the folder (its settings, such as `trim_blocks`, change
what is compiled and are not part of the check). The folder is the instance folder's, which
holds the SQLite database (and, in development, the secret key): whoever can write there
already controls the service.

The cache only saves time, so it never fails a page: a file that cannot be read is compiled
again, and one that cannot be written (a full or read-only disk) is not kept.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from jinja2.bccache import Bucket, FileSystemBytecodeCache

# What reading a damaged or half-copied file can raise: the check is unpickled, the code
# unmarshalled.
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, pickle.UnpicklingError)


class CompiledTemplates(FileSystemBytecodeCache):
    def __init__(self, folder: Path):
        super().__init__(str(folder))

    @property
    def folder(self) -> Path:
        return Path(self.directory)

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except _UNREADABLE:
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass
