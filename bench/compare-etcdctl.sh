#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Runs the same etcdctl (API v2) command lines through the reference etcdctl
# and through qetcdctl against one server, and compares stdout, stderr and the
# exit code of every pair. Prints the differences and "N passed, N failed".
#
# Server: build/bin/qetcd if it exists, otherwise etcd --enable-v2 (both on
# free loopback ports, private data directory). Override the binaries with
# QETCD_BIN_DIR (directory of qetcd/qetcdctl) or ETCDCTL (reference tool).
#
# Each case starts from the same state: the /t subtree is deleted and the
# case's setup runs (through the reference etcdctl) before each tool. Because
# the tools run one after the other, store indexes differ by an offset;
# they are renumbered in order of first appearance before comparing, and
# expiration timestamps and TTLs above 1 s are masked.
#
# Usage: bench/compare-etcdctl.sh [-v] [name-filter]
set -u

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${QETCD_BIN_DIR:-$here/build/bin}
qctl=${QETCDCTL:-$bin/qetcdctl}
ref=${ETCDCTL:-$(command -v etcdctl || true)}
verbose=0
[ "${1:-}" = "-v" ] && { verbose=1; shift; }
filter=${1:-}

if [ -z "$ref" ]; then echo "etcdctl not installed: nothing to compare against (0 passed, 0 failed)"; exit 0; fi
if [ ! -x "$qctl" ]; then echo "qetcdctl not built at $qctl" >&2; exit 2; fi
export ETCDCTL_API=2

work=$(mktemp -d /tmp/compare-etcdctl.XXXXXX)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"; }
trap cleanup EXIT

# Both tools must call themselves "etcdctl" in help texts and messages.
mkdir -p "$work/ref" "$work/q"
ln -s "$ref" "$work/ref/etcdctl"
ln -s "$(readlink -f "$qctl")" "$work/q/etcdctl"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || echo $((20000 + RANDOM % 20000)); }
cport=$(free_port); pport=$(free_port)
url=http://127.0.0.1:$cport

start_server() {
    rm -rf "$work/data"
    if [ -x "$bin/qetcd" ]; then
        server_name=qetcd
        "$bin/qetcd" --name default --data-dir "$work/data" --listen-client-urls "$url" \
            --advertise-client-urls "$url" --listen-peer-urls "http://127.0.0.1:$pport" \
            --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
            --initial-cluster "default=http://127.0.0.1:$pport" >"$work/server.log" 2>&1 &
    else
        server_name=etcd
        etcd --enable-v2=true --name default --data-dir "$work/data" --listen-client-urls "$url" \
            --advertise-client-urls "$url" --listen-peer-urls "http://127.0.0.1:$pport" \
            --initial-advertise-peer-urls "http://127.0.0.1:$pport" \
            --initial-cluster "default=http://127.0.0.1:$pport" >"$work/server.log" 2>&1 &
    fi
    server_pid=$!
    for _ in $(seq 100); do
        curl -sf "$url/health" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "server did not start:"; tail -20 "$work/server.log"; exit 2
}
stop_server() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; server_pid=; }

start_server
echo "server: $server_name at $url; reference: $ref; candidate: $qctl"

E=(--endpoints "$url")
R() { "$work/ref/etcdctl" "${E[@]}" "$@" >/dev/null 2>&1; }   # setup helper
C() { curl -s "$@" >/dev/null 2>&1; }

normalize() {
    perl -e '
        my %map; my $n = 0;
        sub idx { my $v = shift; $map{$v} //= "I" . ++$n; return $map{$v}; }
        while (<STDIN>) {
            s/("(?:createdIndex|modifiedIndex)":)(\d+)/$1 . idx($2)/ge;
            s/^((?:Created-|Modified-)?Index: )(\d+)/$1 . idx($2)/ge;
            s/\[(\d+)\]$/"[" . idx($1) . "]"/ge;
            s/ != (\d+)\]/" != " . idx($1) . "]"/ge;
            s/\/(0{8,}\d+)/"\/" . idx($1 + 0)/ge;
            s/(ETCD_WATCH_MODIFIED_INDEX=)(\d+)/$1 . idx($2)/ge;
            s/(waitIndex=)([1-9]\d*)/$1 . idx($2)/ge;
            s/"expiration":"[^"]*"/"expiration":"<T>"/g;
            s/("ttl":)([2-9]|\d\d+)\b/$1<ttl>/g;
            s/^TTL: ([2-9]|\d\d+)$/TTL: <ttl>/;
            s/cleared \[\d+\/\d+\]/cleared [<i>\/<i>]/g;
            s/127\.0\.0\.1:[12]\b/127.0.0.1:<closed>/g;  # etcdctl shuffles endpoints
            print;
        }'
}

