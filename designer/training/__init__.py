"""Live training: a worker thread, the controller that ties it to the document, the controls dock.

See :mod:`designer.training.worker` (the thread and its snapshots),
:mod:`designer.training.controller` (Play/Pause/Step/Reset, the document
side) and :mod:`designer.training.controls` (the dock a person uses).
"""
