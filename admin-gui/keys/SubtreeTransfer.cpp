// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/SubtreeTransfer.h"

#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"

#include <QFile>
#include <QSaveFile>

namespace admin {

namespace {

constexpr int kParallel = 8;

bool isNotFound(const client::Error &e)
{
    return e.kind() == client::Error::Kind::Etcd && e.errorCode() == client::Error::KeyNotFound;
}

// The guard failed: the key is not (or no longer) as the preview saw it.
bool isRefusal(const client::Error &e)
{
    if (e.kind() != client::Error::Kind::Etcd)
        return false;
    switch (e.errorCode()) {
    case client::Error::TestFailed:
    case client::Error::NodeExist:
    case client::Error::KeyNotFound:
    case client::Error::DirNotEmpty:
    case client::Error::NotFile:
        return true;
    default:
        return false;
    }
}

bool isBelow(const QString &key, const QString &root)
{
    return root == QLatin1String("/") ? key.size() > 1 : key.startsWith(root + QLatin1Char('/'));
}

QString shortList(const QStringList &keys)
{
    QString text = keys.mid(0, 10).join(QStringLiteral(", "));
    if (keys.size() > 10)
        text += QStringLiteral(", …");
    return text;
}

} // namespace

SubtreeTransfer::SubtreeTransfer(ClusterConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{
}

void SubtreeTransfer::end(bool ok, const QString &message)
{
    m_busy = false;
    m_applyAfterPreview = false;
    emit finished(ok, message);
}

void SubtreeTransfer::exportTo(const QString &key, const QString &fileName,
                               const QStringList &hiddenKeys, bool allowMissing)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (m_busy || !c) {
        emit finished(false, tr("Not connected, or another transfer is running."));
        return;
    }
    m_busy = true;
    const QString root = SubtreeJson::cleanKey(key);
    QStringList hidden;
    for (const QString &h : hiddenKeys) {
        const QString k = SubtreeJson::cleanKey(h);
        if (isBelow(k, root) && !hidden.contains(k))
            hidden.append(k);
    }
    // Parents first, so a hidden directory's fetch does not replace a
    // hidden key below it that was grafted before.
    std::sort(hidden.begin(), hidden.end());
    listWithNamed(root, hidden,
                  [this, root, fileName, allowMissing](const client::Node &tree, bool exists,
                                                       const QStringList &included,
                                                       const QStringList &missing) {
                      if (!exists && !allowMissing) {
                          end(false, tr("Could not read %1: it does not exist.").arg(root));
                          return;
                      }
                      writeExport(root, fileName, tree, included, missing);
                  });
}

void SubtreeTransfer::listWithNamed(const QString &root, const QStringList &named, Listed done)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    c->get(root, o)->then(this, [this, root, named, done](client::Reply *r) {
        if (m_connection)
            m_connection->observe(r);
        if (r->error() && !isNotFound(r->error())) {
            end(false, tr("Could not read %1.").arg(root) + QLatin1Char(' ') +
                           ErrorText::describe(r->error()));
            return;
        }
        const bool exists = !r->error();
        client::Node tree = exists ? r->keys().node : client::Node{};
        if (!exists) {
            tree.key = root;
            tree.dir = true;
            tree.nodesPresent = true;
        }
        graftNamed(tree, exists, named, {}, {}, done);
    });
}

void SubtreeTransfer::graftNamed(client::Node tree, bool exists, QStringList named,
                                 QStringList found, QStringList missing, Listed done)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        end(false, tr("The connection closed during the transfer."));
        return;
    }
    if (named.isEmpty()) {
        done(tree, exists, found, missing);
        return;
    }
    const QString key = named.takeFirst();
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    c->get(key, o)->then(this, [=, this](client::Reply *r) mutable {
        if (r->error() && !isNotFound(r->error())) {
            end(false, tr("Could not read %1.").arg(key) + QLatin1Char(' ') +
                           ErrorText::describe(r->error()));
            return;
        }
        if (r->error()) {
            missing.append(key);
        } else {
            SubtreeJson::graft(&tree, r->keys().node);
            found.append(key);
            exists = true;
        }
        graftNamed(tree, exists, named, found, missing, done);
    });
}

void SubtreeTransfer::writeExport(const QString &root, const QString &fileName,
                                  const client::Node &tree, const QStringList &included,
                                  const QStringList &missing)
{
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(SubtreeJson::toDocument(tree)) < 0 ||
        !file.commit()) {
        end(false, tr("Could not write %1: %2").arg(fileName, file.errorString()));
        return;
    }
    QString text = tr("Exported %n keys below %1 to %2.", nullptr, SubtreeJson::countKeys(tree))
                       .arg(root, fileName);
    if (!included.isEmpty())
        text += QLatin1Char(' ') + tr("Hidden keys included: %1.").arg(shortList(included));
    if (!missing.isEmpty())
        text += QLatin1Char(' ') + tr("Hidden keys not found: %1.").arg(shortList(missing));
    text += QLatin1Char(' ') +
            (included.isEmpty()
                 ? tr("Hidden keys ('_') are never listed by the server and none were named, "
                      "so none are in the file.")
                 : tr("Other hidden keys ('_') are never listed by the server and are not in "
                      "the file."));
    end(true, text);
}

