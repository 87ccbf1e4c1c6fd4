package io.molxform.beam;

import java.io.Serializable;

/**
 * A complete shard under its temporary name, waiting to be moved into place.
 *
 * @param destination folder under the output directory
 * @param tempFile full path of the temporary file
 * @param rows rows in the file
 * @param bytes size of the file
 */
public record WrittenShard(String destination, String tempFile, long rows, long bytes)
    implements Serializable {}
