"""Shared pieces of the phase-recognition example: the dataset layout, the splits, the model.

Each sample is one file, ``<source>/<phase>/<clip-id>.npy``: a 64-value embedding of a short clip
of a laparoscopic cholecystectomy video (what a frozen video encoder would produce), labelled with
the surgical phase it shows (the seven Cholec80 phases). The source is the hospital it came from.
"""

import hashlib
from pathlib import Path

import numpy as np

PHASES = [
    "preparation",
    "calot-triangle-dissection",
    "clipping-cutting",
    "gallbladder-dissection",
    "gallbladder-packaging",
    "cleaning-coagulation",
    "gallbladder-retraction",
]
FEATURES = 64
TEST_PERCENT = 20
VAL_PERCENT = 10


def split_of(clip_id):
    """train, val or test, fixed per clip id so that a clip never changes side when data grows."""
    bucket = int(hashlib.sha256(clip_id.encode("utf-8")).hexdigest()[:8], 16) % 100
    if bucket < TEST_PERCENT:
        return "test"
    if bucket < TEST_PERCENT + VAL_PERCENT:
        return "val"
    return "train"


class Samples:
    """The clips of one or more splits, in a stable order (sorted by id)."""

    def __init__(self, ids, sources, labels, features):
        self.ids = ids
        self.sources = sources
        self.labels = np.asarray(labels, dtype=np.int64)
        self.features = np.asarray(features, dtype=np.float32).reshape(len(ids), FEATURES)

    def __len__(self):
        return len(self.ids)


def load(root, splits):
    """Reads every clip under ``root`` whose split is in ``splits``."""
    root = Path(root)
    if not root.is_dir():
        raise SystemExit(f"no dataset at {root}: run generate_data.py first")
    found = []
    for path in root.glob("*/*/*.npy"):
        source, phase = path.parent.parent.name, path.parent.name
        if phase not in PHASES:
            raise SystemExit(f"{path}: unknown phase directory '{phase}' (expected one of {', '.join(PHASES)})")
        clip_id = f"{source}/{path.stem}"
        if split_of(clip_id) in splits:
            found.append((clip_id, source, PHASES.index(phase), path))
    if not found:
        raise SystemExit(f"no {'/'.join(sorted(splits))} clips under {root}")
    found.sort()
    features = []
    for clip_id, _, _, path in found:
        vector = np.load(path)
        if vector.shape != (FEATURES,):
            raise SystemExit(f"{path}: expected {FEATURES} values, found shape {vector.shape}")
        features.append(vector)
    return Samples([f[0] for f in found], [f[1] for f in found], [f[2] for f in found], features)


def python_threads():
    """One thread: the model is small, and more threads only fight over a shared CI machine's cores."""
    return 1
