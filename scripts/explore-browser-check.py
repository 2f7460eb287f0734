#!/usr/bin/env python3
"""`nanocity explore` in a real browser (headless Chromium through Selenium).

Usage: python3 scripts/explore-browser-check.py path/to/nanocity

Checks, on the default world:
  1. the address printed carries a token of >= 32 characters of [A-Za-z0-9_-]; without the
     token, with a foreign Host header, or a socket from another Origin, the server refuses;
  2. the page loads with the token and its canvas changes as the tick advances;
  3. moving a control (guards.count) changes the parameter at the next tick: the session's
     metrics.csv shows it at exactly that tick;
  4. "Fork here" shows two cities and the difference map, and a chart's difference panel;
  5. "Save world" (city A and city B) writes world files that `nanocity run` reproduces byte
     for byte: A's whole metrics.csv, B's from the fork's tick;
  6. the browser console logged no error.
It also measures the frames the page draws per second at full speed (printed, not asserted:
timing on a shared machine is not a test), and ends the server with SIGINT (exit 0).
"""
import json, os, re, signal, subprocess, sys, tempfile, time, urllib.error, urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

BIN = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="explore-check-")
session_dir = os.path.join(work, "session")
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def wait(pred, timeout=30.0, what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        v = pred()
        if v:
            return v
        time.sleep(0.05)
    errors = driver.execute_script("return window.explore.errors") if "driver" in globals() else None
    raise SystemExit(f"FAIL timed out waiting for {what} (page errors: {errors})")


server = subprocess.Popen([BIN, "explore", "--port", "0", "--out", session_dir, "--threads", "1"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
url = server.stdout.readline().strip()
m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]+)", url)
check(m is not None and len(m.group(2)) >= 32, f"one line of stdout is the page's address with a token: {url}")
port, token = m.group(1), m.group(2)
base = f"http://127.0.0.1:{port}"


def status(path, headers=None):
    req = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


code, body = status(f"/?token={token}")
check(code == 200 and "<canvas" in body, "GET /?token=… answers 200 with the page and its canvas")
check(status("/")[0] == 403, "GET / without the token is refused (403)")
wrong = token[:-1] + ("A" if token[-1] != "A" else "B")
check(status(f"/?token={wrong}")[0] == 403, "a wrong token is refused (403)")
check(status(f"/?token={token}", {"Host": f"evil.example:{port}"})[0] == 403, "a foreign Host header is refused (403)")
try:
    import websocket  # websocket-client
    try:
        websocket.create_connection(f"ws://127.0.0.1:{port}/ws?token={token}", origin="http://evil.example", timeout=5)
        check(False, "a socket from another Origin is refused")
    except Exception:
        check(True, "a socket from another Origin is refused")
    try:
        websocket.create_connection(f"ws://127.0.0.1:{port}/ws", origin=base, timeout=5)
        check(False, "a socket without the token is refused")
    except Exception:
        check(True, "a socket without the token is refused")
except ImportError:
    print("skip socket refusals: websocket-client is not installed")

opts = Options()
for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]:
    opts.add_argument(a)
opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
for candidate in ["/usr/bin/chromium", "/usr/bin/chromium-browser"]:
    if os.path.exists(candidate):
        opts.binary_location = candidate
service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
driver = webdriver.Chrome(options=opts, service=service)
js = driver.execute_script


def state(expr):
    return js("return " + expr)


def tick_of(canvas):
    return int(driver.find_element(By.ID, canvas).get_attribute("data-tick"))


def pause_at_rest():
    """Pauses and waits until the session's tick stops moving (the files are flushed when paused)."""
    driver.find_element(By.ID, "pause").click()
    wait(lambda: state("window.explore.lastState && !window.explore.lastState.playing"), what="paused")
    last = -1
    while True:
        time.sleep(0.3)
        t = state("window.explore.tick")
        if t == last:
            return t
        last = t


