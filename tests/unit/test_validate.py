"""`steady validate`: OK lines, every problem located, kinds picked from `kind:`."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core import validate as validate_module
from app.core.problems import FileProblems
from app.core.validate import known_kinds, register_kind, validate_paths

GOOD = "name: Mine\nphases:\n  - inhale: 4\n  - exhale: 6\ncycles: 5\n"


def test_good_file_gives_an_ok_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    ok, problems = validate_paths([str(path)])
    assert ok == [f"{path}: ok (exercise 'Mine')"] and problems == []


def test_path_is_shown_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("bad.yaml").write_text("name: x\nphases: [{inhale: 4}, {exhale: 6}]\nminutes: 4:00\n")
    ok, problems = validate_paths(["bad.yaml"])
    assert ok == []
    assert [str(p).split(": ")[0] for p in problems] == ["bad.yaml:3:10"]


def test_every_problem_of_every_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("name: x\nname: y\nphases: [{inhale: 4}, {exhale: 99}]\ncycles: 3\n")
    (tmp_path / "b.yaml").write_text(GOOD)
    ok, problems = validate_paths([str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")])
    assert [(p.line, p.column) for p in problems] == [(2, 1), (3, 32)]
    assert len(ok) == 1 and ok[0].startswith(str(tmp_path / "b.yaml"))


def test_missing_file_folder_entry_and_unreadable(tmp_path: Path) -> None:
    ok, problems = validate_paths([str(tmp_path / "missing.yaml")])
    assert ok == [] and (problems[0].line, problems[0].column) == (1, 1)
    assert "no such file" in problems[0].message


def test_folder_checks_every_yaml_file_inside(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text(GOOD)
    (tmp_path / "two.yaml").write_text("name: [\n")
    (tmp_path / "skip.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.yaml").write_text("junk")
    ok, problems = validate_paths([str(tmp_path)])
    assert ok == [f"{tmp_path / 'one.yaml'}: ok (exercise 'Mine')"]
    assert [p.path for p in problems] == [str(tmp_path / "two.yaml")]


def test_empty_folder(tmp_path: Path) -> None:
    ok, problems = validate_paths([str(tmp_path)])
    assert ok == [f"{tmp_path}: no .yaml files to check"] and problems == []


def test_unknown_kind_points_at_the_value_and_lists_kinds(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("version: 1\nkind: exercize\n")
    ok, (problem,) = validate_paths([str(path)])
    assert (problem.line, problem.column) == (2, 7)
    assert "did you mean 'exercise'" in problem.message and "exercise" in problem.message


def test_non_text_kind(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("kind: [1]\n")
    ok, (problem,) = validate_paths([str(path)])
    assert (problem.line, problem.column) == (1, 7) and "known kinds" in problem.message


def test_yml_suffix_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "mine.yml"
    path.write_text(GOOD)
    ok, (problem,) = validate_paths([str(path)])
    assert (problem.line, problem.column) == (1, 1) and "mine.yaml" in problem.message


def test_hostile_files_are_answered(tmp_path: Path) -> None:
    files = {
        "big.yaml": b"a: " + b"x" * 20_000_000,
        "deep.yaml": b"[" * 100_000,
        "utf.yaml": b"name: ok\nx: \xc0\n",
        "empty.yaml": b"",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    ok, problems = validate_paths([str(tmp_path)])
    assert ok == []
    located = {Path(p.path).name: (p.line, p.column) for p in problems}
    assert located == {"big.yaml": (1, 1), "deep.yaml": (1, 33), "utf.yaml": (2, 4), "empty.yaml": (1, 1)}


def test_registered_kind_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(validate_module, "_KINDS", dict(validate_module._KINDS))

    def check_anchors(doc, display_path, path):
        if not doc.value.get("statements"):
            raise FileProblems([doc.problem(("statements",), "no statements")])
        return f"anchors ({len(doc.value['statements'])} statements)"

    register_kind("test-notes", check_anchors)
    assert "test-notes" in known_kinds() and "exercise" in known_kinds()
    assert known_kinds() == sorted(known_kinds())
    good = tmp_path / "a.yaml"
    good.write_text("kind: test-notes\nstatements: [a, b]\n")
    bad = tmp_path / "b.yaml"
    bad.write_text("kind: test-notes\nstatements: []\n")
    ok, problems = validate_paths([str(good), str(bad)])
    assert ok == [f"{good}: ok (anchors (2 statements))"]
    assert [(p.line, p.column, p.message) for p in problems] == [(2, 13, "no statements")]
