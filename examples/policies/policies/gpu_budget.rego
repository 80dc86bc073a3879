# Example 3 (data.steward.budgets, violation with evidence): a workload that requests GPUs must be
# selected by a Budget whose action is `block`, so that a runaway GPU bill is stopped, not only
# reported. The finding is an object: msg is the message, every other field becomes evidence.
package examples.gpu_budget

import rego.v1

workload_kinds := {"Deployment", "StatefulSet", "DaemonSet"}

# The labels a Budget's selector matches: the workload's own and its pod template's.
labels := object.union(object.get(input.metadata, "labels", {}), object.get(input.spec.template.metadata, "labels", {}))

gpus := sum([to_number(object.get(c, ["resources", "limits", "nvidia.com/gpu"], 0)) | some c in input.spec.template.spec.containers])

selects(budget) if {
	every key, value in budget.selector.matchLabels {
		labels[key] == value
	}
}

budgets := sort([name | some name, budget in data.steward.budgets; selects(budget)])

blocking contains name if {
	some name, budget in data.steward.budgets
	selects(budget)
	budget.action == "block"
}

violation contains {"msg": msg, "gpus": gpus, "budgets": budgets} if {
	input.kind in workload_kinds
	gpus > 0
	count(blocking) == 0
	msg := sprintf("%v requests %v GPU but no Budget with action block selects it (selected by: %v).", [input.metadata.name, gpus, budgets])
}
