// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcdctl's output formats and help screens, byte for byte as etcdctl v2
// (3.4.23) prints them for the same response.
#include "ctl/App.h"
#include "ctl/HelpPrinter.h"
#include "ctl/ResponsePrinter.h"

#include "client/Response.h"

#include <QTest>

using client::Response;

Q_DECLARE_METATYPE(ctl::Flag)

namespace {

Response parsed(const QByteArray &body, quint64 etcdIndex)
{
    Response r;
    Response::parse(body, &r);
    r.etcdIndex = etcdIndex;
    return r;
}

const ctl::Command *find(const QList<ctl::Command> &list, const QString &name)
{
    for (const ctl::Command &c : list) {
        if (c.name() == name)
            return &c;
    }
    return nullptr;
}

} // namespace

class tst_Output : public QObject
{
    Q_OBJECT
private slots:
    void formats_data();
    void formats();
    void jsonKeepsGoShape();
    void unsupportedFormat();
    void lsListing();
    void commandHelp();
    void commandHelpWithDescription();
    void groupHelp();
    void subcommandWithoutFlags();
    void flagLines_data();
    void flagLines();
};

void tst_Output::formats_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("format");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray set =
        "{\"action\":\"set\",\"node\":{\"key\":\"/foo\",\"value\":\"bar2\",\"modifiedIndex\":5,"
        "\"createdIndex\":5},\"prevNode\":{\"key\":\"/"
        "foo\",\"value\":\"bar\",\"modifiedIndex\":4,\"createdIndex\":4}}";
    QTest::newRow("set-simple") << set << "simple" << QByteArray("bar2\n");
    QTest::newRow("set-extended") << set << "extended"
                                  << QByteArray(
                                         "Key: /foo\nCreated-Index: 5\nModified-Index: "
                                         "5\nPrevNode.Value: bar\nTTL: 0\nIndex: 5\n\nbar2\n");
    QTest::newRow("set-json")
        << set << "json"
        << QByteArray(
               "{\"action\":\"set\",\"node\":{\"key\":\"/"
               "foo\",\"value\":\"bar2\",\"nodes\":null,\"createdIndex\":5,\"modifiedIndex\":5},"
               "\"prevNode\":{\"key\":\"/"
               "foo\",\"value\":\"bar\",\"nodes\":null,\"createdIndex\":4,\"modifiedIndex\":4}}\n");
    const QByteArray del =
        "{\"action\":\"delete\",\"node\":{\"key\":\"/foo\",\"modifiedIndex\":6,\"createdIndex\":5},"
        "\"prevNode\":{\"key\":\"/"
        "foo\",\"value\":\"bar2\",\"modifiedIndex\":5,\"createdIndex\":5}}";
    QTest::newRow("delete-simple") << del << "simple" << QByteArray("PrevNode.Value: bar2\n");
    QTest::newRow("delete-extended") << del << "extended"
                                     << QByteArray("Key: /foo\nCreated-Index: 5\nModified-Index: "
                                                   "6\nPrevNode.Value: bar2\nTTL: 0\nIndex: 5\n");
    const QByteArray ttl = "{\"action\":\"get\",\"node\":{\"key\":\"/"
                           "t\",\"value\":\"v\",\"expiration\":\"2026-11-23T23:53:08.235500000Z\","
                           "\"ttl\":100,\"modifiedIndex\":11,\"createdIndex\":11}}";
    QTest::newRow("ttl-extended")
        << ttl << "extended"
        << QByteArray("Key: /t\nCreated-Index: 11\nModified-Index: 11\nTTL: 100\nIndex: 5\n\nv\n");
    QTest::newRow("ttl-json") << ttl << "json"
                              << QByteArray(
                                     "{\"action\":\"get\",\"node\":{\"key\":\"/"
                                     "t\",\"value\":\"v\",\"nodes\":null,\"createdIndex\":11,"
                                     "\"modifiedIndex\":11,\"expiration\":\"2026-11-23T23:53:08."
                                     "2355Z\",\"ttl\":100},\"prevNode\":null}\n");
    const QByteArray dir = "{\"action\":\"create\",\"node\":{\"key\":\"/"
                           "d\",\"dir\":true,\"modifiedIndex\":8,\"createdIndex\":8}}";
    QTest::newRow("dir-json")
        << dir << "json"
        << QByteArray("{\"action\":\"create\",\"node\":{\"key\":\"/"
                      "d\",\"dir\":true,\"value\":\"\",\"nodes\":null,"
                      "\"createdIndex\":8,\"modifiedIndex\":8},\"prevNode\":null}\n");
    QTest::newRow("dir-extended")
        << dir << "extended"
        << QByteArray("Key: /d\nCreated-Index: 8\nModified-Index: 8\nTTL: 0\nIndex: 5\n\n\n");
}

