// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcdctl end to end: every command and output format against a live qetcd
// member, the failures etcdctl users script against (messages and exit
// codes), an export -> import round trip, and shell completion.
#include "CtlProcess.h"
#include "DaemonProcess.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

using Result = testsupport::CtlResult;
using testsupport::ctlBinary;
using testsupport::runCtl;

QJsonObject json(const QByteArray &out)
{
    return QJsonDocument::fromJson(out).object();
}

quint64 number(const QJsonObject &o, const char *path1, const char *path2)
{
    return quint64(o.value(QLatin1String(path1)).toObject().value(QLatin1String(path2)).toDouble());
}

} // namespace

class tst_Qetcdctl : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();

    void setAllFormats();
    void getAllFormats();
    void valueFromStdinAndDashes();
    void mkAndInOrder();
    void directories();
    void updates();
    void removals();
    void listing();
    void failures_data();
    void failures();
    void usageErrors_data();
    void usageErrors();
    void unreachableEndpoint();
    void headerAndTotalTimeouts();
    void debugPrintsCurl();
    void endpointsFromEnvironment();
    void watchFormats_data();
    void watchFormats();
    void watchForeverRecursive();
    void watchSurvivesMemberRestart();
    void execWatch();
    void members();
    void memberAddPrintsEnvironment();
    void clusterHealth();
    void usersRolesAuth();
    void exportImportRoundTrip();
    void completionScript();

private:
    Result ctl(QStringList args, const QByteArray &input = {})
    {
        return runCtl(QStringList{QStringLiteral("--endpoints"), m_url} + args, input);
    }
    quint64 storeIndex()
    {
        // The extended format's Index: line is the X-Etcd-Index header.
        const Result r =
            ctl({QStringLiteral("-o"), QStringLiteral("extended"), QStringLiteral("set"),
                 QStringLiteral("/index-probe"), QStringLiteral("x")});
        const auto m = QRegularExpression(QStringLiteral("Index: (\\d+)\\n\\nx"))
                           .match(QString::fromUtf8(r.out));
        return m.captured(1).toULongLong();
    }

    DaemonProcess m_daemon{QStringLiteral("ctl-test")};
    QString m_url;
};

void tst_Qetcdctl::initTestCase()
{
    const QString bin = DaemonProcess::binary(QStringLiteral("qetcd"));
    if (!QFileInfo(bin).isExecutable())
        QFAIL(qPrintable(
            QStringLiteral("the qetcd daemon is not built (%1); these tests need it").arg(bin)));
    QVERIFY2(QFileInfo(ctlBinary()).isExecutable(), qPrintable(ctlBinary()));
    QVERIFY2(m_daemon.start(), m_daemon.output().constData());
    m_url = m_daemon.clientUrl().toString();
}

void tst_Qetcdctl::cleanupTestCase()
{
    m_daemon.terminate();
}

