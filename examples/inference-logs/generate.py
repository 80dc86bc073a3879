#!/usr/bin/env python3
"""Generates the sample monitoring data of examples/ (run from anywhere; standard library only).

Writes
  examples/governance/data/credit-scoring-reference.csv   600 rows: the model's validation set
  examples/governance/data/support-chat-reference.csv     300 rows: tickets the LLM was evaluated on
  examples/inference-logs/credit-scoring.csv              900 rows: 5 days (2026-03-02..06) of logged decisions
  examples/inference-logs/support-chat.csv                450 rows: 3 days (2026-03-04..06) of logged answers
  examples/governance/data/doc-embeddings-reference.csv  300 rows: search queries the embedding model was validated on
  examples/inference-logs/doc-embeddings.jsonl           480 rows: 3 days (2026-03-04..06) of embedded queries

The same seed gives the same files on every Python 3: only random.Random(seed).random() is used (its
sequence is guaranteed across versions), normal variates come from Box-Muller here.

Story (credit-scoring 1.3.0): each applicant has a latent creditworthiness q in (0, 1), stratified per
day and protected group (sex x age band) so that every group gets the same spread of q. The model's
score is sigmoid(16 (q - 0.45)), approved = score >= 0.5, and the loan is repaid with probability
sigmoid(16 (q - 0.45)) - a calibrated model. From 2026-03-05 the economy turns: incomes fall by a
quarter, loans grow by 30 %, debt-to-income rises by 0.08, loans are repaid with probability
sigmoid(16 (q - 0.72)) only, and the model, reading the shifted features, approves applicants aged
18-29 far less (score sigmoid(16 (q - 0.45) - 3)). The monitor finds data drift, a demographic parity
ratio below 0.8 and falling accuracy on those two days. support-chat has no shift.

Story (doc-embeddings 1.0.0): the log keeps an 8-dimensional projection of each query's embedding. Queries
are about three topics (shares 0.5, 0.3, 0.2), each a Gaussian cloud (standard deviation 0.5 per dimension)
around its centroid. On 2026-03-06 a new product's documentation goes live and 60 % of the queries are
about it, a fourth centroid: no per-column test is meant for vectors, but the domain classifier of the
Monitor's multivariate_auc tells that day's queries from the reference ones.
"""
import csv
import json
import math
import os
import random
from datetime import datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "governance", "data")


def normal(rng):
    # Box-Muller: two uniforms give one standard normal variate.
    u1, u2 = rng.random(), rng.random()
    return math.sqrt(-2.0 * math.log(1.0 - u1)) * math.cos(2.0 * math.pi * u2)


def sigmoid(x):
    return 1.0 / (1.0 + math.exp(-x))


def pick(rng, weighted):
    r = rng.random()
    for value, weight in weighted:
        if r < weight:
            return value
        r -= weight
    return weighted[-1][0]


GROUPS = [(sex, age) for sex in ("F", "M") for age in ("18-29", "30-49", "50+")]


def applicants(rng, per_group, shifted):
    """One block of applicants: per_group rows of each protected group, q stratified in each group, shuffled."""
    rows = []
    for sex, age in GROUPS:
        qs = [(j + rng.random()) / per_group for j in range(per_group)]
        rng.shuffle(qs)
        for q in qs:
            rows.append(applicant(rng, q, sex, age, shifted))
    rng.shuffle(rows)
    return rows


def applicant(rng, q, sex, age, shifted):
    years = {"18-29": 4, "30-49": 14, "50+": 25}[age]
    income = (24000 + 80000 * q + 9000 * normal(rng)) * (0.75 if shifted else 1.0)
    loan = (4000 + 16000 * rng.random() + 6000 * (1 - q)) * (1.3 if shifted else 1.0)
    dti = 0.08 + 0.35 * (1 - q) + 0.05 * normal(rng) + (0.08 if shifted else 0.0)
    history = years * 12 * (0.5 + rng.random()) + 24 * q
    employment = max(0, round(years * (0.3 + 0.7 * q) * (0.6 + 0.8 * rng.random())))
    score = sigmoid(16 * (q - 0.45) - (3.0 if shifted and age == "18-29" else 0.0))
    repaid = rng.random() < sigmoid(16 * (q - (0.72 if shifted else 0.45)))
    return {
        "income": int(round(max(income, 9000), -2)),
        "loan_amount": int(round(loan, -2)),
        "debt_to_income": round(min(max(dti, 0.01), 0.95), 3),
        "credit_history_months": round(history),
        "employment_years": employment,
        "home_ownership": pick(rng, [("rent", 0.45 - 0.2 * q), ("mortgage", 0.4 + 0.1 * q), ("own", 1.0)]),
        "purpose": pick(rng, [("car", 0.25), ("home_improvement", 0.2), ("education", 0.1), ("business", 0.1), ("debt_consolidation", 1.0)]),
        "sex": sex,
        "age_band": age,
        "score": round(score, 4),
        "approved": "yes" if score >= 0.5 else "no",
        "repaid": "yes" if repaid else "no",
    }


