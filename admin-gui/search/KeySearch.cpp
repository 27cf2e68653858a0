// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "search/KeySearch.h"

#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "keys/SubtreeJson.h"

namespace admin {

namespace {
constexpr int kParallel = 4;

} // namespace

KeySearch::KeySearch(ClusterConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{
}

KeySearch::~KeySearch()
{
    ++m_generation;
    for (const QPointer<client::Reply> &r : std::as_const(m_inFlight)) {
        if (r)
            r->abort();
    }
}

void KeySearch::start(const QString &root, const KeySearchQuery &query)
{
    if (m_running)
        cancel();
    ++m_generation;
    m_query = query;
    m_root = SubtreeJson::cleanKey(root);
    m_summary = Summary{};
    m_pending = {m_root};
    m_inFlight.clear();
    m_running = true;
    pump();
}

void KeySearch::cancel()
{
    if (!m_running)
        return;
    ++m_generation; // replies still arriving are ignored
    const auto inFlight = m_inFlight;
    m_inFlight.clear();
    for (const QPointer<client::Reply> &r : inFlight) {
        if (r)
            r->abort();
    }
    finish(false);
}

void KeySearch::finish(bool completed)
{
    m_running = false;
    m_pending.clear();
    m_summary.completed = completed;
    emit finished(m_summary);
}

void KeySearch::pump()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        finish(false);
        return;
    }
    while (m_inFlight.size() < kParallel && !m_pending.isEmpty()) {
        const QString dir = m_pending.takeFirst();
        client::GetOptions o;
        o.sorted = true;
        client::Reply *reply = c->get(dir, o);
        m_inFlight.append(reply);
        const int generation = m_generation;
        reply->then(this,
                    [this, dir, generation](client::Reply *r) { listed(r, dir, generation); });
    }
    if (m_inFlight.isEmpty() && m_pending.isEmpty())
        finish(true);
}

void KeySearch::listed(client::Reply *reply, const QString &dir, int generation)
{
    if (generation != m_generation || !m_running)
        return;
    m_inFlight.removeAll(QPointer<client::Reply>(reply));
    m_inFlight.removeAll(QPointer<client::Reply>());
    if (m_connection)
        m_connection->observe(reply);
    const client::Error &e = reply->error();
    if (e) {
        const bool gone =
            e.kind() == client::Error::Kind::Etcd && e.errorCode() == client::Error::KeyNotFound;
        if (!gone || dir == m_root)
            m_summary.failedDirectories.append(dir);
        pump();
        return;
    }
    const client::Node node = reply->keys().node;
    QList<SearchHit> hits;
    auto test = [this, &hits](const client::Node &n) {
        const KeySearchQuery::Match m = m_query.match(n);
        if (m == KeySearchQuery::Match::None)
            return;
        SearchHit h;
        h.key = n.key;
        h.value = n.value;
        h.dir = n.dir;
        h.modifiedIndex = n.modifiedIndex;
        h.match = m;
        hits.append(h);
    };
    if (!node.dir) {
        // The start key is a plain key: it is the whole search.
        ++m_summary.keysSearched;
        test(node);
    } else {
        ++m_summary.directoriesSearched;
        QStringList subdirs;
        for (const client::Node &child : node.nodes) {
            if (child.dir)
                subdirs.append(child.key);
            else
                ++m_summary.keysSearched;
            test(child);
        }
        // Depth first keeps the pending list short on wide trees.
        m_pending = subdirs + m_pending;
    }
    m_summary.hits += int(hits.size());
    if (!hits.isEmpty())
        emit hitsFound(hits);
    emit progress(m_summary.keysSearched, m_summary.directoriesSearched);
    pump();
}

} // namespace admin
