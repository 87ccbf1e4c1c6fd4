package io.molxform.beam;

/**
 * Failures a test asks the pipeline to make, so that recovery and accounting are tested on the
 * real steps rather than on copies of them. {@link #NONE} outside tests.
 */
public enum FaultInjection {
  NONE,
  /**
   * The exact dedup's merge fails once per run, after it has merged a bucket and handed on its
   * products: the retry of that task must find its inputs again. "Once" is kept in a marker file
   * in the dedup's folder, which every worker reads.
   */
  FAIL_AFTER_FIRST_MERGE,
  /**
   * The writers drop the first product of every bundle without counting it: the run's
   * accounting must notice.
   */
  DROP_PRODUCTS
}
