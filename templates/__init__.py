"""The document templates and the shipped font, installed as package data (``reporting.templates``).

Restyle the Word templates in Word or LibreOffice; keep the ``{{ … }}`` tags.
"""
