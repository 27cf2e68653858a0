// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// The error table of etcd's v2 API (etcd 3.4 etcdserver/api/v2error): code
// numbers, etcd's names for them, the messages etcd sends verbatim (clients
// match on some of them) and the HTTP status of each. The one table for the
// server (store/EtcdError builds its answers from it) and the client
// (client::Error takes its code names from it). Only the codes this project
// produces are listed; the numbers are part of the wire contract.
//
// Header-only and free of Qt so that the client can use it without linking the
// store; constexpr data, thread-safe.
namespace etcd {

// A scope for the codes: etcd::ErrorCodes::KeyNotFound, or through the alias
// ErrorCode::KeyNotFound. The enum is unscoped on purpose: on the wire and in
// client::Error::errorCode() a code is an int, as in etcd (v2error.Ecode...),
// and classes may inherit ErrorCodes to name the codes as their own members.
struct ErrorCodes
{
    enum Code : int {
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
        EventIndexCleared = 401,
    };
};
using ErrorCode = ErrorCodes::Code;

struct ErrorInfo
{
    ErrorCode code;
    const char *message; // v2error.errors, verbatim (ASCII)
    int httpStatus;      // v2error.errorStatus: 400 unless listed there
};

inline constexpr ErrorInfo errorTable[] = {
    {ErrorCodes::KeyNotFound, "Key not found", 404},
    {ErrorCodes::TestFailed, "Compare failed", 412},
    {ErrorCodes::NotFile, "Not a file", 403},
    {ErrorCodes::NotDir, "Not a directory", 400},
    {ErrorCodes::NodeExist, "Key already exists", 412},
    {ErrorCodes::RootReadOnly, "Root is read only", 400},
    {ErrorCodes::DirNotEmpty, "Directory not empty", 403},
    {ErrorCodes::Unauthorized, "The request requires user authentication", 401},
    {ErrorCodes::PrevValueRequired, "PrevValue is Required in POST form", 400},
    {ErrorCodes::TtlNaN, "The given TTL in POST form is not a number", 400},
    {ErrorCodes::IndexNaN, "The given index in POST form is not a number", 400},
    {ErrorCodes::InvalidField, "Invalid field", 400},
    {ErrorCodes::InvalidForm, "Invalid POST form", 400},
    {ErrorCodes::RefreshValue, "Value provided on refresh", 400},
    {ErrorCodes::RefreshTtlRequired, "A TTL must be provided on refresh", 400},
    {ErrorCodes::RaftInternal, "Raft Internal Error", 500},
    {ErrorCodes::LeaderElect, "During Leader Election", 500},
    {ErrorCodes::WatcherCleared, "watcher is cleared due to etcd recovery", 400},
    {ErrorCodes::EventIndexCleared, "The event in requested index is outdated and cleared", 400},
};

// The row of `code`, or nullptr for a number that is not in the table.
constexpr const ErrorInfo *errorInfo(int code)
{
    for (const ErrorInfo &e : errorTable) {
        if (e.code == code)
            return &e;
    }
    return nullptr;
}

// etcd's message for `code`; nullptr for a number that is not in the table.
constexpr const char *errorMessage(int code)
{
    const ErrorInfo *e = errorInfo(code);
    return e ? e->message : nullptr;
}

// The HTTP status etcd answers `code` with (400 for a number not in the table,
// as etcd's errorStatus does).
constexpr int errorHttpStatus(int code)
{
    const ErrorInfo *e = errorInfo(code);
    return e ? e->httpStatus : 400;
}

} // namespace etcd
