#!/usr/bin/env bash
# Draws the clients side by side per workload from cppcassa-bench JSON results, with gnuplot
# (Debian's gnuplot-nox): top, ops/s relative to cppcassa in the same run; bottom, client CPU per
# operation relative to cppcassa. Ratios, not absolute numbers: a multiget and a null-server get
# differ by 1000x in ops/s, and absolute figures do not compare across runs on a noisy machine.
#
#   bash bench/chart.sh [-o out.png] [result.json ...]
# Without files: the newest result of each workload in bench/results/. Default output:
# bench/results/latest.png.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out=$here/results/latest.png
if [[ ${1:-} == -o ]]; then
    out=$2
    shift 2
fi
files=("$@")
if ((${#files[@]} == 0)); then
    for w in insert get multiget mixed range null scaling batch pipeline; do
        newest=$(ls -t "$here"/results/"$w"-*.json 2>/dev/null | head -n1 || true)
        [[ -n $newest ]] && files+=("$newest")
    done
fi
if ((${#files[@]} == 0)); then
    echo "chart.sh: no results (run scripts/bench.sh first)" >&2
    exit 1
fi
command -v gnuplot >/dev/null || { echo "chart.sh: gnuplot is missing (apt-get install gnuplot-nox)" >&2; exit 1; }

data=$(mktemp)
trap 'rm -f "$data"' EXIT
# One line per case: its label, then each client's ops/s and CPU/op as ratios to the baseline
# ("?" where the case has no such client).
/usr/bin/python3 - "$data" "${files[@]}" <<'PY'
import json, sys
out, paths = sys.argv[1], sys.argv[2:]
order = ["cppcassa", "apache-sync", "python", "cppcassa-depth1", "syscall-floor"]
rows = []
for p in paths:
    r = json.load(open(p))
    best = r.get("summary", {}).get("best_vs_best")
    if best:
        # scaling: one bar group, each client at its own best size rather than one per size.
        line = [r["workload"] + " (best)"]
        line += ["1" if k == "cppcassa" else f'{1 / best[f"cppcassa_over_{k}_ops"]:.4f}'
                 if f"cppcassa_over_{k}_ops" in best else "?" for k in order]
        line += ["1" if k == "cppcassa" else f'{best[f"{k}_over_cppcassa_cpu_per_op"]:.4f}'
                 if f"{k}_over_cppcassa_cpu_per_op" in best else "?" for k in order]
        rows.append(line)
        continue
    for c in r["cases"]:
        base = next((x for x in c["rows"] if x["client"] == c["baseline"]), None)
        if base is None or not base.get("ops_per_s"):
            continue
        by = {x["client"]: x for x in c["rows"]}
        if not any(k in by for k in order[1:]):
            continue  # a case without peers has nothing to compare
        # batch has one case per queue_size ("..., queue_size 100"): one group each, "batch q100".
        line = [r["workload"] + (" q" + c["name"].rsplit(" ", 1)[-1] if r["workload"] == "batch" else "")]
        for k in order:
            x = by.get(k)
            line.append("?" if x is None else f'{x["ops_per_s"] / base["ops_per_s"]:.4f}')
        for k in order:
            x = by.get(k)
            ok = x is not None and x.get("cpu_s_per_mop") and base.get("cpu_s_per_mop")
            line.append(f'{x["cpu_s_per_mop"] / base["cpu_s_per_mop"]:.4f}' if ok else "?")
        rows.append(line)
with open(out, "w") as f:
    f.write("# workload, ops/s ratios, cpu/op ratios: " + " ".join(order) + "\n")
    for line in rows:
        f.write(" ".join(f'"{v}"' if i == 0 else v for i, v in enumerate(line)) + "\n")
PY
mkdir -p "$(dirname "$out")"
gnuplot <<GP
set terminal pngcairo size 1100,800 font "DejaVu Sans,10" noenhanced
set output "$out"
set datafile missing "?"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set key outside right top
set grid ytics
set multiplot layout 2,1 title "cppcassa-bench: clients per workload, as ratios to cppcassa in the same run"
set title "ops/s relative to cppcassa (higher is faster)"
set logscale y
plot "$data" using 2:xtic(1) title "cppcassa", '' using 3 title "apache-sync", '' using 4 title "python", \
     '' using 5 title "cppcassa-depth1", '' using 6 title "syscall-floor"
set title "client CPU per operation relative to cppcassa (lower is cheaper)"
plot "$data" using 7:xtic(1) title "cppcassa", '' using 8 title "apache-sync", '' using 9 title "python", \
     '' using 10 title "cppcassa-depth1", '' using 11 title "syscall-floor"
unset multiplot
GP
echo "chart: $out"
