#!/usr/bin/env python3
"""One client floods the search page while another calls the API: does the second keep its latency?

Starts the built app (Web/bin/<config>/net10.0/<rid>/PaperSearch.Web.dll) over an existing data dir twice in the same
run, with the rate limits on (the default) and off (the baseline), and for each measures client B's API latency
(from 127.0.0.2) idle and while client A (127.0.0.1) floods `/?q=…` from several connections. Prints p50/p99 and
the ratio flood/idle, and how many of A's requests were refused. Not part of `dotnet test`.

  python3 tests/load/flood.py --data /tmp/flood-data [--dll path] [--seconds 20] [--flooders 8]
"""
import argparse, glob, http.client, os, random, statistics, subprocess, sys, threading, time

COUNTS_LOCK = threading.Lock()
QUERIES = ["graph neural networks", "diffusion video editing", "large language model agents", "contrastive learning",
           "reinforcement learning robotics", "speech recognition", "knowledge distillation", "federated learning privacy",
           "retrieval augmented generation", "image segmentation transformer"]


def start(dll, data, port, limits_on):
    args = ["dotnet", dll, "--data-dir", data, "--urls", f"http://127.0.0.1:{port}", "--Embedding:Model=none",
            "--Jobs:HarvestCron=", "--Jobs:ReindexCron=", "--Jobs:LocalDashboardPort=0",
            "--Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning", f"--RateLimit:Enabled={'true' if limits_on else 'false'}"]
    proc = subprocess.Popen(args, cwd=os.path.dirname(dll), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/health"); r = c.getresponse(); r.read()
            if r.status == 200: return proc
        except OSError: pass
        time.sleep(0.2)
    proc.kill(); sys.exit("the app did not become healthy")


def get(conn, path):
    conn.request("GET", path); r = conn.getresponse(); r.read(); return r.status


def measure_api(port, seconds, rate=8):
    """Client B: searches from 127.0.0.2 at `rate` per second (inside its budget); latencies in ms."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=("127.0.0.2", 0))
    times, statuses, end = [], {}, time.time() + seconds
    while time.time() < end:
        q = random.choice(QUERIES).replace(" ", "+")
        t = time.perf_counter(); s = get(conn, f"/api/search?q={q}&size=10"); times.append((time.perf_counter() - t) * 1000)
        statuses[s] = statuses.get(s, 0) + 1
        time.sleep(max(0, 1 / rate - times[-1] / 1000))
    return times, statuses


def flood(port, stop, counts):
    """Client A: search pages from 127.0.0.1 as fast as one connection goes."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=("127.0.0.1", 0))
    while not stop.is_set():
        try: s = get(conn, "/?q=" + random.choice(QUERIES).replace(" ", "+") + f"+{random.randint(0, 10**6)}")
        except OSError:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=("127.0.0.1", 0)); continue
        with COUNTS_LOCK: counts[s] = counts.get(s, 0) + 1


def p(values, q): return sorted(values)[min(len(values) - 1, int(q * len(values)))]


def run(dll, data, port, limits_on, seconds, flooders):
    proc = start(dll, data, port, limits_on)
    try:
        measure_api(port, 3)  # warm-up
        idle, _ = measure_api(port, seconds)
        stop, counts = threading.Event(), {}
        threads = [threading.Thread(target=flood, args=(port, stop, counts), daemon=True) for _ in range(flooders)]
        started = time.time()
        for t in threads: t.start()
        loaded, b_statuses = measure_api(port, seconds)
        stop.set()
        for t in threads: t.join(timeout=30)
        elapsed = time.time() - started
        total = sum(counts.values())
        label = "limits on " if limits_on else "limits off"
        print(f"{label}: B idle p50 {statistics.median(idle):6.1f} ms p99 {p(idle, .99):6.1f} ms | B under flood p50 "
              f"{statistics.median(loaded):6.1f} ms p99 {p(loaded, .99):6.1f} ms | p99 ratio {p(loaded, .99) / p(idle, .99):4.2f}x | "
              f"A sent {total / elapsed:6.1f}/s, {counts.get(429, 0) / max(total, 1):5.1%} refused (429) | B statuses {b_statuses}")
    finally:
        proc.kill(); proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--dll", default=None)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--flooders", type=int, default=8)
    ap.add_argument("--port", type=int, default=5393)
    a = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    dll = a.dll or (sorted(glob.glob(f"{repo}/Web/bin/Release/net10.0/*/PaperSearch.Web.dll")) +
                    sorted(glob.glob(f"{repo}/Web/bin/Debug/net10.0/*/PaperSearch.Web.dll")))[0]
    print(f"app: {dll}\ndata: {a.data}; {a.flooders} flooding connections, {a.seconds} s per phase")
    run(dll, a.data, a.port, False, a.seconds, a.flooders)
    run(dll, a.data, a.port, True, a.seconds, a.flooders)


if __name__ == "__main__":
    main()