pass=0; fail=0; failed_names=()

# run_case NAME MODE SETUP [STDIN] -- ARGS...
#   The argument @AFTER@ is replaced by the contents of $work/after (written
#   by a setup), TEARDOWN (global) runs after each tool.
#   MODE: all (stdout, stderr, exit code) | err (stderr and exit code: the
#   global usage screens list our extra commands and version) | watch (ARGS run
#   in the background; TRIGGER (global) runs after 0.7 s; INT after 3 s).
TRIGGER=
TEARDOWN=
run_case() {
    local name=$1 mode=$2 setup=$3 input=$4; shift 5
    if [ -n "$filter" ] && [[ $name != *$filter* ]]; then return; fi
    local orig=("$@") t
    for t in ref q; do
        C -X DELETE "$url/v2/keys/t?recursive=true"
        eval "$setup"
        local dir=$work/$t
        local args=() a
        for a in "${orig[@]}"; do [ "$a" = @AFTER@ ] && a=$(cat "$work/after"); args+=("$a"); done
        set -- "${args[@]}"
        if [ "$mode" = watch ]; then
            (cd "$dir" && timeout -s INT --preserve-status 3 ./etcdctl "$@" >"$dir/out" 2>"$dir/err" </dev/null; echo $? >"$dir/rc") &
            local bg=$!
            sleep 0.7
            eval "$TRIGGER"
            wait $bg
        else
            (cd "$dir" && printf '%s' "$input" | ./etcdctl "$@" >"$dir/out" 2>"$dir/err"; echo $? >"$dir/rc")
        fi
        normalize <"$dir/out" >"$dir/out.n"; normalize <"$dir/err" >"$dir/err.n"
        eval "$TEARDOWN"
    done
    local ok=1
    if [ "$mode" != err ]; then cmp -s "$work/ref/out.n" "$work/q/out.n" || ok=0; fi
    cmp -s "$work/ref/err.n" "$work/q/err.n" || ok=0
    cmp -s "$work/ref/rc" "$work/q/rc" || ok=0
    if [ $ok = 1 ]; then
        pass=$((pass + 1)); [ $verbose = 1 ] && echo "ok   $name"
    else
        fail=$((fail + 1)); failed_names+=("$name")
        echo "FAIL $name: etcdctl $*"
        [ "$mode" != err ] && diff <(cat "$work/ref/out.n") <(cat "$work/q/out.n") | sed 's/^/  stdout /'
        diff "$work/ref/err.n" "$work/q/err.n" | sed 's/^/  stderr /'
        echo "  exit: etcdctl $(cat "$work/ref/rc"), qetcdctl $(cat "$work/q/rc")"
    fi
}
c()  { local n=$1 s=$2; shift 2; run_case "$n" all "$s" "" -- "${E[@]}" "$@"; }          # plain case
ci() { local n=$1 s=$2 i=$3; shift 3; run_case "$n" all "$s" "$i" -- "${E[@]}" "$@"; }  # with stdin
ce() { local n=$1 s=$2; shift 2; run_case "$n" err "$s" "" -- "$@"; }                    # stderr + exit only
cw() { local n=$1 s=$2; TRIGGER=$3; shift 3; run_case "$n" watch "$s" "" -- "${E[@]}" "$@"; }

FMT=(simple extended json)
K='R set /t/k v1'
D='R mkdir /t/d'

# --- help screens ---------------------------------------------------------------
for cmd in backup cluster-health mk mkdir rm rmdir get ls set setdir update updatedir watch exec-watch member user role auth; do
    c "help-$cmd" "" "$cmd" --help
done
for sub in "member list" "member add" "member remove" "member update" "user add" "user get" "user list" \
    "user remove" "user grant" "user revoke" "user passwd" "role add" "role get" "role list" "role remove" \
    "role grant" "role revoke" "auth enable" "auth disable"; do
    c "help-${sub// /-}" "" $sub --help
done
c help-cmd-get "" help get
c help-cmd-member "" help member
c help-member-help-add "" member help add
c help-member-h-list "" member h list
c help-cmd-h "" h rm
c help-member-h "" member -h
c help-member-empty "" member
c help-get-h "" get -h

