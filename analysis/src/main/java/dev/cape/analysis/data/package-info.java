/**
 * The data model of the analysis and how it is read: {@link dev.cape.analysis.data.ModelRecord} (one base model:
 * size, width, benchmark scores as fractions), {@link dev.cape.analysis.data.Dataset} (models in file order with
 * import notes), the CSV import ({@link dev.cape.analysis.data.CsvImporter}, with header aliases in
 * {@link dev.cape.analysis.data.ColumnAliases} and explicit choices in
 * {@link dev.cape.analysis.data.ColumnMapping}) that turns any reasonable model table into them or fails with one
 * {@link dev.cape.analysis.data.DataFormatException}, and {@link dev.cape.analysis.data.BundledData}, the public
 * scores the product ships.
 */
package dev.cape.analysis.data;
