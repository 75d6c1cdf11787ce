"""The layout stage: how each table of inputs/ is read, as data the user can see, save and edit.

read → **layout** → validate.  The reader infers a layout for every table (header row, what
each column holds, wide or long, what the count cells hold) and records it here; ``make-report
describe`` prints it, ``--write`` saves it as ``inputs/layout.toml``, and when that file exists
the reader follows it strictly instead of inferring.
"""
