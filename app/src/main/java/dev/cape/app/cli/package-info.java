/** The picocli command line: one command class per {@code cape} subcommand, exit codes and error reporting. */
package dev.cape.app.cli;
