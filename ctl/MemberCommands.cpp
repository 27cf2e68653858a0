// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/MemberCommands.h"

#include "ctl/Invocation.h"

#include "client/Client.h"
#include "client/GoText.h"
#include "client/MemberStartLines.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace ctl {

namespace {

// Go prints plain errors with fmt.Fprintln(os.Stderr, err.Error()).
[[noreturn]] void failWith(const client::Error &e)
{
    Invocation::fail(Invocation::BadArgs, e.toString());
}

client::Reply *await(Invocation &inv, client::Reply *reply)
{
    inv.await(reply);
    return reply;
}

int list(Invocation &inv)
{
    if (!inv.args().isEmpty())
        Invocation::fail(Invocation::BadArgs, Invocation::tr("No arguments accepted"));
    client::Client *c = inv.client();
    client::Reply *members = await(inv, c->listMembers());
    if (members->error())
        failWith(members->error());
    client::Reply *leader = await(inv, c->leader());
    if (leader->error())
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("Failed to get leader:  ") + leader->error().toString());
    const QString leaderId = leader->member().id;
    QString o;
    for (const client::Member &m : members->members()) {
        if (m.name.isEmpty()) {
            o += QStringLiteral("%1[unstarted]: peerURLs=%2\n")
                     .arg(m.id, m.peerUrls.join(QLatin1Char(',')));
        } else {
            o += QStringLiteral("%1: name=%2 peerURLs=%3 clientURLs=%4 isLeader=%5\n")
                     .arg(m.id, m.name, m.peerUrls.join(QLatin1Char(',')),
                          m.clientUrls.join(QLatin1Char(',')),
                          m.id == leaderId ? QStringLiteral("true") : QStringLiteral("false"));
        }
    }
    Invocation::out(o);
    return Invocation::Success;
}

int add(Invocation &inv)
{
    const QStringList args = inv.args();
    if (args.size() != 2)
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("Provide a name and a single member peerURL"));
    client::Client *c = inv.client();
    QStringList urls;
    QString problem;
    if (!client::Client::normalizePeerUrls({args[1]}, &urls, &problem))
        Invocation::fail(Invocation::BadArgs, problem);
    client::Reply *added = await(inv, c->addMember(urls));
    if (added->error())
        failWith(added->error());
    const QString newId = added->member().id;
    const QString newName = args[0];
    Invocation::out(
        Invocation::tr("Added member named %1 with ID %2 to cluster\n").arg(newName, newId));

    client::Reply *members = await(inv, c->listMembers());
    if (members->error())
        failWith(members->error());
    Invocation::out('\n' +
                    client::MemberStartLines::environment(newName, newId, members->members()));
    return Invocation::Success;
}

int remove(Invocation &inv)
{
    const QStringList args = inv.args();
    if (args.size() != 1)
        Invocation::fail(Invocation::BadArgs, Invocation::tr("Provide a single member ID"));
    const QString id = args[0];
    client::Client *c = inv.client();
    client::Reply *members = await(inv, c->listMembers());
    if (members->error())
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("Error while verifying ID against known members: ") +
                             members->error().toString());
    bool found = false;
    for (const client::Member &m : members->members()) {
        if (m.id == id)
            found = true;
        if (m.name == id) {
            Invocation::err(Invocation::tr("Found a member named %1; if this is correct, please "
                                           "use its ID, eg:\n\t%2 member remove %3\n")
                                .arg(m.name, inv.appName(), m.id));
            Invocation::err(
                Invocation::tr("For more details, read the documentation at "
                               "https://github.com/etcd-io/etcd/blob/master/Documentation/"
                               "runtime-configuration.md#remove-a-member\n\n"));
        }
    }
    if (!found)
        Invocation::fail(
            Invocation::BadArgs,
            Invocation::tr("Couldn't find a member in the cluster with an ID of %1.").arg(id));
    client::Reply *removed = await(inv, c->removeMember(id));
    if (removed->error()) {
        Invocation::err(Invocation::tr("Received an error trying to remove member %1: %2")
                            .arg(id, removed->error().toString()));
        Invocation::exit(Invocation::BadArgs);
    }
    Invocation::out(Invocation::tr("Removed member %1 from cluster\n").arg(id));
    return Invocation::Success;
}

int update(Invocation &inv)
{
    const QStringList args = inv.args();
    if (args.size() != 2)
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("Provide an ID and a list of comma separated peerURL "
                                        "(0xabcd http://example.com,http://example1.com)"));
    client::Client *c = inv.client();
    QStringList urls;
    QString problem;
    if (!client::Client::normalizePeerUrls(args[1].split(QLatin1Char(',')), &urls, &problem))
        Invocation::fail(Invocation::BadArgs, problem);
    client::Reply *updated = await(inv, c->updateMember(args[0], urls));
    if (updated->error())
        failWith(updated->error());
    Invocation::out(Invocation::tr("Updated member with ID %1 in cluster\n").arg(args[0]));
    return Invocation::Success;
}

