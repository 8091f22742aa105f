"""The Qt binding keeps Python's reference counts right over a long session."""

import sys

import pytest
from PySide6.QtWidgets import QComboBox, QLabel


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_calls_that_return_nothing_keep_none_alive(qtbot):
    # A binding that returns None without counting it (PySide6 6.12.0) loses one reference
    # per call; a session of a few tens of thousands of calls then aborts the program.
    combo, label = QComboBox(), QLabel()
    qtbot.addWidget(combo)
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for index in range(2000):
        combo.addItem(str(index), index)
        combo.setItemData(index, index)
        label.setText(str(index))
        combo.setEnabled(index % 2 == 0)
    assert sys.getrefcount(None) - before > -100
