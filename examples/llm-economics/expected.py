# Independent figures for examples/llm-economics (and the tests that copy its files into tests/TestSupport/TokenFixture.cs).
# Run: cd examples/llm-economics && python3 expected.py
# Independent computation of the token economics expected in TokenEconomicsTests (csv + decimal, no Steward code).
import csv, json
from decimal import Decimal as D
units = {"Tokens": D(1), "1K Tokens": D(1000), "1M Tokens": D(10**6), "1000 Tokens": D(1000)}
def direction(r):
    t = (r["SkuId"] + " " + r["ChargeDescription"]).lower()
    if "cache" in t: return "cached"
    if any(w in t for w in ["output", "outp", "completion", "generated"]): return "output"
    if any(w in t for w in ["input", "inp", "prompt"]): return "input"
    return "other"
api = {}
for r in csv.DictReader(open("focus-ai-tokens.csv")):
    if r["PricingUnit"] not in units and r["ConsumedUnit"] not in units: continue
    tags = json.loads(r["Tags"])
    key = (tags.get("steward.dev/model", "__unallocated__"), tags.get("steward.dev/model-version", "__unallocated__"), tags.get("team", "__unallocated__"))
    if r["ConsumedQuantity"] and r["ConsumedUnit"] in units: tok = D(r["ConsumedQuantity"]) * units[r["ConsumedUnit"]]
    elif r["PricingQuantity"] and r["PricingUnit"] in units: tok = D(r["PricingQuantity"]) * units[r["PricingUnit"]]
    else: tok = D(0)
    a = api.setdefault(key, {"input": D(0), "cached": D(0), "output": D(0), "other": D(0), "cost": D(0), "input_cost": D(0), "output_cost": D(0)})
    d = direction(r)
    a[d] += tok; a["cost"] += D(r["BilledCost"])
    if d in ("input", "cached"): a["input_cost"] += D(r["BilledCost"])
    if d == "output": a["output_cost"] += D(r["BilledCost"])
for k, a in sorted(api.items()):
    inp = a["input"] + a["cached"]
    print(k, "input", inp, "cached", a["cached"], "output", a["output"], "other", a["other"], "cost", a["cost"], "in_cost", a["input_cost"], "out_cost", a["output_cost"],
          "per1M_in", a["input_cost"] / inp * 10**6 if inp else None, "per1M_out", a["output_cost"] / a["output"] * 10**6 if a["output"] else None,
          "per1M", a["cost"] / (inp + a["output"] + a["other"]) * 10**6)
fam = [a for k, a in api.items() if k[0] == "mistral-api"]
fin = sum(a["input_cost"] for a in fam); ftin = sum(a["input"] + a["cached"] for a in fam)
fout = sum(a["output_cost"] for a in fam); ftout = sum(a["output"] for a in fam)
print("family mistral-7b api input per 1M", fin / ftin * 10**6, "output per 1M", fout / ftout * 10**6)
# self-hosted chat 2.0: the log rows in the usage period [00:00, 02:00)
P = C = K = N = 0; mod = {}
for r in csv.DictReader(open("chat.csv")):
    if not r["timestamp"] < "2026-11-01T02:00:00Z": continue
    p = int(r["prompt_tokens"] or r["input_tokens"]); c = int(r["completion_tokens"] or r["output_tokens"]); k = int(r["cached_tokens"] or 0)
    P += p; C += c; K += k; N += 1
    m = mod.setdefault(r["modality"], [0, 0, 0, 0]); m[0] += 1; m[1] += p; m[2] += c; m[3] += k
# usage: 2 hours of 4 cores (request > usage) at 0.04, 16 GiB at 0.005, 1 GPU at 2.5; node capacity = requests, so no idle
cost = 2 * (4 * D("0.04") + 16 * D("0.005") + 1 * D("2.5"))
print("self-hosted N", N, "P", P, "C", C, "K", K, "modalities", mod, "cost", cost, "per1M", cost / (P + C) * 10**6, "gpu per 1000", D(2) / N * 1000)
eq = D(P) * fin / ftin + D(C) * fout / ftout
print("api equivalent", eq, "declared at 1.0/1M", D(P + C) / 10**6)
# Monitor metrics per hourly window of the whole log: refusal_rate = refused / rows, judge_score = mean
import math
for h in ["00", "01", "02"]:
    w = [r for r in csv.DictReader(open("chat.csv")) if r["timestamp"][11:13] == h]
    print("hour", h, "rows", len(w), "refusal_rate", sum(r["refused"] == "true" for r in w) / len(w),
          "judge_score", repr(math.fsum(float(r["judge_score"]) for r in w) / len(w)))
