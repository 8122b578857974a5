"""Training: practising equality impact analysis on fictional scenarios.

A scenario is data (one TOML file under `scenarios/`): a brief, an evidence pack, a model
answer with its marking points, and facilitator notes. `eia.training.scenario` reads and
checks scenario files; `eia.training.marking` compares a trainee's attempt with the model
answer. The code here is pure Python: it knows the question framework (`eia.framework`) but
nothing of Flask or the database, so the pages and services can be built on top of it and it
can be tested on its own.
"""
