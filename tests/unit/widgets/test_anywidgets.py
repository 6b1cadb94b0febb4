"""Do the browser-side widgets (download, upload, address bar) speak their message protocol,
guard the app's callbacks, sanitise file names and stay offline? No browser: the kernel side
is driven through the same entry point the comm uses, ``_handle_custom_msg``."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
import traitlets

from physioreflect.widgets.download import DownloadButton, _sanitise_filename, safe_filename
from physioreflect.widgets.upload import MAX_SAFE_BYTES, JsonUpload
from physioreflect.widgets.url_state import UrlState

Sent = list[tuple[dict[str, Any], list[bytes]]]


def _capture(widget: Any, monkeypatch: pytest.MonkeyPatch) -> Sent:
    sent: Sent = []

    def fake_send(content: dict[str, Any], buffers: list[bytes] | None = None) -> None:
        sent.append((content, list(buffers or [])))

    monkeypatch.setattr(widget, "send", fake_send)
    return sent


# --- DownloadButton ----------------------------------------------------------------------


def test_request_sends_produced_bytes_with_sanitised_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[int] = []
    payload = b'{"title": "Kne \xc3\xa6\xc3\xb8\xc3\xa5"}'

    def produce() -> bytes:
        calls.append(1)
        return payload

    button = DownloadButton(label="Last ned", filename="../Kasus: kne/hofte.JSON", produce=produce)
    sent = _capture(button, monkeypatch)
    assert calls == []  # nothing is produced (or kept in state) before a click
    assert payload not in repr(button.get_state()).encode()

    button._handle_custom_msg({"type": "request", "request_id": "abc"}, [])

    assert calls == [1]
    assert sent == [
        (
            {
                "type": "file",
                "filename": "kasus-kne-hofte.json",
                "mime": "application/json",
                "request_id": "abc",
            },
            [payload],
        )
    ]


def test_request_without_id_still_gets_a_file(monkeypatch: pytest.MonkeyPatch) -> None:
    button = DownloadButton(
        label="CSV", filename="plan.csv", mime="text/csv", produce=lambda: b"a;b\n"
    )
    sent = _capture(button, monkeypatch)
    button._handle_custom_msg({"type": "request"}, [])
    assert sent == [({"type": "file", "filename": "plan.csv", "mime": "text/csv"}, [b"a;b\n"])]


def test_produce_raising_sends_error_and_calls_on_error(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    errors: list[Exception] = []
    boom = RuntimeError("disk on fire")

    def produce() -> bytes:
        raise boom

    button = DownloadButton(
        label="Last ned", filename="x.json", produce=produce, on_error=errors.append
    )
    sent = _capture(button, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="physioreflect.widgets"):
        button._handle_custom_msg({"type": "request", "request_id": "r1"}, [])

    assert sent == [({"type": "error", "request_id": "r1"}, [])]
    assert errors == [boom]
    assert any(r.name == "physioreflect.widgets" and r.exc_info for r in caplog.records)


def test_produce_returning_text_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[Exception] = []
    button = DownloadButton(
        label="x",
        filename="x.json",
        produce=lambda: "not bytes",  # type: ignore[arg-type,return-value]
        on_error=errors.append,
    )
    sent = _capture(button, monkeypatch)
    button._handle_custom_msg({"type": "request"}, [])
    assert sent == [({"type": "error"}, [])]
    assert len(errors) == 1
    assert isinstance(errors[0], TypeError)


def test_failing_on_error_is_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def produce() -> bytes:
        raise ValueError("bad")

    def on_error(error: Exception) -> None:
        raise KeyError("worse")

    button = DownloadButton(label="x", filename="x.json", produce=produce, on_error=on_error)
    sent = _capture(button, monkeypatch)
    with caplog.at_level(logging.ERROR, logger="physioreflect.widgets"):
        button._handle_custom_msg({"type": "request"}, [])
    assert sent == [({"type": "error"}, [])]
    assert len([r for r in caplog.records if r.exc_info]) == 2


def test_disabled_button_produces_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def produce() -> bytes:
        calls.append(1)
        return b"{}"

    button = DownloadButton(label="x", filename="x.json", produce=produce, disabled=True)
    sent = _capture(button, monkeypatch)
    button._handle_custom_msg({"type": "request", "request_id": "q"}, [])
    assert calls == []
    assert sent == [({"type": "error", "request_id": "q"}, [])]


@pytest.mark.parametrize(
    "content",
    [{"type": "file"}, {"kind": "anywidget-command"}, "request", None, {"type": "request!"}],
)
def test_other_messages_are_ignored(monkeypatch: pytest.MonkeyPatch, content: object) -> None:
    button = DownloadButton(label="x", filename="x.json", produce=lambda: b"")
    sent = _capture(button, monkeypatch)
    button._handle_custom_msg(content, [])
    assert sent == []


def test_unsafe_mime_and_overlong_request_id_are_not_echoed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    button = DownloadButton(
        label="x", filename="x.bin", mime='text/html"><script>', produce=lambda: b"1"
    )
    sent = _capture(button, monkeypatch)
    button._handle_custom_msg({"type": "request", "request_id": "r" * 500}, [])
    assert sent == [
        ({"type": "file", "filename": "x.bin", "mime": "application/octet-stream"}, [b"1"])
    ]


def test_download_traits_and_classes() -> None:
    button = DownloadButton(label="Last ned", filename="a.json", produce=lambda: b"")
    state = button.get_state()
    assert state["label"] == "Last ned"
    assert state["css_class"] == "pr-download"
    assert state["disabled"] is False
    assert button.mime == "application/json"
    with pytest.raises(TypeError):
        DownloadButton("Last ned", "a.json", lambda: b"")  # type: ignore[call-arg]


# --- safe_filename -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "extension", "expected"),
    [
        ("Kasus kneartrose", "json", "kasus-kneartrose.json"),
        ("Kasus: Kneartrose", ".json", "kasus-kneartrose.json"),
        ("../../etc/passwd", "json", "etc-passwd.json"),
        ("Kasus: kne/hofte «test»", "json", "kasus-kne-hofte-test.json"),
        ("Ærlig øvelse på Åsen", "json", "ærlig-øvelse-på-åsen.json"),
        ("a\x00b\nc\x1fd\u202ee", "json", "a-b-c-d-e.json"),
        ("C:\\Users\\kari\\plan", "csv", "c-users-kari-plan.csv"),
        ("", "json", "physioreflect.json"),
        ("   ", "json", "physioreflect.json"),
        ("«»/\\:*?", ".json", "physioreflect.json"),
        ("con", "json", "con_.json"),
        ("plan", "", "plan"),
        ("plan", "../JSON", "plan.json"),
        ("plan", "tar.gz", "plan.tar.gz"),
        ("a" + "\u0301", "json", "á.json"),  # decomposed input is composed, not split
    ],
)
def test_safe_filename(title: str, extension: str, expected: str) -> None:
    assert safe_filename(title, extension) == expected


def test_safe_filename_limits_length_and_keeps_extension() -> None:
    name = safe_filename("å" * 500 + " slutt", "json")
    stem, _, extension = name.rpartition(".")
    assert extension == "json"
    assert 0 < len(stem.encode("utf-8")) <= 120
    assert set(stem) == {"å"}
    long_ascii = safe_filename("kne " * 200, "json")
    assert len(long_ascii.encode("utf-8")) <= 125
    assert not long_ascii.startswith("-") and "-.json" not in long_ascii


def test_safe_filename_is_idempotent_and_never_unsafe() -> None:
    for title in ["../../etc/passwd", "Kasus: kne/hofte «test»", "", "\x00" * 10, "x" * 1000]:
        name = safe_filename(title, "json")
        assert name
        assert _sanitise_filename(name) == name
        assert not re.search(r"[/\\\x00-\x1f\x7f:*?\"<>|]", name)
        assert not name.startswith(".")


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("kasus-kneartrose.json", "kasus-kneartrose.json"),
        ("../../etc/passwd", "etc-passwd"),
        ("/tmp/../x.json", "tmp-x.json"),
        ("Plan 2024.CSV", "plan-2024.csv"),
        ("", "physioreflect"),
        (".json", "json"),
    ],
)
def test_button_filename_is_sanitised(filename: str, expected: str) -> None:
    assert _sanitise_filename(filename) == expected


# --- JsonUpload --------------------------------------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.files: list[tuple[str, bytes]] = []
        self.too_large: list[tuple[str, int]] = []
        self.errors: list[Exception] = []

    def upload(self, **kwargs: Any) -> JsonUpload:
        return JsonUpload(
            label="Åpne fil",
            on_file=lambda name, data: self.files.append((name, data)),
            on_too_large=lambda name, size: self.too_large.append((name, size)),
            on_error=self.errors.append,
            **kwargs,
        )


def test_file_message_delivers_exact_bytes() -> None:
    rec = _Recorder()
    upload = rec.upload()
    data = b'{"tittel": "kne \xc3\xa6\xc3\xb8\xc3\xa5"}\x00\xff'
    upload._handle_custom_msg(
        {"type": "file", "name": "kasus.json", "size": len(data)}, [memoryview(data)]
    )
    assert rec.files == [("kasus.json", data)]
    assert type(rec.files[0][1]) is bytes
    assert rec.too_large == [] and rec.errors == []


def test_too_large_message_reports_name_and_size() -> None:
    rec = _Recorder()
    upload = rec.upload()
    upload._handle_custom_msg({"type": "too_large", "name": "stor.json", "size": 20_000_000}, [])
    assert rec.too_large == [("stor.json", 20_000_000)]
    assert rec.files == []


def test_oversized_buffer_that_slipped_through_is_too_large() -> None:
    rec = _Recorder()
    upload = rec.upload(max_bytes=10)
    upload._handle_custom_msg(
        {"type": "file", "name": "a.json", "size": 3}, [memoryview(b"x" * 11)]
    )
    assert rec.too_large == [("a.json", 11)]
    assert rec.files == []
    upload._handle_custom_msg({"type": "file", "name": "b.json", "size": 10}, [b"y" * 10])
    assert rec.files == [("b.json", b"y" * 10)]


def test_file_without_buffer_is_an_error_not_a_file() -> None:
    rec = _Recorder()
    upload = rec.upload()
    upload._handle_custom_msg({"type": "file", "name": "a.json", "size": 3}, [])
    assert rec.files == [] and rec.too_large == []
    assert len(rec.errors) == 1


def test_read_error_is_reported() -> None:
    rec = _Recorder()
    upload = rec.upload()
    upload._handle_custom_msg({"type": "read_error", "name": "a.json"}, [])
    assert len(rec.errors) == 1
    assert isinstance(rec.errors[0], OSError)


def test_failing_callback_is_logged_and_passed_to_on_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    errors: list[Exception] = []
    boom = ValueError("not a workbook")

    def on_file(name: str, data: bytes) -> None:
        raise boom

    upload = JsonUpload(
        label="x", on_file=on_file, on_too_large=lambda n, s: None, on_error=errors.append
    )
    with caplog.at_level(logging.ERROR, logger="physioreflect.widgets"):
        upload._handle_custom_msg({"type": "file", "name": "a.json", "size": 2}, [b"{}"])
    assert errors == [boom]
    assert any(r.name == "physioreflect.widgets" and r.exc_info for r in caplog.records)


def test_failing_callback_without_on_error_does_not_raise() -> None:
    def on_too_large(name: str, size: int) -> None:
        raise RuntimeError("ui gone")

    upload = JsonUpload(label="x", on_file=lambda n, d: None, on_too_large=on_too_large)
    upload._handle_custom_msg({"type": "too_large", "name": "a.json", "size": 1}, [])


def test_reported_names_are_cleaned() -> None:
    rec = _Recorder()
    upload = rec.upload()
    upload._handle_custom_msg(
        {"type": "too_large", "name": "C:\\fake\\path\\ond\x00\u202e.json", "size": "lots"}, []
    )
    assert rec.too_large == [("ond.json", 0)]


def test_max_bytes_default_and_limits() -> None:
    rec = _Recorder()
    assert rec.upload().max_bytes == 8 * 1024 * 1024
    assert rec.upload().get_state()["max_bytes"] == 8 * 1024 * 1024
    assert rec.upload().css_class == "pr-upload"
    with pytest.raises(traitlets.TraitError):
        rec.upload(max_bytes=MAX_SAFE_BYTES + 1)
    with pytest.raises(traitlets.TraitError):
        rec.upload(max_bytes=0)


# --- UrlState ----------------------------------------------------------------------------


def test_url_state_set_builds_query_in_given_order() -> None:
    state = UrlState()
    assert state.query == ""
    query = state.set(workbook="abc-123", step="barrierer", lang="nb")
    assert query == "workbook=abc-123&step=barrierer&lang=nb"
    assert state.query == query
    assert state.get_state()["query"] == query


def test_url_state_set_drops_none_and_encodes() -> None:
    state = UrlState()
    assert state.set(b=None, a="kne & hofte/æøå", c="#x") == (
        "a=kne+%26+hofte%2F%C3%A6%C3%B8%C3%A5&c=%23x"
    )
    assert state.set(a=None) == ""
    assert state.query == ""
    assert state.set(self="x") == "self=x"


# --- JavaScript: offline and safe --------------------------------------------------------

_WIDGETS = [DownloadButton, JsonUpload, UrlState]


@pytest.mark.parametrize("cls", _WIDGETS, ids=lambda c: c.__name__)
def test_esm_is_offline(cls: type) -> None:
    esm: str = cls._esm  # type: ignore[attr-defined]
    css: str = cls._css  # type: ignore[attr-defined]
    for source in (esm, css):
        assert "http://" not in source
        assert "https://" not in source
        assert "//cdn" not in source
        assert not re.search(r"""\bimport\b[^;]*\bfrom\s*["'](?:https?:|//)""", source)
        assert not re.search(r"""\bimport\s*\(""", source)
        assert "@import" not in source
    assert "export default" in esm
    assert "innerHTML" not in esm
    assert "eval(" not in esm


def test_esm_details() -> None:
    download: str = DownloadButton._esm
    assert "textContent" in download and 'type = "button"' in download
    assert "aria-busy" in download and "revokeObjectURL" in download
    assert 'model.on("msg:custom"' in download and 'model.off("msg:custom"' in download
    upload: str = JsonUpload._esm
    assert 'input.value = ""' in upload
    assert ".json,application/json" in upload
    assert upload.index("file.size > maxBytes") < upload.index("arrayBuffer()")
    url: str = UrlState._esm
    assert "history.replaceState" in url
    assert "location.assign" not in url and "location.href =" not in url
    assert "pushState" not in url and "reload" not in url


def test_leaving_the_page_asks_for_an_immediate_save() -> None:
    calls: list[str] = []
    url = UrlState(on_leave=lambda: calls.append("saved"))
    url._handle_custom_msg({"type": "leaving"}, [])
    url._handle_custom_msg({"type": "something else"}, [])
    assert calls == ["saved"]
