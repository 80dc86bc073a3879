# Sourced by bench/compare/*.sh: wall-clock timing of whole processes.
# best_of N CMD...: runs CMD N times (output discarded; exit status 0 or 1 accepted) and prints the
# fastest wall-clock time in seconds.
# best_of_alternating N CMD_A... -- CMD_B...: runs A, B, A, B... N times each and prints "bestA bestB".
# A comparison times both sides alternately: this VM's speed drifts by tens of percent over minutes,
# and timing all runs of one tool before the other lets the drift decide the ratio.

# time_once CMD...: the wall-clock seconds of one run of CMD (exits the script when CMD fails with status > 1).
time_once() {
  local start end status
  start=$(date +%s.%N)
  set +e; "$@" >/dev/null 2>&1; status=$?; set -e
  end=$(date +%s.%N)
  if [ "$status" -gt 1 ]; then echo "failed (exit $status): $*" >&2; "$@" >&2 || true; exit 1; fi
  echo "$end - $start" | bc -l
}

# min_of A B: the smaller of two times ("" counts as none yet).
min_of() {
  if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc -l)" = 1 ]; then echo "$2"; else echo "$1"; fi
}

best_of() {
  local n="$1"; shift
  local best="" t
  for _ in $(seq "$n"); do
    t=$(time_once "$@")
    best=$(min_of "$best" "$t")
  done
  printf '%.3f\n' "$best"
}

best_of_alternating() {
  local n="$1"; shift
  local a=() b=() seen_separator=0 arg
  for arg in "$@"; do
    if [ "$seen_separator" = 0 ] && [ "$arg" = "--" ]; then seen_separator=1; continue; fi
    if [ "$seen_separator" = 0 ]; then a+=("$arg"); else b+=("$arg"); fi
  done
  local best_a="" best_b="" t
  for _ in $(seq "$n"); do
    t=$(time_once "${a[@]}"); best_a=$(min_of "$best_a" "$t")
    t=$(time_once "${b[@]}"); best_b=$(min_of "$best_b" "$t")
  done
  printf '%.3f %.3f\n' "$best_a" "$best_b"
}
