"""Lessons headless: the shipped course checks, the lecture's numbers come from the engine,
and a broken lesson fails with one clear line naming file, line and directive."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.lessons import (MAX_BYTES, LessonError, check_lesson, check_parsed, parse_lesson, read_lesson,
                          shipped_lessons)
from core.lessons.engine import canonical

COURSE = {p.name[:2]: p for p in shipped_lessons()}

HEAD = "# A test | 测试\n\n## One | 一\n\n"


def _check(tmp_path: Path, body: str, name: str = "t.md"):
    path = tmp_path / name
    path.write_text(HEAD + body, encoding="utf-8")
    return check_lesson(path)


@pytest.mark.parametrize("path", shipped_lessons(), ids=lambda p: p.name)
def test_every_shipped_lesson_checks(path: Path) -> None:
    report = check_lesson(path)
    assert report.ok, "\n".join(map(str, report.problems))
    lesson = report.lesson
    assert lesson is not None and lesson.title.en and lesson.title.zh
    for step in lesson.steps:  # both languages everywhere
        assert step.title.en and step.title.zh and step.body.en and step.body.zh, step.title
        if step.check is not None:
            assert step.check.question.en and step.check.question.zh


def test_the_course_follows_the_lecture() -> None:
    assert {"01", "02", "03", "04", "05", "06", "07", "08", "09"} <= set(COURSE)


def test_lesson_8_takes_each_optimisers_first_step() -> None:
    """SGD and momentum step by εg, AdaGrad and Adam by ε whatever g, RMSProp by ε/√(1 − ρ) at first."""
    values = list(check_lesson(COURSE["08"]).values.values())
    assert values == pytest.approx([0.71, 0.71, 0.7, 0.8 - 0.1 * 0.9 / (0.1 * 0.81) ** 0.5, 0.7], abs=1e-5)


def test_lesson_4_reproduces_the_lectures_linear_example() -> None:
    values = list(check_lesson(COURSE["04"]).values.values())
    assert values == pytest.approx([0.18, 0.9, 0.6, 0.8 - 0.1 * 0.9])


def test_lesson_5_reproduces_the_computation_graph() -> None:
    values = check_lesson(COURSE["05"]).values
    assert values[1] == pytest.approx(2.0)      # h5 = exp(0) + 1
    assert values[2] == pytest.approx(-0.25)    # df/dh5 = -1/h5^2
    assert values[3] == pytest.approx(0.25)     # df/dw


def test_lesson_6_reproduces_the_3_3_3_network() -> None:
    values = check_lesson(COURSE["06"]).values
    y7 = 0.48653434575527627
    a4 = 0.43782349911420193
    delta7 = (y7 - 1.0) * y7 * (1 - y7)
    assert values[1] == pytest.approx(-0.25)
    assert values[2] == pytest.approx(delta7)
    assert values[3] == pytest.approx(delta7 * a4)
    assert values[5] == pytest.approx(0.3 - 0.5 * delta7 * a4)


def test_answers_are_printed_per_question() -> None:
    report = check_lesson(COURSE["04"])
    assert report.answers[1] == "step 2 (The gradient with respect to w): What is ∂L/∂w? → 0.9"


def test_names_may_be_typed_in_ascii() -> None:
    assert canonical("dL/dw47") == canonical("∂L/∂w₄₇")
    assert canonical("delta7") == canonical("δ₇")


OPEN = ":::do\nopen example lecture-3-3-3.ffn\n:::\n\n"


@pytest.mark.parametrize("body, expected", [
    (":::do\nopen example lecture-3-3-3.ffn\nselect node nowhere\n:::\n",
     "t.md:7: :::do: select node nowhere: no node 'nowhere'; the nodes are in, hidden, out"),
    (":::do\nopen example no-such.ffn\n:::\n", "t.md:6: :::do: open example no-such.ffn: no such file"),
    (":::do\nopen example xor.ffn\nshow panel Nowhere\n:::\n",
     "t.md:7: :::do: show panel Nowhere: no such panel; the panels are Palette"),
    (OPEN + ":::predict\nquestion: d7?\nquantity: trace δ₇\nanswer: 0.5\n:::\n",
     "t.md:9: :::predict: the answer key says 0.5 but the engine computes -0.128273 for 'trace δ₇' "
     "(tolerance 0.001)"),
    (OPEN + ":::predict\nquestion: ?\nquantity: trace δ₁₇\n:::\n",
     "t.md:9: :::predict: no step of the neuron trace is called δ₁₇; the steps are a₁, a₂"),
    (":::do\nopen example single-neuron.ffn\n:::\n:::reach\nquestion: ?\ngoal: loss < 0.001\n"
     "within: 3 steps\nsolution: lr=0.001\n:::\n",
     "t.md:8: :::reach: goal 'loss < 0.001' not reached within 3 steps with the reference solution "
     "(lr=0.001); last loss"),
    (OPEN + ":::predict\nquestion: ?\nquantity: trace δ₇\ntolerance: lots\n:::\n",
     "t.md:12: :::predict: expected a tolerance such as 0.001 or 1%, got 'lots'"),
    (":::do\nopen example xor.ffn\njump 3\n:::\n", "t.md:7: :::do: unknown action 'jump'; one of: open"),
    (":::predcit\n:::\n", "t.md:5: unknown directive :::predcit; one of :::en"),
    ("some words\n", "t.md:5: text outside a block: put it inside :::en or :::zh"),
    (":::en\nnever closed\n", "t.md:5: :::en: :::en is never closed"),
    (":::choice\nquestion: ?\noption: a\noption: b\nanswer: 3\n:::\n",
     "t.md:9: :::choice: answer: the number of the right option, 1 to 2"),
    (":::predict\nquestion: ?\nquantity: trace δ₇\n:::\n",
     "t.md:5: :::predict: no network is open yet: start with 'open example NAME.ffn'"),
])
def test_a_broken_lesson_fails_with_one_clear_line(tmp_path: Path, body: str, expected: str) -> None:
    report = _check(tmp_path, body)
    assert not report.ok
    first = str(report.problems[0])
    assert first.startswith(str(tmp_path / "t.md")), first
    assert first[len(str(tmp_path)) + 1:].startswith(expected), first


def test_hostile_files_are_refused_cheaply(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    with big.open("wb") as f:
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(LessonError, match="larger than 256 KiB"):
        read_lesson(big)
    binary = tmp_path / "bin.md"
    binary.write_bytes(b"# t\n\xff\xfe")
    with pytest.raises(LessonError, match=r"bin.md:2: not UTF-8"):
        read_lesson(binary)
    with pytest.raises(LessonError, match="not a lesson file"):
        read_lesson(tmp_path)


def test_a_file_opened_beside_the_lesson(tmp_path: Path) -> None:
    from core.examples import single_neuron
    from core.files import save_network
    save_network(tmp_path / "mine.ffn", single_neuron())
    report = _check(tmp_path, ":::do\nopen file mine.ffn\nsample 2 -> 1\n:::\n"
                              ":::predict\nquestion: L?\nquantity: loss\nanswer: 0.32\n:::\n")
    assert report.ok, report.problems
    assert report.values[1] == pytest.approx(0.5 * (0.8 * 2 + 0.2 - 1) ** 2)


def test_after_n_steps_and_run_match_the_trainer(tmp_path: Path) -> None:
    """'w after 5 steps' is the trainer's w; 'run 5 steps' then 'update w' goes on from there."""
    from core.files import load_network
    from core.lessons import Situation
    report = _check(tmp_path, ":::do\nopen example single-neuron.ffn\n:::\n:::predict\nquestion: ?\n"
                              "quantity: w after 5 steps\n:::\n## Two | 二\n:::do\nrun 5 steps\n:::\n"
                              ":::predict\nquestion: ?\nquantity: value w\n:::\n")
    assert report.ok, report.problems
    situation = Situation.from_network(load_network(Path("resources/examples/single-neuron.ffn")))
    trainer = situation.trainer()
    for _ in range(5):
        trainer.step()
    w = float(trainer.model.params["W:w"][0, 0])
    assert report.values[1] == pytest.approx(w) and w != pytest.approx(0.8)
    assert report.values[2] == pytest.approx(w)


