"""designer/forms.py: the builders make what a person sees, with the values and tooltips asked for."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFormLayout, QLabel, QSpinBox

pytest.importorskip("pytestqt")


def test_spin_combo_and_button_carry_their_settings(qtbot):
    from designer import forms
    seen = []
    s = forms.spin(1, 500, 40, step=10, tip="steps", on_change=seen.append)
    assert (s.minimum(), s.maximum(), s.value(), s.singleStep(), s.toolTip()) == (1, 500, 40, 10, "steps")
    s.stepUp()
    assert seen == [50]
    picked = []
    c = forms.combo([("one", 1), ("two", 2)], current=2, tip="how many", on_change=picked.append)
    assert c.currentData() == 2 and c.toolTip() == "how many" and picked == []
    c.setCurrentIndex(0)
    assert picked == [0]
    clicks = []
    b = forms.button("Go", name="go", tip="run it", on_click=lambda: clicks.append(1))
    qtbot.addWidget(b)
    b.click()
    assert b.objectName() == "go" and b.toolTip() == "run it" and clicks == [1]


def test_form_rows_sections_and_notes(qtbot):
    from designer import forms
    a, b = QSpinBox(), QSpinBox()
    n = forms.note("why")
    lay = forms.form(("A", a), None, ("B", forms.row("w", b)), n)
    assert lay.rowCount() == 3
    assert lay.fieldGrowthPolicy() == QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint
    assert lay.labelForField(a).text() == "A"
    assert n.wordWrap() and "placeholder-text" in n.styleSheet()
    box = forms.section("Race", forms.label("net"), lay, None)
    qtbot.addWidget(box)
    assert box.title() == "Race" and box.layout().count() == 2
    assert isinstance(box.layout().itemAt(0).widget(), QLabel)
    page = forms.widget(forms.column(a, stretch=True))
    qtbot.addWidget(page)
    assert page.layout().contentsMargins().left() == 0