int runClusterHealth(Invocation &inv)
{
    const bool keepGoing = inv.flags().boolValue(QStringLiteral("forever"));
    if (keepGoing)
        Invocation::exitZeroOnInterrupt();
    client::Client *c = inv.clientNoSync();
    // /health goes straight to each member, without curl lines (etcdctl
    // uses a plain HTTP client for it).
    client::ClientConfig plain = c->config();
    plain.headerTimeoutMs = 0;
    plain.totalTimeoutMs = 0;
    plain.username.clear();
    client::Client healthClient(plain);

    client::Reply *listed = await(inv, c->listMembers());
    if (listed->error()) {
        Invocation::out(Invocation::tr("cluster may be unhealthy: failed to list members\n"));
        inv.handleError(Invocation::ServerError, listed->error());
    }
    const QList<client::Member> members = listed->members();
    for (;;) {
        int healthy = 0;
        for (const client::Member &m : members) {
            if (m.clientUrls.isEmpty()) {
                Invocation::out(
                    Invocation::tr("member %1 is unreachable: no available published client urls\n")
                        .arg(m.id));
                continue;
            }
            bool checked = false;
            for (const QString &url : m.clientUrls) {
                client::Reply *h = await(inv, healthClient.health(QUrl(url)));
                if (h->error()) {
                    Invocation::out(
                        Invocation::tr(
                            "failed to check the health of member %1 on %2: Get %3: %4\n")
                            .arg(m.id, url,
                                 QString::fromUtf8(
                                     client::go::quote(url + QStringLiteral("/health"))),
                                 h->error().toString()));
                    continue;
                }
                QJsonParseError pe;
                const QJsonObject o = QJsonDocument::fromJson(h->body(), &pe).object();
                if (pe.error != QJsonParseError::NoError) {
                    Invocation::out(
                        Invocation::tr("failed to check the health of member %1 on %2: %3\n")
                            .arg(m.id, url, pe.errorString()));
                    continue;
                }
                checked = true;
                QJsonValue v;
                for (auto it = o.begin(); it != o.end(); ++it) {
                    if (it.key().compare(QLatin1String("health"), Qt::CaseInsensitive) == 0)
                        v = it.value();
                }
                if (v.toString() == QLatin1String("true") || v.toBool()) {
                    Invocation::out(
                        Invocation::tr("member %1 is healthy: got healthy result from %2\n")
                            .arg(m.id, url));
                    ++healthy;
                } else {
                    Invocation::out(
                        Invocation::tr("member %1 is unhealthy: got unhealthy result from %2\n")
                            .arg(m.id, url));
                }
                break;
            }
            if (!checked)
                Invocation::out(
                    Invocation::tr("member %1 is unreachable: [%2] are all unreachable\n")
                        .arg(m.id, m.clientUrls.join(QLatin1Char(' '))));
        }
        if (healthy == members.size())
            Invocation::out(Invocation::tr("cluster is healthy\n"));
        else if (healthy == 0)
            Invocation::out(Invocation::tr("cluster is unavailable\n"));
        else
            Invocation::out(Invocation::tr("cluster is degraded\n"));
        if (!keepGoing)
            return healthy == members.size() ? Invocation::Success : Invocation::ClusterNotHealthy;
        Invocation::out(Invocation::tr("\nnext check after 10 second...\n\n"));
        fflush(stdout);
        QThread::sleep(10);
    }
}

} // namespace

Command memberCommand()
{
    Command l;
    l.names = {QStringLiteral("list")};
    l.usage = Invocation::tr("enumerate existing cluster members");
    l.argsUsage = QStringLiteral(" ");
    l.action = list;

    Command a;
    a.names = {QStringLiteral("add")};
    a.usage = Invocation::tr("add a new member to the etcd cluster");
    a.argsUsage = QStringLiteral("<name> <peerURL>");
    a.action = add;

    Command r;
    r.names = {QStringLiteral("remove")};
    r.usage = Invocation::tr("remove an existing member from the etcd cluster");
    r.argsUsage = QStringLiteral("<memberID>");
    r.action = remove;

    Command u;
    u.names = {QStringLiteral("update")};
    u.usage = Invocation::tr("update an existing member in the etcd cluster");
    u.argsUsage = QStringLiteral("<memberID> <peerURLs>");
    u.action = update;

    Command m;
    m.names = {QStringLiteral("member")};
    m.usage = Invocation::tr("member add, remove and list subcommands");
    m.subcommands = {l, a, r, u};
    return m;
}

Command clusterHealthCommand()
{
    Command c;
    c.names = {QStringLiteral("cluster-health")};
    c.usage = Invocation::tr("check the health of the etcd cluster");
    c.argsUsage = QStringLiteral(" ");
    c.flags = {
        Flag::boolean({QStringLiteral("forever"), QStringLiteral("f")},
                      Invocation::tr("forever check the health every 10 second until CTRL+C"))};
    c.action = runClusterHealth;
    return c;
}

} // namespace ctl
