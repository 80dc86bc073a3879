package kubernetes.admission.model_resources_test

import rego.v1

import data.kubernetes.admission.model_resources

pod(cpu) := {"kind": "Pod", "spec": {"containers": [{"name": "ai-inference-model", "resources": {"limits": {"cpu": cpu}}}]}}

test_two_cores_are_allowed if {
	count(model_resources.deny) == 0 with input as pod("2000m")
}

test_more_than_two_cores_are_denied if {
	model_resources.deny == {"Container 'ai-inference-model' for AI inference exceeds CPU limit (2000m)."} with input as pod("2500m")
}

test_whole_cores_are_read_as_cores if {
	count(model_resources.deny) == 1 with input as pod("3")
}
