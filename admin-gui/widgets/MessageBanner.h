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
    bool isShowingMessage() const { return !isHidden(); }
    // Tests and screenshots: no auto-hide.
    void setAutoHide(bool on) { m_autoHideEnabled = on; }

private:
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_buttons;
    QToolButton *m_close;
    QTimer m_autoHide;
    Severity m_severity = Severity::Info;
    bool m_autoHideEnabled = true;
};

} // namespace admin
