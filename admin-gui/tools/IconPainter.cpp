// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd-admin-icons: paints the app's icons (resources/icons/*.png) with
// QPainter, so they have a reproducible source without an SVG toolchain
// (Debian's Qt SVG module is not a build dependency). Run it by hand after
// changing a drawing:  build/bin/qetcd-admin-icons resources/icons
// Not part of the app; not built by default.

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <functional>

namespace {

const QColor kBlue(0x41, 0x9e, 0xda); // etcd-ish blue
const QColor kDark(0x2b, 0x3a, 0x4a);
const QColor kGreen(0x2e, 0xa0, 0x43);
const QColor kOrange(0xf0, 0x8c, 0x00);
const QColor kRed(0xd0, 0x2f, 0x2f);

void save(const QString &dir, const QString &name, int size,
          const std::function<void(QPainter &)> &draw)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    p.scale(size / 64.0, size / 64.0);
    draw(p);
    p.end();
    image.save(QDir(dir).filePath(name), "PNG");
}

void appIcon(QPainter &p)
{
    // A rounded tile with a three-node cluster and a key.
    p.setPen(Qt::NoPen);
    p.setBrush(kBlue);
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12);
    p.setPen(QPen(Qt::white, 3));
    p.drawLine(QPointF(20, 22), QPointF(44, 22));
    p.drawLine(QPointF(20, 22), QPointF(32, 43));
    p.drawLine(QPointF(44, 22), QPointF(32, 43));
    p.setPen(Qt::NoPen);
    p.setBrush(Qt::white);
    for (const QPointF &c : {QPointF(20, 22), QPointF(44, 22), QPointF(32, 43)})
        p.drawEllipse(c, 7, 7);
    p.setBrush(kDark);
    p.drawEllipse(QPointF(32, 43), 3.2, 3.2);
    p.setBrush(kGreen);
    p.drawEllipse(QPointF(20, 22), 3.2, 3.2);
    p.drawEllipse(QPointF(44, 22), 3.2, 3.2);
}

void keysIcon(QPainter &p)
{
    p.setPen(QPen(kDark, 5, Qt::SolidLine, Qt::RoundCap));
    p.setBrush(Qt::NoBrush);
    p.drawEllipse(QPointF(20, 32), 11, 11);
    p.drawLine(QPointF(31, 32), QPointF(58, 32));
    p.drawLine(QPointF(50, 32), QPointF(50, 42));
    p.drawLine(QPointF(42, 32), QPointF(42, 40));
}

void watchIcon(QPainter &p)
{
    QPainterPath eye;
    eye.moveTo(4, 32);
    eye.quadTo(32, 6, 60, 32);
    eye.quadTo(32, 58, 4, 32);
    p.setPen(QPen(kDark, 4));
    p.setBrush(Qt::white);
    p.drawPath(eye);
    p.setPen(Qt::NoPen);
    p.setBrush(kBlue);
    p.drawEllipse(QPointF(32, 32), 11, 11);
    p.setBrush(kDark);
    p.drawEllipse(QPointF(32, 32), 5, 5);
}

void clusterIcon(QPainter &p)
{
    p.setPen(QPen(kDark, 4));
    p.drawLine(QPointF(14, 46), QPointF(32, 14));
    p.drawLine(QPointF(50, 46), QPointF(32, 14));
    p.drawLine(QPointF(14, 46), QPointF(50, 46));
    p.setPen(QPen(kDark, 3));
    p.setBrush(kBlue);
    for (const QPointF &c : {QPointF(14, 46), QPointF(50, 46), QPointF(32, 14)})
        p.drawEllipse(c, 10, 10);
}

void latencyIcon(QPainter &p)
{
    p.setPen(QPen(kDark, 3));
    p.drawLine(QPointF(6, 6), QPointF(6, 58));
    p.drawLine(QPointF(6, 58), QPointF(60, 58));
    p.setPen(QPen(kGreen, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF({QPointF(10, 48), QPointF(20, 44), QPointF(30, 46), QPointF(38, 40)}));
    p.setPen(QPen(kOrange, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF({QPointF(38, 40), QPointF(46, 28)}));
    p.setPen(QPen(kRed, 4, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    p.drawPolyline(QPolygonF({QPointF(46, 28), QPointF(54, 12)}));
}

void newKeyIcon(QPainter &p)
{
    keysIcon(p);
    p.setPen(Qt::NoPen);
    p.setBrush(kGreen);
    p.drawEllipse(QPointF(48, 14), 12, 12);
    p.setPen(QPen(Qt::white, 4, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(48, 7), QPointF(48, 21));
    p.drawLine(QPointF(41, 14), QPointF(55, 14));
}

void copyPathIcon(QPainter &p)
{
    p.setPen(QPen(kDark, 3));
    p.setBrush(Qt::white);
    p.drawRoundedRect(QRectF(8, 6, 34, 40), 4, 4);
    p.drawRoundedRect(QRectF(22, 18, 34, 40), 4, 4);
    p.setPen(QPen(kBlue, 4, Qt::SolidLine, Qt::RoundCap));
    p.drawLine(QPointF(30, 38), QPointF(38, 30));
    p.drawLine(QPointF(40, 44), QPointF(48, 36));
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(dir);
    save(dir, QStringLiteral("qetcd-admin.png"), 256, appIcon);
    save(dir, QStringLiteral("qetcd-admin-48.png"), 48, appIcon);
    save(dir, QStringLiteral("keys.png"), 32, keysIcon);
    save(dir, QStringLiteral("watch.png"), 32, watchIcon);
    save(dir, QStringLiteral("cluster.png"), 32, clusterIcon);
    save(dir, QStringLiteral("latency.png"), 32, latencyIcon);
    save(dir, QStringLiteral("new-key.png"), 32, newKeyIcon);
    save(dir, QStringLiteral("copy-path.png"), 32, copyPathIcon);
    return 0;
}
