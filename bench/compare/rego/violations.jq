# The jq side of bench/compare/rego.sh: the number of distinct violation messages policy.rego finds.
[ .[] as $o
  | ( (["cost-center", "team"] - ($o.metadata.labels // {} | keys)) as $missing
      | select($missing | length > 0)
      | "\($o.metadata.namespace)/\($o.metadata.name): missing labels \($missing)" ),
    ( $o.spec.template.spec.containers[]
      | select(.resources.limits.cpu == null)
      | "\($o.metadata.namespace)/\($o.metadata.name): container \(.name) has no cpu limit" )
] | unique | length
