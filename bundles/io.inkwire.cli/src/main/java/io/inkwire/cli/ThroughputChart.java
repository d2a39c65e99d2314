package io.inkwire.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * A PNG line chart of throughput (MB/s, log scale) against message size (log scale): one line per
 * series. Drawn with Java2D in headless mode, so it needs no display and no plotting library.
 */
final class ThroughputChart {

    /** One line: points by message size, in MB/s. */
    record Series(String name, Color color, boolean dashed, Map<Integer, Double> points) {
    }

    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private ThroughputChart() {
    }

    static void write(Path file, String title, List<Series> series) throws IOException {
        System.setProperty("java.awt.headless", "true");
        TreeSet<Integer> sizes = new TreeSet<>();
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (Series s : series) {
            for (Map.Entry<Integer, Double> p : s.points().entrySet()) {
                if (p.getValue() > 0) {
                    sizes.add(p.getKey());
                    lo = Math.min(lo, p.getValue());
                    hi = Math.max(hi, p.getValue());
                }
            }
        }
        if (sizes.isEmpty()) {
            throw new IllegalArgumentException("nothing to plot");
        }
        double yMin = Math.pow(10, Math.floor(Math.log10(lo)));
        double yMax = Math.pow(10, Math.ceil(Math.log10(hi * 1.01)));
        double xMin = Math.log(sizes.first()) / Math.log(2) - 0.5;
        double xMax = Math.log(sizes.last()) / Math.log(2) + 0.5;

        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        g.setFont(font);
        FontMetrics fm = g.getFontMetrics();
        int plotW = W - LEFT - RIGHT;
        int plotH = H - TOP - BOTTOM;

        // grid and y labels: decades, with 2 and 5 as minor lines
        for (double d = yMin; d <= yMax * 1.0001; d *= 10) {
            for (int m : new int[] {1, 2, 5}) {
                double v = d * m;
                if (v > yMax * 1.0001) {
                    break;
                }
                int y = TOP + plotH - (int) Math.round((Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin)) * plotH);
                g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(235, 235, 235));
                g.drawLine(LEFT, y, LEFT + plotW, y);
                g.setColor(Color.DARK_GRAY);
                String label = v >= 1 ? String.format("%,.0f", v) : String.format("%.2g", v);
                if (m == 1 || (Math.log10(yMax) - Math.log10(yMin)) <= 3) {
                    g.drawString(label, LEFT - 8 - fm.stringWidth(label), y + fm.getAscent() / 2 - 1);
                }
            }
        }
        // x labels at each measured size
        for (int s : sizes) {
            int x = xPixel(s, xMin, xMax, plotW);
            g.setColor(new Color(225, 225, 225));
            g.drawLine(x, TOP, x, TOP + plotH);
            g.setColor(Color.DARK_GRAY);
            String label = BenchReport.sizeName(s);
            g.drawString(label, x - fm.stringWidth(label) / 2, TOP + plotH + fm.getHeight() + 2);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString("message size", LEFT + plotW / 2 - fm.stringWidth("message size") / 2, H - 18);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("MB/s (log scale)", -(TOP + plotH / 2) - fm.stringWidth("MB/s (log scale)") / 2, 22);
        rotated.dispose();
        Font bold = font.deriveFont(Font.BOLD, 15f);
        g.setFont(bold);
        g.drawString(title, LEFT, TOP - 20);
        g.setFont(font);

        // series, then the legend on a white box over them
        for (Series s : series) {
            List<int[]> pts = new ArrayList<>();
            for (Map.Entry<Integer, Double> p : new TreeMap<>(s.points()).entrySet()) {
                if (p.getValue() > 0) {
                    int x = xPixel(p.getKey(), xMin, xMax, plotW);
                    int y = TOP + plotH - (int) Math.round((Math.log10(p.getValue()) - Math.log10(yMin))
                            / (Math.log10(yMax) - Math.log10(yMin)) * plotH);
                    pts.add(new int[] {x, y});
                }
            }
            Stroke stroke = s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2.5f);
            g.setColor(s.color());
            g.setStroke(stroke);
            for (int i = 1; i < pts.size(); i++) {
                g.drawLine(pts.get(i - 1)[0], pts.get(i - 1)[1], pts.get(i)[0], pts.get(i)[1]);
            }
            g.setStroke(new BasicStroke(1f));
            for (int[] p : pts) {
                g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
            }
        }
        int boxW = 0;
        for (Series s : series) {
            boxW = Math.max(boxW, fm.stringWidth(s.name()) + 62);
        }
        g.setColor(Color.WHITE);
        g.fillRect(LEFT + 6, TOP + 4, boxW, series.size() * (fm.getHeight() + 2) + 8);
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(LEFT + 6, TOP + 4, boxW, series.size() * (fm.getHeight() + 2) + 8);
        int legendY = TOP + 8 + fm.getAscent();
        for (Series s : series) {
            g.setColor(s.color());
            g.setStroke(s.dashed() ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2.5f));
            g.drawLine(LEFT + 14, legendY - 4, LEFT + 44, legendY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(s.name(), LEFT + 52, legendY);
            legendY += fm.getHeight() + 2;
        }
        g.dispose();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(img, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static int xPixel(int size, double xMin, double xMax, int plotW) {
        double l = Math.log(size) / Math.log(2);
        return LEFT + (int) Math.round((l - xMin) / (xMax - xMin) * plotW);
    }
}
