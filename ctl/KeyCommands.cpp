// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/KeyCommands.h"

#include "ctl/Invocation.h"
#include "ctl/ResponsePrinter.h"

#include "client/Client.h"

namespace ctl {

using client::SetOptions;

namespace {

Flag ttlFlag()
{
    return Flag::integer({QStringLiteral("ttl")}, Invocation::tr("key time-to-live in seconds"));
}

QString requireKey(Invocation &inv)
{
    if (inv.args().isEmpty())
        inv.handleError(Invocation::BadArgs, Invocation::tr("key required"));
    return inv.args().first();
}

client::Response run(Invocation &inv, client::Reply *reply)
{
    inv.await(reply);
    if (reply->error())
        inv.handleError(Invocation::ServerError, reply->error());
    return reply->keys();
}

int setValue(Invocation &inv, SetOptions options, bool inOrder = false)
{
    client::Client *c = inv.client();
    const QString key = requireKey(inv);
    QString value;
    if (!inv.argOrStdin(1, &value))
        inv.handleError(Invocation::BadArgs, Invocation::tr("value required"));
    const qint64 ttl = inv.flags().intValue(QStringLiteral("ttl"));
    options.ttl = ttl > 0 ? ttl : 0;
    const client::Response r =
        run(inv, inOrder ? c->createInOrder(key, value, options.ttl) : c->set(key, value, options));
    printResponseKey(r, inv.outputFormat());
    return Invocation::Success;
}

int setDir(Invocation &inv, SetOptions::PrevExist prevExist)
{
    client::Client *c = inv.client();
    const QString key = requireKey(inv);
    SetOptions options;
    options.prevExist = prevExist;
    const qint64 ttl = inv.flags().intValue(QStringLiteral("ttl"));
    options.ttl = ttl > 0 ? ttl : 0;
    const client::Response r = run(inv, c->setDir(key, options));
    if (inv.outputFormat() != QLatin1String("simple"))
        printResponseKey(r, inv.outputFormat());
    return Invocation::Success;
}

int removeKey(Invocation &inv, const client::DeleteOptions &options)
{
    client::Client *c = inv.client();
    const QString key = requireKey(inv);
    const client::Response r = run(inv, c->remove(key, options));
    if (!r.node.dir || inv.outputFormat() != QLatin1String("simple"))
        printResponseKey(r, inv.outputFormat());
    return Invocation::Success;
}

} // namespace

QList<Command> keyCommands()
{
    QList<Command> list;

    Command mk;
    mk.names = {QStringLiteral("mk")};
    mk.usage = Invocation::tr("make a new key with a given value");
    mk.argsUsage = QStringLiteral("<key> <value>");
    mk.flags = {Flag::boolean({QStringLiteral("in-order")},
                              Invocation::tr("create in-order key under directory <key>")),
                ttlFlag()};
    mk.action = [](Invocation &inv) {
        SetOptions o;
        o.prevExist = SetOptions::PrevExist::MustNotExist;
        return setValue(inv, o, inv.flags().boolValue(QStringLiteral("in-order")));
    };

    Command mkdir;
    mkdir.names = {QStringLiteral("mkdir")};
    mkdir.usage = Invocation::tr("make a new directory");
    mkdir.argsUsage = QStringLiteral("<key>");
    mkdir.flags = {ttlFlag()};
    mkdir.action = [](Invocation &inv) { return setDir(inv, SetOptions::PrevExist::MustNotExist); };

    Command rm;
    rm.names = {QStringLiteral("rm")};
    rm.usage = Invocation::tr("remove a key or a directory");
    rm.argsUsage = QStringLiteral("<key>");
    rm.flags = {
        Flag::boolean(
            {QStringLiteral("dir")},
            Invocation::tr("removes the key if it is an empty directory or a key-value pair")),
        Flag::boolean({QStringLiteral("recursive"), QStringLiteral("r")},
                      Invocation::tr("removes the key and all child keys(if it is a directory)")),
        Flag::string({QStringLiteral("with-value")}, Invocation::tr("previous value")),
        Flag::integer({QStringLiteral("with-index")}, Invocation::tr("previous index"))};
    rm.action = [](Invocation &inv) {
        client::DeleteOptions o;
        o.dir = inv.flags().boolValue(QStringLiteral("dir"));
        o.recursive = inv.flags().boolValue(QStringLiteral("recursive"));
        o.prevValue = inv.flags().stringValue(QStringLiteral("with-value"));
        o.prevIndex = quint64(inv.flags().intValue(QStringLiteral("with-index")));
        return removeKey(inv, o);
    };

    Command rmdir;
    rmdir.names = {QStringLiteral("rmdir")};
    rmdir.usage = Invocation::tr("removes the key if it is an empty directory or a key-value pair");
    rmdir.argsUsage = QStringLiteral("<key>");
    rmdir.action = [](Invocation &inv) {
        client::DeleteOptions o;
        o.dir = true;
        return removeKey(inv, o);
    };

    Command get;
    get.names = {QStringLiteral("get")};
    get.usage = Invocation::tr("retrieve the value of a key");
    get.argsUsage = QStringLiteral("<key>");
    get.flags = {
        Flag::boolean({QStringLiteral("sort")}, Invocation::tr("returns result in sorted order")),
        Flag::boolean({QStringLiteral("quorum"), QStringLiteral("q")},
                      Invocation::tr("require quorum for get request"))};
    get.action = [](Invocation &inv) {
        client::Client *c = inv.client();
        const QString key = requireKey(inv);
        client::GetOptions o;
        o.sorted = inv.flags().boolValue(QStringLiteral("sort"));
        o.quorum = inv.flags().boolValue(QStringLiteral("quorum"));
        const client::Response r = run(inv, c->get(key, o));
        if (r.node.dir)
            Invocation::fail(Invocation::BadArgs,
                             Invocation::tr("%1: is a directory").arg(r.node.key));
        printResponseKey(r, inv.outputFormat());
        return int(Invocation::Success);
    };

    Command ls;
    ls.names = {QStringLiteral("ls")};
    ls.usage = Invocation::tr("retrieve a directory");
    ls.argsUsage = QStringLiteral("[key]");
    ls.flags = {
        Flag::boolean({QStringLiteral("sort")}, Invocation::tr("returns result in sorted order")),
        Flag::boolean({QStringLiteral("recursive"), QStringLiteral("r")},
                      Invocation::tr("returns all key names recursively for the given path")),
        Flag::boolean({QStringLiteral("p")}, Invocation::tr("append slash (/) to directories")),
        Flag::boolean({QStringLiteral("quorum"), QStringLiteral("q")},
                      Invocation::tr("require quorum for get request"))};
    ls.action = [](Invocation &inv) {
        client::Client *c = inv.client();
        const QString key = inv.args().isEmpty() ? QStringLiteral("/") : inv.args().first();
        client::GetOptions o;
        o.sorted = inv.flags().boolValue(QStringLiteral("sort"));
        o.recursive = inv.flags().boolValue(QStringLiteral("recursive"));
        o.quorum = inv.flags().boolValue(QStringLiteral("quorum"));
        const client::Response r = run(inv, c->get(key, o));
        printLs(r, inv.outputFormat(), inv.flags().boolValue(QStringLiteral("p")));
        return int(Invocation::Success);
    };

    Command set;
    set.names = {QStringLiteral("set")};
    set.usage = Invocation::tr("set the value of a key");
    set.argsUsage = QStringLiteral("<key> <value>");
    set.description =
        Invocation::tr("Set sets the value of a key.\n\n"
                       "   When <value> begins with '-', <value> is interpreted as a flag.\n"
                       "   Insert '--' for workaround:\n\n"
                       "   $ set -- <key> <value>");
    set.flags = {
        ttlFlag(),
        Flag::string({QStringLiteral("swap-with-value")}, Invocation::tr("previous value")),
        Flag::integer({QStringLiteral("swap-with-index")}, Invocation::tr("previous index"))};
    set.action = [](Invocation &inv) {
        SetOptions o;
        o.prevValue = inv.flags().stringValue(QStringLiteral("swap-with-value"));
        o.prevIndex = quint64(inv.flags().intValue(QStringLiteral("swap-with-index")));
        return setValue(inv, o);
    };

    Command setdir;
    setdir.names = {QStringLiteral("setdir")};
    setdir.usage = Invocation::tr("create a new directory or update an existing directory TTL");
    setdir.argsUsage = QStringLiteral("<key>");
    setdir.flags = {ttlFlag()};
    setdir.action = [](Invocation &inv) { return setDir(inv, SetOptions::PrevExist::Ignore); };

    Command update;
    update.names = {QStringLiteral("update")};
    update.usage = Invocation::tr("update an existing key with a given value");
    update.argsUsage = QStringLiteral("<key> <value>");
    update.flags = {ttlFlag()};
    update.action = [](Invocation &inv) {
        SetOptions o;
        o.prevExist = SetOptions::PrevExist::MustExist;
        return setValue(inv, o);
    };

    Command updatedir;
    updatedir.names = {QStringLiteral("updatedir")};
    updatedir.usage = Invocation::tr("update an existing directory");
    updatedir.argsUsage = QStringLiteral("<key> <value>");
    updatedir.flags = {ttlFlag()};
    updatedir.action = [](Invocation &inv) {
        return setDir(inv, SetOptions::PrevExist::MustExist);
    };

    // etcdctl's order in the help screen.
    list << mk << mkdir << rm << rmdir << get << ls << set << setdir << update << updatedir;
    return list;
}

} // namespace ctl
