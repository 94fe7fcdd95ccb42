package io.stagegate.sandbox;

/** The simulated CRMs. */
public enum SandboxCrm { SALESFORCE, HUBSPOT }
