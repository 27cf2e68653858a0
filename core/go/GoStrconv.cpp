// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "go/GoStrconv.h"

#include <QStringList>

namespace go {

std::optional<bool> GoStrconv::parseBool(const QString &text)
{
    static const QStringList yes{QStringLiteral("1"),    QStringLiteral("t"),
                                 QStringLiteral("T"),    QStringLiteral("TRUE"),
                                 QStringLiteral("true"), QStringLiteral("True")};
    static const QStringList no{QStringLiteral("0"),     QStringLiteral("f"),
                                QStringLiteral("F"),     QStringLiteral("FALSE"),
                                QStringLiteral("false"), QStringLiteral("False")};
    if (yes.contains(text))
        return true;
    if (no.contains(text))
        return false;
    return std::nullopt;
}

} // namespace go
