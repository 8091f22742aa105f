"""Qt item models over the rows the services return."""
