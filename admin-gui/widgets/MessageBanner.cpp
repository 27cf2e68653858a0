// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "widgets/MessageBanner.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace admin {

MessageBanner::MessageBanner(QWidget *parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("messageBanner"));
    setFrameShape(QFrame::NoFrame);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSizeConstraint(QLayout::SetNoConstraint);
    m_body = new QWidget(this);
    outer->addWidget(m_body);
    auto *layout = new QHBoxLayout(m_body);
    layout->setContentsMargins(8, 4, 4, 4);
    m_icon = new QLabel(m_body);
    m_text = new QLabel(m_body);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setObjectName(QStringLiteral("bannerText"));
    m_buttons = new QHBoxLayout;
    m_close = new QToolButton(m_body);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setToolTip(tr("Close"));
    connect(m_close, &QToolButton::clicked, this, &MessageBanner::dismiss);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_buttons);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    m_autoHide.setSingleShot(true);
    connect(&m_autoHide, &QTimer::timeout, this, &MessageBanner::dismiss);
    m_body->hide();
}

void MessageBanner::setReservedHeight(int pixels)
{
    m_reserved = qMax(0, pixels);
    updateGeometry();
}

void MessageBanner::setReserveOneLine()
{
    // What a one-line message with a button needs, measured once.
    const int text = fontMetrics().height();
    const int button = QPushButton(QStringLiteral("X")).sizeHint().height();
    const QMargins m = m_body->layout()->contentsMargins();
    setReservedHeight(qMax(text, button) + m.top() + m.bottom());
}

QSize MessageBanner::sizeHint() const
{
    return QSize(QFrame::sizeHint().width(), m_reserved);
}

QSize MessageBanner::minimumSizeHint() const
{
    return QSize(0, m_reserved);
}

int MessageBanner::wantedHeight() const
{
    if (!m_showing)
        return m_reserved;
    QLayout *l = m_body->layout();
    const int content =
        l->hasHeightForWidth() ? l->totalHeightForWidth(width()) : l->totalSizeHint().height();
    return qMax(m_reserved, content);
}

// The layout gives the banner its reserved slot; a message that needs more
// grows the widget over what lies below, without asking the layout (which
// would move everything down).
void MessageBanner::fitHeight()
{
    if (m_fitting)
        return;
    const int wanted = wantedHeight();
    if (height() == wanted)
        return;
    m_fitting = true;
    resize(width(), wanted);
    m_fitting = false;
}

void MessageBanner::resizeEvent(QResizeEvent *event)
{
    QFrame::resizeEvent(event);
    fitHeight();
}

void MessageBanner::moveEvent(QMoveEvent *event)
{
    QFrame::moveEvent(event);
    fitHeight();
}

QString MessageBanner::text() const
{
    return m_text->text();
}

void MessageBanner::showMessage(Severity severity, const QString &text,
                                const QList<QAction *> &actions)
{
    m_severity = severity;
    m_text->setText(text);
    QStyle::StandardPixmap icon = QStyle::SP_MessageBoxInformation;
    QString colors;
    switch (severity) {
    case Severity::Info:
        colors = QStringLiteral("background:#e8f1fb; border:1px solid #9cc3ea; color:#123;");
        break;
    case Severity::Success:
        colors = QStringLiteral("background:#e7f6ea; border:1px solid #8fcf9c; color:#123;");
        break;
    case Severity::Warning:
        icon = QStyle::SP_MessageBoxWarning;
        colors = QStringLiteral("background:#fff4e0; border:1px solid #f0b454; color:#321;");
        break;
    case Severity::Error:
        icon = QStyle::SP_MessageBoxCritical;
        colors = QStringLiteral("background:#fdeaea; border:1px solid #e08a8a; color:#311;");
        break;
    }
    // By the current name: the pages rename their banners.
    setStyleSheet(QStringLiteral("QFrame#%1{%2 border-radius:3px;}").arg(objectName(), colors));
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, this);
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(size, size));

    // deleteLater: the button being clicked may be what replaced the message.
    while (QLayoutItem *item = m_buttons->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    for (QAction *action : actions) {
        auto *button = new QPushButton(action->text(), m_body);
        button->setObjectName(action->objectName());
        // Hide first: the action may show a new message that must stay.
        connect(button, &QPushButton::clicked, this, &MessageBanner::dismiss);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        m_buttons->addWidget(button);
    }
    m_showing = true;
    m_body->show();
    show();
    raise();
    fitHeight();
    m_autoHide.stop();
    if (m_autoHideEnabled && actions.isEmpty() &&
        (severity == Severity::Info || severity == Severity::Success))
        m_autoHide.start(6000);
}

void MessageBanner::dismiss()
{
    m_autoHide.stop();
    m_showing = false;
    m_body->hide();
    setStyleSheet(QString());
    fitHeight();
}

} // namespace admin
