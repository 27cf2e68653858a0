// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd-admin-bench: how fast the key browser shows a big directory.
//
// For each scenario it starts a fresh qetcd member (tests/common
// DaemonProcess), fills it through core/client, opens the key browser page
// offscreen and measures with QElapsedTimer, from the moment the root
// listing is requested:
//   first paint   - the tree's viewport paints with at least one row;
//   fully loaded  - every row of the root is in the model;
//   longest stall - the longest gap between two ticks of a 5 ms timer
//                   during the load: how long the UI could not react.
// Scenarios: a root with N keys (default 100,000) and a root with D
// directories of K keys (default 1000 x 100).
//
//   QT_QPA_PLATFORM=offscreen build/bin/qetcd-admin-bench [--keys N] [--dirs D --per-dir K]
//   ... --endpoint URL [--fill] --scenario flat|nested   (measure a member you started;
//                                                        --fill writes the keys first)
//
// A benchmark, not a test: it prints numbers and asserts nothing.

#include "DaemonProcess.h"
#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyTreeModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEvent>
#include <QTest>
#include <QTimer>
#include <QTreeView>

#include <cstdio>
#include <functional>

namespace {

// Writes `count` keys named by `keyOf(i)` with 64 requests in flight.
bool fill(client::Client *c, int count, const std::function<QString(int)> &keyOf)
{
    int next = 0, done = 0, failed = 0;
    std::function<void()> pump = [&] {
        while (next < count && next - done < 64) {
            const int i = next++;
            c->set(keyOf(i), QStringLiteral("value-%1").arg(i))->then(c, [&](client::Reply *r) {
                ++done;
                if (r->error())
                    ++failed;
                pump();
            });
        }
    };
    pump();
    const bool finished = QTest::qWaitFor([&] { return done == count; }, 30 * 60 * 1000);
    return finished && failed == 0;
}

class PaintProbe : public QObject
{
public:
    PaintProbe(QTreeView *view, std::function<void()> onFirstRowsPainted)
        : m_view(view), m_callback(std::move(onFirstRowsPainted))
    {
        view->viewport()->installEventFilter(this);
    }
    bool eventFilter(QObject *, QEvent *e) override
    {
        if (e->type() == QEvent::Paint && !m_fired && m_view->model()->rowCount() > 0) {
            m_fired = true;
            // Runs after this paint event is handled: the rows are on screen.
            QTimer::singleShot(0, m_view, m_callback);
        }
        return false;
    }

private:
    QTreeView *m_view;
    std::function<void()> m_callback;
    bool m_fired = false;
};

struct Result
{
    double firstPaintMs = -1;
    double loadedMs = -1;
    double longestStallMs = 0;
    int rows = 0;
};

Result measure(const QUrl &endpoint)
{
    admin::ClusterConnection connection;
    admin::ConnectionProfile profile;
    profile.name = QStringLiteral("bench");
    profile.endpoints = {endpoint.toString()};
    bool opened = false;
    QObject::connect(&connection, &admin::ClusterConnection::opened, [&] { opened = true; });
    connection.open(profile);
    if (!QTest::qWaitFor([&] { return opened; }, 10000))
        return Result();

    admin::KeyBrowserPage page(&connection);
    page.resize(1100, 700);
    page.show();
    if (!QTest::qWaitFor([&] { return page.model()->isRootLoaded(); }, 120000)) // warm-up load
        return Result();

    Result result;
    QElapsedTimer clock;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        result.longestStallMs = qMax(result.longestStallMs, sinceTick.nsecsElapsed() / 1e6);
        sinceTick.restart();
    });
    bool loaded = false;
    QObject::connect(page.model(), &admin::KeyTreeModel::rootLoaded, [&] {
        result.loadedMs = clock.nsecsElapsed() / 1e6;
        loaded = true;
    });
    PaintProbe probe(page.treeView(), [&] { result.firstPaintMs = clock.nsecsElapsed() / 1e6; });

    clock.start();
    sinceTick.start();
    ticker.start();
    page.refresh(); // forget everything and list the root again
    const bool done = QTest::qWaitFor([&] { return loaded && result.firstPaintMs >= 0; }, 120000);
    ticker.stop();
    if (!done)
        std::fprintf(stderr, "timed out waiting for the tree\n");
    result.rows = page.model()->rowCount();
    return result;
}

