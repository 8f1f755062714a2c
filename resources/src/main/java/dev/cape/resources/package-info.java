/**
 * Data the product ships, with its sources: the public benchmark scores of base and frontier models that
 * the workbench and {@code cape diagnose} use when the user gives no file of their own.
 */
package dev.cape.resources;