void tst_Qetcdctl::setAllFormats()
{
    Result r = ctl({"set", "/s/k", "v1"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray("v1\n"));
    QVERIFY(r.err.isEmpty());

    r = ctl({"-o", "json", "set", "/s/k", "v2"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = json(r.out);
    const quint64 created = number(o, "node", "createdIndex");
    const quint64 previous = number(o, "prevNode", "createdIndex");
    QCOMPARE(
        r.out,
        QStringLiteral(
            "{\"action\":\"set\",\"node\":{\"key\":\"/s/"
            "k\",\"value\":\"v2\",\"nodes\":null,\"createdIndex\":%1,"
            "\"modifiedIndex\":%1},\"prevNode\":{\"key\":\"/s/k\",\"value\":\"v1\",\"nodes\":null,"
            "\"createdIndex\":%2,\"modifiedIndex\":%2}}\n")
            .arg(created)
            .arg(previous)
            .toUtf8());

    r = ctl({"-o", "extended", "set", "/s/k", "v3"});
    QCOMPARE(r.code, 0);
    const QString text = QString::fromUtf8(r.out);
    const auto m =
        QRegularExpression(
            QStringLiteral("^Key: /s/k\\nCreated-Index: (\\d+)\\nModified-Index: (\\d+)\\n"
                           "PrevNode.Value: v2\\nTTL: 0\\nIndex: (\\d+)\\n\\nv3\\n$"))
            .match(text);
    QVERIFY2(m.hasMatch(), qPrintable(text));
    QCOMPARE(m.captured(1), m.captured(2));
    QCOMPARE(m.captured(1), m.captured(3));
    QVERIFY(m.captured(1).toULongLong() > created);

    r = ctl({"-o", "json", "set", "--ttl", "100", "/s/t", "v"});
    QVERIFY2(QRegularExpression(QStringLiteral("\"expiration\":\"[0-9-]+T[0-9:.]+Z\",\"ttl\":(100|"
                                               "99)\\},\"prevNode\":null\\}\\n$"))
                 .match(QString::fromUtf8(r.out))
                 .hasMatch(),
             r.out.constData());
}

void tst_Qetcdctl::getAllFormats()
{
    const Result set = ctl({"-o", "json", "set", "/g/k", "a<b>&\"c\"\n\xc3\xa9"});
    const quint64 index = number(json(set.out), "node", "modifiedIndex");
    QCOMPARE(ctl({"get", "/g/k"}).out, QByteArray("a<b>&\"c\"\n\xc3\xa9\n"));
    QCOMPARE(ctl({"get", "g/k"}).out, QByteArray("a<b>&\"c\"\n\xc3\xa9\n"));
    const QByteArray i = QByteArray::number(index);
    QCOMPARE(ctl({"-o", "json", "get", "/g/k"}).out,
             "{\"action\":\"get\",\"node\":{\"key\":\"/g/"
             "k\",\"value\":\"a\\u003cb\\u003e\\u0026\\\"c\\\"\\n\xc3\xa9\","
             "\"nodes\":null,\"createdIndex\":" +
                 i + ",\"modifiedIndex\":" + i + "},\"prevNode\":null}\n");
    const Result ext = ctl({"-o", "extended", "get", "--sort", "-q", "/g/k"});
    QVERIFY2(ext.out.startsWith(
                 QStringLiteral("Key: /g/k\nCreated-Index: %1\nModified-Index: %1\nTTL: 0\nIndex: ")
                     .arg(index)
                     .toUtf8()),
             ext.out.constData());
    QVERIFY(ext.out.endsWith("\n\na<b>&\"c\"\n\xc3\xa9\n"));
    // Hidden keys are readable directly.
    ctl({"set", "/g/_h", "hidden"});
    QCOMPARE(ctl({"get", "/g/_h"}).out, QByteArray("hidden\n"));
    // Unknown format: message on stderr, like etcdctl, and success.
    const Result yaml = ctl({"-o", "yaml", "get", "/g/k"});
    QCOMPARE(yaml.code, 0);
    QCOMPARE(yaml.err, QByteArray("Unsupported output format: yaml\n"));
    QVERIFY(yaml.out.isEmpty());
}

void tst_Qetcdctl::valueFromStdinAndDashes()
{
    QCOMPARE(ctl({"set", "/in/k"}, "piped\n").out, QByteArray("piped\n\n"));
    QCOMPARE(ctl({"get", "/in/k"}).out, QByteArray("piped\n\n"));
    QCOMPARE(ctl({"set", "/in/d", "-v"}).out, QByteArray("-v\n"));
    QCOMPARE(ctl({"set", "--", "/in/e", "--ttl"}).out, QByteArray("--ttl\n"));
    // Known flags may come after the arguments (urfave/cli reordering).
    const Result r = ctl({"-o", "json", "set", "/in/f", "v", "--ttl", "50"});
    QVERIFY2(r.out.contains("\"ttl\":50") || r.out.contains("\"ttl\":49"), r.out.constData());
}

void tst_Qetcdctl::mkAndInOrder()
{
    QCOMPARE(ctl({"mk", "/mk/k", "v"}).out, QByteArray("v\n"));
    const Result exists = ctl({"mk", "/mk/k", "v"});
    QCOMPARE(exists.code, 4);
    QVERIFY2(QRegularExpression(
                 QStringLiteral("^Error:  105: Key already exists \\(/mk/k\\) \\[\\d+\\]\\n$"))
                 .match(QString::fromUtf8(exists.err))
                 .hasMatch(),
             exists.err.constData());
    const Result q = ctl({"-o", "json", "mk", "--in-order", "--ttl", "60", "/mk/q", "job"});
    QCOMPARE(q.code, 0);
    const QJsonObject node = json(q.out).value(QLatin1String("node")).toObject();
    QCOMPARE(json(q.out).value(QLatin1String("action")).toString(), QStringLiteral("create"));
    QCOMPARE(node.value(QLatin1String("key")).toString(),
             QStringLiteral("/mk/q/%1")
                 .arg(quint64(node.value(QLatin1String("createdIndex")).toDouble()), 20, 10,
                      QLatin1Char('0')));
    QVERIFY(node.value(QLatin1String("ttl")).toInt() > 0);
}

void tst_Qetcdctl::directories()
{
    Result r = ctl({"mkdir", "/dir/a"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.isEmpty()); // simple format prints nothing for directories
    r = ctl({"mkdir", "/dir/a"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  105: Key already exists (/dir/a) ["));
    r = ctl({"-o", "json", "mkdir", "--ttl", "100", "/dir/b"});
    QVERIFY2(r.out.startsWith("{\"action\":\"create\",\"node\":{\"key\":\"/dir/"
                              "b\",\"dir\":true,\"value\":\"\",\"nodes\":null,"),
             r.out.constData());
    QCOMPARE(ctl({"setdir", "/dir/c"}).code, 0);
    r = ctl({"setdir", "/dir/c"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  102: Not a file (/dir/c) ["));
    r = ctl({"-o", "json", "updatedir", "--ttl", "200", "/dir/c"});
    QCOMPARE(json(r.out).value(QLatin1String("action")).toString(), QStringLiteral("update"));
    r = ctl({"updatedir", "/dir/none"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  100: Key not found (/dir/none) ["));
    r = ctl({"get", "/dir/a"});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err, QByteArray("/dir/a: is a directory\n"));
}

void tst_Qetcdctl::updates()
{
    ctl({"set", "/up/k", "1"});
    QCOMPARE(ctl({"update", "/up/k", "2"}).out, QByteArray("2\n"));
    Result r = ctl({"-o", "extended", "update", "--ttl", "100", "/up/k", "3"});
    QVERIFY2(r.out.contains("PrevNode.Value: 2\nTTL: 100\n") ||
                 r.out.contains("PrevNode.Value: 2\nTTL: 99\n"),
             r.out.constData());
    r = ctl({"update", "/up/none", "v"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  100: Key not found (/up/none) ["));
    r = ctl({"set", "--swap-with-value", "3", "/up/k", "4"});
    QCOMPARE(r.out, QByteArray("4\n"));
    r = ctl({"set", "--swap-with-value", "nope", "/up/k", "5"});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.startsWith("Error:  101: Compare failed ([nope != 4]) ["), r.err.constData());
    r = ctl({"set", "--swap-with-index", "1", "/up/k", "5"});
    QCOMPARE(r.code, 4);
    QVERIFY2(
        QRegularExpression(
            QStringLiteral("^Error:  101: Compare failed \\(\\[1 != \\d+\\]\\) \\[\\d+\\]\\n$"))
            .match(QString::fromUtf8(r.err))
            .hasMatch(),
        r.err.constData());
}

void tst_Qetcdctl::removals()
{
    ctl({"set", "/rm/k", "v"});
    QCOMPARE(ctl({"rm", "/rm/k"}).out, QByteArray("PrevNode.Value: v\n"));
    Result r = ctl({"rm", "/rm/k"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  100: Key not found (/rm/k) ["));
    ctl({"mkdir", "/rm/d"});
    ctl({"set", "/rm/d/x", "1"});
    r = ctl({"rm", "/rm/d"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  102: Not a file (/rm/d) ["));
    r = ctl({"rmdir", "/rm/d"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  108: Directory not empty (/rm/d) ["));
    r = ctl({"rm", "-r", "/rm/d"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.isEmpty());
    ctl({"mkdir", "/rm/e"});
    r = ctl({"-o", "json", "rm", "--dir", "/rm/e"});
    QVERIFY2(r.out.startsWith("{\"action\":\"delete\",\"node\":{\"key\":\"/rm/e\",\"dir\":true,"),
             r.out.constData());
    ctl({"set", "/rm/c", "1"});
    r = ctl({"rm", "--with-value", "2", "/rm/c"});
    QCOMPARE(r.code, 4);
    QVERIFY(r.err.startsWith("Error:  101: Compare failed ([2 != 1]) ["));
    // compareAndDelete is not "delete": etcdctl prints the (empty) node value.
    QCOMPARE(ctl({"rm", "--with-value", "1", "/rm/c"}).out, QByteArray("\n"));
}

void tst_Qetcdctl::listing()
{
    ctl({"mkdir", "/ls/e"});
    ctl({"set", "/ls/b/x", "1"});
    ctl({"set", "/ls/a", "1"});
    ctl({"set", "/ls/_hidden", "1"});
    QCOMPARE(ctl({"ls", "--sort", "/ls"}).out, QByteArray("/ls/a\n/ls/b\n/ls/e\n"));
    QCOMPARE(ctl({"ls", "--sort", "-p", "/ls"}).out, QByteArray("/ls/a\n/ls/b/\n/ls/e/\n"));
    QCOMPARE(ctl({"ls", "--sort", "-r", "-p", "/ls"}).out,
             QByteArray("/ls/a\n/ls/b/\n/ls/b/x\n/ls/e/\n"));
    QCOMPARE(ctl({"ls", "/ls/a"}).out, QByteArray("/ls/a\n"));
    QCOMPARE(ctl({"ls", "/ls/e"}).out, QByteArray());
    const Result j = ctl({"-o", "json", "ls", "--sort", "/ls"});
    QCOMPARE(json(j.out)
                 .value(QLatin1String("node"))
                 .toObject()
                 .value(QLatin1String("nodes"))
                 .toArray()
                 .size(),
             3);
    const Result ext = ctl({"-o", "extended", "ls", "/ls/e"});
    QVERIFY2(ext.out.startsWith("Key: /ls/e\nCreated-Index: ") && ext.out.endsWith("\n\n\n"),
             ext.out.constData());
    const Result root = ctl({"ls"});
    QVERIFY(root.out.contains("/ls\n"));
    const Result none = ctl({"ls", "/ls/none"});
    QCOMPARE(none.code, 4);
    QVERIFY(none.err.startsWith("Error:  100: Key not found (/ls/none) ["));
}

void tst_Qetcdctl::failures_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("err"); // regular expression for the whole of stderr
    QTest::newRow("missing-key") << QStringList{"get", "/f-none"} << 4
                                 << "Error:  100: Key not found \\(/f-none\\) \\[\\d+\\]\\n";
    QTest::newRow("missing-key-json") << QStringList{"-o", "json", "get", "/f-none"} << 4
                                      << "Error:  100: Key not found \\(/f-none\\) \\[\\d+\\]\\n";
    // The cause names the first missing path element.
    QTest::newRow("missing-parent") << QStringList{"get", "/f-none/deeper"} << 4
                                    << "Error:  100: Key not found \\(/f-none\\) \\[\\d+\\]\\n";
    QTest::newRow("key-required") << QStringList{"get"} << 1 << "Error:  key required\\n";
    QTest::newRow("value-required")
        << QStringList{"set", "/f/k"} << 1 << "Error:  value required\\n";
    QTest::newRow("exec-watch-args")
        << QStringList{"exec-watch", "/f/k"} << 1 << "Error:  key and command to exec required\\n";
    QTest::newRow("root-read-only") << QStringList{"set", "/", "v"} << 4
                                    << "Error:  107: Root is read only \\(/\\) \\[\\d+\\]\\n";
    QTest::newRow("member-list-args")
        << QStringList{"member", "list", "x"} << 1 << "No arguments accepted\\n";
    QTest::newRow("member-add-args") << QStringList{"member", "add", "n"} << 1
                                     << "Provide a name and a single member peerURL\\n";
    QTest::newRow("member-add-url") << QStringList{"member", "add", "n", "notaurl"} << 1
                                    << "URL scheme must be http, https, unix, or unixs: notaurl\\n";
    QTest::newRow("member-remove-unknown")
        << QStringList{"member", "remove", "deadbeef"} << 1
        << "Couldn't find a member in the cluster with an ID of deadbeef\\.\\n";
    QTest::newRow("member-update-args") << QStringList{"member", "update", "x"} << 1
                                        << "Provide an ID and a list of comma separated peerURL "
                                           "\\(0xabcd http://example.com,http://example1.com\\)\\n";
    QTest::newRow("role-grant-no-path")
        << QStringList{"role", "grant", "r"} << 1 << "No path specified; please use `--path`\\n";
    QTest::newRow("role-grant-perm")
        << QStringList{"role", "grant", "--path", "/x", "r"} << 1
        << "Please specify exactly one of --read, --write or --readwrite\\n";
    QTest::newRow("user-args") << QStringList{"user", "get"} << 1 << "Please provide a username\\n";
}

void tst_Qetcdctl::failures()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QString, err);
    const Result r = ctl(args);
    QCOMPARE(r.code, code);
    QVERIFY2(QRegularExpression(QLatin1Char('^') + err + QLatin1Char('$'))
                 .match(QString::fromUtf8(r.err))
                 .hasMatch(),
             r.err.constData());
}

void tst_Qetcdctl::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("err");
    QTest::addColumn<QByteArray>("outStart");
    QTest::newRow("command-flag") << QStringList{"get", "--bogus", "/k"} << 1
                                  << QByteArray("flag provided but not defined: -bogus\n")
                                  << QByteArray("Incorrect Usage: flag provided but not defined: "
                                                "-bogus\n\nNAME:\n   qetcdctl get - ");
    QTest::newRow("bad-int")
        << QStringList{"set", "--ttl", "abc", "/k", "v"} << 1
        << QByteArray("invalid value \"abc\" for flag -ttl: parse error\n")
        << QByteArray("Incorrect Usage: invalid value \"abc\" for flag -ttl: parse error\n");
    QTest::newRow("global-flag")
        << QStringList{"--bogus", "get", "/k"} << 1
        << QByteArray("flag provided but not defined: -bogus\n")
        << QByteArray(
               "Incorrect Usage. flag provided but not defined: -bogus\n\nNAME:\n   qetcdctl - ");
    QTest::newRow("bad-duration")
        << QStringList{"--timeout", "1", "get", "/k"} << 1
        << QByteArray("invalid value \"1\" for flag -timeout: parse error\n")
        << QByteArray("Incorrect Usage. invalid value \"1\" for flag -timeout: parse error\n");
    QTest::newRow("unknown-command")
        << QStringList{"nosuch"} << 3 << QByteArray("No help topic for 'nosuch'\n") << QByteArray();
    QTest::newRow("unknown-subcommand")
        << QStringList{"member", "nosuch"} << 3 << QByteArray("No help topic for 'nosuch'\n")
        << QByteArray();
    QTest::newRow("help")
        << QStringList{"get", "--help"} << 0 << QByteArray()
        << QByteArray("NAME:\n   qetcdctl get - retrieve the value of a key\n\nUSAGE:\n");
    QTest::newRow("group-help")
        << QStringList{"user"} << 0 << QByteArray()
        << QByteArray("NAME:\n   qetcdctl user - user add, grant and revoke subcommands\n");
    QTest::newRow("version") << QStringList{"--version"} << 0 << QByteArray()
                             << QByteArray("qetcdctl version: ");
}

void tst_Qetcdctl::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, code);
    QFETCH(QByteArray, err);
    QFETCH(QByteArray, outStart);
    const Result r = ctl(args);
    QCOMPARE(r.code, code);
    QCOMPARE(r.err, err);
    QVERIFY2(r.out.startsWith(outStart), r.out.constData());
}

void tst_Qetcdctl::unreachableEndpoint()
{
    // On this process's own loopback address: no other suite can start listening there.
    const quint16 port = TestLoopback::freePort();
    const QString dead = TestLoopback::url(port).toString();
    const QByteArray line = QStringLiteral("dial tcp %1:%2: connect: connection refused")
                                .arg(TestLoopback::host())
                                .arg(port)
                                .toUtf8();
    Result r = runCtl({"--endpoints", dead, "get", "/k"});
    QCOMPARE(r.code, 2);
    QCOMPARE(r.err, "Error:  client: etcd cluster is unavailable or misconfigured; error #0: " +
                        line + "\n\nerror #0: " + line + "\n\n");
    r = runCtl({"--no-sync", "--endpoints", dead, "get", "/k"});
    QCOMPARE(r.code, 4);
    // An unreachable member is skipped: the next endpoint answers.
    r = runCtl({"--no-sync", "--endpoints", dead + QLatin1Char(',') + m_url, "set", "/u/k", "v"});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray("v\n"));
    r = runCtl({"--endpoints", dead, "watch", "/k"});
    QCOMPARE(r.code, 2);
}

void tst_Qetcdctl::headerAndTotalTimeouts()
{
    QTcpServer silent; // accepts connections, never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const QString url = QStringLiteral("http://127.0.0.1:%1").arg(silent.serverPort());
    QProcess p;
    p.start(ctlBinary(), {"--no-sync", "--endpoints", url, "--timeout", "300ms", "get", "/k"});
    QVERIFY(QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 20000));
    QCOMPARE(p.exitCode(), 4);
    const QByteArray line = "client: endpoint " + url.toUtf8() + " exceeded header timeout";
    QCOMPARE(p.readAllStandardError(),
             "Error:  client: etcd cluster is unavailable or misconfigured; error #0: " + line +
                 "\n\nerror #0: " + line + "\n\n");
    p.start(ctlBinary(),
            {"--no-sync", "--endpoints", url, "--total-timeout", "300ms", "get", "/k"});
    QVERIFY(QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 20000));
    QCOMPARE(p.exitCode(), 4);
    QCOMPARE(p.readAllStandardError(), QByteArray("Error:  context deadline exceeded\n"));
}

void tst_Qetcdctl::debugPrintsCurl()
{
    ctl({"set", "/dbg/k", "v"});
    const Result r = ctl({"--debug", "get", "/dbg/k"});
    QCOMPARE(r.out, QByteArray("v\n"));
    QCOMPARE(r.err, QStringLiteral("start to sync cluster using endpoints(%1)\n"
                                   "cURL Command: curl -X GET %1/v2/members\n"
                                   "got endpoints(%1) after sync\n"
                                   "Cluster-Endpoints: %1\n"
                                   "cURL Command: curl -X GET "
                                   "%1/v2/keys/dbg/k?quorum=false&recursive=false&sorted=false\n")
                        .arg(m_url)
                        .toUtf8());
    const Result set = ctl({"--debug", "--no-sync", "set", "--ttl", "5", "/dbg/a b", "x&y"});
    QCOMPARE(set.err, QStringLiteral("Cluster-Endpoints: %1\ncURL Command: curl -X PUT "
                                     "%1/v2/keys/dbg/a%20b -d \"ttl=5&value=x%26y\"\n")
                          .arg(m_url)
                          .toUtf8());
}

void tst_Qetcdctl::endpointsFromEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("ETCDCTL_ENDPOINTS"), m_url);
    ctl({"set", "/env/k", "v"});
    const Result r = runCtl({"get", "/env/k"}, {}, env);
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray("v\n"));
    // Credentials are accepted (and ignored) while auth is off.
    QCOMPARE(ctl({"-u", "someone:pw", "get", "/env/k"}).out, QByteArray("v\n"));
}

void tst_Qetcdctl::watchFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("simple") << "simple";
    QTest::newRow("extended") << "extended";
    QTest::newRow("json") << "json";
}

void tst_Qetcdctl::watchFormats()
{
    QFETCH(QString, format);
    const QString key = QStringLiteral("/wf/") + format;
    ctl({"set", key, "old"});
    // Watching after the current index cannot miss the write below, however
    // late the watch request arrives.
    const quint64 after = storeIndex();
    QProcess p;
    p.start(ctlBinary(), {"--endpoints", m_url, "-o", format, "watch", "--after-index",
                          QString::number(after), key});
    QVERIFY(p.waitForStarted());
    const Result set = ctl({"-o", "json", "set", key, "new"});
    const quint64 index = number(json(set.out), "node", "modifiedIndex");
    QVERIFY(QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 15000));
    QCOMPARE(p.exitCode(), 0);
    const QByteArray out = p.readAllStandardOutput();
    if (format == QLatin1String("simple")) {
        QCOMPARE(out, QByteArray("new\n"));
    } else if (format == QLatin1String("json")) {
        QCOMPARE(out, QStringLiteral("{\"action\":\"set\",\"node\":{\"key\":\"%1\",\"value\":"
                                     "\"new\",\"nodes\":null,\"createdIndex\":%2,"
                                     "\"modifiedIndex\":%2},\"prevNode\":{\"key\":\"%1\",\"value\":"
                                     "\"old\",\"nodes\":null,")
                              .arg(key)
                              .arg(index)
                              .toUtf8() +
                          out.mid(out.indexOf("\"createdIndex\"", out.indexOf("prevNode"))));
        QVERIFY(out.endsWith("}}\n"));
    } else {
        QVERIFY2(out.startsWith(QStringLiteral("Key: %1\nCreated-Index: %2\nModified-Index: "
                                               "%2\nPrevNode.Value: old\nTTL: 0\nIndex: ")
                                    .arg(key)
                                    .arg(index)
                                    .toUtf8()),
                 out.constData());
        QVERIFY(out.endsWith("\n\nnew\n"));
    }
}

void tst_Qetcdctl::watchForeverRecursive()
{
    ctl({"mkdir", "/wr"});
    const quint64 after = storeIndex();
    QProcess p;
    p.start(ctlBinary(), {"--endpoints", m_url, "watch", "-f", "-r", "--after-index",
                          QString::number(after), "/wr"});
    QVERIFY(p.waitForStarted());
    ctl({"set", "/wr/a", "1"});
    ctl({"mkdir", "/wr/sub"}); // directory events are not printed
    ctl({"set", "/wr/sub/b", "2"});
    ctl({"rm", "/wr/a"});
    // A marker written last: events arrive in index order, so once its lines are out, anything
    // the watch would print about the writes above (a directory event, a repeat) is out too.
    ctl({"set", "/wr/marker", "m"});
    const QByteArray expected =
        "[set] /wr/a\n1\n[set] /wr/sub/b\n2\n[delete] /wr/a\nPrevNode.Value: "
        "1\n[set] /wr/marker\nm\n";
    QVERIFY(QTest::qWaitFor(
        [&p] { return p.peek(p.bytesAvailable()).contains("[set] /wr/marker\nm\n"); }, 15000));
    p.kill();
    QVERIFY(p.waitForFinished());
    QCOMPARE(p.readAllStandardOutput(), expected);
}

void tst_Qetcdctl::watchSurvivesMemberRestart()
{
    DaemonProcess member(QStringLiteral("restarting"));
    QVERIFY2(member.start(), member.output().constData());
    const QString url = member.clientUrl().toString();
    auto set = [&url](const char *value) {
        return runCtl({"--endpoints", url, "set", "/rs/k", value}).code;
    };
    QCOMPARE(set("0"), 0);
    const Result probe = runCtl({"--endpoints", url, "-o", "extended", "get", "/rs/k"});
    const QString after = QRegularExpression(QStringLiteral("Index: (\\d+)"))
                              .match(QString::fromUtf8(probe.out))
                              .captured(1);
    QProcess p;
    p.start(ctlBinary(), {"--endpoints", url, "watch", "-f", "--after-index", after, "/rs/k"});
    QVERIFY(p.waitForStarted());
    QCOMPARE(set("1"), 0);
    QByteArray out;
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += p.readAllStandardOutput();
            return out == "1\n";
        },
        15000));
    member.kill();
    QVERIFY2(member.start(), member.output().constData()); // same ports and data
    QCOMPARE(set("2"), 0);
    QCOMPARE(set("3"), 0);
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += p.readAllStandardOutput();
            return out.count('\n') >= 3;
        },
        20000));
    // A marker written last: once it is printed, a repeat of 1, 2 or 3 would have been too.
    QCOMPARE(set("4"), 0);
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += p.readAllStandardOutput();
            return out.endsWith("4\n");
        },
        20000));
    QCOMPARE(out, QByteArray("1\n2\n3\n4\n"));
    QCOMPARE(p.state(), QProcess::Running);
    p.kill();
    p.waitForFinished();
    member.terminate();
}

void tst_Qetcdctl::execWatch()
{
    const quint64 after = storeIndex();
    QProcess p;
    p.start(ctlBinary(), {"--endpoints", m_url, "exec-watch", "--after-index",
                          QString::number(after), "-r", "/ew", "--", "sh", "-c",
                          "echo \"$ETCD_WATCH_ACTION $ETCD_WATCH_KEY=$ETCD_WATCH_VALUE\""});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    auto waitForLines = [&](int lines) {
        return QTest::qWaitFor(
            [&] {
                out += p.readAllStandardOutput();
                return out.count('\n') >= lines;
            },
            15000);
    };
    // Each event's command runs on its own, as etcdctl's: events replayed back to
    // back may print in either order, so the second write waits for the first line.
    ctl({"set", "/ew/a", "1"});
    ctl({"mkdir", "/ew/d"});
    QVERIFY(waitForLines(1));
    ctl({"set", "/ew/a", "2"});
    QVERIFY(waitForLines(2));
    QCOMPARE(out, QByteArray("set /ew/a=1\nset /ew/a=2\n"));
    QCOMPARE(p.readAllStandardError(), QByteArray("Ignored dir /ew/d change\n"));
    p.terminate();
    p.waitForFinished();
}

void tst_Qetcdctl::members()
{
    Result r = ctl({"member", "list"});
    QCOMPARE(r.code, 0);
    const auto m =
        QRegularExpression(QStringLiteral("^([0-9a-f]+): name=ctl-test peerURLs=http://%1:%2 "
                                          "clientURLs=%3 isLeader=true\\n$")
                               .arg(m_daemon.host())
                               .arg(m_daemon.peerPort())
                               .arg(QRegularExpression::escape(m_url)))
            .match(QString::fromUtf8(r.out));
    QVERIFY2(m.hasMatch(), r.out.constData());
    const QString id = m.captured(1);
    QCOMPARE(ctl({"-o", "json", "member", "list"}).out, r.out); // etcdctl ignores -o here
    r = ctl({"member", "remove", "ctl-test"});
    QCOMPARE(r.code, 1);
    QVERIFY(r.err.startsWith(QStringLiteral("Found a member named ctl-test; if this is correct, "
                                            "please use its ID, eg:\n\tqetcdctl member remove %1\n")
                                 .arg(id)
                                 .toUtf8()));
    r = ctl({"member", "update", id, m_daemon.peerUrl()});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QStringLiteral("Updated member with ID %1 in cluster\n").arg(id).toUtf8());
    r = ctl({"member", "update", "deadbeef", "http://127.0.0.1:1"});
    QCOMPARE(r.code, 1);
    QVERIFY2(!r.err.isEmpty(), "an unknown member ID is reported");
}

