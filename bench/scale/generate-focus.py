#!/usr/bin/env python3
"""A FOCUS export as CSV for the PostgreSQL scale figures: the shape of bench/Steward.Benchmarks'
FocusParquetFile (hourly charges over 90 days, 3 providers, 50 services, 10 regions, 100,000
resources, 20 teams and 2 environments in Tags). Values are arithmetic on the row number, so every
run writes the same file. Usage: generate-focus.py ROWS OUT.csv"""
import sys
from datetime import datetime, timedelta

rows, out = int(sys.argv[1]), sys.argv[2]
base = datetime(2025, 1, 1)
hours = [(base + timedelta(hours=h)).strftime("%Y-%m-%dT%H:%M:%SZ") for h in range(2161)]
providers = ["AWS", "Microsoft", "Google Cloud"]
envs = ["dev", "prod"]
with open(out, "w", newline="") as f:
    f.write("BilledCost,EffectiveCost,ListCost,BillingCurrency,ChargePeriodStart,ChargePeriodEnd,BillingPeriodStart,"
            "BillingPeriodEnd,ProviderName,ServiceName,ChargeCategory,RegionId,ResourceId,Tags\n")
    write = f.write
    for i in range(rows):
        k = i % 997
        h = i % 2160
        write(f"{k / 100:.6f},{k / 120:.6f},{k / 90:.6f},USD,{hours[h]},{hours[h + 1]},2025-01-01T00:00:00Z,2025-04-01T00:00:00Z,"
              f"{providers[i % 3]},service-{i % 50},Usage,region-{i % 10},resource-{i % 100000},"
              f"\"{{\"\"team\"\": \"\"team-{i % 20}\"\", \"\"env\"\": \"\"{envs[i % 2]}\"\"}}\"\n")
