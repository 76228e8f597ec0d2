"""``python -m search_api`` in a subprocess, for the tests and the benchmarks that need a real server.

It lives here, beside the server it starts, rather than in ``tests/`` or ``bench/``: both
import it, ``bench`` is an installed package that must not depend on the tests, and the
tests should not depend on the benchmarks.

::

    with LiveServer(index, api_key="k") as server:
        httpx.get(server.url + "/api/v1/health")
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def listening(pid: int, port: int) -> bool:
    """Whether process ``pid`` itself holds the listening socket on ``port`` (not another server)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as f:
                next(f)
                for line in f:
                    fields = line.split()
                    if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "0A":
                        inodes.add(fields[9])
        except FileNotFoundError:
            continue
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            return True
    return False


class LiveServer:
    """``python -m search_api`` in a subprocess on 127.0.0.1, a free port, its output in a log file.

    ``workers`` server processes; ``root`` is the source tree the server runs from (another
    checkout, to compare versions: ``bench.versus``).  ``VNSEARCH_*`` variables of the caller
    are not passed on: the server sees only ``api_key`` and ``env``."""

    def __init__(
        self,
        index: Path,
        api_key: str | None = None,
        env: dict[str, str] | None = None,
        port: int | None = None,
        workers: int = 1,
        root: Path = ROOT,
    ) -> None:
        self.index = Path(index)
        self.workers, self.root = workers, Path(root)
        self.api_key = api_key
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.extra_env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self._log = tempfile.NamedTemporaryFile(prefix="vnsearch-server-", suffix=".log", delete=False)
        self.log_path = Path(self._log.name)

    def start(self, timeout: float = 90.0) -> LiveServer:
        env = {k: v for k, v in os.environ.items() if not k.startswith("VNSEARCH_")}
        env.update(self.extra_env)
        env["PYTHONUNBUFFERED"] = "1"
        if self.api_key:
            env["VNSEARCH_API_KEY"] = self.api_key
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "search_api",
                "--index",
                str(self.index),
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            cwd=self.root,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                log = self.log()
                self._remove_log()
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n{log}")
            if listening(self.proc.pid, self.port):
                try:
                    if httpx.get(f"{self.url}/api/v1/health", timeout=2).status_code == 200:
                        return self
                except httpx.TransportError:
                    pass
            time.sleep(0.1)
        log = self.log()
        self.stop()
        raise RuntimeError(f"server not ready after {timeout} s:\n{log}")

    @property
    def pid(self) -> int:
        assert self.proc is not None
        return self.proc.pid

    def kill9(self) -> None:
        """``kill -9``: no shutdown handler runs."""
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self._remove_log()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._remove_log()

    def _remove_log(self) -> None:
        self._log.close()
        self.log_path.unlink(missing_ok=True)

    def log(self) -> str:
        try:
            return self.log_path.read_text("utf-8", errors="replace")
        except FileNotFoundError:
            return ""

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
