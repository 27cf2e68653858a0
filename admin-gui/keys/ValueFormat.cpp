// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/ValueFormat.h"

#include <QJsonDocument>

namespace admin {

bool ValueFormat::prettyJson(const QString &value, QString *pretty)
{
    const QString trimmed = value.trimmed();
    if (!trimmed.startsWith(QLatin1Char('{')) && !trimmed.startsWith(QLatin1Char('[')))
        return false;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(trimmed.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || doc.isNull())
        return false;
    *pretty = QString::fromUtf8(doc.toJson(QJsonDocument::Indented)).trimmed();
    return true;
}

} // namespace admin
