#!/usr/bin/env python3
"""Writes the governance repository of the whole-process check benchmark (issue #14): OBJECTS objects
(default 5000) in the layout of examples/governance — steward.yaml and the example policies copied from
it, 50 models with two versions each (models/), 20 team budgets (budgets/), and per service a file with
a Deployment (labels for cost allocation and the model, an inference container) and its Service, a
ConfigMap every tenth service. Deterministic (fixed seed), so every run checks the same bytes; some
objects break rules on purpose (an unapproved registry, a missing limit, a CPU limit above 2 for the
inference container, a model version below the fairness floor) so that every check has findings to
report. Usage: python3 bench/generate-check-repo.py OUT_DIR [OBJECTS]"""
import os
import random
import shutil
import sys

out = sys.argv[1]
objects = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
example = os.path.join(root, "examples", "governance")
rng = random.Random(14)
if os.path.exists(out):
    shutil.rmtree(out)
for folder in ("manifests", "models", "budgets", "policies"):
    os.makedirs(os.path.join(out, folder))
shutil.copy(os.path.join(example, "steward.yaml"), os.path.join(out, "steward.yaml"))
for name in sorted(os.listdir(os.path.join(example, "policies"))):
    if name.endswith(".rego") and not name.endswith("_test.rego"):
        shutil.copy(os.path.join(example, "policies", name), os.path.join(out, "policies", name))

teams, models = 20, 50
written = 0
for m in range(models):
    name = "credit-scoring" if m == 0 else f"model-{m}"
    os.makedirs(os.path.join(out, "models", name))
    for version in ("1.0.0", "1.1.0"):
        fairness = 0.75 if (m % 10 == 3 and version == "1.1.0") else 0.84
        with open(os.path.join(out, "models", name, f"{version}.yaml"), "w") as f:
            f.write(f"""apiVersion: steward.dev/v1alpha1
kind: ModelVersion
metadata:
  name: {name}-{version}
spec:
  model: {name}
  version: {version}
  owner: team-{m % teams}
  license: {"MIT" if m % 7 == 0 else "Apache-2.0"}
  artifact:
    uri: s3://models/{name}/{version}/
    sha256: {rng.getrandbits(256):064x}
  datasets:
    - name: data-{m}
      sha256: {rng.getrandbits(256):064x}
  evaluation:
    accuracy: 0.9
    fairness_score: {fairness}
  costPerInferenceUsd: 0.003
""")
        written += 1

with open(os.path.join(out, "budgets", "teams.yaml"), "w") as f:
    for t in range(teams):
        f.write(f"""apiVersion: steward.dev/v1alpha1
kind: Budget
metadata:
  name: team-{t}
spec:
  selector:
    matchLabels: {{team: team-{t}}}
  amount: {rng.randint(50, 500) * 10}
  currency: USD
  period: monthly
  thresholds: [0.8, 1.0]
  action: notify
---
""")
        written += 1

i = 0
while written < objects:
    team = i % teams
    m = rng.randrange(models)
    model = "credit-scoring" if m == 0 else f"model-{m}"
    version = "1.1.0" if rng.random() < 0.5 else "1.0.0"
    registry = "registry.example.com" if rng.random() < 0.97 else "docker.io/library"
    cpu = "4" if rng.random() < 0.02 else "1"
    limits = "" if rng.random() < 0.02 else f"\n            limits: {{cpu: \"{cpu}\", memory: 1Gi}}"
    app = "credit-scoring-ai" if model == "credit-scoring" else f"svc-{i}"
    text = f"""apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{i}
  namespace: team-{team}
  labels: {{team: team-{team}, cost-center: cc-{team}, app: {app}}}
spec:
  replicas: {1 + i % 3}
  selector:
    matchLabels: {{app: svc-{i}}}
  template:
    metadata:
      labels: {{app: svc-{i}, steward.dev/model: {model}, steward.dev/model-version: "{version}"}}
    spec:
      containers:
        - name: ai-inference-model
          image: {registry}/team-{team}/svc-{i}:1.{i}
          resources:
            requests: {{cpu: 250m, memory: 512Mi}}{limits}
---
apiVersion: v1
kind: Service
metadata: {{name: svc-{i}, namespace: team-{team}}}
spec: {{selector: {{app: svc-{i}}}, ports: [{{port: 80, targetPort: 8080}}]}}
"""
    written += 2
    if i % 10 == 0 and written < objects:
        text += f"""---
apiVersion: v1
kind: ConfigMap
metadata: {{name: svc-{i}-config, namespace: team-{team}}}
data: {{LOG_LEVEL: info, MODEL: {model}}}
"""
        written += 1
    folder = os.path.join(out, "manifests", f"team-{team}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"svc-{i:05d}.yaml"), "w") as f:
        f.write(text)
    i += 1
