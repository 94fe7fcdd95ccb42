package io.stagegate.criteria;

public enum OpportunityStatus { OPEN, WON, LOST }