# --- usage errors ---------------------------------------------------------------
c  bad-cmd-flag "" get --bogus /t/k
c  bad-int "" set --ttl abc /t/k v
c  bad-int-range "" set --ttl 99999999999999999999 /t/k v
c  flag-eats-key "" set /t/k v --ttl
c  bad-bool "" ls -p=x /t
c  bad-syntax "" set ---x /t/k v
c  needs-arg "" get /t/k --sort --quorum=
c  member-bad-flag "" member list --bogus
c  user-grant-bad "" user grant --bogus u
ce bad-global-flag "" "${E[@]}" --bogus get /t/k
ce bad-duration "" "${E[@]}" --timeout 1 get /t/k
ce unknown-command "" "${E[@]}" nosuchcmd
ce unknown-subcommand "" "${E[@]}" member bogus
ce unknown-help-topic "" "${E[@]}" help nosuch
c  missing-key-get "" get
c  missing-key-set "" set
ci missing-value "" "" set /t/k
c  missing-key-rm "" rm
c  missing-key-mkdir "" mkdir
c  missing-key-watch "" watch
c  exec-watch-args "" exec-watch /t/k

# --- keys, every format -----------------------------------------------------------
for f in "${FMT[@]}"; do
    c "set-new-$f" "" -o "$f" set /t/k v1
    c "set-replace-$f" "$K" -o "$f" set /t/k v2
    c "set-ttl-$f" "" -o "$f" set --ttl 100 /t/k v1
    c "set-swap-value-ok-$f" "$K" -o "$f" set --swap-with-value v1 /t/k v2
    c "set-swap-value-fail-$f" "$K" -o "$f" set --swap-with-value nope /t/k v2
    c "set-swap-index-fail-$f" "$K" -o "$f" set --swap-with-index 1 /t/k v2
    c "set-on-dir-$f" "$D" -o "$f" set /t/d v
    c "mk-$f" "" -o "$f" mk /t/k v1
    c "mk-exists-$f" "$K" -o "$f" mk /t/k v1
    c "mk-in-order-$f" "$D" -o "$f" mk --in-order /t/d v1
    c "mk-in-order-ttl-$f" "$D" -o "$f" mk --in-order --ttl 50 /t/d v1
    c "mkdir-$f" "" -o "$f" mkdir /t/d
    c "mkdir-ttl-$f" "" -o "$f" mkdir --ttl 100 /t/d
    c "mkdir-exists-$f" "$D" -o "$f" mkdir /t/d
    c "setdir-$f" "" -o "$f" setdir /t/d
    c "setdir-exists-$f" "$D" -o "$f" setdir /t/d
    c "update-$f" "$K" -o "$f" update /t/k v2
    c "update-ttl-$f" "$K" -o "$f" update --ttl 100 /t/k v2
    c "update-missing-$f" "" -o "$f" update /t/k v2
    c "updatedir-$f" "$D" -o "$f" updatedir --ttl 100 /t/d
    c "updatedir-missing-$f" "" -o "$f" updatedir /t/d
    c "rm-$f" "$K" -o "$f" rm /t/k
    c "rm-missing-$f" "" -o "$f" rm /t/k
    c "rm-dir-no-flag-$f" "$D" -o "$f" rm /t/d
    c "rm-dir-$f" "$D" -o "$f" rm --dir /t/d
    c "rm-recursive-$f" "$D; R set /t/d/x 1" -o "$f" rm -r /t/d
    c "rm-with-value-$f" "$K" -o "$f" rm --with-value v1 /t/k
    c "rm-with-value-fail-$f" "$K" -o "$f" rm --with-value nope /t/k
    c "rm-with-index-fail-$f" "$K" -o "$f" rm --with-index 1 /t/k
    c "rmdir-$f" "$D" -o "$f" rmdir /t/d
    c "rmdir-not-empty-$f" "$D; R set /t/d/x 1" -o "$f" rmdir /t/d
    c "rmdir-key-$f" "$K" -o "$f" rmdir /t/k
    c "get-$f" "$K" -o "$f" get /t/k
    c "get-ttl-$f" "R set --ttl 100 /t/k v" -o "$f" get /t/k
    c "get-missing-$f" "" -o "$f" get /t/k
    c "get-dir-$f" "$D" -o "$f" get /t/d
    c "get-quorum-$f" "$K" -o "$f" get -q /t/k
    c "ls-$f" "$D; $K; R set /t/d/x 1; R mkdir /t/d/e" -o "$f" ls --sort /t
    c "ls-recursive-$f" "$D; $K; R set /t/d/x 1; R mkdir /t/d/e" -o "$f" ls --sort -r -p /t
    c "ls-key-$f" "$K" -o "$f" ls /t/k
    c "ls-empty-dir-$f" "$D" -o "$f" ls /t/d
    c "ls-missing-$f" "" -o "$f" ls /t/nothing
    c "member-list-$f" "" -o "$f" member list
    c "cluster-health-$f" "" -o "$f" cluster-health
