#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# check-debs.sh: installs the packages that `make package` built into a fresh, minimal Debian 12
# root and checks what they promise: dependencies resolved from Debian's archive, no Qt GUI
# library for the server package, the user qetcd and /var/lib/qetcd, the enabled (not started)
# unit, the conffile, the man pages, a member started as the service would start it answering
# qetcdctl, the admin package, and a purge that keeps the data. Needs root.
#
#   packaging/check-debs.sh [DIR]      # DIR holds qetcd_*.deb and qetcd-admin_*.deb
#                                      # (default build/packages)
#
# The root is the one ../shared/tools/fresh-check makes (mmdebstrap --variant=minbase, from this
# machine's apt sources), kept as a tarball in $FRESH_ROOT.tar and unpacked anew for each run.
# systemd does not run in a chroot: there the unit is checked with systemd-analyze (verify,
# security) and the member is started by hand with the unit's user, environment and working
# directory; then the root is booted with systemd-nspawn (systemd-container) and systemd starts
# the member from the installed unit.
set -euo pipefail
debs=$(cd "${1:-build/packages}" && pwd)
root=${FRESH_ROOT:-/var/tmp/fresh-bookworm}
tarball="$root.tar"
ls "$debs"/qetcd_*.deb "$debs"/qetcd-admin_*.deb >/dev/null

command -v mmdebstrap >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >/dev/null
}
if [ ! -f "$tarball" ]; then
  echo "check-debs: creating a minimal Debian 12 root (once)..."
  mmdebstrap --quiet --variant=minbase --include=ca-certificates,make,git \
    bookworm "$tarball" /etc/apt/sources.list.d/debian.sources
fi

