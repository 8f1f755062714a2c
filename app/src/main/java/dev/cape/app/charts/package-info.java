/**
 * The chart panels: one tab per chart (JFreeChart-FX viewers), rebuilt whenever the analysis result, the selected
 * models or the theme change, each exportable as PNG or SVG at a chosen size and copyable to the clipboard; and
 * the export of every chart to a folder.
 */
package dev.cape.app.charts;
