"""``pugguide check-groups`` against a web server on 127.0.0.1 that this file starts.

The server answers 200, 301, 404, 410, 503, a redirect loop, a slow answer and a
redirect to a private address; a closed port stands for a refused connection. Without
``--allow-loopback`` every local address is refused before any request: the server's
log stays empty.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from pugguide.cli import main
from pugguide.liveness import command, netguard
from pugguide.liveness.command import run_async
from pugguide.liveness.fetch import MAX_REDIRECTS, USER_AGENT, Checker, Outcome

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "data" / "schema" / "group.schema.json"
TIMEOUT = 0.5


class Server:
    """What the fixture server was asked, and where it listens."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.requests: list[tuple[str, str, dict[str, str]]] = []  # method, path, headers
        self.stop = threading.Event()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    routes: dict[str, tuple[int, str | None]] = {
        "/ok": (200, None),
        "/moved": (301, "/ok"),
        "/missing": (404, None),
        "/gone": (410, None),
        "/down": (503, None),
        "/loop-a": (302, "/loop-b"),
        "/loop-b": (302, "/loop-a"),
        "/to-private": (302, "http://10.1.2.3/"),
        "/to-localhost": (302, f"http://localhost:{server.port}/ok"),
        "/chain": (302, "/chain/1"),
        **{f"/chain/{i}": (302, f"/chain/{i + 1}") for i in range(1, 10)},
        "/to-ftp": (302, "ftp://example.org/"),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests.append(("GET", self.path, dict(self.headers)))
            if self.path == "/slow":
                server.stop.wait(5 * TIMEOUT)  # beyond --timeout; cut short at teardown
                code, location = 200, None
            else:
                code, location = routes.get(self.path.split("?")[0], (404, None))
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            with contextlib.suppress(OSError):  # the client reads no body and may be gone
                self.wfile.write(b"hi")

        do_HEAD = do_GET

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    info = Server(httpd.server_address[1])
    httpd.RequestHandlerClass = _handler(info)
    httpd.daemon_threads = True
    httpd.block_on_close = False
    httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield info
    finally:
        info.stop.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def check(url: str, *, allow_loopback: bool = True, checker: Checker | None = None) -> Outcome:
    async def run() -> Outcome:
        c = checker or Checker(timeout=TIMEOUT, allow_loopback=allow_loopback)
        return await c.check(url)

    return run_async(run)  # the session's browser tests may hold an event loop


# -- one address ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "status", "code", "final"),
    [
        ("/ok", "ok", 200, "/ok"),
        ("/moved", "redirected", 200, "/ok"),
        ("/missing", "broken", 404, "/missing"),
        ("/gone", "broken", 410, "/gone"),
        ("/down", "error", 503, "/down"),
        ("/loop-a", "error", 302, "/loop-a"),
        ("/chain", "error", 302, f"/chain/{MAX_REDIRECTS}"),
        ("/to-ftp", "error", 302, "ftp://example.org/"),
        ("/slow", "unreachable", None, "/slow"),
    ],
)
def test_each_answer_has_its_status(
    server: Server, path: str, status: str, code: int | None, final: str
) -> None:
    outcome = check(server.url(path))
    assert (outcome.status, outcome.http_status) == (status, code), outcome
    assert outcome.final_url == (final if "://" in final else server.url(final))


def test_reasons_say_what_happened(server: Server, closed_port: int) -> None:
    assert check(server.url("/loop-a")).reason == "redirect loop"
    assert check(server.url("/chain")).reason == f"more than {MAX_REDIRECTS} redirects"
    assert "timed out" in check(server.url("/slow")).reason
    refused = check(f"http://127.0.0.1:{closed_port}/")
    assert (refused.status, refused.http_status) == ("unreachable", None)
    assert refused.reason.startswith("connection:")


def test_requests_carry_the_user_agent_and_the_host_name(server: Server) -> None:
    assert check(server.url("/ok", host="localhost")).status == "ok"
    [(method, path, headers)] = server.requests
    assert (method, path) == ("GET", "/ok")
    assert headers["User-Agent"] == USER_AGENT
    # sent to the checked IP, but the server sees the name the group file gives
    assert headers["Host"] == f"localhost:{server.port}"


def test_every_redirect_hop_is_checked(server: Server) -> None:
    outcome = check(server.url("/to-private"))
    assert outcome.status == "unreachable"
    assert outcome.final_url == "http://10.1.2.3/"
    assert "10.1.2.3 is a private address" in outcome.reason
    assert [p for _m, p, _h in server.requests] == ["/to-private"]
    # a hop to a name resolving to loopback is allowed only under --allow-loopback
    assert check(server.url("/to-localhost")).status == "redirected"


