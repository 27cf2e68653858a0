// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"
#include "ctl/FlagSet.h"

#include "client/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace client {
class Client;
struct ClientConfig;
class Reply;
} // namespace client

namespace ctl {

// Everything one run of a command needs: the parsed global and command flags,
// the positional arguments, the client (made on first use the way etcdctl
// makes it: sync first unless --no-sync, curl lines under --debug), output to
// stdout/stderr as raw bytes, and etcdctl's exit codes.
// Commands are written in a blocking style on top of the asynchronous client:
// await() spins an event loop until a Reply is finished.
// One per process run; main thread only.
class Invocation
{
    Q_DECLARE_TR_FUNCTIONS(ctl::Invocation)
public:
    // etcdctl v2 exit codes.
    enum Exit {
        Success = 0,
        BadArgs = 1,
        BadConnection = 2,
        BadAuth = 3,
        ServerError = 4,
        ClusterNotHealthy = 5
    };

    Invocation(const QString &appName, const FlagSet &globals);

    const FlagSet &globals() const { return m_globals; }
    FlagSet &flags() { return m_flags; }
    const FlagSet &flags() const { return m_flags; }
    void setCommand(const FlagSet &flags, const QString &helpName);
    QStringList args() const { return m_flags.args(); }
    QString appName() const { return m_appName; }
    QString helpName() const { return m_helpName; }
    QString outputFormat() const; // -o
    bool debug() const;

    // The client after etcdctl's mustNewClient (sync unless --no-sync).
    client::Client *client();
    // etcdctl's mustNewClientNoSync (cluster-health).
    client::Client *clientNoSync();
    // The endpoints from flags/environment as etcdctl resolves them.
    QStringList endpointArguments() const;

    void await(client::Reply *reply);

    static void out(const QByteArray &bytes);
    static void out(const QString &text) { out(text.toUtf8()); }
    static void err(const QByteArray &bytes);
    static void err(const QString &text) { err(text.toUtf8()); }

    // etcdctl's handleError: "Error:  <err>" (+ per-endpoint detail), exit.
    [[noreturn]] void handleError(int code, const client::Error &error);
    [[noreturn]] void handleError(int code, const QString &message);
    // Prints `line` + newline on stderr and exits.
    [[noreturn]] static void fail(int code, const QString &line);
    [[noreturn]] static void exit(int code);
    // Ctrl+C ends the process with exit code 0, as etcdctl's watch does.
    static void exitZeroOnInterrupt();

    // argOrStdin: the i-th argument, or all of standard input.
    bool argOrStdin(int i, QString *value) const;
    // Reads a password without echo (speakeasy.Ask).
    static QString askPassword(const QString &prompt);
    // etcdctl's --username USER[:PASSWORD] into `config`; without a password, asks for one with
    // `prompt` (%1 is the user). Nothing for an empty `user`.
    static void setCredentials(client::ClientConfig &config, const QString &user,
                               const QString &prompt);

private:
    client::Client *makeClient(bool sync);

    QString m_appName;
    FlagSet m_globals;
    FlagSet m_flags;
    QString m_helpName;
    client::Client *m_client = nullptr;
};

} // namespace ctl