CREDIT_COLUMNS = ["income", "loan_amount", "debt_to_income", "credit_history_months", "employment_years",
                  "home_ownership", "purpose", "sex", "age_band", "score", "approved", "repaid"]


def credit_scoring(rng):
    reference = applicants(rng, 100, shifted=False)
    write(os.path.join(DATA, "credit-scoring-reference.csv"), CREDIT_COLUMNS, reference)
    log = []
    start = datetime(2026, 3, 2)
    for day in range(5):
        block = applicants(rng, 30, shifted=day >= 3)
        for i, row in enumerate(block):
            # Spread over the day: 180 requests, one every 8 minutes, with a few seconds of jitter.
            ts = start + timedelta(days=day, seconds=i * 480 + int(rng.random() * 60))
            log.append({"timestamp": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "request_id": f"cs-{day + 2:02d}-{i:04d}", **row})
    write(os.path.join(HERE, "credit-scoring.csv"), ["timestamp", "request_id"] + CREDIT_COLUMNS, log)


def tickets(rng, n):
    rows = []
    regions = ["EU", "NA", "APAC"]
    per_region = n // len(regions)
    for region in regions:
        qs = [(j + rng.random()) / per_region for j in range(per_region)]
        rng.shuffle(qs)
        for q in qs:
            prompt = round(120 + 900 * rng.random() ** 2)
            completion = round(80 + 350 * rng.random() + 0.2 * prompt)
            rows.append({
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "latency_ms": round(350 + 9.5 * completion + 60 * normal(rng)),
                "customer_region": region,
                "resolved": 1 if q >= 0.3 else 0,
                "resolved_by_human_review": 1 if rng.random() < (0.9 if q >= 0.3 else 0.2) else 0,
            })
    rng.shuffle(rows)
    return rows


CHAT_COLUMNS = ["prompt_tokens", "completion_tokens", "latency_ms", "customer_region", "resolved", "resolved_by_human_review"]


def support_chat(rng):
    write(os.path.join(DATA, "support-chat-reference.csv"), CHAT_COLUMNS, tickets(rng, 300))
    log = []
    start = datetime(2026, 3, 4)
    for day in range(3):
        for i, row in enumerate(tickets(rng, 150)):
            ts = start + timedelta(days=day, seconds=i * 576)
            log.append({"timestamp": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "request_id": f"sc-{day + 4:02d}-{i:04d}", **row})
    write(os.path.join(HERE, "support-chat.csv"), ["timestamp", "request_id"] + CHAT_COLUMNS, log)


TOPIC_SHARES = [0.5, 0.3, 0.2]
PER_DAY = 160
NEW_TOPIC_SHARE = 0.6


def queries(rng, centroids, n, new_topic_share):
    """n query embeddings: a topic drawn by its share (the new topic, centroids[3], with new_topic_share), plus noise."""
    rows = []
    for _ in range(n):
        if rng.random() < new_topic_share:
            topic = 3
        else:
            topic = pick(rng, [(t, share) for t, share in enumerate(TOPIC_SHARES)])
        rows.append([round(c + 0.5 * normal(rng), 4) for c in centroids[topic]])
    return rows


def doc_embeddings(rng):
    centroids = [[round(1.5 * normal(rng), 4) for _ in range(8)] for _ in range(4)]
    reference = [{"embedding": json.dumps(e)} for e in queries(rng, centroids, 300, 0.0)]
    write(os.path.join(DATA, "doc-embeddings-reference.csv"), ["embedding"], reference)
    start = datetime(2026, 3, 4)
    with open(os.path.join(HERE, "doc-embeddings.jsonl"), "w", newline="") as f:
        for day in range(3):
            for i, e in enumerate(queries(rng, centroids, PER_DAY, NEW_TOPIC_SHARE if day == 2 else 0.0)):
                ts = start + timedelta(days=day, seconds=i * (86400 // PER_DAY))
                row = {"timestamp": ts.strftime("%Y-%m-%dT%H:%M:%SZ"), "request_id": f"de-{day + 4:02d}-{i:04d}", "embedding": e}
                f.write(json.dumps(row) + "\n")


def write(path, columns, rows):
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row[c] for c in columns})


if __name__ == "__main__":
    credit_scoring(random.Random(20260302))
    support_chat(random.Random(20260304))
    doc_embeddings(random.Random(20260306))
