#!/usr/bin/python3
"""Headless Polyglot Notebooks probe: drive the dotnet-interactive tool the way VS Code's Polyglot Notebooks extension does and assert
on the kernel events it would render.

The extension starts the tool with its `kernelTransportArgs` (`dotnet tool run dotnet-interactive -- [vscode] stdio --working-dir
<dir>`) and exchanges one JSON object per line: KernelCommandEnvelope {token, commandType, command} on stdin, KernelEventEnvelope
{eventType, event, command} on stdout. This script does the same with the globally installed tool (scripts/setup-notebooks.sh) and:
  1. loads FWBM with the repository's loading cell (#!import <feed>/use-fwbm.dib, written by scripts/pack.sh);
  2. makes a small synthetic connectome in C#, runs #!fwbm-connectome and #!fwbm-simulate on it: both succeed, their text/html
     outputs hold FWBM chart containers with a Plotly figure, the session's first chart carries the embedded plotly.js, and no
     output refers to a CDN or any remote script;
  3. a C# cell uses the variable the magic bound (the expected value comes back as ReturnValueProduced);
  4. RequestCompletions lists the magic's parameters, the allowed values of --integrator and the notebook's Connectome variable;
  5. a wrong argument fails the cell (CommandFailed naming the parameter and the allowed values);
  6. Cancel during a long #!fwbm-simulate: the run's command fails at once, the magic's progress display ends "cancelled", the
     kernel's busiest thread stops burning CPU (the simulation really stopped), nothing is bound, and the next cell works.
Optionally (--html FILE) the chart outputs are written to one HTML page, for scripts/count-plots.sh (Chromium, no network).
Exit code 0 when every check passed; the process started here is always killed.
Usage: polyglot-probe.py [--repo DIR] [--tool PATH] [--html FILE] [--verbose]
"""
import argparse
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ap = argparse.ArgumentParser()
ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ap.add_argument("--tool", default=shutil.which("dotnet-interactive") or os.path.expanduser("~/.dotnet/tools/dotnet-interactive"))
ap.add_argument("--html", help="write the chart outputs of the magics to this HTML file")
ap.add_argument("--verbose", action="store_true", help="print every event type as it arrives")
args = ap.parse_args()

dib = os.path.join(args.repo, "artifacts", "feed", "use-fwbm.dib")
if not os.path.isfile(dib):
    sys.exit(f"polyglot-probe: {dib} not found; run `bash scripts/pack.sh` first")
if not os.path.isfile(args.tool):
    sys.exit(f"polyglot-probe: dotnet-interactive not found at {args.tool}; run `bash scripts/setup-notebooks.sh` first")

failures = []
t_start = time.monotonic()


def check(ok, what):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}", flush=True)
    if not ok:
        failures.append(what)
    return ok


workdir = tempfile.mkdtemp(prefix="fwbm-polyglot-")
# the same arguments as the extension's default kernelTransportArgs, with the global tool instead of `dotnet tool run`
proc = subprocess.Popen([args.tool, "[vscode]", "stdio", "--working-dir", workdir],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                        text=True, encoding="utf-8", bufsize=1, start_new_session=True)
events = queue.Queue()
stderr_tail = []


def read_stdout():
    for line in proc.stdout:
        line = line.strip()
        if not line:
            continue
        try:
            events.put(json.loads(line))
        except json.JSONDecodeError:
            events.put({"eventType": "<non-json>", "event": {"line": line}})
    events.put(None)


def read_stderr():
    for line in proc.stderr:
        stderr_tail.append(line.rstrip())
        del stderr_tail[:-40]


threading.Thread(target=read_stdout, daemon=True).start()
threading.Thread(target=read_stderr, daemon=True).start()

pending = {}  # token -> list of events (events of a command and of the commands it spawned: token, token.1, ...)
finished = {}  # token -> terminal event (CommandSucceeded / CommandFailed)
ready = threading.Event()


def route(env):
    et = env.get("eventType")
    if args.verbose:
        print(f"    event {et} ({(env.get('command') or {}).get('token')})", flush=True)
    if et == "KernelReady":
        ready.set()
    tok = (env.get("command") or {}).get("token") or ""
    for root in pending:
        if tok == root or tok.startswith(root + "."):
            pending[root].append(env)
            if tok == root and et in ("CommandSucceeded", "CommandFailed"):
                finished[root] = env


def pump(until, timeout):
    """Process events until until() is true; False on timeout or when the tool exited."""
    deadline = time.monotonic() + timeout
    while not until():
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        try:
            env = events.get(timeout=min(left, 0.5))
        except queue.Empty:
            continue
        if env is None:
            raise RuntimeError("dotnet-interactive exited; stderr:\n" + "\n".join(stderr_tail))
        route(env)
    return True


counter = [0]


def send(command_type, command):
    counter[0] += 1
    token = f"fwbm-probe-{counter[0]}"
    pending[token] = []
    envelope = {"token": token, "commandType": command_type, "command": command}
    proc.stdin.write(json.dumps(envelope) + "\n")
    proc.stdin.flush()
    return token


