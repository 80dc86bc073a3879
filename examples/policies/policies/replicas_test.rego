package examples.replicas_test

import rego.v1

import data.examples.replicas

settings := {"labels": {"model": "steward.dev/model"}}

deployment(replicas) := {
	"kind": "Deployment",
	"metadata": {"name": "chat"},
	"spec": {"replicas": replicas, "template": {"metadata": {"labels": {"steward.dev/model": "support-chat"}}}},
}

test_one_replica_is_denied if {
	replicas.deny == {"Deployment chat serves model support-chat with 1 replica; run at least 2."} with input as deployment(1)
		with data.steward.settings as settings
}

test_two_replicas_pass if {
	count(replicas.deny) == 0 with input as deployment(2) with data.steward.settings as settings
}

test_missing_replicas_means_one if {
	count(replicas.deny) == 1 with input as json.remove(deployment(3), ["spec/replicas"])
		with data.steward.settings as settings
}

test_deployment_without_model_is_not_concerned if {
	count(replicas.deny) == 0 with input as json.remove(deployment(1), ["spec/template"])
		with data.steward.settings as settings
}
