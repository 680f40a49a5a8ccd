"""Test configuration shared by every test folder.

Qt must run offscreen on machines without a display, and the person running
the tests should not have to set anything: set it before any Qt import.
"""
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
