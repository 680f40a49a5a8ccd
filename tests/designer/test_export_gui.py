"""Exports a person reaches from the program: each panel's context menu, and File ▸ Export (pytest-qt, offscreen).

The file dialog is patched to return a path; everything else is driven as a
person would: a right click opens the panel's menu, its action is
triggered, and the files are checked: a PNG of twice the plot's size on
screen, an SVG that parses, CSV columns equal to the plotted data, every
run's steps in the history, and a NumPy file that, run, predicts what the
program does.
"""
from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QContextMenuEvent, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from core.data.source import DataSource
from core.files import NetworkFile
from core.model import compile_model
from core.parameters import init_parameters
from core.spec import sequential
from core.trainer import TrainingSettings
from core.probes import class_probabilities
from designer.document import Document
from designer.export_menu import history_table
from designer.panels import make_panels
from designer.plot_export import Table, cell_text, close_paths_explicitly, plot_items_table
from designer.preview import preview_file
from designer.training.controller import TrainingController

WAIT = 20_000
EXAMPLES = Path(__file__).parents[2] / "resources" / "examples"


class SaveAs:
    """Stands in for QFileDialog.getSaveFileName: "chooses" ``path`` and remembers the calls."""

    def __init__(self) -> None:
        self.path: Path | None = None
        self.calls: list[tuple] = []

    def __call__(self, *args, **kwargs):
        self.calls.append(args)
        return (str(self.path) if self.path else "", "")


@pytest.fixture
def save_as(monkeypatch) -> SaveAs:
    chooser = SaveAs()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", chooser)
    return chooser


