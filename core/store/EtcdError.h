#pragma once

#include <QString>

// The error codes of the etcd v2 API (etcd's v2error package). Only the codes this
// project produces are listed; the numeric values are part of the wire contract.
enum class ErrorCode : int {
    KeyNotFound = 100,
    TestFailed = 101,
    NotFile = 102,
    NotDir = 104,
    NodeExist = 105,
    RootReadOnly = 107,
    DirNotEmpty = 108,
    Unauthorized = 110,
    PrevValueRequired = 201,
    TtlNaN = 202,
    IndexNaN = 203,
    InvalidField = 209,
    InvalidForm = 210,
    RefreshValue = 211,
    RefreshTtlRequired = 212,
    RaftInternal = 300,
    LeaderElect = 301,
    WatcherCleared = 400,
    EventIndexCleared = 401
};

// EtcdError: one v2 API error as the client sees it: {"errorCode","message","cause","index"}.
// A plain value; message() and httpStatus() are derived from the code exactly as etcd
// 3.4 does (v2error/error.go): only 100, 101, 102, 105, 108, 110, 300 and 301 have a
// status other than 400.
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
