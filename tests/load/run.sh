#!/usr/bin/env bash
# Load test: the Release app on 127.0.0.1 over an existing data dir, wrk at 32 connections for 60 s per mode
# (bm25, hybrid) with real queries from the shared corpus. Prints throughput, p50/p99, errors and the server's
# peak RSS. Not part of `dotnet test`. Usage: tests/load/run.sh [DATA_DIR] (default /tmp/ps-load; copy a data dir
# there first — the server writes to it: catch-up, job storage).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
data="${1:-/tmp/ps-load}"
duration="${DURATION:-60s}"
connections="${CONNECTIONS:-32}"
threads="${THREADS:-2}"
port="${PORT:-5391}"
modes="${MODES:-bm25 hybrid}"
corpus="${CORPUS:-$repo/../shared/data/arxiv-daily-listings/corpus.jsonl.gz}"
work="$(mktemp -d /tmp/papersearch-load.XXXXXX)"

[ -f "$data/papersearch.db" ] || { echo "no store at $data/papersearch.db" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 2; }

# Queries: the first words of real titles plus a few keyword pairs, from papers spread over the corpus.
zcat "$corpus" | awk 'NR % 97 == 0' | head -n 600 | python3 -c '
import json, sys, re
for i, line in enumerate(sys.stdin):
    words = re.findall(r"[A-Za-z][A-Za-z-]+", json.loads(line)["title"])
    if len(words) >= 2:
        print(" ".join(words[: 3 + i % 4]) if i % 3 else " ".join(words[-2:]))
' > "$work/queries.txt"
echo "queries: $(wc -l < "$work/queries.txt") (e.g. '$(head -n 1 "$work/queries.txt")')"

echo "building Release…"
dotnet build "$repo/Web" -c Release -v q -nologo > "$work/build.log" || { cat "$work/build.log"; exit 1; }
dll="$(ls "$repo"/Web/bin/Release/net10.0/*/PaperSearch.Web.dll "$repo"/Web/bin/Release/net10.0/PaperSearch.Web.dll 2>/dev/null | head -n 1)"

# The rate limiter would (rightly) throttle 32 connections from one address; this measures the search path.
( cd "$repo" && exec dotnet "$dll" --data-dir "$data" --urls "http://127.0.0.1:$port" \
    --RateLimit:Enabled=false --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning ) > "$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

base="http://127.0.0.1:$port"
for _ in $(seq 1 300); do
  curl -fs "$base/health/ready" > "$work/ready.json" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { echo "server exited:"; tail -n 30 "$work/server.log"; exit 1; }
  sleep 1
done
echo "ready: $(cat "$work/ready.json")"
# Hybrid needs the vectors in memory; they load in the background after start.
for _ in $(seq 1 60); do
  curl -fs "$base/api/search?q=transformer&mode=hybrid" | grep -q '"mode":"hybrid"' && break
  sleep 1
done
curl -fs "$base/api/search?q=transformer&mode=hybrid" | grep -q '"mode":"hybrid"' \
  || echo "NOTE: hybrid answers in bm25 order here (no model or no vectors in this data dir): the hybrid run measures BM25."
echo "rss after start: $(grep VmRSS /proc/$server/status | awk '{print $2/1024 " MB"}')"

for mode in $modes; do
  # Warm-up (JIT, caches) is not measured.
  MODE=$mode QUERIES="$work/queries.txt" wrk -t "$threads" -c "$connections" -d 10s -s "$repo/tests/load/search.lua" "$base" > /dev/null
  echo "load before $mode: $(cut -d' ' -f1-3 /proc/loadavg)"
  MODE=$mode QUERIES="$work/queries.txt" wrk -t "$threads" -c "$connections" -d "$duration" --latency --timeout 10s \
      -s "$repo/tests/load/search.lua" "$base" | tee "$work/wrk-$mode.txt" | grep -E "RESULT|Socket errors|Non-2xx"
  echo "peak RSS so far (VmHWM): $(grep VmHWM /proc/$server/status | awk '{print $2/1024 " MB"}')"
done
echo "server log: $work/server.log; 5xx lines: $(grep -c ' 50[0-9]' "$work/server.log" || true)"