void tst_Qetcdctl::memberAddPrintsEnvironment()
{
    // Adding a member to a one-member cluster leaves it without quorum, so
    // this runs against a member of its own.
    DaemonProcess lone(QStringLiteral("lone"));
    QVERIFY2(lone.start(), lone.output().constData());
    const Result r = runCtl(
        {"--endpoints", lone.clientUrl().toString(), "member", "add", "n2", "http://127.0.0.1:1"});
    QCOMPARE(r.code, 0);
    const auto m = QRegularExpression(
                       QStringLiteral("^Added member named n2 with ID ([0-9a-f]+) to cluster\\n\\n"
                                      "ETCD_NAME=\"n2\"\\nETCD_INITIAL_CLUSTER=\"([^\"]*)\"\\n"
                                      "ETCD_INITIAL_CLUSTER_STATE=\"existing\"\\n$"))
                       .match(QString::fromUtf8(r.out));
    QVERIFY2(m.hasMatch(), r.out.constData());
    QStringList cluster = m.captured(2).split(QLatin1Char(','));
    cluster.sort();
    QCOMPARE(cluster, (QStringList{QStringLiteral("lone=") + lone.peerUrl(),
                                   QStringLiteral("n2=http://127.0.0.1:1")}));
    lone.kill();
}

void tst_Qetcdctl::clusterHealth()
{
    const Result r = ctl({"cluster-health"});
    QCOMPARE(r.code, 0);
    QVERIFY2(
        QRegularExpression(
            QStringLiteral(
                "^member [0-9a-f]+ is healthy: got healthy result from %1\\ncluster is healthy\\n$")
                .arg(QRegularExpression::escape(m_url)))
            .match(QString::fromUtf8(r.out))
            .hasMatch(),
        r.out.constData());
}

