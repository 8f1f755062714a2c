package dev.cape.inference.hook;

/**
 * Where an edit hook fires.
 *
 * @param point          hook point name
 * @param layer          block index, or -1 for hook_embed / hook_final_norm
 * @param positionOffset absolute position of the first position in this forward (the KV cache length before it);
 *                       in a left-padded batch an index of the padded layout, counting the pad slots
 */
public record HookContext(String point, int layer, int positionOffset) {
}
