// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "windows/MainWindow.h"

#include "auth/AuthPage.h"
#include "cluster/ClusterPage.h"
#include "connection/ClusterConnection.h"
#include "connection/ProfileStore.h"
#include "keys/KeyBrowserPage.h"
#include "latency/LatencyChartPage.h"
#include "watch/WatchPanel.h"
#include "widgets/MessageBanner.h"
#include "windows/ConnectionDialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace admin {

MainWindow::MainWindow(QSettings *settings, QWidget *parent)
    : QMainWindow(parent), m_settings(settings)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("qetcd administration"));
    m_profiles = new ProfileStore(settings);
    m_connection = new ClusterConnection(this);

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    m_banner = new MessageBanner(central);
    m_banner->setObjectName(QStringLiteral("mainBanner"));
    // Connection news often comes while the user works in a page: a line is
    // kept for it so the tabs below are never covered by a short message.
    m_banner->setReserveOneLine();
    layout->addWidget(m_banner);
    m_tabs = new QTabWidget(central);
    m_tabs->setObjectName(QStringLiteral("pages"));
    m_tabs->setDocumentMode(true);
    m_keys = new KeyBrowserPage(m_connection, m_tabs);
    m_watch = new WatchPanel(m_connection, m_tabs);
    m_cluster = new ClusterPage(m_connection, m_tabs);
    m_latency = new LatencyChartPage(m_connection, m_tabs);
    m_tabs->addTab(m_keys, QIcon(QStringLiteral(":/icons/keys.png")), tr("Keys"));
    m_tabs->addTab(m_watch, QIcon(QStringLiteral(":/icons/watch.png")), tr("Watch"));
    m_tabs->addTab(m_cluster, QIcon(QStringLiteral(":/icons/cluster.png")), tr("Cluster"));
    m_tabs->addTab(m_latency, QIcon(QStringLiteral(":/icons/latency.png")), tr("Leader latency"));
    auto *access = new AuthPage(m_connection, m_tabs);
    m_tabs->addTab(access, style()->standardIcon(QStyle::SP_DialogApplyButton), tr("Access"));
    connect(access, &AuthPage::message, this, &MainWindow::showMessage);
    layout->addWidget(m_tabs, 1);
    setCentralWidget(central);

    m_stateLabel = new QLabel(this);
    m_memberLabel = new QLabel(this);
    m_leaderLabel = new QLabel(this);
    m_clusterLabel = new QLabel(this);
    m_indexLabel = new QLabel(this);
    m_stateLabel->setObjectName(QStringLiteral("statusState"));
    m_memberLabel->setObjectName(QStringLiteral("statusMember"));
    m_leaderLabel->setObjectName(QStringLiteral("statusLeader"));
    m_clusterLabel->setObjectName(QStringLiteral("statusCluster"));
    m_indexLabel->setObjectName(QStringLiteral("statusIndex"));
    statusBar()->addWidget(m_stateLabel);
    for (QLabel *l : {m_memberLabel, m_leaderLabel, m_clusterLabel, m_indexLabel})
        statusBar()->addPermanentWidget(l);

    m_retryAction = new QAction(tr("Retry"), this);
    m_retryAction->setObjectName(QStringLiteral("retryAction"));
    connect(m_retryAction, &QAction::triggered, this, &MainWindow::reconnect);
    m_settingsAction = new QAction(tr("Connection settings…"), this);
    m_settingsAction->setObjectName(QStringLiteral("settingsAction"));
    connect(m_settingsAction, &QAction::triggered, this, &MainWindow::showConnectionDialog);

    createMenus();
    connect(m_connection, &ClusterConnection::statusChanged, this, &MainWindow::updateStatus);
    connect(m_connection, &ClusterConnection::message, this, &MainWindow::showMessage);
    connect(m_cluster, &ClusterPage::message, this, &MainWindow::showMessage);
    updateStatus(m_connection->status());

    const QByteArray geometry = m_settings->value(QStringLiteral("window/geometry")).toByteArray();
    if (geometry.isEmpty() || !restoreGeometry(geometry)) {
        // 1100x720, but never more than the screen offers: a 2x scaled
        // 1920x1080 screen has 960x540 logical pixels.
        QSize size(1100, 720);
        if (const QScreen *s = screen())
            size = size.boundedTo(s->availableGeometry().size() * 0.9);
        resize(size);
    }
}

MainWindow::~MainWindow()
{
    // Pages hold watchers on the connection's client: close while they exist.
    m_connection->close();
    delete m_profiles;
}