void tst_Qetcdctl::usersRolesAuth()
{
    Result r = ctl({"user", "add", "root:rootpw"});
    QVERIFY2(r.code == 0,
             qPrintable(QStringLiteral("user add failed; does the daemon serve /v2/auth? %1")
                            .arg(QString::fromUtf8(r.err))));
    QCOMPARE(r.out, QByteArray("User root created\n"));
    QCOMPARE(ctl({"role", "add", "reader"}).out, QByteArray("Role reader created\n"));
    r = ctl({"role", "add", "reader"});
    QCOMPARE(r.code, 1);
    QCOMPARE(r.err, QByteArray("Role reader already exists\n"));
    QCOMPARE(ctl({"role", "grant", "--path", "/pub/*", "--read", "reader"}).out,
             QByteArray("Role reader updated\n"));
    QCOMPARE(ctl({"role", "get", "reader"}).out,
             QByteArray("Role: reader\nKV Read:\n\t/pub/*\nKV Write:\n"));
    QCOMPARE(ctl({"user", "add", "alice:pw"}).out, QByteArray("User alice created\n"));
    QCOMPARE(ctl({"user", "grant", "--roles", "reader", "alice"}).out,
             QByteArray("User alice updated\n"));
    r = ctl({"user", "get", "alice"});
    QVERIFY2(QRegularExpression(QStringLiteral("^User: alice\\nRoles: +reader\\n$"))
                 .match(QString::fromUtf8(r.out))
                 .hasMatch(),
             r.out.constData());
    r = ctl({"user", "list"});
    QVERIFY(r.out.contains("alice\n") && r.out.contains("root\n"));
    QVERIFY(ctl({"role", "list"}).out.contains("reader\n"));
    r = ctl({"user", "get", "nobody"});
    QCOMPARE(r.code, 1);
    QVERIFY(!r.err.isEmpty());

    ctl({"set", "/pub/k", "open"});
    QCOMPARE(ctl({"auth", "enable"}).out, QByteArray("Authentication Enabled\n"));
    r = ctl({"-u", "root:rootpw", "get", "/pub/k"});
    QCOMPARE(r.out, QByteArray("open\n"));
    r = ctl({"-u", "root:wrong", "get", "/pub/k"});
    QCOMPARE(r.code, 4);
    QVERIFY2(r.err.startsWith("Error:  110: The request requires user authentication"),
             r.err.constData());
    QCOMPARE(ctl({"-u", "root:rootpw", "auth", "disable"}).out,
             QByteArray("Authentication Disabled\n"));
    QCOMPARE(ctl({"user", "revoke", "--roles", "reader", "alice"}).out,
             QByteArray("User alice updated\n"));
    QCOMPARE(ctl({"user", "remove", "alice"}).out, QByteArray("User alice removed\n"));
    QCOMPARE(ctl({"role", "revoke", "--path", "/pub/*", "--read", "reader"}).out,
             QByteArray("Role reader updated\n"));
    QCOMPARE(ctl({"role", "remove", "reader"}).out, QByteArray("Role reader removed\n"));
}