done
ci set-from-stdin "" "from stdin
" set /t/k
c  set-dash-value "" set /t/k -v
c  set-double-dash "" set -- /t/k -v
c  set-flags-after "" set /t/k v --ttl 100
c  get-hidden "R set /t/_h secret" get /t/_h
c  ls-hides-hidden "R set /t/_h secret; $K" ls /t
c  get-extra-args "$K" get /t/k ignored
c  key-without-slash "$K" get t/k
c  special-key "R set '/t/a b/c?d%e+f&g=h' x" -o json get '/t/a b/c?d%e+f&g=h'
c  special-value "R set /t/k 'a\"b<c>&d
e	f é ☃'" -o json get /t/k
c  special-value-simple "R set /t/k 'a\"b<c>&d
e	f é ☃'" get /t/k
c  unsupported-format "$K" -o yaml get /t/k
c  unsupported-format-missing "" -o yaml get /t/k
c  ls-p-false "$D" ls -p=false /t
c  int-hex-ttl "" -o extended set --ttl 0x10 /t/k v

# --- transport and global flags ----------------------------------------------------------
ce unreachable "" --endpoints http://127.0.0.1:1 get /t/k
ce unreachable-two "" --endpoints http://127.0.0.1:1,http://127.0.0.1:2 -o json get /t/k
ce unreachable-no-sync "" --no-sync --endpoints http://127.0.0.1:1 get /t/k
ce unreachable-member-list "" --endpoints http://127.0.0.1:1 member list
ce unreachable-cluster-health "" --endpoints http://127.0.0.1:1 cluster-health
c  no-sync "$K" --no-sync get /t/k
c  debug-get "$K" --debug get /t/k
c  debug-set "" --debug set --ttl 5 --swap-with-value v /t/k w
c  debug-special "" --debug set '/t/a b/c?d#e%f+g&h=i;j,k:l@m$n!o*p(q)r~s_t-u.v' 'x y&z=1+2%'
c  debug-mkdir "" --debug -o json mkdir --ttl 3 /t/d
c  debug-rm "$D" --debug rm -r /t/d
c  debug-ls "" --debug ls --sort -r -q /t
c  debug-member-list "" --debug member list
c  debug-cluster-health "" --debug cluster-health
c  debug-no-sync "$K" --debug --no-sync get /t/k
c  flag-equals "$K" --output=extended --timeout=3s get /t/k
c  single-dash-global "$K" -debug -o=json get /t/k
export ETCDCTL_ENDPOINTS=$url
run_case env-endpoints all "$K" "" -- get /t/k
unset ETCDCTL_ENDPOINTS

# --- watches ---------------------------------------------------------------------------
for f in "${FMT[@]}"; do
    cw "watch-$f" "$K" 'R set /t/k v2' -o "$f" watch /t/k
    cw "watch-recursive-$f" "$D" 'R set /t/d/a 1; R mkdir /t/d/e; R rm /t/d/a' -o "$f" watch -f -r /t/d
    cw "watch-cas-$f" "$K" 'R set --swap-with-value v1 /t/k v2; R rm --with-value v2 /t/k' -o "$f" watch -f /t/k
done
store_index() { curl -s -o /dev/null -D - "$url/v2/keys/" | tr -d '\r' | sed -n 's/^X-Etcd-Index: //p'; }
cw watch-after-index "$K; store_index >$work/after; R set /t/k v2; R set /t/k v3" ':' watch --after-index @AFTER@ /t/k
cw watch-after-index-forever "$K; store_index >$work/after; R set /t/k v2; R set /t/k v3" ':' -o extended watch -f --after-index @AFTER@ /t/k
cw exec-watch "$D" 'R set /t/d/a 1; R mkdir /t/d/e' exec-watch -r /t/d -- sh -c 'env | grep ^ETCD_WATCH_ | sort'
cw exec-watch-key-last "$K" 'R set /t/k v2' exec-watch sh -c 'echo "got $ETCD_WATCH_VALUE"' /t/k