void tst_Output::formats()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, format);
    QFETCH(QByteArray, expected);
    QCOMPARE(ctl::formatResponseKey(parsed(body, 5), format), expected);
}

void tst_Output::jsonKeepsGoShape()
{
    // Root listing: the root has no key; children in server order; HTML
    // characters escaped like Go's encoding/json.
    const Response r =
        parsed("{\"action\":\"get\",\"node\":{\"dir\":true,\"nodes\":[{\"key\":\"/"
               "a\",\"value\":\"<&>\",\"modifiedIndex\":3,"
               "\"createdIndex\":3},{\"key\":\"/"
               "e\",\"dir\":true,\"nodes\":[],\"modifiedIndex\":4,\"createdIndex\":4}]}}",
               4);
    QCOMPARE(
        ctl::responseJson(r),
        QByteArray(
            "{\"action\":\"get\",\"node\":{\"key\":\"\",\"dir\":true,\"value\":\"\",\"nodes\":["
            "{\"key\":\"/"
            "a\",\"value\":\"\\u003c\\u0026\\u003e\",\"nodes\":null,\"createdIndex\":3,"
            "\"modifiedIndex\":3},"
            "{\"key\":\"/"
            "e\",\"dir\":true,\"value\":\"\",\"nodes\":[],\"createdIndex\":4,\"modifiedIndex\":4}],"
            "\"createdIndex\":0,\"modifiedIndex\":0},\"prevNode\":null}"));
}

void tst_Output::unsupportedFormat()
{
    bool supported = true;
    QVERIFY(ctl::formatResponseKey(parsed("{\"action\":\"get\",\"node\":{}}", 1),
                                   QStringLiteral("yaml"), &supported)
                .isEmpty());
    QVERIFY(!supported);
}

void tst_Output::lsListing()
{
    const Response r = parsed(
        "{\"action\":\"get\",\"node\":{\"key\":\"/d\",\"dir\":true,\"nodes\":[{\"key\":\"/d/"
        "a\",\"value\":\"1\"},"
        "{\"key\":\"/d/e\",\"dir\":true,\"nodes\":[{\"key\":\"/d/e/x\",\"value\":\"2\"}]}]}}",
        1);
    QCOMPARE(ctl::formatLs(r, false), QByteArray("/d/a\n/d/e\n/d/e/x\n"));
    QCOMPARE(ctl::formatLs(r, true), QByteArray("/d/a\n/d/e/\n/d/e/x\n"));
    const Response key =
        parsed("{\"action\":\"get\",\"node\":{\"key\":\"/k\",\"value\":\"1\"}}", 1);
    QCOMPARE(ctl::formatLs(key, true), QByteArray("/k\n"));
}

void tst_Output::commandHelp()
{
    ctl::App app(QStringLiteral("etcdctl"));
    const ctl::Command *get = find(app.commands(), QStringLiteral("get"));
    QVERIFY(get);
    QCOMPARE(ctl::commandHelp(QStringLiteral("etcdctl get"), *get),
             QByteArray("NAME:\n   etcdctl get - retrieve the value of a key\n\nUSAGE:\n   etcdctl "
                        "get [command options] <key>\n\n"
                        "OPTIONS:\n   --sort        returns result in sorted order\n"
                        "   --quorum, -q  require quorum for get request\n   \n"));
}