def test_both_languages_are_read() -> None:
    lesson = parse_lesson(HEAD + ":::en\nHello\n:::\n:::zh\n你好\n:::\n:::choice\nquestion.en: Which?\n"
                                 "question.zh: 哪个？\noption.en: a\noption.zh: 甲\noption: b\nanswer: 2\n"
                                 "hint.en: think\n:::\n")
    step = lesson.steps[0]
    assert (step.title.en, step.title.zh) == ("One", "一")
    assert step.body.get("zh") == "你好" and step.body.get("en") == "Hello"
    assert [o.get("zh") for o in step.check.options] == ["甲", "b"]
    assert step.check.hints[0].get("zh") == "think"   # falls back to English
    assert check_parsed(lesson, "x").ok


def test_the_documented_example_checks(tmp_path: Path) -> None:
    """docs/lessons.md's complete example is a lesson that passes, with the answers it shows."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "lessons.md").read_text(encoding="utf-8")
    example = doc.split("## A complete example")[1].split("```markdown\n")[1].split("\n```\n")[0]
    path = tmp_path / "example.md"
    path.write_text(example + "\n", encoding="utf-8")
    report = check_lesson(path)
    assert report.ok, report.problems
    for line in report.answers:
        assert f"  {line}\n" in doc


def test_lesson_check_prints_answers_and_one_line_per_problem(tmp_path: Path, capsys) -> None:
    from core.lessons import lesson_check
    assert lesson_check([str(COURSE["04"])]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"{COURSE['04']}: 6 checks, all passing"
    assert "  step 1 (The neuron and its loss): What is the loss L for this sample? → 0.18" in out.splitlines()
    assert err == ""
    bad = tmp_path / "bad.md"
    bad.write_text(HEAD + OPEN + ":::predict\nquestion: ?\nquantity: trace δ₇\nanswer: 0.5\n:::\n"
                   "## Two | 二\n:::do\nselect node nowhere\n:::\n", encoding="utf-8")
    assert lesson_check([str(COURSE["04"]), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert f"{bad}: 1 check, 2 problems" in out.splitlines()
    assert err.splitlines() == [
        f"{bad}:9: :::predict: the answer key says 0.5 but the engine computes -0.128273 for 'trace δ₇' "
        "(tolerance 0.001)",
        f"{bad}:16: :::do: select node nowhere: no node 'nowhere'; the nodes are in, hidden, out"]


def test_the_command_checks_the_course_without_qt(tmp_path: Path) -> None:
    """``backprop-studio lesson check`` over every shipped lesson: status 0, the answers, no Qt loaded;
    a broken lesson: status 2 and one line on stderr."""
    import os
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    bad = tmp_path / "bad.md"
    bad.write_text(HEAD + ":::do\nopen example nowhere.ffn\n:::\n", encoding="utf-8")
    code = f"""
