#!/usr/bin/env python3
"""Writes the input of the Rego whole-process comparison (issue #14): a JSON array of N Kubernetes
Deployments (20,000 by default: 12.8 MB), as `kubectl get deployments -o json` lists them. A third of
them lack the cost-center label, a fifth have a container without a CPU limit, so the policy
(policy.rego) and the jq program (violations.jq) have something to find. Deterministic: the same N
gives the same bytes. Usage: generate.py OUT.json [N]"""
import json
import sys


def deployment(i):
    labels = {"app": f"svc-{i}", "team": f"team-{i % 20}"}
    if i % 3 != 0:
        labels["cost-center"] = f"cc-{i % 20}"
    limits = {"memory": "1Gi"}
    if i % 5 != 0:
        limits["cpu"] = "4" if i % 7 == 0 else "500m"
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {
            "name": f"svc-{i}",
            "namespace": f"ns-{i % 50}",
            "labels": labels,
            "generation": 1 + i % 4,
        },
        "spec": {
            "replicas": 1 + i % 5,
            "selector": {"matchLabels": {"app": f"svc-{i}"}},
            "template": {
                "metadata": {"labels": {"app": f"svc-{i}"}},
                "spec": {
                    "containers": [
                        {
                            "name": "main",
                            "image": f"registry.example.com/team-{i % 20}/svc:{1 + i % 30}.{i % 10}.0",
                            "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                            "resources": {"limits": limits, "requests": {"cpu": "100m", "memory": "256Mi"}},
                        },
                        {
                            "name": "sidecar",
                            "image": "registry.example.com/proxy:2.1.0",
                            "resources": {"limits": {"cpu": "100m", "memory": "64Mi"}},
                        },
                    ],
                },
            },
        },
    }


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    with open(out, "w", encoding="utf-8") as f:
        json.dump([deployment(i) for i in range(n)], f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
