#!/usr/bin/env python3
"""Writes the FOCUS cost export of the dashboard benchmark: DAYS days (default 365, ending 2026-11-30) of
daily charges for TEAMS teams (default 50), three services each (tag team=team-NN, ServiceName), every row
a copy of the first charge of ../shared/data/focus/focus_sample.csv with its period, cost, service,
resource and tags replaced. Deterministic (fixed seed): a weekly pattern, a slow trend and noise, and a
spike on a few days so that the anomaly detector has something to find.
Usage: python3 bench/dashboard/generate-focus.py OUT.csv [TEAMS] [DAYS]"""
import csv
import datetime
import json
import os
import random
import re
import sys

out = sys.argv[1]
teams = int(sys.argv[2]) if len(sys.argv) > 2 else 50
days = int(sys.argv[3]) if len(sys.argv) > 3 else 365
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sample = os.path.join(root, "..", "shared", "data", "focus", "focus_sample.csv")
with open(sample, newline="") as f:
    header_line = f.readline().rstrip("\r\n")
    template_line = f.readline().rstrip("\r\n")
header = next(csv.reader([header_line]))
# The fields as written (quoted or not), so that every column keeps the sample's quoting and types.
template = re.findall(r'(?:^|,)("(?:[^"]|"")*"|[^,]*)', template_line)
assert len(template) == len(header), (len(template), len(header))
col = {name: i for i, name in enumerate(header)}
rng = random.Random(16)
services = ["Amazon Elastic Compute Cloud", "Amazon Simple Storage Service", "Amazon SageMaker"]
last = datetime.date(2026, 11, 30)
first = last - datetime.timedelta(days=days - 1)


def fmt(d):
    return q(d.strftime("%Y-%m-%d %H:%M:%S"))


def q(text):
    return '"' + text.replace('"', '""') + '"'


with open(out, "w", newline="") as f:
    f.write(header_line + "\n")
    for t in range(teams):
        team = f"team-{t:02d}"
        base = 20 + rng.random() * 200
        for s, service in enumerate(services):
            share = (0.6, 0.25, 0.15)[s]
            for n in range(days):
                day = first + datetime.timedelta(days=n)
                weekly = 1.0 if day.weekday() < 5 else 0.7
                cost = base * share * weekly * (1 + n / days * 0.3) * (1 + rng.gauss(0, 0.05))
                if rng.random() < 0.002:
                    cost *= 4
                cost = round(max(cost, 0.01), 6)
                row = list(template)
                month = day.replace(day=1)
                next_month = (month + datetime.timedelta(days=32)).replace(day=1)
                row[col["ChargePeriodStart"]] = fmt(day)
                row[col["ChargePeriodEnd"]] = fmt(day + datetime.timedelta(days=1))
                row[col["BillingPeriodStart"]] = fmt(month)
                row[col["BillingPeriodEnd"]] = fmt(next_month)
                for money in ("BilledCost", "EffectiveCost", "ListCost", "ContractedCost"):
                    row[col[money]] = f"{cost:.6f}"
                row[col["ServiceName"]] = q(service)
                row[col["ResourceId"]] = q(f"arn:bench:{team}:{s}")
                row[col["Tags"]] = q(json.dumps({"team": team}, separators=(",", ":")))
                f.write(",".join(row) + "\n")
