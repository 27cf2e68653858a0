// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <cerrno>

#include <sys/socket.h>

namespace http {

// Hands the kernel as much of `size` bytes at `data` as it takes now on the stream socket `fd`,
// without blocking and without SIGPIPE (a signal would end the member); retried on EINTR.
// Returns the bytes taken; `*error` (when not null) is 0 when all were, else what stopped it
// (EAGAIN or EWOULDBLOCK: the send buffer is full; anything else: the connection is broken).
// A caller that hands what is left to Qt either way passes no `error`. The one place
// qetcd writes to a client socket without Qt: Connection's answers and a direct watch stream's
// bytes (SocketChannel). Any thread.
inline qsizetype sendWhatTheKernelTakes(int fd, const char *data, qsizetype size,
                                        int *error = nullptr)
{
    qsizetype sent = 0;
    if (error)
        *error = 0;
    while (sent < size) {
        const ssize_t n = ::send(fd, data + sent, size_t(size - sent), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (error)
            *error = n < 0 ? errno : EPIPE;
        break;
    }
    return sent;
}

} // namespace http
