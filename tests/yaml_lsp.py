"""A small stdio LSP client for the real yaml-language-server, as a staff editor runs it.

The server is the npm package pinned in package.json (node_modules/yaml-language-server).
It is started with a locale, told which schema belongs to which file through its
``yaml.schemas`` setting, and then asked what an editor asks: the diagnostics of an
opened file, hover text, completion.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

SERVER = Path(__file__).resolve().parent.parent / "node_modules" / "yaml-language-server" / "bin"
SERVER_BIN = SERVER / "yaml-language-server"
TIMEOUT = 30.0  # seconds for any one answer; the server answers in well under a second


class LspError(RuntimeError):
    """The server did not answer in time, exited, or answered with an error."""


def node() -> str | None:
    return shutil.which("node")


class YamlLanguageServer:
    """One server process; use as a context manager so it is always stopped."""

    def __init__(self, root: Path, schemas: dict[str, list[str]], locale: str = "zh-cn") -> None:
        self.root = root
        self.schemas = schemas
        self.locale = locale
        self._next_id = 0
        self._answers: dict[int, queue.Queue[dict]] = {}
        self._lock = threading.Lock()
        self.diagnostics: dict[str, list[dict]] = {}
        self._diagnostics_seen = threading.Condition()
        self._stderr: list[str] = []
        # what VS Code's settings.json holds; the server asks for it section by section
        self._settings: dict[str, Any] = {
            "yaml": {
                "schemas": schemas,
                "validate": True,
                "hover": True,
                "completion": True,
                "schemaStore": {"enable": False},
            },
            "http": {},
            "[yaml]": {},
            "editor": {},
        }

    def __enter__(self) -> YamlLanguageServer:
        self._process = subprocess.Popen(
            [node() or "node", str(SERVER_BIN), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": self.root.as_uri(),
                "locale": self.locale,
                "capabilities": {
                    "textDocument": {
                        "hover": {"contentFormat": ["markdown", "plaintext"]},
                        "completion": {
                            "completionItem": {
                                "snippetSupport": True,
                                "documentationFormat": ["markdown", "plaintext"],
                            }
                        },
                        "publishDiagnostics": {},
                    },
                    "workspace": {"configuration": True},
                },
                "workspaceFolders": [{"uri": self.root.as_uri(), "name": "data"}],
            },
        )
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self._settings})
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self._process.wait(timeout=5)
        except (LspError, subprocess.TimeoutExpired, OSError):
            pass
        finally:
            if self._process.poll() is None:
                self._process.kill()
                self._process.wait(timeout=5)

    # -- the wire ---------------------------------------------------------------------

    def _send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        stdin = self._process.stdin
        assert stdin is not None
        with self._lock:
            stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            stdin.flush()

    def _read(self) -> None:
        stdout: IO[bytes] | None = self._process.stdout
        assert stdout is not None
        while True:
            length = None
            while True:
                line = stdout.readline()
                if not line:
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.lower() == b"content-length":
                    length = int(value)
            if length is None:
                continue
            self._dispatch(json.loads(stdout.read(length)))

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._stderr.append(line.decode("utf-8", "replace"))

    def _dispatch(self, message: dict) -> None:
        if "id" in message and "method" not in message:
            self._answers.setdefault(message["id"], queue.Queue()).put(message)
        elif "id" in message:  # a request from the server: configuration, registrations
            method = message["method"]
            result: Any = None
            if method == "workspace/configuration":  # the server pulls its settings
                result = [
                    self._settings.get(item.get("section")) for item in message["params"]["items"]
                ]
            self._send({"id": message["id"], "result": result})
        elif message.get("method") == "textDocument/publishDiagnostics":
            with self._diagnostics_seen:
                params = message["params"]
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self._diagnostics_seen.notify_all()

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        self._next_id += 1
        ident = self._next_id
        answers = self._answers.setdefault(ident, queue.Queue())
        self._send({"id": ident, "method": method, "params": params})
        try:
            answer = answers.get(timeout=timeout)
        except queue.Empty:
            raise LspError(
                f"yaml-language-server gave no answer to {method} in {timeout} s; "
                f"stderr: {''.join(self._stderr)[-2000:]}"
            ) from None
        if "error" in answer:
            raise LspError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    # -- what an editor does ----------------------------------------------------------

    def open(self, path: Path, text: str | None = None) -> str:
        """Open a file as the editor does; return its uri."""
        uri = path.as_uri()
        with self._diagnostics_seen:
            self.diagnostics.pop(uri, None)
        self.notify(
            "textDocument/didOpen",
            {
                "textDocument": {
                    "uri": uri,
                    "languageId": "yaml",
                    "version": 1,
                    "text": path.read_text("utf-8") if text is None else text,
                }
            },
        )
        return uri

    def diagnostics_of(self, uri: str, settle: float = 1.0) -> list[dict]:
        """The diagnostics the server publishes for an open file, once they settle.

        The server may publish more than once (first before the schema is loaded);
        the last list published with no newer one for ``settle`` seconds counts.
        """
        deadline = time.monotonic() + TIMEOUT
        with self._diagnostics_seen:
            while uri not in self.diagnostics:
                left = deadline - time.monotonic()
                if left <= 0 or self._process.poll() is not None:
                    raise LspError(
                        f"no diagnostics for {uri} in {TIMEOUT} s; "
                        f"stderr: {''.join(self._stderr)[-2000:]}"
                    )
                self._diagnostics_seen.wait(left)
            while True:
                before = self.diagnostics[uri]
                self._diagnostics_seen.wait(settle)
                if self.diagnostics[uri] is before or time.monotonic() > deadline:
                    return self.diagnostics[uri]

    def hover(self, uri: str, line: int, character: int) -> str:
        result = self.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if not result:
            return ""
        contents = result["contents"]
        if isinstance(contents, dict):
            return contents.get("value", "")
        if isinstance(contents, list):
            return "\n".join(c if isinstance(c, str) else c.get("value", "") for c in contents)
        return str(contents)

    def complete(self, uri: str, line: int, character: int) -> list[dict]:
        result = self.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}},
        )
        if result is None:
            return []
        return result["items"] if isinstance(result, dict) else result
