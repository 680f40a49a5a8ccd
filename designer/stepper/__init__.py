"""The backprop stepper: one sample's forward and backward pass, walked step by step.

A module per part: :mod:`.panel` (``StepperPanel``, the dock that composes
the rest), :mod:`.walk` (the walk's state, no widgets), :mod:`.session` (a
snapshot of the network and core's trace of the sample), :mod:`.picker` and
:mod:`.samples` (which sample), :mod:`.controls` (zoom, moves, slider),
:mod:`.card`, :mod:`.table` and :mod:`.graph` (what the walk shows),
:mod:`.overlay` (the walk on the canvas), :mod:`.update` (Apply update) and
:mod:`.names` (the phases', levels' and shortcuts' names).
"""
