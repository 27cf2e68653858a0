// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QDateTime>
#include <QString>

namespace admin {

// One row of the watch panel: when it arrived, what happened to which key,
// the value after and before, and the index of the change. Plain value type.
struct WatchEvent
{
    QDateTime time;
    QString action;
    QString key;
    QString value;
    QString previousValue;
    quint64 index = 0;
    bool dir = false;
};

} // namespace admin