def wait(token, timeout):
    if not pump(lambda: token in finished, timeout):
        raise RuntimeError(f"no CommandSucceeded/CommandFailed for {token} within {timeout} s")
    return finished[token], pending[token]


def submit(code, timeout=60):
    return wait(send("SubmitCode", {"code": code, "targetKernelName": "csharp"}), timeout)


def succeeded(result):
    return result[0]["eventType"] == "CommandSucceeded"


def message(result):
    return result[0]["event"].get("message", "") if result[0]["eventType"] == "CommandFailed" else ""


def formatted(evs, mime, types=("DisplayedValueProduced", "DisplayedValueUpdated", "ReturnValueProduced", "StandardOutputValueProduced")):
    return [fv["value"] for e in evs if e["eventType"] in types
            for fv in e["event"].get("formattedValues", []) if fv.get("mimeType") == mime]


def return_text(evs):
    """The returned value as text (text/plain when formatted so, else the text of the HTML <pre>)."""
    plain = formatted(evs, "text/plain", ("ReturnValueProduced",))
    if plain:
        return plain[0].strip()
    html = formatted(evs, "text/html", ("ReturnValueProduced",))
    m = re.search(r"<pre>(.*?)</pre>", html[0], re.S) if html else None
    return m.group(1).strip() if m else None


def completions(line, timeout=30):
    token = send("RequestCompletions", {"code": line, "linePosition": {"line": 0, "character": len(line)}, "targetKernelName": "csharp"})
    term, evs = wait(token, timeout)
    items = [c.get("displayText") for e in evs if e["eventType"] == "CompletionsProduced" for c in e["event"].get("completions", [])]
    return term["eventType"] == "CommandSucceeded", items


def busiest_thread_cpu(window):
    """CPU seconds (user + system) that the kernel process's busiest thread used during the next `window` seconds, from
    /proc/<pid>/task/*/stat. The runtime's tiered-JIT worker (".NET Tiered Compilation", which recompiles hot code for a while
    after a run) is left out: the question is whether a thread is still simulating."""
    def read():
        out = {}
        for t in os.listdir(f"/proc/{proc.pid}/task"):
            try:
                with open(f"/proc/{proc.pid}/task/{t}/stat") as f:
                    head, rest = f.read().rsplit(")", 1)
                if head.split("(", 1)[1].startswith(".NET Tiered"):
                    continue
                fields = rest.split()
                out[t] = int(fields[11]) + int(fields[12])
            except (OSError, IndexError, ValueError):
                pass  # a thread that ended meanwhile
        return out
    a = read()
    pump(lambda: False, window)
    b = read()
    return max((b[t] - a.get(t, 0) for t in b), default=0) / os.sysconf("SC_CLK_TCK")


def chart_checks(label, evs):
    html = formatted(evs, "text/html")
    charts = sum(h.count('class="fwbm-plot"') for h in html)
    figures = [m.group(1) for h in html for m in re.finditer(r'class="fwbm-figure">(.*?)</script>', h, re.S)]
    valid = 0
    for f in figures:
        try:
            fig = json.loads(f.replace("<\\/", "</"))
            valid += bool(fig.get("data"))
        except json.JSONDecodeError:
            pass
    check(charts > 0 and valid == charts, f"{label}: text/html has {charts} FWBM chart container(s), {valid} with a Plotly figure holding data")
    # (plotly.js itself holds "https://cdn.plot.ly/" as the default topojson URL of geo maps, which FWBM does not draw)
    remote = [h for h in html if re.search(r"cdn\.plot\.ly/plotly|<script[^>]+src=|<link[^>]+href=[\"']?(https?:)?//", h)]
    check(not remote, f"{label}: no output loads a script or stylesheet from elsewhere (no CDN plotly.js)")
    return html


