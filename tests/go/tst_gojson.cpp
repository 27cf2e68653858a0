// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// GoJson must write what Go's encoding/json writes for etcd 3.4 (Go 1.19), byte
// for byte. The expected bytes of the "etcd 3.4.23" rows were read from a real
// etcd --enable-v2 answering a PUT of the same value with curl.
#include "go/GoJson.h"
#include "go/GoUtf8.h"

#include <QTest>

class tst_GoJson : public QObject
{
    Q_OBJECT
private slots:
    void strings_data();
    void strings();
    void appendsAfterExistingBytes();
    void decodeRune_data();
    void decodeRune();
};

void tst_GoJson::strings_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<QByteArray>("out");
    QTest::newRow("empty") << QByteArray() << QByteArray("\"\"");
    QTest::newRow("plain") << QByteArray("Hello world") << QByteArray("\"Hello world\"");
    QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("newline tab cr") << QByteArray("a\nb\tc\r") << QByteArray("\"a\\nb\\tc\\r\"");
    QTest::newRow("nul") << QByteArray("a\0b", 3) << QByteArray("\"a\\u0000b\"");
    QTest::newRow("control") << QByteArray("\x01\x1f") << QByteArray("\"\\u0001\\u001f\"");
    // Go writes "\b" and "\f" only since 1.22; etcd 3.4's Go 1.19 writes \u00XX.
    QTest::newRow("backspace formfeed like go 1.19")
        << QByteArray("\b\f") << QByteArray("\"\\u0008\\u000c\"");
    QTest::newRow("html escaped") << QByteArray("<a&b>")
                                  << QByteArray("\"\\u003ca\\u0026b\\u003e\"");
    QTest::newRow("del kept") << QByteArray("a\x7f") << QByteArray("\"a\x7f\"");
    QTest::newRow("space and printable ascii kept")
        << QByteArray(" ~/'=") << QByteArray("\" ~/'=\"");
    QTest::newRow("line separator") << QByteArray("\xe2\x80\xa8") << QByteArray("\"\\u2028\"");
    QTest::newRow("paragraph separator")
        << QByteArray("x\xe2\x80\xa9y") << QByteArray("\"x\\u2029y\"");
    QTest::newRow("other E2 80 char kept") << QByteArray("\xe2\x80\xa6") // U+2026
                                           << QByteArray("\"\xe2\x80\xa6\"");
    QTest::newRow("euro kept") << QByteArray("\xe2\x82\xac") << QByteArray("\"\xe2\x82\xac\"");
    QTest::newRow("two, three, four bytes kept")
        << QByteArray("\xc3\xa9\xe4\xbd\xa0\xf0\x9f\x98\x80")
        << QByteArray("\"\xc3\xa9\xe4\xbd\xa0\xf0\x9f\x98\x80\"");
    QTest::newRow("U+10FFFF kept")
        << QByteArray("\xf4\x8f\xbf\xbf") << QByteArray("\"\xf4\x8f\xbf\xbf\"");
    QTest::newRow("valid U+FFFD kept as bytes")
        << QByteArray("\xef\xbf\xbd") << QByteArray("\"\xef\xbf\xbd\"");
    // Invalid UTF-8: one \ufffd per byte Go's DecodeRune rejects, resuming at the
    // next byte. The server's old copy (api/JsonWriter) passed these bytes
    // through; the client's (client/GoText) wrote what Go writes, as here.
    QTest::newRow("invalid: lone FF") << QByteArray("a\xff") << QByteArray("\"a\\ufffd\"");
    QTest::newRow("invalid: stray continuation")
        << QByteArray("\x80\xbf") << QByteArray("\"\\ufffd\\ufffd\"");
    QTest::newRow("invalid: C0 80 overlong")
        << QByteArray("\xc0\x80") << QByteArray("\"\\ufffd\\ufffd\"");
    QTest::newRow("invalid: E0 80 80 overlong")
        << QByteArray("\xe0\x80\x80") << QByteArray("\"\\ufffd\\ufffd\\ufffd\"");
    QTest::newRow("invalid: surrogate ED A0 80")
        << QByteArray("\xed\xa0\x80") << QByteArray("\"\\ufffd\\ufffd\\ufffd\"");
    QTest::newRow("invalid: above U+10FFFF")
        << QByteArray("\xf4\x90\x80\x80") << QByteArray("\"\\ufffd\\ufffd\\ufffd\\ufffd\"");
    QTest::newRow("invalid: F5 lead") << QByteArray("\xf5\x80") << QByteArray("\"\\ufffd\\ufffd\"");
    QTest::newRow("invalid: cut short then ascii")
        << QByteArray("\xe2\x80x") << QByteArray("\"\\ufffd\\ufffdx\"");
    QTest::newRow("invalid: cut short at end")
        << QByteArray("ok\xf0\x9f\x98") << QByteArray("\"ok\\ufffd\\ufffd\\ufffd\"");
    QTest::newRow("invalid: E2 80 then separator")
        << QByteArray("\xe2\x80\xe2\x80\xa8") << QByteArray("\"\\ufffd\\ufffd\\u2028\"");
    QTest::newRow("invalid: escape after invalid")
        << QByteArray("\xff<") << QByteArray("\"\\ufffd\\u003c\"");
    QTest::newRow("etcd 3.4.23")
        << QByteArray("<>&\"\\\x01\b\f\t\n\r\x7f\xe2\x80\xa8\xe2\x80\xa9\xff\xed\xa0\x80\xc0\x80"
                      "\xe2\x80x\xef\xbf\xbd\xf4\x90\x80\x80\xf0\x9f\x98\x80")
        << QByteArray("\"\\u003c\\u003e\\u0026\\\"\\\\\\u0001\\u0008\\u000c\\t\\n\\r\x7f"
                      "\\u2028\\u2029\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffd\\ufffdx"
                      "\xef\xbf\xbd\\ufffd\\ufffd\\ufffd\\ufffd\xf0\x9f\x98\x80\"");
}

