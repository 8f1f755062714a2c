/**
 * The head inspector: the census of every attention head of the loaded model against a truth direction and a
 * reasoning direction ({@link dev.cape.inference.heads.HeadCensus}), run on the shared model, shown as a layer × head
 * map of one chosen metric with the competing heads outlined, and as a sortable table of every head; below them the
 * attention pattern of one head on a prompt ({@link dev.cape.app.workflow.AttentionPattern}), following the head
 * selected in the table.
 */
package dev.cape.app.heads;