def test_the_whole_address_has_a_deadline(server: Server) -> None:
    checker = Checker(timeout=TIMEOUT, allow_loopback=True)
    checker.deadline = TIMEOUT / 5
    outcome = check(server.url("/slow"), checker=checker)
    assert outcome.status == "unreachable" and "no answer within" in outcome.reason


# -- refusals: no request is sent ----------------------------------------------------


@pytest.mark.parametrize(
    ("host", "why"),
    [
        ("127.0.0.1", "127.0.0.1 is a loopback address"),
        ("10.0.0.7", "10.0.0.7 is a private address"),
        ("169.254.169.254", "169.254.169.254 is a link-local address"),  # cloud metadata
        ("[::1]", "::1 is a loopback address"),
        ("[::ffff:127.0.0.1]", "::ffff:7f00:1 carries 127.0.0.1, a loopback address"),
        ("100.64.1.1", "100.64.1.1 is a shared (CGNAT) address"),
        ("localhost", "localhost resolves to"),
    ],
)
def test_local_addresses_are_refused_without_a_request(server: Server, host: str, why: str) -> None:
    checker = Checker(timeout=TIMEOUT)
    outcome = check(server.url("/ok", host=host), checker=checker)
    assert outcome.status == "unreachable"
    assert outcome.http_status is None
    assert outcome.reason.startswith("refused, no request sent: ")
    assert why in outcome.reason
    assert checker.requests_sent == 0
    assert server.requests == []


def test_a_name_is_refused_if_any_of_its_addresses_is(server: Server) -> None:
    async def mixed(host: str, port: int) -> list[str]:
        return ["93.184.215.14", "127.0.0.1"]

    checker = Checker(timeout=TIMEOUT, resolver=mixed)
    outcome = check(server.url("/ok", host="pug.example.org"), checker=checker)
    assert "pug.example.org resolves to 127.0.0.1 is a loopback address" in outcome.reason
    assert checker.requests_sent == 0 and server.requests == []


def test_allow_loopback_lifts_loopback_only(server: Server) -> None:
    assert check(server.url("/ok"), allow_loopback=True).status == "ok"
    outcome = check("http://10.0.0.7/", allow_loopback=True)
    assert "refused" in outcome.reason


def test_connects_to_the_address_it_checked(server: Server) -> None:
    # A resolver that answers differently the second time (DNS rebinding) is asked once.
    answers = [["127.0.0.1"], ["10.0.0.7"]]
    calls = []

    async def rebinding(host: str, port: int) -> list[str]:
        calls.append(host)
        return answers[len(calls) - 1]

    checker = Checker(timeout=TIMEOUT, allow_loopback=True, resolver=rebinding)
    assert check(server.url("/ok", host="pug.example.org"), checker=checker).status == "ok"
    assert calls == ["pug.example.org"]
    assert server.requests[0][2]["Host"] == f"pug.example.org:{server.port}"


def test_dns_failure_is_unreachable() -> None:
    async def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    outcome = check("https://no-such-group.example.org/", checker=Checker(resolver=nowhere))
    assert (outcome.status, outcome.http_status) == ("unreachable", None)
    assert outcome.reason.startswith("DNS: no-such-group.example.org")


# -- the command --------------------------------------------------------------------


def _repo(tmp_path: Path, urls: dict[str, str], links: dict[str, dict[str, str]]) -> Path:
    data = tmp_path / "data"
    (data / "schema").mkdir(parents=True)
    shutil.copy(SCHEMA, data / "schema")
    for slug, url in urls.items():
        path = data / "groups" / "de" / f"{slug}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = f"name: Py {slug}\ncity: Berlin\ncountry: DE\nurl: {url}\n"
        if slug in links:
            text += "links:\n" + "".join(f"  {k}: {v}\n" for k, v in links[slug].items())
        path.write_text(text + "last_verified: 2026-01-15\n", encoding="utf-8")
    return data


def run_command(argv: list[str]) -> int:
    return main(argv)  # the pugguide command itself


