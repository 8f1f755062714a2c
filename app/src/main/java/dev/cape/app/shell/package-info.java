/**
 * The workbench window: the application class and its plain launcher, the main window with menus, the settings
 * panel, the status bar with the task in progress, the light and dark themes and the preferences that remember
 * layout, recent files and settings; with the view models that hold the session and its analysis.
 */
package dev.cape.app.shell;
