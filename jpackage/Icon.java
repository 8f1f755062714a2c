import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the installer icon: a coupling curve (reasoning–truthfulness correlation against log model size) that starts
 * below zero (the "tax" phase, red) and crosses the zero line into the cooperative phase (green) at N_c.
 * Writes icon.png (Linux, 256 × 256), icon.ico (Windows: one PNG entry) and icon.icns (macOS: one ic08 PNG entry).
 * Run from the repository root: {@code java jpackage/Icon.java jpackage}.
 */
public final class Icon {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        int s = 256;
        BufferedImage img = new BufferedImage(s, s, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(new Color(0x1f2a44));
        g.fill(new RoundRectangle2D.Double(8, 8, s - 16, s - 16, 48, 48));
        // the zero line
        double zero = 128;
        g.setColor(new Color(0x8a94a8));
        g.setStroke(new BasicStroke(4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {10f, 10f}, 0f));
        g.drawLine(36, (int) zero, s - 36, (int) zero);
        // the coupling curve: a logistic in x, negative left of N_c, positive right of it
        Path2D tax = new Path2D.Double();
        Path2D coop = new Path2D.Double();
        double nc = s / 2.0;
        for (int x = 40; x <= s - 40; x++) {
            double y = zero - 78 * Math.tanh((x - nc) / 34.0);
            Path2D p = x <= nc ? tax : coop;
            if (p.getCurrentPoint() == null) {
                p.moveTo(x, y);
            } else {
                p.lineTo(x, y);
            }
            if (x == (int) nc) {
                coop.moveTo(x, y);
            }
        }
        g.setStroke(new BasicStroke(14f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.setColor(new Color(0xe4572e));
        g.draw(tax);
        g.setColor(new Color(0x4caf50));
        g.draw(coop);
        // N_c: the crossing
        g.setColor(Color.WHITE);
        g.fillOval((int) nc - 14, (int) zero - 14, 28, 28);
        g.dispose();

        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        byte[] bytes = png.toByteArray();
        Files.write(dir.resolve("icon.png"), bytes);

        // ICO: header (reserved, type 1, one image) + one directory entry (0 = 256 px) + the PNG itself
        ByteBuffer ico = ByteBuffer.allocate(6 + 16 + bytes.length).order(ByteOrder.LITTLE_ENDIAN);
        ico.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        ico.put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0).putShort((short) 1).putShort((short) 32);
        ico.putInt(bytes.length).putInt(6 + 16).put(bytes);
        Files.write(dir.resolve("icon.ico"), ico.array());

        // ICNS: 'icns' + total length, one 'ic08' (256 × 256 PNG) element; lengths big-endian and include headers
        ByteBuffer icns = ByteBuffer.allocate(8 + 8 + bytes.length).order(ByteOrder.BIG_ENDIAN);
        icns.put("icns".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16 + bytes.length);
        icns.put("ic08".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(8 + bytes.length).put(bytes);
        Files.write(dir.resolve("icon.icns"), icns.array());
    }
}