def test_check_groups_writes_the_report(
    server: Server,
    closed_port: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    dead = f"http://127.0.0.1:{closed_port}/"
    data = _repo(
        tmp_path,
        {
            "ok": server.url("/ok"),
            "moved": server.url("/moved"),
            "missing": server.url("/missing"),
            "gone": server.url("/gone"),
            "down": server.url("/down"),
            "loop": server.url("/loop-a"),
            "slow": server.url("/slow"),
            "closed": dead,
            "site-lapsed": server.url("/gone?site"),
            "only-social": server.url("/down?social"),
        },
        {
            "ok": {"twitter": server.url("/missing?tw")},
            "site-lapsed": {"twitter": server.url("/ok?tw"), "meetup": server.url("/moved?m")},
            "only-social": {"mastodon": server.url("/ok?m")},
        },
    )
    (data / "groups" / "de" / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    report = tmp_path / "out" / "report.json"
    code = run_command(
        [
            "--data-dir",
            str(data),
            "check-groups",
            "--report",
            str(report),
            "--timeout",
            str(TIMEOUT),
            "--concurrency",
            "4",
            "--allow-loopback",
        ]
    )
    assert code == command.EXIT_PROBLEMS
    out, err = capsys.readouterr()
    assert "groups/de/broken.yaml:2:1: error: invalid YAML" in err
    assert "Traceback" not in err
    result = json.loads(report.read_text(encoding="utf-8"))
    assert set(result) == {"checked", "groups"}
    assert result["checked"].endswith("+00:00")
    groups = result["groups"]

    def entry(slug: str) -> tuple[object, ...]:
        e = groups[f"data/groups/de/{slug}.yaml"]
        assert set(e) == {"status", "http_status", "final_url"}
        return e["status"], e["http_status"], e["final_url"]

    assert entry("ok") == ("ok", 200, server.url("/ok"))
    assert entry("moved") == ("redirected", 200, server.url("/ok"))
    assert entry("missing") == ("broken", 404, server.url("/missing"))
    assert entry("gone") == ("broken", 410, server.url("/gone"))
    assert entry("down") == ("error", 503, server.url("/down"))
    assert entry("loop") == ("error", 302, server.url("/loop-a"))
    assert entry("slow") == ("unreachable", None, server.url("/slow"))
    assert entry("closed") == ("unreachable", None, dead)
    # main url failed, meetup answers: the group lives; a social link never decides
    assert entry("site-lapsed") == ("redirected", 200, server.url("/ok"))
    assert entry("only-social") == ("error", 503, server.url("/down?social"))
    assert len(groups) == 10  # the broken file is reported, not checked
    # every failing address is printed, links included
    assert f"data/groups/de/ok.yaml: links.twitter: broken: {server.url('/missing?tw')}" in out
    assert "10 groups checked" in err


def test_check_groups_refuses_local_addresses_without_the_flag(
    server: Server, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _repo(
        tmp_path, {"ok": server.url("/ok"), "named": server.url("/ok", "pug.test.org")}, {}
    )

    async def to_loopback(host: str, port: int) -> list[str]:
        return ["127.0.0.1"]

    report = tmp_path / "report.json"
    mp = pytest.MonkeyPatch()
    with mp.context() as patch:
        patch.setattr(netguard, "system_resolver", to_loopback)
        code = run_command(["--data-dir", str(data), "check-groups", "--report", str(report)])
    assert code == command.EXIT_PROBLEMS
    groups = json.loads(report.read_text(encoding="utf-8"))["groups"]
    assert {g["status"] for g in groups.values()} == {"unreachable"}
    out, _err = capsys.readouterr()
    assert "refused, no request sent: 127.0.0.1 is a loopback address" in out
    assert "pug.test.org resolves to 127.0.0.1 is a loopback address" in out
    assert server.requests == []


def test_check_groups_takes_files_and_folders(server: Server, tmp_path: Path) -> None:
    data = _repo(tmp_path, {"ok": server.url("/ok"), "gone": server.url("/gone")}, {})
    report = tmp_path / "report.json"
    argv = ["--data-dir", str(data), "check-groups", "--allow-loopback", "--report", str(report)]
    assert run_command([*argv, str(data / "groups" / "de" / "ok.yaml")]) == command.EXIT_OK
    assert list(json.loads(report.read_text(encoding="utf-8"))["groups"]) == [
        "data/groups/de/ok.yaml"
    ]
    assert run_command([*argv, str(data / "groups")]) == command.EXIT_PROBLEMS
    assert len(json.loads(report.read_text(encoding="utf-8"))["groups"]) == 2
    assert run_command([*argv, str(tmp_path / "nope")]) == command.EXIT_USAGE


@pytest.mark.parametrize("option", ["--timeout=0", "--timeout=x", "--concurrency=0"])
def test_bad_options_are_usage_errors(tmp_path: Path, option: str) -> None:
    with pytest.raises(SystemExit) as exc:
        run_command(["check-groups", "--report", str(tmp_path / "r.json"), option])
    assert exc.value.code == 2


def test_the_package_is_pure() -> None:
    import subprocess

    code = (
        "import sys, pugguide.liveness.command, pugguide.liveness.confirm, "
        "pugguide.liveness.proposals, pugguide.liveness.links, pugguide.liveness.fetch\n"
        "print([m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils')])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "_ext")},
    )
    assert result.stdout.strip() == "[]"
