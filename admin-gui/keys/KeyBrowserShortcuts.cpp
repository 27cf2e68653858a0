// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyBrowserShortcuts.h"

#include <QAction>
#include <QLineEdit>
#include <QMenu>
#include <QPointer>
#include <QToolBar>
#include <QTreeView>

namespace admin {

void KeyBrowserShortcuts::install(QWidget *page, QTreeView *tree, QLineEdit *filter,
                                  QLineEdit *gotoEdit, QToolBar *toolBar)
{
    auto focusOn = [page](QLineEdit *edit, const QString &text, const char *name,
                          const QKeySequence &keys) {
        auto *action = new QAction(text, page);
        action->setObjectName(QLatin1String(name));
        action->setShortcut(keys);
        // Only while the key page is shown (a hidden widget's shortcut
        // does not fire), in whichever of its children has the focus.
        action->setShortcutContext(Qt::WindowShortcut);
        page->addAction(action);
        QObject::connect(action, &QAction::triggered, edit, [edit] {
            edit->setFocus(Qt::ShortcutFocusReason);
            edit->selectAll();
        });
        edit->setToolTip(keys.toString(QKeySequence::NativeText));
    };
    focusOn(filter, tr("Filter loaded keys"), "focusFilterAction", QKeySequence::Find);
    focusOn(gotoEdit, tr("Go to key"), "goToKeyAction", QKeySequence(Qt::CTRL | Qt::Key_L));

    tree->setContextMenuPolicy(Qt::CustomContextMenu);
    QObject::connect(tree, &QWidget::customContextMenuRequested, page,
                     [tree, toolBar](const QPoint &pos) {
                         const QModelIndex index = tree->indexAt(pos);
                         if (index.isValid())
                             tree->setCurrentIndex(index); // the menu acts on the row clicked
                         auto *menu = new QMenu(tree);
                         menu->setObjectName(QStringLiteral("keyContextMenu"));
                         menu->setAttribute(Qt::WA_DeleteOnClose);
                         // The toolbar's own actions: same shortcuts, same enabling.
                         menu->addActions(toolBar->actions());
                         menu->popup(tree->viewport()->mapToGlobal(pos));
                     });
}

} // namespace admin
