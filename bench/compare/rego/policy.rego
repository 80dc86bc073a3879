# The Rego side of bench/compare/rego.sh: over an array of Deployments (generate.py), every
# Deployment without the required labels and every container without a CPU limit is a violation.
# violations.jq computes the same set of messages.
package x

import rego.v1

required := {"cost-center", "team"}

violations contains msg if {
	some obj in input
	provided := {label | obj.metadata.labels[label]}
	missing := required - provided
	count(missing) > 0
	msg := sprintf("%s/%s: missing labels %v", [obj.metadata.namespace, obj.metadata.name, sort(missing)])
}

violations contains msg if {
	some obj in input
	some container in obj.spec.template.spec.containers
	not container.resources.limits.cpu
	msg := sprintf("%s/%s: container %s has no cpu limit", [obj.metadata.namespace, obj.metadata.name, container.name])
}
