package examples.gpu_budget_test

import rego.v1

import data.examples.gpu_budget

budgets := {
	"genai": {"selector": {"matchLabels": {"team": "genai"}}, "action": "block"},
	"search": {"selector": {"matchLabels": {"team": "search"}}, "action": "notify"},
}

workload(team, gpu) := {
	"kind": "Deployment",
	"metadata": {"name": "ranker", "labels": {"team": team}},
	"spec": {"template": {
		"metadata": {"labels": {}},
		"spec": {"containers": [{"name": "a", "resources": {"limits": {"nvidia.com/gpu": gpu}}}]},
	}},
}

test_gpu_under_a_notify_budget_is_a_violation if {
	gpu_budget.violation == {{
		"msg": "ranker requests 1 GPU but no Budget with action block selects it (selected by: [\"search\"]).",
		"gpus": 1,
		"budgets": ["search"],
	}} with input as workload("search", 1)
		with data.steward.budgets as budgets
}

test_gpu_under_a_blocking_budget_passes if {
	count(gpu_budget.violation) == 0 with input as workload("genai", 2) with data.steward.budgets as budgets
}

test_no_gpu_passes if {
	count(gpu_budget.violation) == 0 with input as workload("search", 0) with data.steward.budgets as budgets
}

test_gpus_of_all_containers_add_up if {
	some v in gpu_budget.violation with input as json.patch(workload("other", 1), [{"op": "add", "path": "/spec/template/spec/containers/-", "value": {"name": "b", "resources": {"limits": {"nvidia.com/gpu": "2"}}}}])
		with data.steward.budgets as budgets
	v.gpus == 3
	v.budgets == []
}
