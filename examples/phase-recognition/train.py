#!/usr/bin/env python3
"""Trains the phase-recognition model (a small PyTorch MLP on clip embeddings) on CPU.

    train.py --data data --out out/candidate [--epochs 40 --lr 0.003 --hidden 128 --seed 1]

Reads the train and val splits, reports train/loss, val/loss and val/acc every epoch to the tracker
(service messages and $CT_METRICS_FILE), and writes out/model.pt plus out/model.json.
"""

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

from common import FEATURES, PHASES, load, python_threads
from metrics import Tracker


def build_model(hidden):
    return nn.Sequential(
        nn.Linear(FEATURES, hidden),
        nn.ReLU(),
        nn.Dropout(0.2),
        nn.Linear(hidden, hidden),
        nn.ReLU(),
        nn.Linear(hidden, len(PHASES)),
    )


def evaluate(model, features, labels, loss_fn):
    model.eval()
    with torch.no_grad():
        logits = model(features)
        loss = loss_fn(logits, labels).item()
        accuracy = (logits.argmax(dim=1) == labels).float().mean().item()
    return loss, accuracy


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, type=Path, help="dataset directory")
    parser.add_argument("--out", required=True, type=Path, help="where model.pt and model.json go")
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--lr", type=float, default=0.001)
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dataset-version", default=os.environ.get("CT_DATASET_VERSION", ""),
                        help="recorded in model.json for lineage (default $CT_DATASET_VERSION)")
    args = parser.parse_args(argv)

    torch.manual_seed(args.seed)
    torch.set_num_threads(python_threads())
    tracker = Tracker()
    params = {"lr": args.lr, "epochs": args.epochs, "hidden": args.hidden, "batch": args.batch, "seed": args.seed}
    if args.dataset_version:
        params["dataset.version"] = args.dataset_version
    tracker.params(params)

    train = load(args.data, {"train"})
    val = load(args.data, {"val"})
    sources = sorted(set(train.sources))
    print(f"training on {len(train)} clips from {', '.join(sources)}; validating on {len(val)}", flush=True)

    # Standardise with the training statistics; they travel with the model.
    mean = train.features.mean(axis=0)
    std = train.features.std(axis=0) + 1e-6
    x_train = torch.from_numpy((train.features - mean) / std)
    y_train = torch.from_numpy(train.labels)
    x_val = torch.from_numpy((val.features - mean) / std)
    y_val = torch.from_numpy(val.labels)

    model = build_model(args.hidden)
    optimiser = torch.optim.Adam(model.parameters(), lr=args.lr, weight_decay=1e-4)
    loss_fn = nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(args.seed)
    started = time.time()
    best = (-1.0, None, 0)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        total = 0.0
        for start in range(0, len(order), args.batch):
            batch = order[start:start + args.batch]
            optimiser.zero_grad()
            loss = loss_fn(model(x_train[batch]), y_train[batch])
            loss.backward()
            optimiser.step()
            total += loss.item() * len(batch)
        val_loss, val_acc = evaluate(model, x_val, y_val, loss_fn)
        tracker.metric("train/loss", total / len(x_train), epoch)
        tracker.metric("val/loss", val_loss, epoch)
        tracker.metric("val/acc", val_acc, epoch)
        if epoch == 1 or epoch % 5 == 0 or epoch == args.epochs:
            print(f"epoch {epoch:3d}/{args.epochs}  train/loss {total / len(x_train):.4f}  "
                  f"val/loss {val_loss:.4f}  val/acc {val_acc:.4f}", flush=True)
        if val_acc > best[0]:
            best = (val_acc, {k: v.clone() for k, v in model.state_dict().items()}, epoch)

    # Keep the epoch that validated best (early-stopping by checkpoint).
    model.load_state_dict(best[1])
    args.out.mkdir(parents=True, exist_ok=True)
    model_path = args.out / "model.pt"
    torch.save({"state_dict": model.state_dict(), "hidden": args.hidden, "phases": PHASES,
                "mean": torch.from_numpy(mean), "std": torch.from_numpy(std)}, model_path)
    summary = {
        "model": "phase-recognition-mlp",
        "phases": PHASES,
        "dataset_version": args.dataset_version,
        "trained_on": sources,
        "train_clips": len(train),
        "best_epoch": best[2],
        "val_acc": round(best[0], 6),
        "params": {"lr": args.lr, "epochs": args.epochs, "hidden": args.hidden, "batch": args.batch, "seed": args.seed},
        "sha256": hashlib.sha256(model_path.read_bytes()).hexdigest(),
        "train_seconds": round(time.time() - started, 2),
    }
    (args.out / "model.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    tracker.metric("best/val_acc", best[0], best[2])
    tracker.artifact(str(model_path), "model")
    tracker.close()
    print(f"best val/acc {best[0]:.4f} at epoch {best[2]}; model in {model_path} ({summary['train_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