@pytest.fixture
def boxes(monkeypatch) -> list[tuple[str, str]]:
    """Every message box shown, as (title, text); none blocks."""
    shown: list[tuple[str, str]] = []

    def exec_(box: QMessageBox) -> int:
        shown.append((box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


@pytest.fixture
def trained(qtbot):
    """A controller and its five panels, shown, after some training, paused (the plots hold still)."""
    made = []

    def make(dataset: str = "spiral", steps: int = 200, nf=None, **kw):
        ctl = TrainingController(Document(nf or preview_file(dataset, **kw)))
        panels = make_panels(ctl)
        for p in panels.values():
            p.resize(560, 420)
            qtbot.addWidget(p)
            p.show()
        made.append(ctl)
        qtbot.waitUntil(lambda: ctl.last is not None, timeout=WAIT)
        ctl.play()
        qtbot.waitUntil(lambda: ctl.last.step >= steps and ctl.record.current is not None
                        and len(ctl.record.current.epochs) >= 2, timeout=WAIT)
        pause(qtbot, ctl)
        return ctl, panels

    yield make
    for ctl in made:
        ctl.shutdown()


def pause(qtbot, ctl) -> None:
    """Pause, and let the paused snapshot arrive and be drawn."""
    ctl.pause()
    qtbot.waitUntil(lambda: ctl.last.state != "running", timeout=WAIT)
    qtbot.wait(300)
    QApplication.processEvents()


def right_click_menu(panel: QWidget, at: QPoint | None = None):
    """Right-click the panel's plot (at ``at``, in the plot view's coordinates); the menu that opened."""
    viewport = panel.view.viewport()
    pos = at if at is not None else QPoint(viewport.width() // 2, viewport.height() // 2)
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos,
                                                       viewport.mapToGlobal(pos)))
    menu = QApplication.activePopupWidget()
    return menu


def export_from_menu(panel: QWidget, text: str, path: Path, save_as: SaveAs, at: QPoint | None = None) -> Path:
    """Right-click, pick ``text`` in the menu, "choose" ``path``; the file written."""
    menu = right_click_menu(panel, at)
    assert menu is panel.plot_export.menu, "a right click on the plot opens its export menu"
    action = next(a for a in menu.actions() if a.text() == text)
    menu.close()
    save_as.path = path
    action.trigger()
    assert path.is_file(), f"{text} wrote {path.name}"
    return path


def read_csv(path: Path) -> dict[str, list[str]]:
    """Columns by header (all as long as the longest: shorter ones end in empty cells)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    cols = {h: [r[i] for r in rows[1:]] for i, h in enumerate(rows[0])}
    assert len(cols) == len(rows[0]), "headers are unique"
    return cols


def texts(cols: dict[str, list[str]], header: str) -> list[str]:
    """A column of text without the empty cells padding it."""
    values = list(cols[header])
    while values and values[-1] == "":
        values.pop()
    return values


def numbers(values: list[str]) -> np.ndarray:
    return np.array([float(v) if v != "" else np.nan for v in values])


def assert_column(cols: dict[str, list[str]], header: str, want) -> None:
    """The column holds ``want``, every digit (equal, not close), then only padding."""
    want = np.asarray(want, float).reshape(-1)
    assert not any(cols[header][len(want):]), f"{header}: longer than the plotted data"
    np.testing.assert_array_equal(numbers(cols[header][:len(want)]), want, err_msg=header)


def check_pictures(panel: QWidget, tmp_path: Path, save_as: SaveAs, at: QPoint | None = None) -> None:
    """PNG at twice the on-screen size of the plots, and an SVG that parses."""
    name = panel.export_stem
    png = export_from_menu(panel, "Export plot…", tmp_path / f"{name}.png", save_as, at)
    image = QImage(str(png))
    rect = panel.view.ci.mapRectToDevice(panel.view.ci.boundingRect())
    assert image.width() == 2 * int(rect.width())
    assert abs(image.height() - 2 * rect.height()) <= 1
    svg = export_from_menu(panel, "Export plot…", tmp_path / f"{name}.svg", save_as, at)
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and len(list(root.iter())) > 10
    assert not list(tmp_path.glob(".*.tmp")), "no temporary files left behind"


# --- each training panel's menu ------------------------------------------------------------

def test_curves_panel_exports_its_picture_and_every_curve(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained()
    panel = panels["Curves"]
    check_pictures(panel, tmp_path, save_as)
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "curves.csv", save_as))
    run = ctl.record.current
    cv = panel._curves[run.number]
    name = f"run {run.number} ({run.label})"
    x, loss = cv.train.getOriginalDataset()
    assert_column(cols, f"{name}: step at the end of each epoch", x)
    assert_column(cols, f"{name}: training loss", loss)
    assert_column(cols, f"{name}: training accuracy", cv.train_m.getOriginalDataset()[1])
    bx, by = cv.batch.getOriginalDataset()
    assert_column(cols, f"{name}: mini-batch step", bx)
    assert_column(cols, f"{name}: mini-batch loss", by)
    assert len(x) == len(run.epochs) >= 2


def test_activations_panel_exports_the_heat_maps_and_the_bars(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained()
    panel = panels["Activations"]
    check_pictures(panel, tmp_path, save_as)
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "act.csv", save_as))
    for col in panel._columns:
        image = col.image.image
        for u in range(image.shape[0]):
            assert_column(cols, f"{col.title}, unit {u + 1}", image[u])
    assert_column(cols, "sample", np.arange(1, len(ctl.last.info.probe) + 1))
    panel.mode.setCurrentIndex(1)   # one sample, as bars
    panel.sample.setValue(3)
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "bars.csv", save_as))
    hidden = panel._columns[1]
    assert_column(cols, hidden.title, ctl.last.activations[hidden.key[0]][1][2])


def test_weights_panel_exports_the_matrix_its_change_and_histogram(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained()
    panel = panels["Weights"]
    check_pictures(panel, tmp_path, save_as)
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "w.csv", save_as))
    W = panel.w_image.image
    np.testing.assert_array_equal(W, ctl.last.params[f"W:{panel.connection_id}"])
    weight = next(h for h in cols if h.startswith("weight w ("))
    assert_column(cols, weight, W)
    assert_column(cols, "receiving unit", np.repeat(np.arange(1, W.shape[0] + 1), W.shape[1]))
    assert_column(cols, "sending unit", np.tile(np.arange(1, W.shape[1] + 1), W.shape[0]))
    assert_column(cols, "change since last look Δw", panel.d_image.image)
    edges, counts = panel.hist.getData()
    assert_column(cols, "histogram: count", counts)
    assert np.nansum(numbers(cols["histogram: count"])) == W.size


def test_gradients_panel_exports_the_norms_and_the_unit_counts(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained()
    panel = panels["Gradients"]
    check_pictures(panel, tmp_path, save_as)
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "g.csv", save_as))
    spec = ctl.last.info.spec
    for key, item in panel._curves.items():
        x, y = item.getOriginalDataset()
        assert_column(cols, "step", x)
        src, dst = spec.nodes[spec.connections[key[2:]].src].label, spec.nodes[spec.connections[key[2:]].dst].label
        assert_column(cols, f"‖∂L/∂W‖ {src} → {dst}", y)
    assert texts(cols, "layer") == [spec.nodes[n].label for n in panel._nodes]
    assert_column(cols, "units", [spec.nodes[n].units for n in panel._nodes])


def test_boundary_panel_exports_the_points_and_the_plane(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained()
    panel = panels["Data and boundary"]
    check_pictures(panel, tmp_path, save_as, at=QPoint(3, 3))   # the corner, off the plane
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "b.csv", save_as,
                                     at=QPoint(3, 3)))   # the corner, off the plane
    info, snap = ctl.last.info, ctl.last
    n_train = len(info.raw_train)
    assert texts(cols, "point set")[:n_train] == ["training"] * n_train
    assert_column(cols, "x1", np.concatenate([info.raw_train[:, 0], info.raw_test[:, 0]]))
    assert_column(cols, "x2", np.concatenate([info.raw_train[:, 1], info.raw_test[:, 1]]))
    assert texts(cols, "class")[:n_train] == [info.class_names[int(v)] for v in info.y_train]
    assert_column(cols, "plane: x1", info.grid.points[:, 0])
    p1 = class_probabilities(snap.plane)[:, :, 1]
    assert_column(cols, f"probability of class {info.class_names[1]}", p1)
    np.testing.assert_array_equal(p1, panel.plane.image.image)   # the picture's values


def test_a_right_click_on_the_data_plane_removes_a_point_and_opens_no_menu(qtbot, trained, save_as):
    ctl, panels = trained()
    panel = panels["Data and boundary"]
    vb = panel.plot.getViewBox()
    centre = panel.view.mapFromScene(vb.sceneBoundingRect().center())
    assert right_click_menu(panel, centre) is None
    assert not save_as.calls


def test_the_confusion_matrix_exports_its_counts(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained("iris", hidden=(6,), steps=100)
    panel = panels["Data and boundary"]
    assert ctl.last.info.mode == "confusion"
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "cm.csv", save_as))
    cm = panel.confusion.last
    names = list(ctl.last.info.class_names)
    assert texts(cols, "true class") == names
    for j, name in enumerate(names):
        assert_column(cols, f"predicted {name}", cm[:, j])
    assert sum(numbers(cols[f"predicted {n}"]).sum() for n in names) == ctl.last.info.n_test


def test_the_fitted_curve_exports_the_points_and_the_networks_output(qtbot, trained, save_as, tmp_path):
    data = tmp_path / "wave.csv"
    xs = np.linspace(-3, 3, 40)
    data.write_text("x,y\n" + "".join(f"{x:.4f},{np.sin(x):.4f}\n" for x in xs))
    spec = sequential([1, 8, 1], "tanh", "identity", "mse")
    nf = NetworkFile(spec, init_parameters(spec, 0), TrainingSettings("adam", {"lr": 0.02}, 8, 0.0, 0, 0),
                     DataSource(name="csv", path=str(data), standardize=True), {}, None, None)
    ctl, panels = trained(nf=nf, steps=100)
    panel, snap = panels["Data and boundary"], ctl.last
    assert snap.info.mode == "line"
    cols = read_csv(export_from_menu(panel, "Export data as CSV…", tmp_path / "fit.csv", save_as))
    assert_column(cols, "x", np.concatenate([snap.info.raw_train[:, 0], snap.info.raw_test[:, 0]]))
    assert_column(cols, "target y", np.concatenate([snap.info.y_train[:, 0], snap.info.y_test[:, 0]]))
    assert_column(cols, "target", np.concatenate([snap.info.y_train[:, 0], snap.info.y_test[:, 0]]))
    assert_column(cols, "curve: x", snap.info.line_xs)
    assert_column(cols, "network's output", snap.line[:, 0])


def test_a_file_that_cannot_be_written_is_one_message_and_no_file(qtbot, trained, save_as, boxes, tmp_path):
    ctl, panels = trained()
    panel = panels["Curves"]
    save_as.path = tmp_path / "no such folder" / "curves.csv"
    panel.plot_export.csv_action.trigger()
    assert len(boxes) == 1
    title, text = boxes[0]
    assert title == "Cannot export" and "“curves.csv” could not be written" in text
    assert "Traceback" not in text
    assert not save_as.path.exists()


def test_cancelling_the_dialog_writes_nothing(qtbot, trained, save_as, boxes, tmp_path):
    ctl, panels = trained()
    save_as.path = None
    assert panels["Weights"].plot_export.export_plot() is None
    assert not boxes and not list(tmp_path.iterdir())


def test_a_panel_with_nothing_plotted_says_so_instead_of_asking_where(qtbot, save_as, boxes):
    from designer.panels.weights import WeightsPanel

    panel = WeightsPanel()
    qtbot.addWidget(panel)
    assert panel.plot_export.export_csv() is None
    assert not save_as.calls and boxes == [("Nothing to export", boxes[0][1])]


# --- the training history -------------------------------------------------------------------

def test_the_history_csv_has_every_runs_steps_and_epochs(qtbot, trained, save_as, tmp_path):
    ctl, panels = trained()
    ctl.reset_weights()
    ctl.play()
    qtbot.waitUntil(lambda: len(ctl.record.runs) == 2 and len(ctl.record.current.epochs) >= 1, timeout=WAIT)
    pause(qtbot, ctl)
    runs = ctl.record.runs
    path = tmp_path / "history.csv"
    path.write_bytes(history_table(runs).csv_bytes())
    cols = read_csv(path)
    run_col = numbers(cols["run"])
    for run in runs:
        mine = run_col == run.number
        steps = numbers(cols["step"])[mine]
        np.testing.assert_array_equal(steps, run.step.view())   # every step, in order
        np.testing.assert_array_equal(numbers(cols["mini-batch loss"])[mine], run.loss.view())
        ends = numbers(cols["epoch (on the step that ends it)"])[mine]
        at_end = ~np.isnan(ends)
        np.testing.assert_array_equal(ends[at_end], [e.epoch for e in run.epochs])
        np.testing.assert_array_equal(steps[at_end], [e.step for e in run.epochs])
        np.testing.assert_array_equal(numbers(cols["training loss"])[mine][at_end],
                                      [e.train_loss for e in run.epochs])
        assert set(cols["optimiser and learning rate"][i] for i in np.flatnonzero(mine)) == {run.label}


def test_cells_keep_every_digit():
    t = Table()
    t.add("x", np.array([0.1 + 0.2, np.nan, 3.0, 1e-300]))
    t.add("name", ["a, b", "c"])
    assert t.rows()[1:] == [["0.30000000000000004", "a, b"], ["", "c"], ["3", ""], ["1e-300", ""]]
    assert cell_text(np.int64(7)) == "7"
    assert close_paths_explicitly("M0,0 L1,0 L1,1 Z M5,5 L6,6 Z") == "M0,0 L1,0 L1,1 L0,0 M5,5 L6,6 L5,5"


def test_a_plots_own_items_make_its_table(qtbot):
    import pyqtgraph as pg

    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setLabel("bottom", "step")
    plot.setLabel("left", "loss R(θ)")
    plot.addLegend()
    plot.plot([1.0, 2.0, 3.0], [0.5, 0.25, 0.125], name="Adam")
    plot.plot([1.0, 2.0, 3.0], [0.5, 0.25, 0.125])          # a halo under the same path: written once
    plot.setLogMode(y=True)
    image = pg.ImageItem(np.arange(6.0).reshape(2, 3), axisOrder="row-major")
    image.setRect(0.0, 10.0, 3.0, 2.0)
    plot.addItem(image)
    cols = plot_items_table([plot])
    got = dict(zip(cols.headers, cols.columns))
    np.testing.assert_array_equal(got["Adam · step"], [1, 2, 3])
    np.testing.assert_array_equal(got["Adam · loss R(θ)"], [0.5, 0.25, 0.125])   # the data, not its log
    assert len(cols.headers) == 5
    values = next(c for h, c in got.items() if not h.endswith(("step", "R(θ)")))
    np.testing.assert_array_equal(values, np.arange(6.0))
    xs = next(c for h, c in got.items() if h.endswith("· step") and len(c) == 6)
    np.testing.assert_array_equal(xs, [0.5, 1.5, 2.5] * 2)


# --- File ▸ Export in the main window ----------------------------------------------------------

@pytest.fixture
def window(qtbot, tmp_path, boxes):
    from designer.mainwindow import MainWindow

    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                   autosave_root=tmp_path / "autosave")
    w.resize(1000, 700)
    yield w
    w.document.model.mark_saved()
    w.close()
    w.deleteLater()


def file_export_action(w, text: str):
    """File ▸ Export ▸ ``text``, found as a person finds it: through the menu bar."""
    file_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&File")
    export = next(a.menu() for a in file_menu.actions() if a.text() == "&Export")
    return next(a for a in export.actions() if a.text() == text)


def test_file_export_numpy_writes_a_file_that_predicts_what_the_program_does(qtbot, window, save_as, tmp_path):
    window.files.open_path(EXAMPLES / "xor.ffn", example=True)
    spec, params = window.document.spec, dict(window.document.params)
    save_as.path = tmp_path / "xor_net"          # no suffix typed: .py is added
    file_export_action(window, "Network as &NumPy…").trigger()
    script = tmp_path / "xor_net.py"
    assert script.is_file()
    x = np.random.default_rng(0).uniform(-1, 1, (20, spec.input_node.units))
    inputs = tmp_path / "inputs.csv"
    np.savetxt(inputs, x, delimiter=",", header="x1,x2", comments="", fmt="%.17g")
    out = subprocess.run([sys.executable, "-I", str(script), str(inputs)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=120, check=True).stdout
    got = np.loadtxt(out.splitlines(), delimiter=",", ndmin=2)
    np.testing.assert_allclose(got, compile_model(spec, params).forward(x), rtol=1e-12, atol=1e-15)


def test_file_export_onnx_without_onnx_says_how_to_install_it(qtbot, window, save_as, boxes, monkeypatch):
    import designer.export_menu as em
    from core.export import ExportError

    def missing():
        raise ExportError("no onnx")

    monkeypatch.setattr(em, "require_onnx", missing)
    file_export_action(window, "Network as &ONNX…").trigger()
    assert not save_as.calls
    assert len(boxes) == 1 and 'pip install "backprop-studio[onnx]"' in boxes[0][1]


def test_file_export_onnx_writes_a_model_onnx_checks(qtbot, window, save_as, tmp_path):
    onnx = pytest.importorskip("onnx")
    window.files.open_path(EXAMPLES / "xor.ffn", example=True)
    save_as.path = tmp_path / "xor.onnx"
    file_export_action(window, "Network as &ONNX…").trigger()
    model = onnx.load(str(save_as.path))
    onnx.checker.check_model(model)
    assert [i.name for i in model.graph.input] == ["x"] and [o.name for o in model.graph.output] == ["y"]


def test_file_export_history_without_training_says_so(qtbot, window, save_as, boxes):
    file_export_action(window, "Training &History as CSV…").trigger()
    assert not save_as.calls and boxes and boxes[0][0] == "No training history"


def test_file_export_history_writes_every_run(qtbot, window, save_as, tmp_path):
    window.files.open_path(EXAMPLES / "xor.ffn", example=True)
    ctl = window.training
    for runs in (1, 2):
        qtbot.waitUntil(lambda: ctl.last is not None and ctl.last.state != "running", timeout=WAIT)
        ctl.step_epoch()
        qtbot.waitUntil(lambda: len(ctl.record.runs) == runs and len(ctl.record.current.epochs) >= 1
                        and ctl.last.state != "running", timeout=WAIT)
        if runs == 1:
            ctl.reset_weights()
    save_as.path = tmp_path / "history"
    file_export_action(window, "Training &History as CSV…").trigger()
    cols = read_csv(tmp_path / "history.csv")
    runs = ctl.record.runs
    assert len(runs) == 2
    assert_column(cols, "run", np.concatenate([[r.number] * len(r.step) for r in runs]))
    assert_column(cols, "step", np.concatenate([r.step.view() for r in runs]))
    assert_column(cols, "mini-batch loss", np.concatenate([r.loss.view() for r in runs]))


def test_file_export_plots_holds_each_training_panels_actions(qtbot, window):
    plots = file_export_action(window, "&Plots").menu()
    titles = [a.text() for a in plots.actions()]
    assert titles == list(window.training_panels)
    for action, panel in zip(plots.actions(), window.training_panels.values()):
        assert action.menu().actions() == [panel.plot_export.plot_action, panel.plot_export.csv_action]