def metrics_rows(path):
    with open(path) as f:
        lines = f.read().splitlines()
    header = lines[0].split(",")
    return header, [dict(zip(header, l.split(","))) for l in lines[1:]], lines


try:
    driver.get(url)
    wait(lambda: state("window.explore.hello !== null"), what="the session's hello")
    wait(lambda: tick_of("view-a") == 0, what="the first frame")
    first = state("document.getElementById('view-a').toDataURL()")
    check(state("window.explore.hello.parameters.length") > 50, "controls are built from the parameter catalog")
    driver.find_element(By.ID, "step10").click()
    wait(lambda: tick_of("view-a") >= 10, what="tick 10 drawn")
    later = state("document.getElementById('view-a').toDataURL()")
    check(later != first, "the canvas changes with the tick (tick 0 → 10)")

    # Frames per second drawn at full speed, while a second page that never reads its socket
    # watches too (its frames must be dropped, not waited for).
    stalled = None
    try:
        import websocket
        stalled = websocket.create_connection(f"ws://127.0.0.1:{port}/ws?token={token}", origin=base, timeout=5)
    except ImportError:
        pass
    driver.find_element(By.ID, "play").click()
    time.sleep(1.0)
    n0, t0 = state("window.explore.framesDrawn"), time.time()
    time.sleep(4.0)
    n1, t1 = state("window.explore.framesDrawn"), time.time()
    tick_now = state("window.explore.tick")
    fps = (n1 - n0) / (t1 - t0)
    print(f"info frames drawn per second at full speed (default world, --fps 60): {fps:.1f} over {t1 - t0:.1f} s; tick {tick_now}")
    check(fps > 1, "frames keep arriving while playing")
    if stalled is not None:
        t_a = state("window.explore.tick")
        time.sleep(2.0)
        check(state("window.explore.tick") > t_a + 100, "a page that never reads its socket does not stall the city")
        stalled.close()
    paused = pause_at_rest()

    # A control: guards.count 25 away from the guards there are (within guards.max = 60), at the
    # next tick (guards are also recruited by the model, so the check is the jump, which
    # recruitment never makes in a tick).
    guards_now = int(state("window.explore.lastState.a[window.explore.metricIndex['guards']]"))
    target = guards_now + 25 if guards_now + 25 <= 60 else guards_now - 25
    js("document.querySelector(\"details[data-group='guards']\").open = true")
    box = driver.find_element(By.CSS_SELECTOR, "input[data-key='guards.count']")
    box.clear()
    box.send_keys(str(target))
    js("arguments[0].dispatchEvent(new Event('change'))", box)
    change = wait(lambda: state("window.explore.changes.find(c => c.key === 'guards.count')"), what="the change notice")
    check(change["tick"] == paused + 1 and change["value"] == str(target), f"the change is logged for the next tick ({paused + 1}): {change}")
    driver.find_element(By.ID, "step10").click()
    wait(lambda: state("window.explore.tick") >= paused + 10, what="ten more ticks")
    pause_at_rest()
    header, rows, _ = metrics_rows(os.path.join(session_dir, "metrics.csv"))
    by_tick = {int(r["tick"]): r for r in rows}
    before, after = int(by_tick[paused]["guards"]), int(by_tick[paused + 1]["guards"])
    check(before == guards_now and target <= after <= target + 2,
          f"metrics.csv: guards {by_tick[paused]['guards']} at tick {paused}, {by_tick[paused + 1]['guards']} at tick {paused + 1}")

    # Fork, change city B, and watch both.
    driver.find_element(By.ID, "fork").click()
    wait(lambda: state("window.explore.forked && !document.getElementById('fig-b').hidden"), what="the fork's views")
    fork_tick = state("window.explore.forkTick")
    box = driver.find_element(By.CSS_SELECTOR, "input[data-key='guards.count']")
    box.clear()
    box.send_keys("2")
    js("arguments[0].dispatchEvent(new Event('change'))", box)
    wait(lambda: state("window.explore.changes.find(c => c.key === 'guards.count' && c.branch === 'b')"), what="B's change")
    driver.find_element(By.ID, "step10").click()
    wait(lambda: tick_of("view-b") >= fork_tick + 10 and tick_of("view-d") >= fork_tick + 10, what="both cities and the difference drawn")
    check(not state("document.getElementById('fig-d').hidden"), "fork shows city B and the difference map")
    check(state("[...document.querySelectorAll('#charts canvas.diff')].some(c => !c.hidden)"), "a difference chart (B − A) shows")
    driver.save_screenshot(os.path.join(work, "explore-fork.png"))
    print("info screenshot:", os.path.join(work, "explore-fork.png"))
    end_tick = pause_at_rest()

    # Save both worlds and reproduce them with `nanocity run`.
    js("document.getElementById('target').value = 'a'")
    driver.find_element(By.ID, "saveWorld").click()
    js("document.getElementById('target').value = 'b'")
    driver.find_element(By.ID, "saveWorld").click()
    wait(lambda: state("window.explore.saved.length") >= 2, what="two saved worlds")
    saved = state("window.explore.saved")
    world_a = next(s["message"] for s in saved if "/world-a-" in s["message"])
    world_b = next(s["message"] for s in saved if "/world-b-" in s["message"])
    for name, world in [("a", world_a), ("b", world_b)]:
        out = os.path.join(work, "rerun-" + name)
        subprocess.run([BIN, "run", world, "--out", out, "--quiet"], check=True, stdout=subprocess.DEVNULL)
        _, _, rerun = metrics_rows(os.path.join(out, "metrics.csv"))
        if name == "a":
            _, _, live = metrics_rows(os.path.join(session_dir, "metrics.csv"))
            check(rerun == live, f"city A's saved world reproduces the session's metrics.csv ({len(live) - 1} rows, ticks 0…{end_tick})")
        else:
            fork_file = os.path.join(session_dir, f"fork-{fork_tick:06d}", "metrics.csv")
            _, _, live = metrics_rows(fork_file)
            check(live[0] == rerun[0] and rerun[1 + fork_tick:] == live[1:],
                  f"city B's saved world reproduces the fork's metrics.csv ({len(live) - 1} rows, ticks {fork_tick}…{end_tick})")

    # Open a finished run and scrub it.
    recorded = os.path.join(work, "recorded")
    subprocess.run([BIN, "run", "--ticks", "30", "--frame-every", "10", "--out", recorded, "--quiet"], check=True, stdout=subprocess.DEVNULL)
    driver.find_element(By.ID, "runPath").send_keys(recorded)
    driver.find_element(By.ID, "openRun").click()
    wait(lambda: state("window.explore.replay && !document.getElementById('replay').hidden"), what="the opened run")
    check(state("window.explore.replay.rows.length") == 31 and state("window.explore.replay.frames") == [0, 10, 20, 30],
          "open run reads its 31 metrics rows and 4 frames")
    js("const s = document.getElementById('scrub'); s.value = 25; s.dispatchEvent(new Event('input'))")
    wait(lambda: tick_of("view-r") == 20, what="the frame at or before tick 25")
    check(True, "scrubbing to tick 25 shows the frame of tick 20")
    with open(os.path.join(recorded, "frames", "frame_000020.png"), "rb") as f:
        png = f.read()
    shown = state("document.getElementById('view-r').width")
    check(shown == int.from_bytes(png[16:20], "big"), "the replayed frame is the run's own PNG (same width)")

    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    check(not errors, f"no console error ({errors[:3]})")
finally:
    driver.quit()
    server.send_signal(signal.SIGINT)
    try:
        rc = server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        rc = "killed"
    check(rc == 0, f"SIGINT ends the server with exit 0 (got {rc})")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("explore browser check: all passed")
