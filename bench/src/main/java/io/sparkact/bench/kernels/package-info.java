/**
 * JMH kernels: forward and forward+backward passes over 4M floats of every catalogue activation and layer, next
 * to ND4J's relu (speed reference) and a buffer copy (memory-bandwidth reference), and ND4J-op alternatives of
 * the catalogue functions that ND4J also has.
 */
package io.sparkact.bench.kernels;
