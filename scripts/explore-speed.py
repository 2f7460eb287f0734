#!/usr/bin/env python3
"""Ticks per second and frames per second of `nanocity explore` at full speed, watched by one
socket client that takes every frame sent (a page's view without the browser's drawing).

Usage: python3 scripts/explore-speed.py path/to/nanocity [WORLD] [SECONDS]
Prints the median of the per-second ticks/s the server reports and the frames received per
second over the window (after 3 s of warm-up).
"""
import json, os, statistics, subprocess, sys, tempfile, time
import websocket

BIN, WORLD = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] != "-" else None)
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 10
out = tempfile.mkdtemp(prefix="explore-speed-")
cmd = [BIN, "explore"] + ([WORLD] if WORLD else []) + ["--port", "0", "--out", out + "/s", "--play"]
server = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
url = server.stdout.readline().strip()
host, token = url.split("/")[2], url.split("token=")[1]
ws = websocket.create_connection(f"ws://{host}/ws?token={token}", origin=f"http://{host}")
start = time.time()
rates, frames, first_tick, last_tick, sizes = [], 0, None, None, []
while time.time() - start < 3 + SECONDS:
    m = ws.recv()
    counting = time.time() - start >= 3
    if isinstance(m, bytes):
        if counting and m[0] == 0:
            frames += 1
            sizes.append(len(m))
        continue
    j = json.loads(m)
    if j["type"] == "tick" and counting:
        first_tick = j["tick"] if first_tick is None else first_tick
        last_tick = j["tick"]
        if j["rate"] > 0:
            rates.append(j["rate"])
ws.close()
server.terminate()
server.wait(timeout=20)
print(json.dumps({
    "world": WORLD or "default", "seconds": SECONDS,
    "ticks_per_second_median": round(statistics.median(rates), 1) if rates else None,
    "ticks_per_second_overall": round((last_tick - first_tick) / SECONDS, 1) if first_tick is not None else None,
    "frames_per_second": round(frames / SECONDS, 1),
    "frame_bytes_median": int(statistics.median(sizes)) if sizes else None,
}))
