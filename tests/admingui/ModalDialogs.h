// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QAbstractButton>
#include <QApplication>
#include <QMessageBox>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

// Answers the next modal dialog of a GUI test: the code under test calls
// exec(), which blocks in a nested event loop, so the answer is given from
// a timer once the dialog is open. Test thread only.
namespace modaldialogs {

// Calls `handle` with the next modal dialog once it is open (gives up
// after about five seconds).
inline void onNextModal(std::function<void(QWidget *)> handle)
{
    auto *timer = new QTimer;
    auto tries = std::make_shared<int>(0);
    QObject::connect(timer, &QTimer::timeout, [timer, tries, handle] {
        if (QWidget *w = QApplication::activeModalWidget()) {
            timer->stop();
            timer->deleteLater();
            handle(w);
        } else if (++*tries > 250) {
            timer->stop();
            timer->deleteLater();
        }
    });
    timer->start(20);
}

// Clicks a standard button of the next message box; `seen` (if given)
// receives the box's text and informative text.
inline void answerMessageBox(QMessageBox::StandardButton answer, std::shared_ptr<QString> seen = {})
{
    onNextModal([answer, seen](QWidget *w) {
        auto *box = qobject_cast<QMessageBox *>(w);
        QVERIFY(box);
        if (seen)
            *seen = box->text() + QLatin1Char('\n') + box->informativeText();
        QTest::mouseClick(box->button(answer), Qt::LeftButton);
    });
}

// Clicks the button named `objectName` of the next modal dialog.
inline void clickInNextModal(const QString &objectName, std::shared_ptr<QString> seen = {})
{
    onNextModal([objectName, seen](QWidget *w) {
        if (seen) {
            if (auto *box = qobject_cast<QMessageBox *>(w))
                *seen = box->text() + QLatin1Char('\n') + box->informativeText();
        }
        auto *button = w->findChild<QAbstractButton *>(objectName);
        QVERIFY2(button, qPrintable(objectName));
        QTest::mouseClick(button, Qt::LeftButton);
    });
}

} // namespace modaldialogs
