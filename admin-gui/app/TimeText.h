// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace admin {

// Times as the GUI shows and reads them: durations ("1 h 5 min"),
// etcd's RFC 3339 expirations with nanoseconds. Stateless.
class TimeText
{
    Q_DECLARE_TR_FUNCTIONS(admin::TimeText)
public:
    // Two largest units; "—" for negative values.
    static QString duration(qint64 seconds);
    // "2026-11-24T00:01:02.123456789Z" (any fraction length, any offset).
    static QDateTime parseRfc3339(const QString &text);
};

} // namespace admin
