package io.stagegate.bench;

import io.stagegate.criteria.Playbook;
import io.stagegate.playbook.PlaybookLoader;
import io.stagegate.sandbox.hubspot.HubSpotPortal;
import io.stagegate.sandbox.org.OrgGenerator;
import io.stagegate.sandbox.salesforce.SalesforceOrg;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * How much heap a seeded sandbox CRM holds: seeds N generated deals (seed 42, the default playbook) into a fresh
 * Salesforce org or HubSpot portal and prints the heap retained after a full collection, per deal. A measurement, not a
 * test; run it as bench/README.md says, in a JVM of its own with enough heap ({@code -Xmx8g} for a million deals).
 *
 * <p>Arguments: {@code salesforce|hubspot} (default salesforce) and the number of deals (default 1,000,000).
 */
public final class SandboxHeap {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC);

    private SandboxHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        String crm = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "salesforce";
        int size = args.length > 1 ? Integer.parseInt(args[1].replace("_", "").replace(",", "")) : 1_000_000;
        Playbook playbook = PlaybookLoader.fromClasspath("playbooks/default-" + crm + ".yaml");
        long empty;
        long seeded;
        long started;
        long millis;
        Object store;
        if (crm.equals("salesforce")) {
            SalesforceOrg org = new SalesforceOrg(playbook, CLOCK, "integration@stagegate.sandbox");
            empty = usedAfterCollection();
            started = System.nanoTime();
            org.seed(new OrgGenerator(playbook, 42, size, CLOCK).deals());
            millis = (System.nanoTime() - started) / 1_000_000;
            seeded = usedAfterCollection();
            store = org;
            List<String> ids = org.opportunityIds();
            long history = 0;
            long fieldHistory = 0;
            long roles = 0;
            int sample = Math.min(ids.size(), 20_000);
            for (int i = 0; i < sample; i++) {
                history += org.opportunityHistory(ids.get(i)).size();
                fieldHistory += org.opportunityFieldHistory(ids.get(i)).size();
                roles += org.contactRoles(ids.get(i)).size();
            }
            System.out.printf(Locale.ROOT, "rows per opportunity (first %,d): %.2f OpportunityHistory, %.2f OpportunityFieldHistory, "
                    + "%.2f OpportunityContactRole%n", sample, history / (double) sample, fieldHistory / (double) sample, roles / (double) sample);
        } else if (crm.equals("hubspot")) {
            HubSpotPortal portal = new HubSpotPortal(playbook, CLOCK, 1);
            empty = usedAfterCollection();
            started = System.nanoTime();
            portal.seed(new OrgGenerator(playbook, 42, size, CLOCK).deals());
            millis = (System.nanoTime() - started) / 1_000_000;
            seeded = usedAfterCollection();
            store = portal;
        } else {
            throw new IllegalArgumentException("first argument: salesforce or hubspot, was " + crm);
        }
        long retained = seeded - empty;
        System.out.printf(Locale.ROOT, "%s: %,d deals seeded in %,d ms; heap retained %,d MB = %,d bytes per deal (max heap %,d MB, %s)%n", crm,
                size, millis, retained >> 20, retained / size, Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.vm.version"));
        Reference.reachabilityFence(store);
    }

    /** Heap in use after full collections (System.gc is a full collection with the default G1). */
    private static long usedAfterCollection() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
