// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "etcd/ErrorCode.h"

#include <QString>

namespace store {

// The server's name for etcd's v2 error codes (etcd/ErrorCode.h holds the one
// table of codes, messages and HTTP statuses, shared with the client).
using ErrorCode = etcd::ErrorCode;

// EtcdError: one v2 API error as the client sees it: {"errorCode","message","cause","index"}.
// A plain value; message() and httpStatus() are derived from the code through
// etcd::errorTable, exactly as etcd 3.4 does (v2error/error.go): only 100, 101, 102,
// 105, 108, 110, 300 and 301 have a status other than 400.
struct EtcdError
{
    ErrorCode code = ErrorCode::KeyNotFound;
    QString cause;
    quint64 index = 0;

    QString message() const;
    int httpStatus() const;
    int errorCode() const { return static_cast<int>(code); }
    static EtcdError make(ErrorCode c, const QString &cause, quint64 index);
    static QString messageFor(ErrorCode c);
    static int httpStatusFor(ErrorCode c);
};

} // namespace store