import sys
from core.cli import main
lessons = {[str(p) for p in shipped_lessons()]!r}
assert main(["lesson", "check", *lessons]) == 0
assert main(["lesson", "check", {str(bad)!r}]) == 2
qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "shiboken6", "designer"))
print("QT:", qt)
"""
    p = subprocess.run([sys.executable, "-c", code], cwd=root, env={**os.environ, "PYTHONPATH": str(root)},
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    out = p.stdout.splitlines()
    assert out[-1] == "QT: []"
    assert "  step 2 (The output unit's error term): What is δ₇? → -0.128273" in out
    assert sum(line.endswith("all passing") for line in out) == len(shipped_lessons())
    assert p.stderr.splitlines() == [f"{bad}:6: :::do: open example nowhere.ffn: no such file "
                                     f"{root / 'resources' / 'examples' / 'nowhere.ffn'}"]


def test_the_files_beside_the_lessons_are_the_generated_ones(tmp_path: Path) -> None:
    from core.lessons.networks import write_networks
    shipped = Path(__file__).resolve().parents[2] / "resources" / "lessons"
    for path in write_networks(tmp_path):
        assert path.read_bytes() == (shipped / path.name).read_bytes(), path.name


def test_a_reach_solution_may_add_units(tmp_path: Path) -> None:
    """Lesson 3's goal is out of reach with 2 units, reached with the solution's 8; 'set' may not add units."""
    report = check_lesson(COURSE["03"])
    assert report.ok, report.problems
    assert report.answers[-1].endswith("with units.h1=8")
    two = _check(tmp_path, ":::do\nopen example xor.ffn\n:::\n:::reach\nquestion: ?\ngoal: loss < 0.05\n"
                           "within: 3 steps\nsolution: units.h1=1\n:::\n")
    assert "not reached within 3 steps with the reference solution (units.h1=1)" in str(two.problems[0])
    bad = _check(tmp_path, ":::do\nopen example xor.ffn\nset units.h1=3\n:::\n")
    assert str(bad.problems[0]).endswith("only a reach check's solution may use it")
