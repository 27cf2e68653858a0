// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Error.h"

#include <QCoreApplication>

namespace admin {

// Words client::Error values for administrators, in their language. The
// client's own toString() keeps etcdctl's English wording for scripts; the
// GUI says what happened and to which member instead. Stateless.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(admin::ErrorText)
public:
    static QString describe(const client::Error &error);
    // Wrong user/password, or a user without permission (401 / errorCode 110).
    static bool isCredentialsError(const client::Error &error);
    // The compare of a compare-and-swap/delete failed (errorCode 101).
    static bool isConflict(const client::Error &error);
    // etcd's message for an errorCode, translated when it is a common one.
    static QString etcdMessage(const client::Error &error);
};

} // namespace admin
