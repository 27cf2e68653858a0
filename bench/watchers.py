#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
"""Watcher load for bench/scale.sh: opens --long-poll idle long-poll watchers (GET
/v2/keys/idle/w<i>?wait=true, keys nobody writes) and --streams stream watchers (GET
/v2/keys/bench?wait=true&recursive=true&stream=true, which see every write of the benchmark), reads
and discards what arrives, and holds them until SIGTERM. Prints
  WATCHERS_READY long_poll=N streams=M      once every watcher has its response headers
                                            (etcd and qetcd both send headers at once)
  WATCHERS_RESULT long_poll_open=.. streams_open=.. stream_bytes=.. failed=..   at the end
Needs a descriptor limit above N + M (scale.sh raises it).
"""
import argparse
import asyncio
import signal
import sys
import urllib.parse

async def watcher(host, port, path, counters, ready, stream):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.1 200"):
            counters["failed"] += 1
            ready.release()
            return
        counters["streams_open" if stream else "long_poll_open"] += 1
        ready.release()
        while True:
            data = await reader.read(65536)
            if not data:
                break
            counters["stream_bytes"] += len(data)
    except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        counters["failed"] += 1
        ready.release()
    finally:
        if stream:
            pass

async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("--long-poll", type=int, default=10000)
    ap.add_argument("--streams", type=int, default=1000)
    args = ap.parse_args()
    u = urllib.parse.urlsplit(args.url)
    counters = {"long_poll_open": 0, "streams_open": 0, "stream_bytes": 0, "failed": 0}
    ready = asyncio.Semaphore(0)
    tasks = []
    for i in range(args.long_poll):
        tasks.append(asyncio.create_task(watcher(u.hostname, u.port, f"/v2/keys/idle/w{i}?wait=true",
                                                 counters, ready, False)))
        if i % 200 == 199:
            await asyncio.sleep(0.01)  # do not overrun the listen backlog
    for i in range(args.streams):
        tasks.append(asyncio.create_task(watcher(
            u.hostname, u.port, "/v2/keys/bench?wait=true&recursive=true&stream=true",
            counters, ready, True)))
        if i % 200 == 199:
            await asyncio.sleep(0.01)
    for _ in range(len(tasks)):
        await ready.acquire()
    print(f"WATCHERS_READY long_poll={counters['long_poll_open']} streams={counters['streams_open']} "
          f"failed={counters['failed']}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    loop.add_signal_handler(signal.SIGINT, stop.set)
    await stop.wait()
    print("WATCHERS_RESULT " + " ".join(f"{k}={v}" for k, v in counters.items()), flush=True)
    for t in tasks:
        t.cancel()

if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
