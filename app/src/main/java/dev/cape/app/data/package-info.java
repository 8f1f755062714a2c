/**
 * The data pane: the table of models with sorting, column filters and the family checklist, CSV import by drag and
 * drop or File ▸ Open merged into the session, the column-mapping dialog for unrecognised headers, and every import
 * problem listed in place.
 */
package dev.cape.app.data;
