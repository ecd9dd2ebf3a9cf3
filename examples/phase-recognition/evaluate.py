#!/usr/bin/env python3
"""Evaluates a trained model on the test split and writes per-example results for the gate.

    evaluate.py --model out/candidate/model.pt --data data --out eval/candidate.jsonl
    evaluate.py --model-from deploy/models.yaml --key models.phase-recognition --data data --out eval/production.jsonl

One JSON line per test clip: id, source (the slice), label, prediction, correct (1/0), score (the
probability given to the true phase), dataset_version. The gate compares two such files clip by
clip, so both must come from the same test set. A summary with accuracy per source goes to stdout.
"""

import argparse
import json
import os
import shutil
import sys
import tempfile
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

import torch
import yaml

from common import PHASES, load, python_threads
from train import build_model


def load_model(path):
    if not path.is_file():
        raise SystemExit(f"no model at {path}")
    saved = torch.load(path, map_location="cpu")
    if saved.get("phases") != PHASES:
        raise SystemExit(f"{path}: trained for phases {saved.get('phases')}, not {PHASES}")
    model = build_model(saved["hidden"])
    model.load_state_dict(saved["state_dict"])
    model.eval()
    return model, saved["mean"].numpy(), saved["std"].numpy()


def model_file(uri):
    """A local path for a model given as a path, a file:// URI or an http(s) URL (downloaded)."""
    parsed = urllib.parse.urlparse(str(uri))
    if parsed.scheme in ("http", "https"):
        target = Path(tempfile.mkdtemp(prefix="ct-model-")) / "model.pt"
        with urllib.request.urlopen(uri, timeout=60) as response, open(target, "wb") as out:
            shutil.copyfileobj(response, out)
        return target
    if parsed.scheme == "file":
        return Path(urllib.request.url2pathname(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:
        raise SystemExit(f"cannot read a model from '{uri}': use a path, file:// or http(s)://")
    return Path(uri)


def uri_from_config(config, key):
    """The uri of the model deployed under a dotted key of a deployment config (deploy/models.yaml)."""
    node = yaml.safe_load(Path(config).read_text(encoding="utf-8"))
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise SystemExit(f"{config}: no '{key}' (missing '{part}')")
        node = node[part]
    if not isinstance(node, dict) or not node.get("uri"):
        raise SystemExit(f"{config}: '{key}' has no uri: nothing is deployed there yet")
    return node["uri"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", help="model.pt written by train.py: a path, file:// URI or http(s) URL")
    source.add_argument("--model-from", metavar="CONFIG", help="the model deployed in this config (with --key)")
    parser.add_argument("--key", default="models.phase-recognition", help="dotted key in --model-from's config")
    parser.add_argument("--data", required=True, type=Path, help="dataset directory")
    parser.add_argument("--out", required=True, type=Path, help="per-example results (.jsonl)")
    parser.add_argument("--dataset-version", default=os.environ.get("CT_DATASET_VERSION", ""),
                        help="the test set's dataset version, written on every line (default $CT_DATASET_VERSION)")
    args = parser.parse_args(argv)
    torch.set_num_threads(python_threads())

    uri = args.model or uri_from_config(args.model_from, args.key)
    model, mean, std = load_model(model_file(uri))
    test = load(args.data, {"test"})
    with torch.no_grad():
        probabilities = torch.softmax(model(torch.from_numpy((test.features - mean) / std)), dim=1)
    predictions = probabilities.argmax(dim=1)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    per_source = defaultdict(lambda: [0, 0])
    with open(args.out, "w", encoding="utf-8") as out:
        for i, clip_id in enumerate(test.ids):
            label, prediction = int(test.labels[i]), int(predictions[i])
            correct = int(label == prediction)
            row = {"id": clip_id, "source": test.sources[i], "label": PHASES[label],
                   "prediction": PHASES[prediction], "correct": correct,
                   "score": round(float(probabilities[i, label]), 6)}
            if args.dataset_version:
                row["dataset_version"] = args.dataset_version
            out.write(json.dumps(row) + "\n")
            per_source[test.sources[i]][0] += correct
            per_source[test.sources[i]][1] += 1
    total = sum(c for c, _ in per_source.values())
    print(f"{uri}: accuracy {total / len(test):.4f} on {len(test)} test clips -> {args.out}")
    for source in sorted(per_source):
        right, count = per_source[source]
        print(f"  {source:<12} {right / count:.4f}  ({count} clips)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
