package examples.newest_model_test

import rego.v1

import data.examples.newest_model

settings := {"labels": {"model": "steward.dev/model", "modelVersion": "steward.dev/model-version"}}

catalog := {"chat": {"1.9.0": {}, "2.0.0": {}, "2.1.0": {}, "10.0.0": {}}}

deployment(version) := {
	"kind": "Deployment",
	"metadata": {"name": "chat"},
	"spec": {"template": {"metadata": {"labels": {"steward.dev/model": "chat", "steward.dev/model-version": version}}}},
}

# 10.0.0 is newer than 2.1.0 by semantic version, although it sorts before it as text.
test_older_version_warns_with_every_newer_one if {
	newest_model.warn == {"chat deploys chat 2.0.0; the catalog has newer: 10.0.0, 2.1.0."} with input as deployment("2.0.0")
		with data.steward.models as catalog
		with data.steward.settings as settings
}

test_newest_version_is_quiet if {
	count(newest_model.warn) == 0 with input as deployment("10.0.0")
		with data.steward.models as catalog
		with data.steward.settings as settings
}
