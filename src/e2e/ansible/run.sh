#!/usr/bin/env bash
# End-to-end: F5's own Ansible modules (Debian's `ansible` package ships f5networks.f5_modules)
# against a freshly booted Gatehouse. Boots the shaded jar on a free management port, runs
# site.yml twice (the second run must change nothing), checks that requests through the created
# virtual server reach both backends (two small HTTP servers on 127.0.0.11/12:8080 that the
# playbook's monitors must find up), then more.yml twice (network, device settings, member states;
# the second run must change nothing) and more-absent.yml, ops.yml (facts, a tmsh command, save), absent.yml and
# ucs.yml (a UCS fetched with bigip_ucs_fetch, then uploaded and installed with bigip_ucs), and
# stops everything it started, by PID.
#
# Usage: src/e2e/ansible/run.sh   (after `mvn package`; needs ansible-playbook on the PATH)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
jar="$root/firmware-sim/target/gatehouse.jar"
[[ -f "$jar" ]] || { echo "run.sh: $jar is missing; run mvn package first" >&2; exit 1; }
command -v ansible-playbook >/dev/null || { echo "run.sh: ansible-playbook is not installed" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
backends=()
cleanup() {
    for b in "${backends[@]:-}"; do [[ -n "$b" ]] && kill "$b" 2>/dev/null; done
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill "$pid"
        for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -rf "$work"
}
trap cleanup EXIT

for n in 1 2; do
    python3 "$here/backend.py" "127.0.0.1$n" 8080 "app$n" &
    backends+=($!)
done

java -jar "$jar" boot --data-dir "$work/data" --no-console --mgmt-port 0 --ssh-port 0 >"$work/box.log" 2>&1 &
pid=$!

port=""
for _ in $(seq 1 120); do
    port="$(sed -n 's/^management REST API: https:\/\/[^ ]*:\([0-9]*\)\/mgmt.*/\1/p' "$work/box.log" | head -1)"
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/box.log" >&2; echo "run.sh: the appliance did not boot" >&2; exit 1; }
    sleep 0.5
done
[[ -n "$port" ]] || { cat "$work/box.log" >&2; echo "run.sh: no management port after 60 s" >&2; exit 1; }
echo "run.sh: appliance up, management port $port"

export F5_TELEMETRY_OFF=true ANSIBLE_HOST_KEY_CHECKING=false ANSIBLE_NOCOLOR=true ANSIBLE_RETRY_FILES_ENABLED=false
export ANSIBLE_PYTHON_INTERPRETER="${ANSIBLE_PYTHON_INTERPRETER:-/usr/bin/python3}"
playbook() {
    ansible-playbook -i localhost, -e "gatehouse_port=$port" "$here/$1" | tee "$work/$1.$2.out"
}

playbook site.yml first
playbook site.yml second
if ! grep -Eq 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' "$work/site.yml.second.out"; then
    echo "run.sh: the second run of site.yml changed something; it must be idempotent" >&2
    exit 1
fi
# Traffic: the virtual (127.0.0.1:18080, http profile) balances the two backends once the
# playbook's monitors have marked them up.
answers=""
for _ in $(seq 1 120); do
    answers="$(for i in 1 2 3 4; do curl -s --max-time 2 http://127.0.0.1:18080/ || true; done)"
    grep -q app1 <<<"$answers" && grep -q app2 <<<"$answers" && break
    sleep 0.5
done
grep -q app1 <<<"$answers" && grep -q app2 <<<"$answers" \
    || { tail -20 "$work/box.log" >&2; echo "run.sh: requests through web_vs did not reach both backends" >&2; exit 1; }
echo "run.sh: requests through web_vs reached both backends"
playbook more.yml first
playbook more.yml second
if ! grep -Eq 'localhost +: ok=[0-9]+ +changed=0 +unreachable=0 +failed=0' "$work/more.yml.second.out"; then
    echo "run.sh: the second run of more.yml changed something; it must be idempotent" >&2
    exit 1
fi
playbook more-absent.yml once
playbook ops.yml once
[[ -s "$work/data/config/bigip.conf" ]] || { echo "run.sh: bigip_config save wrote no bigip.conf" >&2; exit 1; }
playbook absent.yml once
playbook ucs.yml once
echo "run.sh: ansible end-to-end passed (create, idempotent re-run, traffic, more modules, operations, absent, UCS fetch and install)"