void tst_Output::commandHelpWithDescription()
{
    ctl::App app(QStringLiteral("etcdctl"));
    const ctl::Command *set = find(app.commands(), QStringLiteral("set"));
    QVERIFY(set);
    QCOMPARE(ctl::commandHelp(QStringLiteral("etcdctl set"), *set),
             QByteArray(
                 "NAME:\n   etcdctl set - set the value of a key\n\nUSAGE:\n   etcdctl set "
                 "[command options] <key> <value>\n\n"
                 "DESCRIPTION:\n   Set sets the value of a key.\n\n   When <value> begins with "
                 "'-', <value> is interpreted as a flag.\n"
                 "   Insert '--' for workaround:\n\n   $ set -- <key> <value>\n\n"
                 "OPTIONS:\n   --ttl value              key time-to-live in seconds (default: 0)\n"
                 "   --swap-with-value value  previous value\n"
                 "   --swap-with-index value  previous index (default: 0)\n   \n"));
}

void tst_Output::groupHelp()
{
    ctl::App app(QStringLiteral("etcdctl"));
    const ctl::Command *member = find(app.commands(), QStringLiteral("member"));
    QVERIFY(member);
    QCOMPARE(ctl::groupHelp(QStringLiteral("etcdctl member"), *member),
             QByteArray("NAME:\n   etcdctl member - member add, remove and list subcommands\n\n"
                        "USAGE:\n   etcdctl member command [command options] [arguments...]\n\n"
                        "COMMANDS:\n   list    enumerate existing cluster members\n"
                        "   add     add a new member to the etcd cluster\n"
                        "   remove  remove an existing member from the etcd cluster\n"
                        "   update  update an existing member in the etcd cluster\n\n"
                        "OPTIONS:\n   --help, -h  show help\n   \n"));
}

void tst_Output::subcommandWithoutFlags()
{
    ctl::App app(QStringLiteral("etcdctl"));
    const ctl::Command *member = find(app.commands(), QStringLiteral("member"));
    const ctl::Command *list = find(member->subcommands, QStringLiteral("list"));
    QCOMPARE(ctl::commandHelp(QStringLiteral("etcdctl member list"), *list),
             QByteArray("NAME:\n   etcdctl member list - enumerate existing cluster "
                        "members\n\nUSAGE:\n   etcdctl member list  \n"));
}

void tst_Output::flagLines_data()
{
    QTest::addColumn<ctl::Flag>("flag");
    QTest::addColumn<QString>("line");
    QTest::newRow("bool-alias") << ctl::Flag::boolean({"recursive", "r"}, "removes keys")
                                << "--recursive, -r\tremoves keys";
    QTest::newRow("short-only") << ctl::Flag::boolean({"p"}, "append slash") << "-p\tappend slash";
    QTest::newRow("int") << ctl::Flag::integer({"ttl"}, "key time-to-live")
                         << "--ttl value\tkey time-to-live (default: 0)";
    QTest::newRow("string-placeholder")
        << ctl::Flag::string({"output", "o"}, "format (`simple`, `extended` or `json`)", "simple")
        << "--output simple, -o simple\tformat (simple, `extended` or `json`) (default: "
           "\"simple\")";
    QTest::newRow("duration") << ctl::Flag::duration({"timeout"}, "per request", "2s")
                              << "--timeout value\tper request (default: 2s)";
    QTest::newRow("slice") << ctl::Flag::stringSlice({"roles"}, "roles") << "--roles value\troles";
}

void tst_Output::flagLines()
{
    QFETCH(ctl::Flag, flag);
    QFETCH(QString, line);
    QCOMPARE(ctl::flagLine(flag), line);
}

QTEST_APPLESS_MAIN(tst_Output)
#include "tst_output.moc"
