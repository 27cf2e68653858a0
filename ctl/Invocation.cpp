// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/Invocation.h"

#include "client/Client.h"
#include "client/Reply.h"
#include "ctl/SrvEndpoints.h"

#include <QEventLoop>
#include <QFile>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <termios.h>
#include <unistd.h>

namespace ctl {

Invocation::Invocation(const QString &appName, const FlagSet &globals)
    : m_appName(appName), m_globals(globals)
{
}

void Invocation::setCommand(const FlagSet &flags, const QString &helpName)
{
    m_flags = flags;
    m_helpName = helpName;
}

QString Invocation::outputFormat() const
{
    return m_globals.stringValue(QStringLiteral("output"));
}

bool Invocation::debug() const
{
    return m_globals.boolValue(QStringLiteral("debug"));
}

void Invocation::out(const QByteArray &bytes)
{
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
}

void Invocation::err(const QByteArray &bytes)
{
    fflush(stdout);
    fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    fflush(stderr);
}

void Invocation::exit(int code)
{
    fflush(stdout);
    fflush(stderr);
    std::_Exit(code);
}

namespace {
extern "C" void exitZero(int)
{
    fflush(stdout);
    _exit(0);
}

// --discovery-srv / ETCDCTL_DISCOVERY_SRV: the endpoints DNS SRV records name (empty: none asked
// for, or none usable); a failed lookup ends the process, as etcdctl.
QStringList discoveredEndpoints(const FlagSet &globals)
{
    // etcdctl's getDomainDiscoveryFlagValue: the flag, else ETCDCTL_DISCOVERY_SRV; http://
    // endpoints only with --insecure-discovery (or ETCDCTL_INSECURE_DISCOVERY set).
    QString domain = globals.stringValue(QStringLiteral("discovery-srv"));
    if (domain.isEmpty())
        domain = qEnvironmentVariable("ETCDCTL_DISCOVERY_SRV");
    if (domain.isEmpty())
        return {};
    const bool insecure = globals.boolValue(QStringLiteral("insecure-discovery")) ||
                          !qEnvironmentVariable("ETCDCTL_INSECURE_DISCOVERY").isEmpty();
    QString error;
    const QStringList found = SrvEndpoints::lookup(domain, &error);
    if (!error.isEmpty())
        Invocation::fail(Invocation::BadArgs, error);
    QStringList endpoints;
    for (const QString &endpoint : found) {
        if (!insecure && endpoint.startsWith(QLatin1String("http://"))) {
            Invocation::err(
                Invocation::tr("ignoring discovered insecure endpoint \"%1\"\n").arg(endpoint));
            continue;
        }
        endpoints.append(endpoint);
    }
    return endpoints;
}

} // namespace

void Invocation::exitZeroOnInterrupt()
{
    std::signal(SIGINT, exitZero);
}

void Invocation::fail(int code, const QString &line)
{
    err(line + QLatin1Char('\n'));
    exit(code);
}

void Invocation::handleError(int code, const client::Error &error)
{
    QString text = QStringLiteral("Error:  ") + error.toString() + QLatin1Char('\n');
    if (error.kind() == client::Error::Kind::ClusterUnavailable)
        text += error.detail() + QLatin1Char('\n');
    err(text);
    exit(code);
}

void Invocation::handleError(int code, const QString &message)
{
    fail(code, QStringLiteral("Error:  ") + message);
}

QStringList Invocation::endpointArguments() const
{
    QString peers = m_globals.stringValue(QStringLiteral("endpoints"));
    if (peers.isEmpty())
        peers = qEnvironmentVariable("ETCDCTL_ENDPOINTS");
    if (peers.isEmpty())
        peers = m_globals.stringValue(QStringLiteral("endpoint"));
    if (peers.isEmpty())
        peers = qEnvironmentVariable("ETCDCTL_ENDPOINT");
    if (peers.isEmpty())
        peers = m_globals.stringValue(QStringLiteral("peers"));
    if (peers.isEmpty())
        peers = qEnvironmentVariable("ETCDCTL_PEERS");
    if (peers.isEmpty())
        peers = QStringLiteral("http://127.0.0.1:2379,http://127.0.0.1:4001");
    return peers.split(QLatin1Char(','));
}

client::Client *Invocation::makeClient(bool sync)
{
    if (m_client)
        return m_client;
    client::ClientConfig config;
    config.endpoints = client::Client::parseEndpoints(discoveredEndpoints(m_globals));
    if (config.endpoints.isEmpty())
        config.endpoints = client::Client::parseEndpoints(endpointArguments());
    auto pick = [this](const char *flag, const char *env) {
        QString v = m_globals.stringValue(QLatin1String(flag));
        return v.isEmpty() ? qEnvironmentVariable(env) : v;
    };
    config.caFile = pick("ca-file", "ETCDCTL_CA_FILE");
    config.certFile = pick("cert-file", "ETCDCTL_CERT_FILE");
    config.keyFile = pick("key-file", "ETCDCTL_KEY_FILE");
    config.headerTimeoutMs = int(m_globals.durationMs(QStringLiteral("timeout")));
    config.totalTimeoutMs = int(m_globals.durationMs(QStringLiteral("total-timeout")));
    setCredentials(config, pick("username", "ETCDCTL_USERNAME"), tr("Password: "));
    m_client = new client::Client(config, QCoreApplication::instance());
    if (const client::Error e = m_client->configurationError())
        fail(BadArgs, e.toString());

    auto joined = [this](const QString &sep) {
        QStringList list;
        for (const QUrl &u : m_client->endpoints())
            list.append(u.toString());
        return list.join(sep);
    };
    if (!sync) {
        if (debug())
            err(QStringLiteral("Cluster-Endpoints: %1\n").arg(joined(QStringLiteral(", "))));
    }
    if (debug()) {
        QObject::connect(m_client, &client::Client::requestSent, [](const QString &curl) {
            err(QStringLiteral("cURL Command: %1\n").arg(curl));
        });
    }
    if (sync && !m_globals.boolValue(QStringLiteral("no-sync"))) {
        if (debug())
            err(QStringLiteral("start to sync cluster using endpoints(%1)\n")
                    .arg(joined(QStringLiteral(","))));
        client::Reply *reply = m_client->sync();
        await(reply);
        const client::Error e = reply->error();
        if (e.kind() == client::Error::Kind::NoEndpoints) {
            err(tr("etcd cluster has no published client endpoints.\n"));
            err(tr("Try '--no-sync' if you want to access non-published client endpoints(%1).\n")
                    .arg(joined(QStringLiteral(","))));
            handleError(ServerError, e);
        }
        if (e && e.isConnectionError())
            handleError(BadConnection, e);
        if (debug())
            err(QStringLiteral("got endpoints(%1) after sync\n").arg(joined(QStringLiteral(","))));
    }
    if (sync && debug())
        err(QStringLiteral("Cluster-Endpoints: %1\n").arg(joined(QStringLiteral(", "))));
    return m_client;
}

client::Client *Invocation::client()
{
    return makeClient(true);
}

void Invocation::setCredentials(client::ClientConfig &config, const QString &user,
                                const QString &prompt)
{
    if (user.isEmpty())
        return;
    const qsizetype colon = user.indexOf(QLatin1Char(':'));
    if (colon < 0) {
        config.username = user;
        config.password =
            askPassword(prompt.contains(QLatin1String("%1")) ? prompt.arg(user) : prompt);
    } else {
        config.username = user.left(colon);
        config.password = user.mid(colon + 1);
    }
}

client::Client *Invocation::clientNoSync()
{
    return makeClient(false);
}

void Invocation::await(client::Reply *reply)
{
    if (reply->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(reply, &client::Reply::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

bool Invocation::argOrStdin(int i, QString *value) const
{
    const QStringList a = args();
    if (i < a.size()) {
        *value = a[i];
        return true;
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return false;
    const QByteArray bytes = in.readAll();
    if (bytes.isEmpty())
        return false;
    *value = QString::fromUtf8(bytes);
    return true;
}

QString Invocation::askPassword(const QString &prompt)
{
    out(prompt.toUtf8());
    fflush(stdout);
    termios saved{};
    const bool tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
    if (tty) {
        termios quiet = saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    QByteArray line;
    int c;
    while ((c = fgetc(stdin)) != EOF && c != '\n')
        line += char(c);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        out(QByteArray("\n"));
    }
    if (line.endsWith('\r'))
        line.chop(1);
    return QString::fromUtf8(line);
}

} // namespace ctl
