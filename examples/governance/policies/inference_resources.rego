# The seed's admission rule, run in CI on the manifests: an AI inference container may not
# ask for more than two CPU cores (2000m).
package kubernetes.admission.model_resources

import rego.v1

pod_spec := input.spec.template.spec if input.kind in {"Deployment", "StatefulSet", "DaemonSet"}

pod_spec := input.spec if input.kind == "Pod"

deny contains msg if {
	some container in pod_spec.containers
	container.name == "ai-inference-model"
	units.parse(container.resources.limits.cpu) > 2
	msg := sprintf("Container '%v' for AI inference exceeds CPU limit (2000m).", [container.name])
}
