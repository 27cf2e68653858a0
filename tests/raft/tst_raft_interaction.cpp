// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Golden-file interaction tests (etcd-io/raft's third test layer, its testdata/*.txt):
// every file in tests/raft/testdata is a script of commands for InteractionEnv with the
// expected output of each; the test runs the script and fails with a diff when any output
// differs. After an intended change of behaviour or of raft::describe(), regenerate the
// files and review the diff in git:
//     QETCD_REWRITE_GOLDEN=1 ./tst_raft_interaction      (or: ./tst_raft_interaction --rewrite)
#include "GoldenFile.h"
#include "InteractionEnv.h"

#include <QDir>
#include <QFile>
#include <QtTest/QTest>

namespace {
bool g_rewrite = false;
}

class TestRaftInteraction : public QObject
{
    Q_OBJECT

private slots:
    void golden_data()
    {
        QTest::addColumn<QString>("path");
        const QDir dir(QStringLiteral(QETCD_RAFT_TESTDATA));
        const QStringList files = dir.entryList({QStringLiteral("*.txt")}, QDir::Files, QDir::Name);
        QVERIFY2(!files.isEmpty(), qPrintable(dir.path()));
        for (const QString &f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void golden()
    {
        QFETCH(QString, path);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
        const QString text = QString::fromUtf8(file.readAll());
        file.close();

        GoldenFile golden;
        QString error;
        QVERIFY2(golden.parse(text, &error), qPrintable(path + QStringLiteral(": ") + error));
        InteractionEnv env;
        QStringList scriptErrors; // a broken script fails even while regenerating
        const QString actual = golden.run([&](const GoldenFile::Block &b) {
            const QString out = env.execute(b.command);
            if (out.startsWith(QLatin1String("error:")) || out.contains(QLatin1String("\nerror:")))
                scriptErrors.append(
                    QStringLiteral("line %1: %2: %3").arg(b.line).arg(b.command, out));
            return out;
        });
        QVERIFY2(scriptErrors.isEmpty(),
                 qPrintable(path + QLatin1Char('\n') + scriptErrors.join(QLatin1Char('\n'))));

        if (g_rewrite) {
            if (actual != text) {
                QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
                file.write(actual.toUtf8());
                qInfo("rewrote %s", qPrintable(path));
            }
            return;
        }
        const QString diff = GoldenFile::diff(text, actual);
        QVERIFY2(diff.isEmpty(),
                 qPrintable(QStringLiteral("%1 differs from the actual output (regenerate with "
                                           "QETCD_REWRITE_GOLDEN=1 if the change is intended):\n%2")
                                .arg(path, diff)));
    }
};

int main(int argc, char **argv)
{
    g_rewrite = qEnvironmentVariableIntValue("QETCD_REWRITE_GOLDEN") != 0;
    // Take our own flag out before QTest parses the command line.
    QList<char *> args;
    for (int i = 0; i < argc; ++i) {
        if (qstrcmp(argv[i], "--rewrite") == 0)
            g_rewrite = true;
        else
            args.append(argv[i]);
    }
    TestRaftInteraction test;
    return QTest::qExec(&test, int(args.size()), args.data());
}

#include "tst_raft_interaction.moc"
