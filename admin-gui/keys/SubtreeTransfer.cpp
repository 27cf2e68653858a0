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
}

SubtreeTransfer::SubtreeTransfer(ClusterConnection *connection, QObject *parent)
    : QObject(parent), m_connection(connection)
{
}

void SubtreeTransfer::end(bool ok, const QString &message)
{
    m_busy = false;
    emit finished(ok, message);
}

void SubtreeTransfer::exportTo(const QString &key, const QString &fileName)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (m_busy || !c) {
        emit finished(false, tr("Not connected, or another transfer is running."));
        return;
    }
    m_busy = true;
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    c->get(key, o)->then(this, [this, key, fileName](client::Reply *r) {
        if (m_connection)
            m_connection->observe(r);
        if (r->error()) {
            end(false, tr("Could not read %1.").arg(key) + QLatin1Char(' ') +
                           ErrorText::describe(r->error()));
            return;
        }
        QSaveFile file(fileName);
        if (!file.open(QIODevice::WriteOnly) ||
            file.write(SubtreeJson::toDocument(r->keys().node)) < 0 || !file.commit()) {
            end(false, tr("Could not write %1: %2").arg(fileName, file.errorString()));
            return;
        }
        end(true, tr("Exported %1 to %2.").arg(key, fileName));
    });
}

void SubtreeTransfer::importFrom(const QString &fileName, const QString &targetKey)
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
    m_target = targetKey;
    m_writes = SubtreeJson::writesFor(root, targetKey);
    m_next = 0;
    m_inFlight = 0;
    m_done = 0;
    m_failures.clear();
    if (m_writes.isEmpty()) {
        end(true, tr("Nothing to import."));
        return;
    }
    pump();
}

void SubtreeTransfer::pump()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        end(false, tr("The connection closed during the import."));
        return;
    }
    while (m_inFlight < kParallel && m_next < m_writes.size()) {
        const SubtreeWrite w = m_writes.at(m_next++);
        client::Reply *reply;
        if (w.dir) {
            client::SetOptions o;
            o.prevExist = client::SetOptions::PrevExist::MustNotExist;
            o.ttl = w.ttl;
            reply = c->setDir(w.key, o);
        } else {
            client::SetOptions o;
            o.ttl = w.ttl;
            reply = c->set(w.key, w.value, o);
        }
        ++m_inFlight;
        reply->then(this, [this, w](client::Reply *r) {
            --m_inFlight;
            ++m_done;
            const client::Error &e = r->error();
            const bool existingDir = w.dir && e.kind() == client::Error::Kind::Etcd &&
                                     e.errorCode() == client::Error::NodeExist;
            if (e && !existingDir)
                m_failures.append(w.key + QStringLiteral(": ") + ErrorText::describe(e));
            emit progress(m_done, int(m_writes.size()));
            if (m_done == m_writes.size()) {
                if (m_failures.isEmpty())
                    end(true, tr("Imported %1 entries below %2.").arg(m_done).arg(m_target));
                else
                    end(false, tr("Imported with %1 failures:\n%2")
                                   .arg(m_failures.size())
                                   .arg(m_failures.mid(0, 10).join(QLatin1Char('\n'))));
                return;
            }
            pump();
        });
    }
}

} // namespace admin
