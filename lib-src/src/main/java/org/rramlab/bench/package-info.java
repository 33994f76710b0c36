/**
 * Speed benchmarks: commands that print figures (never timed tests), each comparing alternatives in the same run. See
 * docs/performance.md for the figures and the commands.
 *
 * <p>The top: may import anything.
 */
package org.rramlab.bench;
