#!/usr/bin/env python3
"""Writes the CSV pair of the whole-process drift benchmark (issue #14): reference.csv and current.csv,
ROWS rows x 10 numeric columns each, from a fixed seed, so every run compares the same bytes.
Usage: python3 bench/generate-drift-csv.py OUT_DIR [ROWS]   (default 500000 rows)
Columns: c0..c9 with different shapes (normal, uniform, exponential, lognormal, integer counts,
0/1 flags); the current file shifts or widens half of them. Column c7 has ~0.1% empty cells
(missing values: NaN to pandas, left out by steward)."""
import os
import random
import sys

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 500_000
os.makedirs(out, exist_ok=True)


def write(path, seed, shifted):
    rng = random.Random(seed)
    g, u, e, lg, ri = rng.gauss, rng.random, rng.expovariate, rng.lognormvariate, rng.randint
    s = 0.3 if shifted else 0.0
    w = 1.2 if shifted else 1.0
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\n")
        lines = []
        for i in range(rows):
            c7 = "" if u() < 0.001 else f"{g(100.0, 15.0):.4f}"
            lines.append(
                f"{g(0.0, 1.0):.6f},{g(s, 1.0):.6f},{u():.6f},{u() * w:.6f},{e(1.0):.6f},"
                f"{lg(0.0, 0.5 * w):.6f},{ri(0, 1000)},{c7},{ri(0, 1) if u() < 0.5 + s / 3 else 0},{g(5.0, 2.0 * w):.3f}\n")
            if len(lines) == 10000:
                f.write("".join(lines))
                lines.clear()
        f.write("".join(lines))


write(os.path.join(out, "reference.csv"), 14, False)
write(os.path.join(out, "current.csv"), 15, True)
