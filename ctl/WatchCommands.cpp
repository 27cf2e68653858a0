// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/WatchCommands.h"

#include "ctl/Invocation.h"
#include "ctl/ResponsePrinter.h"

#include "client/Client.h"
#include "client/Watcher.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace ctl {

namespace {

client::Watcher *startWatch(Invocation &inv, const QString &key, bool recursive)
{
    client::WatchOptions o;
    o.recursive = recursive;
    const qint64 after = inv.flags().intValue(QStringLiteral("after-index"));
    o.waitIndex = after > 0 ? quint64(after) + 1 : 0;
    o.failIfUnreachable = true;
    client::Watcher *w = inv.client()->watch(key, o);
    QObject::connect(w, &client::Watcher::error, [&inv](const client::Error &e) {
        inv.handleError(Invocation::ServerError, e);
    });
    QObject::connect(w, &client::Watcher::historyCleared, [&inv](const client::Error &e) {
        inv.handleError(Invocation::ServerError, e);
    });
    Invocation::exitZeroOnInterrupt();
    return w;
}

int watch(Invocation &inv)
{
    client::Client *c = inv.client();
    Q_UNUSED(c);
    if (inv.args().isEmpty())
        inv.handleError(Invocation::BadArgs, Invocation::tr("key required"));
    const QString key = inv.args().first();
    const bool recursive = inv.flags().boolValue(QStringLiteral("recursive"));
    const bool keepGoing = inv.flags().boolValue(QStringLiteral("forever"));
    client::Watcher *w = startWatch(inv, key, recursive);
    QObject::connect(w, &client::Watcher::event,
                     [&inv, recursive, keepGoing](const client::Response &r) {
                         if (r.node.dir)
                             return;
                         if (recursive)
                             Invocation::out(QStringLiteral("[%1] %2\n").arg(r.action, r.node.key));
                         printResponseKey(r, inv.outputFormat());
                         fflush(stdout);
                         if (!keepGoing)
                             Invocation::exit(Invocation::Success);
                     });
    return QCoreApplication::exec();
}

QString startError(const QString &program)
{
    if (!program.contains(QLatin1Char('/'))) {
        if (QStandardPaths::findExecutable(program).isEmpty())
            return QStringLiteral("exec: \"%1\": executable file not found in $PATH").arg(program);
        return QString();
    }
    const QFileInfo fi(program);
    if (!fi.exists())
        return QStringLiteral("fork/exec %1: no such file or directory").arg(program);
    if (!fi.isExecutable())
        return QStringLiteral("fork/exec %1: permission denied").arg(program);
    return QString();
}

int execWatch(Invocation &inv)
{
    inv.client();
    const QStringList args = inv.args();
    if (args.size() < 2)
        inv.handleError(Invocation::BadArgs, Invocation::tr("key and command to exec required"));
    bool separator = false;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--"))
            separator = true;
    }
    QString key;
    QStringList command;
    if (separator) {
        key = args[0];
        command = args.mid(2);
    } else {
        key = args.last();
        command = args.mid(0, args.size() - 1);
    }
    const bool recursive = inv.flags().boolValue(QStringLiteral("recursive"));
    client::Watcher *w = startWatch(inv, key, recursive);
    QObject::connect(w, &client::Watcher::event, [command](const client::Response &r) {
        if (r.node.dir) {
            Invocation::err(QStringLiteral("Ignored dir %1 change\n").arg(r.node.key));
            return;
        }
        if (command.isEmpty())
            Invocation::fail(Invocation::BadArgs, Invocation::tr("exec: no command"));
        const QString problem = startError(command.first());
        if (!problem.isEmpty()) {
            Invocation::err(problem);
            Invocation::exit(Invocation::BadArgs);
        }
        fflush(stdout);
        auto *p = new QProcess(QCoreApplication::instance());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("ETCD_WATCH_ACTION"), r.action);
        env.insert(QStringLiteral("ETCD_WATCH_MODIFIED_INDEX"),
                   QString::number(r.node.modifiedIndex));
        env.insert(QStringLiteral("ETCD_WATCH_KEY"), r.node.key);
        env.insert(QStringLiteral("ETCD_WATCH_VALUE"), r.node.value);
        p->setProcessEnvironment(env);
        p->setProcessChannelMode(QProcess::ForwardedChannels);
        p->setInputChannelMode(QProcess::ForwardedInputChannel);
        QObject::connect(p, &QProcess::finished, p, &QObject::deleteLater);
        p->start(command.first(), command.mid(1));
    });
    return QCoreApplication::exec();
}

} // namespace

QList<Command> watchCommands()
{
    Command w;
    w.names = {QStringLiteral("watch")};
    w.usage = Invocation::tr("watch a key for changes");
    w.argsUsage = QStringLiteral("<key>");
    w.flags = {Flag::boolean({QStringLiteral("forever"), QStringLiteral("f")},
                             Invocation::tr("forever watch a key until CTRL+C")),
               Flag::integer({QStringLiteral("after-index")},
                             Invocation::tr("watch after the given index")),
               Flag::boolean({QStringLiteral("recursive"), QStringLiteral("r")},
                             Invocation::tr("returns all values for key and child keys"))};
    w.action = watch;

    Command e;
    e.names = {QStringLiteral("exec-watch")};
    e.usage = Invocation::tr("watch a key for changes and exec an executable");
    e.argsUsage = QStringLiteral("<key> <command> [args...]");
    e.flags = {Flag::integer({QStringLiteral("after-index")},
                             Invocation::tr("watch after the given index")),
               Flag::boolean({QStringLiteral("recursive"), QStringLiteral("r")},
                             Invocation::tr("watch all values for key and child keys"))};
    e.action = execWatch;
    return {w, e};
}

} // namespace ctl
