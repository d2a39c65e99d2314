/**
 * JMH benchmarks of inkwire's hot paths: crc and secure frame codecs, CRC32C, AES-GCM providers
 * and the message header codec. Build with {@code mvn -o package} in {@code itests/benchmarks} and
 * run {@code java -jar target/benchmarks.jar}; the test command never runs them.
 */
package io.inkwire.benchmarks;