void MainWindow::createMenus()
{
    QMenu *connectionMenu = menuBar()->addMenu(tr("&Connection"));
    QAction *connectAction =
        connectionMenu->addAction(tr("&Connect…"), this, &MainWindow::showConnectionDialog);
    connectAction->setShortcut(QKeySequence::Open);
    connectionMenu->addAction(tr("&Reconnect"), this, &MainWindow::reconnect);
    connectionMenu->addAction(tr("&Disconnect"), this, &MainWindow::disconnectFromCluster);
    connectionMenu->addSeparator();
    QAction *quit = connectionMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *view = menuBar()->addMenu(tr("&View"));
    QAction *hidden = view->addAction(tr("Show &hidden keys"));
    hidden->setCheckable(true);
    connect(hidden, &QAction::toggled, m_keys, &KeyBrowserPage::setShowHidden);
    connect(m_keys, &KeyBrowserPage::showHiddenChanged, hidden, &QAction::setChecked);
    view->addSeparator();
    for (int i = 0; i < m_tabs->count(); ++i) {
        QAction *page =
            view->addAction(m_tabs->tabText(i), this, [this, i] { m_tabs->setCurrentIndex(i); });
        page->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + i)));
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About qetcd-admin"), this, &MainWindow::about);
    help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::openRecentOrAsk()
{
    const QString recent = m_profiles->recent();
    if (const auto profile = m_profiles->load(recent)) {
        openProfile(*profile);
        return;
    }
    showConnectionDialog();
}

void MainWindow::openProfile(const ConnectionProfile &profile)
{
    if (!profile.name.isEmpty() && m_profiles->load(profile.name))
        m_profiles->setRecent(profile.name);
    setWindowTitle(profile.name.isEmpty() ? tr("qetcd administration")
                                          : tr("%1 — qetcd administration").arg(profile.name));
    m_connection->open(profile);
}

void MainWindow::showConnectionDialog()
{
    auto *dialog =
        new ConnectionDialog(m_profiles,
                             m_connection->profile().name.isEmpty() ? m_profiles->recent()
                                                                    : m_connection->profile().name,
                             this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { openProfile(dialog->profile()); });
    dialog->open();
}

void MainWindow::disconnectFromCluster()
{
    m_connection->close();
    showMessage(Severity::Info, tr("Disconnected."));
}

void MainWindow::reconnect()
{
    if (m_connection->profile().endpoints.isEmpty()) {
        showConnectionDialog();
        return;
    }
    m_connection->retry();
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About qetcd-admin"),
                       tr("<h3>qetcd-admin %1</h3><p>Administration of etcd v2 compatible "
                          "clusters: keys, watches, members and leader latency.</p>")
                           .arg(QCoreApplication::applicationVersion()));
}

QStringList MainWindow::statusFields() const
{
    return {m_stateLabel->text(), m_memberLabel->text(), m_leaderLabel->text(),
            m_clusterLabel->text(), m_indexLabel->text()};
}

void MainWindow::updateStatus(const ClusterStatus &s)
{
    QString state;
    switch (s.state) {
    case ClusterStatus::State::Disconnected:
        state = tr("Not connected");
        break;
    case ClusterStatus::State::Connecting:
        state = tr("Connecting to \"%1\"…").arg(s.profileName);
        break;
    case ClusterStatus::State::Connected:
        state = s.lastError.isEmpty()
                    ? tr("Connected (%1)").arg(s.profileName)
                    : tr("Connected (%1), cluster not answering").arg(s.profileName);
        break;
    case ClusterStatus::State::Failed:
        state = tr("Connection failed");
        break;
    }
    // A production profile asks before every write: the status bar says so.
    const bool production =
        s.state != ClusterStatus::State::Disconnected && m_connection->profile().production;
    if (production)
        state += QLatin1Char(' ') + tr("[production: read-only, writes ask]");
    m_stateLabel->setText(state);
    m_stateLabel->setStyleSheet(production ? QStringLiteral("color:#b00020; font-weight:bold;")
                                           : QString());
    m_stateLabel->setToolTip(s.lastError);
    const QString none = QStringLiteral("—");
    m_memberLabel->setText(tr("Member: %1").arg(s.member.isValid() ? s.member.toString() : none));
    m_leaderLabel->setText(tr("Leader: %1")
                               .arg(s.leaderName.isEmpty()
                                        ? (s.leaderId.isEmpty() ? none : s.leaderId)
                                        : s.leaderName));
    m_leaderLabel->setToolTip(s.leaderId);
    m_clusterLabel->setText(tr("Cluster: %1").arg(s.clusterId.isEmpty() ? none : s.clusterId));
    m_indexLabel->setText(
        tr("X-Etcd-Index: %1").arg(s.etcdIndex ? QString::number(s.etcdIndex) : none));
}

void MainWindow::showMessage(Severity severity, const QString &text)
{
    QList<QAction *> actions;
    if (severity == Severity::Error && m_connection->status().state == ClusterStatus::State::Failed)
        actions = {m_retryAction, m_settingsAction};
    m_banner->showMessage(severity, text, actions);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    m_settings->setValue(QStringLiteral("window/geometry"), saveGeometry());
    QMainWindow::closeEvent(event);
}

} // namespace admin
