// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "FlagValue.h"

namespace server::config {

QString FlagValue::parseUnsigned(const QString &text, quint64 max, quint64 *out)
{
    const QString trimmed = text.trimmed();
    bool ok = false;
    const quint64 value = trimmed.toULongLong(&ok, 10);
    // toULongLong accepts a leading '+' and, for negative input, fails: both as Go's ParseUint.
    if (!ok || trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('+')))
        return tr("not a non-negative whole number");
    if (value > max)
        return tr("larger than %1").arg(max);
    *out = value;
    return {};
}

QString FlagValue::parseUrl(const QString &text, QUrl *out)
{
    const QString trimmed = text.trimmed();
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid())
        return tr("\"%1\" is not a valid URL").arg(trimmed);
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return tr("URL scheme must be http or https: %1").arg(trimmed);
    if (url.host().isEmpty() || url.port() < 0)
        return tr("URL address does not have the form \"host:port\": %1").arg(trimmed);
    if (!url.path().isEmpty())
        return tr("URL must not contain a path: %1").arg(trimmed);
    if (url.hasQuery() || url.hasFragment() || !url.userInfo().isEmpty())
        return tr("URL must not contain user info, a query or a fragment: %1").arg(trimmed);
    *out = url;
    return {};
}

QString FlagValue::parseUrlList(const QString &text, QList<QUrl> *out)
{
    QList<QUrl> urls;
    // As etcd: "a,,b" and "" are errors (an empty piece is not a URL), not silently skipped.
    for (const QString &piece : text.split(QLatin1Char(','))) {
        QUrl url;
        const QString error = parseUrl(piece, &url);
        if (!error.isEmpty())
            return error;
        urls.append(url);
    }
    *out = urls;
    return {};
}

QString FlagValue::parseInitialCluster(const QString &text, QList<Config::ClusterMember> *out)
{
    QList<Config::ClusterMember> members;
    for (const QString &piece : text.split(QLatin1Char(','))) {
        const QString entry = piece.trimmed();
        if (entry.isEmpty())
            continue;
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        const QString name = eq < 0 ? entry : entry.left(eq).trimmed();
        const QString urlText = eq < 0 ? QString() : entry.mid(eq + 1).trimmed();
        if (name.isEmpty())
            return tr("entry \"%1\" has no member name (expected name=url)").arg(entry);
        if (urlText.isEmpty())
            return tr("empty URL given for \"%1\" (expected name=url)").arg(name);
        Config::ClusterMember member;
        member.name = name;
        const QString error = parseUrl(urlText, &member.peerUrl);
        if (!error.isEmpty())
            return error;
        members.append(member);
    }
    if (members.isEmpty())
        return tr("no member given (expected name=url[,name=url...])");
    *out = members;
    return {};
}

QString FlagValue::parseCors(const QString &text, QStringList *out)
{
    QStringList origins;
    for (const QString &piece : text.split(QLatin1Char(','))) {
        const QString origin = piece.trimmed();
        if (origin.isEmpty())
            continue;
        if (origin != QLatin1String("*")) {
            const QUrl url(origin, QUrl::StrictMode);
            if (!url.isValid() || url.host().isEmpty() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
                return tr("invalid CORS origin \"%1\" (expected * or scheme://host[:port])")
                    .arg(origin);
        }
        if (!origins.contains(origin))
            origins.append(origin);
    }
    *out = origins;
    return {};
}

QString FlagValue::parseClusterState(const QString &text, Config::ClusterState *out)
{
    if (text == QLatin1String("new")) {
        *out = Config::ClusterState::New;
        return {};
    }
    if (text == QLatin1String("existing")) {
        *out = Config::ClusterState::Existing;
        return {};
    }
    return tr("valid values are \"new\" and \"existing\"");
}

QString FlagValue::parseLogLevel(const QString &text, Config::LogLevel *out)
{
    static const QList<std::pair<QLatin1String, Config::LogLevel>> kLevels{
        {QLatin1String("debug"), Config::LogLevel::Debug},
        {QLatin1String("info"), Config::LogLevel::Info},
        {QLatin1String("warn"), Config::LogLevel::Warn},
        {QLatin1String("error"), Config::LogLevel::Error},
    };
    for (const auto &[name, level] : kLevels) {
        if (text == name) {
            *out = level;
            return {};
        }
    }
    return tr("valid values are \"debug\", \"info\", \"warn\" and \"error\"");
}

QString FlagValue::parseLogOutputs(const QString &text, QStringList *out)
{
    QStringList outputs;
    for (const QString &piece : text.split(QLatin1Char(','))) {
        QString output = piece.trimmed();
        if (output.isEmpty())
            return tr("empty output in the list (expected stderr, stdout, systemd/journal or a "
                      "file path)");
        if (output == QLatin1String("default"))
            output = QStringLiteral("stderr");
        if (!outputs.contains(output))
            outputs.append(output);
    }
    *out = outputs;
    return {};
}

QString FlagValue::joinUrls(const QList<QUrl> &urls)
{
    QStringList texts;
    for (const QUrl &url : urls)
        texts.append(url.toString());
    return texts.join(QLatin1Char(','));
}

} // namespace server::config
