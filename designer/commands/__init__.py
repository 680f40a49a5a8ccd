"""Undo commands: every edit a person makes in the designer is one of these.

The shape is orange-canvas-core's: a command only calls the
:class:`~designer.document.Document`'s mutators (``redo: doc.add_node``,
``undo: doc.remove_node``); the canvas and the panels follow the document's
signals, so no command ever touches a view. Deleting nodes is a parent
command with one child per removed connection and per node, so that undo
puts everything back in its old order, weights included.

A command whose edit core would refuse raises :class:`core.spec.SpecError`
in its constructor, before it is pushed: a refused gesture never leaves a
dead entry on the undo stack, and its message goes to the status bar.

One module per kind of edit: :mod:`.base` (the base class and macros),
:mod:`.structure` (nodes, connections, edges, delete, paste), :mod:`.values`
(weights, biases, node properties, fresh weights), :mod:`.layout` (moving
nodes). The training side's commands are in :mod:`designer.training.commands`.
"""
from .base import (DocumentCommand, MOVE_ID, MacroCommand, PROPS_ID, VALUE_ID, new_drag_id)
from .structure import (AddConnectionCommand, AddNodeCommand, ConnectCommand, DisconnectCommand, RemoveNodeCommand,
                        SetEdgeCommand, delete_command, paste_command, restore_edges_command)
from .values import (NewWeightsCommand, ReinitialiseCommand, SetBiasCommand, SetNodePropsCommand, SetWeightCommand)
from .layout import (MoveNodesCommand, auto_layout_command)

__all__ = [
    "AddConnectionCommand",
    "AddNodeCommand",
    "ConnectCommand",
    "DisconnectCommand",
    "DocumentCommand",
    "MOVE_ID",
    "MacroCommand",
    "MoveNodesCommand",
    "NewWeightsCommand",
    "PROPS_ID",
    "ReinitialiseCommand",
    "RemoveNodeCommand",
    "SetBiasCommand",
    "SetEdgeCommand",
    "SetNodePropsCommand",
    "SetWeightCommand",
    "VALUE_ID",
    "auto_layout_command",
    "delete_command",
    "new_drag_id",
    "paste_command",
    "restore_edges_command",
]
