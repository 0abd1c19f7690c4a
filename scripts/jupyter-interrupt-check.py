"""Jupyter's Interrupt on the .net-csharp kernel stops a running FWBM cell cleanly and leaves the kernel usable.

Usage: /usr/bin/python3 scripts/jupyter-interrupt-check.py <artifacts/feed/use-fwbm.dib>
(needs the dotnet-interactive tool on PATH and the data environment of scripts/notebooks-ci.sh).

Starts the .net-csharp kernel exactly as Jupyter does (KernelManager, the kernel spec's default interrupt_mode "signal"),
loads FWBM from the feed, starts an hour-long #!fwbm-simulate, interrupts the kernel (SIGINT to its process group, what the
Interrupt button sends) once the run shows progress, and asserts: the cell ends within seconds with "Command cancelled.", its
progress display says cancelled, the kernel process stops computing and stays alive, and later cells (C# and a short
#!fwbm-simulate) run. Exits non-zero with the failed check's description.
"""
import gc
import os
import queue
import re
import signal
import sys
import tempfile
import time

from jupyter_client import KernelManager

FEED_DIB = sys.argv[1]
LONG = "#!fwbm-simulate --connectome hcp --model hopf --coupling 0.5 --duration 3600s --show none --name longRun"
SHORT = "#!fwbm-simulate --connectome hcp --model hopf --coupling 0.5 --duration 20s --transient 0s --show none --name shortRun"


KERNEL_LOG = tempfile.NamedTemporaryFile(prefix="fwbm-interrupt-kernel.", suffix=".log", delete=False)


def fail(message):
    KERNEL_LOG.flush()
    with open(KERNEL_LOG.name, errors="replace") as f:
        tail = f.read()[-1500:]
    raise SystemExit(f"jupyter-interrupt-check: {message}\n  kernel output (tail):\n{tail}")


def text_of(msg):
    c = msg["content"]
    if msg["msg_type"] == "stream":
        return c.get("text", "")
    if msg["msg_type"] == "error":
        return f"{c.get('ename')}: {c.get('evalue')}"
    data = c.get("data", {})
    if "text/plain" in data:
        return str(data["text/plain"])
    html = re.sub(r"<style.*?</style>|<script.*?</script>", "", str(data.get("text/html", "")), flags=re.S)
    return re.sub(r"<[^>]+>", "", html).strip()    # the kernel formats plain values as HTML only


def cpu_seconds(pid):
    """user + system CPU time of a process (all its threads), from /proc."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# a caller's timeout (SIGTERM) must still shut the kernel down (the finally block below)
signal.signal(signal.SIGTERM, lambda *_: fail("terminated (timeout) before the checks finished"))

km = KernelManager(kernel_name=".net-csharp")
km.start_kernel(stdout=KERNEL_LOG, stderr=KERNEL_LOG)   # the host's console log, shown when a check fails
kc = km.client()
kc.start_channels()


def reply(msg_id, timeout):
    deadline = time.time() + timeout
    while True:
        try:
            r = kc.get_shell_msg(timeout=max(0.1, deadline - time.time()))
        except queue.Empty:
            fail(f"no execute_reply within {timeout} s (kernel alive: {km.is_alive()})")
        if r["parent_header"].get("msg_id") == msg_id:
            return r["content"]


def collect(msg_id, timeout, on_output=None):
    """iopub outputs of one request until the kernel is idle for it; None if it is not idle within timeout."""
    outputs, deadline = [], time.time() + timeout
    while time.time() < deadline:
        try:
            m = kc.get_iopub_msg(timeout=0.2)
        except queue.Empty:
            continue
        if m["parent_header"].get("msg_id") != msg_id:
            continue
        if m["msg_type"] in ("stream", "error", "display_data", "update_display_data", "execute_result"):
            outputs.append(text_of(m))
            if on_output and on_output(text_of(m)):
                return outputs
        if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
            return outputs
    return None


def run(code, timeout, what):
    msg_id = kc.execute(code)
    outputs = collect(msg_id, timeout)
    if outputs is None:
        fail(f"{what}: no answer within {timeout} s")
    status = reply(msg_id, 10)["status"]
    if status != "ok":
        fail(f"{what}: status {status}: {' | '.join(outputs)[-600:]}")
    return "\n".join(outputs)


t_start = time.time()
try:
    kc.wait_for_ready(timeout=120)
    loaded = run(open(FEED_DIB).read(), 180, "loading FWBM from the feed")
    if "Jupyter's Interrupt stops the running cell" not in loaded:
        fail(f"FWBM loaded without taking over SIGINT (its load message: {loaded[-400:]!r})")
    pid = int(run("Console.WriteLine(System.Environment.ProcessId);", 30, "kernel pid").split()[-1])

    long_id = kc.execute(LONG)
    # wait until the run is computing (its progress shows elapsed time), at most 60 s
    started = collect(long_id, 60, on_output=lambda t: "elapsed" in t and "%" in t)
    if started is None or not any("elapsed" in t for t in started):
        fail(f"the long #!fwbm-simulate showed no progress: {started}")
    time.sleep(2)
    t_interrupt = time.time()
    km.interrupt_kernel()                      # the Interrupt button: SIGINT to the kernel's process group
    after = collect(long_id, 15)
    if after is None:
        fail("the interrupted cell did not end within 15 s (kernel wedged or the run ignored the cancellation)")
    stop_s = time.time() - t_interrupt
    content = reply(long_id, 10)
    if content["status"] != "error" or "cancelled" not in str(content.get("evalue", "")).lower():
        fail(f"the interrupted cell's reply is {content} (expected an error 'Command cancelled.')")
    if not any("cancelled" in t and "fwbm-simulate" in t for t in after):
        fail(f"the progress display did not switch to cancelled: {after[-3:]}")
    if not km.is_alive():
        fail("the kernel process died on the interrupt")
    # the run's worker threads finish the block in flight, then the process goes quiet: a whole second with (almost) no CPU
    samples, quiet_at = [cpu_seconds(pid)], None
    while quiet_at is None and time.time() - t_interrupt < 10:
        time.sleep(0.5)
        samples.append(cpu_seconds(pid))
        if len(samples) >= 3 and samples[-1] - samples[-3] < 0.1:
            quiet_at = time.time() - t_interrupt
    if quiet_at is None:
        steps = ", ".join(f"{b - a:.2f}" for a, b in zip(samples, samples[1:]))
        fail(f"the kernel process still computes 10 s after the interrupt (CPU s per 0.5 s since the cell ended: {steps})")
    four = run("2+2", 30, "2+2 after the interrupt")
    if "4" not in four:
        fail(f"2+2 after the interrupt printed {four!r}")
    run(SHORT, 60, "a short #!fwbm-simulate after the interrupt")
    regions = run("shortRun.Bold.Regions", 30, "the short run's result")
    if "80" not in regions:
        fail(f"the short run after the interrupt has {regions!r} BOLD regions (expected hcp's 80)")
    print(f"  jupyter interrupt: #!fwbm-simulate (3600 s) interrupted after its progress showed; the cell ended {stop_s:.1f} s later "
          f"with 'Command cancelled.' and progress 'cancelled'; kernel alive and idle (no CPU) {quiet_at:.1f} s after the interrupt; then 2+2 = 4 and "
          f"a 20 s #!fwbm-simulate ran ({time.time() - t_start:.0f} s in all)")
finally:
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    KERNEL_LOG.close()
    os.unlink(KERNEL_LOG.name)
    del kc, km   # while logging and zmq are still importable (their __del__ fails at interpreter exit otherwise)
    gc.collect()
