#!/usr/bin/env python3
"""Generates the example dataset: labelled clip embeddings from one or more hospitals.

    generate_data.py --out data --sources hospital-a,hospital-b      # the first data
    generate_data.py --out data --sources hospital-c                 # later: a new hospital arrives

Deterministic: the same seed gives byte-identical files, and each source has its own random stream,
so adding a source never changes the files of the others (their content hashes stay the same).

Every hospital films with different equipment, so its embeddings are a distorted view of the same
phases: a random linear mix and offset per source. hospital-c's distortion is stronger and its
phase mix differs: a model that never saw it does worse there, which is why new data matters.
"""

import argparse
import io
import hashlib
import sys
from pathlib import Path

import numpy as np

from common import FEATURES, PHASES

# How far each known source's camera distorts the shared phase signal (unknown sources: 0.8).
DISTORTION = {"hospital-a": 0.15, "hospital-b": 0.25, "hospital-c": 0.8}
NOISE = 1.0
SEPARATION = 0.38


def stream(seed, name):
    digest = hashlib.sha256(f"{seed}:{name}".encode("utf-8")).digest()
    return np.random.default_rng(int.from_bytes(digest[:8], "little"))


def generate(out, source, clips, seed):
    phase_means = stream(seed, "phases").normal(0.0, SEPARATION, size=(len(PHASES), FEATURES))
    rng = stream(seed, source)
    distortion = DISTORTION.get(source, 0.8)
    mix = np.eye(FEATURES) + distortion * rng.normal(0.0, 1.0 / np.sqrt(FEATURES), size=(FEATURES, FEATURES))
    offset = distortion * rng.normal(0.0, 1.0, size=FEATURES)
    # Phases are not equally long, and each hospital's recordings weigh them differently.
    weights = rng.dirichlet(np.full(len(PHASES), 4.0))
    labels = rng.choice(len(PHASES), size=clips, p=weights)
    written = 0
    for index, label in enumerate(labels):
        signal = phase_means[label] + rng.normal(0.0, NOISE, size=FEATURES)
        vector = (mix @ signal + offset).astype(np.float32)
        path = out / source / PHASES[label] / f"clip-{index:05d}.npy"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != _npy_bytes(vector):
            np.save(path, vector)
            written += 1
    return written


def _npy_bytes(vector):
    buffer = io.BytesIO()
    np.save(buffer, vector)
    return buffer.getvalue()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, type=Path, help="dataset directory (created if missing)")
    parser.add_argument("--sources", required=True, help="comma-separated hospital names, e.g. hospital-a,hospital-b")
    parser.add_argument("--clips", type=int, default=1500, help="clips per source (default 1500)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    args = parser.parse_args(argv)
    sources = [s.strip() for s in args.sources.split(",") if s.strip()]
    if not sources or args.clips <= 0:
        parser.error("give at least one source and a positive --clips")
    for source in sources:
        written = generate(args.out, source, args.clips, args.seed)
        unchanged = args.clips - written
        note = f" ({unchanged} already there)" if unchanged else ""
        print(f"{source}: {args.clips} clips in {args.out / source}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
