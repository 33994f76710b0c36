/**
 * General utilities every layer may use: argument {@link org.rramlab.util.Check}s whose messages name the parameter,
 * the value and what was expected; {@link org.rramlab.util.Configs} (records to and from JSON, "what differs from a
 * preset"); {@link org.rramlab.util.AtomicFiles} (files replaced in one move, never half-written).
 *
 * <p>The bottom layer: imports no other rramlab package.
 */
package org.rramlab.util;
