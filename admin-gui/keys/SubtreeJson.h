// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace admin {

// One write that recreates part of an exported subtree.
struct SubtreeWrite
{
    QString key;
    QString value;
    bool dir = false;
    qint64 ttl = 0;
};

// The export/import file format of the key browser, and the plan of writes
// that imports it. The file is etcd's own node JSON (as a recursive GET
// returns it) wrapped with a format marker:
//   {"format":"qetcd-admin-export","version":1,"root":"/app","node":{...}}
// parse() also accepts a bare node or a whole keys response
// ({"action":"get","node":{...}}), so `curl ...?recursive=true > f.json`
// can be imported too. Pure functions; thread-safe.
class SubtreeJson
{
    Q_DECLARE_TR_FUNCTIONS(admin::SubtreeJson)
public:
    static QByteArray toDocument(const client::Node &root);
    static bool parse(const QByteArray &data, client::Node *root, QString *error);
    // Writes, parents first, that put root's subtree below `target`: every
    // key with its value (and remaining TTL), and every directory that is
    // empty or has a TTL (others come into being with their keys).
    static QList<SubtreeWrite> writesFor(const client::Node &root, const QString &target);
    // Puts `node` (a subtree fetched by name, e.g. a hidden one the server
    // never lists) into root's tree at its key, replacing a node of the
    // same key and creating missing directories on the way. `node` must
    // lie below root.
    static void graft(client::Node *root, const client::Node &node);
    // A key as the server names it: a leading '/', no trailing one ("/"
    // for the root), surrounding blanks dropped.
    static QString cleanKey(QString key);
    // Keys (not directories) in the subtree, root included.
    static int countKeys(const client::Node &root);
};

} // namespace admin
