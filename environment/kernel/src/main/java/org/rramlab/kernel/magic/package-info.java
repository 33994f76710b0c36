/** Line magics as IJava has them: {@code %jars}, {@code %classpath}, {@code %load}, and splitting a cell around them. */
package org.rramlab.kernel.magic;