void tst_Qetcdctl::exportImportRoundTrip()
{
    ctl({"mkdir", "/src/empty"});
    ctl({"mkdir", "--ttl", "500", "/src/tmpdir"});
    ctl({"set", "/src/tmpdir/x", "inside"});
    ctl({"set", "/src/a b/c?d", "special & <chars> \xc3\xa9\nline"});
    ctl({"set", "--ttl", "600", "/src/ttl", "short-lived"});
    ctl({"set", "/src/deep/er/est", "1"});
    ctl({"mk", "--in-order", "/src/queue", "job"});

    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("src.json"));
    Result r = ctl({"export", "/src"});
    QCOMPARE(r.code, 0);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(r.out);
    }
    const QJsonObject original = json(r.out);
    QCOMPARE(original.value(QLatin1String("root")).toString(), QStringLiteral("/src"));

    // Into another place of the same cluster, and into another cluster.
    r = ctl({"import", "--prefix", "/dst", file});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.out, QByteArray("imported 5 keys and 7 directories\n"));
    DaemonProcess other(QStringLiteral("other"));
    QVERIFY2(other.start(), other.output().constData());
    r = runCtl({"--endpoints", other.clientUrl().toString(), "import", "-"},
               QJsonDocument(original).toJson());
    QCOMPARE(r.code, 0);

    auto normalized = [](QJsonObject doc, const QString &root) {
        // Same tree: same keys (relative to the root), values, directories
        // and TTLs (allowing for the seconds that passed).
        std::function<QJsonValue(QJsonObject)> walk = [&](QJsonObject n) -> QJsonValue {
            n.insert(QLatin1String("key"),
                     n.value(QLatin1String("key")).toString().mid(root.size()));
            if (n.contains(QLatin1String("ttl")))
                n.insert(QLatin1String("ttl"), n.value(QLatin1String("ttl")).toInt() > 400
                                                   ? QStringLiteral("long")
                                                   : QStringLiteral("short"));
            QJsonArray children;
            for (const QJsonValue &c : n.value(QLatin1String("nodes")).toArray())
                children.append(walk(c.toObject()));
            if (n.contains(QLatin1String("nodes")))
                n.insert(QLatin1String("nodes"), children);
            return n;
        };
        return walk(doc.value(QLatin1String("node")).toObject()).toObject();
    };
    const QJsonObject copied = json(ctl({"export", "/dst"}).out);
    const QJsonObject moved =
        json(runCtl({"--endpoints", other.clientUrl().toString(), "export", "/src"}).out);
    QCOMPARE(normalized(copied, QStringLiteral("/dst")),
             normalized(original, QStringLiteral("/src")));
    QCOMPARE(normalized(moved, QStringLiteral("/src")),
             normalized(original, QStringLiteral("/src")));
    // The empty directory and the TTLs made it.
    QCOMPARE(ctl({"ls", "/dst/empty"}).code, 0);
    QVERIFY(json(ctl({"-o", "json", "get", "/dst/ttl"}).out)
                .value(QLatin1String("node"))
                .toObject()
                .value(QLatin1String("ttl"))
                .toInt() > 400);
    QCOMPARE(ctl({"get", "/dst/a b/c?d"}).out, QByteArray("special & <chars> \xc3\xa9\nline\n"));
    other.kill();

    r = ctl({"import", dir.filePath(QStringLiteral("missing.json"))});
    QCOMPARE(r.code, 1);
}

