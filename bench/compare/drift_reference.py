#!/usr/bin/env python3
"""The reference job of bench/compare/drift.sh: what `steward analyze drift --method ks` computes, done
with pandas and scipy — read both CSV files, then per column the two-sample KS test of the non-missing
values. Prints one line per column (statistic, p-value) so that the outputs can be compared.
Usage: python3 drift_reference.py REFERENCE.csv CURRENT.csv"""
import sys

import pandas as pd
from scipy import stats

reference = pd.read_csv(sys.argv[1])
current = pd.read_csv(sys.argv[2])
for column in sorted(reference.columns):
    result = stats.ks_2samp(reference[column].dropna().to_numpy(float), current[column].dropna().to_numpy(float))
    print(f"{column} {result.statistic!r} {result.pvalue!r}")