# --- members -------------------------------------------------------------------------
c member-list-extra "" member list extra
c member-add-args "" member add onlyname
c member-add-bad-url "" member add n2 notaurl
c member-add-url-path "" member add n2 http://127.0.0.1:1/path
c member-add-duplicate "" member add n2 "http://127.0.0.1:$pport"
c member-remove-args "" member remove
c member-remove-unknown "" member remove deadbeef
c member-remove-by-name "" member remove default
c member-update-args "" member update deadbeef
c member-update-bad-url "" member update deadbeef notaurl
c member-update-same "" member update "$(curl -s "$url/v2/members" | sed 's/.*"id":"\([0-9a-f]*\)".*/\1/')" "http://127.0.0.1:$pport"

# --- users, roles, auth ------------------------------------------------------------------
AUTHRESET='C -X DELETE $url/v2/auth/users/u1; C -X DELETE $url/v2/auth/roles/r1'
c user-list-args "" user list extra
c user-add-args "" user add
c user-add "$AUTHRESET" user add u1:pw
c user-get "$AUTHRESET; R user add u1:pw" user get u1
c user-get-missing "$AUTHRESET" user get u1
c user-list "$AUTHRESET; R user add u1:pw" user list
c user-grant-no-roles "$AUTHRESET" user grant u1
c user-grant "$AUTHRESET; R user add u1:pw; R role add r1" user grant --roles r1 u1
c user-get-roles "$AUTHRESET; R user add u1:pw; R role add r1; R user grant --roles r1 u1" user get u1
c user-revoke "$AUTHRESET; R user add u1:pw; R role add r1; R user grant --roles r1 u1" user revoke --roles r1 u1
c user-revoke-ungranted "$AUTHRESET; R user add u1:pw; R role add r1" user revoke --roles r1 u1
c user-grant-missing-user "$AUTHRESET" user grant --roles r1 u1
c user-remove "$AUTHRESET; R user add u1:pw" user remove u1
c user-remove-missing "$AUTHRESET" user remove u1
c role-list-args "" role list extra
c role-add-args "" role add
c role-add "$AUTHRESET" role add r1
c role-add-exists "$AUTHRESET; R role add r1" role add r1
c role-get "$AUTHRESET; R role add r1; R role grant --path '/t/*' --rw r1" role get r1
c role-get-missing "$AUTHRESET" role get r1
c role-list "$AUTHRESET; R role add r1" role list
c role-grant-no-path "" role grant r1
c role-grant-not-canonical "" role grant --path /t//x --read r1
c role-grant-no-perm "" role grant --path /t r1
c role-grant-two-perms "" role grant --path /t --read --write r1
c role-grant "$AUTHRESET; R role add r1" role grant --path '/t/*' --read r1
c role-grant-rw "$AUTHRESET; R role add r1" role grant --path '/t/*' --rw r1
c role-grant-duplicate "$AUTHRESET; R role add r1; R role grant --path /t --read r1" role grant --path /t --read r1
c role-revoke "$AUTHRESET; R role add r1; R role grant --path /t --rw r1" role revoke --path /t --write r1
c role-revoke-missing "$AUTHRESET; R role add r1" role revoke --path /t --write r1
c role-remove "$AUTHRESET; R role add r1" role remove r1
c role-remove-missing "$AUTHRESET" role remove r1
c auth-args "" auth enable extra
c auth-disable-when-disabled "" auth disable
c auth-enable-no-root "C -X DELETE $url/v2/auth/users/root" auth enable
TEARDOWN='R -u root:rootpw auth disable'
c auth-enable "R user add root:rootpw" auth enable
c auth-enabled-get "R user add root:rootpw; $K; R auth enable" get /t/k
c auth-enabled-root-get "R user add root:rootpw; $K; R auth enable" -u root:rootpw get /t/k
c auth-enabled-root-user-list "R user add root:rootpw; R auth enable" -u root:rootpw user list
c auth-disable "R user add root:rootpw; R auth enable" -u root:rootpw auth disable
TEARDOWN=

# --- header timeout against a server that never answers --------------------------------------------
if command -v python3 >/dev/null; then
    silent=$(free_port)
    python3 -c "