void tst_Qetcdctl::completionScript()
{
    const Result r = runCtl({"completion", "bash"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("complete -F _qetcdctl qetcdctl\n"));
    QTemporaryDir dir;
    const QString script = dir.filePath(QStringLiteral("c.sh"));
    QFile f(script);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(r.out);
    f.close();
    // Complete "qetcdctl --endpoints x mem<TAB>" and "qetcdctl member <TAB>" in bash.
    QProcess bash;
    bash.start(
        QStringLiteral("bash"),
        {QStringLiteral("-c"),
         QStringLiteral(
             "source %1; COMP_WORDS=(qetcdctl --endpoints x mem); COMP_CWORD=3; _qetcdctl; echo "
             "\"${COMPREPLY[*]}\";"
             "COMP_WORDS=(qetcdctl member ''); COMP_CWORD=2; _qetcdctl; echo \"${COMPREPLY[*]}\";"
             "COMP_WORDS=(qetcdctl ls --); COMP_CWORD=2; _qetcdctl; echo \"${COMPREPLY[*]}\"")
             .arg(script)});
    QVERIFY(bash.waitForFinished());
    QCOMPARE(bash.readAllStandardOutput(),
             QByteArray("member\nlist add remove update\n--sort --recursive --quorum --help\n"));
}

QTEST_GUILESS_MAIN(tst_Qetcdctl)
#include "tst_qetcdctl.moc"
