/**
 * Small pieces shared by the workbench's views and view models: the {@link dev.cape.app.common.TaskRunner} that runs
 * all long work off the FX thread (and on the calling thread in tests), and the handle and callbacks it uses.
 */
package dev.cape.app.common;
