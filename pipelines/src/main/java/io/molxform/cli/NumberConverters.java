package io.molxform.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine;

/** Whole numbers as people type them: underscores may group digits (1_000_000). */
final class NumberConverters {
  private NumberConverters() {}

  static void register(CommandLine cli) {
    ITypeConverter<Long> longs = NumberConverters::wholeNumber;
    ITypeConverter<Integer> ints = value -> {
      long number = wholeNumber(value);
      if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
        throw new TypeConversionException("'" + value + "' is too large");
      }
      return (int) number;
    };
    cli.registerConverter(Long.class, longs);
    cli.registerConverter(long.class, longs);
    cli.registerConverter(Integer.class, ints);
    cli.registerConverter(int.class, ints);
  }

  private static long wholeNumber(String value) {
    try {
      return Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new TypeConversionException("expected a whole number, got '" + value + "'");
    }
  }
}
