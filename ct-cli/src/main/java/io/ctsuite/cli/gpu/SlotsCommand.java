package io.ctsuite.cli.gpu;

import picocli.CommandLine.Command;

/** {@code ct gpu slots}: share one machine's GPUs between builds without clashes. */
@Command(
    name = "slots",
    mixinStandardHelpOptions = true,
    description = {
      "Share a static multi-GPU machine's GPUs between builds.",
      "",
      "Each build leases a disjoint set of GPUs and is confined to them by",
      "CUDA_VISIBLE_DEVICES; leases expire unless renewed, so a crashed build's",
      "GPUs come back. Without a subcommand: show the GPUs and their leases."
    },
    subcommands = {
      SlotsShowCommand.class,
      SlotsLeaseCommand.class,
      SlotsRenewCommand.class,
      SlotsReleaseCommand.class
    })
public class SlotsCommand extends SlotsOverview {}
