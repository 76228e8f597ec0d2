"""The public judged queries against a live uvicorn server on the seed index."""
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import ROOT

RELEVAL = ROOT.parent / "shared" / "eval" / "releval.py"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(seed_index):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "search_api", "--index", str(seed_index), "--port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/api/v1/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("server did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.skipif(not RELEVAL.exists(), reason="shared/eval is not beside the project")
def test_releval_on_live_server(live_server):
    out = subprocess.run([sys.executable, str(RELEVAL), live_server], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    score = float(re.search(r"mean_ndcg10=([\d.]+)", out.stdout).group(1))
    print(out.stdout)
    assert score >= 0.95, out.stdout


def test_page_is_served(live_server):
    with urllib.request.urlopen(live_server + "/") as r:
        assert r.status == 200 and "text/html" in r.headers["content-type"]
