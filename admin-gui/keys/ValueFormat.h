// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

namespace admin {

// How the detail pane shows a value: JSON objects and arrays indented,
// exactly as stored otherwise (member order, numbers and escapes kept: see
// editor::JsonText; a re-sorted copy would not be the value), everything
// else as plain text. Stateless.
class ValueFormat
{
public:
    // True and the indented text when `value` is a JSON object or array.
    static bool prettyJson(const QString &value, QString *pretty);
};

} // namespace admin
