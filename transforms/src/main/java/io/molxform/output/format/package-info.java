/**
 * What a molxform output holds, written by the pipeline's writers and read by the report,
 * {@code verify} and {@code inspect}: the schemas of the product and reject files, their folders,
 * and the manifest ({@code _MANIFEST.json}) that accounts for every row.
 */
package io.molxform.output.format;