import socket,time
s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1',$silent)); s.listen(16)
conns=[]
while True:
    c,_=s.accept(); conns.append(c)" &
    silent_pid=$!
    for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$silent") 2>/dev/null && break; sleep 0.1; done
    ce header-timeout "" --endpoints "http://127.0.0.1:$silent" --timeout 300ms get /t/k
    ce header-timeout-no-sync "" --no-sync --endpoints "http://127.0.0.1:$silent" --timeout 300ms get /t/k
    ce total-timeout "" --no-sync --endpoints "http://127.0.0.1:$silent" --timeout 3s --total-timeout 500ms get /t/k
    kill $silent_pid 2>/dev/null
fi

# --- HTTPS with a CA, a client certificate and key (test certificates of tests/client) -----
certs=$here/tests/common/tls-other-ca
if [ -z "$filter" ] || [[ tls == *$filter* ]]; then
    tport=$(free_port); tpeer=$(free_port); turl=https://127.0.0.1:$tport
    tls_bin=etcd; tls_extra=(--enable-v2=true)
    [ "$server_name" = qetcd ] && { tls_bin=$bin/qetcd; tls_extra=(); }
    "$tls_bin" "${tls_extra[@]}" --name tls --data-dir "$work/tlsdata" --listen-client-urls "$turl" \
        --advertise-client-urls "$turl" --listen-peer-urls "http://127.0.0.1:$tpeer" \
        --initial-advertise-peer-urls "http://127.0.0.1:$tpeer" --initial-cluster "tls=http://127.0.0.1:$tpeer" \
        --cert-file "$certs/server.pem" --key-file "$certs/server.key" --client-cert-auth \
        --trusted-ca-file "$certs/ca.pem" >"$work/tls.log" 2>&1 &
    tls_pid=$!
    up=0
    for _ in $(seq 100); do
        curl -sf --cacert "$certs/ca.pem" --cert "$certs/client.pem" --key "$certs/client.key" "$turl/health" >/dev/null 2>&1 && { up=1; break; }
        sleep 0.1
    done
    if [ $up = 1 ]; then
        TLS=(--endpoints "$turl" --ca-file "$certs/ca.pem" --cert-file "$certs/client.pem" --key-file "$certs/client.key")
        run_case tls-set all "" "" -- "${TLS[@]}" set /tls/k v
        run_case tls-get-extended all "" "" -- "${TLS[@]}" -o extended get /tls/k
        run_case tls-member-list all "" "" -- "${TLS[@]}" member list
        # etcd refuses with a TLS alert; a server that just drops the connection
        # makes even etcdctl's output vary (EOF or connection reset), so this
        # one is only compared against etcd.
        [ "$tls_bin" = etcd ] && run_case tls-no-client-cert all "" "" -- --endpoints "$turl" --ca-file "$certs/ca.pem" get /tls/k
        run_case tls-unknown-ca all "" "" -- --endpoints "$turl" get /tls/k
        run_case tls-missing-ca-file all "" "" -- --endpoints "$turl" --ca-file /nonexistent/ca.pem get /tls/k
    else
        echo "skipped: $tls_bin did not start with TLS"
    fi
    kill $tls_pid 2>/dev/null; wait $tls_pid 2>/dev/null
fi

# --- member add: needs a fresh single-member cluster per tool (it loses quorum) -------------
if [ -z "$filter" ] || [[ member-add-ok == *$filter* ]]; then
    for t in ref q; do
        stop_server; start_server
        (cd "$work/$t" && ./etcdctl "${E[@]}" member add n2 http://127.0.0.1:1 >out 2>err; echo $? >rc)
        # The new member's ID is random: mask it; the server lists members by
        # ID, so the order of ETCD_INITIAL_CLUSTER is random too: sort it.
        for f in out err; do
            sed -E 's/[0-9a-f]{16}/<id>/g' "$work/$t/$f" | perl -pe 's/^(ETCD_INITIAL_CLUSTER=")([^"]*)"/$1 . join(",", sort split(",", $2)) . "\""/e' >"$work/$t/$f.n"
        done
    done
    if cmp -s "$work/ref/out.n" "$work/q/out.n" && cmp -s "$work/ref/err.n" "$work/q/err.n" &&
        cmp -s "$work/ref/rc" "$work/q/rc"; then
        pass=$((pass + 1)); [ $verbose = 1 ] && echo "ok   member-add-ok"
    else
        fail=$((fail + 1)); failed_names+=(member-add-ok)
        echo "FAIL member-add-ok"; diff "$work/ref/out.n" "$work/q/out.n"; diff "$work/ref/err.n" "$work/q/err.n"
    fi
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ] || { printf 'failed: %s\n' "${failed_names[*]}"; exit 1; }
