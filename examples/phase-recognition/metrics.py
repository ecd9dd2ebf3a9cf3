"""Sends metrics to the experiment tracker the way any training script can.

Two channels, read by ``ct track run`` and by the Jenkins ``trackExperiment`` step alike:
* ``##ct[...]`` service messages on stdout, read from the console as they are printed;
* JSON lines appended to ``$CT_METRICS_FILE``, which the tracker sets and reads as it grows.

The tracker reads both, so a metric point goes to exactly one of them (sent twice, it would be
counted twice): to the file when ``$CT_METRICS_FILE`` is set, else to stdout. Parameters go to both
(setting one twice changes nothing); artifacts are announced on stdout, the only channel for them.
"""

import json
import os
import sys
import time


def _escape(value):
    # TeamCity-style escaping: | ' [ ] and line breaks.
    text = str(value)
    for raw, escaped in (("|", "||"), ("'", "|'"), ("[", "|["), ("]", "|]"), ("\n", "|n"), ("\r", "|r")):
        text = text.replace(raw, escaped)
    return text


class Tracker:
    def __init__(self, stream=sys.stdout):
        self.stream = stream
        path = os.environ.get("CT_METRICS_FILE")
        self.file = open(path, "a", encoding="utf-8") if path else None

    def params(self, values):
        for key, value in values.items():
            self._message("param", key=key, value=value)
        self._json({"params": values})

    def metric(self, key, value, step):
        if self.file:
            self._json({"key": key, "value": float(value), "step": int(step), "ts": time.time()})
        else:
            self._message("metric", key=key, value=f"{value:.6g}", step=step)

    def artifact(self, path, role):
        self._message("artifact", path=path, role=role)

    def _message(self, kind, **attributes):
        body = " ".join(f"{k}='{_escape(v)}'" for k, v in attributes.items())
        print(f"##ct[{kind} {body}]", file=self.stream, flush=True)

    def _json(self, record):
        if self.file:
            self.file.write(json.dumps(record) + "\n")
            self.file.flush()

    def close(self):
        if self.file:
            self.file.close()
