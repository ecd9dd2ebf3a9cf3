package io.ctsuite.cli.support;

import io.ctsuite.core.InputException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions into one clear message and exit code 2. A stack trace is printed only when
 * CT_DEBUG is set, so that users never see a trace as the only output.
 */
public final class ErrorHandler
    implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    err.println(cli.getCommandSpec().qualifiedName() + ": " + describe(ex));
    if (System.getenv("CT_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("ct: " + ex.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
      err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    }
    err.flush();
    return ExitCode.USAGE;
  }

  @Override
  public int getExitCode(Throwable exception) {
    return ExitCode.USAGE;
  }

  static String describe(Throwable ex) {
    if (ex instanceof InputException) {
      return ex.getMessage();
    }
    if (ex instanceof UncheckedIOException && ex.getCause() != null) {
      // new UncheckedIOException(cause) only repeats the cause's toString(); a message of its own
      // is the sentence the code that threw it wrote
      String own = ex.getMessage();
      return own == null || own.equals(ex.getCause().toString()) ? describe(ex.getCause()) : own;
    }
    if (ex instanceof NoSuchFileException e) {
      return "no such file: " + e.getFile();
    }
    String message = ex.getMessage();
    return message == null || message.isBlank()
        ? ex.getClass().getSimpleName() + " (set CT_DEBUG=1 for details)"
        : message;
  }
}
