// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyOperations.h"

#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"
#include "keys/KeyTreeModel.h"

#include <QLocale>

#include <functional>

namespace admin {

KeyOperations::KeyOperations(ClusterConnection *connection, KeyTreeModel *model, QObject *parent)
    : QObject(parent), m_connection(connection), m_model(model)
{
}

void KeyOperations::run(client::Reply *reply, const QString &key, const QString &successText,
                        const QString &failureText, Callback done)
{
    reply->then(this, [this, key, successText, failureText, done](client::Reply *r) {
        OperationResult result;
        result.key = key;
        if (m_connection)
            m_connection->observe(r);
        if (!r->error()) {
            result.outcome = OperationResult::Outcome::Done;
            result.response = r->keys();
            result.key = result.response.node.key.isEmpty() ? key : result.response.node.key;
            result.message = successText.arg(result.key);
            if (m_model)
                m_model->applyEvent(result.response);
        } else {
            result.error = r->error();
            if (ErrorText::isConflict(r->error())) {
                result.outcome = OperationResult::Outcome::Conflict;
                // Not r->error().index(): that is the cluster's index
                // (X-Etcd-Index), not the key's; the caller reads the key.
                result.message =
                    tr("%1 was changed by someone else; your change was not saved.").arg(key);
            } else {
                result.outcome = OperationResult::Outcome::Failed;
                result.message =
                    failureText.arg(key) + QLatin1Char(' ') + ErrorText::describe(r->error());
            }
        }
        if (done)
            done(result);
        emit finished(result);
    });
}

client::Client *KeyOperations::requireClient(const Callback &done)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    // Production profiles ask before every key write (and refuse it when
    // the user declines).
    const bool allowed = !c || m_connection->confirmWrite(tr("Change keys on the cluster."));
    if (!c || !allowed) {
        OperationResult r;
        r.message = c ? tr("Not written: the write to this production cluster was not confirmed.")
                      : tr("Not connected.");
        if (done)
            done(r);
        emit finished(r);
        return nullptr;
    }
    return c;
}

void KeyOperations::createKey(const QString &key, const QString &value, qint64 ttl, Callback done)
{
    client::Client *c = requireClient(done);
    if (!c)
        return;
    run(c->create(key, value, ttl), key, tr("Created %1."), tr("Could not create %1."), done);
}

void KeyOperations::createDirectory(const QString &key, qint64 ttl, Callback done)
{
    client::Client *c = requireClient(done);
    if (!c)
        return;
    client::SetOptions o;
    o.prevExist = client::SetOptions::PrevExist::MustNotExist;
    o.ttl = ttl;
    run(c->setDir(key, o), key, tr("Created directory %1."), tr("Could not create directory %1."),
        done);
}

void KeyOperations::createInOrder(const QString &dir, const QString &value, qint64 ttl,
                                  Callback done)
{
    client::Client *c = requireClient(done);
    if (!c)
        return;
    run(c->createInOrder(dir, value, ttl), dir, tr("Created %1."),
        tr("Could not create an in-order key in %1."), done);
}

void KeyOperations::saveValue(const QString &key, const QString &value, quint64 expectedIndex,
                              qint64 ttl, Callback done)
{
    client::Client *c = requireClient(done);
    if (!c)
        return;
    client::SetOptions o;
    o.prevIndex = expectedIndex;
    o.ttl = ttl;
    run(c->set(key, value, o), key, tr("Saved %1."), tr("Could not save %1."), done);
}

void KeyOperations::setTtl(const QString &key, bool dir, const QString &value,
                           quint64 expectedIndex, qint64 ttl, Callback done)
{
    client::Client *c = requireClient(done);
    if (!c)
        return;
    client::SetOptions o;
    o.prevExist = client::SetOptions::PrevExist::MustExist;
    if (ttl > 0)
        o.ttl = ttl;
    else
        o.clearTtl = true;
    const QString ok =
        ttl > 0 ? tr("%1 now expires in %2 s.").replace(QStringLiteral("%2"), QString::number(ttl))
                : tr("%1 no longer expires.");
    if (dir) {
        run(c->setDir(key, o), key, ok, tr("Could not change the TTL of %1."), done);
    } else {
        o.prevIndex = expectedIndex;
        run(c->set(key, value, o), key, ok, tr("Could not change the TTL of %1."), done);
    }
}

void KeyOperations::remove(const QString &key, bool dir, bool recursive, Callback done,
                           quint64 expectedIndex)
{
    client::Client *c = requireClient(done);
    if (!c)
        return;
    client::DeleteOptions o;
    o.dir = dir;
    o.recursive = recursive;
    o.prevIndex = expectedIndex;
    auto reworded = [key, done](OperationResult r) {
        if (r.outcome == OperationResult::Outcome::Conflict)
            r.message = tr("%1 was changed by someone else since it was shown; it was not "
                           "deleted.")
                            .arg(key);
        if (done)
            done(r);
    };
    run(c->remove(key, o), key, tr("Deleted %1."), tr("Could not delete %1."), reworded);
}

void KeyOperations::fetch(const QString &key, FetchCallback done)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        done(std::nullopt,
             client::Error::make(client::Error::Kind::NoEndpoints, tr("Not connected.")));
        return;
    }
    c->get(key)->then(this, [this, done](client::Reply *r) {
        if (m_connection)
            m_connection->observe(r);
        if (r->error())
            done(std::nullopt, r->error());
        else
            done(r->keys().node, client::Error());
    });
}

static void countNodes(const client::Node &node, KeyOperations::Count *count)
{
    for (const client::Node &child : node.nodes) {
        if (child.dir) {
            ++count->dirs;
            countNodes(child, count);
        } else {
            ++count->keys;
        }
    }
}

void KeyOperations::countBelow(const QString &key, CountCallback done)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        done({}, client::Error::make(client::Error::Kind::NoEndpoints, tr("Not connected.")));
        return;
    }
    client::GetOptions o;
    o.recursive = true;
    c->get(key, o)->then(this, [this, done](client::Reply *r) {
        if (m_connection)
            m_connection->observe(r);
        Count count;
        if (!r->error()) {
            const client::Node node = r->keys().node;
            count.modifiedIndex = node.modifiedIndex;
            countNodes(node, &count);
        }
        done(count, r->error());
    });
}

QString KeyOperations::deleteQuestion(const QString &key, bool dir, const Count &count)
{
    if (!dir)
        return tr("Delete the key %1?").arg(key);
    if (count.keys == 0 && count.dirs == 0)
        return tr("Delete the empty directory %1?").arg(key);
    // Singular and plural spelled out: the app ships no English catalogue
    // for %n forms.
    const QString keys =
        count.keys == 1 ? tr("1 key") : tr("%1 keys").arg(QLocale().toString(count.keys));
    const QString dirs = count.dirs == 1
                             ? tr("1 subdirectory")
                             : tr("%1 subdirectories").arg(QLocale().toString(count.dirs));
    return tr("Delete the directory %1 and everything below it: %2 in %3 (hidden keys, whose "
              "names start with '_', are not listed by the server and are deleted too)?")
        .arg(key, keys, count.dirs > 0 ? dirs : tr("no subdirectory"));
}

} // namespace admin