work=$(mktemp -d /var/tmp/check-debs.XXXXXX)
cleanup() {
  for m in dev/pts dev proc sys; do umount -l "$work/$m" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
tar -C "$work" -xf "$tarball"
cp /etc/resolv.conf "$work/etc/resolv.conf" 2>/dev/null || true
# mmdebstrap writes no /etc/hosts (an installed system has one, with localhost in it), and
# qetcd's defaults name http://localhost:2379.
[ -f "$work/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\n' >"$work/etc/hosts"
mount -t proc proc "$work/proc"; mount --rbind /sys "$work/sys"; mount --rbind /dev "$work/dev"
mkdir -p "$work/debs" && cp "$debs"/qetcd_*.deb "$debs"/qetcd-admin_*.deb "$work/debs/"

# Each phase runs in the root; the member runs in a network namespace of its own (only a
# loopback), so that it cannot meet, or be mistaken for, anything listening on this machine.
run_phase() { # NAME [isolated]
  local cmd=(chroot "$work" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root
             LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive bash -euo pipefail /check/"$1".sh)
  if [ "${2:-}" = isolated ]; then
    unshare --net bash -c 'ip link set lo up && exec "$@"' run-phase "${cmd[@]}"
  else
    "${cmd[@]}"
  fi
}
mkdir -p "$work/check"
cat >"$work/check/lib.sh" <<'LIB'
step() { printf '\n$ %s\n' "$*"; "$@"; }
cd /debs
LIB

cat >"$work/check/install.sh" <<'PHASE'
. /check/lib.sh
step cat /etc/debian_version
step apt-get update -qq
echo; echo '$ apt-get install -y ./qetcd_*.deb   (the server package alone; tail of the output)'
apt-get install -y --no-install-recommends ./qetcd_*.deb 2>&1 | tail -n 4
echo; echo '$ dpkg-query -W "libqt6*"   (no Gui, Widgets or Charts library)'
dpkg-query -W -f='${Package} ${Version}\n' 'libqt6*'
if dpkg-query -W libqt6gui6 libqt6widgets6 >/dev/null 2>&1; then echo "FAIL: GUI libraries pulled in"; exit 1; fi
step getent passwd qetcd
step ls -ld /var/lib/qetcd
step dpkg-query -W -f='${Conffiles}\n' qetcd
step ls -l /lib/systemd/system/qetcd.service /etc/systemd/system/multi-user.target.wants/qetcd.service
step cat /etc/default/qetcd
step ls -l /usr/share/man/man1/qetcd.1.gz /usr/share/man/man1/qetcdctl.1.gz
echo; echo '$ apt-get install -y man-db systemd systemd-sysv dbus   (for man, systemd-analyze and the boot below; qetcd does not need them)'
apt-get install -y --no-install-recommends man-db systemd systemd-sysv dbus >/dev/null 2>&1
step systemctl is-enabled qetcd.service
step man -w qetcd
step man -w qetcdctl
echo; echo '$ man qetcd | head -n 12'; MANWIDTH=80 man qetcd 2>/dev/null | head -n 12
step systemd-analyze verify /lib/systemd/system/qetcd.service
echo; echo '$ systemd-analyze security --offline=yes /lib/systemd/system/qetcd.service | tail -n 1'
systemd-analyze security --offline=yes /lib/systemd/system/qetcd.service | tail -n 1
step qetcd --version
step qetcdctl --version
PHASE

cat >"$work/check/member.sh" <<'PHASE'
. /check/lib.sh
# The member as qetcd.service starts it: its user, the unit's Environment= and then
# EnvironmentFile= (the file wins), WorkingDirectory=/var/lib/qetcd.
unit_env() {
  sed -n 's/^Environment=//p' /lib/systemd/system/qetcd.service
  grep -E '^ETCD_[A-Z0-9_]+=' /etc/default/qetcd || true
}
start_member() {
  echo; echo "\$ (cd /var/lib/qetcd && runuser -u qetcd -- env $(unit_env | xargs) /usr/bin/qetcd &)"
  cd /var/lib/qetcd
  runuser -u qetcd -- env -i PATH=/usr/bin:/bin LANG=C.UTF-8 $(unit_env) /usr/bin/qetcd \
    >/tmp/qetcd.log 2>&1 &
  pid=$!
  cd /debs
  for i in $(seq 1 50); do qetcdctl cluster-health >/dev/null 2>&1 && break; sleep 0.2; done
}
stop_member() {
  kill "$pid" || { echo "FAIL: the member is gone:"; cat /tmp/qetcd.log; exit 1; }
  wait "$pid" || true
}
echo; echo '# in a network namespace of its own: only a loopback interface'
start_member
step qetcdctl set /a 1
step qetcdctl get /a
step qetcdctl cluster-health
stop_member
echo; echo '$ head -n 14 /tmp/qetcd.log   (the member'"'"'s log)'; head -n 14 /tmp/qetcd.log
step ls -l /var/lib/qetcd /var/lib/qetcd/default.etcd/member
echo; echo '# every commented setting of /etc/default/qetcd enabled: those defaults start the member too'
sed -i 's/^#ETCD_/ETCD_/' /etc/default/qetcd
start_member
step qetcdctl get /a
stop_member
sed -i 's/^ETCD_/#ETCD_/' /etc/default/qetcd
PHASE

cat >"$work/check/admin-purge.sh" <<'PHASE'
. /check/lib.sh
echo; echo '$ apt-get install -y ./qetcd-admin_*.deb   (tail of the output)'
apt-get install -y --no-install-recommends ./qetcd-admin_*.deb 2>&1 | tail -n 3
echo; echo '$ dpkg -L qetcd-admin | grep -E "bin/|applications/|icons/|man/"'
dpkg -L qetcd-admin | grep -E 'bin/|applications/|icons/.*\.(png|svg)$|man/.*gz$'
echo; echo '$ QT_QPA_PLATFORM=offscreen qetcd-admin --version'
QT_QPA_PLATFORM=offscreen qetcd-admin --version 2>/dev/null
step man -w qetcd-admin
echo; echo '$ apt-get purge -y qetcd   (tail of the output)'
apt-get purge -y qetcd 2>&1 | grep -v '^(Reading' | tail -n 3
echo; echo '# after the purge: the unit, its enablement and /etc/default/qetcd are gone; the user and the data stay'
step ls /lib/systemd/system/qetcd.service /etc/systemd/system/multi-user.target.wants/qetcd.service /etc/default/qetcd || true
step getent passwd qetcd
step ls -ld /var/lib/qetcd/default.etcd
PHASE

# The root booted with systemd (systemd-nspawn, only a loopback network): qetcd.service as
# installed, hardened sandbox and all, started by systemd at boot; a oneshot unit after it checks
# the member and powers the container off.
boot_check() {
  command -v systemd-nspawn >/dev/null || {
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd-container >/dev/null
  }
  cat >"$work/check/boot.sh" <<'PHASE'
#!/bin/sh
{
  set -e
  echo "# booted: $(systemctl --version | head -n 1), qetcd.service started by systemd"
  for i in $(seq 1 50); do qetcdctl cluster-health >/dev/null 2>&1 && break; sleep 0.2; done
  echo '$ systemctl is-active qetcd'; systemctl is-active qetcd
  echo '$ systemctl show -p Type,User,NRestarts qetcd'; systemctl show -p Type,User,NRestarts qetcd
  echo '$ qetcdctl get /a   (written by the member above)'; qetcdctl get /a
  echo '$ qetcdctl set /b 2'; qetcdctl set /b 2
  echo '$ qetcdctl cluster-health'; qetcdctl cluster-health
  pid=$(systemctl show -p MainPID --value qetcd)
  echo '$ grep -E "^(Uid|CapEff|CapBnd|NoNewPrivs|Seccomp):" /proc/$MAINPID/status'
  grep -E '^(Uid|CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/$pid/status
  echo '$ systemd-analyze security qetcd | tail -n 1'; systemd-analyze security qetcd | tail -n 1
  echo '$ systemctl reload qetcd; systemctl show -p MainPID,NRestarts qetcd (same member, SIGHUP)'
  systemctl reload qetcd
  for i in $(seq 1 50); do journalctl -u qetcd --no-pager -o cat | grep -q 'received SIGHUP' && break; sleep 0.2; done
  journalctl -u qetcd --no-pager -o cat | grep 'received SIGHUP'
  test "$(systemctl show -p MainPID --value qetcd)" = "$pid"
  systemctl show -p NRestarts qetcd
  echo '$ systemctl restart qetcd; qetcdctl get /b'
  systemctl restart qetcd
  for i in $(seq 1 50); do qetcdctl cluster-health >/dev/null 2>&1 && break; sleep 0.2; done
  qetcdctl get /b
  echo '$ journalctl -u qetcd -o cat | tail -n 4'; journalctl -u qetcd --no-pager -o cat | tail -n 4
  echo "boot check: ok"
} >/check/boot.out 2>&1
systemctl poweroff
PHASE
  chmod 0755 "$work/check/boot.sh"
  printf '[Unit]\nDescription=check qetcd.service (check-debs.sh)\nAfter=qetcd.service\n[Service]\nType=oneshot\nExecStart=/check/boot.sh\n' \
    >"$work/etc/systemd/system/qetcd-check.service"
  ln -s /etc/systemd/system/qetcd-check.service "$work/etc/systemd/system/multi-user.target.wants/"
  for m in dev/pts dev proc sys; do umount -l "$work/$m" 2>/dev/null || true; done
  echo; echo '$ systemd-nspawn --boot --private-network -D <root>   (output of the check unit inside)'
  timeout 300 systemd-nspawn -q -D "$work" --boot --private-network --register=no --keep-unit \
    >"$work/check/nspawn.log" 2>&1 || true
  rm -f "$work/etc/systemd/system/multi-user.target.wants/qetcd-check.service" \
    "$work/etc/systemd/system/qetcd-check.service"
  mount -t proc proc "$work/proc"; mount --rbind /sys "$work/sys"; mount --rbind /dev "$work/dev"
  cat "$work/check/boot.out" 2>/dev/null || tail -n 30 "$work/check/nspawn.log"
  grep -q '^boot check: ok$' "$work/check/boot.out" 2>/dev/null
}

run_phase install
run_phase member isolated
boot_check
run_phase admin-purge
echo; echo "check-debs: all checks passed"
