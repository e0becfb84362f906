"""The GitHub side of contributing: workflows, issue forms and the scripts they call.

Nothing here can run on GitHub from a test, so the tests check what can go wrong
without noticing: YAML that does not parse, a `run:` line calling a nox session,
a `pugguide` subcommand or a script that does not exist, and the scripts' own logic.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from pugguide.cli import build_parser
from pugguide.yamlload import load_file

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")

#: Commands from outside the repository a workflow may call.
KNOWN_TOOLS = {
    "[[",
    "sudo",
    "apt-get",
    "java",
    "awk",
    "mkdir",
    "cp",
    "bash",
    "cat",
    "echo",
    "git",
    "gh",
    "test",
    "[",
    "printf",
    "true",
    "exit",
    "python",
    "python3",
    "pip",
}
SHELL_WORDS = {"if", "then", "else", "elif", "fi", "do", "done", "for", "while", "!", "{", "}"}


def nox_sessions() -> set[str]:
    """Functions decorated with ``@nox.session`` in noxfile.py (or their ``name=``)."""
    tree = ast.parse((ROOT / "noxfile.py").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for dec in node.decorator_list:
            call = dec if isinstance(dec, ast.Call) else None
            target = call.func if call else dec
            if ast.unparse(target) in ("nox.session", "session"):
                name = node.name
                for kw in call.keywords if call else []:
                    if kw.arg == "name" and isinstance(kw.value, ast.Constant):
                        name = kw.value.value
                names.add(name)
    return names


def pugguide_commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return set(sub.choices)  # type: ignore[attr-defined]


def commands(script: str) -> list[list[str]]:
    """Each simple command in a `run:` script, as words (expressions become EXPR)."""
    script = re.sub(r"\$\{\{.*?\}\}", "EXPR", script).replace("\\\n", " ")
    lexer = shlex.shlex(script.replace("\n", " ; "), posix=True, punctuation_chars=True)
    lexer.commenters = "#"
    lexer.wordchars += "$-./=:@%+,[]?*~^{}!"
    out: list[list[str]] = []
    words: list[str] = []
    tokens = iter(lexer)
    for token in tokens:
        if token in (";", "&&", "||", "|", "&", ";;", "(", ")"):
            out.append(words)
            words = []
        elif token in (">", ">>", "<", ">&"):
            next(tokens, None)  # the redirection's target is no argument
        elif not words and token == "[[":  # a bash test: its words are no commands
            for inner in tokens:
                if inner == "]]":
                    break
            out.append(["[["])
        elif not words and re.match(r"^\w+=$", token):  # name=(...) or name= value
            following = next(tokens, None)
            if following == "(":
                for inner in tokens:
                    if inner == ")":
                        break
        elif not words and (token in SHELL_WORDS or re.match(r"^\w+=", token)):
            continue
        else:
            words.append(token)
    out.append(words)
    return [w for w in out if w]


def workflow(path: Path) -> dict[str, Any]:
    return load_file(path).data  # type: ignore[no-any-return]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_is_well_formed(path: Path) -> None:
    data = workflow(path)
    assert {"name", "on", "jobs", "permissions"} <= set(data), "name, on, jobs, permissions"
    for job_id, job in data["jobs"].items():
        assert "runs-on" in job, job_id
        assert job.get("timeout-minutes"), f"{job_id}: set timeout-minutes"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{job_id}: {step}"
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w./-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"])


def unknown_commands(data: dict[str, Any]) -> tuple[int, list[str]]:
    """(commands seen, what is wrong with them) for a parsed workflow."""
    sessions, subcommands = nox_sessions(), pugguide_commands()
    seen, wrong = 0, []
    for job in data["jobs"].values():
        for step in job["steps"]:
            for words in commands(step.get("run", "")):
                seen += 1
                tool, args = words[0], words[1:]
                if tool == "nox":
                    named = [
                        args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-s", "--session")
                    ]
                    if not named:
                        wrong.append(f"`{' '.join(words)}` names no session")
                    wrong += [f"no nox session {n!r}" for n in named if n not in sessions]
                elif tool == "pugguide":
                    if not args or args[0] not in subcommands:
                        wrong.append(f"no `pugguide {' '.join(args[:1])}` subcommand")
                        continue
                    try:  # and the options parse
                        build_parser().parse_args([a for a in args if a != "EXPR"])
                    except SystemExit:
                        wrong.append(f"`{' '.join(words)}`: options do not parse")
                elif tool in ("bash", "python", "python3") and args and args[0] != "-m":
                    if not (ROOT / args[0]).is_file():
                        wrong.append(f"no script {args[0]}")
                elif tool in ("python", "python3") and args[:1] == ["-m"]:
                    if args[1] not in ("pip", "pugguide", "sphinx"):
                        wrong.append(f"python -m {args[1]}")
                elif tool not in KNOWN_TOOLS:
                    wrong.append(f"unknown command {tool!r}")
    return seen, wrong


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_calls_only_what_exists(path: Path) -> None:
    seen, wrong = unknown_commands(workflow(path))
    assert seen
    assert not wrong, f"{path.name}: {wrong}"


def test_the_command_check_catches_what_does_not_exist() -> None:
    steps = [
        {"run": "nox -s no-such-session"},
        {"run": "pugguide no-such-command"},
        {"run": "pugguide validate --no-such-option"},
        {"run": "bash .github/scripts/no-such-script.sh"},
        {"run": "if true; then\n  frobnicate --all\nfi"},
        {"run": 'nox -s docs && echo "a; b | c" >> "$GITHUB_STEP_SUMMARY"'},
    ]
    seen, wrong = unknown_commands({"jobs": {"j": {"steps": steps}}})
    assert seen == 8  # nox, pugguide x2, bash, true, frobnicate, nox, echo
    assert wrong == [
        "no nox session 'no-such-session'",
        "no `pugguide no-such-command` subcommand",
        "`pugguide validate --no-such-option`: options do not parse",
        "no script .github/scripts/no-such-script.sh",
        "unknown command 'frobnicate'",
    ]


def test_parsing_run_commands() -> None:
    script = 'if [ "${{ steps.x.outcome }}" = "success" ]; then\n  bash a.sh x "y z" clear\nfi\n'
    assert commands(script) == [
        ["[", "EXPR", "=", "success", "]"],
        ["bash", "a.sh", "x", "y z", "clear"],
    ]
    assert commands("nox -s docs -- _build/html  # comment") == [
        ["nox", "-s", "docs", "--", "_build/html"]
    ]


def test_ci_runs_every_check_a_pull_request_needs() -> None:
    ci = workflow(GITHUB / "workflows" / "ci.yml")
    assert "pull_request" in ci["on"]
    runs = [s.get("run", "") for job in ci["jobs"].values() for s in job["steps"]]
    uses = [s.get("uses", "") for job in ci["jobs"].values() for s in job["steps"]]
    assert any("pugguide validate --format github" in r for r in runs)
    assert any(re.search(r"nox -s docs\b", r) for r in runs)
    assert any("bash .ci/run" in r for r in runs)  # the test suite, quality gates included
    assert any(re.search(r"nox -s lint\b", r) for r in runs)
    assert any(u.startswith("actions/upload-artifact@") for u in uses)


@pytest.mark.parametrize("path", FORMS, ids=[p.name for p in FORMS])
def test_issue_form_is_well_formed(path: Path) -> None:
    form = load_file(path).data
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if "id" in item]
    assert len(ids) == len(set(ids))
    types = {"markdown", "textarea", "input", "dropdown", "checkboxes"}
    for item in form["body"]:
        assert item["type"] in types
        if item["type"] != "markdown":
            assert item["attributes"]["label"], item
            assert "id" in item, item
        if item["type"] == "dropdown":
            assert item["attributes"]["options"]


def test_issue_forms_cover_the_three_requests() -> None:
    names = {p.stem for p in FORMS}
    assert {"add-group", "group-inactive", "suggest-tip"} <= names
    config = load_file(GITHUB / "ISSUE_TEMPLATE" / "config.yml").data
    assert "contact_links" in config


def test_codeowners_covers_data() -> None:
    lines = (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert any(r[0] in ("/data/", "/data/**") and len(r) > 1 for r in rules)
    assert all(all(o.startswith("@") or "@" in o for o in r[1:]) for r in rules)


def test_pull_request_template_has_a_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^- \[ \] ", text, re.M)) >= 3


# -- the scripts the scheduled workflows call ---------------------------------------------


@pytest.fixture
def fake_gh(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A `gh` that logs its arguments and answers `issue list` from $FAKE_OPEN_ISSUE."""
    log = tmp_path / "gh.log"
    gh = tmp_path / "bin" / "gh"
    gh.parent.mkdir()
    gh.write_text(
        "#!/bin/sh\n"
        f'echo "$*" >> "{log}"\n'
        'if [ "$1 $2" = "issue list" ]; then echo "$FAKE_OPEN_ISSUE"; fi\n',
        encoding="utf-8",
    )
    gh.chmod(0o755)
    env = {**os.environ, "PATH": f"{gh.parent}{os.pathsep}{os.environ['PATH']}"}
    return env, log


