"""The stepper's card: the current step in large type.

The card says what the step computes (its phase, where, the formula), the
formula with its numbers, the chain rule's local × upstream = product, and
where several terms add up, each term. At the op level the arrays are shown
as small matrices. Every number is the :class:`core.trace.TraceStep`'s own,
formatted by :func:`designer.stepper.table.fmt`: nothing is computed here.
"""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

from core.trace import TraceStep

from .names import PHASE_COLOURS, level_name, native, phase_name, step_caption, unit_name
from .session import StepSession
from .table import fmt, formula_html, where_text

__all__ = ["IDLE_CARD", "StepCard", "matrix_html", "op_numbers"]

#: What the card says when no walk is in progress: how to start one.
IDLE_CARD = QT_TRANSLATE_NOOP("StepCard", "<i>No walk in progress.</i> Pick a sample (a row of the list, a point "
                              "on the data plot with Ctrl+click, or typed values) and press <b>Start walk</b>.")

#: The caption over a step's terms, by the kind of step.
_TERMS_TITLE = {"delta": QT_TRANSLATE_NOOP("StepCard", "the paths meet here: term by term"),
                "sum_grad": QT_TRANSLATE_NOOP("StepCard", "the paths meet here: term by term"),
                "weight_grad": QT_TRANSLATE_NOOP("StepCard", "the sum over the outputs it reaches, term by term"),
                "net_input": QT_TRANSLATE_NOOP("StepCard", "the products, term by term"),
                "loss": QT_TRANSLATE_NOOP("StepCard", "the loss per output")}
_MAX_TERMS = 24


class StepCard(QScrollArea):
    """A scrolling label in large type; :meth:`html_for` writes what it shows for a walk."""

    def __init__(self, font: QFont, parent: QWidget | None = None):
        """``font`` is the panel's: the card's type is 1.45 times its size (9 pt at least)."""
        super().__init__(parent)
        self.label = QLabel(_tr(IDLE_CARD))
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setMargin(8)
        f = QFont(font)
        f.setPointSizeF(max(f.pointSizeF(), 9.0) * 1.45)
        self.label.setFont(f)
        self.setWidgetResizable(True)
        self.setWidget(self.label)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumHeight(110)

    def show_idle(self) -> None:
        """No walk: say how to start one."""
        self.label.setText(_tr(IDLE_CARD))

    def html_for(self, s: StepSession | None, unit_text: str = "") -> str:
        """The current step of ``s``: formula, numbers, local × upstream = product, terms.

        ``unit_text`` is the scalar level's unit as the unit chooser names it.
        """
        if s is None:
            return ""
        head = self._head(s, unit_text)
        cur = s.current
        if cur is None:
            return (head + "<p style='font-size:large'>"
                    + self.tr("Nothing computed yet. Press <b>Step forward</b> ({0}) to compute the first value.")
                    .format(native("forward")) + "</p>")
        parts = [head, self._title(s, cur),
                 f"<p style='font-size:x-large; margin:6px 0'>{formula_html(cur.symbol)}</p>"]
        if cur.level == "op":
            parts.append(f"<div style='font-size:medium; margin:4px 0'>{op_numbers(cur)}</div>")
        else:
            parts.append(f"<p style='font-size:x-large; margin:6px 0'><b>{formula_html(cur.numbers)}</b></p>")
        if isinstance(cur.local, float) and isinstance(cur.upstream, float):
            parts.append("<p style='font-size:large; margin:4px 0'>"
                         + self.tr("local {0} × upstream {1} = <b>{2}</b>").format(
                             fmt(cur.local), fmt(cur.upstream), fmt(cur.product)) + "</p>")
        parts.append(_terms_html(cur))
        return "".join(parts)

    def _head(self, s: StepSession, unit_text: str) -> str:
        """The grey line over the step: the sample, its target and the level."""
        return (f"<span style='color:gray'>{html.escape(s.sample_label)}: x = {html.escape(fmt(list(s.x)))}"
                + (f", y = {html.escape(fmt(list(s.y)))}" if s.y is not None
                   else ", " + self.tr("no target (∂ŷ/∂ŷ = 1)"))
                + " · " + self.tr("{0} level").format(level_name(s.level))
                + (f", {_unit_phrase(unit_text)}" if s.level == "scalar" else "")
                + "</span>")

    def _title(self, s: StepSession, cur: TraceStep) -> str:
        """The phase in its colour, the step's number, where it is and its caption."""
        col = PHASE_COLOURS.get(cur.phase, "black")
        return (f"<div><span style='color:{col}; font-weight:bold'>{phase_name(cur.phase)}"
                "</span> &nbsp;" + self.tr("step {0} of {1}").format(s.position, len(s.steps))
                + f" &nbsp;·&nbsp; <code>{html.escape(where_text(cur, s.spec))}</code>"
                f"{' &nbsp;·&nbsp; ' + formula_html(step_caption(cur)) if cur.label else ''}</div>")


