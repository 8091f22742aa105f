"""The desktop window: Qt widgets and item models over service results."""
