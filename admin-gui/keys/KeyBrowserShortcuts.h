// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QObject>

class QLineEdit;
class QToolBar;
class QTreeView;
class QWidget;

namespace admin {

// The key browser's keyboard and mouse shortcuts that are not toolbar
// buttons: Ctrl+F puts the cursor in the filter box, Ctrl+L in "Go to
// key", and a right click on the tree selects that row and offers the
// toolbar's actions (new, delete, copy path, export, import, ...) as a
// context menu, so they act on the row clicked.
//
// install() parents everything to `page`; the widgets stay the page's.
// GUI thread only.
class KeyBrowserShortcuts : public QObject
{
    Q_OBJECT
public:
    static void install(QWidget *page, QTreeView *tree, QLineEdit *filter, QLineEdit *gotoEdit,
                        QToolBar *toolBar);

private:
    using QObject::QObject;
};

} // namespace admin
