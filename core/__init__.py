"""Backprop Studio's headless engine: networks, training, the backprop trace, data and files, without Qt."""
