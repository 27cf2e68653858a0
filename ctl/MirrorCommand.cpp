// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/MirrorCommand.h"

#include "ctl/Invocation.h"
#include "ctl/Mirror.h"
#include "ctl/MirrorSession.h"

#include "client/Client.h"

#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>

namespace ctl {

namespace {

std::atomic<bool> g_stopRequested{false};

extern "C" void requestStop(int)
{
    g_stopRequested = true;
}

// One end's client: --<side>-cert-file etc., the destination falling back to the
// global flags (and ETCDCTL_* variables) every other command uses.
client::ClientConfig makeConfig(Invocation &inv, const QString &side, const QStringList &endpoints)
{
    const bool dest = side == QLatin1String("dest");
    auto pick = [&](const char *flag, const char *env) {
        QString v = inv.flags().stringValue(side + QLatin1Char('-') + QLatin1String(flag));
        if (v.isEmpty() && dest) {
            v = inv.globals().stringValue(QLatin1String(flag));
            if (v.isEmpty())
                v = qEnvironmentVariable(env);
        }
        return v;
    };
    client::ClientConfig config;
    config.endpoints = client::Client::parseEndpoints(endpoints);
    config.caFile = pick("ca-file", "ETCDCTL_CA_FILE");
    config.certFile = pick("cert-file", "ETCDCTL_CERT_FILE");
    config.keyFile = pick("key-file", "ETCDCTL_KEY_FILE");
    // A recursive GET of a large tree takes a while before its headers; the mirror runs
    // for hours, so there is no total limit per call.
    config.headerTimeoutMs =
        int(std::max<qint64>(inv.globals().durationMs(QStringLiteral("timeout")), 30000));
    config.totalTimeoutMs = 0;
    Invocation::setCredentials(
        config, pick("username", "ETCDCTL_USERNAME"),
        Invocation::tr("Password (%1 %2): ").arg(side, QStringLiteral("%1")));
    return config;
}

client::Client *makeClient(Invocation &inv, const QString &side, const client::ClientConfig &config)
{
    auto *c = new client::Client(config, QCoreApplication::instance());
    if (const client::Error e = c->configurationError())
        Invocation::fail(Invocation::BadArgs, QStringLiteral("%1: %2").arg(side, e.toString()));
    if (inv.debug()) {
        QObject::connect(c, &client::Client::requestSent, [side](const QString &curl) {
            Invocation::err(QStringLiteral("cURL Command (%1): %2\n").arg(side, curl));
        });
    }
    return c;
}

int runMirror(Invocation &inv)
{
    const QString source = inv.flags().stringValue(QStringLiteral("source"));
    if (source.isEmpty())
        inv.handleError(Invocation::BadArgs, Invocation::tr("--source is required"));
    QString dest = inv.flags().stringValue(QStringLiteral("dest"));
    const QStringList destEndpoints =
        dest.isEmpty() ? inv.endpointArguments() : dest.split(QLatin1Char(','));

    MirrorSession::Options o;
    QString error;
    if (!mirror::normalizeRoots(inv.flags().sliceValue(QStringLiteral("prefix")), &o.roots, &error))
        inv.handleError(Invocation::BadArgs, error);
    o.once = inv.flags().boolValue(QStringLiteral("once"));
    o.verifyOnly = inv.flags().boolValue(QStringLiteral("verify-only"));
    o.verify = o.verifyOnly || inv.flags().boolValue(QStringLiteral("verify"));
    o.longPoll = inv.flags().boolValue(QStringLiteral("long-poll"));
    o.progressMs = int(inv.flags().durationMs(QStringLiteral("progress-interval")));
    o.window =
        int(std::clamp<qint64>(inv.flags().intValue(QStringLiteral("max-in-flight")), 1, 1000));

    const QString sourceSide = QStringLiteral("source");
    const QString destSide = QStringLiteral("dest");
    client::Client *src =
        makeClient(inv, sourceSide, makeConfig(inv, sourceSide, source.split(QLatin1Char(','))));
    const client::ClientConfig destConfig = makeConfig(inv, destSide, destEndpoints);
    client::Client *dst = makeClient(inv, destSide, destConfig);
    // Qt opens at most six connections per host and client: one more client per six writes
    // in flight lets the window fill.
    QList<client::Client *> writers;
    for (int i = 6; i < o.window && writers.size() < 15; i += 6)
        writers.append(makeClient(inv, destSide, destConfig));
    auto *session = new MirrorSession(src, dst, o, QCoreApplication::instance(), writers);
    QObject::connect(session, &MirrorSession::finished, [](int code) { Invocation::exit(code); });

    // SIGINT/SIGTERM: stop watching, finish the writes under way, verify if asked.
    std::signal(SIGINT, requestStop);
    std::signal(SIGTERM, requestStop);
    auto *poll = new QTimer(session);
    QObject::connect(poll, &QTimer::timeout, session, [session] {
        if (g_stopRequested.exchange(false))
            session->stop();
    });
    poll->start(100);
    session->start();
    return QCoreApplication::exec();
}

} // namespace

Command mirrorCommand()
{
    Command m;
    m.names = {QStringLiteral("mirror")};
    m.usage = Invocation::tr("copy a live etcd v2 keyspace to another cluster and keep it in step");
    m.argsUsage = QStringLiteral("--source <urls> [--dest <urls>] [--prefix <key>]...");
    m.description = Invocation::tr(
        "Copies the keys under --prefix from the --source cluster to the --dest cluster (default:\n"
        "   --endpoints) from one consistent snapshot (a recursive GET at the source's\n"
        "   X-Etcd-Index), then applies every change the source reports (a recursive watch from\n"
        "   the next index) in order, until interrupted (SIGINT/SIGTERM). Directories, the\n"
        "   remaining TTLs and in-order key names are kept. When the source's event history\n"
        "   (1000 events) has been outrun, the copy starts again from a new snapshot and\n"
        "   destination keys the source no longer has are deleted.\n"
        "\n"
        "   Hidden keys (names starting with \"_\") are never listed by the v2 API: name them\n"
        "   with more --prefix values (e.g. --prefix / --prefix /_locks); only hidden keys may\n"
        "   lie inside another prefix. With auth at the source, subtrees the user may not read\n"
        "   are listed on stderr and left out. Progress (keys copied, events applied, lag) goes\n"
        "   to stderr every --progress-interval.\n"
        "\n"
        "   --verify compares both sides' recursive listings (keys, directories, values, whether\n"
        "   a TTL is set; not indexes) when the mirror stops (after the copy with --once), prints\n"
        "   every difference on stdout and exits with 6 when there is one; --verify-only only\n"
        "   compares. A write the destination refuses ends the mirror with an error (exit 4).\n"
        "   TTL refreshes (refresh=true) reach no watcher: shortly before a node expires at the\n"
        "   destination, its TTL at the source is read and, if longer, given to it.");
    m.flags = {
        Flag::string({QStringLiteral("source")},
                     Invocation::tr("comma-separated client URLs of the cluster to copy from")),
        Flag::string({QStringLiteral("dest")},
                     Invocation::tr("comma-separated client URLs of the cluster to copy to "
                                    "(default: --endpoints)")),
        Flag::stringSlice({QStringLiteral("prefix")},
                          Invocation::tr("subtree to mirror (repeatable or comma-separated; "
                                         "default: /)")),
        Flag::boolean({QStringLiteral("once")},
                      Invocation::tr("copy once and exit, without watching")),
        Flag::boolean({QStringLiteral("verify")},
                      Invocation::tr("compare both sides when stopping and list differences")),
        Flag::boolean({QStringLiteral("verify-only")},
                      Invocation::tr("only compare both sides (write nothing)")),
        Flag::boolean({QStringLiteral("long-poll")},
                      Invocation::tr("watch the source with one long poll per event instead of "
                                     "one stream (for proxies that buffer streams)")),
        Flag::duration({QStringLiteral("progress-interval")},
                       Invocation::tr("how often to print progress on stderr (0: never)"),
                       QStringLiteral("5s")),
        Flag::integer({QStringLiteral("max-in-flight")},
                      Invocation::tr("destination writes under way at once (writes to the same "
                                     "key or subtree stay in order)"),
                      QStringLiteral("32")),
        Flag::string({QStringLiteral("source-cert-file")},
                     Invocation::tr("identify to the source using this SSL certificate file")),
        Flag::string({QStringLiteral("source-key-file")},
                     Invocation::tr("identify to the source using this SSL key file")),
        Flag::string({QStringLiteral("source-ca-file")},
                     Invocation::tr("verify the source's certificates using this CA bundle")),
        Flag::string({QStringLiteral("source-username")},
                     Invocation::tr("source user[:password] (prompted if not supplied)")),
        Flag::string({QStringLiteral("dest-cert-file")},
                     Invocation::tr("identify to the destination using this SSL certificate "
                                    "file (default: --cert-file)")),
        Flag::string({QStringLiteral("dest-key-file")},
                     Invocation::tr("identify to the destination using this SSL key file "
                                    "(default: --key-file)")),
        Flag::string({QStringLiteral("dest-ca-file")},
                     Invocation::tr("verify the destination's certificates using this CA bundle "
                                    "(default: --ca-file)")),
        Flag::string({QStringLiteral("dest-username")},
                     Invocation::tr("destination user[:password] (default: --username)")),
    };
    m.action = runMirror;
    return m;
}

} // namespace ctl
