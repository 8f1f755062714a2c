/**
 * The language model that the head inspector and the steering console share: which folder or {@code model.bin} it
 * comes from, loading it in the background, and running one job at a time on it, with progress and cancel.
 */
package dev.cape.app.model;
