// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/ValueFormat.h"

#include "editor/JsonText.h"

namespace admin {

bool ValueFormat::prettyJson(const QString &value, QString *pretty)
{
    if (!editor::JsonText::looksStructured(value))
        return false;
    const std::optional<QString> formatted = editor::JsonText::format(value, 4);
    if (!formatted)
        return false;
    *pretty = *formatted;
    return true;
}

} // namespace admin
