"""Faults made real: processes killed, the database lost or full, the mail server down."""
