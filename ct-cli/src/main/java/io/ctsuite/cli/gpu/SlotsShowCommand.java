package io.ctsuite.cli.gpu;

import picocli.CommandLine.Command;

/** {@code ct gpu slots show}: every GPU of the machine, who holds it, how busy it is. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = "Show the machine's GPUs, their leases and (with nvidia-smi) their memory.")
public class SlotsShowCommand extends SlotsOverview {}
