"""The public judged queries against a live uvicorn server on the seed index."""

import re
import subprocess
import sys
import urllib.request

import pytest

from .conftest import ROOT

RELEVAL = ROOT.parent / "shared" / "eval" / "releval.py"


@pytest.fixture(scope="module")
def live_server(seed_index):
    from search_api.live_server import LiveServer

    live = LiveServer(seed_index).start()
    yield live.url
    live.stop()


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
