package dev.cape.inference.hook;

import ai.djl.ndarray.NDArray;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hook sessions open on one model, and the points that model fires. The forward pass asks {@link #wants} before
 * computing optional values (hook_result) and passes every point's value through {@link #fire}.
 */
public final class HookRegistry {

    private static final Pattern BLOCK_PREFIX = Pattern.compile("blocks\\.(\\d+)\\..*");

    private final List<String> points;
    private final Set<String> pointSet;
    private final CopyOnWriteArrayList<HookSession> sessions = new CopyOnWriteArrayList<>();

    /** @param points the hook points the model fires ({@link HookPoints#all}) */
    public HookRegistry(List<String> points) {
        this.points = List.copyOf(points);
        this.pointSet = Set.copyOf(points);
    }

    /** Opens a new, empty session; its hooks are active until it is closed. */
    public HookSession open() {
        HookSession s = new HookSession(this);
        sessions.add(s);
        return s;
    }

    /** The points of this model, in firing order. */
    public List<String> points() {
        return points;
    }

    /** Whether any open session hooks {@code point}. */
    public boolean wants(String point) {
        for (HookSession s : sessions) {
            if (s.wants(point)) {
                return true;
            }
        }
        return false;
    }

    /** Runs the hooks of every open session on {@code x}; returns the (possibly replaced) value. */
    public NDArray fire(String point, NDArray x, int positionOffset) {
        if (sessions.isEmpty()) {
            return x;
        }
        HookContext ctx = new HookContext(point, HookPoints.layerOf(point), positionOffset);
        NDArray current = x;
        for (HookSession s : sessions) {
            current = s.fire(current, ctx);
        }
        return current;
    }

    /** Number of open sessions. */
    public int openSessions() {
        return sessions.size();
    }

    void remove(HookSession s) {
        sessions.remove(s);
    }

    void checkPoint(String point) {
        if (pointSet.contains(point)) {
            return;
        }
        Matcher m = BLOCK_PREFIX.matcher(point == null ? "" : point);
        String hint = m.matches() ? " (layers and points of this model: " + points.get(1) + " ... "
                + points.get(points.size() - 2) + ")" : "";
        throw new IllegalArgumentException("unknown hook point '" + point + "'" + hint
                + "; names: hook_embed, blocks.{L}.hook_resid_pre, blocks.{L}.attn.hook_pattern, blocks.{L}.attn.hook_z,"
                + " blocks.{L}.attn.hook_result, blocks.{L}.hook_attn_out, blocks.{L}.hook_resid_mid,"
                + " blocks.{L}.hook_mlp_out, blocks.{L}.hook_resid_post, hook_final_norm");
    }
}
