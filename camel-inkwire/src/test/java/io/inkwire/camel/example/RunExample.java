package io.inkwire.camel.example;

import org.apache.camel.main.Main;

/**
 * The README's example: camel-main running {@code example/routes.yaml} against the cluster
 * {@code $CEPH_CONF} names (what {@code eval "$(scripts/ceph-lab start --osd)"} exports). The
 * inbox and outbox are {@code /tmp/inkwire-camel-example/{inbox,outbox}} unless
 * {@code -Dexample.inbox=…}/{@code -Dexample.outbox=…} say otherwise. Stops on Ctrl-C.
 */
public final class RunExample {

    private RunExample() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(create().run(args));
    }

    /** The example's camel-main, not yet run. */
    public static Main create() {
        Main main = new Main();
        main.configure().withRoutesIncludePattern("classpath:example/routes.yaml");
        main.addInitialProperty("example.inbox", System.getProperty("example.inbox", "/tmp/inkwire-camel-example/inbox"));
        main.addInitialProperty("example.outbox", System.getProperty("example.outbox", "/tmp/inkwire-camel-example/outbox"));
        return main;
    }
}
