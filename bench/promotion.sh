#!/usr/bin/env bash
# Paired bootstrap of the regression gate against scipy.stats.bootstrap, on the same data in the
# same run: 10,000 resamples over 100,000 paired examples (EXAMPLES / RESAMPLES override), for
# per-example scores (the general case) and for correct/incorrect results. Both compute the same
# statistic (mean of candidate minus mean of baseline, paired) and a 95% percentile interval; the
# script prints both intervals, both wall times and the ratio.
#
# scipy comes from Debian's python3-scipy through /usr/bin/python3 (the python3 on PATH may be
# another one); it is installed with apt-get when missing. scipy resamples in batches of
# SCIPY_BATCH (default 20, its fastest setting here; None would need 8 GB for the index array).
set -euo pipefail
cd "$(dirname "$0")/.."

examples=${EXAMPLES:-100000}
resamples=${RESAMPLES:-10000}
batch=${SCIPY_BATCH:-20}
python=/usr/bin/python3

if ! "$python" -c 'import scipy.stats' 2>/dev/null; then
  echo "installing Debian's python3-scipy ..."
  if [[ $(id -u) -eq 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y python3-scipy >/dev/null
  else
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y python3-scipy >/dev/null
  fi
fi
jar=benchmarks/target/benchmarks.jar
if [[ ! -f $jar ]]; then
  mvn -B -q -pl benchmarks -am install -DskipTests
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/scipy_bootstrap.py" <<'PY'
import sys, time
import numpy as np
from scipy import stats

path, resamples, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
data = np.loadtxt(path)
candidate = np.ascontiguousarray(data[:, 0])
baseline = np.ascontiguousarray(data[:, 1])

def difference(c, b, axis=-1):
    return np.mean(c, axis=axis) - np.mean(b, axis=axis)

start = time.perf_counter()
result = stats.bootstrap((candidate, baseline), difference, paired=True, vectorized=True,
                         n_resamples=resamples, batch=batch, method='percentile',
                         confidence_level=0.95, random_state=np.random.default_rng(7))
seconds = time.perf_counter() - start
ci = result.confidence_interval
print(f"{seconds:.4f} {ci.low:.6g} {ci.high:.6g}")
PY

echo "Paired bootstrap: $resamples resamples x $examples examples, 95% percentile interval"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); scipy $("$python" -c 'import scipy; print(scipy.__version__)'), Java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
printf '%-8s %10s %24s %10s %24s %8s\n' data "java s" "java interval" "scipy s" "scipy interval" ratio
for kind in scores correct; do
  data="$work/$kind.txt"
  java -cp "$jar" io.ctsuite.bench.promotion.BootstrapTimer generate "$kind" "$examples" "$data"
  read -r java_s java_low java_high _threads < <(java -cp "$jar" io.ctsuite.bench.promotion.BootstrapTimer time "$data" "$resamples" 3)
  read -r scipy_s scipy_low scipy_high < <("$python" "$work/scipy_bootstrap.py" "$data" "$resamples" "$batch")
  ratio=$(awk -v a="$scipy_s" -v b="$java_s" 'BEGIN { printf "%.1fx", a / b }')
  printf '%-8s %10s %24s %10s %24s %8s\n' "$kind" "$java_s" "[$java_low, $java_high]" \
    "$scipy_s" "[$scipy_low, $scipy_high]" "$ratio"
done
echo "ratio = scipy wall time / Java wall time (Java: median of 3 timed runs after a warm-up;"
echo "scipy: one run). Goal: at least 10x."
