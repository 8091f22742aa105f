"""ReportLab documents drawn from prepared dataclasses; never a database query while drawing."""
