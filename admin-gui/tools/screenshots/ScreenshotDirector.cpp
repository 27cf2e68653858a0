// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "tools/screenshots/ScreenshotDirector.h"

#include "app/AdminLog.h"
#include "auth/AuthPage.h"
#include "client/Client.h"
#include "cluster/ClusterPage.h"
#include "cluster/ClusterPoller.h"
#include "cluster/MembersModel.h"
#include "connection/ClusterConnection.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyDetailPane.h"
#include "keys/KeyFilterProxyModel.h"
#include "keys/KeyTreeModel.h"
#include "latency/LatencyChartPage.h"
#include "latency/LatencySeriesModel.h"
#include "tools/screenshots/SyntheticLeaderStatsSource.h"
#include "watch/WatchEventModel.h"
#include "watch/WatchPanel.h"
#include "windows/MainWindow.h"

#include <QDir>
#include <QElapsedTimer>
#include <QListWidget>
#include <QPixmap>
#include <QTabWidget>
#include <QTimer>
#include <QTreeView>

#include <memory>

#include <signal.h>

namespace admin {

namespace {

struct SeedKey
{
    const char *key;
    const char *value;
    qint64 ttl;
};

const SeedKey kSeed[] = {
    {"/config/billing/name", "billing-api", 0},
    {"/config/billing/settings",
     R"({"replicas":3,"region":"eu-west-1","features":{"audit":true,"cache":"redis"},"limits":{"rps":1200,"burst":300}})",
     0},
    {"/config/billing/port", "8080", 0},
    {"/config/billing/log-level", "info", 0},
    {"/config/db/primary", "postgres://db-1.internal:5432/billing", 0},
    {"/config/db/replica", "postgres://db-2.internal:5432/billing", 0},
    {"/services/web/10.0.0.11:8080", R"({"host":"10.0.0.11","port":8080,"weight":10})", 600},
    {"/services/web/10.0.0.12:8080", R"({"host":"10.0.0.12","port":8080,"weight":10})", 600},
    {"/services/web/10.0.0.13:8080", R"({"host":"10.0.0.13","port":8080,"weight":5})", 600},
    {"/services/api/10.0.1.21:9000", R"({"host":"10.0.1.21","port":9000})", 600},
    {"/locks/scheduler", "infra0", 3600},
    {"/feature-flags/dark-mode", "on", 0},
    {"/feature-flags/new-checkout", "off", 0},
    {"/message", "Hello world", 0},
    {"/_internal/schema-version", "7", 0},
};

} // namespace

ScreenshotDirector::ScreenshotDirector(MainWindow *window, const QString &outputDir,
                                       const QString &prefix, const QStringList &pages,
                                       QObject *parent)
    : QObject(parent), m_window(window), m_dir(outputDir), m_prefix(prefix), m_pages(pages)
{
}

void ScreenshotDirector::fail(const QString &why)
{
    qCWarning(lcAdmin) << "screenshots:" << why;
    m_ok = false;
    emit finished(false);
}

void ScreenshotDirector::waitFor(std::function<bool()> condition, int timeoutMs,
                                 std::function<void()> then)
{
    auto clock = std::make_shared<QElapsedTimer>();
    clock->start();
    auto *timer = new QTimer(this);
    timer->setInterval(50);
    connect(timer, &QTimer::timeout, this, [this, timer, clock, condition, timeoutMs, then] {
        if (condition()) {
            timer->deleteLater();
            then();
        } else if (clock->elapsed() > timeoutMs) {
            timer->deleteLater();
            fail(QStringLiteral("timed out"));
        }
    });
    timer->start();
}

bool ScreenshotDirector::grab(const QString &name)
{
    QDir().mkpath(m_dir);
    const QString file = QDir(m_dir).filePath(m_prefix + name + QStringLiteral(".png"));
    const bool ok = m_window->grab().save(file, "PNG", 9);
    qCInfo(lcAdmin) << "screenshot" << file << (ok ? "written" : "FAILED");
    if (!ok)
        m_ok = false;
    return ok;
}

void ScreenshotDirector::run(const ConnectionProfile &profile)
{
    m_window->resize(1200, 760);
    m_window->show();
    ClusterConnection *c = m_window->connection();
    connect(c, &ClusterConnection::opened, this, &ScreenshotDirector::seed,
            Qt::SingleShotConnection);
    m_window->openProfile(profile);
    QTimer::singleShot(20000, this, [this] {
        if (m_step == 0)
            fail(QStringLiteral("could not connect"));
    });
}

void ScreenshotDirector::seed()
{
    m_step = 1;
    client::Client *client = m_window->connection()->client();
    auto pending = std::make_shared<int>(0);
    for (const SeedKey &s : kSeed) {
        client::SetOptions o;
        o.ttl = s.ttl;
        ++*pending;
        client->set(QString::fromUtf8(s.key), QString::fromUtf8(s.value), o)
            ->then(this, [pending](client::Reply *) { --*pending; });
    }
    for (const char *job : {"resize images", "send invoices", "rebuild index"}) {
        ++*pending;
        client->createInOrder(QStringLiteral("/queue/jobs"), QString::fromUtf8(job))
            ->then(this, [pending](client::Reply *) { --*pending; });
    }
    waitFor([pending] { return *pending == 0; }, 10000,
            [this] {
                m_window->keysPage()->refresh();
                next();
            });
}

void ScreenshotDirector::next()
{
    if (m_pages.isEmpty()) {
        emit finished(m_ok);
        return;
    }
    const QString page = m_pages.takeFirst();
    if (page == QLatin1String("keys"))
        shootKeys();
    else if (page == QLatin1String("watch"))
        shootWatch();
    else if (page == QLatin1String("cluster"))
        shootCluster();
    else if (page == QLatin1String("latency"))
        shootLatency();
    else if (page == QLatin1String("access"))
        shootAccess();
    else
        fail(QStringLiteral("unknown page ") + page);
}

void ScreenshotDirector::shootKeys()
{
    KeyBrowserPage *keys = m_window->keysPage();
    m_window->tabs()->setCurrentWidget(keys);
    waitFor([keys] { return keys->model()->isRootLoaded(); }, 10000,
            [this, keys] {
                keys->goToKey(QStringLiteral("/services/web/10.0.0.12:8080"));
                waitFor(
                    [keys] {
                        return keys->currentKey() == QLatin1String("/services/web/10.0.0.12:8080");
                    },
                    10000,
                    [this, keys] {
                        keys->goToKey(QStringLiteral("/config/billing/settings"));
                        waitFor(
                            [keys] {
                                return keys->currentKey() ==
                                       QLatin1String("/config/billing/settings");
                            },
                            10000,
                            [this, keys] {
                                keys->treeView()->expand(keys->proxy()->mapFromSource(
                                    keys->model()->indexForKey(QStringLiteral("/feature-flags"))));
                                if (auto *tabs = keys->detailPane()->findChild<QTabWidget *>())
                                    tabs->setCurrentIndex(1);
                                QTimer::singleShot(800, this, [this] {
                                    grab(QStringLiteral("keys"));
                                    next();
                                });
                            });
                    });
            });
}

void ScreenshotDirector::shootWatch()
{
    WatchPanel *watch = m_window->watchPanel();
    m_window->tabs()->setCurrentWidget(watch);
    watch->startWatch(QStringLiteral("/"), true);
    client::Client *c = m_window->connection()->client();
    // Changes a second client would make, one after the other.
    QTimer::singleShot(500, this, [this, c] {
        c->set(QStringLiteral("/config/billing/log-level"), QStringLiteral("debug"))
            ->then(this, [this, c](client::Reply *) {
                c->update(QStringLiteral("/feature-flags/new-checkout"), QStringLiteral("on"))
                    ->then(this, [this, c](client::Reply *) {
                        c->createInOrder(QStringLiteral("/queue/jobs"),
                                         QStringLiteral("compress logs"))
                            ->then(this, [this, c](client::Reply *) {
                                client::SetOptions cas;
                                cas.prevValue = QStringLiteral("8080");
                                c->set(QStringLiteral("/config/billing/port"),
                                       QStringLiteral("8443"), cas)
                                    ->then(this, [this, c](client::Reply *) {
                                        client::DeleteOptions d;
                                        c->remove(QStringLiteral("/services/web/10.0.0.13:8080"), d)
                                            ->then(this, [c](client::Reply *) {
                                                c->set(QStringLiteral("/message"),
                                                       QStringLiteral("Hello again"))
                                                    ->then(c, [](client::Reply *) {});
                                            });
                                    });
                            });
                    });
            });
    });
    waitFor([watch] { return watch->model()->rowCount() >= 6; }, 10000,
            [this] {
                QTimer::singleShot(300, this, [this] {
                    grab(QStringLiteral("watch"));
                    next();
                });
            });
}

void ScreenshotDirector::shootCluster()
{
    ClusterPage *cluster = m_window->clusterPage();
    m_window->tabs()->setCurrentWidget(cluster);
    cluster->poller()->refresh();
    waitFor([cluster] { return !cluster->poller()->isRefreshing(); }, 10000,
            [this] {
                QTimer::singleShot(300, this, [this] {
                    grab(QStringLiteral("cluster"));
                    next();
                });
            });
}

void ScreenshotDirector::shootLiveLatency()
{
    LatencyChartPage *latency = m_window->latencyPage();
    LatencySeriesModel *model = latency->model();
    // About 25 s of healthy samples first, so the chart has a history.
    QElapsedTimer *clock = new QElapsedTimer;
    clock->start();
    waitFor([model, clock] { return model->rowCount() >= 2 && clock->elapsed() > 25000; }, 60000,
            [this, latency, model, clock] {
                delete clock;
                // The follower to pause: one we have a pid for, and not the
                // member the app talks to (its own requests would hang).
                QString inUse;
                const MembersModel *members = m_window->clusterPage()->membersModel();
                for (int r = 0; r < members->rowCount(); ++r) {
                    if (members->row(r).member.clientUrls.contains(
                            m_window->connection()->status().member.toString()))
                        inUse = members->row(r).member.name;
                }
                qint64 pid = 0;
                QString name;
                for (const QString &id : model->followerIds()) {
                    const QString n = model->displayName(id);
                    if (m_pids.contains(n) && n != inUse) {
                        pid = m_pids.value(n);
                        name = n;
                    }
                }
                if (!pid) {
                    fail(QStringLiteral("no pid for any follower"));
                    return;
                }
                qCInfo(lcAdmin) << "screenshots: pausing follower" << name << pid;
                ::kill(pid_t(pid), SIGSTOP);
                // Six seconds of silence: a dozen polls in red.
                QTimer::singleShot(6000, this, [this, latency, pid] {
                    if (latency->troubleText().isEmpty())
                        qCWarning(lcAdmin) << "screenshots: the paused follower is not flagged";
                    grab(QStringLiteral("latency"));
                    ::kill(pid_t(pid), SIGCONT);
                    next();
                });
            });
}

void ScreenshotDirector::shootLatency()
{
    LatencyChartPage *latency = m_window->latencyPage();
    m_window->tabs()->setCurrentWidget(latency);
    if (!m_pids.isEmpty()) {
        shootLiveLatency();
        return;
    }
    // Synthetic samples, shaped like the cluster we are connected to: its
    // leader and its followers, so the page agrees with the status bar.
    m_window->connection()->client()->listMembers()->then(this, [this, latency](client::Reply *r) {
        const QString leaderId = m_window->connection()->status().leaderId;
        QString leaderName = QStringLiteral("infra0");
        QList<SyntheticLeaderStatsSource::Follower> followers;
        double base = 1.8;
        for (const client::Member &m : r->members()) {
            if (m.id == leaderId) {
                leaderName = m.name;
                continue;
            }
            followers.append({m.id, m.name, base});
            base *= 4;
        }
        if (followers.isEmpty()) {
            followers = {{QStringLiteral("91bc3c398fb3c146"), QStringLiteral("infra1"), 1.8},
                         {QStringLiteral("fd422379fda50e48"), QStringLiteral("infra2"), 7.5}};
        }
        auto *source = new SyntheticLeaderStatsSource(
            leaderId.isEmpty() ? QStringLiteral("8e9e05c52164694d") : leaderId, leaderName,
            followers);
        latency->setSource(source);
        source->backfill(120);
        QTimer::singleShot(500, this, [this] {
            grab(QStringLiteral("latency"));
            next();
        });
    });
}

void ScreenshotDirector::shootAccess()
{
    // The page is found among the tabs (MainWindow keeps no pointer to it).
    AuthPage *access = m_window->tabs()->findChild<AuthPage *>();
    if (!access) {
        fail(QStringLiteral("no access page"));
        return;
    }
    m_window->tabs()->setCurrentWidget(access);
    // A role and two users, as an administrator would set them up (auth
    // stays disabled: the throw-away cluster is shared by the other shots).
    access->addRole(QStringLiteral("app-reader"));
    access->addRole(QStringLiteral("app-writer"));
    access->grantPermission(QStringLiteral("app-reader"), QStringLiteral("/app/*"), true, false);
    access->grantPermission(QStringLiteral("app-writer"), QStringLiteral("/app/*"), true, true);
    access->addUser(QStringLiteral("root"), QStringLiteral("screenshot-root"));
    access->addUser(QStringLiteral("alice"), QStringLiteral("screenshot-alice"));
    QTimer::singleShot(1500, this, [this, access] {
        access->grantRole(QStringLiteral("alice"), QStringLiteral("app-writer"));
        QTimer::singleShot(1500, this, [this, access] {
            auto select = [access](const char *list, const QString &name) {
                auto *w = access->findChild<QListWidget *>(QLatin1String(list));
                if (const QList<QListWidgetItem *> items = w->findItems(name, Qt::MatchExactly);
                    !items.isEmpty())
                    w->setCurrentItem(items.first());
            };
            select("userList", QStringLiteral("alice"));
            select("roleList", QStringLiteral("app-writer"));
            QTimer::singleShot(300, this, [this] {
                grab(QStringLiteral("access"));
                next();
            });
        });
    });
}

} // namespace admin
