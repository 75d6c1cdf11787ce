"""Compute stage: the quarter's figures as one model every renderer reads."""
