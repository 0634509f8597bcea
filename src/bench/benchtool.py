#!/usr/bin/env python3
"""Helpers for src/bench/bench.sh (standard library only; loopback only; every loop bounded).

  benchtool.py idle     --port P --count N --pids "PID..." [--settle S]
      opens N idle TCP connections to 127.0.0.1:P, measures the RSS and descriptors of PIDS (and
      their children) before and after, prints "kib_per_conn=.. opened=.. fds_delta=.. rss_before_kib=.. rss_after_kib=..".
  benchtool.py change   --kind gatehouse|haproxy|nginx --seconds D --probe-port P [kind options]
      changes the configuration once a second for D seconds (member 2 out, then back in, ...) and after
      each change probes with new connections until the change shows; prints "changes=.. effect_ms_median=.. effect_ms_max=.. missed=..".
  benchtool.py warm-changes --mgmt-port P --member M --count N
      Gatehouse only: N member changes back to back (out, in, ...; member M left in), so the JIT has compiled
      the management path before the measured changes, as the data plane's paths are before the traffic runs.
  benchtool.py probe-per-request --port P [--tls]
      two requests on one connection: prints "per-request" when two different backends answered them.
  benchtool.py table    RESULTS.tsv
      prints the result table with the Gatehouse ÷ HAProxy and Gatehouse ÷ nginx ratios per round and their median.
"""
import argparse
import http.client
import json
import os
import selectors
import signal
import socket
import ssl
import re
import statistics
import subprocess
import sys
import time

HOST = "127.0.0.1"


