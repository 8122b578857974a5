"""Training: the scenario library, practice attempts and their marking, records and cohorts.

`library` holds the scenarios (the shipped files and the organisation's own copies);
`attempts` starts, submits and accepts practice attempts through the same services as a live
assessment; `marking` reads an attempt the way `eia.training.marking` needs it and keeps what
each submission found; `records` answers the facilitators' and trainees' questions (training
records, attempts to review, cohorts).
"""
