# Example 2 (data.steward.models, warn): a workload that deploys a model version older than the
# newest one in the catalog gets a warning: it does not fail the gate (unless --fail-on-warn).
package examples.newest_model

import rego.v1

labels := data.steward.settings.labels

warn contains msg if {
	input.kind in {"Deployment", "StatefulSet"}
	model := input.spec.template.metadata.labels[labels.model]
	deployed := input.spec.template.metadata.labels[labels.modelVersion]
	newer := sort([version |
		some version, _ in data.steward.models[model]
		semver.compare(version, deployed) > 0
	])
	count(newer) > 0
	msg := sprintf("%v deploys %v %v; the catalog has newer: %v.", [input.metadata.name, model, deployed, concat(", ", newer)])
}