void SubtreeTransfer::importFrom(const QString &fileName, const QString &targetKey)
{
    preview(fileName, targetKey);
    if (m_busy)
        m_applyAfterPreview = true;
}

void SubtreeTransfer::preview(const QString &fileName, const QString &targetKey)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (m_busy || !c) {
        emit finished(false, tr("Not connected, or another transfer is running."));
        return;
    }
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        emit finished(false, tr("Could not open %1: %2").arg(fileName, file.errorString()));
        return;
    }
    client::Node root;
    QString error;
    if (!SubtreeJson::parse(file.readAll(), &root, &error)) {
        emit finished(false, error);
        return;
    }
    m_busy = true;
    m_target = SubtreeJson::cleanKey(targetKey);
    listWithNamed(m_target, ImportPlan::hiddenRoots(root, m_target),
                  [this, root](const client::Node &current, bool exists, const QStringList &,
                               const QStringList &) {
                      m_plan = ImportPlan::build(root, m_target, exists ? &current : nullptr);
                      const bool applyNow = m_applyAfterPreview;
                      m_applyAfterPreview = false;
                      m_busy = false;
                      emit previewReady(m_plan);
                      if (applyNow)
                          apply(m_plan);
                  });
}

void SubtreeTransfer::apply(const ImportPlan &plan)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (m_busy || !c) {
        emit finished(false, tr("Not connected, or another transfer is running."));
        return;
    }
    m_plan = plan;
    m_target = plan.target;
    Phase dirs, keys, extraKeys, extraDirs;
    keys.parallel = kParallel;
    extraKeys.parallel = kParallel;
    for (const ImportPlan::Entry &e : plan.entries) {
        switch (e.action) {
        case ImportPlan::Action::Add:
            (e.dir ? dirs : keys).entries.append(e);
            break;
        case ImportPlan::Action::Change:
            keys.entries.append(e);
            break;
        case ImportPlan::Action::Extra:
            if (plan.deleteExtras)
                (e.dir ? extraDirs : extraKeys).entries.append(e);
            break;
        case ImportPlan::Action::Unchanged:
        case ImportPlan::Action::Conflict:
            break;
        }
    }
    m_phases = {dirs, keys, extraKeys, extraDirs};
    m_total = int(dirs.entries.size() + keys.entries.size() + extraKeys.entries.size() +
                  extraDirs.entries.size());
    m_next = 0;
    m_inFlight = 0;
    m_done = 0;
    m_outcome = Outcome{};
    m_busy = true;
    pump();
}

void SubtreeTransfer::pump()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        end(false, tr("The connection closed during the import."));
        return;
    }
    while (!m_phases.isEmpty() && m_next >= m_phases.first().entries.size() && m_inFlight == 0) {
        m_phases.removeFirst();
        m_next = 0;
    }
    if (m_phases.isEmpty()) {
        const int conflicts = m_plan.count(ImportPlan::Action::Conflict);
        QString text = tr("Imported below %1: %2.").arg(m_target, m_plan.summary());
        const bool ok = m_outcome.refused.isEmpty() && m_outcome.failed.isEmpty();
        if (!m_outcome.refused.isEmpty())
            text += QLatin1Char('\n') +
                    tr("%n not written because they changed on the server since the preview: %1",
                       nullptr, int(m_outcome.refused.size()))
                        .arg(shortList(m_outcome.refused));
        if (!m_outcome.failed.isEmpty())
            text += QLatin1Char('\n') + tr("%n failed: %1", nullptr, int(m_outcome.failed.size()))
                                            .arg(shortList(m_outcome.failed));
        if (conflicts > 0)
            text += QLatin1Char('\n') +
                    tr("%n skipped: a key in the file is a directory on the server or the other "
                       "way round.",
                       nullptr, conflicts);
        end(ok, text);
        return;
    }
    Phase &phase = m_phases.first();
    while (m_inFlight < phase.parallel && m_next < phase.entries.size()) {
        const ImportPlan::Entry e = phase.entries.at(m_next++);
        client::Reply *reply = nullptr;
        if (e.action == ImportPlan::Action::Extra) {
            client::DeleteOptions o;
            o.dir = e.dir;
            if (!e.dir)
                o.prevIndex = e.prevIndex;
            reply = c->remove(e.key, o);
        } else {
            client::SetOptions o;
            o.ttl = e.ttl;
            if (e.action == ImportPlan::Action::Add)
                o.prevExist = client::SetOptions::PrevExist::MustNotExist;
            else
                o.prevIndex = e.prevIndex;
            reply = e.dir ? c->setDir(e.key, o) : c->set(e.key, e.value, o);
        }
        ++m_inFlight;
        reply->then(this, [this, e](client::Reply *r) { written(e, r->error()); });
    }
}

void SubtreeTransfer::written(const ImportPlan::Entry &entry, const client::Error &error)
{
    --m_inFlight;
    ++m_done;
    if (!error)
        m_outcome.written.append(entry.key);
    else if (isRefusal(error))
        m_outcome.refused.append(entry.key);
    else
        m_outcome.failed.append(entry.key + QStringLiteral(": ") + ErrorText::describe(error));
    emit progress(m_done, m_total);
    pump();
}

} // namespace admin
