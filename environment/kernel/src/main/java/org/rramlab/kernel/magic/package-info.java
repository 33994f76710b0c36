/**
 * Magics: splitting a cell into code, line magics and a cell magic ({@link org.rramlab.kernel.magic.CellSource});
 * IJava's {@code %jars}, {@code %classpath} ({@link org.rramlab.kernel.magic.ClasspathMagics}), {@code %maven} and
 * {@code %mavenRepo} ({@link org.rramlab.kernel.magic.MavenMagics}, Apache Maven Resolver); JJava's {@code %time}
 * and {@code %%time} ({@link org.rramlab.kernel.magic.CellTimer}). {@code %load} runs in the kernel itself.
 */
package org.rramlab.kernel.magic;
