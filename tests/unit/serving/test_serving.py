"""The server helper: started, answering, logged, and stopped with what it started."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from physioreflect.app._session import DEBOUNCE_SECONDS
from physioreflect.content import message
from physioreflect.serving import (
    ServerDidNotStart,
    ServerProcess,
    free_port,
    server_answers,
    voila_command,
)
from physioreflect.serving._in_voila import (
    LONGEST_WAIT_SECONDS,
    PAGE_KEYS,
    QUIET_SECONDS,
    page_resources,
)
from physioreflect.serving._process import _alive

# A web server that also starts a long-lived child in a session of its own, as Voila does
# with its kernels; it prints the child's pid first.
SERVER_WITH_CHILD = """
import http.server, subprocess, sys
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"],
                         start_new_session=True)
print("child", child.pid, flush=True)
http.server.test(http.server.SimpleHTTPRequestHandler, port=int(sys.argv[1]), bind="127.0.0.1")
"""


def test_does_the_server_answer_log_and_take_its_child_along(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "server.log"
    server = ServerProcess(
        [sys.executable, "-c", SERVER_WITH_CHILD, str(port)],
        url=f"http://127.0.0.1:{port}/",
        log=log,
        stop_timeout=10,
    )
    with server:
        assert server_answers(server.url)
        child = int(server.log_text().split()[1])
        assert _alive(child)
    assert not server.running()
    assert not _alive(child)
    assert not server_answers(server.url)


def test_is_a_server_that_exits_at_once_reported_with_its_output(tmp_path: Path) -> None:
    port = free_port()
    server = ServerProcess(
        [sys.executable, "-c", "print('no such notebook'); raise SystemExit(3)"],
        url=f"http://127.0.0.1:{port}/",
        log=tmp_path / "server.log",
    )
    with pytest.raises(ServerDidNotStart) as failure:
        server.start()
    assert failure.value.detail == "exit 3"
    assert "no such notebook" in failure.value.log


def test_does_voila_listen_only_where_asked_with_our_safe_settings() -> None:
    command = voila_command(Path("reflection.ipynb"), host="127.0.0.1", port=8866)
    assert "--Voila.ip=127.0.0.1" in command
    assert "--strip_sources=True" in command
    assert "--show_tracebacks=False" in command
    assert any(arg.startswith("--Voila.config_file_paths=") for arg in command)
    assert "--MappingKernelManager.cull_idle_timeout=1800" in command
    bare = voila_command(Path("bare.ipynb"), host="127.0.0.1", port=8866, ours=False)
    assert not any("config_file_paths" in arg or "template" in arg for arg in bare)


def test_is_a_kernel_left_running_longer_than_its_autosave_delay() -> None:
    """The last words typed before a tab closes are saved before its kernel goes."""
    assert QUIET_SECONDS > DEBOUNCE_SECONDS
    assert LONGEST_WAIT_SECONDS + 3 <= 10  # released within 10 s, shutdown itself included


def test_does_the_page_get_every_connection_text_in_both_languages() -> None:
    resources = page_resources("en")
    assert resources["default_lang"] == "en"
    texts = resources["texts"]
    assert isinstance(texts, dict)
    for lang in ("nb", "en"):
        assert texts[lang] == {key: message(key, lang) for key in PAGE_KEYS}
        assert all(text and text not in PAGE_KEYS for text in texts[lang].values())


def test_does_the_class_overview_say_that_it_is_the_one_starting() -> None:
    texts = page_resources("nb", "cohort")["texts"]
    assert isinstance(texts, dict)
    for lang in ("nb", "en"):
        for key in ("start.waiting", "start.slow", "start.failed"):
            assert texts[lang][key] == message(f"{key}.cohort", lang)
            assert texts[lang][key] != message(key, lang)
        assert texts[lang]["connection.lost"] == message("connection.lost", lang)