try:
    t0 = time.monotonic()
    if not pump(ready.is_set, 60):
        raise RuntimeError("no KernelReady within 60 s")
    print(f"  dotnet-interactive [vscode] stdio ready after {time.monotonic() - t0:.1f} s", flush=True)

    t0 = time.monotonic()
    r = submit(f"#!import {dib}", timeout=240)
    check(succeeded(r), f"loading cell `#!import artifacts/feed/use-fwbm.dib` succeeded ({time.monotonic() - t0:.1f} s) {message(r)}")
    if not succeeded(r):
        raise RuntimeError("FWBM did not load")

    r = submit("var conn = Fwbm.Core.Data.SyntheticConnectome.Generate(new() { Regions = 10, Seed = 1 });\nconn.Count")
    check(succeeded(r) and return_text(r[1]) == "10", f"C# cell: synthetic connectome with {return_text(r[1])} regions (expected 10) {message(r)}")

    all_html = []
    r = submit("#!fwbm-connectome --source conn --normalize max --name c10")
    check(succeeded(r), f"#!fwbm-connectome --source conn succeeded {message(r)}")
    all_html += chart_checks("#!fwbm-connectome", r[1])
    check(any("plotly.js v2.28.0" in h for h in formatted(r[1], "text/html")),
          "#!fwbm-connectome: the session's first chart output carries the embedded plotly.js (offline)")

    t0 = time.monotonic()
    r = submit("#!fwbm-simulate --connectome conn --model hopf --coupling 0.3 --duration 20s --transient 1s --tr 1 --seed 3 --name sim", timeout=120)
    check(succeeded(r), f"#!fwbm-simulate succeeded ({time.monotonic() - t0:.1f} s) {message(r)}")
    all_html += chart_checks("#!fwbm-simulate", r[1])
    check(any("bound: SimulationRun sim" in t for t in formatted(r[1], "text/plain") + formatted(r[1], "text/html")),
          "#!fwbm-simulate: says `bound: SimulationRun sim`")
    check(any(e["eventType"] == "DisplayedValueUpdated" for e in r[1]), "#!fwbm-simulate: live progress updates its display (DisplayedValueUpdated)")

    r = submit("sim.Bold.Length * 100 + sim.Connectome.Count")
    check(succeeded(r) and return_text(r[1]) == "2010", f"C# cell using the bound `sim`: {return_text(r[1])} (expected 2010: 20 s at TR 1 s, 10 regions)")

    ok, items = completions("#!fwbm-simulate --")
    expected = {"--connectome", "--model", "--coupling", "--duration", "--integrator", "--seed", "--name"}
    check(ok and expected <= set(items), f"completions after `#!fwbm-simulate --` list its parameters (missing: {sorted(expected - set(items))})")
    ok, items = completions("#!fwbm-simulate --connectome conn --integrator ")
    check(ok and {"heun", "euler"} <= set(items), f"completions for --integrator: {[i for i in items if i in ('heun', 'euler')]}")
    ok, items = completions("#!fwbm-simulate --connectome ")
    check(ok and "conn" in items and "sim" in items, "completions for --connectome offer the notebook's variables `conn` and `sim`")

    r = submit("#!fwbm-simulate --connectome conn --model hopff")
    check(not succeeded(r) and "--model 'hopff' is not allowed; allowed values: hopf" in message(r),
          f"wrong argument: CommandFailed \"{message(r).strip()[:100]}\"")

    # Cancel, as the notebook's Stop button sends it, while a long run is in progress (its progress display has appeared)
    run = send("SubmitCode", {"code": "#!fwbm-simulate --connectome conn --duration 600min --dt 0.1 --name never", "targetKernelName": "csharp"})
    started = pump(lambda: any(e["eventType"] in ("DisplayedValueProduced", "DisplayedValueUpdated") for e in pending[run]) or run in finished, 60)
    check(started and run not in finished, "long #!fwbm-simulate running (progress displayed)")
    busy = busiest_thread_cpu(2.0)
    t0 = time.monotonic()
    cancel = send("Cancel", {})
    term, evs = wait(run, 30)
    took = time.monotonic() - t0
    check(term["eventType"] == "CommandFailed" and took < 15, f"Cancel failed the run's command: {term['eventType']} after {took:.1f} s ({term['event'].get('message', '').strip()[:80]})")
    # the magic itself saw the cancellation: its live progress display ends "cancelled" (the update may follow CommandFailed)
    progress = lambda: [t for t in formatted(pending[run], "text/plain") if "regions," in t]
    pump(lambda: bool(progress()) and "cancelled" in progress()[-1], 15)
    p = progress()
    check(bool(p) and "cancelled" in p[-1], f"the progress display ends cancelled: {p[-1].strip()[:100] if p else None!r}")
    # and the computation stopped: the kernel process, busy while simulating, is idle after the cancel
    # (compared with each other, so that a loaded machine slows both alike; a thread still simulating keeps its rate up)
    pump(lambda: False, 0.5)
    idle = busiest_thread_cpu(2.0)
    if busy > 0.2 and idle >= 0.3 * busy:   # one more window: a collection or tiering burst right after the cancel is not a simulation
        idle = busiest_thread_cpu(2.0)
    check(busy > 0.2 and idle < 0.3 * busy, f"the simulation stopped: the kernel's busiest thread used {busy:.2f} s CPU in 2 s while running, {idle:.2f} s in 2 s after the cancel")
    c_term, _ = wait(cancel, 30)
    check(c_term["eventType"] == "CommandSucceeded", f"the Cancel command itself: {c_term['eventType']}")
    r = submit("never")
    check(not succeeded(r), "the cancelled run bound nothing (`never` is undefined)")
    r = submit("sim.Connectome.Count + 1")
    check(succeeded(r) and return_text(r[1]) == "11", f"next cell after the cancel works: {return_text(r[1])} (expected 11)")

    if args.html:
        with open(args.html, "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>polyglot probe</title></head><body>\n")
            f.write("\n".join(all_html))
            f.write("\n</body></html>\n")
except Exception as ex:  # a protocol failure is a failed probe, never a hang
    failures.append(str(ex))
    print(f"  FAIL {ex}", flush=True)
finally:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait(timeout=30)
    shutil.rmtree(workdir, ignore_errors=True)

print(f"polyglot probe: {'all checks passed' if not failures else f'{len(failures)} check(s) failed'} in {time.monotonic() - t_start:.0f} s", flush=True)
sys.exit(1 if failures else 0)
