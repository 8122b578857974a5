"""The floor for the load benchmark: one bare Flask route, served exactly as Due Regard is.

`bench/load.py` runs this under gunicorn with the same workers and threads as the application
and sends it the same pattern of requests, so the difference between the two is what Due
Regard itself costs, not gunicorn, Flask or the client. Keep it bare: no database, no
templates, no sessions.
"""

from flask import Flask

app = Flask(__name__)


@app.route("/", methods=["GET", "POST"])
def floor():
    return "ok"
