// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/Form.h"

namespace api {

namespace {

bool isHex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Validates escapes like Go's url.QueryUnescape, then decodes with Qt.
std::optional<QString> unescape(QByteArray s, QString *error)
{
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s.at(i) != '%')
            continue;
        if (i + 2 >= s.size() || !isHex(s.at(i + 1)) || !isHex(s.at(i + 2))) {
            QByteArray bad = s.mid(i, 3);
            if (error)
                *error = QStringLiteral("invalid URL escape \"%1\"").arg(QString::fromUtf8(bad));
            return std::nullopt;
        }
    }
    s.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(s));
}

} // namespace

bool Form::decodeInto(const QByteArray &encoded, QList<QPair<QString, QString>> &out,
                      QString *error)
{
    if (encoded.isEmpty())
        return true;
    for (const QByteArray &part : encoded.split('&')) {
        if (part.isEmpty())
            continue;
        const qsizetype eq = part.indexOf('=');
        const QByteArray rawKey = eq < 0 ? part : part.left(eq);
        const QByteArray rawValue = eq < 0 ? QByteArray() : part.mid(eq + 1);
        auto key = unescape(rawKey, error);
        if (!key)
            return false;
        auto value = unescape(rawValue, error);
        if (!value)
            return false;
        out.append({*key, *value});
    }
    return true;
}

std::optional<Form> Form::parse(const QByteArray &query, const QByteArray &body, bool bodyIsForm,
                                QString *error)
{
    Form form;
    if (bodyIsForm && !decodeInto(body, form.m_items, error))
        return std::nullopt;
    if (!decodeInto(query, form.m_items, error))
        return std::nullopt;
    return form;
}

bool Form::has(QStringView key) const
{
    for (const auto &item : m_items) {
        if (item.first == key)
            return true;
    }
    return false;
}

QString Form::value(QStringView key) const
{
    for (const auto &item : m_items) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

} // namespace api
