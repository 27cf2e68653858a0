// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace api {

// The parameters of a request, decoded the way Go's net/http does for etcd:
// values from an application/x-www-form-urlencoded body come first, then the
// query string, so FormValue-style lookups see the body's value. '+' is a
// space. A malformed escape is an error (etcd answers 210 Invalid POST form).
class Form
{
public:
    // Parses `query` and, when `bodyIsForm`, `body`. On a malformed escape
    // returns std::nullopt and sets `error` to Go's wording.
    static std::optional<Form> parse(const QByteArray &query, const QByteArray &body,
                                     bool bodyIsForm, QString *error);

    bool has(QStringView key) const;
    // First value for `key`, or an empty string when absent.
    QString value(QStringView key) const;

private:
    static bool decodeInto(const QByteArray &encoded, QList<QPair<QString, QString>> &out,
                           QString *error);

    QList<QPair<QString, QString>> m_items;
};

} // namespace api
