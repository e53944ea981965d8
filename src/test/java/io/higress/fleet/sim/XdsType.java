package io.higress.fleet.sim;

/** The xDS services whose updates a simulated gateway can be told to reject (their {@code update_rejected}). */
public enum XdsType { LDS, CDS, RDS, ECDS }
