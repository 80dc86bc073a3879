package steward.credit_scoring_test

import rego.v1

import data.steward.credit_scoring

deployment(version) := {
	"kind": "Deployment",
	"metadata": {"name": "credit-scoring", "labels": {"app": "credit-scoring-ai"}},
	"spec": {"template": {"metadata": {"labels": {"steward.dev/model-version": version}}}},
}

catalog := {"credit-scoring": {
	"1.3.0": {"evaluation": {"fairness_score": 0.84}, "costPerInferenceUsd": 0.004},
	"1.4.0": {"evaluation": {"fairness_score": 0.71}, "costPerInferenceUsd": 0.004},
	"1.5.0": {"evaluation": {"fairness_score": 0.9}, "costPerInferenceUsd": 0.009},
}}

settings := {"labels": {"modelVersion": "steward.dev/model-version"}}

test_fair_and_cheap_version_passes if {
	count(credit_scoring.deny) == 0 with input as deployment("1.3.0")
		with data.steward.models as catalog
		with data.steward.settings as settings
}

test_unfair_version_is_denied if {
	credit_scoring.deny == {"AI model fairness score below acceptable threshold (0.8): credit-scoring 1.4.0 scores 0.71."} with input as deployment("1.4.0")
		with data.steward.models as catalog
		with data.steward.settings as settings
}

test_expensive_version_is_denied if {
	credit_scoring.deny == {"Estimated inference cost exceeds budget (0.005 USD): credit-scoring 1.5.0 costs 0.009 USD."} with input as deployment("1.5.0")
		with data.steward.models as catalog
		with data.steward.settings as settings
}

test_other_deployments_are_not_concerned if {
	count(credit_scoring.deny) == 0 with input as object.union(deployment("1.4.0"), {"metadata": {"name": "x", "labels": {"app": "chat"}}})
		with data.steward.models as catalog
		with data.steward.settings as settings
}
