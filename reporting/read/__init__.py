"""Read stage: open workbooks safely and turn sheets into located raw tables."""
