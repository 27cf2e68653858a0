// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/MirrorSession.h"

#include "ctl/Invocation.h"

#include "client/Client.h"
#include "client/Reply.h"
#include "client/Watcher.h"

#include <QLoggingCategory>

#include <memory>

Q_LOGGING_CATEGORY(lcMirror, "qetcd.ctl.mirror")

namespace ctl {

namespace {

void note(const QString &line)
{
    Invocation::err(QStringLiteral("mirror: ") + line + QLatin1Char('\n'));
}

QString seconds(qint64 ms)
{
    return QString::number(double(ms) / 1000.0, 'f', 1);
}

int exitCodeFor(const client::Error &e)
{
    if (e.isConnectionError())
        return Invocation::BadConnection;
    if (e.errorCode() == client::Error::Unauthorized || e.httpStatus() == 401 ||
        e.kind() == client::Error::Kind::Tls)
        return Invocation::BadAuth;
    return Invocation::ServerError;
}

} // namespace

MirrorSession::MirrorSession(client::Client *source, client::Client *dest, const Options &options,
                             QObject *parent, const QList<client::Client *> &writers)
    : QObject(parent), m_source(source), m_dest(dest), m_writers{dest}, m_options(options)
{
    m_writers += writers;
    m_clock.start();
    m_progress.setInterval(options.progressMs);
    connect(&m_progress, &QTimer::timeout, this, &MirrorSession::report);
    m_ttlTimer.setInterval(250);
    connect(&m_ttlTimer, &QTimer::timeout, this, &MirrorSession::checkTtls);
}

MirrorSession::~MirrorSession() = default;

client::Client *MirrorSession::writer()
{
    m_nextWriter = (m_nextWriter + 1) % int(m_writers.size());
    return m_writers[m_nextWriter];
}

bool MirrorSession::refused(const client::Error &e)
{
    return e.errorCode() == client::Error::Unauthorized ||
           (e.kind() != client::Error::Kind::Etcd &&
            (e.httpStatus() == 401 || e.httpStatus() == 403));
}

void MirrorSession::start()
{
    if (m_options.verifyOnly) {
        verify();
        return;
    }
    if (m_options.progressMs > 0)
        m_progress.start();
    if (!m_options.once)
        m_ttlTimer.start();
    snapshot();
}

void MirrorSession::stop()
{
    if (m_stopping || m_finished)
        return;
    m_stopping = true;
    for (Root &r : m_roots) {
        if (r.watcher)
            r.watcher->stop();
    }
    if (!m_options.once)
        note(QStringLiteral("stopping: finishing %1 writes")
                 .arg(m_queue.size() + m_inFlight.size()));
    if (m_queue.empty() && m_inFlight.isEmpty() && !m_copying && m_pendingFetches == 0)
        drained();
}

// --- snapshot --------------------------------------------------------------------------

void MirrorSession::snapshot()
{
    ++m_generation;
    for (Root &r : m_roots) {
        if (r.watcher) {
            r.watcher->stop();
            r.watcher->deleteLater(); // this may run inside one of its signals
        }
    }
    m_roots.clear();
    m_queue.clear();
    m_refused.clear();
    m_copyItems.clear();
    m_held.clear();
    m_live = false;
    m_restarting = false;
    m_copying = true;
    m_pendingFetches = 0;
    for (const QString &key : m_options.roots)
        fetchRoot(key);
}

void MirrorSession::fetchRoot(const QString &key)
{
    ++m_pendingFetches;
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    const int gen = m_generation;
    m_source->get(key, o)->then(this, [this, key, gen](client::Reply *r) {
        if (gen != m_generation)
            return;
        const client::Error e = r->error();
        if (!e || e.errorCode() == client::Error::KeyNotFound) {
            Root root;
            root.key = key;
            if (e) {
                root.index = e.index();
            } else {
                const client::Response resp = r->keys();
                root.index = resp.etcdIndex;
                root.entries = mirror::flatten(resp.node);
            }
            m_roots.append(root);
        } else if (refused(e)) {
            listRefused(key, e);
        } else {
            Invocation::err(QStringLiteral("Error:  mirror: reading %1 from the source: %2\n")
                                .arg(key, e.toString()));
            finish(exitCodeFor(e));
            return;
        }
        if (--m_pendingFetches == 0)
            snapshotDone();
    });
}

// A subtree the user may not read as a whole: its direct listing, if allowed, gives the
// children to try one by one; the directory node itself is copied but not watched.
void MirrorSession::listRefused(const QString &key, const client::Error &why)
{
    ++m_pendingFetches;
    client::GetOptions o;
    o.sorted = true;
    const int gen = m_generation;
    m_source->get(key, o)->then(this, [this, key, why, gen](client::Reply *r) {
        if (gen != m_generation)
            return;
        if (r->error() || !r->keys().node.dir) {
            m_refused << key;
            note(QStringLiteral("cannot read %1 (%2): not copied").arg(key, why.toString()));
        } else {
            const client::Node dir = r->keys().node;
            if (key != QLatin1String("/"))
                m_copyItems.append(Item{mirror::Op{mirror::Op::Kind::Put, key, QString(), true,
                                                   mirror::remainingTtl(dir)},
                                        false, true, 0, 0});
            for (const client::Node &child : dir.nodes)
                fetchRoot(child.key);
        }
        if (--m_pendingFetches == 0)
            snapshotDone();
    });
}

void MirrorSession::snapshotDone()
{
    if (m_finished)
        return;
    if (m_stopping) {
        m_copying = false;
        drained();
        return;
    }
    quint64 index = 0;
    for (const Root &r : m_roots)
        index = std::max(index, r.index);
    note(QStringLiteral("snapshot of %1 at source index %2: %3 nodes")
             .arg(m_options.roots.join(QLatin1Char(',')))
             .arg(index)
             .arg([this] {
                 qsizetype n = 0;
                 for (const Root &r : m_roots)
                     n += r.entries.size();
                 return n;
             }()));
    if (!m_options.once) {
        for (Root &r : m_roots)
            startWatch(r);
    }
    m_copyStarted = m_clock.elapsed();
    m_pendingCopies = int(m_roots.size());
    if (m_pendingCopies == 0) {
        copyQueued();
        return;
    }
    for (int i = 0; i < m_roots.size(); ++i)
        copyRoot(i);
}

// --- copy ----------------------------------------------------------------------------

void MirrorSession::copyRoot(int i)
{
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    const QString key = m_roots[i].key;
    const int gen = m_generation;
    m_dest->get(key, o)->then(this, [this, i, key, gen](client::Reply *r) {
        if (gen != m_generation)
            return;
        const client::Error e = r->error();
        QList<mirror::Entry> dest;
        if (!e)
            dest = mirror::flatten(r->keys().node);
        else if (e.errorCode() != client::Error::KeyNotFound) {
            Invocation::err(QStringLiteral("Error:  mirror: reading %1 from the destination: %2\n")
                                .arg(key, e.toString()));
            finish(exitCodeFor(e));
            return;
        }
        for (const mirror::Op &op : mirror::syncOps(m_roots[i].entries, dest))
            m_copyItems.append(Item{op, false, true, 0, 0});
        if (--m_pendingCopies == 0)
            copyQueued();
    });
}

void MirrorSession::copyQueued()
{
    m_copyRemaining = int(m_copyItems.size());
    for (const Item &item : std::as_const(m_copyItems))
        enqueue(item);
    m_copyItems.clear();
    if (m_copyRemaining == 0)
        done(Item{}); // nothing to write: the copy is complete at once
}

// --- live ------------------------------------------------------------------------------

void MirrorSession::startWatch(Root &root)
{
    client::WatchOptions o;
    o.recursive = true;
    o.stream = !m_options.longPoll;
    o.waitIndex = root.index + 1;
    client::Watcher *w = m_source->watch(root.key, o, this);
    const QString key = root.key;
    connect(w, &client::Watcher::event, this,
            [this, key](const client::Response &r) { onEvent(key, r); });
    connect(w, &client::Watcher::historyCleared, this, &MirrorSession::onHistoryCleared);
    connect(w, &client::Watcher::error, this, [this, key](const client::Error &e) {
        Invocation::err(QStringLiteral("Error:  mirror: watching %1 at the source: %2\n")
                            .arg(key, e.toString()));
        finish(exitCodeFor(e));
    });
    connect(w, &client::Watcher::disconnected, this, [key](const client::Error &e) {
        note(QStringLiteral("watch of %1 lost its connection (%2); reconnecting")
                 .arg(key, e.toString()));
    });
    root.watcher = w;
    w->start();
}

void MirrorSession::onEvent(const QString &root, const client::Response &event)
{
    if (m_restarting || m_stopping)
        return;
    const quint64 index = event.node.modifiedIndex;
    m_lastReceived = std::max(m_lastReceived, index);
    const std::optional<mirror::Op> op = mirror::opForEvent(event, root);
    if (!op)
        return;
    if (m_touched.size() > 200000) {
        // Only events newer than a TTL check under way matter; those are recent.
        for (auto it = m_touched.begin(); it != m_touched.end();)
            it = it.value() + 10000 < m_lastReceived ? m_touched.erase(it) : std::next(it);
    }
    m_touched.insert(op->key, index);
    const Item item{*op, true, false, index, m_clock.elapsed()};
    if (m_copying)
        m_held.append(item);
    else
        enqueue(item);
}

void MirrorSession::onHistoryCleared(const client::Error &error)
{
    if (m_restarting || m_stopping)
        return;
    ++m_restarts;
    note(QStringLiteral("the source's event history was outrun (%1); copying again from a new "
                        "snapshot")
             .arg(error.toString()));
    m_restarting = true;
    for (Root &r : m_roots) {
        if (r.watcher)
            r.watcher->stop();
    }
    // Everything not yet written is superseded by the new snapshot, which starts once the
    // writes under way are done (they must not land after the new copy's).
    m_queue.clear();
    m_held.clear();
    if (m_inFlight.isEmpty())
        snapshot();
}

// --- writes ----------------------------------------------------------------------------

void MirrorSession::enqueue(const Item &item)
{
    m_queue.push_back(item);
    pump();
}

void MirrorSession::pump()
{
    while (!m_finished && !m_restarting && !m_queue.empty() &&
           m_inFlight.size() < m_options.window) {
        const Item &head = m_queue.front();
        bool blocked = false;
        for (const Item &f : std::as_const(m_inFlight)) {
            if (mirror::conflicts(f.op.key, head.op.key)) {
                blocked = true;
                break;
            }
        }
        if (blocked)
            return;
        const Item item = head;
        m_queue.pop_front();
        m_inFlight.append(item);
        run(item);
    }
}

void MirrorSession::run(const Item &item)
{
    const mirror::Op &op = item.op;
    if (op.kind == mirror::Op::Kind::Delete) {
        client::DeleteOptions o;
        o.recursive = true;
        writer()->remove(op.key, o)->then(this, [this, item](client::Reply *r) {
            const client::Error e = r->error();
            if (e && e.errorCode() != client::Error::KeyNotFound)
                failWrite(item, e);
            else
                done(item);
        });
        return;
    }
    if (op.refresh) {
        client::SetOptions o;
        o.prevExist = client::SetOptions::PrevExist::MustExist;
        o.ttl = op.ttl;
        o.refresh = !op.dir; // a directory: an update with the TTL (no value to keep)
        client::Client *c = writer();
        client::Reply *r = op.dir ? c->setDir(op.key, o) : c->set(op.key, QString(), o);
        r->then(this, [this, item](client::Reply *reply) {
            const client::Error e = reply->error();
            if (e && e.errorCode() != client::Error::KeyNotFound)
                failWrite(item, e);
            else
                done(item);
        });
        return;
    }
    if (op.dir) {
        putDir(item);
        return;
    }
    client::SetOptions o;
    o.ttl = op.ttl;
    writer()->set(op.key, op.value, o)->then(this, [this, item](client::Reply *r) {
        if (r->error())
            failWrite(item, r->error());
        else
            done(item);
    });
}

// A plain set with dir=true makes a directory (replacing a key); on an existing
// directory it fails with 102, and an update sets (or clears) the TTL instead.
void MirrorSession::putDir(const Item &item)
{
    client::SetOptions o;
    o.ttl = item.op.ttl;
    writer()->setDir(item.op.key, o)->then(this, [this, item](client::Reply *r) {
        const client::Error e = r->error();
        if (!e) {
            done(item);
            return;
        }
        if (e.errorCode() != client::Error::NotFile) {
            failWrite(item, e);
            return;
        }
        client::SetOptions u;
        u.prevExist = client::SetOptions::PrevExist::MustExist;
        u.ttl = item.op.ttl;
        u.clearTtl = item.op.ttl == 0;
        writer()->setDir(item.op.key, u)->then(this, [this, item](client::Reply *r2) {
            if (r2->error())
                failWrite(item, r2->error());
            else
                done(item);
        });
    });
}

void MirrorSession::failWrite(const Item &item, const client::Error &error)
{
    const QString what = item.op.kind == mirror::Op::Kind::Delete ? QStringLiteral("deleting %1 at")
                                                                  : QStringLiteral("writing %1 to");
    Invocation::err(QStringLiteral("Error:  mirror: %1 the destination failed: %2\n")
                        .arg(what.arg(item.op.key), error.toString()));
    finish(exitCodeFor(error));
}

void MirrorSession::done(const Item &item)
{
    if (m_finished)
        return;
    for (int i = 0; i < m_inFlight.size(); ++i) {
        const Item &f = m_inFlight[i];
        if (f.op == item.op && f.index == item.index && f.copy == item.copy) {
            m_inFlight.removeAt(i);
            break;
        }
    }
    if (!m_options.once)
        scheduleTtl(item.op);
    if (item.op.refresh) {
        ++m_ttlRefreshes;
    } else if (item.copy) {
        if (item.op.kind == mirror::Op::Kind::Delete)
            ++m_deletedStale;
        else if (item.op.dir)
            ++m_dirsCopied;
        else
            ++m_keysCopied;
        --m_copyRemaining;
    } else if (item.event) {
        ++m_eventsApplied;
        m_anyApplied = true;
        m_lastAppliedArrival = quint64(item.arrived);
    }
    if (m_copying && m_copyRemaining <= 0 && m_pendingCopies == 0 && m_pendingFetches == 0 &&
        !m_restarting) {
        m_copying = false;
        note(QStringLiteral("copy written: %1 keys, %2 directories, %3 stale nodes deleted in %4 s")
                 .arg(m_keysCopied)
                 .arg(m_dirsCopied)
                 .arg(m_deletedStale)
                 .arg(seconds(m_clock.elapsed() - m_copyStarted)));
        if (m_options.once) {
            stop();
            return;
        }
        m_live = true;
        const QList<Item> held = m_held;
        m_held.clear();
        for (const Item &h : held)
            m_queue.push_back(h);
    }
    if (m_restarting) {
        if (m_inFlight.isEmpty()) {
            m_queue.clear();
            snapshot();
        }
        return;
    }
    pump();
    if (m_stopping && m_queue.empty() && m_inFlight.isEmpty() && !m_copying)
        drained();
}

void MirrorSession::drained()
{
    if (m_finished)
        return;
    report();
    m_progress.stop();
    if (!m_refused.isEmpty())
        note(QStringLiteral("not copied (no read permission): %1").arg(m_refused.join(", ")));
    if (m_options.verify)
        verify();
    else
        finish(Invocation::Success);
}

// --- verify ----------------------------------------------------------------------------

void MirrorSession::verify()
{
    if (m_roots.isEmpty()) {
        for (const QString &key : m_options.roots)
            m_roots.append(Root{key, 0, {}, {}});
    }
    m_differences = QList<QStringList>(m_roots.size());
    m_pendingVerifies = int(m_roots.size());
    for (int i = 0; i < m_roots.size(); ++i)
        verifyRoot(i);
}

void MirrorSession::verifyRoot(int i)
{
    const QString key = m_roots[i].key;
    auto sides = std::make_shared<QList<QList<mirror::Entry>>>(2);
    auto left = std::make_shared<int>(2);
    const QList<client::Client *> clients{m_source, m_dest};
    for (int side = 0; side < 2; ++side) {
        client::GetOptions o;
        o.recursive = true;
        o.sorted = true;
        clients[side]->get(key, o)->then(this, [=](client::Reply *r) {
            const client::Error e = r->error();
            if (!e) {
                (*sides)[side] = mirror::flatten(r->keys().node);
            } else if (e.errorCode() != client::Error::KeyNotFound) {
                Invocation::err(
                    QStringLiteral("Error:  mirror: verify: reading %1 from the %2: %3\n")
                        .arg(key,
                             side == 0 ? QStringLiteral("source") : QStringLiteral("destination"),
                             e.toString()));
                finish(exitCodeFor(e));
                return;
            }
            if (--*left > 0)
                return;
            m_verifiedNodes += int((*sides)[0].size());
            m_differences[i] = mirror::differences((*sides)[0], (*sides)[1]);
            if (--m_pendingVerifies > 0)
                return;
            int count = 0;
            for (const QStringList &lines : std::as_const(m_differences)) {
                for (const QString &line : lines)
                    Invocation::out(line + QLatin1Char('\n'));
                count += int(lines.size());
            }
            if (count == 0) {
                note(QStringLiteral("verify: source and destination agree (%1 nodes)")
                         .arg(m_verifiedNodes));
                finish(Invocation::Success);
            } else {
                note(QStringLiteral("verify: %1 differences").arg(count));
                finish(DifferencesFound);
            }
        });
    }
}

// --- progress --------------------------------------------------------------------------

quint64 MirrorSession::appliedThrough() const
{
    quint64 oldest = 0;
    for (const Item &i : m_queue) {
        if (i.event) {
            oldest = i.index;
            break;
        }
    }
    for (const Item &i : m_inFlight) {
        if (i.event && (oldest == 0 || i.index < oldest))
            oldest = i.index;
    }
    if (oldest)
        return oldest - 1;
    quint64 through = m_lastReceived;
    for (const Root &r : m_roots)
        through = std::max(through, r.index);
    return through;
}

void MirrorSession::report()
{
    if (m_copying) {
        note(QStringLiteral("copying: %1 keys, %2 directories written, %3 to go")
                 .arg(m_keysCopied)
                 .arg(m_dirsCopied)
                 .arg(std::max(0, m_copyRemaining)));
        return;
    }
    if (!m_live || m_probing)
        return;
    m_probing = true;
    m_source->get(m_options.roots.first())->then(this, [this](client::Reply *r) {
        m_probing = false;
        const client::Error e = r->error();
        const quint64 index = e ? e.index() : r->keys().etcdIndex;
        if (index)
            m_sourceIndex = index;
        const quint64 through = appliedThrough();
        const quint64 lag = m_sourceIndex > through ? m_sourceIndex - through : 0;
        qint64 waiting = 0;
        for (const Item &i : m_queue) {
            if (i.event) {
                waiting = m_clock.elapsed() - i.arrived;
                break;
            }
        }
        for (const Item &i : m_inFlight) {
            if (i.event)
                waiting = std::max(waiting, m_clock.elapsed() - i.arrived);
        }
        const QString last = m_anyApplied ? QStringLiteral("%1 s").arg(seconds(
                                                m_clock.elapsed() - qint64(m_lastAppliedArrival)))
                                          : QStringLiteral("-");
        note(QStringLiteral("%1 keys copied, %2 events applied, %9 TTL refreshes, %3 restarts; "
                            "source index %4, applied through %5: lag %6 indexes, %7 s; last "
                            "applied event arrived %8 ago")
                 .arg(m_keysCopied)
                 .arg(m_eventsApplied)
                 .arg(m_restarts)
                 .arg(m_sourceIndex)
                 .arg(through)
                 .arg(lag)
                 .arg(seconds(waiting))
                 .arg(last)
                 .arg(m_ttlRefreshes));
    });
}

// --- TTL refreshes -------------------------------------------------------------------

void MirrorSession::scheduleTtl(const mirror::Op &op)
{
    if (op.kind == mirror::Op::Kind::Delete || op.ttl <= 0) {
        m_ttlDeadline.remove(op.key);
        return;
    }
    const qint64 deadline = m_clock.elapsed() + op.ttl * 1000;
    // Ask the source a little before the destination's node expires: a third of the TTL,
    // between half a second and two seconds ahead.
    const qint64 ahead = std::clamp<qint64>(op.ttl * 1000 / 3, 500, 2000);
    m_ttlDeadline.insert(op.key, deadline);
    m_ttlDue.insert(deadline - ahead, {op.key, deadline});
}

void MirrorSession::checkTtls()
{
    if (!m_live || m_restarting || m_stopping)
        return;
    const qint64 now = m_clock.elapsed();
    while (!m_ttlDue.isEmpty() && m_ttlDue.firstKey() <= now) {
        const QPair<QString, qint64> due = m_ttlDue.first();
        m_ttlDue.erase(m_ttlDue.begin());
        const QString key = due.first;
        const qint64 deadline = due.second;
        if (m_ttlDeadline.value(key, -1) != deadline)
            continue; // written again since, or deleted
        const int gen = m_generation;
        m_source->get(key)->then(this, [this, key, deadline, gen](client::Reply *r) {
            if (gen != m_generation || m_stopping || m_ttlDeadline.value(key, -1) != deadline)
                return;
            if (r->error())
                return; // gone at the source: its delete or expire event does the rest
            const client::Response resp = r->keys();
            const qint64 ttl = mirror::remainingTtl(resp.node);
            // An event for the key after this answer carries the newer state itself.
            if (ttl == 0 || m_touched.value(key) > resp.etcdIndex)
                return;
            if (m_clock.elapsed() + ttl * 1000 <= deadline + 1000)
                return; // not refreshed: both sides expire it at about the same time
            mirror::Op op{mirror::Op::Kind::Put, key, QString(), resp.node.dir, ttl};
            op.refresh = true;
            enqueue(Item{op, false, false, 0, m_clock.elapsed()});
        });
    }
}

void MirrorSession::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_progress.stop();
    m_ttlTimer.stop();
    for (Root &r : m_roots) {
        if (r.watcher)
            r.watcher->stop();
    }
    emit finished(code);
}

} // namespace ctl
