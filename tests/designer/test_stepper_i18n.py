"""The backprop stepper in Chinese: the cards, the table and the messages read in the textbook's terms.

Core writes each step's caption as a :class:`core.text.Message`; the stepper
translates it with the catalogue (issue #14's example: a backward step card
reads "反向 第 29 步，共 58 步 · … · f′(z) 乘以 3 条出边之和").
"""
from __future__ import annotations

import html
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from core.files import load_network
from core.text import Message
from designer import i18n
from designer.document import Document
from designer.stepper.panel import StepperPanel

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture
def chinese(qapp):
    assert i18n.install("zh_CN", qapp)
    yield
    i18n.install("en", qapp)


def _walk(qtbot, x: str = "1, 0.5, -1", y: str = "1, 0, 0") -> StepperPanel:
    panel = StepperPanel(Document(load_network(EXAMPLES / "lecture-3-3-3.ffn")))
    qtbot.addWidget(panel)
    panel.resize(1200, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.source.setCurrentIndex(1)
    panel.input_edit.setText(x)
    panel.target_edit.setText(y)
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    return panel


def _messages(m: Message):
    yield m
    for a in m.args:
        if isinstance(a, Message):
            yield from _messages(a)


def test_the_backward_step_card_of_the_lecture_network_reads_in_chinese(chinese, qtbot):
    panel = _walk(qtbot)
    assert panel.session is not None, panel.sample_error.text()
    assert len(panel.session.steps) == 58
    panel.seek(29)
    text = panel.card.text()
    assert "反向" in text and "第 29 步，共 58 步" in text
    assert "单元 4" in text and "隐藏层单元 4 的误差项 δ：f′(z) 乘以 3 条出边之和" in text
    assert "δ₄ = σ′" not in text and "δ₄ = a₄ (1 − a₄)" in text  # the formula stays as the lecture writes it
    assert "局部导数" in text and "上游梯度" in text and "经由 7" in text
    assert "outgoing" not in text and "local" not in text and "step" not in text
    table = panel.table_model
    row = table.index(28, 1)
    assert table.data(row) == "反向" and table.data(table.index(28, 2)) == "单元 4"
    assert "f′(z) 乘以 3 条出边之和" in table.data(row, Qt.ItemDataRole.ToolTipRole)


def test_every_caption_of_every_level_has_its_chinese(chinese, qtbot):
    panel = _walk(qtbot)
    untranslated = set()
    for level in ("neuron", "op", "scalar"):
        panel.set_level(level)
        panel.run_to_end()
        for step in panel.session.steps:
            for m in _messages(step.message):
                if QCoreApplication.translate(m.context, m.template) == m.template:
                    untranslated.add(m.template)
    assert untranslated == set()
    assert "标量层级" in panel.card.text() and "单元" in panel.card.text()


def test_sample_errors_and_the_end_of_a_walk_in_chinese(chinese, qtbot):
    panel = _walk(qtbot, "1, abc")
    assert panel.sample_error.text() == "输入值的第 2 个值 'abc' 不是数。"
    panel.input_edit.setText("1, 2")
    qtbot.mouseClick(panel.start_button, Qt.MouseButton.LeftButton)
    assert panel.sample_error.text() == "输入值需要 3 个数；键入了 2 个。"
    panel.walk.end(panel.walk.tr("The weights changed (training, an edit or undo)."))
    assert "逐步计算已结束" in panel.message.text() and "权重已改变" in panel.message.text()
    assert "没有正在进行的逐步计算" in panel.card.text()


def test_in_english_the_card_reads_as_before(qtbot):
    panel = _walk(qtbot)
    panel.seek(29)
    text = html.unescape(panel.card.text())
    assert "BACKWARD" in text and "step 29 of 58" in text and "unit 4" in text
    assert "δ of 4: f'(z) times the sum over its 3 outgoing edges" in text
    assert "local " in text and "via 7" in text
