package org.rramlab.crossbar;

/** Which cell of a differential pair: G+ (adds to the weight) or G- (subtracts). */
public enum Plane { PLUS, MINUS }
