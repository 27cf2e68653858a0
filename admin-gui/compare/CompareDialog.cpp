// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "compare/CompareDialog.h"

#include "compare/CompareModel.h"
#include "compare/SubtreeCompare.h"
#include "connection/ClusterConnection.h"
#include "connection/ProfileStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTableView>
#include <QVBoxLayout>

namespace admin {

namespace {
enum Source { ThisCluster = 0, OtherEndpoints = 1, FirstProfile = 2 };
}

CompareDialog::CompareDialog(ClusterConnection *connection, QWidget *parent)
    : QDialog(parent), m_connection(connection)
{
    setWindowTitle(tr("Compare subtrees"));
    m_compare = new SubtreeCompare(this);
    m_model = new CompareModel(m_compare, this);

    m_leftEdit = new QLineEdit(QStringLiteral("/"), this);
    m_leftEdit->setObjectName(QStringLiteral("compareLeftEdit"));
    m_rightEdit = new QLineEdit(QStringLiteral("/"), this);
    m_rightEdit->setObjectName(QStringLiteral("compareRightEdit"));
    m_rightSource = new QComboBox(this);
    m_rightSource->setObjectName(QStringLiteral("compareRightSource"));
    m_rightSource->addItem(tr("This cluster"));
    m_rightSource->addItem(tr("Other endpoints…"));
    {
        QSettings settings;
        const ProfileStore profiles(&settings);
        for (const QString &name : profiles.names())
            m_rightSource->addItem(tr("Profile: %1").arg(name), name);
    }
    m_endpointsEdit = new QLineEdit(this);
    m_endpointsEdit->setObjectName(QStringLiteral("compareEndpointsEdit"));
    m_endpointsEdit->setPlaceholderText(tr("http://staging:2379, http://staging-2:2379"));
    m_endpointsEdit->setVisible(false);
    m_compareButton = new QPushButton(tr("Compare"), this);
    m_compareButton->setObjectName(QStringLiteral("compareButton"));
    m_compareButton->setDefault(true);

    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("Left: this cluster"), this), 0, 0);
    grid->addWidget(m_leftEdit, 0, 1, 1, 2);
    grid->addWidget(new QLabel(tr("Right:"), this), 1, 0);
    grid->addWidget(m_rightSource, 1, 1);
    grid->addWidget(m_rightEdit, 1, 2);
    grid->addWidget(m_endpointsEdit, 2, 1, 1, 2);
    grid->setColumnStretch(2, 1);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("compareStatus"));
    m_status->setWordWrap(true);
    m_status->setText(tr("Hidden keys ('_') are never listed by the server and are not "
                         "compared."));

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("compareView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(CompareModel::StatusColumn,
                                                     QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(CompareModel::KeyColumn, 260);
    m_view->setColumnWidth(CompareModel::LeftColumn, 220);

    auto *checkAll = new QCheckBox(tr("Check all"), this);
    checkAll->setObjectName(QStringLiteral("compareCheckAll"));
    m_copyRight = new QPushButton(tr("Copy checked to the right →"), this);
    m_copyRight->setObjectName(QStringLiteral("copyToRightButton"));
    m_copyLeft = new QPushButton(tr("← Copy checked to the left"), this);
    m_copyLeft->setObjectName(QStringLiteral("copyToLeftButton"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(checkAll);
    buttons->addStretch(1);
    buttons->addWidget(m_copyLeft);
    buttons->addWidget(m_copyRight);

    auto *top = new QHBoxLayout;
    top->addLayout(grid, 1);
    top->addWidget(m_compareButton, 0, Qt::AlignBottom);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    resize(900, 560);

    connect(m_rightSource, &QComboBox::currentIndexChanged, this,
            &CompareDialog::rightSourceChanged);
    connect(m_compareButton, &QPushButton::clicked, this, &CompareDialog::startCompare);
    connect(checkAll, &QCheckBox::toggled, m_model, &CompareModel::checkAll);
    connect(m_copyRight, &QPushButton::clicked, this, [this] { copy(true); });
    connect(m_copyLeft, &QPushButton::clicked, this, [this] { copy(false); });
    connect(m_compare, &SubtreeCompare::compared, this, &CompareDialog::showSummary);
    connect(m_compare, &SubtreeCompare::failed, this,
            [this](const QString &text) { m_status->setText(text); });
    connect(m_compare, &SubtreeCompare::copied, this, [this](bool, const QString &text) {
        m_status->setText(text); // the comparison that follows adds its counts
        m_status->setProperty("copyText", text);
    });
}

CompareDialog::~CompareDialog() = default;

void CompareDialog::setLeftKey(const QString &key)
{
    m_leftEdit->setText(key);
}

void CompareDialog::setRightKey(const QString &key)
{
    m_rightEdit->setText(key);
}

void CompareDialog::setRightConnection(ClusterConnection *connection)
{
    m_externalRight = connection;
}

void CompareDialog::setRightProfile(const ConnectionProfile &profile)
{
    m_externalRight = nullptr;
    delete m_ownedRight;
    m_ownedRight = new ClusterConnection(this);
    m_ownedRight->open(profile);
}

void CompareDialog::rightSourceChanged(int index)
{
    m_endpointsEdit->setVisible(index == OtherEndpoints);
    m_externalRight = nullptr;
    delete m_ownedRight;
    m_ownedRight = nullptr;
    if (index >= FirstProfile) {
        QSettings settings;
        const ProfileStore profiles(&settings);
        if (const auto profile = profiles.load(m_rightSource->itemData(index).toString()))
            setRightProfile(*profile);
    }
}

ClusterConnection *CompareDialog::rightConnection() const
{
    if (m_externalRight)
        return m_externalRight;
    if (m_ownedRight)
        return m_ownedRight;
    return m_rightSource->currentIndex() == ThisCluster ? m_connection.data() : nullptr;
}

void CompareDialog::startCompare()
{
    if (m_rightSource->currentIndex() == OtherEndpoints && !m_externalRight) {
        const QString text = m_endpointsEdit->text().trimmed();
        if (text.isEmpty()) {
            m_status->setText(tr("Type the other cluster's endpoints."));
            return;
        }
        if (!m_ownedRight ||
            m_ownedRight->profile().endpoints != ConnectionProfile::parseEndpointText(text)) {
            ConnectionProfile profile;
            profile.name = tr("compare");
            profile.endpoints = ConnectionProfile::parseEndpointText(text);
            setRightProfile(profile);
        }
    }
    ClusterConnection *right = rightConnection();
    if (right && !right->isConnected()) {
        // Opening takes a moment: compare as soon as it is up.
        m_status->setText(tr("Connecting to the other cluster…"));
        connect(right, &ClusterConnection::opened, this, &CompareDialog::startCompare,
                Qt::SingleShotConnection);
        return;
    }
    m_compare->setLeft(m_connection, m_leftEdit->text());
    m_compare->setRight(right, m_rightEdit->text());
    m_status->setText(tr("Comparing…"));
    m_compare->compare();
}

void CompareDialog::copy(bool toRight)
{
    const QSet<QString> keys = m_model->checkedKeys();
    if (keys.isEmpty()) {
        m_status->setText(tr("Check the entries to copy first."));
        return;
    }
    m_status->setProperty("copyText", QVariant());
    m_compare->copy(toRight ? SubtreeCompare::Direction::LeftToRight
                            : SubtreeCompare::Direction::RightToLeft,
                    keys);
}

QString CompareDialog::statusText() const
{
    return m_status->text();
}

void CompareDialog::showSummary()
{
    const ImportPlan &d = m_compare->difference();
    QString text =
        tr("%1 and %2: ").arg(m_compare->leftKey(), m_compare->rightKey()) +
        QStringList{tr("%n only on the left", nullptr, d.count(ImportPlan::Action::Add)),
                    tr("%n only on the right", nullptr, d.count(ImportPlan::Action::Extra)),
                    tr("%n different", nullptr, d.count(ImportPlan::Action::Change)),
                    tr("%n the same", nullptr, d.count(ImportPlan::Action::Unchanged))}
            .join(QStringLiteral(", "));
    if (const int c = d.count(ImportPlan::Action::Conflict))
        text += QStringLiteral(", ") + tr("%n key/directory conflicts", nullptr, c);
    text += QLatin1Char('.');
    const QString copied = m_status->property("copyText").toString();
    if (!copied.isEmpty())
        text = copied + QLatin1Char('\n') + text;
    m_status->setProperty("copyText", QVariant());
    m_status->setText(text);
}

} // namespace admin
