"""`make run` in a terminal with a fresh home folder reaches "You can now view your
Streamlit app": no first-run prompt (Streamlit asks for an e-mail address when it has a
terminal and no credentials file) blocks it."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from browser_support import free_port

REPO = Path(__file__).resolve().parent.parent
READY = b"You can now view your Streamlit app"


def run_in_terminal(home: Path, timeout: float = 90) -> bytes:
    """Output of ``streamlit run dashboard/app.py`` under a pseudo-terminal, until it says
    it is ready (or ``timeout``); the server is stopped afterwards."""
    leader, follower = pty.openpty()
    env = {**os.environ, "HOME": str(home), "DASHBOARD_CORPUS": "seeds"}
    env.pop("STREAMLIT_SERVER_HEADLESS", None)
    command = [
        str(Path(sys.executable).with_name("streamlit")),
        "run",
        "dashboard/app.py",
        "--server.port",
        str(free_port()),
        "--server.fileWatcherType",
        "none",
    ]
    proc = subprocess.Popen(
        command, cwd=REPO, env=env, stdin=follower, stdout=follower, stderr=follower
    )
    os.close(follower)
    output = b""
    try:
        deadline = time.monotonic() + timeout
        while READY not in output and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 1)
            if ready:
                try:
                    output += os.read(leader, 4096)
                except OSError:  # the terminal closed: the process ended
                    break
            if proc.poll() is not None:
                break
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.close(leader)
    return output


def test_a_first_run_in_a_terminal_starts_without_any_prompt(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    output = run_in_terminal(home)
    assert READY in output, output.decode("utf-8", "replace")
    assert b"Email" not in output
    assert not (home / ".streamlit" / "credentials.toml").exists()
