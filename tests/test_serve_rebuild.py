"""`mkdocs serve` picks up a changed notice without a restart (issue 10).

A real `mkdocs serve` (a child process, the repository's config and plugins) serves a small
project; the test reads a notice page over HTTP, appends a sentence to that notice's file under
content/notices (outside docs_dir: the plugin's ``on_serve`` watches it), and waits until the
served page carries the new sentence — the same server, no restart.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from sitebuild import SEEDS, make_project
from thongbao.pipeline import notice_url_path

NOTICE = SEEDS[0]
ADDED = "Câu này được thêm khi máy chủ xem trước đang chạy."
WAIT_S = 240  # a first build of the seed project, then a rebuild, on a shared 2-core machine


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str | None, deadline: float) -> str | None:
    """The page at ``url`` once it is served (and holds ``text``, when given), or None."""
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and (text is None or text in page):
            return page
        time.sleep(1)
    return None


def test_serve_rebuilds_a_changed_notice(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project", notices=[NOTICE])
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/van-ban/{notice_url_path(Path(NOTICE))}/"
        deadline = time.monotonic() + WAIT_S
        before = _wait_for(url, None, deadline)
        assert before is not None, (tmp_path / "serve.log").read_text("utf-8")[-2000:]
        assert ADDED not in before
        source = root / "content" / "notices" / NOTICE
        source.write_text(source.read_text("utf-8") + f"\n\n{ADDED}\n", "utf-8")
        after = _wait_for(url, ADDED, time.monotonic() + WAIT_S)
        assert server.poll() is None, "the server stopped"
        assert after is not None, (tmp_path / "serve.log").read_text("utf-8")[-2000:]
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
