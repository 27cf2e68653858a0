// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "compare/SubtreeCompare.h"

#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"
#include "keys/SubtreeJson.h"
#include "keys/SubtreeTransfer.h"

namespace admin {

namespace {

QString relativeTo(const QString &key, const QString &root)
{
    return root == QLatin1String("/") ? (key == root ? QString() : key) : key.mid(root.size());
}

} // namespace

SubtreeCompare::SubtreeCompare(QObject *parent) : QObject(parent) {}

void SubtreeCompare::setLeft(ClusterConnection *connection, const QString &key)
{
    m_left = connection;
    m_leftKey = SubtreeJson::cleanKey(key);
}

void SubtreeCompare::setRight(ClusterConnection *connection, const QString &key)
{
    m_right = connection;
    m_rightKey = SubtreeJson::cleanKey(key);
}

QString SubtreeCompare::relativeKey(const ImportPlan::Entry &entry) const
{
    return relativeTo(entry.key, m_difference.target);
}

void SubtreeCompare::compare()
{
    client::Client *left = m_left ? m_left->client() : nullptr;
    client::Client *right = m_right ? m_right->client() : nullptr;
    if (m_busy || !left || !right) {
        emit failed(tr("Both sides need a connection, and one comparison runs at a time."));
        return;
    }
    m_busy = true;
    m_pending = 2;
    m_error.clear();
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    auto listed = [this](client::Reply *r, const QString &key, client::Node *tree, bool *exists) {
        const client::Error &e = r->error();
        const bool missing =
            e.kind() == client::Error::Kind::Etcd && e.errorCode() == client::Error::KeyNotFound;
        *exists = !e;
        *tree = client::Node{};
        if (!e) {
            *tree = r->keys().node;
        } else if (missing) {
            tree->key = key;
            tree->dir = true;
        } else if (m_error.isEmpty()) {
            m_error = tr("Could not read %1.").arg(key) + QLatin1Char(' ') + ErrorText::describe(e);
        }
        if (--m_pending == 0)
            fetched();
    };
    const QString leftKey = m_leftKey, rightKey = m_rightKey;
    left->get(leftKey, o)->then(this, [=, this](client::Reply *r) {
        listed(r, leftKey, &m_leftTree, &m_leftExists);
    });
    right->get(rightKey, o)->then(this, [=, this](client::Reply *r) {
        listed(r, rightKey, &m_rightTree, &m_rightExists);
    });
}

void SubtreeCompare::fetched()
{
    m_busy = false;
    if (!m_error.isEmpty()) {
        emit failed(m_error);
        return;
    }
    m_difference =
        ImportPlan::build(m_leftTree, m_rightKey, m_rightExists ? &m_rightTree : nullptr);
    emit compared();
}

void SubtreeCompare::copy(Direction direction, const QSet<QString> &relativeKeys)
{
    const bool toRight = direction == Direction::LeftToRight;
    ClusterConnection *destination = toRight ? m_right : m_left;
    if (m_busy || !destination) {
        emit copied(false, tr("Not connected, or a comparison is running."));
        return;
    }
    // The plan of writing the source over the destination, as both were
    // listed: its guards are what the user saw.
    const QString destinationKey = toRight ? m_rightKey : m_leftKey;
    ImportPlan plan =
        toRight ? ImportPlan::build(m_leftTree, m_rightKey, m_rightExists ? &m_rightTree : nullptr)
                : ImportPlan::build(m_rightTree, m_leftKey, m_leftExists ? &m_leftTree : nullptr);
    QList<ImportPlan::Entry> chosen;
    for (const ImportPlan::Entry &e : std::as_const(plan.entries)) {
        if (relativeKeys.contains(relativeTo(e.key, destinationKey)))
            chosen.append(e);
    }
    plan.entries = chosen;
    plan.deleteExtras = true; // only the chosen ones are left
    if (chosen.isEmpty()) {
        emit copied(false, tr("Nothing chosen to copy."));
        return;
    }
    m_busy = true;
    auto *transfer = new SubtreeTransfer(destination, this);
    connect(transfer, &SubtreeTransfer::finished, this,
            [this, transfer](bool ok, const QString &text) {
                transfer->deleteLater();
                m_busy = false;
                emit copied(ok, text);
                compare();
            });
    transfer->apply(plan);
}

} // namespace admin
