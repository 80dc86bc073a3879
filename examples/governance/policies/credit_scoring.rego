# The seed's responsible-AI gate for the credit-scoring service: the deployed model version must
# be fair enough and cheap enough per inference. It joins the Deployment (input) with the model
# catalog (data.steward.models), through the label keys configured in steward.yaml.
package steward.credit_scoring

import rego.v1

labels := data.steward.settings.labels

model_version := input.spec.template.metadata.labels[labels.modelVersion]

model := data.steward.models["credit-scoring"][model_version]

credit_scoring_deployment if {
	input.kind == "Deployment"
	input.metadata.labels.app == "credit-scoring-ai"
}

deny contains msg if {
	credit_scoring_deployment
	model.evaluation.fairness_score < 0.8
	msg := sprintf("AI model fairness score below acceptable threshold (0.8): credit-scoring %v scores %v.", [model_version, model.evaluation.fairness_score])
}

deny contains msg if {
	credit_scoring_deployment
	model.costPerInferenceUsd > 0.005
	msg := sprintf("Estimated inference cost exceeds budget (0.005 USD): credit-scoring %v costs %v USD.", [model_version, model.costPerInferenceUsd])
}
