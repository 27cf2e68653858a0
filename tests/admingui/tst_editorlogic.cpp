// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The value editor's pure pieces: JSON checked, formatted and minified as
// text (stored member order kept), and per-key drafts.

#include "editor/DraftStore.h"
#include "editor/JsonText.h"
#include "editor/LineDiff.h"

#include <QTest>

using admin::editor::DraftStore;
using admin::editor::JsonText;
using admin::editor::LineDiff;

class TestEditorLogic : public QObject
{
    Q_OBJECT
private slots:
    void checksJson_data();
    void checksJson();
    void formatKeepsOrderAndSpelling();
    void minifyKeepsStrings();
    void refusesDeepNesting();
    void draftsPerKey();
    void marksChangedLines();
    void mergesThreeWays_data();
    void mergesThreeWays();
};

void TestEditorLogic::checksJson_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::newRow("object") << R"( {"a": [1, -2.5e+3, true, null, "x\u00e9\n"]} )" << true << 0
                            << 0;
    QTest::newRow("scalar") << "42" << true << 0 << 0;
    QTest::newRow("string") << R"("s")" << true << 0 << 0;
    QTest::newRow("duplicate names are text") << R"({"a":1,"a":2})" << true << 0 << 0;
    QTest::newRow("trailing comma") << "{\n  \"a\": 1,\n}" << false << 3 << 1;
    QTest::newRow("missing comma") << "{\"a\": 1\n \"b\": 2}" << false << 2 << 2;
    QTest::newRow("single quotes") << "{'a': 1}" << false << 1 << 2;
    QTest::newRow("leading zero") << "[01]" << false << 1 << 3;
    QTest::newRow("unclosed") << "[1, 2" << false << 1 << 6;
    QTest::newRow("bad escape") << R"(["\x"])" << false << 1 << 4;
    QTest::newRow("after the end") << "{} x" << false << 1 << 4;
    QTest::newRow("empty") << "" << false << 1 << 1;
    QTest::newRow("plain text") << "hello" << false << 1 << 1;
}

void TestEditorLogic::checksJson()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(int, line);
    QFETCH(int, column);
    const JsonText::Check check = JsonText::check(text);
    QCOMPARE(check.valid, valid);
    if (!valid) {
        QCOMPARE(check.line, line);
        QCOMPARE(check.column, column);
        QVERIFY(!check.message.isEmpty());
        QVERIFY(check.describe().contains(QString::number(line)));
        QVERIFY(!JsonText::format(text));
        QVERIFY(!JsonText::minify(text));
    }
}

void TestEditorLogic::formatKeepsOrderAndSpelling()
{
    const QString stored = QStringLiteral(R"({"zeta":1.50,"alpha":{"m":[],"b":{}},"e":"\u0041"})");
    const auto pretty = JsonText::format(stored, 2);
    QVERIFY(pretty);
    QCOMPARE(*pretty, QStringLiteral("{\n"
                                     "  \"zeta\": 1.50,\n"
                                     "  \"alpha\": {\n"
                                     "    \"m\": [],\n"
                                     "    \"b\": {}\n"
                                     "  },\n"
                                     "  \"e\": \"\\u0041\"\n"
                                     "}"));
    QCOMPARE(*JsonText::minify(*pretty), stored);
    QVERIFY(JsonText::isStructured(stored));
    QVERIFY(!JsonText::isStructured(QStringLiteral("42")));
    QVERIFY(JsonText::looksStructured(QStringLiteral("  [ broken")));
}

void TestEditorLogic::minifyKeepsStrings()
{
    const QString text = QStringLiteral("[ \"a b , : { }\" ,\n\t 2 ]");
    QCOMPARE(*JsonText::minify(text), QStringLiteral("[\"a b , : { }\",2]"));
}

void TestEditorLogic::refusesDeepNesting()
{
    const QString deep = QString(100000, u'[') + QString(100000, u']');
    const JsonText::Check check = JsonText::check(deep);
    QVERIFY(!check.valid);
    QVERIFY(check.offset <= JsonText::maxDepth + 2);
    const QString fine = QString(100, u'[') + QString(100, u']');
    QVERIFY(JsonText::check(fine).valid);
}

void TestEditorLogic::draftsPerKey()
{
    DraftStore drafts;
    client::Node a;
    a.key = QStringLiteral("/a");
    a.value = QStringLiteral("1");
    a.modifiedIndex = 7;
    client::Node b = a;
    b.key = QStringLiteral("/b");
    drafts.keep(a, QStringLiteral("edit-a"));
    drafts.keep(b, QStringLiteral("edit-b"));
    QCOMPARE(drafts.size(), 2);
    QCOMPARE(drafts.draft(QStringLiteral("/a"))->text, QStringLiteral("edit-a"));
    QCOMPARE(drafts.draft(QStringLiteral("/a"))->base.modifiedIndex, quint64(7));
    // The stored value itself is no draft.
    drafts.keep(a, QStringLiteral("1"));
    QVERIFY(!drafts.contains(QStringLiteral("/a")));
    drafts.drop(QStringLiteral("/b"));
    QCOMPARE(drafts.size(), 0);
}

void TestEditorLogic::marksChangedLines()
{
    const LineDiff::Marks m =
        LineDiff::compare(QStringLiteral("a\nb\nc\nd"), QStringLiteral("a\nB\nc\nd\ne"));
    QCOMPARE(m.a, (QList<bool>{false, true, false, false}));
    QCOMPARE(m.b, (QList<bool>{false, true, false, false, true}));
}

void TestEditorLogic::mergesThreeWays_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("mine");
    QTest::addColumn<QString>("theirs");
    QTest::addColumn<QString>("merged");
    QTest::addColumn<int>("conflicts");
    QTest::newRow("different lines") << "a\nb\nc\nd"
                                     << "A\nb\nc\nd"
                                     << "a\nb\nc\nD"
                                     << "A\nb\nc\nD" << 0;
    QTest::newRow("insert and delete") << "a\nb\nc"
                                       << "a\nx\nb\nc"
                                       << "a\nb"
                                       << "a\nx\nb" << 0;
    QTest::newRow("neighbouring lines") << "{\n  a: 1,\n  b: 2\n}"
                                        << "{\n  a: 5,\n  b: 2\n}"
                                        << "{\n  a: 1,\n  b: 7\n}"
                                        << "{\n  a: 5,\n  b: 7\n}" << 0;
    QTest::newRow("same change") << "a\nb"
                                 << "a\nB"
                                 << "a\nB"
                                 << "a\nB" << 0;
    QTest::newRow("only theirs") << "a"
                                 << "a"
                                 << "t"
                                 << "t" << 0;
    QTest::newRow("conflict")
        << "a\nb\nc"
        << "a\nmine\nc"
        << "a\ntheirs\nc"
        << "a\n<<<<<<< mine\nmine\n||||||| base\nb\n=======\ntheirs\n>>>>>>> theirs\nc" << 1;
}

void TestEditorLogic::mergesThreeWays()
{
    QFETCH(QString, base);
    QFETCH(QString, mine);
    QFETCH(QString, theirs);
    QFETCH(QString, merged);
    QFETCH(int, conflicts);
    const LineDiff::Merge m = LineDiff::merge(base, mine, theirs);
    QCOMPARE(m.text, merged);
    QCOMPARE(m.conflicts, conflicts);
    QCOMPARE(LineDiff::hasConflictMarkers(m.text), conflicts > 0);
}

QTEST_APPLESS_MAIN(TestEditorLogic)
#include "tst_editorlogic.moc"