def _upsert(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(GITHUB / "scripts" / "upsert_issue.sh"), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.parametrize(
    ("open_issue", "state", "expected"),
    [
        ("", "found", "issue create --title Broken links --label broken links --body-file"),
        ("12", "found", "issue edit 12 --title Broken links --body-file"),
        ("12", "clear", "issue close 12"),
        ("", "clear", None),
    ],
)
def test_upsert_issue_keeps_one_issue(
    fake_gh: tuple[dict[str, str], Path],
    tmp_path: Path,
    open_issue: str,
    state: str,
    expected: str | None,
) -> None:
    env, log = fake_gh
    report = tmp_path / "report.md"
    report.write_text("| link | problem |\n", encoding="utf-8")
    result = _upsert(
        {**env, "FAKE_OPEN_ISSUE": open_issue}, "broken links", "Broken links", str(report), state
    )
    assert result.returncode == 0, result.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    changes = [c for c in calls if c.startswith(("issue create", "issue edit", "issue close"))]
    if expected is None:
        assert changes == []
    else:
        assert len(changes) == 1 and changes[0].startswith(expected), calls


def test_upsert_issue_refuses_a_missing_report(fake_gh: tuple[dict[str, str], Path]) -> None:
    env, _log = fake_gh
    result = _upsert({**env, "FAKE_OPEN_ISSUE": ""}, "x", "X", "/nonexistent.md", "found")
    assert result.returncode == 1
    assert "missing" in result.stderr


def _report_module() -> Any:
    import importlib.util

    path = GITHUB / "scripts" / "linkcheck_report.py"
    spec = importlib.util.spec_from_file_location("linkcheck_report", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_linkcheck_report_names_the_group_file_and_line(tmp_path: Path) -> None:
    module = _report_module()
    group = tmp_path / "data" / "groups" / "de" / "py-x.yaml"
    group.parent.mkdir(parents=True)
    group.write_text(
        "name: Py X\ncity: X\ncountry: DE\nurl: https://py-x.example.org/\n"
        "links:\n  meetup: https://meetup.example.org/py-x\n",
        encoding="utf-8",
    )
    module.ROOT = tmp_path
    rows = [
        {
            "filename": "directory/de.md",
            "lineno": 3,
            "status": "broken",
            "code": 404,
            "uri": "https://meetup.example.org/py-x",
            "info": "404 Client Error: Not Found",
        },
        {
            "filename": "how-to/a.md",
            "lineno": 9,
            "status": "broken",
            "code": 0,
            "uri": "https://gone.example.org",
            "info": "Max retries exceeded",
        },
        {
            "filename": "how-to/a.md",
            "lineno": 12,
            "status": "working",
            "code": 0,
            "uri": "https://ok.example.org",
            "info": "",
        },
    ]
    text = module.report(rows, module.group_sources(tmp_path / "data"))
    assert "**2 broken links** out of 3" in text
    assert "`data/groups/de/py-x.yaml:6 (links.meetup)`" in text  # the file to edit
    assert "`how-to/a.md:9`" in text  # not from a group: the page
    assert "ok.example.org" not in text


def test_linkcheck_report_command(tmp_path: Path) -> None:
    script = GITHUB / "scripts" / "linkcheck_report.py"
    output = tmp_path / "output.json"
    rows = [
        {"filename": "a.md", "lineno": 1, "status": "working", "uri": "https://a.example"},
        {"filename": "a.md", "lineno": 2, "status": "timeout", "uri": "https://b.example"},
    ]
    output.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report_md = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, str(script), str(output), str(report_md)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert report_md.read_text(encoding="utf-8") == result.stdout
    assert "https://b.example" in result.stdout
    output.write_text(json.dumps(rows[0]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(output)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "fine" in result.stdout


def test_read_the_docs_builds_like_nox_docs() -> None:
    """Pull request previews on Read the Docs must be as strict as the CI build."""
    config = load_file(ROOT / ".readthedocs.yaml").data
    commands_ = config["build"]["jobs"]["build"]["html"]
    words = shlex.split(commands_[0])
    assert words[:3] == ["python", "-m", "sphinx"]
    assert {"-W", "-n", "--keep-going"} <= set(words)
    assert words[words.index("-c") + 1] == "." and "docs" in words
    assert config["sphinx"]["configuration"] == "conf.py"
