"""One module per kind of page; each view reads ``request.app.state`` and calls ``reporting.api``."""
