/** Small output files on any Hadoop FileSystem (file://, hdfs://, s3a://), written to a temporary path and committed by rename. */
package io.sparkact.io;
