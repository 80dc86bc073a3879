# Example 1 (input and data.steward.settings): a Deployment that serves a model runs at least two
# replicas, so that a node drain or a rollout never takes the model offline. Which label names the
# model is a setting (labels.model in steward.yaml), so the policy reads it from the settings.
package examples.replicas

import rego.v1

model_label := data.steward.settings.labels.model

deny contains msg if {
	input.kind == "Deployment"
	model := input.spec.template.metadata.labels[model_label]
	replicas := object.get(input.spec, "replicas", 1) # the API server's default
	replicas < 2
	msg := sprintf("Deployment %v serves model %v with %v replica; run at least 2.", [input.metadata.name, model, replicas])
}
