package io.molxform.beam;

import java.io.Serializable;

/**
 * A complete shard under its temporary name, waiting to be moved into place.
 *
 * @param destination folder under the output directory
 * @param bucket hash bucket the rows came from
 * @param part index of the file within its bucket
 * @param tempFile full path of the temporary file
 * @param rows rows in the file
 * @param bytes size of the file
 */
public record WrittenShard(
    String destination, int bucket, int part, String tempFile, long rows, long bytes)
    implements Serializable {}