void print(const char *name, const Result &r)
{
    std::printf("%-28s rows=%-7d first paint %8.1f ms   fully loaded %8.1f ms   longest UI "
                "stall %6.1f ms\n",
                name, r.rows, r.firstPaintMs, r.loadedMs, r.longestStallMs);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("keys"), QStringLiteral("Keys in the flat root."),
                      QStringLiteral("n"), QStringLiteral("100000")});
    parser.addOption({QStringLiteral("dirs"), QStringLiteral("Directories in the nested root."),
                      QStringLiteral("n"), QStringLiteral("1000")});
    parser.addOption({QStringLiteral("per-dir"), QStringLiteral("Keys per directory."),
                      QStringLiteral("n"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("runs"), QStringLiteral("Measurements per scenario."),
                      QStringLiteral("n"), QStringLiteral("3")});
    parser.addOption({QStringLiteral("endpoint"),
                      QStringLiteral("Use this member instead of starting one."),
                      QStringLiteral("url")});
    parser.addOption(
        {QStringLiteral("fill"), QStringLiteral("With --endpoint: write the keys first.")});
    parser.addOption({QStringLiteral("scenario"), QStringLiteral("flat, nested or both."),
                      QStringLiteral("name"), QStringLiteral("both")});
    parser.process(app);
    const int keys = parser.value(QStringLiteral("keys")).toInt();
    const int dirs = parser.value(QStringLiteral("dirs")).toInt();
    const int perDir = parser.value(QStringLiteral("per-dir")).toInt();
    const int runs = qMax(1, parser.value(QStringLiteral("runs")).toInt());

    const QUrl given(parser.value(QStringLiteral("endpoint")));
    const bool fillGiven = parser.isSet(QStringLiteral("fill"));
    const QString which = parser.value(QStringLiteral("scenario"));
    auto scenario = [&](const char *name, int count, const std::function<QString(int)> &keyOf) {
        DaemonProcess daemon(QStringLiteral("bench"));
        QUrl endpoint = given;
        if (endpoint.isEmpty()) {
            if (!daemon.start()) {
                std::fprintf(stderr, "cannot start qetcd (%s)\n",
                             qPrintable(DaemonProcess::binary(QStringLiteral("qetcd"))));
                return false;
            }
            endpoint = daemon.clientUrl();
        }
        if (given.isEmpty() || fillGiven) {
            client::ClientConfig config;
            config.endpoints = {endpoint};
            client::Client c(config);
            QElapsedTimer fillClock;
            fillClock.start();
            if (!fill(&c, count, keyOf)) {
                std::fprintf(stderr, "filling failed\n");
                return false;
            }
            std::printf("%s: wrote %d keys in %.1f s\n", name, count, fillClock.elapsed() / 1000.0);
        }
        for (int i = 0; i < runs; ++i)
            print(name, measure(endpoint));
        return true;
    };

    bool ok = true;
    if (which != QLatin1String("nested"))
        ok = scenario("flat root", keys, [](int i) {
            return QStringLiteral("/key%1").arg(i, 6, 10, QLatin1Char('0'));
        });
    if (which != QLatin1String("flat"))
        ok = scenario("nested root", dirs * perDir,
                      [perDir](int i) {
                          return QStringLiteral("/dir%1/key%2")
                              .arg(i / perDir, 4, 10, QLatin1Char('0'))
                              .arg(i % perDir, 3, 10, QLatin1Char('0'));
                      }) &&
             ok;
    return ok ? 0 : 1;
}
