package io.stagegate.sandbox.hubspot;

/**
 * Told of every change the portal makes, in order, on the writing thread while the write lock is held: it must return
 * quickly and never block (hand the change to a queue).
 */
@FunctionalInterface
public interface DealChangeListener {
    void onChange(DealChange change);
}