# ------------------------------------------------------------------ process accounting
def family(pids):
    """The PIDs and their direct children (nginx workers)."""
    out = []
    for pid in pids:
        out.append(pid)
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as f:
                out.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def rss_kib(pids):
    total = 0
    for pid in family(pids):
        try:
            with open(f"/proc/{pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


def fd_count(pids):
    total = 0
    for pid in family(pids):
        try:
            total += len(os.listdir(f"/proc/{pid}/fd"))
        except OSError:
            pass
    return total


def live_heap_kib(pid):
    """A JVM's heap in use right after a full collection (jcmd), in KiB."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60, check=True)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60,
                         check=True).stdout
    # G1 prints one line for its heap; the parallel collector one per generation (young, old): add them up.
    used = re.findall(r"total \d+K, used (\d+)K", out)
    if not used:
        raise SystemExit(f"cannot read the heap of {pid}: {out}")
    return sum(int(kib) for kib in used)


# ------------------------------------------------------------------ idle connections
def idle(args):
    pids = [int(p) for p in args.pids.split()]
    heap0 = live_heap_kib(pids[0]) if args.jvm else 0
    rss0, fd0 = rss_kib(pids), fd_count(pids)
    socks = []
    sel = selectors.DefaultSelector()
    deadline = time.monotonic() + args.timeout
    batch = 500
    failed = 0
    for start in range(0, args.count, batch):
        pending = 0
        for _ in range(min(batch, args.count - start)):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            s.connect_ex((HOST, args.port))
            sel.register(s, selectors.EVENT_WRITE)
            pending += 1
        while pending and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=1.0):
                s = key.fileobj
                sel.unregister(s)
                pending -= 1
                if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0:
                    socks.append(s)
                else:
                    failed += 1
                    s.close()
        if pending:
            break
    time.sleep(args.settle)
    alive = 0
    for s in socks:  # a connection the proxy (or its member) closed reads as EOF
        try:
            alive += 0 if s.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b"" else 1
        except BlockingIOError:
            alive += 1
        except OSError:
            pass
    rss1, fd1 = rss_kib(pids), fd_count(pids)
    heap1 = live_heap_kib(pids[0]) if args.jvm else 0
    for s in socks:
        s.close()
    rss_per = (rss1 - rss0) / alive if alive else float("nan")
    heap_per = (heap1 - heap0) / alive if alive else float("nan")
    # a JVM's RSS need not grow (its heap was already touched): count the live heap it holds as well
    per = max(rss_per, heap_per) if args.jvm else rss_per
    print(f"kib_per_conn={per:.2f} opened={alive} failed={failed} fds_delta={fd1 - fd0} "
          f"rss_before_kib={rss0} rss_after_kib={rss1} rss_kib_per_conn={rss_per:.2f} heap_kib_per_conn={heap_per:.2f}")


# ------------------------------------------------------------------ backend probes
def fetch_backend(port, timeout=2.0):
    """One request on a new connection; the X-Backend header of the answer (None on failure)."""
    try:
        conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
        conn.request("GET", "/1k", headers={"Connection": "close"})
        resp = conn.getresponse()
        resp.read()
        conn.close()
        return resp.getheader("X-Backend")
    except OSError:
        return None
    except http.client.HTTPException:
        return None


def probe_per_request(args):
    try:
        if args.tls:
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
            conn = http.client.HTTPSConnection(HOST, args.port, timeout=3, context=ctx)
        else:
            conn = http.client.HTTPConnection(HOST, args.port, timeout=3)
        seen = []
        for _ in range(2):
            conn.request("GET", "/1k")
            resp = conn.getresponse()
            resp.read()
            seen.append(resp.getheader("X-Backend"))
        conn.close()
    except (OSError, http.client.HTTPException) as e:
        print(f"failed: {e}")
        return
    print("per-request" if len(set(seen)) == 2 else "per-connection " + ",".join(map(str, seen)))


# ------------------------------------------------------------------ configuration changes
class Gatehouse:
    """iControl REST as an automation client uses it: a token from one login, one kept-alive HTTPS connection."""

    def __init__(self, args):
        self.port = args.mgmt_port
        self.path = f"/mgmt/tm/ltm/pool/~Common~{args.pool}/members/~Common~{args.member}"
        self.ctx = ssl.create_default_context()
        self.ctx.check_hostname = False
        self.ctx.verify_mode = ssl.CERT_NONE
        self.conn = None
        login = self.call("POST", "/mgmt/shared/authn/login",
                          {"username": "admin", "password": "admin", "loginProviderName": "tmos"}, {})
        self.token = login["token"]["token"]

    def call(self, method, path, body, headers):
        for attempt in (1, 2):  # a kept-alive connection the server closed is opened again, once
            if self.conn is None:
                self.conn = http.client.HTTPSConnection(HOST, self.port, timeout=5, context=self.ctx)
            try:
                self.conn.request(method, path, body=json.dumps(body),
                                  headers={"Content-Type": "application/json", **headers})
                resp = self.conn.getresponse()
                data = resp.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt == 2:
                    raise
                continue
            if resp.status != 200:
                raise SystemExit(f"{method} {path}: HTTP {resp.status} {data[:200]!r}")
            return json.loads(data)
        raise AssertionError("unreachable")

    def set(self, enabled):
        self.call("PATCH", self.path, {"session": "user-enabled" if enabled else "user-disabled"},
                  {"X-F5-Auth-Token": self.token})


class Haproxy:
    """The runtime API (no reload): what an HAProxy operator uses to take a server in and out."""

    def __init__(self, args):
        self.socket = args.admin_socket
        self.server = args.server

    def set(self, enabled):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(self.socket)
            s.sendall(f"set server {self.server} state {'ready' if enabled else 'maint'}\n".encode())
            s.recv(4096)


class Nginx:
    """A configuration file change and a reload (SIGHUP to the master)."""

    def __init__(self, args):
        self.conf = args.conf
        self.master = args.master_pid
        self.line = f"server {args.member};"
        with open(self.conf) as f:
            self.template = f.read()
        if self.line not in self.template:
            raise SystemExit(f"{self.conf} has no '{self.line}'")

    def set(self, enabled):
        with open(self.conf + ".tmp", "w") as f:
            f.write(self.template if enabled else
                    self.template.replace(self.line, self.line[:-1] + " down;"))
        os.replace(self.conf + ".tmp", self.conf)
        os.kill(self.master, signal.SIGHUP)


def change(args):
    target = {"gatehouse": Gatehouse, "haproxy": Haproxy, "nginx": Nginx}[args.kind](args)
    effects, missed, changes = [], 0, 0
    end = time.monotonic() + args.seconds
    enabled = True
    while time.monotonic() + 1.0 <= end:
        tick = time.monotonic()
        enabled = not enabled
        target.set(enabled)
        changes += 1
        # taken effect: member 2 answers a new connection (in), or 4 new connections in a row avoid it (out)
        run, first, done = 0, None, False
        while time.monotonic() < tick + args.effect_deadline:
            now = time.monotonic()
            backend = fetch_backend(args.probe_port)
            if enabled and backend == args.member2_name:
                effects.append((now - tick) * 1000)
                done = True
                break
            if not enabled and backend is not None and backend != args.member2_name:
                run, first = run + 1, first if run else now
                if run >= 4:
                    effects.append((first - tick) * 1000)
                    done = True
                    break
            else:
                run = 0
        if not done:
            missed += 1
        time.sleep(max(0.0, tick + 1.0 - time.monotonic()))
    if not enabled:
        target.set(True)
    med = statistics.median(effects) if effects else float("nan")
    mx = max(effects) if effects else float("nan")
    print(f"changes={changes} effect_ms_median={med:.1f} effect_ms_max={mx:.1f} missed={missed}")


def warm_changes(args):
    target = Gatehouse(args)
    for i in range(args.count):
        target.set(i % 2 == 1)
    target.set(True)
    print(f"changes={args.count + 1}")


# ------------------------------------------------------------------ table
PROXIES = ("gatehouse", "haproxy", "nginx")


def num(v):
    try:
        x = float(v)
    except ValueError:
        return None
    return None if x != x else x  # NaN: nothing was measured


def fmt(v, digits=0):
    if v is None:
        return "-"
    if digits == 0:
        return f"{v:,.0f}"
    return f"{v:.{digits}f}"


def table(args):
    rows = []
    with open(args.results) as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    keys = []
    for r in rows:
        k = (r["threads"], r["scenario"])
        if k not in keys:
            keys.append(k)
    print("| threads | scenario | proxy | metric | value (median) | p50 ms | p99 ms | proxy CPU s | proxy RSS MiB "
          "| errors | GH÷HAProxy per round | median | GH÷nginx per round | median |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for threads, scenario in keys:
        by = {p: [r for r in rows if r["threads"] == threads and r["scenario"] == scenario and r["proxy"] == p]
              for p in PROXIES}
        rounds = sorted({int(r["round"]) for p in PROXIES for r in by[p]})
        metric = next((r["metric"] for p in PROXIES for r in by[p] if num(r["value"]) is not None), "req/s")
        lower_better = metric in ("CPU ms/handshake", "KiB/conn", "effect ms")

        def value(p, rnd):
            for r in by[p]:
                if int(r["round"]) == rnd:
                    return num(r["value"])
            return None

        def ratios(peer):
            out = []
            for rnd in rounds:
                g, h = value("gatehouse", rnd), value(peer, rnd)
                out.append(g / h if g is not None and h else None)
            return out

        for p in PROXIES:
            rs = by[p]
            if not rs:
                continue
            note = next((r["note"] for r in rs if r["note"]), "")
            vals = [num(r["value"]) for r in rs if num(r["value"]) is not None]

            def med(col, rs=rs):
                xs = [num(r[col]) for r in rs if num(r[col]) is not None]
                return statistics.median(xs) if xs else None

            errors = sum(int(num(r["errors"]) or 0) for r in rs if num(r["errors"]) is not None)
            digits = {"req/s": 0, "CPU ms/handshake": 3}.get(metric, 1)
            value_text = fmt(statistics.median(vals), digits) if vals else (note.split(" (")[0] or "-")
            cells = [threads, scenario, p, metric, value_text, fmt(med("p50_ms"), 2), fmt(med("p99_ms"), 2),
                     fmt(med("cpu_s"), 1), fmt(med("rss_mib"), 0), str(errors)]
            if p == "gatehouse":
                for peer in ("haproxy", "nginx"):
                    rr = ratios(peer)
                    got = [x for x in rr if x is not None]
                    cells.append(" / ".join(fmt(x, 2) for x in rr) if got else "-")
                    cells.append(fmt(statistics.median(got), 2) if got else "-")
            else:
                cells += ["", "", "", ""]
            print("| " + " | ".join(cells) + " |")
    notes = {}
    for r in rows:
        if r["note"]:
            key = (r["threads"], r["scenario"], r["proxy"])
            if r["note"] not in notes.setdefault(key, []):
                notes[key].append(r["note"])
    if notes:
        print()
        for (threads, scenario, proxy), texts in notes.items():
            print(f"- {threads} thread(s), {scenario}, {proxy}: " + "; ".join(texts))
    print()
    print("Ratios are Gatehouse ÷ peer of the same round; for req/s higher is better, for "
          "CPU ms/handshake, KiB/conn and effect ms lower is better.")


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("idle")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--pids", required=True)
    p.add_argument("--settle", type=float, default=3.0)
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--jvm", action="store_true", help="the first PID is a JVM: count its live heap growth too")
    p = sub.add_parser("change")
    p.add_argument("--kind", choices=("gatehouse", "haproxy", "nginx"), required=True)
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--probe-port", type=int, required=True)
    p.add_argument("--member2-name", default="b2")
    p.add_argument("--effect-deadline", type=float, default=0.9)
    p.add_argument("--mgmt-port", type=int)
    p.add_argument("--pool", default="bench_pool")
    p.add_argument("--member")
    p.add_argument("--admin-socket")
    p.add_argument("--server")
    p.add_argument("--conf")
    p.add_argument("--master-pid", type=int)
    p = sub.add_parser("warm-changes")
    p.add_argument("--mgmt-port", type=int, required=True)
    p.add_argument("--pool", default="bench_pool")
    p.add_argument("--member", required=True)
    p.add_argument("--count", type=int, required=True)
    p = sub.add_parser("probe-per-request")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--tls", action="store_true")
    p = sub.add_parser("table")
    p.add_argument("results")
    args = ap.parse_args()
    {"idle": idle, "change": change, "warm-changes": warm_changes, "probe-per-request": probe_per_request, "table": table}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
