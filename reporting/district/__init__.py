"""The district server: keys, submissions and their statuses in a SQLite store (``serve --district``)."""
