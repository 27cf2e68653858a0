#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Replays every curl command of the seed etcd session (shared/seed/etcd-basic.txt)
# against a running member and prints each command with its answer, so the
# shapes, actions, statuses and index behaviour can be compared with the seed.
#   tests/compat/seed_replay.sh [http://127.0.0.1:2379]
set -u
E=${1:-http://127.0.0.1:2379}
run() {
    echo "\$ curl $*"
    curl -s -w '\n[HTTP %{http_code}]\n' "$@"
}
run -L "$E/version"
for i in 1 2 3; do run "$E/v2/keys/message" -XPUT -d value="Hello world"; done
run "$E/v2/keys/abc" -XPUT -d value="Hello world"
run "$E/v2/keys/abc" -XPUT -d value="abc"
run "$E/v2/keys/message"
run "$E/v2/keys/message" -XPUT -d value="hello etcd"
run "$E/v2/keys/message" -XDELETE
run "$E/v2/keys/foo" -XPUT -d value=bar -d ttl=6
run "$E/v2/keys/foo"
sleep 7
run "$E/v2/keys/foo"
run "$E/v2/keys/foo" -XPUT -d value=bar -d ttl=10
run "$E/v2/keys/foo" -XPUT -d value=bar -d ttl= -d prevExist=true
run "$E/v2/keys/foo"
( sleep 1; curl -s "$E/v2/keys/foo" -XPUT -d value=abc > /dev/null ) &
echo "\$ curl $E/v2/keys/foo?wait=true   (answered by a PUT from another client)"
curl -s -w '\n[HTTP %{http_code}]\n' "$E/v2/keys/foo?wait=true"
wait
echo "\$ curl $E/v2/keys/foo -vv"
curl -s -i "$E/v2/keys/foo"; echo
for j in Job1 Job2 Job3; do run "$E/v2/keys/queue" -XPOST -d value=$j; done
run "$E/v2/keys/queue?recursive=true&sorted=true"
run "$E/v2/keys/testdir" -XPUT -d ttl=10 -d dir=true
run "$E/v2/keys/testdir" -XPUT -d ttl=10 -d dir=true -d prevExist=true
run "$E/v2/keys/testdir"
run "$E/v2/keys/foo" -XPUT -d value=one
run "$E/v2/keys/foo?prevExist=false" -XPUT -d value=three
run "$E/v2/keys/foo?prevValue=two" -XPUT -d value=three
run "$E/v2/keys/foo?prevValue=one" -XPUT -d value=five
run "$E/v2/keys/foo?prevIndex=99" -XPUT -d value=xxx
idx=$(curl -s "$E/v2/keys/foo" | sed -n 's/.*"modifiedIndex":\([0-9]*\).*/\1/p')
run "$E/v2/keys/foo?prevIndex=$idx" -XPUT -d value=xxx
run "$E/v2/keys/foo" -XPUT -d value=one
run "$E/v2/keys/foo?prevValue=two" -XDELETE
run "$E/v2/keys/foo?prevIndex=3" -XDELETE
run "$E/v2/keys/foo?prevValue=one" -XDELETE
run "$E/v2/keys/foo" -XPUT -d value=one
idx=$(curl -s "$E/v2/keys/foo" | sed -n 's/.*"modifiedIndex":\([0-9]*\).*/\1/p')
run "$E/v2/keys/foo?prevIndex=$idx" -XDELETE
run "$E/v2/keys/foo"
run "$E/v2/keys/testdir2" -XPUT -d dir=true
run "$E/v2/keys/foo_dir/abc" -XPUT -d dir=true
run "$E/v2/keys/"
run "$E/v2/keys/?recursive=true"
run "$E/v2/keys/foo_dir/abc?dir=true" -XDELETE
run "$E/v2/keys/foo_dir/abc" -XPUT -d value=uiuiuii
run "$E/v2/keys/foo_dir?dir=true" -XDELETE
run "$E/v2/keys/foo_dir?recursive=true" -XDELETE
run "$E/v2/keys/foo_dir"
run "$E/v2/keys/_message" -XPUT -d value="Hello hidden"
run "$E/v2/keys/message" -XPUT -d value="Hello world"
run "$E/v2/keys/"
run "$E/v2/keys/_message"
printf 'Hello\\nWorld\n' > /tmp/seed-testfile.txt
run "$E/v2/keys/testfile" -XPUT --data-urlencode value@/tmp/seed-testfile.txt
run "$E/v2/stats/leader"
run "$E/v2/stats/self"
run "$E/v2/stats/store"
