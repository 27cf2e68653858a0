// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "app/Severity.h"

#include <QFrame>
#include <QList>
#include <QTimer>

class QAction;
class QHBoxLayout;
class QLabel;
class QToolButton;

namespace admin {

// A coloured strip above a page that tells the user what happened without
// stopping them (the app's replacement for modal error boxes): a message,
// optional buttons for what they can do about it (e.g. Reload, Retry), and
// a close button. Info and success messages hide themselves after a few
// seconds; warnings and errors stay until closed or replaced.
//
// A banner never moves the page under the mouse (clicks used to land on
// the wrong row when one appeared): in its parent's layout it takes a fixed
// slot of reservedHeight() (0 by default) that does not change whether a
// message shows or not, and the message is drawn over the widgets below the
// slot (raised above them) when it needs more. With a reserved height of one
// line (setReserveOneLine()) short messages cover nothing.
// The banner widget itself is always shown; isShowingMessage() says whether
// a message is up.
// Does not own the actions. GUI thread only.
class MessageBanner : public QFrame
{
    Q_OBJECT
public:
    explicit MessageBanner(QWidget *parent = nullptr);

    void showMessage(Severity severity, const QString &text, const QList<QAction *> &actions = {});
    void dismiss();

    QString text() const;
    Severity severity() const { return m_severity; }
    bool isShowingMessage() const { return m_showing; }
    // Height of the slot kept in the layout, message or not.
    int reservedHeight() const { return m_reserved; }
    void setReservedHeight(int pixels);
    void setReserveOneLine();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // The slot does not grow with the text (the message overlays instead).
    bool hasHeightForWidth() const override { return false; }
    // Tests and screenshots: no auto-hide.
    void setAutoHide(bool on) { m_autoHideEnabled = on; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void moveEvent(QMoveEvent *event) override;

private:
    int wantedHeight() const;
    void fitHeight();

    QWidget *m_body;
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    QToolButton *m_close;
    QTimer m_autoHide;
    Severity m_severity = Severity::Info;
    bool m_autoHideEnabled = true;
    bool m_showing = false;
    bool m_fitting = false;
    int m_reserved = 0;
};

} // namespace admin
