/** The application: the {@code cape} command line and (later) the JavaFX workbench; all computation lives in analysis and inference. */
package dev.cape.app;