void tst_GoJson::strings()
{
    QFETCH(QByteArray, in);
    QFETCH(QByteArray, out);
    QCOMPARE(go::GoJson::string(in), out);
}

void tst_GoJson::appendsAfterExistingBytes()
{
    QByteArray out("{\"value\":");
    go::GoJson::appendString(out, "a<b");
    QCOMPARE(out, QByteArray("{\"value\":\"a\\u003cb\""));
}

void tst_GoJson::decodeRune_data()
{
    QTest::addColumn<QByteArray>("in");
    QTest::addColumn<int>("rune");
    QTest::addColumn<int>("length");
    QTest::newRow("ascii") << QByteArray("a") << int('a') << 1;
    QTest::newRow("nul") << QByteArray("\0", 1) << 0 << 1;
    QTest::newRow("U+0080") << QByteArray("\xc2\x80") << 0x80 << 2;
    QTest::newRow("U+07FF") << QByteArray("\xdf\xbf") << 0x7FF << 2;
    QTest::newRow("U+0800") << QByteArray("\xe0\xa0\x80") << 0x800 << 3;
    QTest::newRow("U+D7FF") << QByteArray("\xed\x9f\xbf") << 0xD7FF << 3;
    QTest::newRow("U+E000") << QByteArray("\xee\x80\x80") << 0xE000 << 3;
    QTest::newRow("U+FFFF") << QByteArray("\xef\xbf\xbf") << 0xFFFF << 3;
    QTest::newRow("U+10000") << QByteArray("\xf0\x90\x80\x80") << 0x10000 << 4;
    QTest::newRow("U+10FFFF") << QByteArray("\xf4\x8f\xbf\xbf") << 0x10FFFF << 4;
    QTest::newRow("continuation") << QByteArray("\x80") << -1 << 1;
    QTest::newRow("C1 overlong") << QByteArray("\xc1\xbf") << -1 << 1;
    QTest::newRow("E0 overlong") << QByteArray("\xe0\x9f\xbf") << -1 << 1;
    QTest::newRow("F0 overlong") << QByteArray("\xf0\x8f\xbf\xbf") << -1 << 1;
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << -1 << 1;
    QTest::newRow("above max") << QByteArray("\xf4\x90\x80\x80") << -1 << 1;
    QTest::newRow("F8") << QByteArray("\xf8\x88\x80\x80\x80") << -1 << 1;
    QTest::newRow("bad third byte") << QByteArray("\xe2\x82x") << -1 << 1;
    QTest::newRow("cut short") << QByteArray("\xf0\x9f\x98") << -1 << 1;
}

void tst_GoJson::decodeRune()
{
    QFETCH(QByteArray, in);
    QFETCH(int, rune);
    QFETCH(int, length);
    qsizetype len = 0;
    QCOMPARE(go::GoUtf8::decodeRune(in, 0, &len), rune);
    QCOMPARE(len, qsizetype(length));
}

QTEST_APPLESS_MAIN(tst_GoJson)
#include "tst_gojson.moc"
