#!/usr/bin/env bash
# Draws a `cppcassa-bench run` over time from its intervals.csv, with gnuplot (Debian's
# gnuplot-nox): top, operations per second that succeeded (and the target rate of an open-loop
# run); middle, latency p50, p99, p99.9 and max per interval (ms, log scale); bottom, errors per
# interval by kind, with how far behind its schedule the client was (ms, right axis).
#
#   bash bench/run_chart.sh <run folder> [out.png]
# Default output: <run folder>/run.png. `cppcassa-bench run` calls it at the end (unless --no-chart).
set -euo pipefail
dir=${1:?usage: run_chart.sh <run folder> [out.png]}
out=${2:-$dir/run.png}
csv=$dir/intervals.csv
[[ -s $csv ]] || { echo "run_chart.sh: no $csv (is $dir the folder of a cppcassa-bench run?)" >&2; exit 1; }
command -v gnuplot >/dev/null || { echo "run_chart.sh: gnuplot is missing (apt-get install gnuplot-nox)" >&2; exit 1; }
if (($(wc -l <"$csv") < 2)); then
    echo "run_chart.sh: $csv has no interval yet" >&2
    exit 1
fi

# The header names the columns; the errors panel needs a y range even when every count is 0.
header=$(head -n1 "$csv")
IFS=, read -r -a columns <<<"$header"
col() {  # 1-based index of a column
    local i
    for i in "${!columns[@]}"; do [[ ${columns[$i]} == "$1" ]] && { echo $((i + 1)); return; }; done
    echo "run_chart.sh: $csv has no column $1" >&2
    exit 1
}
kinds=(timeout unavailable client_timeout connection no_server_available other)
max_errors=$(awk -F, -v c="$(col errors)" 'NR > 1 && $c > m { m = $c } END { print m + 0 }' "$csv")
# The target rate and the title's settings, from run.json when it is there.
title="cppcassa-bench run"
rate=""
if [[ -s $dir/run.json ]]; then
    read -r rate title < <(/usr/bin/python3 - "$dir/run.json" <<'PY' || true
import json, sys
s = json.load(open(sys.argv[1]))["settings"]
load = f"{s['rate']:g} ops/s open loop" if s.get("rate") else f"{s['concurrency']} in flight (closed loop)"
print(s.get("rate") or "-", f"cppcassa-bench run: {s['mix']}, keys {s['keys']}, {load}, {len(s['hosts'])} host(s)")
PY
)
    [[ $rate == - ]] && rate=""
fi

errors_plot=""
for k in "${kinds[@]}"; do
    errors_plot+="${errors_plot:+, }'$csv' using $(col time_s):$(col "$k") with linespoints pt 7 ps 0.5 title '$k'"
done
errors_plot+=", '$csv' using $(col time_s):$(col behind_ms) axes x1y2 with lines dt 2 lc rgb 'gray40' title 'behind, ms (right axis)'"
rate_plot=""
[[ -n $rate ]] && rate_plot=", $rate with lines dt 2 lc rgb 'gray40' title 'target $rate ops/s'"

mkdir -p "$(dirname "$out")"
gnuplot <<GP
set terminal pngcairo size 1100,950 font "DejaVu Sans,10" noenhanced
set output "$out"
set datafile separator ","
set datafile missing "NaN"
set datafile columnheaders
set grid
# The same plot area in every panel, whatever the width of its key (right of the right axis).
set lmargin at screen 0.08
set rmargin at screen 0.74
set key at screen 0.995, graph 1 right top
set xrange [0:*]
set multiplot layout 3,1 title "$title"
set title "operations per second (succeeded)"
set yrange [0:*]
set offsets 0, 0, graph 0.1, 0
plot '$csv' using $(col time_s):$(col ops_per_s) with linespoints pt 7 ps 0.5 title 'ops/s'$rate_plot
set title "latency per interval, ms (open loop: from each operation's intended start)"
set logscale y
set yrange [*:*]
set offsets 0, 0, 0, 0
ok(v) = v > 0 ? v : NaN
plot '$csv' using $(col time_s):(ok(column($(col p50_ms)))) with linespoints pt 7 ps 0.5 title 'p50', \
     '' using $(col time_s):(ok(column($(col p99_ms)))) with linespoints pt 7 ps 0.5 title 'p99', \
     '' using $(col time_s):(ok(column($(col p999_ms)))) with linespoints pt 7 ps 0.5 title 'p99.9', \
     '' using $(col time_s):(ok(column($(col max_ms)))) with linespoints pt 7 ps 0.5 title 'max'
unset logscale y
set title "errors per interval by kind; how far behind its schedule the client was"
set xlabel "seconds into the run"
set yrange [0:$((max_errors > 0 ? max_errors : 1))]
set y2range [0:*]
set y2tics
plot $errors_plot
unset multiplot
GP
echo "chart: $out"