def _tr(text: str) -> str:
    """``text`` (marked in the "StepCard" context) in the person's language."""
    return QCoreApplication.translate("StepCard", text)


def _unit_phrase(text: str) -> str:
    """``unit 4`` (labelled units already read so) or ``unit h1[0]``."""
    prefix = unit_name("").strip()
    return html.escape(text if prefix and text.startswith(prefix) else unit_name(text))


def _terms_html(cur: TraceStep) -> str:
    """Where several terms add up (paths meeting, a net input's products, the loss), each term; else nothing."""
    terms = [t for t in cur.terms if "symbol" in t and isinstance(t.get("value"), float)]
    if (cur.level == "op" or len(terms) <= 1
            or (cur.level == "scalar" and cur.kind in ("weight_grad", "bias_grad"))):
        return ""
    title = _tr(_TERMS_TITLE.get(cur.kind, QT_TRANSLATE_NOOP("StepCard", "terms")))
    rows = "".join(
        f"<tr><td>{formula_html(t['symbol'])}</td><td>&nbsp;=&nbsp;</td>"
        f"<td align='right'>{fmt(t['value'])}</td>"
        f"<td style='color:gray'>&nbsp;{_via(t)}</td></tr>"
        for t in terms[:_MAX_TERMS])
    more = ("<tr><td colspan=4>" + QCoreApplication.translate("StepCard", "… {0} more (in the table)").format(
        len(terms) - _MAX_TERMS) + "</td></tr>" if len(terms) > _MAX_TERMS else "")
    return f"<p style='margin:4px 0 0 0'>{title}:</p><table cellspacing=2>{rows}{more}</table>"


def _via(term: dict) -> str:
    """"via 7": the unit a term's path goes through, if it says."""
    if "via" not in term:
        return ""
    return html.escape(QCoreApplication.translate("StepCard", "via {0}").format(term["via"]))


def op_numbers(cur: TraceStep) -> str:
    """An op step's arrays as small matrices with their numbers."""
    cells = []
    for t in cur.terms:
        v = t.get("value")
        if v is None:
            continue
        a = np.asarray(v, dtype=float)
        cells.append(f"<td valign='middle' style='padding-right:10px'>{formula_html(str(t.get('name', '')))} ="
                     f"</td><td valign='middle' style='padding-right:18px'>{matrix_html(a)}</td>")
    res = np.asarray(cur.result, dtype=float) if cur.result is not None else None
    if res is not None and res.size:
        cells.append("<td valign='middle' style='padding-right:10px'>"
                     + QCoreApplication.translate("StepCard", "→ result =") + "</td>"
                     f"<td valign='middle'>{matrix_html(res)}</td>")
    extra = ""
    if isinstance(cur.local, list):
        extra = ("<table><tr><td valign='middle'>"
                 + QCoreApplication.translate("StepCard", "local derivative =")
                 + "&nbsp;</td><td>"
                 f"{matrix_html(np.asarray(cur.local, dtype=float))}</td></tr></table>")
    table = f"<table><tr>{''.join(cells)}</tr></table>" if cells else ""
    return table + extra


def matrix_html(a: np.ndarray, limit: int = 8) -> str:
    """A small matrix (or vector as a column) as a bordered table; big ones by their shape."""
    if a.ndim == 0:
        return fmt(float(a))
    if a.ndim == 1:
        a = a[:, None]
    if a.shape[0] > limit or a.shape[1] > limit:
        return QCoreApplication.translate("StepCard", "⟨{0}×{1} matrix⟩").format(a.shape[0], a.shape[1])
    rows = "".join("<tr>" + "".join(f"<td align='right' style='padding:0 4px'>{fmt(v)}</td>" for v in r)
                   + "</tr>" for r in a)
    return f"<table style='border-left:2px solid gray; border-right:2px solid gray' cellspacing=0>{rows}</table>"
